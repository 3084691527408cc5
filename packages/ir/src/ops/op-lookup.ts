import type { Model } from '../graph/model';
import { type Node, normalizeDomain } from '../graph/node';
import type { Registry } from '../plugin/registry';
import type { OpSchema } from './op-schema';
import type { LoopBinding, OpTraits } from './op-traits';

const NONE: OpTraits = Object.freeze({});

/**
 * The op schemas of one model's nodes, from a registry: each node's schema at the opset its model
 * imports for the node's domain, looked up once per (domain, op type, opset). Passes read op traits
 * through it (`ops.traits(node).elementwise`) instead of keeping lists of op names.
 */
export class OpLookup {
  private readonly cache = new Map<string, OpSchema | null>();

  constructor(
    readonly registry: Registry,
    readonly model: Model,
  ) {}

  /** The schema in force for `node`, or undefined when no plugin registered its op. */
  schema(node: Node): OpSchema | undefined {
    const opset = this.model.opsetVersion(node.domain);
    const key = `${normalizeDomain(node.domain)}::${node.opType}@${opset}`;
    let found = this.cache.get(key);
    if (found === undefined) {
      found = this.registry.find('ops', node.domain, node.opType, opset) ?? null;
      this.cache.set(key, found);
    }
    return found ?? undefined;
  }

  /** The node's op traits (empty when its op has none or is unknown). */
  traits(node: Node): OpTraits {
    return this.schema(node)?.traits ?? NONE;
  }

  /** How the node's values flow through its body when its op is a loop (Scan, Recurrence), else undefined. */
  loop(node: Node): LoopBinding | undefined {
    return this.traits(node).subgraphs?.loop?.(node);
  }
}
