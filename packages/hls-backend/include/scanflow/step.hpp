// scanflow HLS helpers: one time step of a recurrence computed on on-chip arrays (the fused step).
//
// A Recurrence layer keeps its state (h, c, ...) in ping-pong register arrays TS st[2][C]: step t
// reads st[t & 1] and writes st[(t + 1) & 1], so there is no copy-back and no DATAFLOW region to
// restart per step. The step is a sequence of sections in dependency order; a section is one
// pipelined loop (II = 1) over the folded iterations of the layers it holds (layers of the same
// depth in the cell run side by side in the same iterations); fan-out is free (an array is read by
// as many layers as need it) and a reshape is the same array. Per layer and iteration:
//
//   MVAU (PE rows × SIMD columns of one tile, optionally from an initial value and through
//   thresholds):  acc[p] = (sf == 0 ? init[r] : acc[p]) + Σ_s W[p][tile][s] · x[sf·SIMD + s],
//                 y[r] = thr(acc[p]) once the row r = nf·PE + p is complete (sf == SF − 1)
//   element-wise / thresholding on PE lanes: y[i·PE + p] = f(a[i·PE + p], ...)
//
// Arrays are partitioned cyclically by the lcm of the lane counts that access them (complete when
// that is their size), so every access of an iteration hits its own bank.
#ifndef SCANFLOW_STEP_HPP
#define SCANFLOW_STEP_HPP

#include "common.hpp"

/// Partition an on-chip array so that `lanes` consecutive elements are accessed in one cycle.
#define SCANFLOW_ARRAY_PARTITION(var, lanes) \
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=var cyclic factor=lanes dim=1)
#define SCANFLOW_ARRAY_REGISTERS(var) \
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=var complete dim=1)
/// A ping-pong state pair st[2][C]: the two halves apart, each cyclic by `lanes`.
#define SCANFLOW_STATE_PAIR_PARTITION(var, lanes)                       \
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=var complete dim=1)      \
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=var cyclic factor=lanes dim=2)

namespace scanflow {

/// Where a folded matrix-vector unit is in its sweep of NF × SF tiles (row group nf, column group
/// sf, tile = nf · SF + sf), advanced once per iteration. Counters instead of divisions.
template <unsigned SF, unsigned NF>
struct fold_cursor {
  unsigned tile;
  unsigned sf;
  unsigned nf;
  fold_cursor() : tile(0), sf(0), nf(0) {}
  void next() {
    SCANFLOW_PRAGMA(HLS INLINE)
    if (sf == SF - 1) {
      sf = 0;
      nf = (nf == NF - 1) ? 0 : nf + 1;
    } else {
      ++sf;
    }
    tile = (tile == SF * NF - 1) ? 0 : tile + 1;
  }
};

/// Σ_k w[k] · x[base + k] for k < SIMD, accumulated exactly in TACC (products grow like ap_int),
/// the products built as MUL says (mul_auto / mul_lut / mul_dsp).
template <unsigned SIMD, unsigned MW, typename TACC, typename MUL = mul_auto, typename TW, typename TI>
inline TACC dot_slice(const TW w[SIMD], const TI x[MW], unsigned base) {
  SCANFLOW_PRAGMA(HLS INLINE)
  TACC sum = 0;
  for (unsigned k = 0; k < SIMD; ++k) {
    SCANFLOW_PRAGMA(HLS UNROLL)
    sum += MUL::apply(w[k], x[base + k]);
  }
  return sum;
}

/// Fill an array from one vector of a stream: C / LANES words, word f lane p = a[f · LANES + p].
template <unsigned C, unsigned LANES, typename T>
inline void stream_word_to_array(hls::stream<packed_t<LANES, T> >& in, T a[C], unsigned f) {
  SCANFLOW_PRAGMA(HLS INLINE)
  const packed_t<LANES, T> w = in.read();
  for (unsigned p = 0; p < LANES; ++p) {
    SCANFLOW_PRAGMA(HLS UNROLL)
    a[f * LANES + p] = get_elem<T>(w, p);
  }
}

/// Write word f of an array (LANES elements) to a stream, converting each element to TO.
template <unsigned C, unsigned LANES, typename TO, typename T>
inline void array_word_to_stream(const T a[C], hls::stream<packed_t<LANES, TO> >& out, unsigned f) {
  SCANFLOW_PRAGMA(HLS INLINE)
  packed_t<LANES, TO> w = 0;
  for (unsigned p = 0; p < LANES; ++p) {
    SCANFLOW_PRAGMA(HLS UNROLL)
    set_elem<TO>(w, p, TO(a[f * LANES + p]));
  }
  out.write(w);
}

}  // namespace scanflow

#endif  // SCANFLOW_STEP_HPP
