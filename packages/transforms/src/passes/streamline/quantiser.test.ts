import { Rng } from '@scanflow/builders';
import { Graph, Model, Node, QONNX_DOMAIN, quantIntRange, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import type { PassContext } from '../../pass';
import { F32_MAX, float32AtLeast, keyOf, valueOfKey } from './float32';
import { affineGridSteps, float32Steps, integerSteps, levelFunction, type Quantiser, roundHalfEven, tieRuleThreshold } from './quantiser';
import { evaluate, registry } from './streamline.test-support';

const model = new Model(new Graph(), { opsetImports: new Map([['', 14], [QONNX_DOMAIN, 1]]) });
const ctx: PassContext = { registry, evaluate, note: () => {} };
const rng = new Rng(2024);

function quantNode(signed: boolean, narrow: boolean): Node {
  return new Node({ opType: 'Quant', domain: QONNX_DOMAIN, inputs: ['x', 's', 'z', 'b'], outputs: ['y'], attributes: { signed: signed ? 1 : 0, narrow: narrow ? 1 : 0, rounding_mode: 'ROUND' } });
}

/** The reference: the simulator's Quant kernel, level = y / s. */
function kernelLevels(xs: number[], s: number, bits: number, signed: boolean, narrow: boolean): number[] {
  const y = evaluate(quantNode(signed, narrow), [Tensor.float32([xs.length], xs), Tensor.scalar('float32', s), Tensor.scalar('float32', 0), Tensor.scalar('float32', bits)], 1)![0];
  return Array.from(y.data as Float32Array, (v) => Math.round(v / s) + 0);
}

/** MultiThreshold semantics on one value: base + #{t : x >= t}. */
function mt(x: number, base: number, t: number[]): number {
  return base + t.filter((v) => x >= v).length;
}

function quantiser(bits: number, signed: boolean, narrow: boolean, s: number): Quantiser {
  const [lo, hi] = quantIntRange(bits, signed, narrow);
  return { bits, signed, narrow, rounding: 'ROUND', lo, hi, scale: [s], scaleTensor: Tensor.scalar('float32', s) };
}

describe('float32 keys', () => {
  it('map float32 values to integers in order, both ways', () => {
    const xs = [-F32_MAX, -1, -1e-45, 0, 1e-45, 0.1, 1, 3.5, F32_MAX].map(Math.fround);
    const keys = xs.map(keyOf);
    for (let i = 1; i < keys.length; i++) expect(keys[i]).toBeGreaterThan(keys[i - 1]);
    xs.forEach((x, i) => expect(valueOfKey(keys[i])).toBe(x));
    expect(keyOf(-0)).toBe(0);
    expect(valueOfKey(keyOf(1) + 1)).toBe(1 + 2 ** -23);
  });
  it('rounds up to a float32', () => {
    expect(float32AtLeast(0.1)).toBeGreaterThanOrEqual(0.1);
    expect(float32AtLeast(0.1)).toBe(Math.fround(0.1) >= 0.1 ? Math.fround(0.1) : valueOfKey(keyOf(Math.fround(0.1)) + 1));
    expect(float32AtLeast(1.5)).toBe(1.5);
  });
});

describe('the tie rule (integer thresholds reproducing round half to even)', () => {
  it('fires at a tie only into an even level', () => {
    // level 2 (even) at d = 3: a tie at n = 3 goes up → fires at 3; level 3 (odd): the tie stays → fires at 4
    expect(tieRuleThreshold(3, 2)).toBe(3);
    expect(tieRuleThreshold(3, 3)).toBe(4);
    expect(tieRuleThreshold(-3, -3)).toBe(-2);
    expect(tieRuleThreshold(-3, -2)).toBe(-3);
    expect(tieRuleThreshold(2.25, 3)).toBe(3);
  });

  // ratio = input scale / quantiser scale: exactly representable, so ties are exact in float32 too
  const ratios = [1, 0.5, 0.25, 0.75, 1.5, 2, 0.375, 1 / 8];
  const grids: [number, boolean, boolean][] = [
    [2, true, false],
    [2, false, false],
    [3, true, true],
    [3, false, true],
    [4, true, false],
    [4, false, false],
    [5, true, false],
  ];
  it.each(grids)('matches the Quant kernel for every integer in [-64, 64]: %d bits, signed %s, narrow %s', (bits, signed, narrow) => {
    const ns = Array.from({ length: 129 }, (_, i) => i - 64);
    const [lo, hi] = quantIntRange(bits, signed, narrow);
    for (const ratio of ratios) {
      const sIn = ratio; // quantiser scale 1
      const ref = kernelLevels(
        ns.map((n) => Math.fround(n * sIn)),
        1,
        bits,
        signed,
        narrow,
      );
      const steps = affineGridSteps(ratio, lo, hi, -64, 64);
      expect(ns.map((n) => mt(n, steps.base, steps.thresholds))).toEqual(ref);
      // the same thresholds by searching the kernel's own levels
      const lf = levelFunction(ctx, model, undefined, quantNode(signed, narrow), quantiser(bits, signed, narrow, 1), 1);
      if (typeof lf === 'string') throw new Error(lf);
      const searched = integerSteps(lf, -64, 64, sIn);
      expect(searched).toEqual(steps);
    }
  });

  it('sees exact ties in that domain (the rule is exercised)', () => {
    // ratio 0.5: n = 1, 3, 5 ... are ties (0.5, 1.5, 2.5 ...); half to even sends 1 → 0, 3 → 2, 5 → 2
    expect(kernelLevels([0.5, 1.5, 2.5, -0.5, -1.5], 1, 4, true, false)).toEqual([0, 2, 2, 0, -2]);
    const s = affineGridSteps(0.5, -8, 7, -16, 16);
    expect([1, 3, 5, -1, -3].map((n) => mt(n, s.base, s.thresholds))).toEqual([0, 2, 2, 0, -2]);
  });
});

describe('float32 thresholds', () => {
  it.each([
    [8, true, false, 4 / 127],
    [6, false, false, 1 / 63],
    [3, true, true, 0.3],
    [4, true, false, 0.25],
  ])('reproduce the Quant kernel on float inputs, at and around every threshold: %d bits, signed %s', (bits, signed, narrow, s0) => {
    const s = Math.fround(s0);
    const q = quantiser(bits, signed, narrow, s);
    const lf = levelFunction(ctx, model, undefined, quantNode(signed, narrow), q, s);
    if (typeof lf === 'string') throw new Error(lf);
    const st = float32Steps(lf);
    expect(st.base).toBe(q.lo);
    expect(st.thresholds.length).toBe(q.hi - q.lo);
    // every threshold, its float32 neighbours, the decision points (k + 1/2)·s and random values
    const xs: number[] = [];
    for (const t of st.thresholds) for (const d of [-2, -1, 0, 1, 2]) xs.push(valueOfKey(keyOf(t) + d));
    for (let k = q.lo; k <= q.hi; k++) xs.push(Math.fround((k + 0.5) * s), Math.fround(k * s));
    for (let i = 0; i < 2000; i++) xs.push(Math.fround(rng.uniform(-1, 1) * (q.hi + 2) * s));
    const ref = kernelLevels(xs, s, bits, signed, narrow);
    expect(xs.map((x) => mt(x, st.base, st.thresholds))).toEqual(ref);
  });

  it('absorb sigmoid and tanh: thresholds at σ⁻¹ / atanh of the decision levels, unreachable levels dropped', () => {
    const s = Math.fround(1 / 63);
    const sig = levelFunction(ctx, model, new Node({ opType: 'Sigmoid', inputs: ['a'], outputs: ['b'] }), quantNode(false, false), quantiser(6, false, false, s), s);
    if (typeof sig === 'string') throw new Error(sig);
    const st = float32Steps(sig);
    // σ(-FLT_MAX) = 0 → level 0; the float32 sigmoid reaches 1 → all 63 levels
    expect(st.base).toBe(0);
    expect(st.thresholds.length).toBe(63);
    st.thresholds.forEach((t, k) => {
      const p = (k + 0.5) * s;
      expect(t).toBeCloseTo(Math.log(p / (1 - p)), 4);
    });
    const ts = Math.fround(1 / 31);
    const tanh = levelFunction(ctx, model, new Node({ opType: 'Tanh', inputs: ['a'], outputs: ['b'] }), quantNode(true, false), quantiser(6, true, false, ts), ts);
    if (typeof tanh === 'string') throw new Error(tanh);
    const tt = float32Steps(tanh);
    // tanh > -1: level -32 (value -32/31 < -1) is never the output: the base is -31
    expect(tt.base).toBe(-31);
    expect(tt.thresholds.length).toBe(62);
    tt.thresholds.forEach((t, k) => expect(t).toBeCloseTo(Math.atanh((k - 31 + 0.5) * ts), 4));
    const xs = Array.from({ length: 4000 }, () => Math.fround(rng.uniform(-8, 8)));
    const ref = evaluate(new Node({ opType: 'Tanh', inputs: ['a'], outputs: ['b'] }), [Tensor.float32([xs.length], xs)], 14)![0];
    expect(xs.map((x) => mt(x, tt.base, tt.thresholds))).toEqual(kernelLevels(Array.from(ref.data as Float32Array), ts, 6, true, false));
  });

  it('round half to even', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 1.4999, 2.5001].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, 1, 3]);
  });
});
