// scanflow HLS kernel: matrix-vector(-activation) unit (MVAU).
//
// Computes, for each of `reps` input vectors x (MW elements), y = W · x with W of shape [MH][MW]
// (row r = output channel r; an ONNX MatMul x·B has W = Bᵀ), accumulating in TACC, then either
//   mvau             : out[r] = TO(acc[r])                                   (pass-through)
//   mvau_thresholds  : out[r] = TO(#{k : acc[r] >= T[r][k]} + OUT_BIAS)      (fused thresholds)
//
// Folding: PE output rows and SIMD input columns per clock; MW % SIMD == 0, MH % PE == 0.
//   SF = MW / SIMD (synapse fold), NF = MH / PE (neuron fold), TILES = NF * SF.
//   One pipelined loop, II = 1, NF * SF iterations per vector: cycles per vector = (MH/PE)·(MW/SIMD).
//   Each input vector is read once (SF words, buffered on chip) and reused for all NF row groups.
//
// Streams (see common.hpp for the packing):
//   in : ap_uint<SIMD * TI::width>, SF words per vector; word sf, lane s = x[sf * SIMD + s].
//   out: ap_uint<PE * TO::width>,  NF words per vector; word nf, lane p = y[nf * PE + p].
//
// Weight memory, element type TW, shape [PE][TILES][SIMD]:
//   weights[p][nf * SF + sf][s] = W[nf * PE + p][sf * SIMD + s]
//   (row r goes to PE p = r % PE, row group nf = r / PE; column c to tile column sf = c / SIMD,
//    lane s = c % SIMD). Tiles are visited in order 0, 1, ..., TILES - 1 for every vector.
//
// Threshold memory, element type TT, shape [PE][NF][NT] (NT thresholds per output channel):
//   thresholds[p][nf][k] = T[nf * PE + p][k]. A single shared threshold row is tiled to every
//   channel by the generator. Thresholds need not be sorted (the kernel counts).
//
// Arithmetic: every product W·x is exact (ap_int result widths grow); each accumulation wraps into
// TACC, so the accumulator equals the exact dot product modulo 2^TACC::width (exact when TACC is
// wide enough, which the generator guarantees). The conversion to TO wraps too.
//
// Memories are function arguments: the array is defined by the caller (usually `static const` in
// the generated top or step function), and Vitis wants the partitioning where the array is defined.
// For II = 1 the caller must partition completely the PE and SIMD dimensions of the weights and the
// PE and NT dimensions of the thresholds:
//   SCANFLOW_MVAU_WEIGHTS_PARTITION(w)    -> ARRAY_PARTITION variable=w complete dim=1 and dim=3
//   SCANFLOW_MVAU_THRESHOLDS_PARTITION(t) -> ARRAY_PARTITION variable=t complete dim=1 and dim=3
#ifndef SCANFLOW_MVAU_HPP
#define SCANFLOW_MVAU_HPP

#include "common.hpp"

#define SCANFLOW_MVAU_WEIGHTS_PARTITION(var)                    \
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=var complete dim=1) \
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=var complete dim=3)
#define SCANFLOW_MVAU_THRESHOLDS_PARTITION(var)                 \
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=var complete dim=1) \
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=var complete dim=3)

namespace scanflow {
namespace detail {

template <unsigned MW, unsigned MH, unsigned SIMD, unsigned PE, bool HAS_THRESHOLDS, unsigned NTA, int OUT_BIAS,
          typename TI, typename TW, typename TACC, typename TT, typename TO, typename MUL, typename THM>
void mvau_impl(hls::stream<packed_t<SIMD, TI> >& in, hls::stream<packed_t<PE, TO> >& out,
               const TW weights[PE][(MH / PE) * (MW / SIMD)][SIMD], const TT thresholds[PE][MH / PE][NTA],
               unsigned reps) {
  static_assert(SIMD >= 1 && PE >= 1, "SIMD and PE must be at least 1");
  static_assert(MW % SIMD == 0, "MW must be a multiple of SIMD");
  static_assert(MH % PE == 0, "MH must be a multiple of PE");
  const unsigned SF = MW / SIMD;
  const unsigned NF = MH / PE;
  const unsigned TILES = NF * SF;

  packed_t<SIMD, TI> inbuf[MW / SIMD];
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=inbuf complete dim=1)
  TACC acc[PE];
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=acc complete dim=1)

  unsigned nf = 0;
  unsigned sf = 0;
  unsigned tile = 0;
  const unsigned total = reps * TILES;
  for (unsigned i = 0; i < total; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("mvau");
    packed_t<SIMD, TI> inword;
    if (nf == 0) {
      inword = in.read();
      inbuf[sf] = inword;
    } else {
      inword = inbuf[sf];
    }

    packed_t<PE, TO> outword = 0;
    for (unsigned p = 0; p < PE; ++p) {
      SCANFLOW_PRAGMA(HLS UNROLL)
      TACC a = (sf == 0) ? TACC(0) : acc[p];
      for (unsigned s = 0; s < SIMD; ++s) {
        SCANFLOW_PRAGMA(HLS UNROLL)
        a += MUL::apply(weights[p][tile][s], get_elem<TI>(inword, s));
      }
      acc[p] = a;
      if (HAS_THRESHOLDS) {
        set_elem<TO>(outword, p, threshold_output<TO, OUT_BIAS>(THM::template count<NTA>(a, thresholds[p][nf])));
      } else {
        set_elem<TO>(outword, p, TO(a));
      }
    }

    if (sf == SF - 1) {
      out.write(outword);
      sf = 0;
      nf = (nf == NF - 1) ? 0 : nf + 1;
    } else {
      ++sf;
    }
    tile = (tile == TILES - 1) ? 0 : tile + 1;
  }
}

}  // namespace detail

/// MVAU without activation: out lanes are TO(acc) (TO defaults to TACC). MUL: mul_auto / mul_lut / mul_dsp.
template <unsigned MW, unsigned MH, unsigned SIMD, unsigned PE, typename TI, typename TW, typename TACC,
          typename TO = TACC, typename MUL = mul_auto>
void mvau(hls::stream<packed_t<SIMD, TI> >& in, hls::stream<packed_t<PE, TO> >& out,
          const TW weights[PE][(MH / PE) * (MW / SIMD)][SIMD], unsigned reps) {
  static const TACC no_thresholds[PE][MH / PE][1] = {};
  detail::mvau_impl<MW, MH, SIMD, PE, false, 1, 0, TI, TW, TACC, TACC, TO, MUL, thresholds_compare_all>(in, out, weights, no_thresholds, reps);
}

/// MVAU with fused thresholds: out lanes are TO(#{k : acc >= thresholds[p][nf][k]} + OUT_BIAS).
/// THM: thresholds_compare_all, or thresholds_search when every row is non-decreasing.
template <unsigned MW, unsigned MH, unsigned SIMD, unsigned PE, unsigned NT, int OUT_BIAS, typename TI,
          typename TW, typename TACC, typename TT, typename TO, typename MUL = mul_auto, typename THM = thresholds_compare_all>
void mvau_thresholds(hls::stream<packed_t<SIMD, TI> >& in, hls::stream<packed_t<PE, TO> >& out,
                     const TW weights[PE][(MH / PE) * (MW / SIMD)][SIMD], const TT thresholds[PE][MH / PE][NT],
                     unsigned reps) {
  static_assert(NT >= 1, "mvau_thresholds needs at least one threshold per channel; use mvau otherwise");
  detail::mvau_impl<MW, MH, SIMD, PE, true, NT, OUT_BIAS, TI, TW, TACC, TT, TO, MUL, THM>(in, out, weights, thresholds, reps);
}

/// Expected cycles of one call (II = 1 pipeline, excluding its fill latency).
constexpr unsigned long long mvau_cycles(unsigned mw, unsigned mh, unsigned simd, unsigned pe, unsigned reps) {
  return static_cast<unsigned long long>(reps) * (mh / pe) * (mw / simd);
}

}  // namespace scanflow

#endif  // SCANFLOW_MVAU_HPP
