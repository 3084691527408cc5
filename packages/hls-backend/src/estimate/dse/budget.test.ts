import { describe, expect, it } from 'vitest';
import { budgetFraction, fitsBudget, scaleBudget } from './budget';
import { paretoFront } from './pareto';

const r = (lut: number, bram18 = 0) => ({ lut, ff: 0, bram18, uram: 0, dsp: 0 });

describe('budgets', () => {
  it('scaleBudget floors each resource', () => {
    expect(scaleBudget({ lut: 1000, dsp: 15 }, 0.1)).toEqual({ lut: 100, dsp: 1 });
    expect(scaleBudget({ lut: 1000, dsp: 15 }, { dsp: 0.5 })).toEqual({ lut: 1000, dsp: 7 });
  });

  it('fitsBudget ignores resources the budget leaves out', () => {
    expect(fitsBudget(r(100, 5), { lut: 100 })).toBe(true);
    expect(fitsBudget(r(101), { lut: 100 })).toBe(false);
    expect(fitsBudget(r(100, 5), { lut: 100, bram18: 4 })).toBe(false);
  });

  it('budgetFraction is the tightest resource', () => {
    expect(budgetFraction(r(50, 3), { lut: 100, bram18: 4 })).toBe(0.75);
  });
});

describe('paretoFront', () => {
  it('keeps only non-dominated points, by latency', () => {
    const a = { latencyCycles: 100, resources: r(10) };
    const b = { latencyCycles: 50, resources: r(20) };
    const c = { latencyCycles: 60, resources: r(30) }; // dominated by b
    const d = { latencyCycles: 40, resources: r(15, 1) }; // better latency and LUT than b, worse BRAM
    expect(paretoFront([a, b, c, d])).toEqual([d, b, a]);
  });
});
