import type { Graph } from '../graph/graph';
import { quoteName } from '../text/escape';

/** The names a graph defines, linked to those of the enclosing graphs (for subgraphs). */
export class NameScope {
  readonly names = new Set<string>();

  constructor(readonly parent?: NameScope) {}

  /** Whether an enclosing graph (not this one) defines `name`. */
  inAncestors(name: string): boolean {
    for (let s = this.parent; s; s = s.parent) if (s.names.has(name)) return true;
    return false;
  }

  visible(name: string): boolean {
    return this.names.has(name) || this.inAncestors(name);
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
