import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Plugin, quoteName } from '@scanflow/ir';
import { UsageError } from '../cli-error';
import { loadPluginModule, pluginsOf } from './load-plugins';

/**
 * scanflow.config.{js,mjs,json}: what a project sets once instead of on every command line — the
 * role FINN's build configuration and hls4ml's YAML play. Every key is optional; command-line flags
 * win over it.
 */
export interface ScanflowConfig {
  /** Plugin modules (paths relative to the config file, or package names), or plugin objects (.js only). */
  plugins?: (string | Plugin)[];
  /** Default --board. */
  board?: string;
  /** Default --folding file (relative to the config file). */
  folding?: string;
  /** Stage pipelines replacing the assembled ones, as text: { "streamlined": "pass-a,pass-b" }. */
  pipelines?: Record<string, string>;
}

/** The config file's contents and the plugins it names, loaded. */
export interface LoadedConfig {
  path?: string;
  board?: string;
  folding?: string;
  pipelines?: Record<string, string>;
  plugins: Plugin[];
}

const NAMES = ['scanflow.config.js', 'scanflow.config.mjs', 'scanflow.config.json'];
const KEYS = new Set(['plugins', 'board', 'folding', 'pipelines']);

async function readConfig(path: string): Promise<unknown> {
  if (path.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as unknown;
    } catch (e) {
      throw new UsageError(`config ${quoteName(path)}: not valid JSON (${(e as Error).message})`);
    }
  }
  try {
    const mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
    return mod.default;
  } catch (e) {
    throw new UsageError(`config ${quoteName(path)}: cannot load it (${(e as Error).message.split('\n')[0]})`, { cause: e });
  }
}

/**
 * Finds and loads the config: `--config FILE`, else the first of scanflow.config.js / .mjs / .json
 * in the working folder, else none. Unknown keys and wrong types are usage errors (exit 2).
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const path = explicit !== undefined ? resolve(cwd, explicit) : NAMES.map((n) => resolve(cwd, n)).find((p) => existsSync(p));
  if (path === undefined) return { plugins: [] };
  if (!existsSync(path)) throw new UsageError(`--config ${quoteName(explicit!)}: no such file`);
  const raw = await readConfig(path);
  const where = `config ${quoteName(path)}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`${where}: expected an object with plugins, board, folding and / or pipelines`);
  const c = raw as Record<string, unknown>;
  for (const k of Object.keys(c)) if (!KEYS.has(k)) throw new UsageError(`${where}: unknown key '${k}' (allowed: ${[...KEYS].join(', ')})`);
  const text = (k: string): string | undefined => {
    if (c[k] === undefined) return undefined;
    if (typeof c[k] !== 'string') throw new UsageError(`${where}: '${k}' must be a string`);
    return c[k] as string;
  };
  const plugins: Plugin[] = [];
  if (c.plugins !== undefined) {
    if (!Array.isArray(c.plugins)) throw new UsageError(`${where}: 'plugins' must be a list`);
    for (const p of c.plugins as unknown[]) plugins.push(...(typeof p === 'string' ? await loadPluginModule(p, dirname(path)) : pluginsOf(p, `${where} plugins`)));
  }
  let pipelines: Record<string, string> | undefined;
  if (c.pipelines !== undefined) {
    const p = c.pipelines;
    if (typeof p !== 'object' || p === null || Array.isArray(p) || Object.values(p).some((v) => typeof v !== 'string')) throw new UsageError(`${where}: 'pipelines' must map stage names to pipeline text`);
    pipelines = { ...(p as Record<string, string>) };
  }
  const folding = text('folding');
  const board = text('board');
  return { path, plugins, ...(board !== undefined ? { board } : {}), ...(folding !== undefined ? { folding: resolve(dirname(path), folding) } : {}), ...(pipelines ? { pipelines } : {}) };
}
