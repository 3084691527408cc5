import { describeFixture } from './testing/cpp-fixture.test-support';

// Each case: random W, x and thresholds, a plain matrix-vector product (and threshold count) as the
// reference, the documented memory layout, the loop-iteration count (MH/PE)·(MW/SIMD) per vector.
describeFixture('MVAU against a plain matrix-vector product', 'mvau', [
  'pass_mw8_mh6_simd1_pe1',
  'pass_mw8_mh6_simd2_pe3',
  'pass_mw8_mh6_simd4_pe2',
  'pass_mw8_mh6_simd8_pe6',
  'pass_mw8_mh6_simd8_pe1',
  'pass_mw8_mh6_simd1_pe6',
  'pass_mw20_mh16_simd5_pe4',
  'pass_mw20_mh16_simd20_pe16',
  'pass_mw20_mh16_simd2_pe8',
  'pass_mw1_mh1',
  'pass_unsigned',
  'pass_acc_wraps',
  'pass_out_narrower',
  'pass_wide_acc',
  'pass_reps0',
  'thr_mw8_mh6_simd2_pe3_nt3',
  'thr_mw12_mh8_simd3_pe4_nt15',
  'thr_mw12_mh8_simd12_pe8_nt15',
  'thr_mw12_mh8_simd1_pe1_nt7',
  'thr_mw16_mh4_simd4_pe2_nt255',
  'thr_narrow_thresholds',
  // multipliers bound to LUTs / DSPs (exact either way) and thresholds by binary search on sorted rows
  'pass_mul_lut',
  'pass_mul_dsp',
  'thr_search_mw16_mh4_simd4_pe2_nt255',
  'thr_search_mw12_mh8_simd3_pe4_nt15',
  'thr_search_mw8_mh6_simd2_pe3_nt3',
]);
