import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Plugin, quoteName } from '@scanflow/ir';
import { UsageError } from '../cli-error';

/** What a plugin module may export (default export, or `plugin` / `plugins`): a plugin, a factory, or a list of them. */
type PluginExport = Plugin | (() => Plugin | readonly Plugin[]) | readonly (Plugin | (() => Plugin))[];

function isPlugin(v: unknown): v is Plugin {
  return typeof v === 'object' && v !== null && typeof (v as Plugin).name === 'string' && (v as Plugin).name !== '';
}

/** The plugins a module's export stands for (factories are called with no arguments). */
export function pluginsOf(value: unknown, where: string): Plugin[] {
  const one = (v: unknown): Plugin[] => {
    const made = typeof v === 'function' ? (v as () => unknown)() : v;
    if (Array.isArray(made)) return made.flatMap(one);
    if (!isPlugin(made)) throw new UsageError(`${where}: exports no scanflow plugin (expected an object with a name, a factory returning one, or a list of them)`);
    return [made];
  };
  return one(value);
}

/** The URL to import a plugin specifier from: a path (relative to `cwd`), or a package resolved from `cwd`. */
function resolveSpecifier(spec: string, cwd: string): string {
  if (spec.startsWith('.') || isAbsolute(spec)) return pathToFileURL(resolve(cwd, spec)).href;
  try {
    return pathToFileURL(createRequire(join(cwd, 'package.json')).resolve(spec)).href;
  } catch {
    return spec; // let import() resolve it (and say why it cannot)
  }
}

/**
 * `--plugin <module>` and the config file's `plugins`: imports the module (a file path or a package
 * name, resolved from the working folder) and returns its plugins. A module that cannot be loaded or
 * exports no plugin is a command-line problem (exit 2), named in one line.
 */
export async function loadPluginModule(spec: string, cwd: string): Promise<Plugin[]> {
  const where = `--plugin ${quoteName(spec)}`;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(resolveSpecifier(spec, cwd))) as Record<string, unknown>;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${where}: cannot load the module (${code ?? (e as Error).message.split('\n')[0]})`, { cause: e });
  }
  const exported = (mod.default ?? mod.plugins ?? mod.plugin) as PluginExport | undefined;
  if (exported === undefined) throw new UsageError(`${where}: the module has no default export (nor 'plugin' / 'plugins')`);
  try {
    return pluginsOf(exported, where);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${where}: its plugin factory failed (${(e as Error).message.split('\n')[0]})`, { cause: e });
  }
}
