// scanflow HLS kernel: element-wise binary operations (ElementwiseAdd / Sub / Mul, AddStreams).
//
//   elementwise_streams<OP>  : out = TO(a OP b) for two streams of equal packing (PE lanes each)
//   elementwise_param<OP>    : out = TO(a OP param[c]) with a per-channel parameter memory
//                              [PE][C/PE], param[p][nf] = P[nf * PE + p]
//   elementwise_scalar<OP>   : out = TO(a OP value) with one value for every channel
// OP is op_add, op_sub or op_mul (the parameter / scalar is always the right-hand operand).
// Named shorthands: elementwise_add / _sub / _mul, elementwise_add_param / _mul_param,
// elementwise_add_scalar / _mul_scalar.
//
// Arithmetic: the operation is exact (ap_int result widths grow), then converted to TO, which wraps
// modulo 2^TO::width (the generator picks TO wide enough, e.g. max(wa, wb) + 1 for add, wa + wb for
// mul, signed when either input is).
//
// Folding: PE channels per clock, C % PE == 0. Streams: a ap_uint<PE * TA::width>,
// b ap_uint<PE * TB::width>, out ap_uint<PE * TO::width>, C/PE words per vector.
// One pipelined loop, II = 1: cycles = reps * C / PE.
// A per-channel parameter memory is defined by the caller and partitioned with
// SCANFLOW_ELEMENTWISE_PARAM_PARTITION(p) (complete dim=1).
#ifndef SCANFLOW_ELEMENTWISE_HPP
#define SCANFLOW_ELEMENTWISE_HPP

#include "common.hpp"

#define SCANFLOW_ELEMENTWISE_PARAM_PARTITION(var) \
  SCANFLOW_PRAGMA(HLS ARRAY_PARTITION variable=var complete dim=1)

namespace scanflow {

struct op_add {
  template <typename A, typename B>
  static auto apply(const A& a, const B& b) -> decltype(a + b) {
    return a + b;
  }
};
struct op_sub {
  template <typename A, typename B>
  static auto apply(const A& a, const B& b) -> decltype(a - b) {
    return a - b;
  }
};
/// Products with the multiplier implementation MUL (mul_auto / mul_lut / mul_dsp, common.hpp).
template <typename MUL = mul_auto>
struct op_mul_with {
  template <typename A, typename B>
  static auto apply(const A& a, const B& b) -> decltype(a * b) {
    return MUL::apply(a, b);
  }
};
typedef op_mul_with<mul_auto> op_mul;

template <class OP, unsigned C, unsigned PE, typename TA, typename TB, typename TO>
void elementwise_streams(hls::stream<packed_t<PE, TA> >& a, hls::stream<packed_t<PE, TB> >& b,
                         hls::stream<packed_t<PE, TO> >& out, unsigned reps) {
  static_assert(PE >= 1 && C % PE == 0, "C must be a multiple of PE");
  const unsigned total = reps * (C / PE);
  for (unsigned i = 0; i < total; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("elementwise");
    const packed_t<PE, TA> wa = a.read();
    const packed_t<PE, TB> wb = b.read();
    packed_t<PE, TO> wo = 0;
    for (unsigned p = 0; p < PE; ++p) {
      SCANFLOW_PRAGMA(HLS UNROLL)
      set_elem<TO>(wo, p, TO(OP::apply(get_elem<TA>(wa, p), get_elem<TB>(wb, p))));
    }
    out.write(wo);
  }
}

template <class OP, unsigned C, unsigned PE, typename TA, typename TP, typename TO>
void elementwise_param(hls::stream<packed_t<PE, TA> >& a, hls::stream<packed_t<PE, TO> >& out,
                       const TP param[PE][C / PE], unsigned reps) {
  static_assert(PE >= 1 && C % PE == 0, "C must be a multiple of PE");
  const unsigned NF = C / PE;
  unsigned nf = 0;
  const unsigned total = reps * NF;
  for (unsigned i = 0; i < total; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("elementwise");
    const packed_t<PE, TA> wa = a.read();
    packed_t<PE, TO> wo = 0;
    for (unsigned p = 0; p < PE; ++p) {
      SCANFLOW_PRAGMA(HLS UNROLL)
      set_elem<TO>(wo, p, TO(OP::apply(get_elem<TA>(wa, p), param[p][nf])));
    }
    out.write(wo);
    nf = (nf == NF - 1) ? 0 : nf + 1;
  }
}

template <class OP, unsigned C, unsigned PE, typename TA, typename TP, typename TO>
void elementwise_scalar(hls::stream<packed_t<PE, TA> >& a, hls::stream<packed_t<PE, TO> >& out, const TP value,
                        unsigned reps) {
  static_assert(PE >= 1 && C % PE == 0, "C must be a multiple of PE");
  const unsigned total = reps * (C / PE);
  for (unsigned i = 0; i < total; ++i) {
    SCANFLOW_PRAGMA(HLS PIPELINE II=1)
    SCANFLOW_TRIP("elementwise");
    const packed_t<PE, TA> wa = a.read();
    packed_t<PE, TO> wo = 0;
    for (unsigned p = 0; p < PE; ++p) {
      SCANFLOW_PRAGMA(HLS UNROLL)
      set_elem<TO>(wo, p, TO(OP::apply(get_elem<TA>(wa, p), value)));
    }
    out.write(wo);
  }
}

template <unsigned C, unsigned PE, typename TA, typename TB, typename TO>
void elementwise_add(hls::stream<packed_t<PE, TA> >& a, hls::stream<packed_t<PE, TB> >& b,
                     hls::stream<packed_t<PE, TO> >& out, unsigned reps) {
  elementwise_streams<op_add, C, PE, TA, TB, TO>(a, b, out, reps);
}
template <unsigned C, unsigned PE, typename TA, typename TB, typename TO>
void elementwise_sub(hls::stream<packed_t<PE, TA> >& a, hls::stream<packed_t<PE, TB> >& b,
                     hls::stream<packed_t<PE, TO> >& out, unsigned reps) {
  elementwise_streams<op_sub, C, PE, TA, TB, TO>(a, b, out, reps);
}
template <unsigned C, unsigned PE, typename TA, typename TB, typename TO, typename MUL = mul_auto>
void elementwise_mul(hls::stream<packed_t<PE, TA> >& a, hls::stream<packed_t<PE, TB> >& b,
                     hls::stream<packed_t<PE, TO> >& out, unsigned reps) {
  elementwise_streams<op_mul_with<MUL>, C, PE, TA, TB, TO>(a, b, out, reps);
}
template <unsigned C, unsigned PE, typename TA, typename TP, typename TO>
void elementwise_add_param(hls::stream<packed_t<PE, TA> >& a, hls::stream<packed_t<PE, TO> >& out,
                           const TP param[PE][C / PE], unsigned reps) {
  elementwise_param<op_add, C, PE, TA, TP, TO>(a, out, param, reps);
}
template <unsigned C, unsigned PE, typename TA, typename TP, typename TO, typename MUL = mul_auto>
void elementwise_mul_param(hls::stream<packed_t<PE, TA> >& a, hls::stream<packed_t<PE, TO> >& out,
                           const TP param[PE][C / PE], unsigned reps) {
  elementwise_param<op_mul_with<MUL>, C, PE, TA, TP, TO>(a, out, param, reps);
}
template <unsigned C, unsigned PE, typename TA, typename TP, typename TO>
void elementwise_add_scalar(hls::stream<packed_t<PE, TA> >& a, hls::stream<packed_t<PE, TO> >& out,
                            const TP value, unsigned reps) {
  elementwise_scalar<op_add, C, PE, TA, TP, TO>(a, out, value, reps);
}
template <unsigned C, unsigned PE, typename TA, typename TP, typename TO, typename MUL = mul_auto>
void elementwise_mul_scalar(hls::stream<packed_t<PE, TA> >& a, hls::stream<packed_t<PE, TO> >& out,
                            const TP value, unsigned reps) {
  elementwise_scalar<op_mul_with<MUL>, C, PE, TA, TP, TO>(a, out, value, reps);
}

/// Expected cycles of one call (II = 1).
constexpr unsigned long long elementwise_cycles(unsigned c, unsigned pe, unsigned reps) {
  return static_cast<unsigned long long>(reps) * (c / pe);
}

}  // namespace scanflow

#endif  // SCANFLOW_ELEMENTWISE_HPP
