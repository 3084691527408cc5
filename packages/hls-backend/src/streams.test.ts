import { describeFixture } from './testing/cpp-fixture.test-support';

// Fan-out, width conversion between packings (checked bit by bit against a plain bit string) and
// the AXI-Stream helpers (padding, TKEEP / TSTRB, TLAST).
describeFixture('Stream plumbing: duplicate, width conversion, AXI-Stream', 'streams', [
  'duplicate_2',
  'duplicate_n1',
  'duplicate_n3',
  'duplicate_n4',
  'width_8_to_32',
  'width_32_to_8',
  'width_24_to_16',
  'width_16_to_24',
  'width_12_to_12',
  'width_6_to_36',
  'width_40_to_24',
  'width_130_to_26',
  'width_26_to_130',
  'width_1_to_7',
  'width_zero_words',
  'width_remainder_rejected',
  'repack_elements',
  'axis_roundtrip',
  'axis_wide',
]);
