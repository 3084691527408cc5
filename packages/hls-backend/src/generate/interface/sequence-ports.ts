import { attrInt, type Model, type Node } from '@scanflow/ir';
import { staticShape } from '../../codegen/shapes';
import { type AcceleratorPartition, dataInputIndices } from '../partition';

/**
 * Ports whose first dimension is the sequence length T of the accelerator's Recurrence: the values
 * that reach a Recurrence's sequence inputs, or leave its sequence outputs, through layers whose
 * stream keeps T as its first dimension on both sides (leading dimensions only count vectors,
 * docs/hardware-layers.md). Returns T and the port values, or undefined without a Recurrence.
 */
export function sequencePorts(model: Model, partition: AcceleratorPartition): { steps: number; values: Set<string> } | undefined {
  const g = model.graph;
  const recurrences = partition.nodes.filter((n) => n.opType === 'Recurrence');
  if (recurrences.length === 0) return undefined;
  const isConstant = (v: string): boolean => g.initializers.has(v);
  const producer = new Map<string, Node>();
  const consumers = new Map<string, Node[]>();
  for (const n of partition.nodes) {
    for (const v of n.outputs) if (v) producer.set(v, n);
    for (const i of dataInputIndices(n, isConstant)) {
      const v = n.inputs[i]!;
      consumers.set(v, [...(consumers.get(v) ?? []), n]);
    }
  }
  const first = (v: string): number | undefined => staticShape(g, v)[0];
  const values = new Set<string>();
  const ports = new Set([...partition.inputs, ...partition.outputs]);
  let steps: number | undefined;
  for (const rec of recurrences) {
    const m = attrInt(rec, 'num_scan_inputs');
    const n = rec.inputs.length - m;
    const sequenceIns = rec.inputs.slice(n);
    const t = first(sequenceIns[0]!);
    if (t === undefined || (steps !== undefined && t !== steps)) return undefined;
    steps = t;
    const back = [...sequenceIns];
    const seen = new Set<string>();
    while (back.length) {
      const v = back.pop()!;
      if (seen.has(v) || first(v) !== t) continue;
      seen.add(v);
      if (ports.has(v) && partition.inputs.includes(v)) values.add(v);
      const p = producer.get(v);
      if (p && p.opType !== 'Recurrence') for (const i of dataInputIndices(p, isConstant)) back.push(p.inputs[i]!);
    }
    const forward = rec.outputs.slice(n).filter((v) => v !== '');
    while (forward.length) {
      const v = forward.pop()!;
      if (seen.has(v) || first(v) !== t) continue;
      seen.add(v);
      if (partition.outputs.includes(v)) values.add(v);
      for (const c of consumers.get(v) ?? []) if (c.opType !== 'Recurrence') forward.push(...c.outputs.filter((o) => o !== ''));
    }
  }
  return steps === undefined ? undefined : { steps, values };
}
