// A small generated-style top using every kernel, the partition macros and the interface pragmas.
// Built normally it is an ordinary C-simulation (pragmas vanish); preprocessed with -D__SYNTHESIS__
// it shows the #pragma HLS lines Vitis will see.
#include <scanflow/scanflow.hpp>

#include <iostream>

typedef ap_int<4> T4;
typedef ap_int<12> TAcc;

void example_top(hls::stream<scanflow::axis_beat<8> >& in_V, hls::stream<scanflow::axis_beat<8> >& out_V,
                 unsigned vectors) {
  SCANFLOW_PRAGMA(HLS INTERFACE axis port=in_V)
  SCANFLOW_PRAGMA(HLS INTERFACE axis port=out_V)
  SCANFLOW_PRAGMA(HLS INTERFACE s_axilite port=vectors bundle=control)
  SCANFLOW_PRAGMA(HLS INTERFACE s_axilite port=return bundle=control)
  SCANFLOW_PRAGMA(HLS DATAFLOW)
  // W = [[1, 2, 3, 4], [-1, -2, -3, -4]]: PE = 2, SIMD = 2, TILES = 2
  static const T4 w[2][2][2] = {{{1, 2}, {3, 4}}, {{-1, -2}, {-3, -4}}};
  SCANFLOW_MVAU_WEIGHTS_PARTITION(w)
  static const TAcc th[2][1][3] = {{{-5, 0, 5}}, {{-5, 0, 5}}};
  SCANFLOW_MVAU_THRESHOLDS_PARTITION(th)
  static const ap_int<3> shared[3] = {-1, 0, 1};
  SCANFLOW_SHARED_THRESHOLDS_PARTITION(shared)
  static const ap_int<3> bias[2][1] = {{1}, {-1}};
  SCANFLOW_ELEMENTWISE_PARAM_PARTITION(bias)
  T4 state[4];
  SCANFLOW_STATE_PARTITION(state, 2)

  hls::stream<ap_uint<8> > x("x");
  hls::stream<ap_uint<8> > x_a("x_a"), x_b("x_b");
  hls::stream<ap_uint<6> > y("y"), u("u");
  hls::stream<ap_uint<4> > z("z");
  hls::stream<ap_uint<8> > v("v");
  hls::stream<ap_uint<3> > y1("y1"), z1("z1");
  hls::stream<ap_uint<6> > y2[1];
  SCANFLOW_PRAGMA(HLS STREAM variable=y depth=4)
  scanflow::axis_to_stream<8, 8>(in_V, x, 2 * vectors);
  scanflow::duplicate_streams(x, x_a, x_b, 2 * vectors);
  scanflow::mvau_thresholds<4, 2, 2, 2, 3, -1, T4, T4, TAcc, TAcc, ap_int<3> >(x_a, y, w, th, vectors);
  scanflow::stream_forward(x_b, v, 2 * vectors, false);
  scanflow::thresholding_shared<2, 2, 3, 0, ap_int<3>, ap_int<3>, ap_uint<2> >(y, z, shared, vectors);
  scanflow::elementwise_add_param<2, 2, ap_uint<2>, ap_int<3>, ap_int<3> >(z, u, bias, vectors);
  scanflow::repack_elements<ap_int<3>, 2, 1>(u, y1, 2 * vectors);
  scanflow::stream_width_convert<3, 3>(y1, z1, 2 * vectors);
  scanflow::state_fill<4, 2>(state, T4(0));
  hls::stream<ap_uint<8> > out8("out8");
  hls::stream<ap_uint<6> > z2("z2");
  scanflow::repack_elements<ap_int<3>, 1, 2>(z1, z2, 2 * vectors);
  scanflow::duplicate_streams_n<1>(z2, y2, vectors);
  for (unsigned i = 0; i < vectors; ++i) out8.write(ap_uint<8>(y2[0].read()));
  scanflow::stream_to_axis<8, 8>(out8, out_V, vectors);
}

int main() {
  hls::stream<scanflow::axis_beat<8> > in_V("in_V"), out_V("out_V");
  // x = [1, 1, 1, 1]: acc = [10, -10] -> thresholds {-5, 0, 5}: counts 3, 0 -> bias -1: [2, -1]
  // shared {-1, 0, 1} on [2, -1]: counts [3, 1] -> + bias [1, -1]: [4 -> wraps to -4 in ap_int<3>, 0]
  for (int i = 0; i < 2; ++i) {
    scanflow::axis_beat<8> beat;
    beat.data = 0x11;
    beat.keep = 1;
    beat.strb = 1;
    beat.last = i == 1;
    in_V.write(beat);
  }
  example_top(in_V, out_V, 1);
  const scanflow::axis_beat<8> out = out_V.read();
  std::cout << "lanes " << ap_int<3>(out.data.range(2, 0)) << " " << ap_int<3>(out.data.range(5, 3)) << " last "
            << out.last << "\n";
  return 0;
}
