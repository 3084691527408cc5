import { attrInt, type Graph, HW_DOMAIN, type Model, type Node, topologicalOrder } from '@scanflow/ir';
import { type FoldingConfig, effectiveFolding, validateFolding } from '../folding/folding-config';
import { isFoldable } from '../folding/foldable-layers';
import { layerEstimators } from '../layers/index';
import { layerLabel } from '../layers/operands';
import type { LayerEstimateOptions } from '../layers/types';
import { HlsEstimateError } from '../types';
import { lcm } from '../../integer-math';
import { addResources, type LayerReport, type ModelEstimate, type RecurrenceReport, zeroTotals } from './report';
import { MVAU_PIPELINE_DEPTH, STREAM_LAYER_DELAY, type Stage, streamingLatency } from './streaming-latency';
import { declaredShape, outputShapes, type ShapeMap, sizeOf } from './value-shapes';

/** Options of `estimateModel`. */
export interface EstimateModelOptions extends LayerEstimateOptions {
  /** Folding to assume instead of the nodes' `pe` / `simd` attributes (validated against the model). */
  folding?: FoldingConfig;
}

interface Env {
  model: Model;
  options: EstimateModelOptions;
}

/** What estimating one graph level gives. */
interface GraphEstimate {
  stages: Stage[];
  layers: LayerReport[];
  recurrences: RecurrenceReport[];
  /** For each stage id, the layer path to speed up when that stage is the bottleneck. */
  leafOf: Map<string, string>;
  shapes: ShapeMap;
}

function vectorsOf(node: Node, shapes: ShapeMap): number {
  const channels = node.opType === 'MVAU' ? attrInt(node, 'mw') : attrInt(node, 'channels');
  const size = sizeOf(shapes.get(node.inputs[0])!);
  if (size % channels !== 0) throw new HlsEstimateError(`${layerLabel(node)}: input '${node.inputs[0]}' has ${size} elements, not a whole number of ${channels}-channel vectors`);
  return size / channels;
}

function estimateLayer(graph: Graph, node: Node, prefix: string, runs: number, shapes: ShapeMap, env: Env): { report: LayerReport; stage: Stage } {
  const folding = effectiveFolding(node, env.options.folding);
  const vectors = vectorsOf(node, shapes);
  const e = layerEstimators[node.opType]({ node, graph, model: env.model, folding, numVectors: vectors, options: env.options });
  const delay = node.opType === 'MVAU' ? attrInt(node, 'mw') / (folding.simd ?? 1) + MVAU_PIPELINE_DEPTH : STREAM_LAYER_DELAY;
  const path = `${prefix}${node.name}`;
  const report: LayerReport = {
    name: node.name,
    opType: node.opType,
    path,
    pe: folding.pe,
    ...(folding.simd !== undefined ? { simd: folding.simd } : {}),
    vectors,
    cycles: e.cycles,
    runs,
    delay,
    lut: e.lut,
    ff: e.ff,
    bram18: e.bram18,
    uram: e.uram,
    dsp: e.dsp,
    notes: e.notes,
  };
  return { report, stage: { id: path, inputs: node.inputs.filter((i) => i && !graph.initializers.has(i)), outputs: node.outputs, cycles: e.cycles, delay } };
}

/**
 * PE of the layer that writes (`writer`) or reads (`reader`) a state value of a body, following
 * Reshapes (which do not change the stream); 1 when that layer is not foldable or there is none.
 */
function stateAccessPe(body: Graph, name: string, side: 'writer' | 'reader', folding: FoldingConfig | undefined): number {
  let current = name;
  for (let guard = 0; guard <= body.nodes.length; guard++) {
    const n = body.nodes.find((x) => (side === 'writer' ? x.outputs : x.inputs).includes(current));
    if (!n) return 1;
    if (n.opType !== 'Reshape') return isFoldable(n) ? effectiveFolding(n, folding).pe : 1;
    current = side === 'writer' ? n.inputs[0] : n.outputs[0];
  }
  return 1;
}

function estimateRecurrence(graph: Graph, node: Node, prefix: string, runs: number, shapes: ShapeMap, env: Env): GraphEstimate & { stage: Stage; report: RecurrenceReport } {
  const body = node.attributes.get('body');
  if (body?.type !== 'graph') throw new HlsEstimateError(`${layerLabel(node)}: attribute body is missing`);
  const g = body.value;
  const M = attrInt(node, 'num_scan_inputs');
  const N = node.inputs.length - M;
  if (M < 1 || N < 0 || g.inputs.length !== N + M) throw new HlsEstimateError(`${layerLabel(node)}: ${node.inputs.length} inputs, num_scan_inputs ${M} and ${g.inputs.length} body inputs do not fit together`);
  const inner: ShapeMap = new Map();
  let steps: number | undefined;
  node.inputs.forEach((name, k) => {
    const s = shapes.get(name) ?? declaredShape(graph, name);
    if (!s) throw new HlsEstimateError(`${layerLabel(node)}: the shape of input '${name}' is unknown`);
    if (k < N) inner.set(g.inputs[k].name, s);
    else {
      if (steps !== undefined && s[0] !== steps) throw new HlsEstimateError(`${layerLabel(node)}: sequence '${name}' has ${s[0]} steps, an earlier one ${steps}`);
      steps = s[0];
      inner.set(g.inputs[k].name, s.slice(1));
    }
  });
  const T = steps!;
  const path = `${prefix}${node.name}`;
  const stateInputs = new Set(g.inputs.slice(0, N).map((i) => i.name));
  const bodyOutputs = new Set(g.outputs.map((o) => o.name));
  const est = estimateGraph(g, inner, `${path}/`, runs * T, env);
  // state_to_stream in front of each state input, stream_to_state / stream_forward behind each body output
  const chain = streamingLatency(
    est.stages,
    (v) => (stateInputs.has(v) ? STREAM_LAYER_DELAY : 0),
    (v) => (bodyOutputs.has(v) ? STREAM_LAYER_DELAY : 0),
  );
  let stateCopy = 0;
  for (let n = 0; n < N; n++) {
    const out = g.outputs[n].name;
    const c = sizeOf(est.shapes.get(out) ?? declaredShape(g, out) ?? inner.get(g.inputs[n].name)!);
    // the state arrays are partitioned by the lcm of the write and read widths; the copy-back uses that many lanes (codegen/recurrence.ts)
    const lanes = lcm(stateAccessPe(g, out, 'writer', env.options.folding), stateAccessPe(g, g.inputs[n].name, 'reader', env.options.folding));
    stateCopy += Math.ceil(c / lanes);
  }
  const fill = stateCopy;
  const step = chain.cycles + stateCopy;
  const cycles = fill + T * step;
  const bottleneck = chain.bottleneck !== undefined ? est.leafOf.get(chain.bottleneck) : undefined;
  setPathCycles(est, chain.perStage);
  const report: RecurrenceReport = {
    name: node.name,
    path,
    steps: T,
    chainCycles: chain.cycles,
    stateCopyCycles: stateCopy,
    stepCycles: step,
    fillCycles: fill,
    cycles,
    ...(bottleneck !== undefined ? { bottleneck } : {}),
  };
  g.outputs.forEach((o, k) => {
    const s = est.shapes.get(o.name) ?? declaredShape(g, o.name);
    if (s && node.outputs[k]) shapes.set(node.outputs[k], k < N ? s : [T, ...s]);
  });
  const stage: Stage = { id: path, inputs: node.inputs.filter(Boolean), outputs: node.outputs.filter(Boolean), cycles, delay: fill + step, tail: 0 };
  return { ...est, stage, report };
}

/** Records, on the layers and Recurrences that are stages of this level, their longest path through the level. */
function setPathCycles(est: Pick<GraphEstimate, 'layers' | 'recurrences'>, perStage: ReadonlyMap<string, number>): void {
  for (const x of [...est.layers, ...est.recurrences]) {
    const v = perStage.get(x.path);
    if (v !== undefined) x.pathCycles = v;
  }
}

function estimateGraph(graph: Graph, shapes: ShapeMap, prefix: string, runs: number, env: Env): GraphEstimate {
  const out: GraphEstimate = { stages: [], layers: [], recurrences: [], leafOf: new Map(), shapes };
  for (const node of topologicalOrder(graph, shapes.keys())) {
    if (node.domain === HW_DOMAIN && node.opType === 'Recurrence') {
      const r = estimateRecurrence(graph, node, prefix, runs, shapes, env);
      out.stages.push(r.stage);
      out.layers.push(...r.layers);
      out.recurrences.push(r.report, ...r.recurrences);
      if (r.report.bottleneck !== undefined) out.leafOf.set(r.stage.id, r.report.bottleneck);
      continue;
    }
    outputShapes(graph, node, shapes).forEach((s, k) => s && node.outputs[k] && shapes.set(node.outputs[k], s));
    if (node.domain === HW_DOMAIN) {
      if (!layerEstimators[node.opType]) throw new HlsEstimateError(`${layerLabel(node)}: no estimator for hardware layer ${node.opType}`);
      const { report, stage } = estimateLayer(graph, node, prefix, runs, shapes, env);
      out.layers.push(report);
      out.stages.push(stage);
      out.leafOf.set(stage.id, stage.id);
    } else {
      // Reshape (a no-op on the stream) and host nodes: zero-cycle pass-through stages.
      out.stages.push({ id: `${prefix}${node.name || node.outputs[0]}`, inputs: node.inputs.filter(Boolean), outputs: node.outputs.filter(Boolean), cycles: 0, delay: 0 });
    }
  }
  return out;
}

/**
 * Estimates a hardware-stage model: every streaming layer (including those in Recurrence bodies),
 * resource totals, latency and initiation interval, and per Recurrence its cycles per step. Every
 * number is an ESTIMATE.
 *
 * Latency follows the streaming model of ./streaming-latency.ts. A Recurrence is one stage of its
 * graph: busy fill + T·step cycles, where step = the critical chain through its body (same model,
 * with a state_to_stream delay in front of each state input and a stream_to_state delay behind each
 * body output, so every branch of the step's DATAFLOW region counts) plus the state copy-back
 * (Σ C/PE over the states, one state_copy after the other); fill loads the initial states (Σ C/PE).
 * Hoisted layers feeding the loop (W·x over T vectors) are stages running alongside it. The
 * initiation interval is the largest top-level stage's busy cycles: the loop cannot take the next
 * inference before its T steps are done. Host nodes and Reshapes count as zero-cycle stages.
 */
export function estimateModel(model: Model, options: EstimateModelOptions = {}): ModelEstimate {
  if (options.folding) validateFolding(model, options.folding);
  const env: Env = { model, options };
  const g = model.graph;
  const shapes: ShapeMap = new Map();
  for (const i of g.inputs) {
    const s = declaredShape(g, i.name);
    if (s) shapes.set(i.name, s);
  }
  for (const [k, t] of g.initializers) shapes.set(k, [...t.dims]);
  const est = estimateGraph(g, shapes, '', 1, env);
  const latency = streamingLatency(est.stages);
  setPathCycles(est, latency.perStage);
  const totals = est.layers.reduce((acc, l) => addResources(acc, l), zeroTotals());
  const bottleneck = latency.bottleneck !== undefined ? est.leafOf.get(latency.bottleneck) : undefined;
  return {
    kind: 'ESTIMATE',
    layers: est.layers,
    recurrences: est.recurrences,
    totals,
    latencyCycles: latency.cycles,
    initiationIntervalCycles: est.stages.reduce((m, s) => Math.max(m, s.cycles), 0),
    ...(bottleneck !== undefined ? { bottleneck } : {}),
    notes: ['all numbers are ESTIMATES from analytical models', 'FF not modelled (0)', 'host nodes not modelled'],
  };
}
