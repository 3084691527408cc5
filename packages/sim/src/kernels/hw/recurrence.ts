import { attrGraph, attrInt, HW_DOMAIN, type Node, type Tensor } from '@scanflow/ir';
import type { KernelContext, KernelDefinition, RunContext } from '../../kernel';
import { runScanLoop, type ScanLayout } from '../recurrent/scan-loop';
import { directions } from '../recurrent/scan';

/**
 * Recurrence: exactly ONNX Scan (opset 9+) with every scan axis 0. N initial states, then M
 * sequences [T, ...]; the body runs once per step and its first N outputs are the next states, the
 * other K are stacked on axis 0. Runs through the Scan kernel's loop (`runScanLoop`).
 */
function create(node: Node, ctx: KernelContext) {
  for (const a of ['scan_input_axes', 'scan_output_axes']) {
    if (node.attributes.has(a)) ctx.fail(`attribute ${a} is not supported (every scan axis of a Recurrence is 0)`);
  }
  const bodyGraph = attrGraph(node, 'body');
  const M = attrInt(node, 'num_scan_inputs');
  const N = node.inputs.length - M;
  if (M < 1 || N < 0) ctx.fail(`num_scan_inputs is ${M}, but the node has ${node.inputs.length} input(s)`);
  if (bodyGraph.inputs.length !== N + M) ctx.fail(`the body takes ${bodyGraph.inputs.length} input(s), expected ${N + M} (${N} state(s) + ${M} sequence(s))`);
  const K = bodyGraph.outputs.length - N;
  if (K < 0) ctx.fail(`the body has ${bodyGraph.outputs.length} output(s), fewer than the ${N} state(s)`);
  if (node.outputs.length > N + K) ctx.fail(`the node has ${node.outputs.length} outputs, the body only ${N + K}`);
  const layout: ScanLayout = {
    inputAxes: new Array<number>(M).fill(0),
    inputReverse: directions(node, ctx, 'scan_input_directions', M),
    outputAxes: new Array<number>(K).fill(0),
    outputReverse: directions(node, ctx, 'scan_output_directions', K),
  };
  const body = ctx.compileSubgraph(bodyGraph);
  const name = node.name || `Recurrence(${node.outputs[0] ?? ''})`;
  const what = `node ${node.label}`;
  return (inputs: readonly (Tensor | undefined)[], run: RunContext) => {
    const outer = body.outerNames.map((n) => run.lookup(n));
    const missing = inputs.findIndex((t) => !t);
    if (missing >= 0) ctx.fail(`input ${missing} ('${node.inputs[missing] ?? ''}') is missing`);
    return runScanLoop(body, inputs.slice(0, N) as Tensor[], inputs.slice(N) as Tensor[], layout, outer, run, (s) => `${name}[${s}]/`, what);
  };
}

const recurrence: KernelDefinition = { domain: HW_DOMAIN, opType: 'Recurrence', create };
export default recurrence;
