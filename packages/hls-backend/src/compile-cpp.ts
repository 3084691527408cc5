import { execFileSync } from 'node:child_process';
import { ScanflowError } from '@scanflow/ir';
import { emulationIncludeDir, kernelIncludeDir } from './paths';

/** A C++ build for C-simulation failed (missing compiler, bad options, or compiler diagnostics). */
export class CppCompileError extends ScanflowError {
  /** The compiler's standard error output (diagnostics), '' if it never ran. */
  readonly stderr: string;
  /** The full argument list the compiler was given. */
  readonly args: readonly string[];

  constructor(message: string, stderr = '', args: readonly string[] = [], options?: { cause?: unknown }) {
    // the C++ toolchain (missing, broken, or refusing the code): an environment problem, exit 1 in the CLI
    super('CPP_COMPILE_FAILED', message, { ...options, category: 'environment' });
    this.name = 'CppCompileError';
    this.stderr = stderr;
    this.args = args;
  }
}

export interface CompileCppOptions {
  /** C++ source files (paths). */
  readonly sources: readonly string[];
  /** Path of the executable to write. */
  readonly output: string;
  /** Extra include directories, searched after the emulation and kernel directories. */
  readonly includeDirs?: readonly string[];
  /**
   * Put {@link emulationIncludeDir} first on the include path (default true). Turn it off only to
   * build against a real Vitis installation's headers given in `includeDirs`.
   */
  readonly emulation?: boolean;
  /** Preprocessor definitions: `true` defines the name, other values become `-DNAME=value`. */
  readonly defines?: Readonly<Record<string, string | number | true>>;
  /** Language standard (default 'c++14', what Vitis HLS accepts). */
  readonly std?: string;
  /** Optimisation level (default 1: fast enough to build and to run C-simulations). */
  readonly optimize?: 0 | 1 | 2 | 3;
  /** `-Wall -Wextra -Werror` (default true). The kernels and the emulation build cleanly with them. */
  readonly strictWarnings?: boolean;
  /** Appended as given, after everything else (before the sources). */
  readonly extraArgs?: readonly string[];
  /** Compiler executable (default: $CXX, else 'g++'). */
  readonly compiler?: string;
  /** Working directory of the compiler (default: the current one). */
  readonly cwd?: string;
  /** Kill the compiler after this many milliseconds (default 300000). */
  readonly timeoutMs?: number;
}

export interface CompileCppResult {
  readonly compiler: string;
  readonly args: readonly string[];
  readonly output: string;
}

const DEFINE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The compiler to use when none is given: $CXX, else g++. */
export function defaultCppCompiler(): string {
  const cxx = process.env['CXX'];
  return cxx !== undefined && cxx.trim() !== '' ? cxx.trim() : 'g++';
}

/**
 * The exact compiler arguments {@link compileCpp} uses, e.g.
 * `-std=c++14 -O1 -Wall -Wextra -Werror -I <emu> -I <include> -o out main.cpp`.
 * Useful for writing the same command into a generated build script.
 */
export function cppCompileArgs(options: CompileCppOptions): string[] {
  if (options.sources.length === 0) {
    throw new CppCompileError(`no C++ sources given to compile into '${options.output}'`);
  }
  const args = [`-std=${options.std ?? 'c++14'}`, `-O${options.optimize ?? 1}`];
  if (options.strictWarnings ?? true) args.push('-Wall', '-Wextra', '-Werror');
  for (const [name, value] of Object.entries(options.defines ?? {})) {
    if (!DEFINE_NAME.test(name)) {
      throw new CppCompileError(`preprocessor definition name '${name}' is not a C identifier`);
    }
    args.push(value === true ? `-D${name}` : `-D${name}=${String(value)}`);
  }
  if (options.emulation ?? true) args.push('-I', emulationIncludeDir());
  args.push('-I', kernelIncludeDir());
  for (const dir of options.includeDirs ?? []) args.push('-I', dir);
  args.push(...(options.extraArgs ?? []));
  args.push('-o', options.output, ...options.sources);
  return args;
}

/**
 * Compile (and link) a C-simulation program with g++ against the kernel library and the ap_int /
 * hls::stream emulation. Throws {@link CppCompileError} with the compiler's diagnostics on failure.
 */
export function compileCpp(options: CompileCppOptions): CompileCppResult {
  const compiler = options.compiler ?? defaultCppCompiler();
  const args = cppCompileArgs(options);
  try {
    execFileSync(compiler, args, {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { status?: number | null; stderr?: Buffer | string };
    const files = options.sources.join(', ');
    if (e.code === 'ENOENT') {
      throw new CppCompileError(`C++ compiler '${compiler}' not found (needed to compile ${files})`, '', args, {
        cause: error,
      });
    }
    const stderr = e.stderr === undefined ? '' : e.stderr.toString();
    const shown = stderr.split('\n').slice(0, 60).join('\n');
    throw new CppCompileError(
      `${compiler} failed to compile ${files} (exit status ${e.status ?? 'unknown'}):\n${shown}`,
      stderr,
      args,
      { cause: error },
    );
  }
  return { compiler, args, output: options.output };
}

/** True if the C++ compiler can be run (`<compiler> --version` succeeds). */
export function hasCppCompiler(compiler: string = defaultCppCompiler()): boolean {
  try {
    execFileSync(compiler, ['--version'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}
