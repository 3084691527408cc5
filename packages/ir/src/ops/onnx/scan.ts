import { attrGraph, attrInt, attrInts } from '../../graph/attribute';
import { formatShape, type Dim, type ValueType } from '../../graph/value-type';
import { defineOp, type CheckContext, type InferenceContext, type OpSchema } from '../op-schema';
import type { LoopBinding, LoopInput, OpTraits } from '../op-traits';
import type { Node } from '../../graph/node';
import { conflict, copyType, tensorOf, unifyDim } from './shape-helpers';

const bodyAttrs = {
  body: { type: 'graph', required: true, description: 'One iteration: (states…, scan input slices…) → (states…, scan output slices…).' },
  num_scan_inputs: { type: 'int', required: true, description: 'M, the number of scan inputs (the last M inputs).' },
} as const;

/**
 * How a Scan's values flow through its body: `first` inputs come before the states (1 for the
 * opset-8 sequence_lens); N states are carried (body input k ↔ body output k ↔ node output k), M
 * scan inputs are sliced, and the body outputs after the states are stacked into the node outputs.
 */
export function scanLoopBinding(node: Node, first: number): LoopBinding | undefined {
  const body = node.attributes.get('body');
  const mAttr = node.attributes.get('num_scan_inputs');
  if (body?.type !== 'graph' || mAttr?.type !== 'int') return undefined;
  const m = Number(mAttr.value);
  const n = node.inputs.length - first - m;
  if (m < 1 || n < 0 || body.value.inputs.length !== n + m || body.value.outputs.length < n) return undefined;
  const inputs: LoopInput[] = body.value.inputs.map((_, k) => (k < n ? { kind: 'carried', initial: first + k, next: k, final: k } : { kind: 'sliced', from: first + k }));
  const stacked = body.value.outputs.slice(n).map((_, j) => ({ bodyOutput: n + j, nodeOutput: n + j }));
  return { body: body.value, inputs, stacked };
}

/** Scan's traits from opset 9 on (also the hardware Recurrence's, which has the same form). */
export const scanTraits: OpTraits = { subgraphs: { attributes: ['body'], loop: (node) => scanLoopBinding(node, 0) } };

/** Normalises an axis of a scan input / output against `rank`; negative axes count from the back. */
function scanAxis(ctx: InferenceContext, axis: number, rank: number, what: string): number {
  if (axis < -rank || axis >= rank) ctx.fail(`Scan: ${what} axis ${axis} is out of range for rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

/**
 * The model checker's rules for a Scan node (`first` inputs come before the states: 1 for the
 * opset-8 sequence_lens, else 0): num_scan_inputs fits the inputs, the body takes states + scan
 * inputs and returns states + scan outputs, and every per-input / per-output list has one entry
 * each (directions 0 or 1).
 */
function checkScan(ctx: CheckContext, first: number, lists: Record<string, 'in' | 'out'>): void {
  const node = ctx.node;
  const body = node.attributes.get('body');
  const mAttr = node.attributes.get('num_scan_inputs');
  if (body?.type !== 'graph' || mAttr?.type !== 'int') return; // reported by the attribute rules
  const m = Number(mAttr.value);
  const nIn = node.inputs.length - first;
  node.inputs.forEach((name, i) => {
    if (!name && i >= first) ctx.fail(`Scan: input ${i} is empty; states and scan inputs cannot be omitted`);
  });
  if (!(m >= 1 && m <= nIn)) ctx.fail(`Scan: num_scan_inputs = ${mAttr.value} with ${nIn} state and scan inputs (expected 1 to ${nIn})`);
  const n = nIn - m;
  const k = node.outputs.length - n;
  if (k < 0) ctx.fail(`Scan: ${node.outputs.length} outputs but ${n} state variables (expected at least ${n} outputs)`);
  const g = body.value;
  if (g.inputs.length !== n + m) ctx.fail(`Scan: the body has ${g.inputs.length} inputs, expected ${n + m} (${n} states + ${m} scan inputs)`);
  if (g.outputs.length !== n + k) ctx.fail(`Scan: the body has ${g.outputs.length} outputs, expected ${n + k} (${n} states + ${k} scan outputs)`);
  for (const [name, side] of Object.entries(lists)) {
    const a = node.attributes.get(name);
    if (a?.type !== 'ints') continue;
    const want = side === 'in' ? m : k;
    if (a.value.length !== want) ctx.fail(`Scan: ${name} has ${a.value.length} values, expected ${want} (one per scan ${side === 'in' ? 'input' : 'output'})`);
    if (name.endsWith('directions') && a.value.some((v) => v !== 0n && v !== 1n)) ctx.fail(`Scan: ${name} must hold 0 (forward) or 1 (reverse), got [${a.value.join(', ')}]`);
  }
}

/** Opset 9 on: N states + M scan inputs; scan axes and directions per input and output. */
function scanOp(since: number): OpSchema {
  return defineOp({
    domain: '',
    opType: 'Scan',
    since,
    inputs: [1, Number.MAX_SAFE_INTEGER],
    outputs: [1, Number.MAX_SAFE_INTEGER],
    description: 'Runs `body` once per slice of the scan inputs, carrying state variables and stacking the scan outputs.',
    attributes: {
      ...bodyAttrs,
      scan_input_axes: { type: 'ints', description: 'Axis of each scan input to iterate over (default 0).' },
      scan_input_directions: { type: 'ints', description: 'Per scan input: 0 forward, 1 reverse (default 0).' },
      scan_output_axes: { type: 'ints', description: 'Axis of each scan output to stack along (default 0).' },
      scan_output_directions: { type: 'ints', description: 'Per scan output: 0 append, 1 prepend (default 0).' },
    },
    traits: scanTraits,
    upgrade: (ctx) => ctx.fail('Scan-8 has a batch axis; re-export the model at opset 9 or later'),
    check: (ctx) => checkScan(ctx, 0, { scan_input_axes: 'in', scan_input_directions: 'in', scan_output_axes: 'out', scan_output_directions: 'out' }),
    inferTypes(ctx) {
      const node = ctx.node;
      const body = attrGraph(node, 'body');
      const m = attrInt(node, 'num_scan_inputs');
      const nIn = node.inputs.length;
      const n = nIn - m;
      const k = node.outputs.length - n;
      if (m < 1 || n < 0) ctx.fail(`Scan: num_scan_inputs = ${m} with ${nIn} inputs (expected 1 to ${nIn})`);
      if (k < 0) ctx.fail(`Scan: ${node.outputs.length} outputs but ${n} state variables (expected at least ${n})`);
      if (body.inputs.length !== n + m) ctx.fail(`Scan: body has ${body.inputs.length} inputs, expected ${n + m} (${n} states + ${m} scan inputs)`);
      if (body.outputs.length !== n + k) ctx.fail(`Scan: body has ${body.outputs.length} outputs, expected ${n + k} (${n} states + ${k} scan outputs)`);
      const inAxes = node.attributes.has('scan_input_axes') ? attrInts(node, 'scan_input_axes') : Array.from({ length: m }, () => 0);
      const outAxes = node.attributes.has('scan_output_axes') ? attrInts(node, 'scan_output_axes') : Array.from({ length: k }, () => 0);
      for (const [name, len, want] of [
        ['scan_input_axes', inAxes.length, m],
        ['scan_output_axes', outAxes.length, k],
        ['scan_input_directions', node.attributes.has('scan_input_directions') ? attrInts(node, 'scan_input_directions').length : m, m],
        ['scan_output_directions', node.attributes.has('scan_output_directions') ? attrInts(node, 'scan_output_directions').length : k, k],
      ] as const) {
        if (len !== want) ctx.fail(`Scan: ${name} has ${len} values, expected ${want}`);
      }
      const bodyIn: (ValueType | undefined)[] = [];
      for (let i = 0; i < n; i++) bodyIn.push(copyType(ctx.input(i)));
      let seq: Dim = null;
      let seqFrom = '';
      for (let j = 0; j < m; j++) {
        const t = ctx.tensorInput(n + j);
        if (!t?.shape) {
          bodyIn.push(t ? tensorOf(t.elemType) : undefined);
          continue;
        }
        const a = scanAxis(ctx, inAxes[j], t.shape.length, `scan input ${j}`);
        const len = t.shape[a];
        if (conflict(seq, len)) {
          ctx.fail(`Scan: scan inputs have different sequence lengths (${seqFrom}: ${seq}, '${node.inputs[n + j]}' ${formatShape(t.shape)}: ${len})`);
        }
        if (seq === null || typeof len === 'number') {
          seq = unifyDim(seq, len);
          seqFrom = `'${node.inputs[n + j]}' ${formatShape(t.shape)}`;
        }
        bodyIn.push(tensorOf(t.elemType, t.shape.filter((_, d) => d !== a)));
      }
      const bodyOut = ctx.inferSubgraph(body, bodyIn);
      const outs: (ValueType | undefined)[] = [];
      for (let i = 0; i < n; i++) outs.push(copyType(bodyOut[i] ?? ctx.input(i)));
      for (let j = 0; j < k; j++) {
        const t = bodyOut[n + j];
        if (!t || t.kind !== 'tensor') {
          outs.push(undefined);
          continue;
        }
        if (!t.shape) {
          outs.push(tensorOf(t.elemType));
          continue;
        }
        const a = scanAxis(ctx, outAxes[j], t.shape.length + 1, `scan output ${j}`);
        outs.push(tensorOf(t.elemType, [...t.shape.slice(0, a), seq, ...t.shape.slice(a)]));
      }
      return outs;
    },
  });
}

/**
 * Opset 8: an optional sequence_lens input first, then states and scan inputs that all carry a
 * leading batch axis; the scan axis is axis 1 of every scan input and output.
 */
const scan8 = defineOp({
  domain: '',
  opType: 'Scan',
  since: 8,
  inputs: [2, Number.MAX_SAFE_INTEGER],
  outputs: [1, Number.MAX_SAFE_INTEGER],
  attributes: { ...bodyAttrs, directions: { type: 'ints', description: 'Per scan input: 0 forward, 1 reverse.' } },
  traits: { subgraphs: { attributes: ['body'], loop: (node) => scanLoopBinding(node, 1) } },
  check: (ctx) => checkScan(ctx, 1, { directions: 'in' }),
  inferTypes(ctx) {
    const node = ctx.node;
    const body = attrGraph(node, 'body');
    const m = attrInt(node, 'num_scan_inputs');
    const n = node.inputs.length - 1 - m;
    const k = node.outputs.length - n;
    if (n < 0 || m < 1) ctx.fail(`Scan: num_scan_inputs = ${m} with ${node.inputs.length - 1} inputs after sequence_lens`);
    if (body.inputs.length !== n + m) ctx.fail(`Scan: body has ${body.inputs.length} inputs, expected ${n + m} (${n} states + ${m} scan inputs)`);
    if (body.outputs.length !== n + k) ctx.fail(`Scan: body has ${body.outputs.length} outputs, expected ${n + k}`);
    let batch: Dim = null;
    let seq: Dim = null;
    const bodyIn: (ValueType | undefined)[] = [];
    for (let i = 0; i < n + m; i++) {
      const t = ctx.tensorInput(1 + i);
      const scan = i >= n;
      if (!t?.shape) {
        bodyIn.push(t ? tensorOf(t.elemType) : undefined);
        continue;
      }
      if (t.shape.length < (scan ? 2 : 1)) {
        ctx.fail(`Scan: input '${node.inputs[1 + i]}' has shape ${formatShape(t.shape)}, expected a batch axis${scan ? ' and a sequence axis' : ''}`);
      }
      if (conflict(batch, t.shape[0])) ctx.fail(`Scan: inputs disagree on the batch size (${batch} and ${t.shape[0]})`);
      batch = unifyDim(batch, t.shape[0]);
      if (scan) {
        if (conflict(seq, t.shape[1])) ctx.fail(`Scan: scan inputs disagree on the sequence length (${seq} and ${t.shape[1]})`);
        seq = unifyDim(seq, t.shape[1]);
      }
      bodyIn.push(tensorOf(t.elemType, t.shape.slice(scan ? 2 : 1)));
    }
    const bodyOut = ctx.inferSubgraph(body, bodyIn);
    return bodyOut.map((t, j) => {
      if (!t || t.kind !== 'tensor') return undefined;
      if (!t.shape) return tensorOf(t.elemType);
      return tensorOf(t.elemType, j < n ? [batch, ...t.shape] : [batch, seq, ...t.shape]);
    });
  },
});

/** Scan: opset 8 (batched, sequence_lens), 9 (scan axes / directions; negative axes from 11). */
export const scanOps: OpSchema[] = [scan8, scanOp(9)];
