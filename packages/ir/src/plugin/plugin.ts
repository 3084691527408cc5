import type { OpSchema } from '../ops/op-schema';

/**
 * What a plugin may contribute. `@scanflow/ir` declares `ops`; other packages add their own kinds
 * by declaration merging, which keeps third-party plugins fully typed:
 *
 * ```ts
 * declare module '@scanflow/ir' {
 *   interface PluginContributions { kernels?: KernelDefinition[] }
 * }
 * ```
 *
 * Every contribution is an object with either a `name` (passes, boards) or a
 * `domain` + `opType` (+ `since`, default 1) key; see `contributionKey`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PluginContributions {
  /** Op schemas: attribute specs, shape and datatype inference. */
  ops?: OpSchema[];
}

export type ContributionKind = keyof PluginContributions;
export type ContributionOf<K extends ContributionKind> = NonNullable<PluginContributions[K]> extends (infer T)[] ? T : never;

export interface Plugin extends PluginContributions {
  /** Unique plugin name, usually the npm package name (e.g. `@scanflow/sim:core-kernels`). */
  name: string;
  version?: string;
  /** When true, this plugin's contributions replace earlier ones with the same key instead of raising. */
  override?: boolean;
}

/** Identity helper giving a plugin object literal its full type. */
export function definePlugin<P extends Plugin>(plugin: P): P {
  return plugin;
}

/** The keys a contribution can be identified by. */
export interface Keyed {
  name?: string;
  domain?: string;
  opType?: string;
  since?: number;
  override?: boolean;
}
