import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { quoteName } from '@scanflow/ir';
import { EnvironmentError, UsageError } from './cli-error';
import { describeErrno } from './report-error';

export interface OutputFolderOptions {
  /** The flag that named the folder, for messages: '--out', '--outputs'. */
  flag: string;
  /** Replace a non-empty folder (as a whole). */
  force: boolean;
  /** Paths the command reads (model, inputs): the folder may not contain them, as replacing it would delete them. */
  reads?: readonly (string | undefined)[];
}

const STAGING = '.scanflow-staging-';
const OLD = '.scanflow-old-';

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Cleans up after an interrupted run (a process no longer alive) beside `target`: its staging
 * folder is removed; its old folder — the previous result, moved aside just before the swap — is
 * put back if the run died before the new one took its place, and removed otherwise.
 */
function removeStale(parent: string, base: string): void {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const e of entries) {
    for (const kind of [STAGING, OLD]) {
      const prefix = `.${base}${kind}`;
      if (!e.startsWith(prefix)) continue;
      const pid = Number(e.slice(prefix.length).split('-')[0]);
      if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
      if (kind === OLD && !lstatExists(join(parent, base))) renameSync(join(parent, e), join(parent, base));
      else rmSync(join(parent, e), { recursive: true, force: true });
    }
  }
}

/**
 * An output folder built out of sight and moved into place only when everything succeeded:
 * `open` checks the folder the user named (a folder or nothing; never a symbolic link; empty
 * unless --force; not holding what the command reads) and creates a fresh staging folder beside
 * it (same file system); the command writes only into that fresh folder; `commit` swaps it in,
 * replacing the old folder as a whole (nothing of an earlier run stays); `abort` removes it and
 * leaves the old state untouched. Nothing is written through a symbolic link or outside the
 * named folder (and its staging sibling). A staging folder left by a killed run is removed by the
 * next run for the same folder.
 */
export class OutputFolder {
  private done = false;

  private constructor(
    /** The folder the user named (absolute). */
    readonly target: string,
    /** The staging folder the command writes into. */
    readonly path: string,
    private readonly flag: string,
    private readonly existed: boolean,
    private readonly mode: number,
  ) {}

  static open(given: string, options: OutputFolderOptions): OutputFolder {
    const target = resolve(given);
    const name = `${options.flag} ${quoteName(given)}`;
    const parent = dirname(target);
    const base = basename(target);
    if (target === parent || base === '' || base === '.' || base === '..') throw new UsageError(`${name} cannot be replaced (it is a root or special folder); name a folder to write into`);
    // first undo what a killed run left, so that the checks below see the folder as the user has it
    removeStale(parent, base);
    let existed = false;
    let mode = 0o755;
    try {
      const st = lstatSync(target);
      if (st.isSymbolicLink()) throw new UsageError(`${name} is a symbolic link; scanflow never writes through links: name the real folder`);
      if (!st.isDirectory()) throw new UsageError(`${name} exists and is not a folder`);
      existed = true;
      mode = st.mode & 0o777;
      if (readdirSync(target).length > 0) {
        if (!options.force) throw new UsageError(`${name} exists and is not empty; pass --force to replace it as a whole (its current files are removed)`);
        for (const r of options.reads ?? []) {
          if (r && inside(target, resolve(r))) throw new UsageError(`${name} holds ${quoteName(r)}, which this command reads; replacing the folder would delete it: choose another folder`);
        }
        if (inside(target, process.cwd())) throw new UsageError(`${name} holds the current folder; replacing it would delete the folder you are in: choose another folder`);
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        if (e instanceof UsageError) throw e;
        throw new EnvironmentError('OUTPUT_UNUSABLE', `${name}: ${describeErrno(e as NodeJS.ErrnoException)}`, { cause: e });
      }
    }
    let path: string;
    try {
      mkdirSync(parent, { recursive: true });
      if (!statSync(parent).isDirectory()) throw new UsageError(`${name}: ${quoteName(parent)} is not a folder`);
      path = mkdtempSync(join(parent, `.${base}${STAGING}${process.pid}-`));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new EnvironmentError('OUTPUT_UNUSABLE', `${name}: cannot create a folder beside it: ${describeErrno(e as NodeJS.ErrnoException)}`, { cause: e });
    }
    return new OutputFolder(target, path, options.flag, existed, mode);
  }

  /** The absolute path of `rel` inside the staging folder (a plain relative path, checked). */
  file(rel: string): string {
    const parts = rel.split(/[\\/]/);
    if (!rel || isAbsolute(rel) || parts.some((p) => p === '' || p === '.' || p === '..') || rel.includes('\0')) {
      throw new EnvironmentError('OUTPUT_PATH', `refusing to write ${quoteName(rel)}: not a plain relative path inside ${this.flag}`);
    }
    return join(this.path, rel);
  }

  /** Writes a new file (never replacing one, never through a link) into the staging folder. */
  writeFile(rel: string, data: string | Uint8Array): void {
    const full = this.file(rel);
    try {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, data, { flag: 'wx' });
    } catch (e) {
      throw this.writeError(rel, e);
    }
  }

  /** The error for a failed write of `rel` (disk full, permissions ...), naming the folder. */
  writeError(rel: string, e: unknown): EnvironmentError {
    const why = (e as NodeJS.ErrnoException)?.code ? describeErrno(e as NodeJS.ErrnoException) : (e as Error)?.message ?? String(e);
    return new EnvironmentError('OUTPUT_WRITE', `cannot write ${quoteName(rel)} for ${this.flag} ${quoteName(this.target)}: ${why}; nothing was changed there`, { cause: e });
  }

  /** Moves the finished folder into place, replacing the old one as a whole. */
  commit(): void {
    if (this.done) return;
    this.done = true;
    const parent = dirname(this.target);
    try {
      chmodSync(this.path, this.mode);
    } catch {
      // keep the staging folder's own mode
    }
    let old: string | undefined;
    try {
      if (this.existed || lstatExists(this.target)) {
        old = join(parent, `.${basename(this.target)}${OLD}${process.pid}-${basename(this.path).split('-').pop()}`);
        renameSync(this.target, old); // renames a link itself, never what it points to
      }
      renameSync(this.path, this.target);
    } catch (e) {
      if (old) {
        try {
          renameSync(old, this.target);
        } catch {
          // leave it where it is; the message names it
        }
      }
      rmSync(this.path, { recursive: true, force: true });
      throw new EnvironmentError('OUTPUT_WRITE', `cannot move the result into ${this.flag} ${quoteName(this.target)}: ${describeErrno(e as NodeJS.ErrnoException)}; nothing was changed there`, { cause: e });
    }
    if (old) rmSync(old, { recursive: true, force: true });
  }

  /** Removes the staging folder; the named folder stays as it was. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    rmSync(this.path, { recursive: true, force: true });
  }
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `build` with a fresh OutputFolder for `target` and moves the result into place when `build`
 * returns true; a false return or an exception removes it, leaving the named folder as it was.
 */
export function buildOutputFolder<T extends { ok: boolean }>(target: string, options: OutputFolderOptions, build: (folder: OutputFolder) => T): T {
  const folder = OutputFolder.open(target, options);
  try {
    const result = build(folder);
    if (result.ok) folder.commit();
    else folder.abort();
    return result;
  } catch (e) {
    folder.abort();
    throw e;
  }
}
