import { buildUseDef, type Graph, type Node, normalizeDomain, type OpLookup, QONNX_DOMAIN } from '@scanflow/ir';

/**
 * Walking a recurrent cell's values through the nodes that do not change what a value *is*: the
 * quantisers (Quant, QuantizeLinear/DequantizeLinear pairs are Quant after the qonnx stage), and
 * layout-only data movement, which keeps every element (Identity, Reshape, Squeeze, Unsqueeze,
 * Transpose, Flatten: the `layout` data-movement trait).
 * The cell recognisers use it to see an LSTM's structure whether or not its quantisers are there.
 */

export interface CellGraphView {
  readonly graph: Graph;
  readonly producer: Map<string, Node>;
  readonly consumers: Map<string, Node[]>;
  readonly ops: OpLookup;
}

export function viewOf(graph: Graph, ops: OpLookup): CellGraphView {
  const { producer, consumers } = buildUseDef(graph);
  return { graph, producer, consumers, ops };
}

/** A QONNX Quant (or IntQuant) node. */
export function isQuant(node: Node | undefined): boolean {
  return !!node && normalizeDomain(node.domain) === QONNX_DOMAIN && (node.opType === 'Quant' || node.opType === 'IntQuant');
}

/** A node that passes its first input through unchanged in value (perhaps in another shape or order). */
export function isTransparent(v: CellGraphView, node: Node | undefined): boolean {
  const moves = node ? v.ops.traits(node).dataMovement : undefined;
  return moves?.kind === 'layout' && (moves.dataInputs ?? [0]).toString() === '0';
}

/** Where `value` comes from, looking through quantisers and transparent nodes: the first other producer (or none: an input / constant). */
export function sourceOf(v: CellGraphView, value: string): { value: string; node?: Node; quant?: Node } {
  let cur = value;
  let quant: Node | undefined;
  for (let guard = 0; guard < 64; guard++) {
    const p = v.producer.get(cur);
    if (p && isQuant(p)) {
      quant ??= p;
      cur = p.inputs[0]!;
      continue;
    }
    if (p && isTransparent(v, p)) {
      cur = p.inputs[0]!;
      continue;
    }
    return { value: cur, ...(p ? { node: p } : {}), ...(quant ? { quant } : {}) };
  }
  return { value: cur };
}

/** The Quant that directly reads `value` and is its only reader (the value is no graph output either), if any. */
export function soleQuantReader(v: CellGraphView, value: string): Node | undefined {
  if (v.graph.outputs.some((o) => o.name === value)) return undefined;
  const readers = v.consumers.get(value) ?? [];
  const r = readers[0];
  return readers.length === 1 && r && isQuant(r) && r.inputs[0] === value ? r : undefined;
}

/** Follows `value` forward through sole Quant readers: the last quantised form of it. */
export function quantisedForm(v: CellGraphView, value: string): { value: string; quants: Node[] } {
  let cur = value;
  const quants: Node[] = [];
  for (let q = soleQuantReader(v, cur); q; q = soleQuantReader(v, cur)) {
    quants.push(q);
    cur = q.outputs[0]!;
  }
  return { value: cur, quants };
}

/** The nearest Quant on the way from `value` back to its source (through transparent nodes only), if any. */
export function quantiserBehind(v: CellGraphView, value: string): Node | undefined {
  return sourceOf(v, value).quant;
}
