import { describe, expect, it } from 'vitest';
import { gppAvailable, skipNote } from '../testing/cpp-fixture.test-support';
import { csimAgainstSimulator } from './testing/csim-case.test-support';
import { chainModel, hostileNames, plainNames } from './testing/models.test-support';

describe(`generated chain MVAU → Thresholding → ElementwiseAdd (param) → Reshape → DuplicateStreams ×3 → Mul (scalar) / Thresholding (shared)${skipNote}`, () => {
  it.skipIf(!gppAvailable)('matches the simulator on every output element', () => {
    const { model, inputs } = chainModel(plainNames);
    const { project, result } = csimAgainstSimulator(model, inputs);
    expect(result.stdout).toContain('SCANFLOW CSIM PASS checked=72 mismatches=0');
    const top = project.files.get('src/scanflow_top.cpp')!;
    // each kernel variant the chain needs
    expect(project.files.get('src/layers/mvau_mvau.hpp')).toContain('scanflow::mvau<8, 6, 4, 3, ap_uint<3>, ap_int<4>, ap_int<12>, ap_int<12> >');
    expect(project.files.get('src/layers/thr_thr.hpp')).toContain('scanflow::thresholding<6, 2, 7, -3,');
    expect(project.files.get('src/layers/add_add_param.hpp')).toContain('scanflow::elementwise_add_param<6, 6, ap_int<4>, ap_int<3>, ap_int<5> >');
    expect(project.files.get('src/layers/dup_dup.hpp')).toContain('scanflow::duplicate_streams_n<3>(in0, outs, 8u);');
    expect(project.files.get('src/layers/mul_mul.hpp')).toContain('scanflow::elementwise_mul_scalar<3, 1, ap_int<5>, ap_int<3>, ap_int<8> >');
    expect(project.files.get('src/layers/thr_thr2.hpp')).toContain('scanflow::thresholding_shared<3, 1, 3, 0,');
    // the Reshape is only a stream connection (6 lanes → 3 lanes repack in front of the DuplicateStreams)
    expect(top).toContain('scanflow::repack_elements<ap_int<5>, 6, 3 >');
    expect(top).not.toMatch(/reshape/i);
  });

  it.skipIf(!gppAvailable)('hostile model names: sanitised identifiers and paths, still correct', () => {
    const { model, inputs } = chainModel(hostileNames);
    const { project, result } = csimAgainstSimulator(model, inputs);
    expect(result.passed).toBe(true);
    for (const path of project.files.keys()) expect(path).toMatch(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_]+)*(\.[a-z]+)?$/);
    const generated = [...project.files].filter(([p]) => !p.startsWith('include/') && !p.startsWith('emu/'));
    const raw = Object.values(hostileNames).filter((n) => /[^A-Za-z0-9_]/.test(n));
    for (const [, text] of generated) {
      for (const name of raw) expect(text.includes(name)).toBe(false);
      expect(text).not.toContain('rm -rf');
      expect(text).not.toContain('#include <evil>');
      expect(text).not.toContain('$(reboot)');
    }
    // identifiers: ASCII, no leading digit / underscore, no keyword or main
    const top = project.files.get('src/scanflow_top.cpp')!;
    expect(project.ports.inputs.map((p) => p.name)).toEqual(['in_int_v']);
    expect(top).not.toMatch(/\b(main|int)\s*\(/);
    expect(top).not.toMatch(/\b_[A-Z_]/);
    expect([...project.files.keys()].filter((p) => p.startsWith('src/layers/'))).toEqual([
      'src/layers/mvau_evil_rm_rf.hpp',
      'src/layers/thr_include_evil.hpp',
      'src/layers/add_main_v.hpp',
      'src/layers/dup_Dup.hpp',
      'src/layers/mul_MUL.hpp',
      'src/layers/thr_thr2_windows.hpp',
    ]);
  });
});
