// scanflow HLS kernel library: shared conventions and helpers.
//
// Packing convention (every scanflow stream and packed word):
//   a word carrying N elements of type T is an ap_uint<N * T::width>; element k occupies bits
//   [(k + 1) * T::width - 1 : k * T::width], element 0 in the least-significant bits. Elements are
//   stored as their two's-complement bit pattern (ap_int) or plain bits (ap_uint).
//
// Channel interleave ("fold") convention for a vector of C channels processed with P lanes:
//   channel c = f * P + p travels in word f (f = 0 .. C/P - 1), lane p (p = 0 .. P - 1).
//   Parameter memories use the same split: param[p][f] belongs to channel f * P + p.
//
// Pragmas are written SCANFLOW_PRAGMA(HLS ...). They expand to _Pragma only when __SYNTHESIS__ is
// defined (Vitis HLS synthesis), so g++ C-simulation with -Wall -Wextra sees no unknown pragmas.
// Generated code should use the same macro.
#ifndef SCANFLOW_COMMON_HPP
#define SCANFLOW_COMMON_HPP

#include <ap_int.h>
#include <hls_stream.h>

#define SCANFLOW_PRAGMA_STRING(x) _Pragma(#x)
#ifdef __SYNTHESIS__
/// Emit `#pragma x` for Vitis HLS synthesis (macro arguments inside x are expanded first).
#define SCANFLOW_PRAGMA(x) SCANFLOW_PRAGMA_STRING(x)
#else
#define SCANFLOW_PRAGMA(x)
#endif

#if !defined(__SYNTHESIS__)
#include <stdexcept>
/// C-simulation-only precondition check; nothing is generated for synthesis.
#define SCANFLOW_CSIM_CHECK(cond, msg)         \
  do {                                         \
    if (!(cond)) throw std::logic_error(msg);  \
  } while (0)
#else
#define SCANFLOW_CSIM_CHECK(cond, msg) \
  do {                                 \
  } while (0)
#endif

// Loop-trip instrumentation for C-simulation. With -DSCANFLOW_CSIM_TRIPS every kernel counts the
// iterations of its pipelined (II=1) main loop under its own name ("mvau", "thresholding", ...), so
// a testbench can check the cycle model; otherwise SCANFLOW_TRIP costs nothing.
#if defined(SCANFLOW_CSIM_TRIPS) && !defined(__SYNTHESIS__)
#include <map>
#include <string>
namespace scanflow {
namespace csim {
inline std::map<std::string, unsigned long long>& trip_counts() {
  static std::map<std::string, unsigned long long> counts;
  return counts;
}
inline unsigned long long trips(const char* kernel) {
  const std::map<std::string, unsigned long long>& counts = trip_counts();
  const std::map<std::string, unsigned long long>::const_iterator it = counts.find(kernel);
  return it == counts.end() ? 0 : it->second;
}
inline void reset_trips() { trip_counts().clear(); }
}  // namespace csim
}  // namespace scanflow
#define SCANFLOW_TRIP(kernel) (++::scanflow::csim::trip_counts()[kernel])
#else
#define SCANFLOW_TRIP(kernel) ((void)0)
#endif

namespace scanflow {

/// Packed word type carrying N elements of T.
template <unsigned N, typename T>
using packed_t = ap_uint<N * T::width>;

/// Element k of a packed word, reinterpreted as TE (sign comes from TE).
template <typename TE, int WW>
inline TE get_elem(const ap_uint<WW>& word, unsigned k) {
  SCANFLOW_PRAGMA(HLS INLINE)
  return TE(word.range(int((k + 1) * TE::width) - 1, int(k * TE::width)));
}

/// Store the bit pattern of value as element k of a packed word.
template <typename TE, int WW>
inline void set_elem(ap_uint<WW>& word, unsigned k, const TE& value) {
  SCANFLOW_PRAGMA(HLS INLINE)
  word.range(int((k + 1) * TE::width) - 1, int(k * TE::width)) = ap_uint<TE::width>(value);
}

/// Number of thresholds th[0..NT-1] with value >= th[k] (MultiThreshold semantics; the thresholds
/// need not be sorted). Fully unrolled: NT comparators and an adder tree.
template <unsigned NT, typename TV, typename TT>
inline unsigned threshold_count(const TV& value, const TT th[NT]) {
  SCANFLOW_PRAGMA(HLS INLINE)
  unsigned count = 0;
  for (unsigned k = 0; k < NT; ++k) {
    SCANFLOW_PRAGMA(HLS UNROLL)
    count += (value >= th[k]) ? 1u : 0u;
  }
  return count;
}

/// Largest power of two not above n (n >= 1).
constexpr unsigned top_power_of_two(unsigned n) { return n <= 1 ? 1u : 2u * top_power_of_two(n / 2); }

/// Number of thresholds th[0..NT-1] with value >= th[k] when th is NON-DECREASING: the largest n
/// with th[n - 1] <= value, by binary search (⌈log2(NT + 1)⌉ comparisons, each against a threshold
/// chosen by the previous ones). Equal to threshold_count for sorted rows only; the generator uses it
/// only after checking every row is sorted.
template <unsigned NT, typename TV, typename TT>
inline unsigned threshold_search(const TV& value, const TT th[NT]) {
  SCANFLOW_PRAGMA(HLS INLINE)
  unsigned n = 0;
  for (unsigned step = top_power_of_two(NT); step > 0; step >>= 1) {
    SCANFLOW_PRAGMA(HLS UNROLL)
    const unsigned probe = n + step;
    if (probe <= NT && value >= th[probe - 1]) n = probe;
  }
  return n;
}

/// Bits of the count 0..n: ⌈log2(n + 1)⌉.
constexpr unsigned count_bits(unsigned n) { return n == 0 ? 0u : 1u + count_bits(n / 2); }

/// Block size of the two-level search over NT thresholds: 2^⌊count_bits(NT) / 2⌋ (NT = 255: 16).
constexpr unsigned two_level_block(unsigned nt) { return 1u << (count_bits(nt) / 2); }

/// Number of thresholds th[0..NT-1] with value >= th[k] when th is NON-DECREASING, in two levels
/// (B = two_level_block(NT)): the block boundaries th[B-1], th[2B-1], ... the value reaches give the
/// block b, then the thresholds th[bB .. bB+B-2] inside it give the rest — ⌊NT/B⌋ + B - 1
/// comparators side by side in each level instead of NT. Equal to threshold_count for sorted rows
/// only; the generator uses it only after checking every row is sorted.
template <unsigned NT, typename TV, typename TT>
inline unsigned threshold_two_level(const TV& value, const TT th[NT]) {
  SCANFLOW_PRAGMA(HLS INLINE)
  constexpr unsigned B = two_level_block(NT);
  unsigned block = 0;
  for (unsigned j = 1; j * B <= NT; ++j) {
    SCANFLOW_PRAGMA(HLS UNROLL)
    block += (value >= th[j * B - 1]) ? 1u : 0u;
  }
  unsigned within = 0;
  for (unsigned k = 0; k + 1 < B; ++k) {
    SCANFLOW_PRAGMA(HLS UNROLL)
    const unsigned idx = block * B + k;
    within += (idx < NT && value >= th[idx]) ? 1u : 0u;
  }
  return block * B + within;
}

/// Threshold methods, a template parameter of every kernel that applies thresholds:
///   thresholds_compare_all : NT comparators and a count (any thresholds; shortest latency)
///   thresholds_search      : binary search (sorted rows only; ⌈log2(NT + 1)⌉ comparators, least area)
///   thresholds_two_level   : two-level search (sorted rows only; about 2·√NT comparators in two levels)
struct thresholds_compare_all {
  template <unsigned NT, typename TV, typename TT>
  static unsigned count(const TV& value, const TT th[NT]) {
    SCANFLOW_PRAGMA(HLS INLINE)
    return threshold_count<NT>(value, th);
  }
};
struct thresholds_search {
  template <unsigned NT, typename TV, typename TT>
  static unsigned count(const TV& value, const TT th[NT]) {
    SCANFLOW_PRAGMA(HLS INLINE)
    return threshold_search<NT>(value, th);
  }
};
struct thresholds_two_level {
  template <unsigned NT, typename TV, typename TT>
  static unsigned count(const TV& value, const TT th[NT]) {
    SCANFLOW_PRAGMA(HLS INLINE)
    return threshold_two_level<NT>(value, th);
  }
};

/// Multiplier implementations, a template parameter of every kernel with products (BIND_OP):
///   mul_auto (Vitis HLS chooses), mul_lut (fabric), mul_dsp (DSP slices). Exact in every case.
struct mul_auto {
  template <typename A, typename B>
  static auto apply(const A& a, const B& b) -> decltype(a * b) {
    SCANFLOW_PRAGMA(HLS INLINE)
    return a * b;
  }
};
struct mul_lut {
  template <typename A, typename B>
  static auto apply(const A& a, const B& b) -> decltype(a * b) {
    SCANFLOW_PRAGMA(HLS INLINE)
    const decltype(a * b) product = a * b;
    SCANFLOW_PRAGMA(HLS BIND_OP variable=product op=mul impl=fabric)
    return product;
  }
};
struct mul_dsp {
  template <typename A, typename B>
  static auto apply(const A& a, const B& b) -> decltype(a * b) {
    SCANFLOW_PRAGMA(HLS INLINE)
    const decltype(a * b) product = a * b;
    SCANFLOW_PRAGMA(HLS BIND_OP variable=product op=mul impl=dsp)
    return product;
  }
};

/// Threshold activation result: count + OUT_BIAS, converted (wrapping) to TO.
template <typename TO, int OUT_BIAS>
inline TO threshold_output(unsigned count) {
  SCANFLOW_PRAGMA(HLS INLINE)
  return TO(int(count) + OUT_BIAS);
}

}  // namespace scanflow

#endif  // SCANFLOW_COMMON_HPP
