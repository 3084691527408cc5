// Checks of the hls::stream and ap_axiu emulation.
#include <ap_axi_sdata.h>
#include <ap_int.h>
#include <hls_stream.h>

#include <deque>
#include <stdexcept>
#include <string>

#include "harness.hpp"

namespace {

void case_fifo_order() {
  th::Rng rng(11);
  hls::stream<ap_uint<70> > s("s");
  std::deque<unsigned long long> model;
  th::check(s.empty() && s.size() == 0 && !s.full(), "new stream is empty");
  for (int i = 0; i < 5000; ++i) {
    if (rng.next() % 3 != 0 || model.empty()) {
      const unsigned long long v = rng.next();
      if (rng.next() % 2) {
        s.write(ap_uint<70>(v));
      } else {
        s << ap_uint<70>(v);
      }
      model.push_back(v);
    } else {
      ap_uint<70> got;
      switch (rng.next() % 3) {
        case 0:
          got = s.read();
          break;
        case 1:
          s.read(got);
          break;
        default:
          s >> got;
          break;
      }
      th::check(got.to_uint64() == model.front(), "FIFO order at step %d", i);
      model.pop_front();
    }
    th::check(s.size() == model.size() && s.empty() == model.empty(), "size / empty at step %d", i);
  }
}

void case_nonblocking() {
  hls::stream<int> s;
  int v = 7;
  th::check(!s.read_nb(v) && v == 7, "read_nb on empty returns false and leaves the value");
  th::check(s.write_nb(3) && s.size() == 1, "write_nb");
  th::check(s.read_nb(v) && v == 3 && s.empty(), "read_nb");
}

void case_read_empty_throws() {
  hls::stream<ap_int<8>, 4> s("gate_i");
  bool threw = false;
  std::string what;
  try {
    (void)s.read();
  } catch (const std::runtime_error& e) {
    threw = true;
    what = e.what();
  }
  th::check(threw && what.find("gate_i") != std::string::npos, "read on empty throws naming the stream: %s",
            what.c_str());
  th::check(s.name() == "gate_i", "name");
}

void case_axiu_fields() {
  ap_axiu<24, 0, 0, 0> beat;
  beat.data = 0xABCDEF;
  beat.keep = -1;
  beat.strb = -1;
  beat.last = 1;
  th::check(beat.data.to_uint64() == 0xABCDEFu && beat.keep.to_uint64() == 7u && beat.strb.to_uint64() == 7u &&
                beat.last.to_uint64() == 1u,
            "ap_axiu<24> fields and keep width");
  th::check(decltype(beat.data)::width == 24 && decltype(beat.keep)::width == 3, "field widths");
  ap_axis<16, 0, 0, 0> sbeat;
  sbeat.data = -2;
  th::check(sbeat.data.to_int64() == -2 && decltype(sbeat.keep)::width == 2, "ap_axis signed data");
  hls::stream<ap_axiu<24, 0, 0, 0> > s;
  s.write(beat);
  th::check(s.read().data.to_uint64() == 0xABCDEFu, "beats through a stream");
}

}  // namespace

int main(int argc, char** argv) {
  th::Cases cases;
  cases["fifo_order"] = case_fifo_order;
  cases["nonblocking"] = case_nonblocking;
  cases["read_empty_throws"] = case_read_empty_throws;
  cases["axiu_fields"] = case_axiu_fields;
  return th::run_cases(argc, argv, cases);
}
