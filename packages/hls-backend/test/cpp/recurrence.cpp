// Recurrence helpers, and a small integer LSTM built from the kernels exactly as the pattern in
// recurrence.hpp describes (hoisted input projection over all steps, a per-step dataflow with the
// state in on-chip arrays, copy back, AXI-Stream in / out), checked against a plain-integer LSTM
// step loop written here.
#include <scanflow/scanflow.hpp>

#include <algorithm>
#include <vector>

#include "harness.hpp"
#include "ref.hpp"

using ref::i128;

namespace {

// ---------------------------------------------------------------- state helpers

template <unsigned C, unsigned PE_OUT, unsigned PE_IN, typename TS>
void state_roundtrip(unsigned long long seed) {
  th::Rng rng(seed);
  TS a[C], b[C];
  std::vector<i128> v(C);
  for (unsigned c = 0; c < C; ++c) {
    v[c] = ref::random_of<TS>(rng);
    a[c] = ref::from_i128<TS>(v[c]);
  }
  scanflow::csim::reset_trips();
  hls::stream<scanflow::packed_t<PE_OUT, TS> > s("s");
  scanflow::state_to_stream<C, PE_OUT>(a, s);
  th::check_eq(static_cast<long long>(s.size()), C / PE_OUT, "state_to_stream words");
  // lanes follow the fold convention: word f, lane p = channel f * PE + p
  hls::stream<scanflow::packed_t<PE_OUT, TS> > s2("s2");
  for (unsigned f = 0; f < C / PE_OUT && !s.empty(); ++f) {
    const scanflow::packed_t<PE_OUT, TS> w = s.read();
    for (unsigned p = 0; p < PE_OUT; ++p)
      th::check(ref::get_lane<TS>(w, p) == v[f * PE_OUT + p], "word %u lane %u", f, p);
    s2.write(w);
  }
  hls::stream<scanflow::packed_t<PE_IN, TS> > s3("s3");
  scanflow::repack_elements<TS, PE_OUT, PE_IN>(s2, s3, C);
  scanflow::state_fill<C, PE_IN>(b, TS(0));
  for (unsigned c = 0; c < C; ++c) th::check(b[c] == 0, "state_fill");
  scanflow::stream_to_state<C, PE_IN>(s3, b);
  th::check(s3.empty(), "stream_to_state consumes one vector");
  for (unsigned c = 0; c < C; ++c) th::check(ref::to_i128(b[c]) == v[c], "roundtrip channel %u", c);
  TS d[C];
  scanflow::state_copy<C, PE_IN>(b, d);
  for (unsigned c = 0; c < C; ++c) th::check(ref::to_i128(d[c]) == v[c], "state_copy channel %u", c);
  th::check_eq(static_cast<long long>(scanflow::csim::trips("state")), C / PE_OUT + 3 * (C / PE_IN),
               "helper iterations = C / PE each");
}

void case_stream_forward() {
  hls::stream<ap_uint<9> > in("in"), out("out");
  for (unsigned i = 0; i < 10; ++i) in.write(i * 3);
  scanflow::csim::reset_trips();
  scanflow::stream_forward(in, out, 4, true);
  scanflow::stream_forward(in, out, 4, false);
  scanflow::stream_forward(in, out, 2, true);
  th::check_eq(static_cast<long long>(scanflow::csim::trips("stream_forward")), 10, "iterations = words");
  th::check(in.empty() && out.size() == 6, "kept 4 + 2 words, dropped 4, consumed all");
  const unsigned want[6] = {0, 3, 6, 9, 24, 27};
  for (unsigned i = 0; i < 6 && !out.empty(); ++i) th::check(out.read().to_uint64() == want[i], "word %u", i);
}

// ---------------------------------------------------------------- integer LSTM

const unsigned I = 6;       // input features
const unsigned H = 6;       // hidden size
const unsigned SIMD_X = 3;  // input projection MVAU
const unsigned SIMD_H = 3;  // recurrent MVAU (= PE of the h state stream)
const unsigned PE_G = 3;    // gate MVAUs, gate adds and gate thresholds
const unsigned PE_E = 2;    // element-wise part of the cell and the state streams

typedef ap_int<4> TX;     // x
typedef ap_int<4> TW;     // weights
typedef ap_int<16> TACC;  // MVAU accumulators
typedef ap_int<17> TZ;    // W x + U h
typedef ap_uint<4> TS;    // sigmoid-like gates i, f, o: 0..15
typedef ap_int<4> TG;     // tanh-like values g, tanh(c): -7..7
typedef ap_int<4> TH;     // h: -8..7
typedef ap_int<6> TC;     // c: -32..31
typedef ap_int<11> TFC;   // f * c
typedef ap_int<9> TIG;    // i * g, o * tanh(c)
typedef ap_int<12> TCS;   // f * c + i * g

const unsigned NF_G = H / PE_G;
const unsigned NF_E = H / PE_E;

// parameter memories, layouts as documented in mvau.hpp / thresholding.hpp
TW wx_mem[4][PE_G][NF_G * (I / SIMD_X)][SIMD_X];
TW wh_mem[4][PE_G][NF_G * (H / SIMD_H)][SIMD_H];
TZ gate_th_mem[3][PE_G][NF_G][15];  // i, f, o
TZ g_th_mem[PE_G][NF_G][14];        // g
TCS c_th_mem[63];                   // shared: requantise c
TC tanh_th_mem[14];                 // shared: tanh(c)
TIG h_th_mem[PE_E][NF_E][15];       // per channel: requantise h

typedef scanflow::packed_t<PE_G, TACC> XpWord;
typedef scanflow::packed_t<PE_E, TH> HWord;

void lstm_step(hls::stream<XpWord> xp[4], const TH h_in[H], const TC c_in[H], TH h_out[H], TC c_out[H],
               hls::stream<HWord>& y, bool emit) {
  SCANFLOW_PRAGMA(HLS DATAFLOW)
  hls::stream<scanflow::packed_t<SIMD_H, TH> > hs("hs"), hs4[4];
  scanflow::state_to_stream<H, SIMD_H>(h_in, hs);
  scanflow::duplicate_streams_n<4>(hs, hs4, H / SIMD_H);
  hls::stream<scanflow::packed_t<PE_G, TACC> > hp[4];
  hls::stream<scanflow::packed_t<PE_G, TZ> > z[4];
  // one call per process (canonical DATAFLOW form: no loops around the calls)
  scanflow::mvau<H, H, SIMD_H, PE_G, TH, TW, TACC>(hs4[0], hp[0], wh_mem[0], 1);
  scanflow::mvau<H, H, SIMD_H, PE_G, TH, TW, TACC>(hs4[1], hp[1], wh_mem[1], 1);
  scanflow::mvau<H, H, SIMD_H, PE_G, TH, TW, TACC>(hs4[2], hp[2], wh_mem[2], 1);
  scanflow::mvau<H, H, SIMD_H, PE_G, TH, TW, TACC>(hs4[3], hp[3], wh_mem[3], 1);
  scanflow::elementwise_add<H, PE_G, TACC, TACC, TZ>(xp[0], hp[0], z[0], 1);
  scanflow::elementwise_add<H, PE_G, TACC, TACC, TZ>(xp[1], hp[1], z[1], 1);
  scanflow::elementwise_add<H, PE_G, TACC, TACC, TZ>(xp[2], hp[2], z[2], 1);
  scanflow::elementwise_add<H, PE_G, TACC, TACC, TZ>(xp[3], hp[3], z[3], 1);
  hls::stream<scanflow::packed_t<PE_G, TS> > i3("i3"), f3("f3"), o3("o3");
  hls::stream<scanflow::packed_t<PE_G, TG> > g3("g3");
  scanflow::thresholding<H, PE_G, 15, 0, TZ, TZ, TS>(z[0], i3, gate_th_mem[0], 1);
  scanflow::thresholding<H, PE_G, 15, 0, TZ, TZ, TS>(z[1], f3, gate_th_mem[1], 1);
  scanflow::thresholding<H, PE_G, 14, -7, TZ, TZ, TG>(z[2], g3, g_th_mem, 1);
  scanflow::thresholding<H, PE_G, 15, 0, TZ, TZ, TS>(z[3], o3, gate_th_mem[2], 1);
  hls::stream<scanflow::packed_t<PE_E, TS> > i2("i2"), f2("f2"), o2("o2");
  hls::stream<scanflow::packed_t<PE_E, TG> > g2("g2");
  scanflow::repack_elements<TS, PE_G, PE_E>(i3, i2, H);
  scanflow::repack_elements<TS, PE_G, PE_E>(f3, f2, H);
  scanflow::repack_elements<TG, PE_G, PE_E>(g3, g2, H);
  scanflow::repack_elements<TS, PE_G, PE_E>(o3, o2, H);

  hls::stream<scanflow::packed_t<PE_E, TC> > cs("cs"), c_new("c_new"), c_a("c_a"), c_b("c_b");
  hls::stream<scanflow::packed_t<PE_E, TFC> > fc("fc");
  hls::stream<scanflow::packed_t<PE_E, TIG> > ig("ig"), oh("oh");
  hls::stream<scanflow::packed_t<PE_E, TCS> > csum("csum");
  hls::stream<scanflow::packed_t<PE_E, TG> > tc("tc");
  hls::stream<HWord> h_new("h_new"), h_a("h_a"), h_b("h_b");
  scanflow::state_to_stream<H, PE_E>(c_in, cs);
  scanflow::elementwise_mul<H, PE_E, TS, TC, TFC>(f2, cs, fc, 1);
  scanflow::elementwise_mul<H, PE_E, TS, TG, TIG>(i2, g2, ig, 1);
  scanflow::elementwise_add<H, PE_E, TFC, TIG, TCS>(fc, ig, csum, 1);
  scanflow::thresholding_shared<H, PE_E, 63, -32, TCS, TCS, TC>(csum, c_new, c_th_mem, 1);
  scanflow::duplicate_streams(c_new, c_a, c_b, NF_E);
  scanflow::stream_to_state<H, PE_E>(c_a, c_out);
  scanflow::thresholding_shared<H, PE_E, 14, -7, TC, TC, TG>(c_b, tc, tanh_th_mem, 1);
  scanflow::elementwise_mul<H, PE_E, TS, TG, TIG>(o2, tc, oh, 1);
  scanflow::thresholding<H, PE_E, 15, -8, TIG, TIG, TH>(oh, h_new, h_th_mem, 1);
  scanflow::duplicate_streams(h_new, h_a, h_b, NF_E);
  scanflow::stream_to_state<H, PE_E>(h_a, h_out);
  scanflow::stream_forward(h_b, y, NF_E, emit);
}

void lstm_loop(hls::stream<XpWord> xp[4], hls::stream<HWord>& h0, hls::stream<scanflow::packed_t<PE_E, TC> >& c0,
               hls::stream<HWord>& y, unsigned steps, bool every_step) {
  TH h[H], h_next[H];
  TC c[H], c_next[H];
  SCANFLOW_STATE_PARTITION(h, 6)
  SCANFLOW_STATE_PARTITION(h_next, 6)
  SCANFLOW_STATE_PARTITION(c, 2)
  SCANFLOW_STATE_PARTITION(c_next, 2)
  scanflow::stream_to_state<H, PE_E>(h0, h);
  scanflow::stream_to_state<H, PE_E>(c0, c);
  for (unsigned t = 0; t < steps; ++t) {
    lstm_step(xp, h, c, h_next, c_next, y, every_step || t == steps - 1);
    scanflow::state_copy<H, PE_E>(h_next, h);
    scanflow::state_copy<H, PE_E>(c_next, c);
  }
}

void lstm_top(hls::stream<scanflow::axis_beat<16> >& x_axi, hls::stream<HWord>& h0,
              hls::stream<scanflow::packed_t<PE_E, TC> >& c0, hls::stream<scanflow::axis_beat<24> >& y_axi,
              unsigned steps, bool every_step) {
  SCANFLOW_PRAGMA(HLS INTERFACE axis port=x_axi)
  SCANFLOW_PRAGMA(HLS INTERFACE axis port=y_axi)
  SCANFLOW_PRAGMA(HLS INTERFACE s_axilite port=steps bundle=control)
  SCANFLOW_PRAGMA(HLS INTERFACE s_axilite port=return bundle=control)
  SCANFLOW_PRAGMA(HLS DATAFLOW)
  const unsigned x_words = steps * (I / SIMD_X);
  hls::stream<scanflow::packed_t<SIMD_X, TX> > x("x"), x4[4];
  scanflow::axis_to_stream<16, SIMD_X * TX::width>(x_axi, x, x_words);
  scanflow::duplicate_streams_n<4>(x, x4, x_words);
  hls::stream<XpWord> xp[4];
  scanflow::mvau<I, H, SIMD_X, PE_G, TX, TW, TACC>(x4[0], xp[0], wx_mem[0], steps);  // reps = all steps
  scanflow::mvau<I, H, SIMD_X, PE_G, TX, TW, TACC>(x4[1], xp[1], wx_mem[1], steps);
  scanflow::mvau<I, H, SIMD_X, PE_G, TX, TW, TACC>(x4[2], xp[2], wx_mem[2], steps);
  scanflow::mvau<I, H, SIMD_X, PE_G, TX, TW, TACC>(x4[3], xp[3], wx_mem[3], steps);
  hls::stream<HWord> y("y");
  lstm_loop(xp, h0, c0, y, steps, every_step);
  const unsigned vectors = every_step ? steps : 1;
  hls::stream<ap_uint<H * TH::width> > yv("yv");
  scanflow::stream_width_convert<PE_E * TH::width, H * TH::width>(y, yv, vectors * NF_E);
  scanflow::stream_to_axis<24, H * TH::width>(yv, y_axi, vectors);
}

// plain-integer model -------------------------------------------------------------------------

struct Model {
  std::vector<std::vector<std::vector<i128> > > Wx, Wh;  // [gate][row][col]
  std::vector<std::vector<std::vector<i128> > > Tg;      // [gate i,f,g,o][row][k]
  std::vector<i128> Tc, Ttanh;
  std::vector<std::vector<i128> > Th;
};

long long count_ge(i128 v, const std::vector<i128>& t) {
  long long n = 0;
  for (size_t k = 0; k < t.size(); ++k) n += v >= t[k] ? 1 : 0;
  return n;
}

std::vector<i128> sorted_random(th::Rng& rng, unsigned n, long long lo, long long hi) {
  std::vector<i128> t(n);
  for (unsigned k = 0; k < n; ++k) t[k] = rng.range(lo, hi);
  std::sort(t.begin(), t.end());
  return t;
}

void case_lstm(unsigned steps, bool every_step, unsigned long long seed) {
  th::Rng rng(seed);
  Model m;
  m.Wx.assign(4, std::vector<std::vector<i128> >(H, std::vector<i128>(I)));
  m.Wh.assign(4, std::vector<std::vector<i128> >(H, std::vector<i128>(H)));
  m.Tg.assign(4, std::vector<std::vector<i128> >(H));
  for (unsigned g = 0; g < 4; ++g)
    for (unsigned r = 0; r < H; ++r) {
      for (unsigned c = 0; c < I; ++c) m.Wx[g][r][c] = ref::random_of<TW>(rng);
      for (unsigned c = 0; c < H; ++c) m.Wh[g][r][c] = ref::random_of<TW>(rng);
      m.Tg[g][r] = sorted_random(rng, g == 2 ? 14 : 15, -90, 90);
    }
  m.Tc = sorted_random(rng, 63, -300, 300);
  m.Ttanh = sorted_random(rng, 14, -32, 31);
  m.Th.assign(H, std::vector<i128>());
  for (unsigned r = 0; r < H; ++r) m.Th[r] = sorted_random(rng, 15, -80, 80);

  // memories
  const unsigned SFX = I / SIMD_X, SFH = H / SIMD_H;
  const int gate_slot[4] = {0, 1, -1, 2};  // i, f, (g separate), o
  for (unsigned g = 0; g < 4; ++g)
    for (unsigned r = 0; r < H; ++r) {
      for (unsigned c = 0; c < I; ++c)
        wx_mem[g][r % PE_G][(r / PE_G) * SFX + c / SIMD_X][c % SIMD_X] = ref::from_i128<TW>(m.Wx[g][r][c]);
      for (unsigned c = 0; c < H; ++c)
        wh_mem[g][r % PE_G][(r / PE_G) * SFH + c / SIMD_H][c % SIMD_H] = ref::from_i128<TW>(m.Wh[g][r][c]);
      for (unsigned k = 0; k < m.Tg[g][r].size(); ++k) {
        if (g == 2) {
          g_th_mem[r % PE_G][r / PE_G][k] = ref::from_i128<TZ>(m.Tg[g][r][k]);
        } else {
          gate_th_mem[gate_slot[g]][r % PE_G][r / PE_G][k] = ref::from_i128<TZ>(m.Tg[g][r][k]);
        }
      }
    }
  for (unsigned k = 0; k < 63; ++k) c_th_mem[k] = ref::from_i128<TCS>(m.Tc[k]);
  for (unsigned k = 0; k < 14; ++k) tanh_th_mem[k] = ref::from_i128<TC>(m.Ttanh[k]);
  for (unsigned r = 0; r < H; ++r)
    for (unsigned k = 0; k < 15; ++k) h_th_mem[r % PE_E][r / PE_E][k] = ref::from_i128<TIG>(m.Th[r][k]);

  // inputs
  std::vector<std::vector<i128> > X(steps, std::vector<i128>(I));
  for (unsigned t = 0; t < steps; ++t)
    for (unsigned c = 0; c < I; ++c) X[t][c] = ref::random_of<TX>(rng);
  std::vector<i128> h(H), c(H);
  for (unsigned r = 0; r < H; ++r) {
    h[r] = ref::random_of<TH>(rng);
    c[r] = ref::random_of<TC>(rng);
  }

  hls::stream<scanflow::axis_beat<16> > x_axi("x_axi");
  for (unsigned t = 0; t < steps; ++t)
    for (unsigned sf = 0; sf < I / SIMD_X; ++sf) {
      scanflow::axis_beat<16> beat;
      beat.data = 0;
      for (unsigned s = 0; s < SIMD_X; ++s) {
        ap_uint<16> d = beat.data;
        ref::put_lane<TX>(d, s, X[t][sf * SIMD_X + s]);
        beat.data = d;
      }
      beat.keep = -1;
      beat.strb = -1;
      beat.last = t == steps - 1 && sf == I / SIMD_X - 1;
      x_axi.write(beat);
    }
  hls::stream<HWord> h0("h0");
  hls::stream<scanflow::packed_t<PE_E, TC> > c0("c0");
  for (unsigned f = 0; f < NF_E; ++f) {
    HWord hw = 0;
    scanflow::packed_t<PE_E, TC> cw = 0;
    for (unsigned p = 0; p < PE_E; ++p) {
      ref::put_lane<TH>(hw, p, h[f * PE_E + p]);
      ref::put_lane<TC>(cw, p, c[f * PE_E + p]);
    }
    h0.write(hw);
    c0.write(cw);
  }

  // reference LSTM (plain integers)
  std::vector<std::vector<i128> > expected;
  std::vector<int> h_levels(16, 0);
  for (unsigned t = 0; t < steps; ++t) {
    std::vector<i128> hn(H), cn(H);
    for (unsigned r = 0; r < H; ++r) {
      i128 gate[4];
      for (unsigned g = 0; g < 4; ++g) {
        i128 zx = 0, zh = 0;
        for (unsigned k = 0; k < I; ++k) zx += m.Wx[g][r][k] * X[t][k];
        for (unsigned k = 0; k < H; ++k) zh += m.Wh[g][r][k] * h[k];
        gate[g] = count_ge(zx + zh, m.Tg[g][r]) + (g == 2 ? -7 : 0);
      }
      const i128 cs = gate[1] * c[r] + gate[0] * gate[2];
      cn[r] = count_ge(cs, m.Tc) - 32;
      const i128 tanh_c = count_ge(cn[r], m.Ttanh) - 7;
      hn[r] = count_ge(gate[3] * tanh_c, m.Th[r]) - 8;
      h_levels[static_cast<int>(hn[r]) + 8] = 1;
    }
    h = hn;
    c = cn;
    if (every_step || t == steps - 1) expected.push_back(h);
  }
  int distinct = 0;
  for (int k = 0; k < 16; ++k) distinct += h_levels[k];
  th::check(steps == 0 || distinct >= 3, "test data exercises several h levels (%d)", distinct);

  // run
  hls::stream<scanflow::axis_beat<24> > y_axi("y_axi");
  scanflow::csim::reset_trips();
  lstm_top(x_axi, h0, c0, y_axi, steps, every_step);

  th::check(x_axi.empty() && h0.empty() && c0.empty(), "all inputs consumed");
  th::check_eq(static_cast<long long>(y_axi.size()), static_cast<long long>(expected.size()), "output beats");
  for (unsigned v = 0; v < expected.size() && !y_axi.empty(); ++v) {
    const scanflow::axis_beat<24> beat = y_axi.read();
    th::check(beat.last.to_uint64() == (v + 1 == expected.size() ? 1u : 0u), "TLAST on beat %u", v);
    const ap_uint<24> d = beat.data;
    for (unsigned r = 0; r < H; ++r) {
      const i128 got = ref::get_lane<TH>(d, r);
      th::check(got == expected[v][r], "output %u h[%u]: got %s want %s", v, r, ref::str128(got).c_str(),
                ref::str128(expected[v][r]).c_str());
    }
  }
  // cycle model: MVAU iterations = T * 4 * ((H/PE_G)(I/SIMD_X) + (H/PE_G)(H/SIMD_H))
  th::check_eq(static_cast<long long>(scanflow::csim::trips("mvau")),
               static_cast<long long>(steps) * 4 * (NF_G * (I / SIMD_X) + NF_G * (H / SIMD_H)), "mvau iterations");
  th::check_eq(static_cast<long long>(scanflow::csim::trips("thresholding")),
               static_cast<long long>(steps) * (4 * NF_G + 3 * NF_E), "thresholding iterations");
  th::check_eq(static_cast<long long>(scanflow::csim::trips("elementwise")),
               static_cast<long long>(steps) * (4 * NF_G + 4 * NF_E), "elementwise iterations");
}

}  // namespace

int main(int argc, char** argv) {
  th::Cases cases;
  cases["state_roundtrip_c6_pe3_pe2"] = [] { state_roundtrip<6, 3, 2, ap_int<4> >(1); };
  cases["state_roundtrip_c12_pe1_pe12"] = [] { state_roundtrip<12, 1, 12, ap_uint<7> >(2); };
  cases["state_roundtrip_c8_pe4_pe4_wide"] = [] { state_roundtrip<8, 4, 4, ap_int<40> >(3); };
  cases["stream_forward"] = case_stream_forward;
  cases["lstm_last_step_t5"] = [] { case_lstm(5, false, 101); };
  cases["lstm_every_step_t7"] = [] { case_lstm(7, true, 102); };
  cases["lstm_single_step"] = [] { case_lstm(1, true, 103); };
  cases["lstm_long_t40"] = [] { case_lstm(40, true, 104); };
  return th::run_cases(argc, argv, cases);
}
