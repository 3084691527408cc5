// Smoke program for compileCpp: emulation on the include path, a define, a run that prints.
#include <ap_int.h>
#include <hls_stream.h>

#include <iostream>

#ifndef SMOKE_OFFSET
#define SMOKE_OFFSET 0
#endif

int main() {
  hls::stream<ap_int<12> > s("s");
  s.write(ap_int<12>(2000));
  s.write(ap_int<12>(100));
  const ap_int<12> a = s.read();
  const ap_int<12> b = s.read();
  const ap_int<12> wrapped = a + b;  // 2100 wraps to 2100 - 4096
  std::cout << "sum " << (a + b) << " wrapped " << wrapped << " offset " << SMOKE_OFFSET << "\n";
  return 0;
}
