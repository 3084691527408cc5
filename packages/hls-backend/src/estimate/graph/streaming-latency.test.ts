import { describe, expect, it } from 'vitest';
import { streamingLatency } from './streaming-latency';

describe('streamingLatency', () => {
  it('a chain takes max(cycles) + Σ delays, not Σ cycles', () => {
    // A 100 cycles (delay 5) → B 50 (delay 2) → C 80 (delay 3): 100 + 5 + 2 + 3 = 110
    const r = streamingLatency([
      { id: 'A', inputs: ['x'], outputs: ['a'], cycles: 100, delay: 5 },
      { id: 'B', inputs: ['a'], outputs: ['b'], cycles: 50, delay: 2 },
      { id: 'C', inputs: ['b'], outputs: ['c'], cycles: 80, delay: 3 },
    ]);
    expect(r.cycles).toBe(110);
    expect(r.bottleneck).toBe('A');
  });

  it('on a DAG the longest delay path through the slowest stage counts', () => {
    // x → D (10, d1) → {P (40, d2), Q (30, d10)} → J (10, d1)
    // through P: 1 + 40 + 2 + 1 = 44; through Q: 1 + 30 + 10 + 1 = 42; through D: 10 + 1 + max(2, 10) + 1 = 22
    const r = streamingLatency([
      { id: 'D', inputs: ['x'], outputs: ['d1', 'd2'], cycles: 10, delay: 1 },
      { id: 'P', inputs: ['d1'], outputs: ['p'], cycles: 40, delay: 2 },
      { id: 'Q', inputs: ['d2'], outputs: ['q'], cycles: 30, delay: 10 },
      { id: 'J', inputs: ['p', 'q'], outputs: ['j'], cycles: 10, delay: 1 },
    ]);
    expect(r.cycles).toBe(44);
    expect(r.bottleneck).toBe('P');
    expect(r.perStage.get('Q')).toBe(42);
    expect(r.perStage.get('D')).toBe(22);
  });

  it('source and sink delays wrap the graph; tail 0 stages end at their last output', () => {
    // source 2 + A (100, delay 5, tail 0) + sink 2 = 104
    const r = streamingLatency([{ id: 'A', inputs: ['s'], outputs: ['o'], cycles: 100, delay: 5, tail: 0 }], () => 2, () => 2);
    expect(r.cycles).toBe(104);
  });

  it('is 0 for no stages', () => {
    expect(streamingLatency([]).cycles).toBe(0);
  });
});
