// scanflow HLS helpers: AXI-Stream ports of a generated top function.
//
// Beat format: one kernel word per AXI-Stream beat, ap_axiu<AXI_W, 0, 0, 0> with no side channels
// besides TKEEP / TSTRB / TLAST (the zero-width TUSER / TID / TDEST fields are never touched: recent
// Vitis versions reject accesses to disabled side channels). AXI_W is the kernel word width rounded up to a multiple of 8
// (axis_padded_width); the word sits in data[WORD_W-1:0], the padding bits are zero on output and
// ignored on input. On output TKEEP = TSTRB = all ones and TLAST = 1 on the last beat of the call
// (one DMA transfer). On input TLAST is not checked: the beat count comes from the caller.
// To talk to a DMA of another width, convert with stream_width_convert before / after.
//
// Typical generated top (pragmas through SCANFLOW_PRAGMA so that g++ C-simulation stays quiet):
//
//   void top(hls::stream<scanflow::axis_beat<32> >& in_V, hls::stream<scanflow::axis_beat<16> >& out_V,
//            unsigned steps) {
//     SCANFLOW_PRAGMA(HLS INTERFACE axis port=in_V)
//     SCANFLOW_PRAGMA(HLS INTERFACE axis port=out_V)
//     SCANFLOW_PRAGMA(HLS INTERFACE s_axilite port=steps bundle=control)
//     SCANFLOW_PRAGMA(HLS INTERFACE s_axilite port=return bundle=control)
//     SCANFLOW_PRAGMA(HLS DATAFLOW)
//     hls::stream<ap_uint<24> > x("x");
//     scanflow::axis_to_stream<32, 24>(in_V, x, words_in);
//     ...
//     scanflow::stream_to_axis<16, 12>(y, out_V, words_out);
//   }
//
// (`s_axilite port=return` gives the block-level ap_ctrl_hs start / done registers that a PYNQ or
// bare-metal driver polls; use `ap_ctrl_none port=return` instead for a free-running core.)
// Both helpers are one pipelined loop, II = 1, `words` iterations.
#ifndef SCANFLOW_AXIS_HPP
#define SCANFLOW_AXIS_HPP

#include <ap_axi_sdata.h>

#include "common.hpp"

namespace scanflow {

/// AXI-Stream beat with AXI_W data bits and no user / id / dest side channels.
template <int AXI_W>
using axis_beat = ap_axiu<AXI_W, 0, 0, 0>;

/// Smallest multiple of 8 that holds `bits` bits.
constexpr int axis_padded_width(int bits) { return (bits + 7) / 8 * 8; }

/// Read `words` beats, keep the low WORD_W data bits of each.
template <int AXI_W, int WORD_W>
void axis_to_stream(hls::stream<axis_beat<AXI_W> >& in, hls::stream<ap_uint<WORD_W> >& out, unsigned words) {
  static_assert(AXI_W % 8 == 0, "AXI-Stream data width must be a multiple of 8");
  static_assert(AXI_W >= WORD_W, "the word must fit in one beat");
  for (unsigned i = 0; i < words; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("axis_to_stream");
    const axis_beat<AXI_W> beat = in.read();
    out.write(ap_uint<WORD_W>(beat.data));
  }
}

/// Write `words` beats, the word zero-extended to AXI_W; TLAST on the last one.
template <int AXI_W, int WORD_W>
void stream_to_axis(hls::stream<ap_uint<WORD_W> >& in, hls::stream<axis_beat<AXI_W> >& out, unsigned words) {
  static_assert(AXI_W % 8 == 0, "AXI-Stream data width must be a multiple of 8");
  static_assert(AXI_W >= WORD_W, "the word must fit in one beat");
  for (unsigned i = 0; i < words; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("stream_to_axis");
    axis_beat<AXI_W> beat;
    beat.data = ap_uint<AXI_W>(in.read());
    beat.keep = -1;
    beat.strb = -1;
    beat.last = (i == words - 1) ? 1 : 0;
    out.write(beat);
  }
}

/// The smallest power of two holding `bits` bits, at least 8: a width AXI DMA accepts (8 ... 1024).
constexpr int axis_dma_width(int bits) { return bits <= 8 ? 8 : 2 * axis_dma_width((bits + 1) / 2); }

// Port layout 2 (what generated tops use; interface.json describes it for the host): LANES
// elements per beat, element k in bits [k·CONTAINER, (k+1)·CONTAINER) of TDATA, each in a
// byte-aligned CONTAINER of 8, 16, 32 or 64 bits, sign-extended when the element type is signed
// and zero-extended otherwise, so the host reads a beat as an int8 / int16 / ... array. The
// padding above LANES·CONTAINER bits is zero; TDATA is a power of two (axis_dma_width). TLAST is
// set on the last beat of every output transfer and not checked on inputs.

/// Read `beats` beats of LANES elements in CONTAINER-bit slots into kernel words of TE.
template <int AXI_W, unsigned LANES, unsigned CONTAINER, typename TE>
void axis_to_elements(hls::stream<axis_beat<AXI_W> >& in, hls::stream<packed_t<LANES, TE> >& out, unsigned beats) {
  static_assert(int(LANES * CONTAINER) <= AXI_W, "the elements must fit in one beat");
  static_assert(CONTAINER >= unsigned(TE::width), "an element must fit its container");
  for (unsigned i = 0; i < beats; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("axis_to_elements");
    const axis_beat<AXI_W> beat = in.read();
    packed_t<LANES, TE> w = 0;
    for (unsigned k = 0; k < LANES; ++k) {
      SCANFLOW_PRAGMA(HLS UNROLL)
      set_elem<TE>(w, k, TE(beat.data.range(int((k + 1) * CONTAINER) - 1, int(k * CONTAINER))));
    }
    out.write(w);
  }
}

/// Write `beats` beats of LANES elements of TE, each sign- or zero-extended into a CONTAINER-bit slot; TLAST on the last.
template <int AXI_W, unsigned LANES, unsigned CONTAINER, typename TE>
void elements_to_axis(hls::stream<packed_t<LANES, TE> >& in, hls::stream<axis_beat<AXI_W> >& out, unsigned beats) {
  static_assert(int(LANES * CONTAINER) <= AXI_W, "the elements must fit in one beat");
  static_assert(CONTAINER >= unsigned(TE::width), "an element must fit its container");
  for (unsigned i = 0; i < beats; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("elements_to_axis");
    const packed_t<LANES, TE> w = in.read();
    axis_beat<AXI_W> beat;
    beat.data = 0;
    for (unsigned k = 0; k < LANES; ++k) {
      SCANFLOW_PRAGMA(HLS UNROLL)
      // one bit wider than the container and signed: a signed element sign-extends, an unsigned one zero-extends
      const ap_int<CONTAINER + 1> v = get_elem<TE>(w, k);
      beat.data.range(int((k + 1) * CONTAINER) - 1, int(k * CONTAINER)) = v.range(CONTAINER - 1, 0);
    }
    beat.keep = -1;
    beat.strb = -1;
    beat.last = (i == beats - 1) ? 1 : 0;
    out.write(beat);
  }
}

}  // namespace scanflow

#endif  // SCANFLOW_AXIS_HPP
