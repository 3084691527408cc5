import { type QuantLstmQuantisers, Rng } from '@scanflow/builders';
import { expect } from 'vitest';
import { attrGraph, cloneModel, coreOps, createRegistry, forEachGraph, type Graph, type Model, type Node, QONNX_DOMAIN, Tensor, toNumbers } from '@scanflow/ir';
import { coreKernels, createConstantEvaluator, Simulator, type TraceRecorder } from '@scanflow/sim';
import { corePasses } from '../../builtin-passes';
import { type PipelineResult, runPipeline } from '../../pass-manager';
import { stagePipelines } from '../../stages';

/** Test support for the streamlining passes (not a test file itself). */

export const registry = createRegistry([coreOps(), coreKernels(), corePasses()]);
export const evaluate = createConstantEvaluator(registry);
/** The built-in stage pipelines (assembled from the registered passes). */
export const STAGE_PIPELINES = stagePipelines(registry);

/** Runs a pipeline on a copy of `model`. */
export function run(model: Model, pipeline: string): PipelineResult {
  return runPipeline(cloneModel(model), pipeline, { registry, evaluate, checkStructure: true });
}

/** The QONNX stage of a builder (QCDQ) model: the reference the streamlined graph is compared with. */
export function qonnxStage(model: Model): Model {
  return run(run(model, STAGE_PIPELINES.import!).model, STAGE_PIPELINES.qonnx!).model;
}

/** The streamlined stage of a QONNX-stage model, with the notes of every pass. */
export function streamlinedStage(qonnx: Model): PipelineResult {
  return run(qonnx, STAGE_PIPELINES.streamlined!);
}

/** Op type → count, over a graph (and its subgraphs when `deep`). */
export function opCounts(graph: Graph, deep = false): Record<string, number> {
  const c: Record<string, number> = {};
  const visit = (g: Graph) => g.nodes.forEach((n) => (c[n.opType] = (c[n.opType] ?? 0) + 1));
  if (deep) forEachGraph(graph, visit);
  else visit(graph);
  return c;
}

/** The body of the (first) Scan of a graph. */
export function scanBody(graph: Graph): Graph {
  return attrGraph(graph.nodes.find((n) => n.opType === 'Scan')!, 'body');
}

export function values(t: Tensor): number[] {
  return Array.from(t.data as Float32Array, (v) => v + 0);
}

/** A simulator pair: the QONNX-stage reference and the streamlined model. */
export interface Pair {
  ref: Simulator;
  out: Simulator;
  refModel: Model;
  outModel: Model;
}

export function pair(refModel: Model, outModel: Model): Pair {
  return { ref: new Simulator(refModel, { registry }), out: new Simulator(outModel, { registry }), refModel, outModel };
}

/** Where a run of the streamlined model first leaves the reference, and how close to a rounding tie the reference was there. */
export interface Divergence {
  /** Trace path ('' for the main graph, `lstm[t]/` for step t of the Scan). */
  path: string;
  quantiser: string;
  element: number;
  refLevel: number;
  outLevel: number;
  /** |x/s - (k + 1/2)| of the reference's quantiser input: 0 at an exact tie. */
  tieDistance: number;
}

interface QuantSite {
  node: Node;
  graph: Graph;
  scale: number;
}

function quantSites(graph: Graph): QuantSite[] {
  return graph.nodes
    .filter((n) => n.domain === QONNX_DOMAIN && n.opType === 'Quant' && !graph.initializers.has(n.inputs[0]))
    .map((n) => ({ node: n, graph, scale: toNumbers(graph.initializers.get(n.inputs[1])!)[0] }));
}

/**
 * Runs both models with tracing and walks the reference's activation quantisers in execution order
 * (main graph up to the Scan, then every step of the Scan body, then the rest of the main graph),
 * comparing each quantiser's level with the streamlined model's MultiThreshold output of the same
 * name + `_int` (the names quant-to-multithreshold gives). Returns the first quantiser whose levels
 * differ, with the reference's distance to a tie there; undefined if no traced level differs.
 */
export function firstDivergence(p: Pair, inputs: Tensor[]): Divergence | undefined {
  const ra = p.ref.run(inputs, { trace: true }).trace!;
  const rb = p.out.run(inputs, { trace: true }).trace!;
  const main = p.refModel.graph;
  const scanAt = main.nodes.findIndex((n) => n.opType === 'Scan');
  const scan = main.nodes[scanAt];
  const before = quantSites(main).filter((s) => scanAt < 0 || main.nodes.indexOf(s.node) < scanAt);
  const after = quantSites(main).filter((s) => scanAt >= 0 && main.nodes.indexOf(s.node) > scanAt);
  const visits: { path: string; site: QuantSite }[] = before.map((site) => ({ path: '', site }));
  if (scan) {
    const body = attrGraph(scan, 'body');
    const steps = ra.entries.filter((e) => e.path.startsWith(`${scan.name}[`)).reduce((m, e) => Math.max(m, Number(/\[(\d+)\]/.exec(e.path)![1])), -1);
    for (let t = 0; t <= steps; t++) for (const site of quantSites(body)) visits.push({ path: `${scan.name}[${t}]/`, site });
  }
  for (const site of after) visits.push({ path: '', site });
  for (const { path, site } of visits) {
    const o = site.node.outputs[0];
    const refOut = get(ra, o, path);
    const outLv = get(rb, `${o}_int`, path);
    if (!refOut || !outLv) continue;
    const a = toNumbers(refOut);
    const b = toNumbers(outLv);
    for (let i = 0; i < a.length; i++) {
      const refLevel = Math.round(a[i] / site.scale) + 0;
      if (refLevel === b[i]) continue;
      const x = toNumbers(get(ra, site.node.inputs[0], path)!)[i];
      const u = Math.fround(x / site.scale);
      return { path, quantiser: o, element: i, refLevel, outLevel: b[i], tieDistance: Math.abs(u - Math.floor(u) - 0.5) };
    }
  }
  return undefined;
}

function get(tr: TraceRecorder, name: string, path: string): Tensor | undefined {
  return tr.get(name, path);
}

/** Counts exact ties (x / s = k + 1/2 in float32) at the reference's activation quantisers over one traced run. */
export function exactTies(p: Pair, inputs: Tensor[]): number {
  const tr = p.ref.run(inputs, { trace: true }).trace!;
  const sites = new Map<string, number>();
  forEachGraph(p.refModel.graph, (g) => quantSites(g).forEach((s) => sites.set(s.node.inputs[0], s.scale)));
  let ties = 0;
  for (const e of tr.entries) {
    const s = sites.get(e.output);
    if (s === undefined) continue;
    for (const x of toNumbers(e.tensor)) {
      const u = Math.fround(x / s);
      if (u - Math.floor(u) === 0.5) ties++;
    }
  }
  return ties;
}

/** Outcome of comparing the two models on many inputs. */
export interface Comparison {
  runs: number;
  /** Runs whose outputs are all equal. */
  exact: number;
  /** Runs that differ, each explained by where it first diverged. */
  divergences: Divergence[];
  /** Runs that differ without a traced quantiser level differing (should be none). */
  unexplained: number;
}

/**
 * Compares outputs run by run. `sameGrid` lists output indices compared on their quantisation grid
 * (|a - b| below half a step `gridStep[k]`) rather than bit for bit — for outputs the reference forms
 * as a float sum of two grid values (c_t = fc + ig), which the streamlined graph forms as an integer
 * sum times the scale (they can differ in the last bit).
 */
export function compare(p: Pair, inputs: Tensor[][], grid: Record<number, number> = {}): Comparison {
  const r: Comparison = { runs: inputs.length, exact: 0, divergences: [], unexplained: 0 };
  for (const ins of inputs) {
    const a = p.ref.run(ins).outputs;
    const b = p.out.run(ins).outputs;
    let same = true;
    a.forEach((t, k) => {
      const x = values(t);
      const y = values(b[k]);
      const step = grid[k];
      for (let i = 0; i < x.length && same; i++) if (step ? Math.abs(x[i] - y[i]) >= step / 2 : x[i] !== y[i]) same = false;
    });
    if (same) {
      r.exact++;
      continue;
    }
    const d = firstDivergence(p, ins);
    if (d) r.divergences.push(d);
    else r.unexplained++;
  }
  return r;
}

/** float32 tensor helper. */
export function f32(dims: number[], v: ArrayLike<number>): Tensor {
  return new Tensor('float32', dims, Float32Array.from(v));
}

/** Runs `pipeline` on a copy of `model`; returns the result, the notes and the simulated outputs of both models on every input set. */
export function checkPass(model: Model, pipeline: string, inputs: Tensor[][]): { after: Model; notes: string[]; before: number[][][]; outputs: number[][][]; changed: boolean } {
  const r = run(model, pipeline);
  const a = new Simulator(model, { registry });
  const b = new Simulator(r.model, { registry });
  return {
    after: r.model,
    notes: r.records.flatMap((x) => x.notes),
    changed: r.records.some((x) => x.changed),
    before: inputs.map((ins) => a.run(ins).outputs.map(values)),
    outputs: inputs.map((ins) => b.run(ins).outputs.map(values)),
  };
}

/** n random float32 tensors of `dims` uniform in [lo, hi), from a seeded generator. */
export function randomInputs(seed: number, n: number, shapes: number[][], lo = -4, hi = 4): Tensor[][] {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, () => shapes.map((d) => f32(d, Array.from({ length: d.reduce((a, b) => a * b, 1) }, () => lo + (hi - lo) * next()))));
}

export const FINN_GL: QuantLstmQuantisers = { weight: 8, input: 8, hidden: 8, acc: 6, sigmoid: 6, tanh: 6, cell: 6, hiddenTanh: 6 };

function scaleOf(qonnx: Model, output: string): number {
  const body = scanBody(qonnx.graph);
  return toNumbers(body.initializers.get(body.nodes.find((n) => n.outputs[0] === output)!.inputs[1])!)[0];
}

/** Sequences of `steps` input vectors in [-4, 4]; odd ones start from h0, c0 on their grids (h: hidden range, c: twice the cell range). */
export function sequences(qonnx: Model, seed: number, count: number, steps: number, F: number, H: number, hiddenRange: [number, number], cellRange: [number, number]): Tensor[][] {
  const rng = new Rng(seed);
  const sh = scaleOf(qonnx, 'h_t');
  const sc = scaleOf(qonnx, 'c_out_dq');
  return Array.from({ length: count }, (_, k) => {
    const grid = k % 2 === 1;
    const h0 = Float32Array.from({ length: H }, () => (grid ? Math.fround(rng.int(...hiddenRange) * sh) : 0));
    const c0 = Float32Array.from({ length: H }, () => (grid ? Math.fround(rng.int(2 * cellRange[0], 2 * cellRange[1]) * sc) : 0));
    return [new Tensor('float32', [steps, F, 1], rng.floats(steps * F, -4, 4)), new Tensor('float32', [H, 1], h0), new Tensor('float32', [H, 1], c0)];
  });
}

/** Runs the comparison and checks that every difference is a tie; returns the comparison. */
export function checkEquivalence(qonnx: Model, streamlined: Model, inputs: Tensor[][]): Comparison {
  const c = compare(pair(qonnx, streamlined), inputs, { 1: scaleOf(qonnx, 'c_out_dq') });
  expect(c.unexplained).toBe(0);
  for (const d of c.divergences) {
    expect(d.tieDistance).toBeLessThan(1e-5);
    expect(Math.abs(d.refLevel - d.outLevel)).toBe(1);
  }
  return c;
}

export function summary(name: string, c: Comparison, vectors: number): string {
  const at: Record<string, number> = {};
  for (const d of c.divergences) at[d.quantiser] = (at[d.quantiser] ?? 0) + 1;
  return `${name}: ${vectors} input vectors in ${c.runs} sequences, ${c.exact} equal, ${c.divergences.length} differing after a tie ${JSON.stringify(at)}`;
}

