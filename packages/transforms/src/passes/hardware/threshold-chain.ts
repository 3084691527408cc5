import { attrInt, DataType, type Graph, type Node, parseDataType, smallestIntTypeForRange, type Tensor, isHwLayer } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { constantOf, f32Tensor, type Uses, valuesOf } from '../../graph/graph-tools';

/** Helpers for the passes that merge threshold stages (fuse-mvau-thresholds, collapse-thresholdings). */

/**
 * Walks from `value` back through Reshapes that only it reads, to the node producing the stream
 * (undefined when a Reshape has other readers or the value comes from outside the graph's nodes).
 * Returns the producer and the Reshape chain (closest to the producer first).
 */
export function streamProducer(graph: Graph, uses: Uses, value: string): { producer: Node; chain: Node[] } | undefined {
  const chain: Node[] = [];
  let v = value;
  for (;;) {
    const p = uses.producer.get(v);
    if (!p) return undefined;
    const readers = uses.consumers.get(v) ?? [];
    if (readers.length !== 1 || graph.outputs.some((o) => o.name === v) || uses.readBySubgraph.has(v)) return undefined;
    if (p.opType === 'Reshape' && p.domain === '') {
      chain.unshift(p);
      v = p.inputs[0];
      continue;
    }
    return { producer: p, chain };
  }
}

/** The integer range a threshold stage reads: the datatype of a Thresholding's input or an MVAU's accumulator. */
export function stageInputType(graph: Graph, node: Node): DataType | undefined {
  if (isHwLayer(node, 'MVAU')) return parseDataType(String(node.attributes.get('acc_dtype')?.value ?? ''));
  if (isHwLayer(node, 'Thresholding')) return graph.getDataType(node.inputs[0]);
  return undefined;
}

/** Threshold table of a stage as rows of sorted numbers ([1, NT] shared or [C, NT]). */
export function thresholdRows(t: Tensor): number[][] {
  const [rows, steps] = t.dims;
  const v = valuesOf(t);
  return Array.from({ length: rows }, (_, r) => v.slice(r * steps, (r + 1) * steps).sort((a, b) => a - b));
}

/**
 * Thresholds of f2 ∘ f1, f_i(x) = b_i + #{k : x ≥ T_i[c][k]}, over x ∈ [lo, hi]. Level j of f2 is
 * reached when f1(x) ≥ T2[c][j], i.e. when at least n = ⌈T2[c][j] − b1⌉ thresholds of f1 are
 * reached: at T1[c] sorted, entry n − 1. n ≤ 0: always (threshold lo); n > NT1: never (hi + 1).
 */
export function composeThresholds(t1: Tensor, b1: number, t2: Tensor, channels: number, lo: number, hi: number): { dims: number[]; values: number[] } {
  const r1 = thresholdRows(t1);
  const r2 = valuesOf(t2);
  const [rows2, steps2] = t2.dims;
  const rows = r1.length === 1 && rows2 === 1 ? 1 : channels;
  const values: number[] = [];
  for (let c = 0; c < rows; c++) {
    const first = r1[r1.length === 1 ? 0 : c];
    for (let j = 0; j < steps2; j++) {
      const n = Math.ceil(r2[(rows2 === 1 ? 0 : c) * steps2 + j] - b1);
      values.push(n <= 0 ? lo : n > first.length ? hi + 1 : first[n - 1]);
    }
  }
  return { dims: [rows, steps2], values };
}

/** Adds a threshold table as an initializer annotated with the smallest integer type holding it. */
export function addThresholds(graph: Graph, names: NameSource, base: string, table: { dims: number[]; values: number[] }): string {
  const name = names.fresh(base);
  graph.initializers.set(name, f32Tensor(table.dims, table.values));
  graph.setDataType(name, table.values.length ? smallestIntTypeForRange(Math.min(...table.values), Math.max(...table.values)) : DataType.int(2));
  return name;
}

/** A stage's out_bias and channel count. */
export function stageBias(node: Node): number {
  return attrInt(node, 'out_bias', 0);
}

export function stageChannels(node: Node): number {
  return isHwLayer(node, 'MVAU') ? attrInt(node, 'mh') : attrInt(node, 'channels');
}

/** The threshold initializer of a stage (MVAU input 2, Thresholding input 1). */
export function stageThresholds(graph: Graph, node: Node): Tensor | undefined {
  return constantOf(graph, isHwLayer(node, 'MVAU') ? node.inputs[2] : node.inputs[1]);
}
