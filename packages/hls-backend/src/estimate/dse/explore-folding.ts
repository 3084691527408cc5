import type { Model, Registry } from '@scanflow/ir';
import { builtinHwRegistry } from '../../hw-layer';
import { type FoldableLayer, foldableLayers } from '../folding/foldable-layers';
import type { FoldingConfig } from '../folding/folding-config';
import { estimateModel } from '../graph/estimate-model';
import type { Resources } from '../graph/report';
import type { LayerEstimateOptions, LayerFolding } from '../layers/types';
import { HlsEstimateError } from '../types';
import type { ThresholdMethod } from '../../implementation/threshold-method';
import { budgetFraction, fitsBudget, type ResourceBudget } from './budget';
import { paretoFront } from './pareto';

/** One folding the exploration visited, with its estimates (ESTIMATES). */
export interface DesignPoint {
  folding: FoldingConfig;
  latencyCycles: number;
  initiationIntervalCycles: number;
  resources: Resources;
  /** The layer that set the latency (the next one to be sped up). */
  bottleneck?: string;
}

export interface ExploreFoldingOptions {
  /** Resources the design must fit (every resource ≤ budget). */
  budget: ResourceBudget;
  /** `min-latency`: the fastest point within the budget; `{ targetCycles }`: the cheapest point within the budget whose latency is ≤ targetCycles. */
  objective: 'min-latency' | { targetCycles: number };
  /** Storage / multiplier choices passed to the layer estimators. */
  estimate?: LayerEstimateOptions;
  /** Op schemas and hardware layers (plugins included); default: the core ops and the built-in layers. */
  registry?: Registry;
}

export interface ExplorationResult {
  readonly kind: 'ESTIMATE';
  /** The chosen design point. */
  best: DesignPoint;
  /** Every point visited, in order (the first is the all-ones folding; a second run starts again from it). */
  points: DesignPoint[];
  /** The points no other point beats in latency and every resource, by latency. */
  pareto: DesignPoint[];
}

function cyclesPerVector(layer: FoldableLayer, f: LayerFolding): number {
  const pes = layer.pe;
  const maxPe = pes[pes.length - 1];
  if (!layer.simd) return maxPe / f.pe;
  return (maxPe / f.pe) * (layer.simd[layer.simd.length - 1] / (f.simd ?? 1));
}

/**
 * The next faster legal folding of a layer: the next PE divisor, or for an MVAU the next SIMD or
 * the next PE divisor, whichever leaves fewer cycles per vector (ties: SIMD, which also shortens
 * the first-output delay). Undefined when the layer is fully parallel.
 */
export function nextFolding(layer: FoldableLayer, f: LayerFolding): LayerFolding | undefined {
  const nextOf = (legal: readonly number[], v: number) => legal.find((d) => d > v);
  const pe = nextOf(layer.pe, f.pe);
  if (!layer.simd) return pe === undefined ? undefined : { pe };
  const simd = nextOf(layer.simd, f.simd ?? 1);
  const bySimd = simd === undefined ? undefined : { pe: f.pe, simd };
  const byPe = pe === undefined ? undefined : { pe, simd: f.simd ?? 1 };
  if (!bySimd) return byPe;
  if (!byPe) return bySimd;
  return cyclesPerVector(layer, byPe) < cyclesPerVector(layer, bySimd) ? byPe : bySimd;
}

function pick(points: DesignPoint[], o: ExploreFoldingOptions): DesignPoint {
  const feasible = points.filter((p) => fitsBudget(p.resources, o.budget));
  if (feasible.length === 0) {
    // the cheapest design visited (PE = SIMD = 1 with the leanest implementation choices)
    const r = points.reduce((a, b) => (budgetFraction(b.resources, o.budget) < budgetFraction(a.resources, o.budget) ? b : a)).resources;
    throw new HlsEstimateError(
      `exploreFolding: even the smallest folding (all PE = SIMD = 1) exceeds the budget ${JSON.stringify(o.budget)}; it needs ESTIMATED ${JSON.stringify(r)}`,
    );
  }
  if (o.objective === 'min-latency') {
    return feasible.reduce((a, b) => (b.latencyCycles < a.latencyCycles ? b : a));
  }
  const target = o.objective.targetCycles;
  const meeting = feasible.filter((p) => p.latencyCycles <= target);
  if (meeting.length === 0) {
    const fastest = feasible.reduce((a, b) => (b.latencyCycles < a.latencyCycles ? b : a));
    throw new HlsEstimateError(`exploreFolding: no folding within the budget reaches ${target} cycles; the fastest reaches ESTIMATED ${fastest.latencyCycles}`);
  }
  const cost = (p: DesignPoint) => budgetFraction(p.resources, o.budget);
  return meeting.reduce((a, b) => {
    const ca = cost(a);
    const cb = cost(b);
    if (cb !== ca) return cb < ca ? b : a;
    if (b.resources.lut !== a.resources.lut) return b.resources.lut < a.resources.lut ? b : a;
    return b.latencyCycles < a.latencyCycles ? b : a;
  });
}

/** Estimates of one exploration by folding: runs revisit designs (every run starts from PE = SIMD = 1; a move's multiplier trial is the next point). */
type EstimateCache = Map<string, ReturnType<typeof estimateModel>>;
const caches = new WeakMap<ExploreFoldingOptions, EstimateCache>();

/** A folding's estimate, from the exploration's cache when visited before (layer names and choices in sorted order make the key). */
function estimateOf(model: Model, folding: FoldingConfig, o: ExploreFoldingOptions): ReturnType<typeof estimateModel> {
  let cache = caches.get(o);
  if (!cache) caches.set(o, (cache = new Map()));
  const sorted = (f: object) => Object.entries(f).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = JSON.stringify(sorted(folding).map(([k, f]) => [k, sorted(f as object)]));
  let e = cache.get(key);
  if (!e) cache.set(key, (e = estimateModel(model, { ...(o.estimate ?? {}), folding, ...(o.registry ? { registry: o.registry } : {}) })));
  return e;
}

/** How the layers inside a recurrence's step apply their thresholds in one exploration run. */
type StepThresholds = ThresholdMethod;

/** The cheaper multiplier implementation for a layer's next folding: the one using the smaller share of the budget. */
function cheaperMultiplier(model: Model, folding: FoldingConfig, name: string, next: LayerFolding, o: ExploreFoldingOptions): LayerFolding {
  const variants = (['lut', 'dsp'] as const).map((mult) => {
    const f: LayerFolding = { ...next, mult };
    const e = estimateOf(model, { ...folding, [name]: f }, o);
    return { f, cost: budgetFraction(e.totals, o.budget), lut: e.totals.lut };
  });
  const [lut, dsp] = variants;
  return dsp!.cost < lut!.cost ? dsp!.f : lut!.f;
}

/**
 * The layers one move speeds up: the bottleneck alone, or in lockstep mode, when it sits in a
 * recurrence's step, every layer of that step taking as many iterations as it does — so the levels
 * of the cell keep walking the same chunks and stay chained in one loop (codegen/recurrence/step-sections.ts).
 */
function movers(layer: FoldableLayer, layers: readonly FoldableLayer[], folding: Record<string, LayerFolding>, lockstep: boolean): FoldableLayer[] {
  if (!lockstep || !layer.inStep) return [layer];
  const parent = layer.path.slice(0, layer.path.lastIndexOf('/') + 1);
  const iterations = cyclesPerVector(layer, folding[layer.node.name]!);
  return layers.filter((l) => l.inStep && l.path.startsWith(parent) && !l.path.slice(parent.length).includes('/') && cyclesPerVector(l, folding[l.node.name]!) === iterations);
}

/** One greedy run (see exploreFolding) with the given threshold method inside recurrence steps. */
function greedyRun(model: Model, layers: readonly FoldableLayer[], o: ExploreFoldingOptions, stepThresholds: StepThresholds, lockstep: boolean): DesignPoint[] {
  const byPath = new Map(layers.map((l) => [l.path, l]));
  const folding: Record<string, LayerFolding> = {};
  for (const l of layers) {
    const f: LayerFolding = l.simd ? { pe: 1, simd: 1 } : { pe: 1 };
    if (l.thresholds && l.inStep && l.sortedThresholds) f.thresholds = stepThresholds;
    folding[l.node.name] = f;
  }
  const points: DesignPoint[] = [];
  const limit = layers.reduce((n, l) => n + l.pe.length + (l.simd?.length ?? 0), 1);
  for (let i = 0; i <= limit; i++) {
    const snapshot: FoldingConfig = Object.fromEntries(Object.entries(folding).map(([k, v]) => [k, { ...v }]));
    const e = estimateOf(model, snapshot, o);
    points.push({
      folding: snapshot,
      latencyCycles: e.latencyCycles,
      initiationIntervalCycles: e.initiationIntervalCycles,
      resources: { ...e.totals },
      ...(e.bottleneck !== undefined ? { bottleneck: e.bottleneck } : {}),
    });
    const layer = e.bottleneck !== undefined ? byPath.get(e.bottleneck) : undefined;
    if (!layer) break;
    if (!nextFolding(layer, folding[layer.node.name]!)) break;
    for (const m of movers(layer, layers, folding, lockstep)) {
      const next = nextFolding(m, folding[m.node.name]!);
      if (!next) continue;
      const withChoices: LayerFolding = { ...folding[m.node.name]!, ...next };
      const current: FoldingConfig = Object.fromEntries(Object.entries(folding).map(([k, v]) => [k, { ...v }]));
      folding[m.node.name] = m.multiplies && o.estimate?.multiplier === undefined ? cheaperMultiplier(model, current, m.node.name, withChoices, o) : withChoices;
    }
  }
  return points;
}

/**
 * Design-space exploration of the folding, greedy like FINN's SetFolding: start with every layer
 * at PE = SIMD = 1, then repeatedly move the layer that sets the latency (the bottleneck on the
 * critical path, inside a Recurrence body when the loop sets it) to its next faster legal folding,
 * recording every design point, until the bottleneck is fully parallel. Each move also picks the
 * layer's multipliers (LUTs or DSP slices: the one taking the smaller share of the budget, so the
 * two resources are used in balance). Runs: the thresholds inside recurrence steps compared all at
 * once (shortest step for any rows), searched in two levels (sorted rows: about 2·√NT comparators,
 * as short for 255 thresholds) or binary-searched (sorted rows: fewest LUTs, a cycle per
 * threshold bit); streaming layers use the `auto` method (the search for long sorted rows). Each of
 * those once moving the bottleneck alone and once in lockstep: a step layer moves together with
 * every layer of its step taking as many iterations, so the cell's levels stay chained in one
 * loop (a lone move can break a chain and cost more than it saves).
 * The visited points depend on the budget only through the ratio of its resources, so a larger
 * budget of the same shape can only allow a faster choice. Returns the chosen point (see
 * `objective`), every point and their Pareto front. Every number is an ESTIMATE.
 */
export function exploreFolding(model: Model, input: ExploreFoldingOptions): ExplorationResult {
  const options = { ...input, registry: input.registry ?? builtinHwRegistry() };
  const layers = foldableLayers(model, options.registry);
  const searchable = layers.some((l) => l.thresholds && l.inStep && l.sortedThresholds);
  const points: DesignPoint[] = [];
  for (const lockstep of [false, true]) {
    points.push(...greedyRun(model, layers, options, 'compare-all', lockstep));
    if (searchable) for (const method of ['search', 'two-level'] as const) points.push(...greedyRun(model, layers, options, method, lockstep));
  }
  return { kind: 'ESTIMATE', best: pick(points, options), points, pareto: paretoFront(points) };
}
