// Minimal test harness for the C++ fixture programs (no dependency on the code under test).
//
// A fixture defines named cases and calls run_cases(argc, argv, cases) from main(). The program is
// run as `prog <case>` and prints "CHECKS <n>" and "FAILURES <n>" (plus up to 20 failure lines);
// the exit status is 0 only if every check passed. `prog --list` prints the case names.
#ifndef SCANFLOW_TEST_HARNESS_HPP
#define SCANFLOW_TEST_HARNESS_HPP

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace th {

struct Stats {
  long long checks = 0;
  long long failures = 0;
};
inline Stats& stats() {
  static Stats s;
  return s;
}

inline void fail(const char* fmt, ...) {
  Stats& s = stats();
  ++s.failures;
  if (s.failures <= 20) {
    std::va_list args;
    va_start(args, fmt);
    std::fputs("FAIL ", stdout);
    std::vprintf(fmt, args);
    std::fputs("\n", stdout);
    va_end(args);
  }
}

inline void check(bool ok, const char* fmt, ...) {
  Stats& s = stats();
  ++s.checks;
  if (ok) return;
  ++s.failures;
  if (s.failures <= 20) {
    std::va_list args;
    va_start(args, fmt);
    std::fputs("FAIL ", stdout);
    std::vprintf(fmt, args);
    std::fputs("\n", stdout);
    va_end(args);
  }
}

inline void check_eq(long long got, long long want, const char* what) {
  check(got == want, "%s: got %lld, want %lld", what, got, want);
}

/// splitmix64: deterministic, seeded per case.
struct Rng {
  std::uint64_t state;
  explicit Rng(std::uint64_t seed) : state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [lo, hi] (inclusive), hi - lo < 2^63.
  long long range(long long lo, long long hi) {
    const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<long long>(next() % span);
  }
};

/// Plain-integer reference: the two's-complement value of the low `bits` bits of v.
inline long long wrap(long long v, int bits, bool is_signed) {
  if (bits >= 64) return v;
  const std::uint64_t mask = (std::uint64_t(1) << bits) - 1;
  std::uint64_t u = static_cast<std::uint64_t>(v) & mask;
  if (is_signed && ((u >> (bits - 1)) & 1)) u |= ~mask;
  return static_cast<long long>(u);
}
inline long long min_of(int bits, bool is_signed) { return is_signed ? -(1LL << (bits - 1)) : 0; }
inline long long max_of(int bits, bool is_signed) {
  return is_signed ? (1LL << (bits - 1)) - 1 : static_cast<long long>((std::uint64_t(1) << bits) - 1);
}

typedef std::map<std::string, std::function<void()> > Cases;

inline int run_cases(int argc, char** argv, const Cases& cases) {
  if (argc == 2 && std::strcmp(argv[1], "--list") == 0) {
    for (Cases::const_iterator it = cases.begin(); it != cases.end(); ++it) std::printf("%s\n", it->first.c_str());
    return 0;
  }
  if (argc != 2) {
    std::printf("usage: %s <case> | --list\n", argv[0]);
    return 2;
  }
  const Cases::const_iterator it = cases.find(argv[1]);
  if (it == cases.end()) {
    std::printf("unknown case '%s'\n", argv[1]);
    return 2;
  }
  try {
    it->second();
  } catch (const std::exception& e) {
    fail("uncaught exception: %s", e.what());
  }
  std::printf("CHECKS %lld\nFAILURES %lld\n", stats().checks, stats().failures);
  return stats().failures == 0 && stats().checks > 0 ? 0 : 1;
}

}  // namespace th

#endif  // SCANFLOW_TEST_HARNESS_HPP
