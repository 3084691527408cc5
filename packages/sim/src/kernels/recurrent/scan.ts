import { allocData, attrGraph, attrInt, attrInts, getNumber, type Node, Tensor, type TensorData } from '@scanflow/ir';
import { sizeOf } from '../../helpers/broadcast';
import { defineKernel, type KernelContext } from '../../kernel';
import { indexFirstAxis, runScanLoop, type ScanLayout } from './scan-loop';

/** Reads a Scan direction attribute (0 forward, 1 reverse per entry, default all 0) as booleans. */
export function directions(node: Node, ctx: KernelContext, name: string, count: number): boolean[] {
  const v = attrInts(node, name, new Array<number>(count).fill(0));
  if (v.length !== count) ctx.fail(`attribute '${name}' has ${v.length} entries, expected ${count}`);
  return v.map((d) => {
    if (d !== 0 && d !== 1) ctx.fail(`attribute '${name}' entries must be 0 (forward) or 1 (reverse), got ${d}`);
    return d === 1;
  });
}

function iterationPath(node: Node): (s: number) => string {
  const name = node.name || `Scan(${node.outputs[0] ?? ''})`;
  return (s) => `${name}[${s}]/`;
}

/**
 * Scan (opset 9+): N loop-carried state variables followed by M scan inputs. The body is run once per
 * step with the states and one slice of every scan input (axis `scan_input_axes[m]`, walked backwards
 * when `scan_input_directions[m]` is 1); its first N outputs become the next states and the other K
 * are stacked along `scan_output_axes` (in reverse order when `scan_output_directions` is 1).
 * Negative axes (allowed from opset 11) are accepted. Outer-scope values are read once per run.
 */
const scan9 = defineKernel({
  domain: '',
  opType: 'Scan',
  since: 9,
  create(node, ctx) {
    const bodyGraph = attrGraph(node, 'body');
    const M = attrInt(node, 'num_scan_inputs');
    const N = node.inputs.length - M;
    if (M < 1 || N < 0) ctx.fail(`num_scan_inputs is ${M}, but the node has ${node.inputs.length} input(s)`);
    if (bodyGraph.inputs.length !== N + M) ctx.fail(`the body takes ${bodyGraph.inputs.length} input(s), expected ${N + M} (${N} state(s) + ${M} scan input(s))`);
    const K = bodyGraph.outputs.length - N;
    if (K < 0) ctx.fail(`the body has ${bodyGraph.outputs.length} output(s), fewer than the ${N} state variable(s)`);
    if (node.outputs.length > N + K) ctx.fail(`the node has ${node.outputs.length} outputs, the body only ${N + K}`);
    const layout: ScanLayout = {
      inputAxes: attrInts(node, 'scan_input_axes', new Array<number>(M).fill(0)),
      inputReverse: directions(node, ctx, 'scan_input_directions', M),
      outputAxes: attrInts(node, 'scan_output_axes', new Array<number>(K).fill(0)),
      outputReverse: directions(node, ctx, 'scan_output_directions', K),
    };
    if (layout.inputAxes.length !== M) ctx.fail(`attribute 'scan_input_axes' has ${layout.inputAxes.length} entries, expected ${M}`);
    if (layout.outputAxes.length !== K) ctx.fail(`attribute 'scan_output_axes' has ${layout.outputAxes.length} entries, expected ${K}`);
    const body = ctx.compileSubgraph(bodyGraph);
    const pathOf = iterationPath(node);
    const what = `node ${node.label}`;
    return (inputs, run) => {
      const outer = body.outerNames.map((n) => run.lookup(n));
      return runScanLoop(body, inputs.slice(0, N) as Tensor[], inputs.slice(N) as Tensor[], layout, outer, run, pathOf, what);
    };
  },
});

/**
 * Scan-8: like Scan-9 but with a leading batch axis on every state and scan input, an optional
 * first input `sequence_lens` ([batch], steps per batch entry, default all), scan axis 1 of the scan
 * inputs walked as `directions` says, and scan outputs [batch, steps, ...] in iteration order,
 * zero-padded past a batch entry's length.
 */
const scan8 = defineKernel({
  domain: '',
  opType: 'Scan',
  since: 8,
  create(node, ctx) {
    const bodyGraph = attrGraph(node, 'body');
    const M = attrInt(node, 'num_scan_inputs');
    const N = node.inputs.length - 1 - M;
    if (M < 1 || N < 0) ctx.fail(`num_scan_inputs is ${M}, but the node has ${node.inputs.length} input(s) (sequence_lens first)`);
    if (bodyGraph.inputs.length !== N + M) ctx.fail(`the body takes ${bodyGraph.inputs.length} input(s), expected ${N + M}`);
    const K = bodyGraph.outputs.length - N;
    if (K < 0) ctx.fail(`the body has ${bodyGraph.outputs.length} output(s), fewer than the ${N} state variable(s)`);
    const layout: ScanLayout = {
      inputAxes: new Array<number>(M).fill(0),
      inputReverse: directions(node, ctx, 'directions', M),
      outputAxes: new Array<number>(K).fill(0),
      outputReverse: new Array<boolean>(K).fill(false),
    };
    const body = ctx.compileSubgraph(bodyGraph);
    const name = node.name || `Scan(${node.outputs[0] ?? ''})`;
    const what = `node ${node.label}`;
    return (inputs, run) => {
      const outer = body.outerNames.map((n) => run.lookup(n));
      const states = inputs.slice(1, 1 + N) as Tensor[];
      const scans = inputs.slice(1 + N) as Tensor[];
      const batch = (states[0] ?? scans[0]).dims[0];
      for (const t of [...states, ...scans]) if (t.rank < 1 || t.dims[0] !== batch) ctx.fail(`every state and scan input needs batch size ${batch} on axis 0, got [${t.dims.join(', ')}]`);
      for (const t of scans) if (t.rank < 2) ctx.fail(`scan inputs need shape [batch, steps, ...], got [${t.dims.join(', ')}]`);
      const steps = scans[0].dims[1];
      for (const t of scans) if (t.dims[1] !== steps) ctx.fail(`scan inputs disagree on the number of steps (${steps} vs ${t.dims[1]})`);
      const lens = inputs[0];
      if (lens && lens.size !== batch) ctx.fail(`sequence_lens has ${lens.size} entries, expected ${batch}`);
      const perBatch: Tensor[][] = [];
      for (let b = 0; b < batch; b++) {
        const len = lens ? getNumber(lens, b) : steps;
        if (!Number.isInteger(len) || len < 0 || len > steps) ctx.fail(`sequence_lens[${b}] = ${len} is outside [0, ${steps}]`);
        const scanB = scans.map((t) => {
          const v = indexFirstAxis(t, b);
          return len === steps ? v : new Tensor(v.elemType, [len, ...v.dims.slice(1)], v.data.slice(0, len * sizeOf(v.dims.slice(1))) as TensorData);
        });
        perBatch.push(runScanLoop(body, states.map((t) => indexFirstAxis(t, b)), scanB, layout, outer, run, (s) => `${name}[${b},${s}]/`, what));
      }
      const out: Tensor[] = [];
      for (let k = 0; k < N + K; k++) {
        // The per-entry shape: from the first batch entry that ran at least one step (scan outputs of
        // zero-step entries carry no shape), padded with zeros to `steps` for scan outputs.
        const ref = perBatch.find((r) => k < N || r[k].dims[0] > 0)?.[k] ?? perBatch[0]?.[k];
        if (!ref) {
          out.push(Tensor.zeros('float32', [0]));
          continue;
        }
        const entryDims = k < N ? ref.dims : [steps, ...ref.dims.slice(1)];
        const entrySize = sizeOf(entryDims);
        const data = allocData(ref.elemType, batch * entrySize) as any;
        for (let b = 0; b < batch; b++) {
          const src = perBatch[b][k].data as any;
          for (let i = 0; i < src.length && i < entrySize; i++) data[b * entrySize + i] = src[i];
        }
        out.push(new Tensor(ref.elemType, [batch, ...entryDims], data as TensorData));
      }
      return out;
    };
  },
});

export default [scan8, scan9];
