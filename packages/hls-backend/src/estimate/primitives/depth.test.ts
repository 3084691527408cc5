import { describe, expect, it } from 'vitest';
import { ADDER_LEVELS_PER_CYCLE, elementwiseDepth, LOGIC_BUDGET_NS, mvauDepth, pipelineCutBits, thresholdDepth, twoLevelSearchCycles } from './depth';

describe('timing assumptions', () => {
  it('5 ns − 27 % uncertainty = 3.65 ns; 1.5 ns per adder level → k = 2 levels per cycle', () => {
    expect(LOGIC_BUDGET_NS).toBeCloseTo(3.65, 10);
    expect(ADDER_LEVELS_PER_CYCLE).toBe(2);
  });
});

describe('pipeline depths (ESTIMATES)', () => {
  it.each([
    // operand 1 + LUT product 1 (8·6 = 48 ≤ 100) + ⌈(0 + 1)/2⌉ = 1 → 3
    [{ simd: 1, weightBits: 8, inputBits: 6 }, 3],
    // DSP product 3: 1 + 3 + 1 = 5
    [{ simd: 1, weightBits: 8, inputBits: 8, multiplier: 'dsp' as const }, 5],
    // SIMD 16: ⌈(4 + 1)/2⌉ = 3 → 1 + 1 + 3 = 5
    [{ simd: 16, weightBits: 4, inputBits: 4 }, 5],
    // SIMD 20: ⌈log2 20⌉ = 5 → ⌈6/2⌉ = 3 → 5
    [{ simd: 20, weightBits: 4, inputBits: 4 }, 5],
    // fused 15 thresholds on an 18-bit accumulator: 3 + ⌈(1 + 4 + 1)/2⌉ = 3 + 3 = 6
    [{ simd: 1, weightBits: 8, inputBits: 6, thresholdSteps: 15, accBits: 18 }, 6],
  ])('mvauDepth(%o) = %i', (p, depth) => {
    expect(mvauDepth(p)).toBe(depth);
  });

  it.each([
    [61, 18, 5], // 1 + ⌈(1 + 6 + 1)/2⌉
    [1, 8, 2], // 1 + ⌈(1 + 0 + 1)/2⌉
    [15, 40, 5], // a 40-bit compare is 2 levels: 1 + ⌈(2 + 4 + 1)/2⌉
  ])('thresholdDepth(%i steps, %i bits) = %i', (steps, bits, depth) => {
    expect(thresholdDepth({ steps, bits })).toBe(depth);
  });

  it.each([
    // NT, block B = 2^⌊bits(NT)/2⌋, comparators per level (⌊NT/B⌋, B − 1) → cycles (compare 1, + decode 1 above one comparator)
    [255, 4], // B 16: 15, 15 → 2 + 2
    [246, 4], // B 16: 15, 15
    [124, 4], // B 8: 15, 7
    [60, 4], // B 8: 7, 7
    [3, 2], // B 2: 1, 1 → 1 + 1
    [2, 2], // B 2: 1, 1
    [1, 1], // B 1: 1, 0 → one comparator, no second level
  ])('two-level search over %i thresholds: %i cycles', (steps, cycles) => {
    expect(twoLevelSearchCycles(steps)).toBe(cycles);
  });

  it('a threshold lane by method: the two-level search of 255 is as deep as compare-all, the binary search deeper', () => {
    // compare-all 1 + ⌈(1 + 8 + 1)/2⌉ = 6; two-level 1 + 4 + bias 1 = 6; search 1 + 8 + 1 = 10
    expect(thresholdDepth({ steps: 255, bits: 18 })).toBe(6);
    expect(thresholdDepth({ steps: 255, bits: 18, method: 'two-level' })).toBe(6);
    expect(thresholdDepth({ steps: 255, bits: 18, method: 'search' })).toBe(10);
  });

  it('element-wise: one adder level, or the multiplier latency', () => {
    expect(elementwiseDepth({ op: 'add', bits: 12 })).toBe(2); // 1 + ⌈1/2⌉
    expect(elementwiseDepth({ op: 'mul', bits: 6, otherBits: 7 })).toBe(2); // 1 + LUT 1
    expect(elementwiseDepth({ op: 'mul', bits: 16, otherBits: 12 })).toBe(4); // 1 + DSP 3
  });

  it('more SIMD or more thresholds never make a lane shallower', () => {
    for (let simd = 2; simd <= 64; simd++) {
      expect(mvauDepth({ simd, weightBits: 4, inputBits: 4 })).toBeGreaterThanOrEqual(mvauDepth({ simd: simd - 1, weightBits: 4, inputBits: 4 }));
    }
    for (let steps = 2; steps <= 255; steps++) expect(thresholdDepth({ steps, bits: 16 })).toBeGreaterThanOrEqual(thresholdDepth({ steps: steps - 1, bits: 16 }));
  });
});

describe('pipelineCutBits', () => {
  it('registers the live values after every second level, not after the last', () => {
    expect(pipelineCutBits([18, 10, 12])).toBe(10); // cut after level 2
    expect(pipelineCutBits([61, 61, 46, 31, 19, 11, 6, 6])).toBe(61 + 31 + 11); // after levels 2, 4, 6
    expect(pipelineCutBits([3, 4])).toBe(0); // level 2 is the last
    expect(pipelineCutBits([])).toBe(0);
  });
});
