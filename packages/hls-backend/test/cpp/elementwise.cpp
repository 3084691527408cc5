// Element-wise kernels against plain integer arithmetic over random data.
#include <scanflow/elementwise.hpp>

#include <vector>

#include "harness.hpp"
#include "ref.hpp"

using ref::i128;

namespace {

enum Op { ADD, SUB, MUL };
enum Form { STREAMS, PARAM, SCALAR };

i128 apply(Op op, i128 a, i128 b) { return op == ADD ? a + b : op == SUB ? a - b : a * b; }

template <Op OP>
struct op_of;
template <>
struct op_of<ADD> {
  typedef scanflow::op_add type;
};
template <>
struct op_of<SUB> {
  typedef scanflow::op_sub type;
};
template <>
struct op_of<MUL> {
  typedef scanflow::op_mul type;
};

template <Op OP, Form FORM, unsigned C, unsigned PE, typename TA, typename TB, typename TO,
          typename MULT = scanflow::mul_auto>
void run_case(unsigned reps, bool named, unsigned long long seed) {
  th::Rng rng(seed);
  const unsigned NF = C / PE;
  std::vector<std::vector<i128> > A(reps, std::vector<i128>(C)), B(reps, std::vector<i128>(C));
  std::vector<i128> P(C);
  const i128 scalar = ref::random_of<TB>(rng);
  for (unsigned c = 0; c < C; ++c) P[c] = ref::random_of<TB>(rng);
  for (unsigned v = 0; v < reps; ++v)
    for (unsigned c = 0; c < C; ++c) {
      A[v][c] = ref::random_of<TA>(rng);
      B[v][c] = FORM == STREAMS ? ref::random_of<TB>(rng) : FORM == PARAM ? P[c] : scalar;
    }

  hls::stream<scanflow::packed_t<PE, TA> > a("a");
  hls::stream<scanflow::packed_t<PE, TB> > b("b");
  hls::stream<scanflow::packed_t<PE, TO> > out("out");
  for (unsigned v = 0; v < reps; ++v)
    for (unsigned nf = 0; nf < NF; ++nf) {
      scanflow::packed_t<PE, TA> wa = 0;
      scanflow::packed_t<PE, TB> wb = 0;
      for (unsigned p = 0; p < PE; ++p) {
        ref::put_lane<TA>(wa, p, A[v][nf * PE + p]);
        ref::put_lane<TB>(wb, p, B[v][nf * PE + p]);
      }
      a.write(wa);
      if (FORM == STREAMS) b.write(wb);
    }

  static TB param[PE][C / PE];  // param[p][nf] = P[nf * PE + p]
  for (unsigned c = 0; c < C; ++c) param[c % PE][c / PE] = ref::from_i128<TB>(P[c]);
  const TB value = ref::from_i128<TB>(scalar);

  scanflow::csim::reset_trips();
  typedef typename op_of<OP>::type K;
  if (FORM == STREAMS) {
    if (named && OP == ADD) {
      scanflow::elementwise_add<C, PE, TA, TB, TO>(a, b, out, reps);
    } else if (named && OP == SUB) {
      scanflow::elementwise_sub<C, PE, TA, TB, TO>(a, b, out, reps);
    } else if (named && OP == MUL) {
      scanflow::elementwise_mul<C, PE, TA, TB, TO, MULT>(a, b, out, reps);
    } else {
      scanflow::elementwise_streams<K, C, PE, TA, TB, TO>(a, b, out, reps);
    }
  } else if (FORM == PARAM) {
    if (named && OP == ADD) {
      scanflow::elementwise_add_param<C, PE, TA, TB, TO>(a, out, param, reps);
    } else if (named && OP == MUL) {
      scanflow::elementwise_mul_param<C, PE, TA, TB, TO, MULT>(a, out, param, reps);
    } else {
      scanflow::elementwise_param<K, C, PE, TA, TB, TO>(a, out, param, reps);
    }
  } else {
    if (named && OP == ADD) {
      scanflow::elementwise_add_scalar<C, PE, TA, TB, TO>(a, out, value, reps);
    } else if (named && OP == MUL) {
      scanflow::elementwise_mul_scalar<C, PE, TA, TB, TO, MULT>(a, out, value, reps);
    } else {
      scanflow::elementwise_scalar<K, C, PE, TA, TB, TO>(a, out, value, reps);
    }
  }

  th::check_eq(static_cast<long long>(scanflow::csim::trips("elementwise")), static_cast<long long>(reps) * NF,
               "loop iterations = reps * C/PE");
  th::check(scanflow::elementwise_cycles(C, PE, reps) == static_cast<unsigned long long>(reps) * NF, "elementwise_cycles");
  th::check(a.empty() && b.empty(), "inputs consumed");
  th::check_eq(static_cast<long long>(out.size()), static_cast<long long>(reps) * NF, "output words");
  for (unsigned v = 0; v < reps && !out.empty(); ++v)
    for (unsigned nf = 0; nf < NF && !out.empty(); ++nf) {
      const scanflow::packed_t<PE, TO> w = out.read();
      for (unsigned p = 0; p < PE; ++p) {
        const unsigned c = nf * PE + p;
        const i128 want = ref::wrap128(apply(OP, A[v][c], B[v][c]), TO::width, TO::sign_flag);
        const i128 got = ref::get_lane<TO>(w, p);
        th::check(got == want, "vector %u channel %u: %s op %s: got %s want %s", v, c, ref::str128(A[v][c]).c_str(),
                  ref::str128(B[v][c]).c_str(), ref::str128(got).c_str(), ref::str128(want).c_str());
      }
    }
}

}  // namespace

#define CASE(NAME, OP, FORM, C, PE, TA, TB, TO, REPS, NAMED) \
  cases[NAME] = [] { run_case<OP, FORM, C, PE, TA, TB, TO>(REPS, NAMED, __LINE__); };
// products bound to LUTs / DSPs (a synthesis directive: exact either way)
#define MUL_CASE(NAME, IMPL, FORM, C, PE, TA, TB, TO, REPS) \
  cases[NAME] = [] { run_case<MUL, FORM, C, PE, TA, TB, TO, IMPL>(REPS, true, __LINE__); };

int main(int argc, char** argv) {
  th::Cases cases;
  // two streams; exact output widths (add: max + 1 (+1 mixed sign), mul: sum)
  CASE("add_c12_pe1", ADD, STREAMS, 12, 1, ap_int<7>, ap_uint<5>, ap_int<9>, 3, true)
  CASE("add_c12_pe2", ADD, STREAMS, 12, 2, ap_int<7>, ap_uint<5>, ap_int<9>, 3, true)
  CASE("add_c12_pe3", ADD, STREAMS, 12, 3, ap_int<7>, ap_uint<5>, ap_int<9>, 3, true)
  CASE("add_c12_pe12", ADD, STREAMS, 12, 12, ap_int<7>, ap_uint<5>, ap_int<9>, 3, true)
  CASE("add_int32", ADD, STREAMS, 8, 4, ap_int<32>, ap_int<32>, ap_int<33>, 3, true)
  CASE("add_wraps", ADD, STREAMS, 8, 2, ap_int<8>, ap_int<8>, ap_int<6>, 4, true)
  CASE("sub_c12_pe4", SUB, STREAMS, 12, 4, ap_uint<6>, ap_uint<6>, ap_int<7>, 3, true)
  CASE("mul_c12_pe1", MUL, STREAMS, 12, 1, ap_uint<6>, ap_int<6>, ap_int<12>, 3, true)
  CASE("mul_c12_pe6", MUL, STREAMS, 12, 6, ap_uint<6>, ap_int<6>, ap_int<12>, 3, true)
  CASE("mul_generic_op", MUL, STREAMS, 6, 3, ap_int<4>, ap_int<4>, ap_int<8>, 3, false)
  CASE("mul_wraps", MUL, STREAMS, 6, 3, ap_int<8>, ap_int<8>, ap_int<9>, 3, true)
  // per-channel parameter
  CASE("add_param_c12_pe3", ADD, PARAM, 12, 3, ap_int<8>, ap_int<6>, ap_int<9>, 3, true)
  CASE("mul_param_c12_pe4", MUL, PARAM, 12, 4, ap_int<8>, ap_uint<4>, ap_int<12>, 3, true)
  CASE("sub_param_c6_pe2", SUB, PARAM, 6, 2, ap_int<5>, ap_int<5>, ap_int<6>, 3, false)
  CASE("mul_param_c6_pe1", MUL, PARAM, 6, 1, ap_uint<3>, ap_uint<3>, ap_uint<6>, 3, true)
  // one scalar
  CASE("add_scalar_c12_pe2", ADD, SCALAR, 12, 2, ap_int<8>, ap_int<8>, ap_int<9>, 3, true)
  CASE("mul_scalar_c12_pe12", MUL, SCALAR, 12, 12, ap_int<6>, ap_int<7>, ap_int<13>, 3, true)
  CASE("sub_scalar_c4_pe4", SUB, SCALAR, 4, 4, ap_int<6>, ap_uint<3>, ap_int<8>, 3, false)
  MUL_CASE("mul_lut_c12_pe6", scanflow::mul_lut, STREAMS, 12, 6, ap_uint<6>, ap_int<6>, ap_int<12>, 3)
  MUL_CASE("mul_dsp_param_c12_pe4", scanflow::mul_dsp, PARAM, 12, 4, ap_int<8>, ap_uint<4>, ap_int<12>, 3)
  MUL_CASE("mul_dsp_scalar_c12_pe12", scanflow::mul_dsp, SCALAR, 12, 12, ap_int<6>, ap_int<7>, ap_int<13>, 3)
  return th::run_cases(argc, argv, cases);
}
