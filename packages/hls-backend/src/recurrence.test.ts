import { describeFixture } from './testing/cpp-fixture.test-support';

// State helpers, and an integer LSTM assembled from the kernels following the recurrence.hpp
// pattern (hoisted input projection, per-step dataflow, state arrays, AXI-Stream in / out) against a
// plain-integer LSTM loop, for 1, 5, 7 and 40 steps, emitting every step or only the last.
describeFixture('Recurrence helpers and an integer LSTM', 'recurrence', [
  'state_roundtrip_c6_pe3_pe2',
  'state_roundtrip_c12_pe1_pe12',
  'state_roundtrip_c8_pe4_pe4_wide',
  'stream_forward',
  'lstm_last_step_t5',
  'lstm_every_step_t7',
  'lstm_single_step',
  'lstm_long_t40',
]);
