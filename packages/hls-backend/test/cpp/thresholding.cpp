// Thresholding (per-channel and shared) against a plain threshold count over random data.
#include <scanflow/thresholding.hpp>

#include <vector>

#include "harness.hpp"
#include "ref.hpp"

using ref::i128;

namespace {

// SHARED: one threshold row for all channels. SORTED: ascending rows (as FINN emits) or random order.
// THM: the threshold method (the binary search only on sorted rows).
template <unsigned C, unsigned PE, unsigned NT, int OUT_BIAS, typename TI, typename TT, typename TO, bool SHARED,
          typename THM = scanflow::thresholds_compare_all>
void run_case(unsigned reps, bool sorted, unsigned long long seed) {
  th::Rng rng(seed);
  const unsigned NF = C / PE;
  std::vector<std::vector<i128> > X(reps, std::vector<i128>(C));
  for (unsigned v = 0; v < reps; ++v)
    for (unsigned c = 0; c < C; ++c) X[v][c] = ref::random_of<TI>(rng);

  const unsigned rows = SHARED ? 1 : C;
  std::vector<std::vector<i128> > T(rows, std::vector<i128>(NT));
  for (unsigned r = 0; r < rows; ++r) {
    for (unsigned k = 0; k < NT; ++k) {
      // thresholds inside the input range (ties happen), a few outside on both sides
      i128 t = rng.next() % 4 == 0 && reps > 0 ? X[rng.next() % reps][rng.next() % C] : ref::random_of<TI>(rng);
      if (rng.next() % 16 == 0) t += rng.next() % 2 ? 3 : -3;
      T[r][k] = ref::wrap128(t, TT::width, TT::sign_flag);
    }
    if (sorted) {
      for (unsigned a = 0; a < NT; ++a)
        for (unsigned b = a + 1; b < NT; ++b)
          if (T[r][b] < T[r][a]) {
            const i128 tmp = T[r][a];
            T[r][a] = T[r][b];
            T[r][b] = tmp;
          }
    }
  }

  hls::stream<scanflow::packed_t<PE, TI> > in("in");
  hls::stream<scanflow::packed_t<PE, TO> > out("out");
  for (unsigned v = 0; v < reps; ++v)
    for (unsigned nf = 0; nf < NF; ++nf) {
      scanflow::packed_t<PE, TI> w = 0;
      for (unsigned p = 0; p < PE; ++p) ref::put_lane<TI>(w, p, X[v][nf * PE + p]);
      in.write(w);
    }

  scanflow::csim::reset_trips();
  if (SHARED) {
    static TT mem[NT];
    for (unsigned k = 0; k < NT; ++k) mem[k] = ref::from_i128<TT>(T[0][k]);
    scanflow::thresholding_shared<C, PE, NT, OUT_BIAS, TI, TT, TO, THM>(in, out, mem, reps);
  } else {
    static TT mem[PE][C / PE][NT];  // mem[p][nf][k] = T[nf * PE + p][k]
    for (unsigned c = 0; c < C; ++c)
      for (unsigned k = 0; k < NT; ++k) mem[c % PE][c / PE][k] = ref::from_i128<TT>(T[c][k]);
    scanflow::thresholding<C, PE, NT, OUT_BIAS, TI, TT, TO, THM>(in, out, mem, reps);
  }

  th::check_eq(static_cast<long long>(scanflow::csim::trips("thresholding")), static_cast<long long>(reps) * NF,
               "loop iterations = reps * C/PE");
  th::check(scanflow::thresholding_cycles(C, PE, reps) == static_cast<unsigned long long>(reps) * NF,
            "thresholding_cycles");
  th::check(in.empty(), "input consumed");
  th::check_eq(static_cast<long long>(out.size()), static_cast<long long>(reps) * NF, "output words");
  std::vector<int> seen(NT + 1, 0);
  for (unsigned v = 0; v < reps && !out.empty(); ++v)
    for (unsigned nf = 0; nf < NF && !out.empty(); ++nf) {
      const scanflow::packed_t<PE, TO> w = out.read();
      for (unsigned p = 0; p < PE; ++p) {
        const unsigned c = nf * PE + p;
        const std::vector<i128>& row = T[SHARED ? 0 : c];
        long long count = 0;
        for (unsigned k = 0; k < NT; ++k) count += X[v][c] >= row[k] ? 1 : 0;
        seen[count] = 1;
        const i128 want = ref::wrap128(count + OUT_BIAS, TO::width, TO::sign_flag);
        const i128 got = ref::get_lane<TO>(w, p);
        th::check(got == want, "vector %u channel %u (x=%s): got %s want %s", v, c, ref::str128(X[v][c]).c_str(),
                  ref::str128(got).c_str(), ref::str128(want).c_str());
      }
    }
  int distinct = 0;
  for (unsigned k = 0; k <= NT; ++k) distinct += seen[k];
  th::check(reps == 0 || NT == 1 || distinct >= 2, "test data exercises several output levels (%d)", distinct);
}

}  // namespace

#define PER_CHANNEL(NAME, C, PE, NT, BIAS, TI, TT, TO, REPS, SORTED) \
  cases[NAME] = [] { run_case<C, PE, NT, BIAS, TI, TT, TO, false>(REPS, SORTED, __LINE__); };
#define SHARED(NAME, C, PE, NT, BIAS, TI, TT, TO, REPS, SORTED) \
  cases[NAME] = [] { run_case<C, PE, NT, BIAS, TI, TT, TO, true>(REPS, SORTED, __LINE__); };
// the binary search (sorted rows, ties included) against the same plain count
#define SEARCH(NAME, C, PE, NT, BIAS, TI, TT, TO, REPS, SHARED_ROW) \
  cases[NAME] = [] { run_case<C, PE, NT, BIAS, TI, TT, TO, SHARED_ROW, scanflow::thresholds_search>(REPS, true, __LINE__); };
// the two-level search (sorted rows, ties included) against the same plain count: NT from 1 (one
// block of one) to 255 (16 blocks of 16), NT + 1 a power of two or not
#define TWO_LEVEL(NAME, C, PE, NT, BIAS, TI, TT, TO, REPS, SHARED_ROW) \
  cases[NAME] = [] { run_case<C, PE, NT, BIAS, TI, TT, TO, SHARED_ROW, scanflow::thresholds_two_level>(REPS, true, __LINE__); };

int main(int argc, char** argv) {
  th::Cases cases;
  PER_CHANNEL("channel_c12_pe1_nt7", 12, 1, 7, 0, ap_int<8>, ap_int<8>, ap_uint<3>, 4, true)
  PER_CHANNEL("channel_c12_pe3_nt7", 12, 3, 7, 0, ap_int<8>, ap_int<8>, ap_uint<3>, 4, true)
  PER_CHANNEL("channel_c12_pe4_nt15_bias", 12, 4, 15, -8, ap_int<8>, ap_int<8>, ap_int<4>, 4, true)
  PER_CHANNEL("channel_c12_pe12_nt15", 12, 12, 15, 0, ap_int<8>, ap_int<8>, ap_uint<4>, 4, true)
  PER_CHANNEL("channel_c6_pe2_nt1", 6, 2, 1, 0, ap_uint<6>, ap_uint<6>, ap_uint<1>, 8, true)
  PER_CHANNEL("channel_wider_thresholds", 8, 4, 7, -4, ap_uint<6>, ap_int<10>, ap_int<3>, 5, true)
  PER_CHANNEL("channel_unsorted", 10, 5, 9, 0, ap_int<7>, ap_int<7>, ap_uint<4>, 5, false)
  PER_CHANNEL("channel_int8_out_nt255", 4, 2, 255, -128, ap_int<12>, ap_int<12>, ap_int<8>, 6, true)
  PER_CHANNEL("channel_reps0", 4, 2, 3, 0, ap_int<4>, ap_int<4>, ap_uint<2>, 0, true)
  SHARED("shared_c10_pe1_nt63", 10, 1, 63, -32, ap_int<12>, ap_int<12>, ap_int<6>, 4, true)
  SHARED("shared_c10_pe2_nt63", 10, 2, 63, -32, ap_int<12>, ap_int<12>, ap_int<6>, 4, true)
  SHARED("shared_c10_pe5_nt14", 10, 5, 14, -7, ap_int<6>, ap_int<6>, ap_int<4>, 4, true)
  SHARED("shared_c10_pe10_nt14", 10, 10, 14, -7, ap_int<6>, ap_int<6>, ap_int<4>, 4, true)
  SHARED("shared_unsorted", 8, 4, 5, 0, ap_uint<5>, ap_int<9>, ap_uint<3>, 4, false)
  SEARCH("search_c12_pe4_nt15_bias", 12, 4, 15, -8, ap_int<8>, ap_int<8>, ap_int<4>, 16, false)
  SEARCH("search_c4_pe2_nt255", 4, 2, 255, -128, ap_int<12>, ap_int<12>, ap_int<8>, 64, false)
  SEARCH("search_c6_pe3_nt1", 6, 3, 1, 0, ap_uint<6>, ap_uint<6>, ap_uint<1>, 16, false)
  SEARCH("search_c6_pe1_nt2", 6, 1, 2, 0, ap_int<4>, ap_int<4>, ap_uint<2>, 32, false)
  SEARCH("search_c8_pe8_nt6_wider", 8, 8, 6, -3, ap_uint<6>, ap_int<10>, ap_int<3>, 32, false)
  SEARCH("search_shared_c10_pe2_nt63", 10, 2, 63, -32, ap_int<12>, ap_int<12>, ap_int<6>, 32, true)
  SEARCH("search_shared_c10_pe5_nt14", 10, 5, 14, -7, ap_int<6>, ap_int<6>, ap_int<4>, 32, true)
  TWO_LEVEL("two_level_c12_pe4_nt15_bias", 12, 4, 15, -8, ap_int<8>, ap_int<8>, ap_int<4>, 16, false)
  TWO_LEVEL("two_level_c4_pe2_nt255", 4, 2, 255, -128, ap_int<12>, ap_int<12>, ap_int<8>, 64, false)
  TWO_LEVEL("two_level_c4_pe4_nt246", 4, 4, 246, -123, ap_int<18>, ap_int<18>, ap_int<8>, 64, false)
  TWO_LEVEL("two_level_c6_pe3_nt124", 6, 3, 124, -62, ap_int<12>, ap_int<12>, ap_int<7>, 64, false)
  TWO_LEVEL("two_level_c6_pe3_nt1", 6, 3, 1, 0, ap_uint<6>, ap_uint<6>, ap_uint<1>, 16, false)
  TWO_LEVEL("two_level_c6_pe1_nt2", 6, 1, 2, 0, ap_int<4>, ap_int<4>, ap_uint<2>, 32, false)
  TWO_LEVEL("two_level_c6_pe2_nt3", 6, 2, 3, 0, ap_int<4>, ap_int<4>, ap_uint<2>, 32, false)
  TWO_LEVEL("two_level_c8_pe8_nt6_wider", 8, 8, 6, -3, ap_uint<6>, ap_int<10>, ap_int<3>, 32, false)
  TWO_LEVEL("two_level_shared_c10_pe2_nt63", 10, 2, 63, -32, ap_int<12>, ap_int<12>, ap_int<6>, 32, true)
  TWO_LEVEL("two_level_shared_c8_pe4_nt60", 8, 4, 60, -30, ap_int<10>, ap_int<10>, ap_int<6>, 32, true)
  return th::run_cases(argc, argv, cases);
}
