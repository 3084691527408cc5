import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HlsCodegenError } from '../codegen/errors';
import { compileCpp } from '../compile-cpp';
import { projectPaths } from './files';
import type { HlsProject } from './project';
import { writeHlsProject } from './write-project';
import { type ParsedCase, parseTestVectors } from './test-vectors';

export interface CsimOptions {
  /** C++ compiler (default $CXX, else g++). */
  readonly compiler?: string;
  /** Optimisation level (default 1). */
  readonly optimize?: 0 | 1 | 2 | 3;
  /** Kill the simulation after this many milliseconds (default 120000). */
  readonly timeoutMs?: number;
  /** When given a project object: keep the temporary folder it is written to (default false). */
  readonly keep?: boolean;
  /** Count the iterations of every kernel's pipelined loop (-DSCANFLOW_CSIM_TRIPS) and report them per case. */
  readonly trips?: boolean;
}

export interface CsimMismatch {
  readonly port: string;
  readonly index: number;
  readonly got: bigint;
  readonly expected: bigint;
}

export interface CsimResult {
  readonly passed: boolean;
  readonly exitCode: number;
  /** Output elements compared. */
  readonly checked: number;
  /** All mismatches counted by the testbench (missing / extra beats and TLAST errors included). */
  readonly mismatchCount: number;
  /** The first mismatching elements, as printed by the testbench. */
  readonly mismatches: readonly CsimMismatch[];
  readonly stdout: string;
  /** Project folder the simulation ran in (removed afterwards for a project object unless keep). */
  readonly dir: string;
  /** The output ports' elements as the C++ computed them, per test case (absent when the run wrote none). */
  readonly actual?: readonly ParsedCase[];
  /** With `trips`: per test case, kernel name → iterations of its pipelined loop. */
  readonly trips?: readonly Map<string, number>[];
}

/** Parses the testbench's output (MISMATCH lines and the SCANFLOW CSIM summary). */
export function parseCsimOutput(stdout: string, exitCode: number): Omit<CsimResult, 'stdout' | 'dir' | 'actual'> {
  const mismatches: CsimMismatch[] = [];
  for (const m of stdout.matchAll(/^MISMATCH port=(\S+) index=(\d+) got=(-?\d+) expected=(-?\d+)$/gm)) {
    mismatches.push({ port: m[1]!, index: Number(m[2]), got: BigInt(m[3]!), expected: BigInt(m[4]!) });
  }
  const summary = /^SCANFLOW CSIM (PASS|FAIL) checked=(\d+) mismatches=(\d+)$/m.exec(stdout);
  return {
    passed: exitCode === 0 && summary?.[1] === 'PASS',
    exitCode,
    checked: summary ? Number(summary[2]) : 0,
    mismatchCount: summary ? Number(summary[3]) : mismatches.length,
    mismatches,
  };
}

function topOf(dir: string): string {
  const manifest = join(dir, projectPaths.manifest);
  if (!existsSync(manifest)) throw new HlsCodegenError(`'${dir}' is not a generated scanflow HLS project (no ${projectPaths.manifest})`);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { top: string }).top;
}

function simulate(dir: string, options: CsimOptions): CsimResult {
  const top = topOf(dir);
  for (const f of [projectPaths.inputs, projectPaths.expected]) {
    if (!existsSync(join(dir, f))) throw new HlsCodegenError(`C-simulation needs ${f}: generate the project with testVectors`);
  }
  mkdirSync(join(dir, 'build'), { recursive: true });
  const binary = join(dir, 'build', `${top}_csim`);
  compileCpp({
    sources: [join(dir, projectPaths.testbench(top)), join(dir, projectPaths.topSource(top))],
    output: binary,
    includeDirs: [join(dir, 'src')],
    optimize: options.optimize ?? 1,
    ...(options.trips ? { defines: { SCANFLOW_CSIM_TRIPS: true } } : {}),
    ...(options.compiler ? { compiler: options.compiler } : {}),
  });
  let stdout = '';
  let exitCode = 0;
  const actualFile = join(dir, 'build', 'actual.txt');
  rmSync(actualFile, { force: true });
  try {
    stdout = execFileSync(binary, [join(dir, 'tb'), actualFile], { encoding: 'utf8', timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const e = error as { status?: number | null; stdout?: string | Buffer };
    stdout = e.stdout === undefined ? '' : e.stdout.toString();
    exitCode = e.status ?? -1;
  }
  let actual: ParsedCase[] | undefined;
  try {
    if (existsSync(actualFile)) actual = parseTestVectors(readFileSync(actualFile, 'utf8'));
  } catch {
    actual = undefined; // a run that stopped half-way wrote an incomplete file
  }
  let trips: Map<string, number>[] | undefined;
  if (options.trips) {
    trips = [];
    for (const m of stdout.matchAll(/^TRIPS case=(\d+) kernel=(\S+) count=(\d+)$/gm)) {
      const k = Number(m[1]);
      (trips[k] ??= new Map()).set(m[2]!, Number(m[3]));
    }
  }
  return { ...parseCsimOutput(stdout, exitCode), stdout, dir, ...(actual ? { actual } : {}), ...(trips ? { trips } : {}) };
}

/**
 * Builds the project's testbench with g++ and the emulation headers (-Wall -Wextra -Werror) and
 * runs it. `target` is a folder written by writeHlsProject, or a project (written to a temporary
 * folder first).
 */
export function runCsim(target: string | HlsProject, options: CsimOptions = {}): CsimResult {
  if (typeof target === 'string') return simulate(target, options);
  const dir = mkdtempSync(join(tmpdir(), 'scanflow-csim-'));
  try {
    writeHlsProject(target, dir);
    return simulate(dir, options);
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}
