import { describe, expect, it } from 'vitest';
import { gppAvailable, skipNote } from '../testing/cpp-fixture.test-support';
import { generateHlsProject } from './project';
import { runCsim } from './run-csim';
import { csimAgainstSimulator, zcu104 } from './testing/csim-case.test-support';
import { type LstmFold, lstmModel, unusedPartsModel } from './testing/models.test-support';
import { Rng } from './testing/random.test-support';
import { simulate } from './testing/reference.test-support';
import { estimateModel } from '../estimate/graph/estimate-model';
import { STEP_TRIP } from '../codegen/recurrence/generate-recurrence';
import { applyFolding, type FoldingConfig } from '../estimate/folding/folding-config';
import { foldableLayers } from '../estimate/folding/foldable-layers';
import { builtinHwRegistry } from '../hw-layer';

const folds: Record<string, LstmFold> = {
  'everything PE / SIMD 1': { xSimd: 1, xPe: 1, uSimd: 1, uPe: 1, gatePe: 1, cellPe: 1 },
  'PE / SIMD 2 (with width conversions between them)': { xSimd: 2, xPe: 2, uSimd: 2, uPe: 2, gatePe: 2, cellPe: 2 },
  'mixed (3, 2, 2, 4, 2, 1)': { xSimd: 3, xPe: 2, uSimd: 2, uPe: 4, gatePe: 2, cellPe: 1 },
  'fully parallel (I = 6, H = 4)': { xSimd: 6, xPe: 4, uSimd: 4, uPe: 4, gatePe: 4, cellPe: 4 },
};

describe(`generated integer LSTM (Recurrence, fused step, T = 5, hidden 4) against the simulator${skipNote}`, () => {
  it.skipIf(!gppAvailable).each(Object.entries(folds))('%s', (_, fold) => {
    const { model, inputs } = lstmModel(fold);
    const { project, expected, result } = csimAgainstSimulator(model, inputs);
    expect(result.stdout).toContain('SCANFLOW CSIM PASS checked=28 mismatches=0');
    // the data must exercise the cell: h takes several values over the steps
    expect(new Set(Array.from(expected[2]!.data as Float32Array)).size).toBeGreaterThanOrEqual(3);
    expect(project.accelerator.constants).toEqual(['c0']);
    expect(project.ports.inputs.map((p) => p.name)).toEqual(['in_x', 'in_h0']);
    expect(project.ports.outputs.map((p) => p.name)).toEqual(['out_h_final', 'out_c_final', 'out_h_seq']);
    const loop = project.files.get('src/layers/rec_lstm_loop.hpp')!;
    // the step count is the run-time register, the model's T only the trip count
    expect(loop).toContain('for (unsigned t = 0; t < seq_len; ++t)');
    expect(loop).toContain('SCANFLOW_PRAGMA(HLS LOOP_TRIPCOUNT min=1 max=5 avg=5)');
    // c: a ping-pong pair of the body's state type, written in place: no copy-back, no DATAFLOW per step
    expect(loop).toContain('ap_int<7> st1[2][4];');
    expect(loop).not.toContain('DATAFLOW');
    expect(loop).not.toContain('state_copy');
    expect(project.files.get('src/scanflow_top.cpp')).toContain('SCANFLOW_PRAGMA(HLS INTERFACE s_axilite port=seq_len bundle=control)');
  });

  it.skipIf(!gppAvailable)('the same accelerator at two run-time sequence lengths (T = 5, and T = 3 through the seq_len register)', () => {
    const fold = { xSimd: 2, xPe: 2, uSimd: 2, uPe: 4, gatePe: 2, cellPe: 1 };
    const long = lstmModel(fold, 11, { I: 6, H: 4, T: 5 });
    const short = lstmModel(fold, 11, { I: 6, H: 4, T: 3 }); // same seed: same weights, the first inputs drawn differ in length
    const project = generateHlsProject(long.model, {
      board: zcu104,
      testCases: [
        { seqLen: 5, inputs: long.inputs, outputs: simulate(long.model, long.inputs) },
        { seqLen: 3, inputs: short.inputs, outputs: simulate(short.model, short.inputs) },
      ],
    });
    const r = runCsim(project, { optimize: 0 });
    // (4 + 4 + 5·4) + (4 + 4 + 3·4) output elements
    expect(r.stdout).toContain('SCANFLOW CSIM PASS checked=48 mismatches=0');
    expect(r.actual?.map((c) => c.seqLen)).toEqual([5, 3]);
  });

  it.skipIf(!gppAvailable)('a reverse recurrence (sequences walked from the end, outputs prepended): buffered, at two lengths', () => {
    const fold = { xSimd: 3, xPe: 2, uSimd: 2, uPe: 2, gatePe: 4, cellPe: 2 };
    const long = lstmModel(fold, 7, { I: 6, H: 4, T: 5 }, true);
    const short = lstmModel(fold, 7, { I: 6, H: 4, T: 4 }, true);
    const project = generateHlsProject(long.model, {
      board: zcu104,
      testCases: [
        { seqLen: 5, inputs: long.inputs, outputs: simulate(long.model, long.inputs) },
        { seqLen: 4, inputs: short.inputs, outputs: simulate(short.model, short.inputs) },
      ],
    });
    const r = runCsim(project, { optimize: 0 });
    expect(r.stdout).toContain('SCANFLOW CSIM PASS checked=52 mismatches=0'); // (4 + 4 + 5·4) + (4 + 4 + 4·4)
    expect(project.files.get('src/layers/rec_lstm_loop.hpp')).toContain('(seq_len - 1u - t)');
  });

  it.skipIf(!gppAvailable)('hidden 8, other data', () => {
    const { model, inputs } = lstmModel({ xSimd: 3, xPe: 4, uSimd: 4, uPe: 2, gatePe: 4, cellPe: 2 }, 17, { I: 6, H: 8, T: 5 });
    const { result } = csimAgainstSimulator(model, inputs);
    expect(result.passed).toBe(true);
    expect(result.checked).toBe(8 + 8 + 40);
  });

  it.skipIf(!gppAvailable)('a state the body never reads, a sequence it never uses and an unused per-step output', () => {
    const { model, inputs } = unusedPartsModel();
    const { project, result } = csimAgainstSimulator(model, inputs);
    expect(result.stdout).toContain('SCANFLOW CSIM PASS checked=12 mismatches=0');
    const loop = project.files.get('src/layers/rec_loop.hpp')!;
    // the unused sequence is still read, a whole slice per step, so its producer never blocks
    expect(loop).toMatch(/scanflow::stream_word_to_array<2, 2, ap_int<3> >\(in3, /);
  });

  it.skipIf(!gppAvailable)('chained levels with two-level threshold searches: one loop from U·h to the next h, bit-exact', () => {
    // U·h sees whole rows (SIMD = H = 4) at PE 2, the x-slice reads and every later level at PE 2: all
    // run 2 iterations of 2-lane chunks, so the whole cell chains into one loop
    const { model, inputs } = lstmModel({ xSimd: 2, xPe: 2, uSimd: 4, uPe: 2, gatePe: 2, cellPe: 2 }, 23);
    const thresholds = ['act_f', 'act_i', 'act_o', 'act_g', 'c_quant', 'tanh_c', 'h_quant'];
    const folded = applyFolding(model, Object.fromEntries(thresholds.map((n) => [n, { pe: 2, thresholds: 'two-level' as const }])), builtinHwRegistry());
    const { project, result } = csimAgainstSimulator(folded, inputs);
    expect(result.stdout).toContain('SCANFLOW CSIM PASS checked=28 mismatches=0');
    const loop = project.files.get('src/layers/rec_lstm_loop.hpp')!;
    expect(loop).toMatch(/section 1 \(chained levels\): read, read, read, read, mvau U_f, mvau U_i, mvau U_o, mvau U_g, elementwise fc, elementwise ig, elementwise c_sum, thresholding tanh_c, elementwise o_tanh — 2 iteration\(s\)/);
    expect(loop).toContain('scanflow::threshold_two_level<15>');
    expect(loop).toContain('scanflow::threshold_two_level<63>');
    expect(loop).toContain('SCANFLOW_PRAGMA(HLS DEPENDENCE variable=st1 type=inter false)');
    const sections = estimateModel(folded).recurrences[0]!.sections!;
    expect(sections.map((s) => s.iterations)).toEqual([2, 1]); // the chained cell, the h write (one 4-lane word)
  });

  it.skipIf(!gppAvailable).each([1, 2, 3, 4])('seeded random folding %i (legal PE / SIMD, threshold method and multipliers per layer): bit-exact, iterations as estimated', (seed) => {
    const { model, inputs } = lstmModel({ xSimd: 1, xPe: 1, uSimd: 1, uPe: 1, gatePe: 1, cellPe: 1 }, 30 + seed, { I: 6, H: 8, T: 4 });
    const rng = new Rng(seed * 7919);
    const pick = <T,>(xs: readonly T[]): T => rng.pick(xs);
    const folding: FoldingConfig = {};
    for (const l of foldableLayers(model, builtinHwRegistry())) {
      folding[l.node.name] = {
        pe: pick(l.pe),
        ...(l.simd ? { simd: pick(l.simd) } : {}),
        ...(l.multiplies ? { mult: pick(['lut', 'dsp'] as const) } : {}),
        ...(l.thresholds && l.sortedThresholds ? { thresholds: pick(['compare-all', 'search', 'two-level'] as const) } : {}),
      };
    }
    const folded = applyFolding(model, folding, builtinHwRegistry());
    const project = generateHlsProject(folded, { board: zcu104, testCases: [{ seqLen: 4, inputs, outputs: simulate(folded, inputs) }] });
    const r = runCsim(project, { optimize: 0, trips: true });
    expect(r.stdout).toContain('mismatches=0');
    expect(r.passed).toBe(true);
    const sections = estimateModel(folded).recurrences[0]!.sections!;
    expect(r.trips![0]!.get(STEP_TRIP)).toBe(4 * sections.reduce((a, s) => a + s.iterations, 0));
  });

  it.skipIf(!gppAvailable).each(Object.entries(folds))('the estimate counts the iterations the C-simulation runs per step (%s)', (_, fold) => {
    const { model, inputs } = lstmModel(fold);
    const project = generateHlsProject(model, { board: zcu104, testCases: [{ seqLen: 5, inputs, outputs: simulate(model, inputs) }] });
    const r = runCsim(project, { optimize: 0, trips: true });
    expect(r.passed).toBe(true);
    const sections = estimateModel(model).recurrences[0]!.sections!;
    // every section's loop runs its iterations each of the T = 5 steps
    expect(r.trips![0]!.get(STEP_TRIP)).toBe(5 * sections.reduce((a, s) => a + s.iterations, 0));
  });
});
