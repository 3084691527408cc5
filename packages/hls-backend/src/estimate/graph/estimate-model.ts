import { cloneModel, type Graph, inferTypes, isHwLayer, type Model, type Node, type Registry, topologicalOrder } from '@scanflow/ir';
import { builtinHwRegistry, hwLayerOf, isRecurrence, vectorChannelsOf } from '../../hw-layer';
import { applyFolding, type FoldingConfig, effectiveFolding, validateFolding } from '../folding/folding-config';
import { estimateRecurrence } from './recurrence';
import { layerLabel } from '../layers/operands';
import type { LayerEstimateOptions } from '../layers/types';
import { HlsEstimateError } from '../types';
import { lcm } from '../../integer-math';
import { addResources, type LayerReport, type ModelEstimate, type RecurrenceReport, zeroTotals } from './report';
import { STREAM_LAYER_DELAY, type Stage, streamingLatency } from './streaming-latency';
import { declaredShape, outputShapes, type ShapeMap, sizeOf } from './value-shapes';

/** Options of `estimateModel`. */
export interface EstimateModelOptions extends LayerEstimateOptions {
  /** Folding to assume instead of the nodes' `pe` / `simd` attributes (validated against the model). */
  folding?: FoldingConfig;
  /** Op schemas and hardware layers (plugins included); default: the core ops and the built-in layers. */
  registry?: Registry;
}

export interface Env {
  model: Model;
  options: EstimateModelOptions;
  registry: Registry;
  /** Estimating the layers of a Recurrence's fused step. */
  inStep?: boolean;
}

/** What estimating one graph level gives. */
export interface GraphEstimate {
  stages: Stage[];
  layers: LayerReport[];
  recurrences: RecurrenceReport[];
  /** For each stage id, the layer path to speed up when that stage is the bottleneck. */
  leafOf: Map<string, string>;
  shapes: ShapeMap;
}

function vectorsOf(graph: Graph, node: Node, shapes: ShapeMap, registry: Registry): number {
  const channels = vectorChannelsOf(hwLayerOf(registry, node), node);
  const shape = shapes.get(node.inputs[0]) ?? declaredShape(graph, node.inputs[0]);
  if (!shape) throw new HlsEstimateError(`${layerLabel(node)}: the shape of input '${node.inputs[0]}' is unknown`);
  const size = sizeOf(shape);
  if (size % channels !== 0) throw new HlsEstimateError(`${layerLabel(node)}: input '${node.inputs[0]}' has ${size} elements, not a whole number of ${channels}-channel vectors`);
  return size / channels;
}

export function estimateLayer(graph: Graph, node: Node, prefix: string, runs: number, shapes: ShapeMap, env: Env): { report: LayerReport; stage: Stage } {
  const def = hwLayerOf(env.registry, node);
  if (!def) throw new HlsEstimateError(`${layerLabel(node)}: no estimator for hardware layer ${node.opType} (no plugin registers hwLayers for it)`);
  const folding = effectiveFolding(node, env.options.folding, env.registry);
  const vectors = vectorsOf(graph, node, shapes, env.registry);
  const e = def.estimate({ node, graph, model: env.model, folding, numVectors: vectors, options: env.options, ...(env.inStep ? { inStep: true } : {}) });
  const delay = def.firstOutputDelay ? def.firstOutputDelay(node, folding) : STREAM_LAYER_DELAY;
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
    if (isRecurrence(node)) {
      const r = estimateRecurrence(graph, node, prefix, runs, shapes, env, estimateLayer);
      out.stages.push(r.stage);
      out.layers.push(...r.layers);
      out.recurrences.push(r.report, ...r.recurrences);
      if (r.report.bottleneck !== undefined) out.leafOf.set(r.stage.id, r.report.bottleneck);
      continue;
    }
    outputShapes(graph, node, shapes, env.registry).forEach((s, k) => s && node.outputs[k] && shapes.set(node.outputs[k], s));
    if (hwLayerOf(env.registry, node) || isHwLayer(node)) {
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
 * graph: fill + T·step + drain cycles, where step is the fused step of ./recurrence.ts (Σ over its
 * sections of iterations + depth, plus the per-step overhead), fill loads the initial states and
 * drain writes the final ones.
 * Hoisted layers feeding the loop (W·x over T vectors) are stages running alongside it. The
 * initiation interval is the largest top-level stage's busy cycles: the loop cannot take the next
 * inference before its T steps are done. Host nodes and Reshapes count as zero-cycle stages.
 */
export function estimateModel(input: Model, options: EstimateModelOptions = {}): ModelEstimate {
  const registry = options.registry ?? builtinHwRegistry();
  if (options.folding) validateFolding(input, options.folding, registry);
  // the fused step is planned from the nodes' attributes and the values' shapes: estimate a typed
  // copy with the folding applied
  const model = inferTypes(options.folding ? applyFolding(input, options.folding, registry) : cloneModel(input), registry);
  const env: Env = { model, registry, options: { ...options, folding: undefined } };
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
    notes: ['all numbers are ESTIMATES from analytical models', 'host nodes not modelled'],
  };
}
