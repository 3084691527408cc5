// Runs an MVAU on parameters written by the TypeScript layout helpers (foldMvauWeights,
// foldThresholds, packVector, cppInitializer) into layout_data.h, which the test generates in a
// temporary include directory. Prints every output word in decimal: "P <word>" for the pass-through
// MVAU, "T <word>" for the same MVAU with fused thresholds.
#include <scanflow/mvau.hpp>

#include <iostream>

#include "layout_data.h"

int main() {
  const unsigned SF = LAYOUT_MW / LAYOUT_SIMD;
  hls::stream<scanflow::packed_t<LAYOUT_SIMD, TI> > in_p("in_p"), in_t("in_t");
  for (unsigned i = 0; i < LAYOUT_REPS * SF; ++i) {
    scanflow::packed_t<LAYOUT_SIMD, TI> w = 0;
    for (unsigned l = 0; l < LAYOUT_INPUT_LIMBS; ++l) {
      const int lo = int(64 * l);
      const int hi = lo + 63 < w.length() - 1 ? lo + 63 : w.length() - 1;
      w.range(hi, lo) = ap_uint<64>(layout_input[i][l]);
    }
    in_p.write(w);
    in_t.write(w);
  }
  hls::stream<scanflow::packed_t<LAYOUT_PE, TACC> > out_p("out_p");
  hls::stream<scanflow::packed_t<LAYOUT_PE, TO> > out_t("out_t");
  scanflow::mvau<LAYOUT_MW, LAYOUT_MH, LAYOUT_SIMD, LAYOUT_PE, TI, TW, TACC>(in_p, out_p, layout_weights, LAYOUT_REPS);
  scanflow::mvau_thresholds<LAYOUT_MW, LAYOUT_MH, LAYOUT_SIMD, LAYOUT_PE, LAYOUT_NT, LAYOUT_OUT_BIAS, TI, TW, TACC, TACC,
                            TO>(in_t, out_t, layout_weights, layout_thresholds, LAYOUT_REPS);
  while (!out_p.empty()) std::cout << "P " << out_p.read() << "\n";
  while (!out_t.empty()) std::cout << "T " << out_t.read() << "\n";
  return 0;
}
