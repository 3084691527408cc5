import type { Graph } from '../graph/graph';
import { quoteName } from '../text/escape';

/** The names a graph defines, linked to those of the enclosing graphs (for subgraphs). */
export class NameScope {
  readonly names = new Set<string>();

  constructor(
    readonly parent?: NameScope,
    /**
     * Per enclosing graph, the names defined before the node holding this subgraph (its inputs,
     * initializers and the outputs of earlier nodes): what ONNX's checker has in scope there, and
     * what a node output of this graph may not reuse.
     */
    readonly outerBefore: readonly ReadonlySet<string>[] = [],
  ) {}

  /** Whether an enclosing graph defined `name` before the node holding this subgraph (shadowing it is not allowed). */
  inAncestors(name: string): boolean {
    for (const s of this.outerBefore) if (s.has(name)) return true;
    return false;
  }

  /** Whether `name` is defined here or anywhere in an enclosing graph (a subgraph may read it). */
  visible(name: string): boolean {
    for (let s: NameScope | undefined = this; s; s = s.parent) if (s.names.has(name)) return true;
    return false;
  }
}

/** What the rules see of one graph. */
export interface GraphCheck {
  readonly graph: Graph;
  /** For messages: `graph 'main'`, `graph 'main' > node 'loop' (Scan) > graph 'body'`. */
  readonly where: string;
  /** Names the graph defines (filled by the single-assignment rule) and, through `parent`, its ancestors'. */
  readonly scope: NameScope;
  readonly depth: number;
  report(rule: string, message: string): void;
}

/** `graph 'name'` with the name quoted and escaped. */
export function graphLabel(graph: Graph): string {
  return `graph ${quoteName(graph.name)}`;
}
