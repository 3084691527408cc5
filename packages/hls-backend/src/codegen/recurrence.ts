import { attrGraph, attrInt, attrInts, HW_DOMAIN, normalizeDomain, topologicalOrder } from '@scanflow/ir';
import { type ElemType, elemFits, streamType } from './cpp-types';
import { HlsCodegenError } from './errors';
import { layerSignature, inputParam, outputParam } from './layers/signature';
import type { CodegenContext, LayerCode, LayerPort } from './layers/types';
import { Region } from './region';
import { elementCount, staticShape, valueElemType } from './shapes';
import { lcm } from '../integer-math';


/** Step-function parameter names (fixed, never from the model). */
const seqParam = (j: number): string => `x${j}`;
const stateIn = (i: number): string => `st${i}_in`;
const stateOut = (i: number): string => `st${i}_out`;
const stepOut = (q: number): string => `y${q}`;

interface StateInfo {
  readonly elem: ElemType;
  readonly channels: number;
  /** Lanes the step reads the state with (undefined: the body never reads it). */
  read?: number;
  /** Lanes the step writes the next state with. */
  write?: number;
}

/**
 * Recurrence (ONNX Scan semantics, every scan axis 0) → the pattern of recurrence.hpp:
 * - a step function, a DATAFLOW region over the body layers: the states stream out of their
 *   arrays (state_to_stream), this step's slices of the sequences arrive on the sequence streams,
 *   the next states stream into the second arrays (stream_to_state) and the per-step outputs go
 *   out through stream_forward;
 * - the layer function itself: the state arrays (element type: the body's state input datatype),
 *   the initial state read from its stream, T calls of the step with state_copy after each, the
 *   final states emitted after the loop (state_to_stream).
 * Reverse directions are not supported.
 */
export function generateRecurrence(ctx: CodegenContext): LayerCode {
  const { node, graph, model } = ctx;
  const where = `Recurrence ${node.label}`;
  const body = attrGraph(node, 'body');
  const m = attrInt(node, 'num_scan_inputs');
  const n = node.inputs.length - m;
  const k = body.outputs.length - n;
  if (m < 1 || n < 0 || k < 0 || body.inputs.length !== n + m) {
    throw new HlsCodegenError(`${where}: expected ${n} states and ${m} sequences matching the body's ${body.inputs.length} inputs and ${body.outputs.length} outputs (at least one sequence)`);
  }
  if (attrInts(node, 'scan_input_directions', []).some((d) => d !== 0) || attrInts(node, 'scan_output_directions', []).some((d) => d !== 0)) {
    throw new HlsCodegenError(`${where}: reverse scan directions are not supported in hardware yet`);
  }
  for (const b of body.nodes) {
    const hw = normalizeDomain(b.domain) === HW_DOMAIN;
    if (b.opType === 'Recurrence' || !(hw || (normalizeDomain(b.domain) === '' && b.opType === 'Reshape'))) {
      throw new HlsCodegenError(`${where}: body node ${b.label} is not supported (a body holds hardware layers and Reshapes, no nested Recurrence)`);
    }
  }
  const steps = staticShape(graph, node.inputs[n]!)[0]!;
  if (!(steps >= 1)) throw new HlsCodegenError(`${where}: sequence length ${steps} must be at least 1`);

  const region = new Region({ graph: body, model, functions: ctx.functions, reservedLocals: [] });
  const states: StateInfo[] = [];
  for (let i = 0; i < n; i++) {
    const v = body.inputs[i]!.name;
    const info: StateInfo = { elem: valueElemType(body, v), channels: elementCount(body, v) };
    states.push(info);
    region.addSource(v, {
      kind: 'lazy',
      elem: info.elem,
      make: (want) => {
        const lanes = want.lanes ?? 1;
        const s = region.newStream(v, lanes, info.elem, info.channels, v);
        region.emit(`scanflow::state_to_stream<${info.channels}, ${lanes}, ${info.elem.cpp} >(${stateIn(i)}, ${s.expr});`);
        info.read = lanes;
        return s;
      },
    });
  }
  const seqs: { elem: ElemType; perStep: number; lanes?: number }[] = [];
  for (let j = 0; j < m; j++) {
    const v = body.inputs[n + j]!.name;
    const outer = node.inputs[n + j]!;
    const seq = { elem: valueElemType(body, v), perStep: elementCount(body, v) } as { elem: ElemType; perStep: number; lanes?: number };
    const shape = staticShape(graph, outer);
    if (shape[0] !== steps || elementCount(graph, outer) !== seq.perStep * steps) {
      throw new HlsCodegenError(`${where}: sequence '${outer}' has shape [${shape.join(', ')}], expected ${steps} steps of ${seq.perStep} elements`);
    }
    seqs.push(seq);
    region.addSource(v, {
      kind: 'lazy',
      elem: seq.elem,
      drainIfUnused: true,
      make: (want) => {
        seq.lanes = want.lanes ?? 1;
        return { expr: seqParam(j), lanes: seq.lanes, elem: seq.elem, elements: seq.perStep };
      },
    });
  }
  region.addNodes(topologicalOrder(body));

  for (let i = 0; i < n; i++) {
    const v = body.outputs[i]!.name;
    const info = states[i]!;
    const ref = region.consume(v, { elem: info.elem, elements: info.channels }, `the next state ${i}`);
    info.write = ref.lanes;
    region.emit(`scanflow::stream_to_state<${info.channels}, ${ref.lanes}, ${info.elem.cpp} >(${ref.expr}, ${stateOut(i)});`);
  }
  const scanOuts: { elem: ElemType; perStep: number; lanes: number; used: boolean }[] = [];
  for (let q = 0; q < k; q++) {
    const v = body.outputs[n + q]!.name;
    const outer = node.outputs[n + q] ?? '';
    const elem = outer && graph.getDataType(outer) ? valueElemType(graph, outer) : valueElemType(body, v);
    const perStep = elementCount(body, v);
    const ref = region.consume(v, { elem, elements: perStep }, `per-step output ${q}`);
    const words = perStep / ref.lanes;
    if (outer) region.emit(`scanflow::stream_forward(${ref.expr}, ${stepOut(q)}, ${words}, true);`);
    else region.emit(`scanflow::stream_drain(${ref.expr}, ${words});`);
    scanOuts.push({ elem, perStep, lanes: ref.lanes, used: outer !== '' });
  }
  region.finish();

  // step function
  const stepName = ctx.functions.unique('', `${ctx.functionName}_step`);
  const params: string[] = [];
  seqs.forEach((s, j) => params.push(`${streamType(s.lanes ?? 1, s.elem)}& ${seqParam(j)}`));
  states.forEach((s, i) => params.push(`const ${s.elem.cpp} ${stateIn(i)}[${s.channels}]`));
  states.forEach((s, i) => params.push(`${s.elem.cpp} ${stateOut(i)}[${s.channels}]`));
  scanOuts.forEach((o, q) => {
    if (o.used) params.push(`${streamType(o.lanes, o.elem)}& ${stepOut(q)}`);
  });
  const unread = states.flatMap((s, i) => (s.read === undefined ? [`  (void)${stateIn(i)};`] : []));
  const stepCode = [
    `// One time step of ${ctx.functionName}: a DATAFLOW region over the cell's layers.`,
    `static void ${stepName}(${params.join(', ')}) {`,
    '  SCANFLOW_PRAGMA(HLS DATAFLOW)',
    ...unread,
    ...region.statements.map((l) => `  ${l}`),
    '}',
    '',
  ].join('\n');

  // the layer function: state arrays, time loop, final states
  const inputs: LayerPort[] = [];
  states.forEach((s, i) => inputs.push({ index: i, lanes: s.read ?? s.write!, elem: s.elem, elements: s.channels }));
  seqs.forEach((s, j) => inputs.push({ index: n + j, lanes: s.lanes ?? 1, elem: s.elem, elements: s.perStep * steps }));
  const outputs: LayerPort[] = [];
  const finals: string[] = [];
  states.forEach((s, i) => {
    const outer = node.outputs[i] ?? '';
    if (!outer) return;
    const bodyOut = valueElemType(body, body.outputs[i]!.name);
    const elem = graph.getDataType(outer) ? valueElemType(graph, outer) : bodyOut;
    if (!elemFits(bodyOut, elem)) throw new HlsCodegenError(`${where}: final state '${outer}' (${elem.datatype.name}) cannot hold the body's next state (${bodyOut.datatype.name})`);
    const lanes = s.write!;
    const out = outputParam(outputs.length);
    outputs.push({ index: i, lanes, elem, elements: s.channels });
    if (elem.cpp === s.elem.cpp) {
      finals.push(`  scanflow::state_to_stream<${s.channels}, ${lanes}, ${s.elem.cpp} >(st${i}, ${out});`);
    } else {
      finals.push(
        `  ${streamType(lanes, s.elem)} final${i}("final${i}");`,
        `  scanflow::state_to_stream<${s.channels}, ${lanes}, ${s.elem.cpp} >(st${i}, final${i});`,
        `  scanflow::convert_elements<${lanes}, ${s.elem.cpp}, ${elem.cpp} >(final${i}, ${out}, ${s.channels / lanes});`,
      );
    }
  });
  const stepOutArgs: string[] = [];
  scanOuts.forEach((o, q) => {
    if (!o.used) return;
    stepOutArgs.push(outputParam(outputs.length));
    outputs.push({ index: n + q, lanes: o.lanes, elem: o.elem, elements: o.perStep * steps });
  });
  const loopLines = [`// ${ctx.functionName}: ${steps} steps of ${stepName}, ${n} state(s) kept on chip.`, `${layerSignature(ctx.functionName, inputs, outputs)} {`];
  states.forEach((s, i) => {
    const factor = lcm(s.read ?? 1, s.write!, inputs[i]!.lanes);
    loopLines.push(
      `  ${s.elem.cpp} st${i}[${s.channels}];`,
      `  ${s.elem.cpp} st${i}_next[${s.channels}];`,
      `  SCANFLOW_STATE_PARTITION(st${i}, ${factor})`,
      `  SCANFLOW_STATE_PARTITION(st${i}_next, ${factor})`,
      `  scanflow::stream_to_state<${s.channels}, ${inputs[i]!.lanes}, ${s.elem.cpp} >(${inputParam(i)}, st${i});`,
    );
  });
  const stepArgs = [...seqs.map((_, j) => inputParam(n + j)), ...states.map((_, i) => `st${i}`), ...states.map((_, i) => `st${i}_next`), ...stepOutArgs];
  loopLines.push(`  for (unsigned t = 0; t < ${steps}; ++t) {`, `    ${stepName}(${stepArgs.join(', ')});`);
  // the arrays are partitioned by the lcm of every access width, so the copy-back moves that many per cycle
  states.forEach((s, i) => loopLines.push(`    scanflow::state_copy<${s.channels}, ${lcm(s.read ?? 1, s.write!, inputs[i]!.lanes)}, ${s.elem.cpp} >(st${i}_next, st${i});`));
  loopLines.push('  }', ...finals, '}', '');

  return {
    inputs,
    outputs,
    definitions: [...region.definitions, { name: stepName, code: stepCode }, { name: ctx.functionName, code: loopLines.join('\n') }],
  };
}
