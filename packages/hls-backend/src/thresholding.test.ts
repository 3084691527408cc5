import { describeFixture } from './testing/cpp-fixture.test-support';

// Per-channel and shared thresholds against a plain count of thresholds <= x, for PE = 1, divisors
// and all channels, sorted and unsorted rows, ties, out_bias and several output types; the binary
// search (thresholds_search) and the two-level search (thresholds_two_level) on sorted rows against
// the same count.
describeFixture('Thresholding against a plain threshold count', 'thresholding', [
  'channel_c12_pe1_nt7',
  'channel_c12_pe3_nt7',
  'channel_c12_pe4_nt15_bias',
  'channel_c12_pe12_nt15',
  'channel_c6_pe2_nt1',
  'channel_wider_thresholds',
  'channel_unsorted',
  'channel_int8_out_nt255',
  'channel_reps0',
  'shared_c10_pe1_nt63',
  'shared_c10_pe2_nt63',
  'shared_c10_pe5_nt14',
  'shared_c10_pe10_nt14',
  'shared_unsorted',
  // the binary search over sorted rows (ties included), NT a power of two minus one or not
  'search_c12_pe4_nt15_bias',
  'search_c4_pe2_nt255',
  'search_c6_pe3_nt1',
  'search_c6_pe1_nt2',
  'search_c8_pe8_nt6_wider',
  'search_shared_c10_pe2_nt63',
  'search_shared_c10_pe5_nt14',
  // the two-level search over sorted rows (ties included), blocks of 1 (NT = 1) to 16 (NT = 255)
  'two_level_c12_pe4_nt15_bias',
  'two_level_c4_pe2_nt255',
  'two_level_c4_pe4_nt246',
  'two_level_c6_pe3_nt124',
  'two_level_c6_pe3_nt1',
  'two_level_c6_pe1_nt2',
  'two_level_c6_pe2_nt3',
  'two_level_c8_pe8_nt6_wider',
  'two_level_shared_c10_pe2_nt63',
  'two_level_shared_c8_pe4_nt60',
]);
