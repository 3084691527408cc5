// MVAU against a plain matrix-vector product (and threshold count) over random data, for several
// foldings. The reference works on the unfolded matrix W[MH][MW]; only the test's memory builder
// and packers know the documented layouts.
#include <scanflow/mvau.hpp>

#include <algorithm>
#include <type_traits>
#include <vector>

#include "harness.hpp"
#include "ref.hpp"

using ref::i128;

namespace {

// MUL: the multiplier implementation (only a synthesis directive: products are exact either way).
// THM: the threshold method; with the binary search the threshold rows are sorted first.
template <unsigned MW, unsigned MH, unsigned SIMD, unsigned PE, typename TI, typename TW, typename TACC, typename TO,
          bool THRESH, unsigned NT, int OUT_BIAS, typename TT, typename MUL = scanflow::mul_auto,
          typename THM = scanflow::thresholds_compare_all>
void run_case(unsigned reps, unsigned long long seed) {
  th::Rng rng(seed);
  const unsigned SF = MW / SIMD, NF = MH / PE, TILES = SF * NF;

  // random matrix and input vectors (plain integers)
  std::vector<std::vector<i128> > W(MH, std::vector<i128>(MW));
  for (unsigned r = 0; r < MH; ++r)
    for (unsigned c = 0; c < MW; ++c) W[r][c] = ref::random_of<TW>(rng);
  std::vector<std::vector<i128> > X(reps, std::vector<i128>(MW));
  for (unsigned v = 0; v < reps; ++v)
    for (unsigned c = 0; c < MW; ++c) X[v][c] = ref::random_of<TI>(rng);

  // reference accumulators: exact dot product wrapped into TACC
  std::vector<std::vector<i128> > acc(reps, std::vector<i128>(MH));
  i128 lo = 0, hi = 0;
  for (unsigned v = 0; v < reps; ++v)
    for (unsigned r = 0; r < MH; ++r) {
      i128 s = 0;
      for (unsigned c = 0; c < MW; ++c) s += W[r][c] * X[v][c];
      acc[v][r] = ref::wrap128(s, TACC::width, TACC::sign_flag);
      if ((v == 0 && r == 0) || acc[v][r] < lo) lo = acc[v][r];
      if ((v == 0 && r == 0) || acc[v][r] > hi) hi = acc[v][r];
    }

  // thresholds T[MH][NT]: unsorted, around the accumulator range, half of them hitting a real value
  std::vector<std::vector<i128> > T(MH, std::vector<i128>(NT));
  for (unsigned r = 0; r < MH; ++r)
    for (unsigned k = 0; k < NT; ++k) {
      i128 t;
      if (reps > 0 && rng.next() % 2 == 0) {
        t = acc[rng.next() % reps][r];
      } else {
        const long long span = static_cast<long long>(hi - lo) + 4;
        t = lo - 2 + rng.range(0, span);
      }
      T[r][k] = ref::wrap128(t, TT::width, TT::sign_flag);
    }
  if (std::is_same<THM, scanflow::thresholds_search>::value)
    for (unsigned r = 0; r < MH; ++r) std::sort(T[r].begin(), T[r].end());

  // memories in the documented layouts
  static TW weights[PE][TILES][SIMD];
  for (unsigned r = 0; r < MH; ++r)
    for (unsigned c = 0; c < MW; ++c) weights[r % PE][(r / PE) * SF + c / SIMD][c % SIMD] = ref::from_i128<TW>(W[r][c]);
  static TT thresholds[PE][NF][NT];
  for (unsigned r = 0; r < MH; ++r)
    for (unsigned k = 0; k < NT; ++k) thresholds[r % PE][r / PE][k] = ref::from_i128<TT>(T[r][k]);

  // input stream: SF words per vector, lane s of word sf = x[sf * SIMD + s]
  hls::stream<scanflow::packed_t<SIMD, TI> > in("in");
  hls::stream<scanflow::packed_t<PE, TO> > out("out");
  for (unsigned v = 0; v < reps; ++v)
    for (unsigned sf = 0; sf < SF; ++sf) {
      scanflow::packed_t<SIMD, TI> w = 0;
      for (unsigned s = 0; s < SIMD; ++s) ref::put_lane<TI>(w, s, X[v][sf * SIMD + s]);
      in.write(w);
    }

  scanflow::csim::reset_trips();
  if (THRESH) {
    scanflow::mvau_thresholds<MW, MH, SIMD, PE, NT, OUT_BIAS, TI, TW, TACC, TT, TO, MUL, THM>(in, out, weights, thresholds, reps);
  } else {
    scanflow::mvau<MW, MH, SIMD, PE, TI, TW, TACC, TO, MUL>(in, out, weights, reps);
  }

  th::check_eq(static_cast<long long>(scanflow::csim::trips("mvau")), static_cast<long long>(reps) * NF * SF,
               "loop iterations = reps * (MH/PE) * (MW/SIMD)");
  th::check(scanflow::mvau_cycles(MW, MH, SIMD, PE, reps) == static_cast<unsigned long long>(reps) * NF * SF,
            "mvau_cycles");
  th::check(in.empty(), "every input word consumed");
  th::check_eq(static_cast<long long>(out.size()), static_cast<long long>(reps) * NF, "output words = reps * MH/PE");
  for (unsigned v = 0; v < reps && !out.empty(); ++v)
    for (unsigned nf = 0; nf < NF && !out.empty(); ++nf) {
      const scanflow::packed_t<PE, TO> w = out.read();
      for (unsigned p = 0; p < PE; ++p) {
        const unsigned r = nf * PE + p;
        i128 want;
        if (THRESH) {
          long long count = 0;
          for (unsigned k = 0; k < NT; ++k) count += acc[v][r] >= T[r][k] ? 1 : 0;
          want = ref::wrap128(count + OUT_BIAS, TO::width, TO::sign_flag);
        } else {
          want = ref::wrap128(acc[v][r], TO::width, TO::sign_flag);
        }
        const i128 got = ref::get_lane<TO>(w, p);
        th::check(got == want, "vector %u channel %u: got %s want %s", v, r, ref::str128(got).c_str(),
                  ref::str128(want).c_str());
      }
    }
}

}  // namespace

#define PASS(NAME, MW, MH, SIMD, PE, TI, TW, TACC, TO, REPS) \
  cases[NAME] = [] { run_case<MW, MH, SIMD, PE, TI, TW, TACC, TO, false, 1, 0, TACC>(REPS, __LINE__); };
#define THR(NAME, MW, MH, SIMD, PE, TI, TW, TACC, TO, NT, BIAS, TT, REPS) \
  cases[NAME] = [] { run_case<MW, MH, SIMD, PE, TI, TW, TACC, TO, true, NT, BIAS, TT>(REPS, __LINE__); };
// products bound to LUTs / DSPs, thresholds by binary search
#define PASS_MUL(NAME, MUL, MW, MH, SIMD, PE, TI, TW, TACC, TO, REPS) \
  cases[NAME] = [] { run_case<MW, MH, SIMD, PE, TI, TW, TACC, TO, false, 1, 0, TACC, MUL>(REPS, __LINE__); };
#define THR_SEARCH(NAME, MUL, MW, MH, SIMD, PE, TI, TW, TACC, TO, NT, BIAS, TT, REPS) \
  cases[NAME] = [] { run_case<MW, MH, SIMD, PE, TI, TW, TACC, TO, true, NT, BIAS, TT, MUL, scanflow::thresholds_search>(REPS, __LINE__); };

int main(int argc, char** argv) {
  th::Cases cases;
  // pass-through, every folding of an 8 x 6 matrix family
  PASS("pass_mw8_mh6_simd1_pe1", 8, 6, 1, 1, ap_int<4>, ap_int<4>, ap_int<16>, ap_int<16>, 3)
  PASS("pass_mw8_mh6_simd2_pe3", 8, 6, 2, 3, ap_int<4>, ap_int<4>, ap_int<16>, ap_int<16>, 3)
  PASS("pass_mw8_mh6_simd4_pe2", 8, 6, 4, 2, ap_int<4>, ap_int<4>, ap_int<16>, ap_int<16>, 3)
  PASS("pass_mw8_mh6_simd8_pe6", 8, 6, 8, 6, ap_int<4>, ap_int<4>, ap_int<16>, ap_int<16>, 3)
  PASS("pass_mw8_mh6_simd8_pe1", 8, 6, 8, 1, ap_int<4>, ap_int<4>, ap_int<16>, ap_int<16>, 3)
  PASS("pass_mw8_mh6_simd1_pe6", 8, 6, 1, 6, ap_int<4>, ap_int<4>, ap_int<16>, ap_int<16>, 3)
  PASS("pass_mw20_mh16_simd5_pe4", 20, 16, 5, 4, ap_uint<3>, ap_int<6>, ap_int<14>, ap_int<14>, 4)
  PASS("pass_mw20_mh16_simd20_pe16", 20, 16, 20, 16, ap_uint<3>, ap_int<6>, ap_int<14>, ap_int<14>, 4)
  PASS("pass_mw20_mh16_simd2_pe8", 20, 16, 2, 8, ap_int<8>, ap_int<8>, ap_int<21>, ap_int<21>, 2)
  PASS("pass_mw1_mh1", 1, 1, 1, 1, ap_int<8>, ap_int<8>, ap_int<16>, ap_int<16>, 5)
  PASS("pass_unsigned", 12, 6, 3, 2, ap_uint<4>, ap_uint<4>, ap_uint<12>, ap_uint<12>, 3)
  PASS("pass_acc_wraps", 16, 4, 4, 2, ap_int<8>, ap_int<8>, ap_int<6>, ap_int<6>, 3)
  PASS("pass_out_narrower", 16, 4, 4, 4, ap_int<8>, ap_int<8>, ap_int<20>, ap_int<8>, 3)
  PASS("pass_wide_acc", 8, 4, 4, 2, ap_int<32>, ap_int<32>, ap_int<72>, ap_int<72>, 3)
  PASS("pass_reps0", 8, 6, 2, 3, ap_int<4>, ap_int<4>, ap_int<16>, ap_int<16>, 0)
  // fused thresholds
  THR("thr_mw8_mh6_simd2_pe3_nt3", 8, 6, 2, 3, ap_int<4>, ap_int<4>, ap_int<16>, ap_int<2>, 3, -2, ap_int<16>, 4)
  THR("thr_mw12_mh8_simd3_pe4_nt15", 12, 8, 3, 4, ap_int<4>, ap_int<3>, ap_int<12>, ap_uint<4>, 15, 0, ap_int<12>, 5)
  THR("thr_mw12_mh8_simd12_pe8_nt15", 12, 8, 12, 8, ap_int<4>, ap_int<3>, ap_int<12>, ap_uint<4>, 15, 0, ap_int<12>, 5)
  THR("thr_mw12_mh8_simd1_pe1_nt7", 12, 8, 1, 1, ap_uint<2>, ap_int<5>, ap_int<11>, ap_int<3>, 7, -4, ap_int<11>, 3)
  THR("thr_mw16_mh4_simd4_pe2_nt255", 16, 4, 4, 2, ap_int<8>, ap_int<8>, ap_int<20>, ap_int<8>, 255, -128, ap_int<20>, 3)
  THR("thr_narrow_thresholds", 10, 6, 5, 3, ap_int<3>, ap_int<3>, ap_int<10>, ap_uint<3>, 7, 0, ap_int<7>, 4)
  PASS_MUL("pass_mul_lut", scanflow::mul_lut, 20, 16, 5, 4, ap_int<8>, ap_int<8>, ap_int<21>, ap_int<21>, 3)
  PASS_MUL("pass_mul_dsp", scanflow::mul_dsp, 20, 16, 5, 4, ap_int<8>, ap_int<8>, ap_int<21>, ap_int<21>, 3)
  THR_SEARCH("thr_search_mw16_mh4_simd4_pe2_nt255", scanflow::mul_dsp, 16, 4, 4, 2, ap_int<8>, ap_int<8>, ap_int<20>, ap_int<8>, 255, -128, ap_int<20>, 8)
  THR_SEARCH("thr_search_mw12_mh8_simd3_pe4_nt15", scanflow::mul_lut, 12, 8, 3, 4, ap_int<4>, ap_int<3>, ap_int<12>, ap_uint<4>, 15, 0, ap_int<12>, 8)
  THR_SEARCH("thr_search_mw8_mh6_simd2_pe3_nt3", scanflow::mul_auto, 8, 6, 2, 3, ap_int<4>, ap_int<4>, ap_int<16>, ap_int<2>, 3, -2, ap_int<16>, 8)
  return th::run_cases(argc, argv, cases);
}
