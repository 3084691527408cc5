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
  private byOp: Map<string, OpSchema[]> | undefined;

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

  /** Every schema registered for an op (all opsets), oldest first. */
  versions(domain: string, opType: string): OpSchema[] {
    if (!this.byOp) {
      this.byOp = new Map();
      for (const s of this.registry.list('ops')) {
        const k = `${normalizeDomain(s.domain)}::${s.opType}`;
        const list = this.byOp.get(k);
        if (list) list.push(s);
        else this.byOp.set(k, [s]);
      }
      for (const list of this.byOp.values()) list.sort((a, b) => (a.since ?? 1) - (b.since ?? 1));
    }
    return this.byOp.get(`${normalizeDomain(domain)}::${opType}`) ?? [];
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
