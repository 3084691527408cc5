// Stream plumbing: duplicate_streams, stream_width_convert / repack_elements, AXI-Stream helpers.
// References are plain bit vectors and word lists built here.
#include <scanflow/axis.hpp>
#include <scanflow/duplicate_streams.hpp>
#include <scanflow/stream_width.hpp>

#include <stdexcept>
#include <vector>

#include "harness.hpp"
#include "ref.hpp"

namespace {

// ---------------------------------------------------------------- duplicate_streams

void case_duplicate_2() {
  th::Rng rng(21);
  const unsigned words = 37;
  hls::stream<ap_uint<20> > in, o0, o1;
  std::vector<unsigned long long> sent;
  for (unsigned i = 0; i < words; ++i) {
    sent.push_back(rng.next() & 0xFFFFF);
    in.write(ap_uint<20>(sent.back()));
  }
  scanflow::csim::reset_trips();
  scanflow::duplicate_streams(in, o0, o1, words);
  th::check_eq(static_cast<long long>(scanflow::csim::trips("duplicate_streams")), words, "iterations = words");
  th::check(in.empty() && o0.size() == words && o1.size() == words, "sizes");
  for (unsigned i = 0; i < words && !o0.empty() && !o1.empty(); ++i) {
    th::check(o0.read().to_uint64() == sent[i], "out0 word %u", i);
    th::check(o1.read().to_uint64() == sent[i], "out1 word %u", i);
  }
}

template <unsigned N>
void duplicate_n() {
  th::Rng rng(22 + N);
  const unsigned words = 23;
  hls::stream<ap_uint<72> > in;
  hls::stream<ap_uint<72> > outs[N];
  std::vector<ref::i128> sent;
  for (unsigned i = 0; i < words; ++i) {
    sent.push_back(ref::random_of<ap_uint<72> >(rng));
    in.write(ref::from_i128<ap_uint<72> >(sent.back()));
  }
  scanflow::csim::reset_trips();
  scanflow::duplicate_streams_n<N>(in, outs, words);
  th::check_eq(static_cast<long long>(scanflow::csim::trips("duplicate_streams")), words, "iterations = words");
  th::check(in.empty(), "input consumed");
  for (unsigned k = 0; k < N; ++k) {
    th::check_eq(static_cast<long long>(outs[k].size()), words, "output size");
    for (unsigned i = 0; i < words && !outs[k].empty(); ++i)
      th::check(ref::to_i128(outs[k].read()) == sent[i], "out %u word %u", k, i);
  }
}

// ---------------------------------------------------------------- stream width conversion

template <int IN_W, int OUT_W>
void width_case(unsigned in_words, unsigned long long seed) {
  th::Rng rng(seed);
  std::vector<int> bits;  // the bit string, bit 0 first
  hls::stream<ap_uint<IN_W> > in("in");
  hls::stream<ap_uint<OUT_W> > out("out");
  for (unsigned i = 0; i < in_words; ++i) {
    ap_uint<IN_W> w = 0;
    for (int b = 0; b < IN_W; ++b) {
      const int bit = static_cast<int>(rng.next() & 1);
      bits.push_back(bit);
      w[b] = bit != 0;
    }
    in.write(w);
  }
  scanflow::csim::reset_trips();
  scanflow::stream_width_convert<IN_W, OUT_W>(in, out, in_words);
  const unsigned out_words = static_cast<unsigned>(bits.size() / OUT_W);
  const long long steps = in_words > out_words ? in_words : out_words;
  th::check_eq(static_cast<long long>(scanflow::csim::trips("stream_width_convert")), steps,
               "iterations = max(in words, out words)");
  th::check(scanflow::stream_width_cycles(IN_W, OUT_W, in_words) == static_cast<unsigned long long>(steps),
            "stream_width_cycles");
  th::check(in.empty(), "input consumed");
  th::check_eq(static_cast<long long>(out.size()), out_words, "output words");
  for (unsigned i = 0; i < out_words && !out.empty(); ++i) {
    const ap_uint<OUT_W> w = out.read();
    bool same = true;
    for (int b = 0; b < OUT_W; ++b) same = same && (w[b] ? 1 : 0) == bits[i * OUT_W + b];
    th::check(same, "output word %u (IN_W=%d OUT_W=%d)", i, IN_W, OUT_W);
  }
}

void case_width_remainder_rejected() {
  hls::stream<ap_uint<8> > in;
  hls::stream<ap_uint<12> > out;
  in.write(1);
  bool threw = false;
  try {
    scanflow::stream_width_convert<8, 12>(in, out, 1);
  } catch (const std::logic_error&) {
    threw = true;
  }
  th::check(threw, "8 bits cannot be cut into 12-bit words: C-simulation check throws");
}

void case_repack_elements() {
  // 12 channels of ap_int<5>: 3 per word -> 4 per word -> 2 per word -> 12 per word
  th::Rng rng(31);
  const unsigned reps = 3, C = 12;
  std::vector<ref::i128> x;
  hls::stream<scanflow::packed_t<3, ap_int<5> > > a("a");
  for (unsigned i = 0; i < reps * C / 3; ++i) {
    scanflow::packed_t<3, ap_int<5> > w = 0;
    for (unsigned p = 0; p < 3; ++p) {
      x.push_back(ref::random_of<ap_int<5> >(rng));
      ref::put_lane<ap_int<5> >(w, p, x.back());
    }
    a.write(w);
  }
  hls::stream<scanflow::packed_t<4, ap_int<5> > > b("b");
  hls::stream<scanflow::packed_t<2, ap_int<5> > > c("c");
  hls::stream<scanflow::packed_t<12, ap_int<5> > > d("d");
  scanflow::repack_elements<ap_int<5>, 3, 4>(a, b, reps * C);
  scanflow::repack_elements<ap_int<5>, 4, 2>(b, c, reps * C);
  scanflow::repack_elements<ap_int<5>, 2, 12>(c, d, reps * C);
  th::check(a.empty() && b.empty() && c.empty() && d.size() == reps, "word counts");
  for (unsigned v = 0; v < reps && !d.empty(); ++v) {
    const scanflow::packed_t<12, ap_int<5> > w = d.read();
    for (unsigned p = 0; p < C; ++p)
      th::check(ref::get_lane<ap_int<5> >(w, p) == x[v * C + p], "vector %u channel %u", v, p);
  }
}

// ---------------------------------------------------------------- AXI-Stream

void case_axis_roundtrip() {
  th::Rng rng(41);
  static_assert(scanflow::axis_padded_width(1) == 8 && scanflow::axis_padded_width(8) == 8 &&
                    scanflow::axis_padded_width(12) == 16 && scanflow::axis_padded_width(24) == 24 &&
                    scanflow::axis_padded_width(65) == 72,
                "axis_padded_width");
  const unsigned words = 19;
  hls::stream<scanflow::axis_beat<16> > axi_in("axi_in");
  std::vector<unsigned long long> data;
  for (unsigned i = 0; i < words; ++i) {
    scanflow::axis_beat<16> beat;
    beat.data = rng.next() & 0xFFFF;  // upper padding bits set on purpose: must be ignored
    data.push_back(beat.data.to_uint64() & 0xFFF);
    beat.keep = -1;
    beat.strb = -1;
    beat.last = i == words - 1;
    axi_in.write(beat);
  }
  hls::stream<ap_uint<12> > words_s("words");
  scanflow::csim::reset_trips();
  scanflow::axis_to_stream<16, 12>(axi_in, words_s, words);
  th::check_eq(static_cast<long long>(scanflow::csim::trips("axis_to_stream")), words, "axis_to_stream iterations");
  th::check(axi_in.empty() && words_s.size() == words, "axis_to_stream sizes");
  hls::stream<ap_uint<12> > copy("copy");
  for (unsigned i = 0; i < words && !words_s.empty(); ++i) {
    const ap_uint<12> w = words_s.read();
    th::check(w.to_uint64() == data[i], "word %u keeps the low 12 bits", i);
    copy.write(w);
  }
  hls::stream<scanflow::axis_beat<16> > axi_out("axi_out");
  scanflow::stream_to_axis<16, 12>(copy, axi_out, words);
  th::check_eq(static_cast<long long>(scanflow::csim::trips("stream_to_axis")), words, "stream_to_axis iterations");
  th::check(copy.empty() && axi_out.size() == words, "stream_to_axis sizes");
  for (unsigned i = 0; i < words && !axi_out.empty(); ++i) {
    const scanflow::axis_beat<16> beat = axi_out.read();
    th::check(beat.data.to_uint64() == data[i], "beat %u data zero-padded", i);
    th::check(beat.keep.to_uint64() == 3 && beat.strb.to_uint64() == 3, "beat %u keep / strb all ones", i);
    th::check(beat.last.to_uint64() == (i == words - 1 ? 1u : 0u), "beat %u TLAST only on the last beat", i);
  }
}

void case_axis_wide() {
  th::Rng rng(42);
  const unsigned words = 7;
  hls::stream<ap_uint<100> > in("in");
  std::vector<ref::i128> data;
  for (unsigned i = 0; i < words; ++i) {
    data.push_back(ref::random_of<ap_uint<100> >(rng));
    in.write(ref::from_i128<ap_uint<100> >(data.back()));
  }
  hls::stream<scanflow::axis_beat<104> > axi("axi");
  scanflow::stream_to_axis<104, 100>(in, axi, words);
  hls::stream<ap_uint<100> > back("back");
  scanflow::axis_to_stream<104, 100>(axi, back, words);
  th::check(in.empty() && axi.empty() && back.size() == words, "sizes");
  for (unsigned i = 0; i < words && !back.empty(); ++i) th::check(ref::to_i128(back.read()) == data[i], "word %u", i);
}

}  // namespace

int main(int argc, char** argv) {
  th::Cases cases;
  cases["duplicate_2"] = case_duplicate_2;
  cases["duplicate_n1"] = [] { duplicate_n<1>(); };
  cases["duplicate_n3"] = [] { duplicate_n<3>(); };
  cases["duplicate_n4"] = [] { duplicate_n<4>(); };
  cases["width_8_to_32"] = [] { width_case<8, 32>(12, 1); };
  cases["width_32_to_8"] = [] { width_case<32, 8>(5, 2); };
  cases["width_24_to_16"] = [] { width_case<24, 16>(8, 3); };
  cases["width_16_to_24"] = [] { width_case<16, 24>(9, 4); };
  cases["width_12_to_12"] = [] { width_case<12, 12>(10, 5); };
  cases["width_6_to_36"] = [] { width_case<6, 36>(18, 6); };
  cases["width_40_to_24"] = [] { width_case<40, 24>(6, 7); };
  cases["width_130_to_26"] = [] { width_case<130, 26>(3, 8); };
  cases["width_26_to_130"] = [] { width_case<26, 130>(10, 9); };
  cases["width_1_to_7"] = [] { width_case<1, 7>(21, 10); };
  cases["width_zero_words"] = [] { width_case<8, 24>(0, 11); };
  cases["width_remainder_rejected"] = case_width_remainder_rejected;
  cases["repack_elements"] = case_repack_elements;
  cases["axis_roundtrip"] = case_axis_roundtrip;
  cases["axis_wide"] = case_axis_wide;
  return th::run_cases(argc, argv, cases);
}
