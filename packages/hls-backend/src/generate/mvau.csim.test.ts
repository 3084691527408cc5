import { DataType, GraphBuilder, HW_DOMAIN, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { gppAvailable, skipNote } from '../testing/cpp-fixture.test-support';
import { generateHlsProject } from './project';
import { runCsim } from './run-csim';
import { csimAgainstSimulator, zcu104 } from './testing/csim-case.test-support';
import { mvauFoldingsModel } from './testing/models.test-support';

describe(`generated MVAU projects, C-simulated with g++ -Wall -Wextra -Werror${skipNote}`, () => {
  it.skipIf(!gppAvailable)('single MVAU with shared thresholds, worked by hand', () => {
    // W = [[1, 2], [3, -1]], x = [1, 1], [2, -1] → acc [3, 2], [0, 7]; thresholds [1, 3] → [2, 1], [0, 2]
    const b = new GraphBuilder('hand');
    const x = b.input('x', 'float32', [2, 2], DataType.int(3));
    const w = b.initializer('W', Tensor.float32([2, 2], [1, 2, 3, -1]), DataType.int(3));
    const t = b.initializer('T', Tensor.float32([1, 2], [1, 3]));
    const y = b.op('MVAU', [x, w, t], { mw: 2, mh: 2, simd: 2, pe: 1, acc_dtype: 'INT8' }, { domain: HW_DOMAIN, outputs: ['y'] });
    b.graph.setDataType(y, DataType.uint(2));
    b.output(y);
    const model = b.model({ opsets: { [HW_DOMAIN]: 1 } });
    const inputs = [Tensor.float32([2, 2], [1, 1, 2, -1])];
    const good = generateHlsProject(model, { board: zcu104, testVectors: { inputs, outputs: [Tensor.float32([2, 2], [2, 1, 0, 2])] } });
    const pass = runCsim(good, { optimize: 0 });
    expect(pass.stdout).toContain('SCANFLOW CSIM PASS checked=4 mismatches=0');
    expect(pass.passed).toBe(true);
    // the testbench must fail, naming port and index, when the expected outputs are wrong
    const bad = generateHlsProject(model, { board: zcu104, testVectors: { inputs, outputs: [Tensor.float32([2, 2], [2, 1, 1, 2])] } });
    const fail = runCsim(bad, { optimize: 0 });
    expect(fail.passed).toBe(false);
    expect(fail.exitCode).toBe(1);
    expect(fail.mismatchCount).toBe(1);
    expect(fail.mismatches).toEqual([{ port: 'out_y', index: 2, got: 0n, expected: 1n }]);
  });

  it.skipIf(!gppAvailable)('MVAU foldings (SIMD, PE) = (1, 1), (3, 2), (2, 4), (6, 4) side by side behind a DuplicateStreams', () => {
    const { model, inputs } = mvauFoldingsModel([
      { simd: 1, pe: 1 },
      { simd: 3, pe: 2 },
      { simd: 2, pe: 4 },
      { simd: 6, pe: 4 },
    ]);
    const { project, result } = csimAgainstSimulator(model, inputs);
    expect(result.stdout).toContain('SCANFLOW CSIM PASS checked=48 mismatches=0');
    expect(result.passed).toBe(true);
    // folded into the kernels as asked: PE lanes out, SIMD lanes in (width conversion in front)
    expect(project.ports.outputs.map((p) => [p.name, p.lanes, p.elementType])).toEqual([
      ['out_y0', 1, 'ap_uint<3>'],
      ['out_y1', 2, 'ap_int<4>'],
      ['out_y2', 4, 'ap_uint<3>'],
      ['out_y3', 4, 'ap_int<4>'],
    ]);
    const top = project.files.get('src/scanflow_top.cpp')!;
    expect(top).toContain('scanflow::repack_elements<ap_int<4>, 1, 3 >');
    expect(top).toContain('scanflow::repack_elements<ap_int<4>, 1, 6 >');
    const last = project.files.get('src/layers/mvau_mvau3.hpp')!;
    expect(last).toContain('scanflow::mvau_thresholds<6, 4, 6, 4, 7, -3, ap_int<4>, ap_int<4>, ap_int<10>,');
    expect(last).toContain('SCANFLOW_MVAU_WEIGHTS_PARTITION(weights)');
    expect(last).toContain('SCANFLOW_MVAU_THRESHOLDS_PARTITION(thresholds)');
  });

  it.skipIf(!gppAvailable)('with other data (seed), the same foldings still match the simulator', () => {
    const { model, inputs } = mvauFoldingsModel([{ simd: 2, pe: 2 }, { simd: 6, pe: 1 }], 99);
    const { result } = csimAgainstSimulator(model, inputs);
    expect(result.passed).toBe(true);
    expect(result.checked).toBe(24);
  });
});
