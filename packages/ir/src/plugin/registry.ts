import { ScanflowError, UnsupportedOpError } from '../errors';
import { normalizeDomain } from '../graph/node';
import type { ContributionKind, ContributionOf, Keyed, Plugin } from './plugin';

/** Raised when two plugins contribute the same key and neither says it overrides. */
export class DuplicateContributionError extends ScanflowError {
  constructor(message: string) {
    super('DUPLICATE_CONTRIBUTION', message);
    this.name = 'DuplicateContributionError';
  }
}

/** The identity of a contribution: its `name`, or `domain::opType@since`. */
export function contributionKey(item: Keyed): string {
  if (item.opType !== undefined) return `${normalizeDomain(item.domain)}::${item.opType}@${item.since ?? 1}`;
  if (item.name !== undefined) return item.name;
  throw new ScanflowError('BAD_CONTRIBUTION', 'a plugin contribution needs a name or an opType');
}

interface Entry {
  item: Keyed;
  plugin: Plugin;
}

/**
 * A registry of plugins. Not a singleton: each compiler, simulator or test makes its own with
 * `createRegistry().use(plugin)`. Using the same plugin object twice is a no-op.
 */
export class Registry {
  private readonly pluginList: Plugin[] = [];
  private readonly byKind = new Map<string, Map<string, Entry>>();
  /** Per kind: op-keyed contributions by `domain::opType`, built on the first `find` after a `use`. */
  private opIndex = new Map<string, Map<string, Keyed[]>>();

  /** Registers one plugin or several, in order. Returns the registry for chaining. */
  use(plugin: Plugin | readonly Plugin[]): this {
    if (Array.isArray(plugin)) {
      for (const p of plugin as readonly Plugin[]) this.use(p);
      return this;
    }
    const p = plugin as Plugin;
    if (this.pluginList.includes(p)) return this;
    if (typeof p.name !== 'string' || p.name === '') throw new ScanflowError('BAD_PLUGIN', 'a plugin needs a non-empty name');
    const clash = this.pluginList.find((q) => q.name === p.name);
    if (clash && !p.override) throw new DuplicateContributionError(`plugin '${p.name}' is already registered`);
    // Check every key before changing anything, so a failed use() leaves the registry as it was.
    const staged: [string, string, Entry][] = [];
    for (const [kind, value] of Object.entries(p)) {
      if (!Array.isArray(value)) continue;
      const table = this.byKind.get(kind);
      const seen = new Set<string>();
      for (const item of value as Keyed[]) {
        const key = contributionKey(item);
        if (seen.has(key)) throw new DuplicateContributionError(`plugin '${p.name}' contributes ${kind} '${key}' twice`);
        seen.add(key);
        const prev = table?.get(key);
        if (prev && !p.override && !item.override) {
          throw new DuplicateContributionError(
            `plugin '${p.name}' contributes ${kind} '${key}', already contributed by '${prev.plugin.name}' (set override: true to replace it)`,
          );
        }
        staged.push([kind, key, { item, plugin: p }]);
      }
    }
    for (const [kind, key, entry] of staged) {
      let table = this.byKind.get(kind);
      if (!table) this.byKind.set(kind, (table = new Map()));
      table.set(key, entry);
    }
    this.pluginList.push(p);
    this.opIndex = new Map();
    return this;
  }

  get plugins(): readonly Plugin[] {
    return this.pluginList;
  }

  /** Every contribution of a kind, in registration order. */
  list<K extends ContributionKind>(kind: K): ContributionOf<K>[] {
    return [...(this.byKind.get(kind)?.values() ?? [])].map((e) => e.item as ContributionOf<K>);
  }

  /** A named contribution (passes, boards ...). */
  get<K extends ContributionKind>(kind: K, name: string): ContributionOf<K> | undefined {
    return this.byKind.get(kind)?.get(name)?.item as ContributionOf<K> | undefined;
  }

  /** The plugin that contributed `key` of `kind`. */
  ownerOf(kind: ContributionKind, key: string): Plugin | undefined {
    return this.byKind.get(kind)?.get(key)?.plugin;
  }

  /**
   * The op-keyed contribution for (domain, opType) in force at opset `version`: the one with the
   * largest `since` not above `version`. Undefined when none matches.
   */
  find<K extends ContributionKind>(kind: K, domain: string, opType: string, version = Number.MAX_SAFE_INTEGER): ContributionOf<K> | undefined {
    const d = normalizeDomain(domain);
    let index = this.opIndex.get(kind);
    if (!index) {
      index = new Map();
      for (const { item } of this.byKind.get(kind)?.values() ?? []) {
        if (item.opType === undefined) continue;
        const k = `${normalizeDomain(item.domain)}::${item.opType}`;
        const list = index.get(k);
        if (list) list.push(item);
        else index.set(k, [item]);
      }
      this.opIndex.set(kind, index);
    }
    let best: Keyed | undefined;
    for (const item of index.get(`${d}::${opType}`) ?? []) {
      const since = item.since ?? 1;
      if (since <= version && (!best || since > (best.since ?? 1))) best = item;
    }
    return best as ContributionOf<K> | undefined;
  }

  /** Like `find`, but throws an UnsupportedOpError naming what was looked for. */
  require<K extends ContributionKind>(kind: K, domain: string, opType: string, version?: number, where = ''): ContributionOf<K> {
    const found = this.find(kind, domain, opType, version);
    if (found) return found;
    const d = normalizeDomain(domain);
    const versions = this.list(kind)
      .map((i) => i as Keyed)
      .filter((i) => i.opType === opType && normalizeDomain(i.domain) === d)
      .map((i) => i.since ?? 1);
    const op = d ? `${d}::${opType}` : opType;
    const hint = versions.length ? ` (registered from opset ${versions.sort((a, b) => a - b).join(', ')})` : '';
    throw new UnsupportedOpError(`${where ? `${where}: ` : ''}no ${String(kind)} registered for ${op} at opset ${version ?? 'any'}${hint}`);
  }
}

export function createRegistry(plugins: readonly Plugin[] = []): Registry {
  return new Registry().use(plugins);
}
