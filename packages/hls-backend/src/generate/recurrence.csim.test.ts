import { describe, expect, it } from 'vitest';
import { gppAvailable, skipNote } from '../testing/cpp-fixture';
import { csimAgainstSimulator } from './test-support/csim-case';
import { type LstmFold, lstmModel, unusedPartsModel } from './test-support/models';

const folds: Record<string, LstmFold> = {
  'everything PE / SIMD 1': { xSimd: 1, xPe: 1, uSimd: 1, uPe: 1, gatePe: 1, cellPe: 1 },
  'PE / SIMD 2 (with width conversions between them)': { xSimd: 2, xPe: 2, uSimd: 2, uPe: 2, gatePe: 2, cellPe: 2 },
  'mixed (3, 2, 2, 4, 2, 1)': { xSimd: 3, xPe: 2, uSimd: 2, uPe: 4, gatePe: 2, cellPe: 1 },
  'fully parallel (I = 6, H = 4)': { xSimd: 6, xPe: 4, uSimd: 4, uPe: 4, gatePe: 4, cellPe: 4 },
};

describe(`generated integer LSTM (Recurrence, T = 5, hidden 4) against the simulator${skipNote}`, () => {
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
    expect(loop).toContain('for (unsigned t = 0; t < 5; ++t)');
    expect(loop).toContain('ap_int<7> st1[4];'); // c array: the body's state input type
    expect(loop).toContain('scanflow::convert_elements<'); // final c: INT7 array → INT6 output
    const step = project.files.get('src/layers/rec_lstm_loop_step.hpp')!;
    expect(step).toContain('SCANFLOW_PRAGMA(HLS DATAFLOW)');
    expect(step).toContain('scanflow::stream_forward(');
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
    const step = project.files.get('src/layers/rec_loop_step.hpp')!;
    expect(step).toContain('(void)st1_in;');
    expect(step).toMatch(/scanflow::stream_drain\(x1, 2\);/);
    expect(step).toMatch(/scanflow::stream_drain\(s_\w+\[2\], 2\);/); // the unused copy h_z
  });
});
