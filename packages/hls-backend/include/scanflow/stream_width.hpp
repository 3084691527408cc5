// scanflow HLS kernel: stream width conversion (StreamingDataWidthConverter) between packings.
//
// stream_width_convert<IN_W, OUT_W>(in, out, in_words) treats the input as one little-endian bit
// string: input word 0 supplies bits [0, IN_W), word 1 bits [IN_W, 2*IN_W), ... and cuts it into
// OUT_W-bit output words in the same order (output word 0 = the lowest OUT_W bits). Any pair of
// widths works (they need not divide each other); in_words * IN_W must be a multiple of OUT_W
// (checked in C-simulation; in hardware the remainder would stay behind).
// Because every scanflow packing puts element 0 in the low bits (common.hpp), converting between
// N1 and N2 elements of the same type per word is exactly this conversion with IN_W = N1 * w and
// OUT_W = N2 * w: repack_elements<T, N1, N2>(in, out, num_elements) does that.
//
// One pipelined loop, II = 1, max(in_words, out_words) iterations (each reads at most one word and
// writes at most one word). Uses an (IN_W + OUT_W)-bit shift buffer.
#ifndef SCANFLOW_STREAM_WIDTH_HPP
#define SCANFLOW_STREAM_WIDTH_HPP

#include "common.hpp"

namespace scanflow {

template <int IN_W, int OUT_W>
void stream_width_convert(hls::stream<ap_uint<IN_W> >& in, hls::stream<ap_uint<OUT_W> >& out, unsigned in_words) {
  static_assert(IN_W >= 1 && OUT_W >= 1, "widths must be at least 1");
  const unsigned long long bits = static_cast<unsigned long long>(in_words) * IN_W;
  SCANFLOW_CSIM_CHECK(bits % OUT_W == 0, "stream_width_convert: in_words * IN_W is not a multiple of OUT_W");
  const unsigned out_words = static_cast<unsigned>(bits / OUT_W);
  const unsigned steps = in_words > out_words ? in_words : out_words;
  ap_uint<IN_W + OUT_W> buf = 0;
  unsigned fill = 0;  // valid bits in buf, always < IN_W + OUT_W
  for (unsigned i = 0; i < steps; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("stream_width_convert");
    if (fill < static_cast<unsigned>(OUT_W)) {
      buf |= ap_uint<IN_W + OUT_W>(in.read()) << fill;
      fill += IN_W;
    }
    if (fill >= static_cast<unsigned>(OUT_W)) {
      out.write(ap_uint<OUT_W>(buf));
      buf >>= OUT_W;
      fill -= OUT_W;
    }
  }
}

/// Re-pack a stream of elements of T from IN_N to OUT_N elements per word (num_elements in total,
/// a multiple of both IN_N and OUT_N).
template <typename T, unsigned IN_N, unsigned OUT_N>
void repack_elements(hls::stream<packed_t<IN_N, T> >& in, hls::stream<packed_t<OUT_N, T> >& out,
                     unsigned num_elements) {
  SCANFLOW_CSIM_CHECK(num_elements % IN_N == 0 && num_elements % OUT_N == 0,
                      "repack_elements: element count must be a multiple of both packings");
  stream_width_convert<IN_N * T::width, OUT_N * T::width>(in, out, num_elements / IN_N);
}

/// Convert every element of a stream from TI to TO (N elements per word, `words` words): value
/// conversion, sign-extending an ap_int and wrapping into TO. The code generator uses it where a
/// value's element type changes between producer and consumer (e.g. a narrower next state written
/// into a wider state array); it only inserts narrowing conversions whose values are known to fit.
/// One pipelined loop, II = 1, `words` iterations.
template <unsigned N, typename TI, typename TO>
void convert_elements(hls::stream<packed_t<N, TI> >& in, hls::stream<packed_t<N, TO> >& out, unsigned words) {
  for (unsigned i = 0; i < words; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("convert_elements");
    const packed_t<N, TI> wi = in.read();
    packed_t<N, TO> wo = 0;
    for (unsigned k = 0; k < N; ++k) {
      SCANFLOW_PRAGMA(HLS UNROLL)
      set_elem<TO>(wo, k, TO(get_elem<TI>(wi, k)));
    }
    out.write(wo);
  }
}

/// Expected cycles of one call (II = 1).
constexpr unsigned long long stream_width_cycles(unsigned in_w, unsigned out_w, unsigned in_words) {
  return (static_cast<unsigned long long>(in_words) * in_w / out_w) > in_words
             ? static_cast<unsigned long long>(in_words) * in_w / out_w
             : in_words;
}

}  // namespace scanflow

#endif  // SCANFLOW_STREAM_WIDTH_HPP
