import { describe, expect, it } from 'vitest';
import { loopControlResources, wrapCounterResources } from './control';

describe('loop control', () => {
  it('a known trip count sizes the counter', () => {
    // 20 trips: c = 5 bits; LUT = 5 (increment) + ⌈5/3⌉ = 2 (exit test) + 10 (FSM) = 17;
    // FF = 5 + 4 (FSM) + 5 (stage enables of a depth-5 pipeline) = 14.
    expect(loopControlResources({ trips: 20, depth: 5 })).toMatchObject({ lut: 17, ff: 14, bram18: 0, dsp: 0 });
  });

  it('a run-time trip count costs a 32-bit counter', () => {
    // LUT = 32 + ⌈32/3⌉ = 11 + 10 = 53; FF = 32 + 4 + 1 = 37.
    expect(loopControlResources()).toMatchObject({ lut: 53, ff: 37 });
  });

  it('wrap counters: none for a single value, else increment + compare', () => {
    expect(wrapCounterResources(1)).toMatchObject({ lut: 0, ff: 0 });
    // 0..19: 5 bits; LUT 5 + ⌈5/3⌉ = 7; FF 5.
    expect(wrapCounterResources(20)).toMatchObject({ lut: 7, ff: 5 });
    // 0..1: 1 bit; LUT 1 + 1 = 2; FF 1.
    expect(wrapCounterResources(2)).toMatchObject({ lut: 2, ff: 1 });
  });
});
