import type { Model } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { builtinHwRegistry } from '../../hw-layer';

const R = builtinHwRegistry();
import { applyFolding } from '../folding/folding-config';
import { estimateModel } from '../graph/estimate-model';
import { RESOURCE_KINDS } from '../graph/report';
import { lstmHwModel, mlpHwModel } from '../hw-models.test-support';
import { budgetFraction, fitsBudget, type ResourceBudget, scaleBudget } from './budget';
import { exploreFolding, nextFolding } from './explore-folding';
import { dominates } from './pareto';
import { foldableLayers } from '../folding/foldable-layers';

// The XCZU7EV resources (the board package holds the cited definition; repeated here to keep the
// backend free of a board dependency).
const ZU7EV: ResourceBudget = { lut: 230400, ff: 460800, bram18: 624, uram: 96, dsp: 1728 };

const models: [string, () => Model][] = [
  ['LSTM 10→20, T 5', () => lstmHwModel()],
  ['LSTM 6→8, T 3', () => lstmHwModel({ I: 6, H: 8, T: 3 })],
  ['MLP', () => mlpHwModel()],
];
const fractions = [0.003, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1];

describe('nextFolding', () => {
  const [fc1] = foldableLayers(mlpHwModel(), R); // mw 16, mh 24
  it('moves SIMD or PE to the next divisor, whichever leaves fewer cycles (ties: SIMD)', () => {
    // 24·16 cycles; simd 2 → 24·8, pe 2 → 12·16: tie → SIMD
    expect(nextFolding(fc1, { pe: 1, simd: 1 })).toEqual({ pe: 1, simd: 2 });
    // pe 1, simd 8: simd 16 → 24·1 = 24; pe 2 → 12·2 = 24: tie → SIMD
    expect(nextFolding(fc1, { pe: 1, simd: 8 })).toEqual({ pe: 1, simd: 16 });
    // pe 2, simd 16 (SIMD exhausted) → pe 3
    expect(nextFolding(fc1, { pe: 2, simd: 16 })).toEqual({ pe: 3, simd: 16 });
    expect(nextFolding(fc1, { pe: 24, simd: 16 })).toBeUndefined();
  });
});

describe('exploreFolding', () => {
  it.each(models)('%s: the chosen point never exceeds the budget', (_n, make) => {
    const model = make();
    for (const f of fractions) {
      const budget = scaleBudget(ZU7EV, f);
      let r;
      try {
        r = exploreFolding(model, { budget, objective: 'min-latency' });
      } catch (e) {
        // only allowed when even the smallest design does not fit
        expect(String(e)).toMatch(/smallest folding .* exceeds the budget/);
        expect(fitsBudget(estimateModel(model, { folding: Object.fromEntries(foldableLayers(model, R).map((l) => [l.node.name, l.simd ? { pe: 1, simd: 1 } : { pe: 1 }])) }).totals, budget)).toBe(false);
        continue;
      }
      expect(fitsBudget(r.best.resources, budget)).toBe(true);
      // re-estimating the applied folding gives the same numbers
      const check = estimateModel(applyFolding(model, r.best.folding, R));
      expect(check.latencyCycles).toBe(r.best.latencyCycles);
      expect(fitsBudget(check.totals, budget)).toBe(true);
    }
  });

  it.each(models)('%s: a larger budget never gives a slower design', (_n, make) => {
    const model = make();
    let previous = Infinity;
    for (const f of fractions) {
      let latency: number;
      try {
        latency = exploreFolding(model, { budget: scaleBudget(ZU7EV, f), objective: 'min-latency' }).best.latencyCycles;
      } catch {
        continue;
      }
      expect(latency).toBeLessThanOrEqual(previous);
      previous = latency;
    }
  });

  it.each(models)('%s: the Pareto front holds no dominated point and covers every visited point', (_n, make) => {
    const r = exploreFolding(make(), { budget: ZU7EV, objective: 'min-latency' });
    for (const p of r.pareto) for (const q of r.points) expect(dominates(q, p)).toBe(false);
    for (const q of r.points) {
      const covered = r.pareto.some((p) => p === q || dominates(p, q) || (p.latencyCycles === q.latencyCycles && RESOURCE_KINDS.every((k) => p.resources[k] === q.resources[k])));
      expect(covered).toBe(true);
    }
  });

  it('greedy starts at all ones and speeds up the bottleneck first (LSTM: a U MVAU in the body)', () => {
    const r = exploreFolding(lstmHwModel(), { budget: ZU7EV, objective: 'min-latency' });
    expect(r.points[0].latencyCycles).toBe(estimateModel(lstmHwModel()).latencyCycles);
    expect(r.points[0].bottleneck).toBe('lstm_loop/mvau_u_f');
    expect(r.points[1].folding.mvau_u_f).toMatchObject({ pe: 1, simd: 2 });
    // latency falls over the trajectory
    expect(r.best.latencyCycles).toBeLessThan(r.points[0].latencyCycles / 4);
  });

  it('each move takes the multipliers (LUTs or DSPs) that use the smaller share of the budget', () => {
    for (const budget of [ZU7EV, scaleBudget(ZU7EV, { dsp: 0.001 }), scaleBudget(ZU7EV, { lut: 0.02 })]) {
      const r = exploreFolding(lstmHwModel(), { budget, objective: 'min-latency' });
      const moved = r.points[1].folding.mvau_u_f!;
      const share = (mult: 'lut' | 'dsp') => budgetFraction(estimateModel(lstmHwModel(), { folding: { ...r.points[0].folding, mvau_u_f: { ...moved, mult } } }).totals, budget);
      expect(moved.mult).toBe(share('dsp') < share('lut') ? 'dsp' : 'lut');
    }
    // with almost no DSPs the products stay in LUTs
    const lutOnly = exploreFolding(lstmHwModel(), { budget: scaleBudget(ZU7EV, { dsp: 0.001 }), objective: 'min-latency' });
    expect(lutOnly.best.resources.dsp).toBeLessThanOrEqual(1);
  });

  it('a LUT-only fraction limits LUTs only', () => {
    const budget = scaleBudget(ZU7EV, { lut: 0.04 });
    expect(budget).toEqual({ lut: 9216, ff: 460800, bram18: 624, uram: 96, dsp: 1728 });
    const r = exploreFolding(lstmHwModel(), { budget, objective: 'min-latency' });
    expect(r.best.resources.lut).toBeLessThanOrEqual(9216);
    expect(r.best.resources.ff).toBeGreaterThan(0);
  });

  it('targetCycles: the cheapest point meeting the target', () => {
    const all = exploreFolding(mlpHwModel(), { budget: ZU7EV, objective: 'min-latency' });
    const target = all.points[Math.floor(all.points.length / 2)].latencyCycles;
    const r = exploreFolding(mlpHwModel(), { budget: ZU7EV, objective: { targetCycles: target } });
    expect(r.best.latencyCycles).toBeLessThanOrEqual(target);
    for (const p of all.points.filter((q) => q.latencyCycles <= target)) {
      // cheapest by the tightest resource fraction; LUT is the binding one here
      expect(Math.max(...RESOURCE_KINDS.map((k) => p.resources[k] / ZU7EV[k]!))).toBeGreaterThanOrEqual(
        Math.max(...RESOURCE_KINDS.map((k) => r.best.resources[k] / ZU7EV[k]!)),
      );
    }
    expect(() => exploreFolding(mlpHwModel(), { budget: ZU7EV, objective: { targetCycles: 1 } })).toThrow(/no folding within the budget reaches 1 cycles/);
  });
});
