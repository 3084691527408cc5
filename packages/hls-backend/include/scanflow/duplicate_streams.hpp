// scanflow HLS kernel: stream fan-out (DuplicateStreams).
//
//   duplicate_streams<T>(in, out0, out1, words)   : every word of `in` is written to out0 and out1
//   duplicate_streams_n<N, T>(in, outs, words)    : ... to each of outs[0..N-1]
// T is any word type (usually a packed ap_uint). `words` words are moved; one pipelined loop,
// II = 1: cycles = words (= reps * C / PE for a PE-folded vector stream of C channels).
// Every output must be consumed by its reader in a DATAFLOW region; give the outputs FIFOs deep
// enough for the skew between the readers (generated code sets HLS STREAM depth).
#ifndef SCANFLOW_DUPLICATE_STREAMS_HPP
#define SCANFLOW_DUPLICATE_STREAMS_HPP

#include "common.hpp"

namespace scanflow {

template <typename T>
void duplicate_streams(hls::stream<T>& in, hls::stream<T>& out0, hls::stream<T>& out1, unsigned words) {
  for (unsigned i = 0; i < words; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("duplicate_streams");
    const T w = in.read();
    out0.write(w);
    out1.write(w);
  }
}

template <unsigned N, typename T>
void duplicate_streams_n(hls::stream<T>& in, hls::stream<T> outs[N], unsigned words) {
  static_assert(N >= 1, "at least one output stream");
  for (unsigned i = 0; i < words; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("duplicate_streams");
    const T w = in.read();
    for (unsigned k = 0; k < N; ++k) {
      SCANFLOW_PRAGMA(HLS UNROLL)
      outs[k].write(w);
    }
  }
}

}  // namespace scanflow

#endif  // SCANFLOW_DUPLICATE_STREAMS_HPP
