import { attrInt, type Graph, HW_DOMAIN, type Node, normalizeDomain, type Registry } from '@scanflow/ir';
import { hwLayerOf, isRecurrence, streamInputs } from '../hw-layer';
import { HlsCodegenError } from './errors';
import { elementCount, staticShape } from './shapes';

/**
 * The sequence length of an accelerator is a run-time value: the generated top takes it as an
 * AXI-Lite register `seq_len`, and every stream whose length grows with it (the sequences into and
 * out of a Recurrence, and whatever feeds them or reads them element by element) carries
 * `per-step count × seq_len` elements. The model's own (or bound) sequence length is the nominal
 * T: the largest the accelerator is sized for (buffers of reverse directions) and the trip count
 * given to Vitis.
 */
export interface SequenceInfo {
  /** Nominal T (the Recurrence's sequence length in the model as generated). */
  readonly steps: number;
  /** Top-level values whose element count is T-proportional. */
  readonly values: ReadonlySet<string>;
}

/** The C++ name of the run-time sequence length (a top and layer function parameter). */
export const SEQ_LEN = 'seq_len';

const isReshape = (n: Node): boolean => normalizeDomain(n.domain) === '' && n.opType === 'Reshape';
/** Layers that work vector by vector: their inputs and outputs have the same number of vectors. */
const perVector = (registry: Registry, n: Node): boolean => (!isRecurrence(n) && hwLayerOf(registry, n) !== undefined) || isReshape(n);

/** Which top-level values carry the sequence, from the Recurrences outward; undefined without a Recurrence. */
export function sequenceInfo(graph: Graph, nodes: readonly Node[], registry: Registry): SequenceInfo | undefined {
  const recs = nodes.filter(isRecurrence);
  if (!recs.length) return undefined;
  let steps: number | undefined;
  const values = new Set<string>();
  const producer = new Map<string, Node>();
  const consumers = new Map<string, Node[]>();
  for (const n of nodes) {
    for (const o of n.outputs) if (o) producer.set(o, n);
    for (const i of n.inputs) if (i) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  }
  const seeds: string[] = [];
  for (const r of recs) {
    const m = attrInt(r, 'num_scan_inputs');
    const n = r.inputs.length - m;
    for (const v of [...r.inputs.slice(n), ...r.outputs.slice(n)]) {
      if (!v) continue;
      const t = staticShape(graph, v)[0]!;
      if (steps !== undefined && t !== steps) throw new HlsCodegenError(`Recurrence ${r.label}: sequence '${v}' has ${t} steps, another Recurrence ${steps}; one accelerator has one sequence length`);
      steps = t;
      seeds.push(v);
    }
  }
  const visit = (v: string): void => {
    if (values.has(v)) return;
    values.add(v);
    const p = producer.get(v);
    if (p && perVector(registry, p)) for (const i of p.inputs.slice(0, 1)) if (i && !graph.initializers.has(i)) visit(i);
    if (p && perVector(registry, p)) for (const o of p.outputs) if (o) visit(o);
    for (const c of consumers.get(v) ?? []) {
      if (!perVector(registry, c) || c.inputs[0] !== v) continue;
      for (const o of c.outputs) if (o) visit(o);
      // the other stream operands of a layer (an element-wise layer's b) run alongside
      const streams = isReshape(c) ? [0] : streamInputs(hwLayerOf(registry, c), c, (v) => graph.initializers.has(v));
      for (const k of streams) if (k > 0 && c.inputs[k] && !graph.initializers.has(c.inputs[k]!)) visit(c.inputs[k]!);
    }
  };
  for (const s of seeds) visit(s);
  for (const v of values) {
    const n = elementCount(graph, v);
    if (n % steps! !== 0) throw new HlsCodegenError(`value '${v}' carries the sequence but its ${n} elements are not a whole number of ${steps} steps`);
  }
  return { steps: steps!, values };
}

/** A C++ expression for `n` elements (at nominal T) of a value that is T-proportional or not. */
export function countExpr(n: number, seq: SequenceInfo | undefined, isSeq: boolean): string {
  if (!seq || !isSeq) return `${n}u`;
  return `${n / seq.steps}u * ${SEQ_LEN}`;
}
