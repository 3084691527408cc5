import { DataType, GraphBuilder, HW_DOMAIN, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { lstmHwModel, mlpHwModel } from '../hw-models.test-support';
import { estimateModel } from './estimate-model';
import { MVAU_PIPELINE_DEPTH as DM, STREAM_LAYER_DELAY as DS } from './streaming-latency';

/**
 * Hand-worked numbers for the 10 → 20 LSTM (T = 5) at PE = SIMD = 1, as the fused step runs it
 * (codegen/recurrence/step-plan.ts; depths in step-depth.ts: LUT products 1 cycle, three adder
 * levels per cycle, a threshold unit 1 + ⌈log2(NT + 1) / 3⌉, element-wise 1, moves 1):
 *
 *   section 1  read xp_f/i/o/g, 20 words each         20 iterations + depth 1          = 21
 *   section 2  4 × MVAU U (20×20) from xp, + act_g     400 iterations + depth 1 + 1 + 3  = 405
 *              (8×6-bit products in LUTs: 1; tree of SIMD 1 + the running sum: 1; NT 15: 1 + ⌈4/3⌉ = 3)
 *   section 3  f⊙c + act_fc, i⊙g + act_ig (NT 63: 1 + ⌈6/3⌉ = 3, so 1 + 3 = 4), then in the same loop
 *              (chained: 20 iterations each, every value read back in the iteration that wrote it)
 *              c = fc + ig + tanh(c) (4), o⊙tanh(c) + act_h (4), the h write (1):
 *              20 iterations + the chain's depth 4 + 4 + 4 + 1                                = 33
 *   step = 459 + 1 (loop control) = 460 (unchained, levels 3 … 6 would cost 24 + 24 + 24 + 21 = 93,
 *   not 33); fill = drain = 20 + 20 (h, c one element per cycle)
 */
const STEP = 21 + 405 + 33 + 1;
const FILL = 40;

describe('estimateModel on the hand-built LSTM', () => {
  const e = estimateModel(lstmHwModel());

  it('the fused step at PE = SIMD = 1: 460 cycles per step, section by section', () => {
    expect(STEP).toBe(460);
    const r = e.recurrences[0]!;
    expect(r.sections!.map((s) => s.cycles)).toEqual([21, 405, 33]);
    expect(r).toMatchObject({ name: 'lstm_loop', steps: 5, stepCycles: STEP, stateCopyCycles: 0, fillCycles: FILL, drainCycles: FILL, cycles: FILL + 5 * STEP + FILL, bottleneck: 'lstm_loop/mvau_u_f' });
  });

  it('per-step cycles of the body layers; fused ones run inside their producer', () => {
    const byPath = new Map(e.layers.map((l) => [l.path, l]));
    expect(byPath.get('lstm_loop/mvau_u_f')).toMatchObject({ cycles: 400, runs: 5, delay: 5, pe: 1, simd: 1 });
    expect(byPath.get('lstm_loop/add_f')).toMatchObject({ cycles: 0 }); // the MVAU starts from xp_f
    expect(byPath.get('lstm_loop/act_f')).toMatchObject({ cycles: 0 }); // applied by the MVAU
    expect(byPath.get('lstm_loop/mul_oh')).toMatchObject({ cycles: 20, delay: 4 });
    // the hoisted W·x MVAU runs T = 5 vectors of 20·10 cycles
    expect(byPath.get('mvau_w_f')).toMatchObject({ cycles: 1000, vectors: 5, runs: 1, delay: 10 + DM });
    // the state pairs (h INT6, c INT7, two halves each) and the step's arrays are counted as registers
    expect(byPath.get('lstm_loop/registers')!.ff).toBeGreaterThanOrEqual(2 * 20 * 6 + 2 * 20 * 7);
  });

  it('a fused threshold unit runs on the lanes of the layer it is fused into (one unit per lane)', () => {
    const at = (pe: number) => estimateModel(lstmHwModel(), { folding: { mvau_u_f: { pe, simd: 1 } } }).layers.find((l) => l.path === 'lstm_loop/act_f')!;
    expect(at(1).pe).toBe(1);
    expect(at(4).pe).toBe(4);
    // four lanes: four threshold units (each with a quarter of the channels' thresholds)
    expect(at(4).lut).toBeGreaterThan(3 * at(1).lut);
  });

  it('path cycles: a body layer carries its section of the step; the bottleneck has the largest', () => {
    const byPath = new Map(e.layers.map((l) => [l.path, l]));
    expect(byPath.get('lstm_loop/mvau_u_f')!.pathCycles).toBe(405);
    expect(byPath.get('lstm_loop/act_h')!.pathCycles).toBe(33); // fused into o⊙tanh(c), in the chained section 3
    const body = e.layers.filter((l) => l.path.startsWith('lstm_loop/') && l.pathCycles !== undefined);
    expect(Math.max(...body.map((l) => l.pathCycles!))).toBe(405);
    // top level: dup_x (DS) → mvau_w (1000 cycles, its delay 10 + DM) → the loop (delay fill + step)
    expect(byPath.get('mvau_w_f')!.pathCycles).toBe(DS + 1000 + 10 + DM + FILL + STEP);
  });

  it('latency: hoisted stages stream alongside the loop (their delays add, their cycles do not)', () => {
    // dup_x delay DS + mvau_w delay 10 + DM, then the loop's fill + T·step + drain
    expect(e.latencyCycles).toBe(DS + 10 + DM + FILL + 5 * STEP + FILL);
    expect(e.initiationIntervalCycles).toBe(FILL + 5 * STEP + FILL);
    expect(e.bottleneck).toBe('lstm_loop/mvau_u_f');
    expect(e.kind).toBe('ESTIMATE');
  });

  it('MVAU 20×20, INT8 weights, INT6 input, PE = SIMD = 1: the MVAU model (hand-worked in ../mvau.test.ts)', () => {
    // WMEM 400 > 128 → BRAM ⌈400/2048⌉·⌈8/9⌉ = 1; 8×6-bit products (48 ≤ 100 partial-product bits) in LUTs
    expect(e.layers.find((l) => l.name === 'mvau_u_f')).toMatchObject({ lut: 198, bram18: 1, dsp: 0, uram: 0 });
  });

  it('totals count each body layer once (one hardware instance)', () => {
    const sum = e.layers.reduce((s, l) => s + l.dsp, 0);
    expect(e.totals.dsp).toBe(sum);
    expect(e.totals.ff).toBeGreaterThan(0);
  });

  it('fully parallel: 20 cycles per step, one chained section (reads and the output write merge into their neighbours)', () => {
    // one iteration per level, so every level chains: read xp (free) → MVAU 1 + ⌈log2 21 / 3⌉ = 2 + 3 = 6
    // → f⊙c, i⊙g + thr 4 → c + tanh 4 → o⊙tanh + thr 4 → the h write 1: depth 19; + 1 loop control → 20
    const body = ['f', 'i', 'o', 'g'];
    const folding: Record<string, { pe: number; simd?: number }> = Object.fromEntries(body.map((g) => [`mvau_u_${g}`, { pe: 20, simd: 20 }]));
    for (const n of [...body.map((g) => `add_${g}`), ...body.map((g) => `act_${g}`), 'mul_fc', 'act_fc', 'mul_ig', 'act_ig', 'add_c', 'act_tanh', 'mul_oh', 'act_h']) folding[n] = { pe: 20 };
    const r = estimateModel(lstmHwModel(), { folding }).recurrences[0]!;
    expect(r.sections!.map((s) => s.cycles)).toEqual([19]);
    expect(r.stepCycles).toBe(20);
    // act_fc (63 sorted thresholds) by the two-level search: blocks of 8, 7 + 7 comparators, 2 + 2 = 4
    // cycles instead of compare-all's 1 + ⌈6/3⌉ = 3; it sits on the longest chain (f⊙c → c → h): 21
    const twoLevel = estimateModel(lstmHwModel(), { folding: { ...folding, act_fc: { pe: 20, thresholds: 'two-level' } } }).recurrences[0]!;
    expect(twoLevel.stepCycles).toBe(21);
  });

  it('a folding override speeds up the body: U at SIMD 4 → 100 iterations', () => {
    const folding = Object.fromEntries(['f', 'i', 'o', 'g'].map((g) => [`mvau_u_${g}`, { pe: 1, simd: 4 }]));
    const r = estimateModel(lstmHwModel(), { folding }).recurrences[0]!;
    // MVAU section: 100 iterations + 1 + ⌈log2 5 / 3⌉ (= 1) + 3
    expect(r.sections![1]).toMatchObject({ iterations: 100, cycles: 105 });
  });

  it('T comes from the sequences: T = 3 → 3 steps', () => {
    const r = estimateModel(lstmHwModel({ T: 3 })).recurrences[0]!;
    expect(r.steps).toBe(3);
    expect(r.cycles).toBe(FILL + 3 * STEP + FILL);
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
