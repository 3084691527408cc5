// scanflow HLS helpers: the time loop of a recurrent layer (the body of an ONNX Scan).
//
// The recurrent state (h, c, ...) lives on chip in plain arrays TS state[C] (channel order). Each
// time step runs the cell's dataflow: the state is streamed out of its array, flows through the
// kernels (MVAU, thresholding, element-wise, duplicate ...) together with that step's slice of the
// hoisted input projection, and the new state is streamed into a second array; after the step the
// new state is copied back (C / PE cycles). Two arrays are needed because a DATAFLOW region may
// not read and write the same array, and copying keeps one call site (one hardware instance) of the
// step function.
//
// Pattern a generated top follows (H state channels, T steps, names illustrative):
//
//   // one step: a DATAFLOW region; every array / stream has one producer and one consumer
//   static void lstm_step(hls::stream<XP>& xp_i, ..., const TH h_in[H], const TC c_in[H],
//                         TH h_out[H], TC c_out[H], hls::stream<HW>& y, bool emit) {
//     SCANFLOW_PRAGMA(HLS DATAFLOW)
//     hls::stream<HS> h_s("h_s");
//     scanflow::state_to_stream<H, SIMD_H>(h_in, h_s);                  // h_{t-1} -> stream
//     ... mvau (Wh·h), elementwise_add (with xp_i: this step's H/PE words), thresholding ...
//     scanflow::stream_to_state<H, PE_C>(c_new_a, c_out);              // c_t -> array
//     scanflow::duplicate_streams(h_new, h_new_a, h_new_b, H / PE_H);
//     scanflow::stream_to_state<H, PE_H>(h_new_a, h_out);              // h_t -> array
//     scanflow::stream_forward(h_new_b, y, H / PE_H, emit);            // output or drop
//   }
//
//   // the time loop: state arrays, initial state, T calls of the step, copy back
//   static void lstm_loop(hls::stream<XP>& xp_i, ..., hls::stream<HW>& y, unsigned T) {
//     TH h[H], h_next[H]; TC c[H], c_next[H];
//     SCANFLOW_STATE_PARTITION(h, 2) ... (factor = lcm of the PE / SIMD of every state access)
//     scanflow::state_fill<H, PE_H>(h, TH(0));    // or stream_to_state from an initial-state input
//     scanflow::state_fill<H, PE_C>(c, TC(0));
//     for (unsigned t = 0; t < T; ++t) {
//       lstm_step(xp_i, ..., h, c, h_next, c_next, y, t == T - 1);   // emit: last step or every step
//       scanflow::state_copy<H, PE_H>(h_next, h);
//       scanflow::state_copy<H, PE_C>(c_next, c);
//     }
//     // optional: scanflow::state_to_stream<H, PE_H>(h, h_final) to return the final state
//   }
//
//   // the top: DATAFLOW of input, hoisted projection and loop, so W·x for all T steps streams
//   // alongside the recurrence through a FIFO (depth >= one step's words, more to decouple)
//   void top(hls::stream<scanflow::axis_beat<..> >& in_V, ..., unsigned T) {
//     SCANFLOW_PRAGMA(HLS DATAFLOW)
//     scanflow::axis_to_stream<..>(in_V, x, T * I / SIMD_X);
//     scanflow::mvau<I, H, SIMD_X, PE_X, ...>(x, xp_i, Wx_i, T);    // reps = T: all steps at once
//     lstm_loop(xp_i, ..., y, T);
//     scanflow::stream_to_axis<..>(y, out_V, words_out);
//   }
//
// In C-simulation every call runs to completion in program order, so streams only need to hold
// what a producer writes before its consumer runs (hls::stream emulation is unbounded). In
// hardware, each FIFO needs an HLS STREAM depth that covers the skew between producer and consumer.
//
// All helpers are one pipelined loop, II = 1; a vector of C channels with PE lanes takes C / PE
// cycles (lane p of word f is channel f * PE + p, common.hpp).
#ifndef SCANFLOW_RECURRENCE_HPP
#define SCANFLOW_RECURRENCE_HPP

#include "common.hpp"

/// Partition a state array so that `lanes` consecutive channels are accessed in one cycle.
#define SCANFLOW_STATE_PARTITION(var, lanes) \
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=var cyclic factor=lanes dim=1)

namespace scanflow {

/// state[c] = value for every channel.
template <unsigned C, unsigned PE, typename TS>
void state_fill(TS state[C], const TS value) {
  static_assert(PE >= 1 && C % PE == 0, "C must be a multiple of PE");
  for (unsigned f = 0; f < C / PE; ++f) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("state");
    for (unsigned p = 0; p < PE; ++p) {
      SCANFLOW_PRAGMA(HLS UNROLL)
      state[f * PE + p] = value;
    }
  }
}

/// Emit one vector: C / PE words, word f lane p = state[f * PE + p].
template <unsigned C, unsigned PE, typename TS>
void state_to_stream(const TS state[C], hls::stream<packed_t<PE, TS> >& out) {
  static_assert(PE >= 1 && C % PE == 0, "C must be a multiple of PE");
  for (unsigned f = 0; f < C / PE; ++f) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("state");
    packed_t<PE, TS> w = 0;
    for (unsigned p = 0; p < PE; ++p) {
      SCANFLOW_PRAGMA(HLS UNROLL)
      set_elem<TS>(w, p, state[f * PE + p]);
    }
    out.write(w);
  }
}

/// Absorb one vector: C / PE words into state[f * PE + p].
template <unsigned C, unsigned PE, typename TS>
void stream_to_state(hls::stream<packed_t<PE, TS> >& in, TS state[C]) {
  static_assert(PE >= 1 && C % PE == 0, "C must be a multiple of PE");
  for (unsigned f = 0; f < C / PE; ++f) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("state");
    const packed_t<PE, TS> w = in.read();
    for (unsigned p = 0; p < PE; ++p) {
      SCANFLOW_PRAGMA(HLS UNROLL)
      state[f * PE + p] = get_elem<TS>(w, p);
    }
  }
}

/// dst[c] = src[c] (commit the next state after a step).
template <unsigned C, unsigned PE, typename TS>
void state_copy(const TS src[C], TS dst[C]) {
  static_assert(PE >= 1 && C % PE == 0, "C must be a multiple of PE");
  for (unsigned f = 0; f < C / PE; ++f) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("state");
    for (unsigned p = 0; p < PE; ++p) {
      SCANFLOW_PRAGMA(HLS UNROLL)
      dst[f * PE + p] = src[f * PE + p];
    }
  }
}

/// Move `words` words from in to out when keep is true, read and drop them otherwise (e.g. output
/// h only at the last step). Always consumes the input, so the producer never blocks.
template <typename T>
void stream_forward(hls::stream<T>& in, hls::stream<T>& out, unsigned words, bool keep) {
  for (unsigned i = 0; i < words; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("stream_forward");
    const T w = in.read();
    if (keep) out.write(w);
  }
}

/// Read and discard `words` words (a stream nobody downstream uses, e.g. an unused per-step output),
/// so that its producer never blocks.
template <typename T>
void stream_drain(hls::stream<T>& in, unsigned words) {
  for (unsigned i = 0; i < words; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("stream_drain");
    (void)in.read();
  }
}

}  // namespace scanflow

#endif  // SCANFLOW_RECURRENCE_HPP
