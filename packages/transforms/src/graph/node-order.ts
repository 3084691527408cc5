import type { Node } from '@scanflow/ir';

interface Entry {
  node: Node;
  label: number;
  prev: Entry | null;
  next: Entry | null;
  alive: boolean;
}

const GAP = 2 ** 20;

/**
 * The order of a graph's nodes while a rewrite driver edits it: a doubly linked list whose entries
 * carry increasing numeric labels, so that inserting or removing a node costs O(1) (amortised: when
 * two neighbours leave no room between their labels, every label is renumbered) and comparing two
 * nodes' positions costs O(1). `toArray` gives the order as a node list.
 */
export class NodeOrder {
  private readonly entries = new Map<Node, Entry>();
  private head: Entry | null = null;
  private tail: Entry | null = null;

  constructor(nodes: readonly Node[]) {
    for (const n of nodes) this.link(n, this.tail, null);
  }

  has(node: Node): boolean {
    return this.entries.get(node)?.alive === true;
  }

  /** The node's position label (smaller: earlier); undefined for a node not in the order. */
  label(node: Node): number | undefined {
    const e = this.entries.get(node);
    return e?.alive ? e.label : undefined;
  }

  first(): Node | undefined {
    return this.head?.node;
  }

  /** The live node after `node` (which may itself have been removed: then the first live one after where it was). */
  after(node: Node): Node | undefined {
    let e = this.entries.get(node)?.next ?? null;
    while (e && !e.alive) e = e.next;
    return e?.node;
  }

  insertBefore(anchor: Node, node: Node): void {
    const a = this.live(anchor);
    this.link(node, a.prev, a);
  }

  insertAfter(anchor: Node, node: Node): void {
    const a = this.live(anchor);
    this.link(node, a, a.next);
  }

  append(node: Node): void {
    this.link(node, this.tail, null);
  }

  /** Unlinks `node`; its entry keeps its `next` so that `after(node)` still finds where the walk goes on. */
  remove(node: Node): void {
    const e = this.live(node);
    e.alive = false;
    if (e.prev) e.prev.next = e.next;
    else this.head = e.next;
    if (e.next) e.next.prev = e.prev;
    else this.tail = e.prev;
  }

  toArray(): Node[] {
    const out: Node[] = [];
    for (let e = this.head; e; e = e.next) out.push(e.node);
    return out;
  }

  private live(node: Node): Entry {
    const e = this.entries.get(node);
    if (!e?.alive) throw new Error(`node ${node.label} is not in the graph`);
    return e;
  }

  private link(node: Node, prev: Entry | null, next: Entry | null): void {
    if (this.entries.get(node)?.alive) throw new Error(`node ${node.label} is in the graph already`);
    const e: Entry = { node, label: 0, prev, next, alive: true };
    if (prev) prev.next = e;
    else this.head = e;
    if (next) next.prev = e;
    else this.tail = e;
    this.entries.set(node, e);
    const lo = prev?.label;
    const hi = next?.label;
    if (lo === undefined && hi === undefined) e.label = 0;
    else if (hi === undefined) e.label = lo! + GAP;
    else if (lo === undefined) e.label = hi - GAP;
    else if (hi - lo >= 2) e.label = Math.floor((lo + hi) / 2);
    else this.renumber();
  }

  private renumber(): void {
    let k = 0;
    for (let e = this.head; e; e = e.next) e.label = GAP * k++;
  }
}
