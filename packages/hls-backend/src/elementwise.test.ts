import { describeFixture } from './testing/cpp-fixture.test-support';

// Add / sub / mul of two streams, with a per-channel parameter and with a scalar, against plain
// integer arithmetic wrapped into the output type, for several foldings and signedness mixes.
describeFixture('Element-wise kernels against plain integer arithmetic', 'elementwise', [
  'add_c12_pe1',
  'add_c12_pe2',
  'add_c12_pe3',
  'add_c12_pe12',
  'add_int32',
  'add_wraps',
  'sub_c12_pe4',
  'mul_c12_pe1',
  'mul_c12_pe6',
  'mul_generic_op',
  'mul_wraps',
  'add_param_c12_pe3',
  'mul_param_c12_pe4',
  'sub_param_c6_pe2',
  'mul_param_c6_pe1',
  'add_scalar_c12_pe2',
  'mul_scalar_c12_pe12',
  'sub_scalar_c4_pe4',
  // products bound to LUTs / DSPs (exact either way)
  'mul_lut_c12_pe6',
  'mul_dsp_param_c12_pe4',
  'mul_dsp_scalar_c12_pe12',
]);
