import { DataType, GraphBuilder, HW_DOMAIN, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { lstmHwModel, mlpHwModel } from '../hw-models.test-helper';
import { estimateModel } from './estimate-model';
import { MVAU_PIPELINE_DEPTH as DM, STREAM_LAYER_DELAY as DS } from './streaming-latency';

/**
 * Hand-worked numbers for the 10 → 20 LSTM (T = 5) at PE = SIMD = 1. Per step: MVAU U 20×20 = 400
 * cycles (delay SF + depth = 20 + DM), every other body layer 20 cycles (delay DS), Reshape 0.
 * Longest delay path through mvau_u_f: state_to_stream DS, dup_h DS, [mvau], add_f, act_f, mul_fc,
 * act_fc, add_c, dup_c, act_tanh, mul_oh, act_h, dup_hn (11 × DS), stream_to_state DS → 13·DS.
 */
const CHAIN = 400 + 20 + DM + 13 * DS;
const COPY = 20 + 20; // h and c: C / PE = 20 / 1 each
const STEP = CHAIN + COPY;

describe('estimateModel on the hand-built LSTM', () => {
  const e = estimateModel(lstmHwModel());

  it('constants as documented (MVAU depth 5, other layers 2): step = 491 cycles', () => {
    expect([DM, DS]).toEqual([5, 2]);
    expect(STEP).toBe(491);
  });

  it('per-step cycles of the body layers', () => {
    const byPath = new Map(e.layers.map((l) => [l.path, l]));
    expect(byPath.get('lstm_loop/mvau_u_f')).toMatchObject({ cycles: 400, vectors: 1, runs: 5, delay: 25, pe: 1, simd: 1 });
    expect(byPath.get('lstm_loop/act_h')).toMatchObject({ cycles: 20, runs: 5, delay: 2 });
    // the hoisted W·x MVAU runs T = 5 vectors of 20·10 cycles
    expect(byPath.get('mvau_w_f')).toMatchObject({ cycles: 1000, vectors: 5, runs: 1, delay: 10 + DM });
    expect(e.layers).toHaveLength(5 + 23);
  });

  it('Recurrence: step = critical chain + state copy-back; cycles = fill + T·step', () => {
    expect(e.recurrences).toEqual([
      { name: 'lstm_loop', path: 'lstm_loop', steps: 5, chainCycles: CHAIN, stateCopyCycles: COPY, stepCycles: STEP, fillCycles: COPY, cycles: COPY + 5 * STEP, bottleneck: 'lstm_loop/mvau_u_f', pathCycles: DS + 10 + DM + COPY + 5 * STEP },
    ]);
  });

  it('path cycles: the longest path through each stage of its level; the bottleneck has the largest', () => {
    const byPath = new Map(e.layers.map((l) => [l.path, l]));
    // mvau_u_f sets the step's chain; act_h (20 cycles) on the same delay path: 13·DS + U's delay (20 + DM) + its own 20
    expect(byPath.get('lstm_loop/mvau_u_f')!.pathCycles).toBe(CHAIN);
    expect(byPath.get('lstm_loop/act_h')!.pathCycles).toBe(20 + DM + 13 * DS + 20);
    const body = e.layers.filter((l) => l.path.startsWith('lstm_loop/'));
    expect(Math.max(...body.map((l) => l.pathCycles!))).toBe(CHAIN);
    // top level: dup_x (DS) → mvau_w (1000 cycles) → the loop (delay fill + step) 
    expect(byPath.get('mvau_w_f')!.pathCycles).toBe(DS + 1000 + 10 + DM + COPY + STEP);
  });

  it('latency: hoisted stages stream alongside the loop (their delays add, their cycles do not)', () => {
    // dup_x delay DS + mvau_w delay 10 + DM, then the loop's fill + T·step
    expect(e.latencyCycles).toBe(DS + 10 + DM + COPY + 5 * STEP);
    expect(e.initiationIntervalCycles).toBe(COPY + 5 * STEP);
    expect(e.bottleneck).toBe('lstm_loop/mvau_u_f');
    expect(e.kind).toBe('ESTIMATE');
  });

  it('MVAU 20×20, INT8 weights, INT6 input, PE = SIMD = 1: resources by the §3.2 formulas', () => {
    // WMEM 400 > 128 → BRAM: ⌈400/2048⌉·⌈8/9⌉ = 1; W + A = 14 > 8 → DSP ⌈14/48⌉ = 1;
    // α = log2 20 + 8 + 6 − 1 − 1 ≈ 16.32 → acc 18; LUT = ⌊300 + 1.1·(14·1 + 18)⌋ = 335
    expect(e.layers.find((l) => l.name === 'mvau_u_f')).toMatchObject({ lut: 335, bram18: 1, dsp: 1, uram: 0 });
  });

  it('totals count each body layer once (one hardware instance)', () => {
    const sum = e.layers.reduce((s, l) => s + l.dsp, 0);
    expect(e.totals.dsp).toBe(sum);
    expect(e.totals.dsp).toBe(8); // 4 W MVAUs + 4 U MVAUs
  });

  it('a folding override speeds up the body: U at SIMD 4 → 100 cycles, delay 5 + DM', () => {
    const folding = Object.fromEntries(['f', 'i', 'o', 'g'].map((g) => [`mvau_u_${g}`, { pe: 1, simd: 4 }]));
    const r = estimateModel(lstmHwModel(), { folding }).recurrences[0];
    expect(r.chainCycles).toBe(100 + 5 + DM + 13 * DS);
    expect(r.stepCycles).toBe(100 + 5 + DM + 13 * DS + COPY);
  });

  it('state copy-back uses the PE of the layer writing the state', () => {
    const r = estimateModel(lstmHwModel(), { folding: { dup_hn: { pe: 4 }, dup_c: { pe: 2 } } }).recurrences[0];
    expect(r.stateCopyCycles).toBe(20 / 4 + 20 / 2);
  });

  it('state copy-back moves lcm(writer PE, reader PE) elements per cycle (the array is partitioned for both)', () => {
    // h is read by dup_h (through reshape_h) and written by dup_hn; c is read by mul_fc and written by dup_c
    const r = estimateModel(lstmHwModel(), { folding: { dup_h: { pe: 5 }, dup_hn: { pe: 2 }, mul_fc: { pe: 4 } } }).recurrences[0];
    expect(r.stateCopyCycles).toBe(20 / 10 + 20 / 4); // h: lcm(5, 2) = 10; c: lcm(4, 1) = 4
  });

  it('T comes from the sequences: T = 3 → 3 steps', () => {
    const r = estimateModel(lstmHwModel({ T: 3 })).recurrences[0];
    expect(r.steps).toBe(3);
    expect(r.cycles).toBe(COPY + 3 * STEP);
  });
});

describe('estimateModel on a chain', () => {
  it('MLP: max(cycles) + Σ delays', () => {
    // fc1 24×16: 8 vectors × 384 = 3072, delay 16 + DM; fc2 12×24: 8 × 288 = 2304, delay 24 + DM; act3: 8 × 12 = 96, DS
    const e = estimateModel(mlpHwModel());
    expect(e.latencyCycles).toBe(3072 + 16 + DM + 24 + DM + DS);
    expect(e.initiationIntervalCycles).toBe(3072);
    expect(e.bottleneck).toBe('fc1');
  });

  it('names the layer when a datatype is missing', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [1, 2]);
    b.output(b.op('MVAU', [x, b.initializer('W', Tensor.float32([2, 2], [1, 1, 1, 1]), DataType.int(2))], { mw: 2, mh: 2, acc_dtype: 'INT8' }, { domain: HW_DOMAIN, name: 'm0' }));
    expect(() => estimateModel(b.model())).toThrow(/MVAU 'm0': input 'x' has no QONNX datatype annotation/);
  });

  it('rejects a folding that does not fit, naming node, attribute and allowed values', () => {
    expect(() => estimateModel(mlpHwModel(), { folding: { fc1: { pe: 5, simd: 1 } } })).toThrow(/node 'fc1' \(MVAU\): pe = 5 does not divide mh = 24; allowed pe values: 1, 2, 3, 4, 6, 8, 12, 24/);
  });
});
