// scanflow HLS kernel: multi-threshold activation (MultiThreshold / Thresholding layer).
//
// For every element v of channel c:  out = TO(#{k : v >= T[c][k]} + OUT_BIAS)
// (comparison >=, exact across TI / TT widths and signedness; the result wraps into TO, which the
// generator sizes so that it never does). With THM = thresholds_compare_all the thresholds need not be
// sorted; thresholds_search (binary search, common.hpp) needs every row non-decreasing.
//
//   thresholding        : per-channel thresholds, memory [PE][C/PE][NT],
//                         thresholds[p][nf][k] = T[nf * PE + p][k]
//   thresholding_shared : one threshold row for every channel, memory [NT], thresholds[k] = T[k]
//
// Folding: PE channels per clock, C % PE == 0. Streams: in ap_uint<PE * TI::width>, out
// ap_uint<PE * TO::width>, C/PE words per vector (word nf, lane p = channel nf * PE + p).
// One pipelined loop, II = 1: cycles = reps * C / PE.
//
// The caller defines the threshold array and partitions it for II = 1:
//   SCANFLOW_THRESHOLDS_PARTITION(t)        (per-channel: complete dim=1 and dim=3)
//   SCANFLOW_SHARED_THRESHOLDS_PARTITION(t) (shared: complete dim=1)
#ifndef SCANFLOW_THRESHOLDING_HPP
#define SCANFLOW_THRESHOLDING_HPP

#include "common.hpp"

#define SCANFLOW_THRESHOLDS_PARTITION(var)                            \
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=var complete dim=1) \
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=var complete dim=3)
#define SCANFLOW_SHARED_THRESHOLDS_PARTITION(var) \
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=var complete dim=1)

namespace scanflow {

/// Per-channel thresholds. THM: thresholds_compare_all, or thresholds_search for non-decreasing rows.
template <unsigned C, unsigned PE, unsigned NT, int OUT_BIAS, typename TI, typename TT, typename TO,
          typename THM = thresholds_compare_all>
void thresholding(hls::stream<packed_t<PE, TI> >& in, hls::stream<packed_t<PE, TO> >& out,
                  const TT thresholds[PE][C / PE][NT], unsigned reps) {
  static_assert(PE >= 1 && C % PE == 0, "C must be a multiple of PE");
  static_assert(NT >= 1, "at least one threshold per channel");
  const unsigned NF = C / PE;
  unsigned nf = 0;
  const unsigned total = reps * NF;
  for (unsigned i = 0; i < total; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("thresholding");
    const packed_t<PE, TI> inword = in.read();
    packed_t<PE, TO> outword = 0;
    for (unsigned p = 0; p < PE; ++p) {
      SCANFLOW_PRAGMA(HLS UNROLL)
      const unsigned n = THM::template count<NT>(get_elem<TI>(inword, p), thresholds[p][nf]);
      set_elem<TO>(outword, p, threshold_output<TO, OUT_BIAS>(n));
    }
    out.write(outword);
    nf = (nf == NF - 1) ? 0 : nf + 1;
  }
}

/// One threshold row shared by all channels.
template <unsigned C, unsigned PE, unsigned NT, int OUT_BIAS, typename TI, typename TT, typename TO,
          typename THM = thresholds_compare_all>
void thresholding_shared(hls::stream<packed_t<PE, TI> >& in, hls::stream<packed_t<PE, TO> >& out,
                         const TT thresholds[NT], unsigned reps) {
  static_assert(PE >= 1 && C % PE == 0, "C must be a multiple of PE");
  static_assert(NT >= 1, "at least one threshold");
  const unsigned total = reps * (C / PE);
  for (unsigned i = 0; i < total; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("thresholding");
    const packed_t<PE, TI> inword = in.read();
    packed_t<PE, TO> outword = 0;
    for (unsigned p = 0; p < PE; ++p) {
      SCANFLOW_PRAGMA(HLS UNROLL)
      const unsigned n = THM::template count<NT>(get_elem<TI>(inword, p), thresholds);
      set_elem<TO>(outword, p, threshold_output<TO, OUT_BIAS>(n));
    }
    out.write(outword);
  }
}

/// Expected cycles of one call (II = 1).
constexpr unsigned long long thresholding_cycles(unsigned c, unsigned pe, unsigned reps) {
  return static_cast<unsigned long long>(reps) * (c / pe);
}

}  // namespace scanflow

#endif  // SCANFLOW_THRESHOLDING_HPP
