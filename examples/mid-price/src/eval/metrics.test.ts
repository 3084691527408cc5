import { describe, expect, it } from 'vitest';
import { argmaxRows, classificationMetrics } from './metrics';

describe('classificationMetrics', () => {
  it('accuracy, per-class precision / recall / F1 and macro-F1 (hand-computed)', () => {
    // true:      0 0 0 0 1 1 1 2 2 2
    // predicted: 0 0 1 2 1 1 0 2 2 1
    const m = classificationMetrics([0, 0, 0, 0, 1, 1, 1, 2, 2, 2], [0, 0, 1, 2, 1, 1, 0, 2, 2, 1]);
    expect(m.confusion).toEqual([
      [2, 1, 1],
      [1, 2, 0],
      [0, 1, 2],
    ]);
    expect(m.accuracy).toBeCloseTo(6 / 10, 12);
    // class 0: P = 2/3, R = 2/4, F1 = 2·(2/3·1/2)/(2/3 + 1/2) = 4/7
    // class 1: P = 2/4, R = 2/3, F1 = 4/7
    // class 2: P = 2/3, R = 2/3, F1 = 2/3
    expect(m.perClass.map((c) => c.f1)).toEqual([4 / 7, 4 / 7, 2 / 3].map((v) => expect.closeTo(v, 12)));
    expect(m.macroF1).toBeCloseTo((4 / 7 + 4 / 7 + 2 / 3) / 3, 12);
    expect(m.majorityRate).toBeCloseTo(0.4, 12);
  });

  it('scores a class that is never predicted with F1 0', () => {
    const m = classificationMetrics([0, 1, 2, 2], [0, 1, 1, 1]);
    // class 2: P undefined → 0, R = 0 → F1 0; class 1: P = 1/3, R = 1 → F1 = 0.5; class 0: 1
    expect(m.perClass.map((c) => c.f1)).toEqual([1, 0.5, 0]);
    expect(m.macroF1).toBeCloseTo(0.5, 12);
  });

  it('argmax per row, ties to the lower class', () => {
    expect(argmaxRows([0.1, 0.5, 0.2, 1, 1, 0, -1, -2, -0.5], 3)).toEqual(Uint8Array.of(1, 0, 2));
  });
});
