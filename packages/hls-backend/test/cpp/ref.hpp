// Test-side references: 128-bit plain-integer helpers and lane packing for the fixture programs.
// The arithmetic here is plain __int128; the bridges to ap types use only to_uint64, >> and the
// constructors (all checked by emu_ap_int.cpp).
#ifndef SCANFLOW_TEST_REF_HPP
#define SCANFLOW_TEST_REF_HPP

#include <ap_int.h>

#include <cstdint>
#include <string>

#include "harness.hpp"

namespace ref {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

// ---------------------------------------------------------------- plain-integer references

inline i128 wrap128(i128 v, int bits, bool is_signed) {
  if (bits >= 128) return v;
  const u128 mask = (u128(1) << bits) - 1;
  u128 u = static_cast<u128>(v) & mask;
  if (is_signed && ((u >> (bits - 1)) & 1)) u |= ~mask;
  return static_cast<i128>(u);
}

inline i128 min128(int bits, bool is_signed) {
  return is_signed ? wrap128(static_cast<i128>(u128(1) << (bits - 1)), bits, true) : 0;
}
inline i128 max128(int bits, bool is_signed) {
  return is_signed ? static_cast<i128>((u128(1) << (bits - 1)) - 1) : wrap128(-1, bits, false);
}

inline i128 random128(th::Rng& rng, int bits, bool is_signed) {
  const u128 raw = (u128(rng.next()) << 64) | rng.next();
  // mix in small magnitudes and extremes so that corner cases are common
  switch (rng.next() % 8) {
    case 0:
      return wrap128(static_cast<i128>(rng.range(-3, 3)), bits, is_signed);
    case 1:
      return static_cast<i128>(static_cast<u128>(min128(bits, is_signed)) + static_cast<u128>(rng.range(0, 1)));
    case 2:
      return static_cast<i128>(static_cast<u128>(max128(bits, is_signed)) - static_cast<u128>(rng.range(0, 1)));
    default:
      return wrap128(static_cast<i128>(raw), bits, is_signed);
  }
}

inline std::string str128(i128 v) {
  if (v == 0) return "0";
  const bool neg = v < 0;
  u128 m = neg ? u128(0) - static_cast<u128>(v) : static_cast<u128>(v);
  std::string s;
  while (m != 0) {
    s.insert(s.begin(), static_cast<char>('0' + int(m % 10)));
    m /= 10;
  }
  return neg ? "-" + s : s;
}

// ---------------------------------------------------------------- bridges to the emulation

template <int W, bool S>
inline i128 to_i128(const ap_int_base<W, S>& x) {  // exact for values that fit in i128
  const std::uint64_t lo = x.to_uint64();
  const std::int64_t hi = (x >> 64).to_int64();
  return static_cast<i128>((static_cast<u128>(static_cast<i128>(hi)) << 64) | lo);
}

template <class AP>
inline AP from_i128(i128 v) {
  ap_int<128> t = ap_int<64>(static_cast<long long>(v >> 64));
  t = (t << 64) | ap_uint<64>(static_cast<unsigned long long>(static_cast<u128>(v)));
  return AP(t);
}


/// Store v (wrapped to T) in lane k of a packed word; lanes are T::width bits, lane 0 lowest.
template <class T, int WW>
inline void put_lane(ap_uint<WW>& word, unsigned k, i128 v) {
  word.range(int((k + 1) * T::width) - 1, int(k * T::width)) = ap_uint<T::width>(from_i128<T>(v));
}

/// Lane k of a packed word as a value of T.
template <class T, int WW>
inline i128 get_lane(const ap_uint<WW>& word, unsigned k) {
  return to_i128(T(word.range(int((k + 1) * T::width) - 1, int(k * T::width))));
}

/// A random value of T's range.
template <class T>
inline i128 random_of(th::Rng& rng) {
  return random128(rng, T::width, T::sign_flag);
}

}  // namespace ref

#endif  // SCANFLOW_TEST_REF_HPP
