// Checks of the ap_int / ap_uint emulation against plain integer arithmetic (int64 / __int128)
// computed here, independently of the emulation. Wider-than-128-bit values are printed by the
// `wide_dump` case and checked with BigInt by the TypeScript test.
#include <ap_int.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>

#include "harness.hpp"
#include "ref.hpp"

using namespace ref;

namespace {

template <int W, bool S>
struct ap_of;
template <int W>
struct ap_of<W, true> {
  typedef ap_int<W> type;
};
template <int W>
struct ap_of<W, false> {
  typedef ap_uint<W> type;
};

int plus_width(int w1, bool s1, int w2, bool s2) {
  const int a = w1 + ((s2 && !s1) ? 1 : 0);
  const int b = w2 + ((s1 && !s2) ? 1 : 0);
  return (a > b ? a : b) + 1;
}
int logic_width(int w1, bool s1, int w2, bool s2) { return plus_width(w1, s1, w2, s2) - 1; }

// ---------------------------------------------------------------- construct_wrap

template <class A>
void construct_one(th::Rng& rng) {
  const int W = A::width;
  const bool S = A::sign_flag;
  for (long long v = -1100; v <= 1100; ++v) {
    th::check(A(v).to_int64() == th::wrap(v, W, S), "ctor(long long %lld) W=%d S=%d", v, W, int(S));
    th::check(A(int(v)).to_int64() == th::wrap(v, W, S), "ctor(int %lld) W=%d S=%d", v, W, int(S));
  }
  for (int i = 0; i < 400; ++i) {
    const long long v = static_cast<long long>(rng.next());
    th::check(A(v).to_int64() == th::wrap(v, W, S), "ctor(%lld) W=%d S=%d", v, W, int(S));
    const unsigned long long u = rng.next();
    th::check(A(u).to_int64() == th::wrap(static_cast<long long>(u), W, S), "ctor(ull) W=%d S=%d", W, int(S));
    const unsigned x = static_cast<unsigned>(rng.next());
    th::check(A(x).to_int64() == th::wrap(static_cast<long long>(x), W, S), "ctor(unsigned %u) W=%d", x, W);
    // from wider and narrower ap values (value first, then wrap)
    const ap_int<40> wide = v;
    th::check(A(wide).to_int64() == th::wrap(th::wrap(v, 40, true), W, S), "ctor(ap_int<40>) W=%d", W);
    const ap_uint<40> uwide = v;
    th::check(A(uwide).to_int64() == th::wrap(th::wrap(v, 40, false), W, S), "ctor(ap_uint<40>) W=%d", W);
    const ap_int<3> narrow = v;
    th::check(A(narrow).to_int64() == th::wrap(th::wrap(v, 3, true), W, S), "ctor(ap_int<3>) W=%d", W);
    // assignment wraps the same way
    A a;
    a = v;
    th::check(a.to_int64() == th::wrap(v, W, S), "assign W=%d", W);
  }
  th::check(A(true).to_int64() == th::wrap(1, W, S) && A(false).to_int64() == 0, "ctor(bool) W=%d", W);
  th::check(A().to_int64() == 0, "default ctor is zero W=%d", W);
  th::check(A(static_cast<signed char>(-5)).to_int64() == th::wrap(-5, W, S), "ctor(signed char) W=%d", W);
  th::check(A(static_cast<unsigned char>(250)).to_int64() == th::wrap(250, W, S), "ctor(unsigned char) W=%d", W);
  th::check(A(static_cast<short>(-300)).to_int64() == th::wrap(-300, W, S), "ctor(short) W=%d", W);
}

void case_construct_wrap() {
  th::Rng rng(1);
  construct_one<ap_int<1> >(rng);
  construct_one<ap_uint<1> >(rng);
  construct_one<ap_int<2> >(rng);
  construct_one<ap_uint<2> >(rng);
  construct_one<ap_int<3> >(rng);
  construct_one<ap_uint<3> >(rng);
  construct_one<ap_int<4> >(rng);
  construct_one<ap_uint<4> >(rng);
  construct_one<ap_int<7> >(rng);
  construct_one<ap_uint<7> >(rng);
  construct_one<ap_int<8> >(rng);
  construct_one<ap_uint<8> >(rng);
  construct_one<ap_int<13> >(rng);
  construct_one<ap_uint<13> >(rng);
  construct_one<ap_int<16> >(rng);
  construct_one<ap_uint<16> >(rng);
  construct_one<ap_int<31> >(rng);
  construct_one<ap_uint<31> >(rng);
  construct_one<ap_int<32> >(rng);
  construct_one<ap_uint<32> >(rng);
  construct_one<ap_int<33> >(rng);
  construct_one<ap_uint<33> >(rng);
  construct_one<ap_int<63> >(rng);
  construct_one<ap_uint<63> >(rng);
  construct_one<ap_int<64> >(rng);
  construct_one<ap_uint<64> >(rng);
  construct_one<ap_int<65> >(rng);
  construct_one<ap_uint<65> >(rng);
  construct_one<ap_int<100> >(rng);
  construct_one<ap_uint<100> >(rng);
}

// ---------------------------------------------------------------- exhaustive small widths

template <class A, class B>
void exhaustive_pair() {
  const int W1 = A::width, W2 = B::width;
  const bool S1 = A::sign_flag, S2 = B::sign_flag;
  typedef decltype(A() + B()) Plus;
  typedef decltype(A() - B()) Minus;
  typedef decltype(A() * B()) Mult;
  typedef decltype(A() & B()) Logic;
  th::check(Plus::width == plus_width(W1, S1, W2, S2) && Plus::sign_flag == (S1 || S2), "+ type W1=%d S1=%d W2=%d S2=%d",
            W1, int(S1), W2, int(S2));
  th::check(Minus::width == plus_width(W1, S1, W2, S2) && Minus::sign_flag, "- type W1=%d S1=%d W2=%d S2=%d", W1,
            int(S1), W2, int(S2));
  th::check(Mult::width == W1 + W2 && Mult::sign_flag == (S1 || S2), "* type W1=%d S1=%d W2=%d S2=%d", W1, int(S1), W2,
            int(S2));
  th::check(Logic::width == logic_width(W1, S1, W2, S2) && Logic::sign_flag == (S1 || S2), "& type W1=%d W2=%d", W1, W2);
  for (long long x = th::min_of(W1, S1); x <= th::max_of(W1, S1); ++x) {
    for (long long y = th::min_of(W2, S2); y <= th::max_of(W2, S2); ++y) {
      const A a = x;
      const B b = y;
      th::check(a.to_int64() == x && b.to_int64() == y, "round trip %lld %lld", x, y);
      th::check((a + b).to_int64() == x + y, "%lld + %lld (W %d%c %d%c)", x, y, W1, S1 ? 's' : 'u', W2, S2 ? 's' : 'u');
      th::check((a - b).to_int64() == x - y, "%lld - %lld (W %d%c %d%c)", x, y, W1, S1 ? 's' : 'u', W2, S2 ? 's' : 'u');
      th::check((a * b).to_int64() == x * y, "%lld * %lld (W %d%c %d%c)", x, y, W1, S1 ? 's' : 'u', W2, S2 ? 's' : 'u');
      th::check((a & b).to_int64() == (x & y), "%lld & %lld", x, y);
      th::check((a | b).to_int64() == (x | y), "%lld | %lld", x, y);
      th::check((a ^ b).to_int64() == (x ^ y), "%lld ^ %lld", x, y);
      th::check((a == b) == (x == y) && (a != b) == (x != y), "%lld ==/!= %lld", x, y);
      th::check((a < b) == (x < y) && (a <= b) == (x <= y), "%lld </<= %lld", x, y);
      th::check((a > b) == (x > y) && (a >= b) == (x >= y), "%lld >/>= %lld", x, y);
    }
    const A a = x;
    th::check((-a).to_int64() == -x && decltype(-a)::width == W1 + 1 && decltype(-a)::sign_flag, "-%lld", x);
    th::check((~a).to_int64() == th::wrap(~x, W1, S1), "~%lld", x);
    th::check((!a) == (x == 0) && static_cast<bool>(a) == (x != 0), "!%lld", x);
  }
}

template <class A>
void exhaustive_with_all() {
  exhaustive_pair<A, ap_int<1> >();
  exhaustive_pair<A, ap_uint<1> >();
  exhaustive_pair<A, ap_int<2> >();
  exhaustive_pair<A, ap_uint<2> >();
  exhaustive_pair<A, ap_int<3> >();
  exhaustive_pair<A, ap_uint<3> >();
  exhaustive_pair<A, ap_int<5> >();
  exhaustive_pair<A, ap_uint<5> >();
  exhaustive_pair<A, ap_int<8> >();
  exhaustive_pair<A, ap_uint<8> >();
}

void case_exhaustive_small() {
  exhaustive_with_all<ap_int<1> >();
  exhaustive_with_all<ap_uint<1> >();
  exhaustive_with_all<ap_int<2> >();
  exhaustive_with_all<ap_uint<2> >();
  exhaustive_with_all<ap_int<3> >();
  exhaustive_with_all<ap_uint<3> >();
  exhaustive_with_all<ap_int<5> >();
  exhaustive_with_all<ap_uint<5> >();
  exhaustive_with_all<ap_int<8> >();
  exhaustive_with_all<ap_uint<8> >();
}

// ---------------------------------------------------------------- random, up to 128 bits

template <class A, class B>
void random_pair(th::Rng& rng, int n) {
  const int W1 = A::width, W2 = B::width;
  const bool S1 = A::sign_flag, S2 = B::sign_flag;
  const bool add_fits = plus_width(W1, S1, W2, S2) <= 128;
  const bool mul_fits = W1 + W2 <= 128;
  for (int i = 0; i < n; ++i) {
    const i128 x = random128(rng, W1, S1);
    const i128 y = random128(rng, W2, S2);
    const A a = from_i128<A>(x);
    const B b = from_i128<B>(y);
    th::check(to_i128(a) == x && to_i128(b) == y, "round trip W1=%d W2=%d", W1, W2);
    if (add_fits) {
      th::check(to_i128(a + b) == x + y, "add W1=%d%c W2=%d%c %s %s", W1, S1 ? 's' : 'u', W2, S2 ? 's' : 'u',
                str128(x).c_str(), str128(y).c_str());
      th::check(to_i128(a - b) == x - y, "sub W1=%d%c W2=%d%c %s %s", W1, S1 ? 's' : 'u', W2, S2 ? 's' : 'u',
                str128(x).c_str(), str128(y).c_str());
    }
    if (mul_fits) {
      const i128 want = static_cast<i128>(static_cast<u128>(x) * static_cast<u128>(y));
      th::check(to_i128(a * b) == want, "mul W1=%d%c W2=%d%c %s %s", W1, S1 ? 's' : 'u', W2, S2 ? 's' : 'u',
                str128(x).c_str(), str128(y).c_str());
    }
    th::check((a < b) == (x < y) && (a == b) == (x == y) && (a >= b) == (x >= y), "compare W1=%d W2=%d", W1, W2);
    th::check((a == a) && !(a < a) && (b <= b), "self compare");
    if (plus_width(W1, S1, W2, S2) <= 129) {
      th::check(to_i128(a & b) == (x & y) && to_i128(a | b) == (x | y) && to_i128(a ^ b) == (x ^ y), "logic W1=%d W2=%d",
                W1, W2);
    }
    // wrap-around of the sum into the left operand's type (compound assignment)
    if (add_fits) {
      A c = a;
      c += b;
      th::check(to_i128(c) == wrap128(x + y, W1, S1), "+= W1=%d W2=%d", W1, W2);
      A d = a;
      d -= b;
      th::check(to_i128(d) == wrap128(x - y, W1, S1), "-= W1=%d W2=%d", W1, W2);
    }
    if (mul_fits) {
      A e = a;
      e *= b;
      th::check(to_i128(e) == wrap128(static_cast<i128>(static_cast<u128>(x) * static_cast<u128>(y)), W1, S1),
                "*= W1=%d W2=%d", W1, W2);
    }
  }
}

template <class A>
void random_with_all(th::Rng& rng) {
  random_pair<A, ap_int<7> >(rng, 150);
  random_pair<A, ap_uint<7> >(rng, 150);
  random_pair<A, ap_int<32> >(rng, 150);
  random_pair<A, ap_uint<32> >(rng, 150);
  random_pair<A, ap_int<33> >(rng, 150);
  random_pair<A, ap_int<63> >(rng, 150);
  random_pair<A, ap_uint<63> >(rng, 150);
  random_pair<A, ap_int<64> >(rng, 150);
  random_pair<A, ap_uint<64> >(rng, 150);
}

void case_random_64() {
  th::Rng rng(2);
  random_with_all<ap_int<7> >(rng);
  random_with_all<ap_uint<7> >(rng);
  random_with_all<ap_int<16> >(rng);
  random_with_all<ap_uint<16> >(rng);
  random_with_all<ap_int<32> >(rng);
  random_with_all<ap_uint<32> >(rng);
  random_with_all<ap_int<33> >(rng);
  random_with_all<ap_int<48> >(rng);
  random_with_all<ap_uint<48> >(rng);
  random_with_all<ap_int<63> >(rng);
  random_with_all<ap_uint<63> >(rng);
  random_with_all<ap_int<64> >(rng);
  random_with_all<ap_uint<64> >(rng);
}

void case_random_128() {
  th::Rng rng(3);
  random_pair<ap_int<65>, ap_int<63> >(rng, 400);
  random_pair<ap_int<65>, ap_uint<62> >(rng, 400);
  random_pair<ap_uint<65>, ap_int<62> >(rng, 400);
  random_pair<ap_int<90>, ap_int<37> >(rng, 400);
  random_pair<ap_uint<90>, ap_uint<38> >(rng, 400);
  random_pair<ap_int<100>, ap_int<100> >(rng, 400);
  random_pair<ap_uint<100>, ap_int<100> >(rng, 400);
  random_pair<ap_int<126>, ap_int<2> >(rng, 400);
  random_pair<ap_int<127>, ap_int<1> >(rng, 400);
  random_pair<ap_uint<126>, ap_uint<126> >(rng, 400);
  random_pair<ap_int<127>, ap_int<127> >(rng, 400);
  random_pair<ap_int<64>, ap_int<64> >(rng, 400);
  random_pair<ap_uint<64>, ap_uint<64> >(rng, 400);
  random_pair<ap_int<120>, ap_uint<8> >(rng, 400);
}

// ---------------------------------------------------------------- shifts

template <class A>
void shifts_one(th::Rng& rng) {
  const int W = A::width;
  const bool S = A::sign_flag;
  for (int i = 0; i < 60; ++i) {
    const i128 x = random128(rng, W, S);
    const A a = from_i128<A>(x);
    for (int n = 0; n <= W + 3; ++n) {
      const i128 left = n >= W ? 0 : wrap128(static_cast<i128>(static_cast<u128>(x) << n), W, S);
      i128 right;
      if (n >= W) {
        right = (S && x < 0) ? -1 : 0;
      } else {
        right = x >> n;  // arithmetic for negative (signed) values, logical otherwise since x >= 0
      }
      th::check(to_i128(a << n) == left && decltype(a << n)::width == W, "<< %d W=%d%c %s", n, W, S ? 's' : 'u',
                str128(x).c_str());
      th::check(to_i128(a >> n) == right, ">> %d W=%d%c %s", n, W, S ? 's' : 'u', str128(x).c_str());
      th::check(to_i128(a << ap_uint<9>(n)) == left && to_i128(a >> ap_uint<9>(n)) == right, "shift by ap W=%d", W);
      th::check(to_i128(a >> -n) == left && to_i128(a << -n) == right, "negative shift %d W=%d", n, W);
      A c = a;
      c <<= n;
      A d = a;
      d >>= n;
      th::check(to_i128(c) == left && to_i128(d) == right, "<<= / >>= %d W=%d", n, W);
    }
  }
}

void case_shifts() {
  th::Rng rng(4);
  shifts_one<ap_int<1> >(rng);
  shifts_one<ap_uint<1> >(rng);
  shifts_one<ap_int<5> >(rng);
  shifts_one<ap_uint<5> >(rng);
  shifts_one<ap_int<8> >(rng);
  shifts_one<ap_uint<8> >(rng);
  shifts_one<ap_int<31> >(rng);
  shifts_one<ap_uint<33> >(rng);
  shifts_one<ap_int<64> >(rng);
  shifts_one<ap_uint<64> >(rng);
  shifts_one<ap_int<65> >(rng);
  shifts_one<ap_uint<65> >(rng);
  shifts_one<ap_int<100> >(rng);
  shifts_one<ap_uint<100> >(rng);
  shifts_one<ap_int<128> >(rng);
  shifts_one<ap_uint<127> >(rng);
}

// ---------------------------------------------------------------- range / bit select

template <class A>
void range_one(th::Rng& rng) {
  const int W = A::width;
  const bool S = A::sign_flag;
  for (int i = 0; i < 300; ++i) {
    const i128 x = random128(rng, W, S);
    A a = from_i128<A>(x);
    const int lo = static_cast<int>(rng.range(0, W - 1));
    const int hi = static_cast<int>(rng.range(lo, W - 1));
    const int len = hi - lo + 1;
    const u128 mask = len >= 128 ? ~u128(0) : (u128(1) << len) - 1;
    const u128 bits = (static_cast<u128>(x) >> lo) & mask;
    const ap_uint<W> got = a.range(hi, lo);
    th::check(static_cast<u128>(to_i128(got)) == bits && a.range(hi, lo).length() == len, "range(%d,%d) W=%d", hi, lo, W);
    th::check(static_cast<u128>(to_i128(ap_uint<W>(a(hi, lo)))) == bits, "(%d,%d) W=%d", hi, lo, W);
    if (len <= 64) th::check(a.range(hi, lo).to_uint64() == static_cast<std::uint64_t>(bits), "range to_uint64");
    // reinterpretation as a signed field
    const i128 sfield = wrap128(static_cast<i128>(bits), len, true);
    if (len == 8) th::check(to_i128(ap_int<8>(a.range(hi, lo))) == sfield, "ap_int<8>(range) W=%d", W);
    // write a random value of the range's width
    const i128 v = random128(rng, len > 127 ? 127 : len, false);
    const ap_uint<W> value = from_i128<ap_uint<W> >(v);
    a.range(hi, lo) = value;
    const u128 expect_bits = (static_cast<u128>(x) & ~(mask << lo)) | ((static_cast<u128>(v) & mask) << lo);
    th::check(to_i128(a) == wrap128(static_cast<i128>(expect_bits), W, S), "range(%d,%d) = v, W=%d%c", hi, lo, W,
              S ? 's' : 'u');
    // bit select read / write
    const int b = static_cast<int>(rng.range(0, W - 1));
    const bool bit = ((expect_bits >> b) & 1) != 0;
    th::check(bool(a[b]) == bit && a.get_bit(b) == bit, "[%d] read W=%d", b, W);
    a[b] = !bit;
    th::check(to_i128(a) == wrap128(static_cast<i128>(expect_bits ^ (u128(1) << b)), W, S), "[%d] write W=%d", b, W);
    a.set_bit(b, bit);
    th::check(to_i128(a) == wrap128(static_cast<i128>(expect_bits), W, S), "set_bit(%d) W=%d", b, W);
  }
  // out-of-range selections throw in C-simulation
  bool threw = false;
  try {
    A a = 0;
    (void)a.range(W, 0);
  } catch (const std::out_of_range&) {
    threw = true;
  }
  th::check(threw, "range(W, 0) throws W=%d", W);
}

void case_range_bits() {
  th::Rng rng(5);
  range_one<ap_int<8> >(rng);
  range_one<ap_uint<8> >(rng);
  range_one<ap_int<16> >(rng);
  range_one<ap_uint<24> >(rng);
  range_one<ap_uint<64> >(rng);
  range_one<ap_int<64> >(rng);
  range_one<ap_uint<70> >(rng);
  range_one<ap_int<70> >(rng);
  range_one<ap_uint<127> >(rng);
  range_one<ap_int<128> >(rng);
  // packing idiom used by the kernels: lanes of a word
  ap_uint<24> word = 0;
  word.range(7, 0) = ap_uint<8>(ap_int<8>(-1));
  word.range(15, 8) = ap_uint<8>(ap_int<8>(5));
  word.range(23, 16) = ap_uint<8>(ap_int<8>(-128));
  th::check(word.to_uint64() == 0x8005FFULL, "packed word");
  th::check(ap_int<8>(word.range(7, 0)).to_int64() == -1 && ap_int<8>(word.range(15, 8)).to_int64() == 5 &&
                ap_int<8>(word.range(23, 16)).to_int64() == -128,
            "unpacked lanes");
}

// ---------------------------------------------------------------- doubles

void case_double() {
  th::Rng rng(6);
  for (int i = 0; i < 2000; ++i) {
    const long long v = rng.range(-(1LL << 52), 1LL << 52);
    th::check(ap_int<64>(v).to_double() == static_cast<double>(v), "to_double %lld", v);
    th::check(ap_int<80>(v).to_double() == static_cast<double>(v), "to_double<80> %lld", v);
    const double d = static_cast<double>(v) / 8.0;
    th::check(ap_int<64>(d).to_int64() == static_cast<long long>(std::trunc(d)), "from double %f", d);
  }
  th::check(ap_int<8>(2.7).to_int64() == 2 && ap_int<8>(-2.7).to_int64() == -2, "trunc toward zero");
  th::check(ap_uint<8>(300.5).to_int64() == 44 && ap_int<8>(-129.9).to_int64() == 127, "double wraps");
  th::check(ap_int<8>(2.5f).to_int64() == 2, "from float");
  th::check(ap_int<16>(std::nan("")).to_int64() == 0, "NaN -> 0");
  std::ostringstream s;
  s << ap_int<100>(1e25) << " " << ap_int<100>(-1e25) << " " << ap_uint<70>(std::ldexp(1.0, 69));
  // 1e25 as a double is exactly 10000000000000000905969664; 2^69 = 590295810358705651712
  th::check(s.str() == "10000000000000000905969664 -10000000000000000905969664 590295810358705651712",
            "wide from double: %s", s.str().c_str());
  th::check(ap_int<100>(1e25).to_double() == 1e25 && ap_int<100>(-1e25).to_double() == -1e25, "wide to_double");
  th::check((ap_int<130>(1) << 120).to_double() == std::ldexp(1.0, 120), "2^120 to_double");
  th::check(ap_int<64>(ap_uint<64>(~0ULL)).to_double() == -1.0 && ap_uint<64>(~0ULL).to_double() == 18446744073709551615.0,
            "64-bit to_double sign");
}

// ---------------------------------------------------------------- native operands

void case_native_mix() {
  const ap_uint<8> a = 200;
  const ap_int<4> b = -3;
  typedef decltype(a + 100) T1;  // int behaves as ap_int<32>: max(8 + 1, 32) + 1 = 33, signed
  th::check(T1::width == 33 && T1::sign_flag && (a + 100).to_int64() == 300, "ap_uint<8> + int");
  typedef decltype(5 - a) T2;
  th::check(T2::width == 33 && (5 - a).to_int64() == -195, "int - ap_uint<8>");
  typedef decltype(b * 3u) T3;  // unsigned behaves as ap_uint<32>
  th::check(T3::width == 36 && T3::sign_flag && (b * 3u).to_int64() == -9, "ap_int<4> * unsigned");
  th::check((a * 1000000000000LL).to_int64() == 200000000000000LL, "ap * long long");
  th::check((true + b).to_int64() == -2, "bool + ap");
  th::check((a > -1) && (b < 0u) && !(b > 0u), "exact comparisons with natives (no C promotions)");
  th::check(ap_uint<64>(~0ULL) > ap_int<64>(-1) && ap_uint<64>(~0ULL) > -1, "unsigned max vs -1");
  th::check((a == 200) && (200 == a) && (a != 201) && (b >= -3) && (-4 < b), "== / relational with int");
  th::check((a & 0x0F).to_int64() == 8 && (a | 1).to_int64() == 201 && (a ^ 0xFF).to_int64() == 55, "logic with int");
  th::check((a >> 3).to_int64() == 25 && (a << 1).to_int64() == 144 && decltype(a << 1)::width == 8, "shift keeps type");
  ap_int<12> c = 2047;
  ++c;
  th::check(c.to_int64() == -2048, "++ wraps");
  c--;
  th::check(c.to_int64() == 2047, "-- wraps back");
  const ap_int<12> old = c++;
  th::check(old.to_int64() == 2047 && c.to_int64() == -2048, "postfix ++");
  c -= 1;
  c &= 0x0F0;
  th::check(c.to_int64() == 0xF0, "&=");
  c |= 0x800;
  th::check(c.to_int64() == -2048 + 0xF0, "|= into sign bit");
  c ^= -1;
  th::check(c.to_int64() == ~(-2048 + 0xF0), "^=");
  th::check(a.to_int() == 200 && b.to_int() == -3 && b.to_uint() == 0xFFFFFFFDu && a.to_uint64() == 200u &&
                b.to_long() == -3 && a.to_ulong() == 200ul && b.to_int64() == -3 && b.to_uint64() == ~2ULL,
            "conversions");
  th::check(a.length() == 8 && b.length() == 4 && a.to_bool() && !ap_int<9>(0).to_bool(), "length / to_bool");
  th::check((ap_uint<100>(1) << 99) == (ap_uint<100>(1) << 98) * 2, "wide equality with product");
  // carry / borrow chains across three limbs: 2^128 - 1 + 1 = 2^128 and back
  const ap_uint<192> below = (ap_uint<192>(1) << 128) - 1;
  std::ostringstream s1, s2, s3;
  s1 << ap_uint<192>(below + 1);
  s2 << ap_uint<192>(ap_uint<192>(below + 1) - 1);
  s3 << ap_int<192>(ap_int<192>(0) - ap_uint<192>(below + 1));
  th::check(s1.str() == "340282366920938463463374607431768211456", "carry chain: %s", s1.str().c_str());
  th::check(s2.str() == "340282366920938463463374607431768211455", "borrow chain: %s", s2.str().c_str());
  th::check(s3.str() == "-340282366920938463463374607431768211456", "negation across limbs: %s", s3.str().c_str());
}

// ---------------------------------------------------------------- printing

template <class A>
void print_one(th::Rng& rng) {
  for (int i = 0; i < 300; ++i) {
    const i128 x = random128(rng, A::width, A::sign_flag);
    std::ostringstream s;
    s << from_i128<A>(x);
    th::check(s.str() == str128(x), "print W=%d: %s vs %s", A::width, s.str().c_str(), str128(x).c_str());
  }
}

void case_print() {
  th::Rng rng(7);
  print_one<ap_int<1> >(rng);
  print_one<ap_uint<1> >(rng);
  print_one<ap_int<8> >(rng);
  print_one<ap_uint<19> >(rng);
  print_one<ap_int<64> >(rng);
  print_one<ap_uint<64> >(rng);
  print_one<ap_int<65> >(rng);
  print_one<ap_uint<100> >(rng);
  print_one<ap_int<128> >(rng);
  print_one<ap_uint<127> >(rng);
  char buf[64];
  for (int i = 0; i < 300; ++i) {
    const long long v = static_cast<long long>(rng.next());
    std::snprintf(buf, sizeof buf, "%lld", v);
    std::ostringstream s;
    s << ap_int<64>(v);
    th::check(s.str() == buf, "print int64 %s", buf);
  }
}

// ---------------------------------------------------------------- wide dump for the BigInt check

template <class A>
A random_wide(th::Rng& rng) {
  A a = 0;
  const int W = A::width;
  const unsigned kind = static_cast<unsigned>(rng.next() % 6);
  for (int lo = 0; lo < W; lo += 64) {
    const int hi = lo + 63 < W ? lo + 63 : W - 1;
    std::uint64_t r = rng.next();
    const unsigned limb_kind = kind >= 3 ? static_cast<unsigned>(rng.next() % 5) : kind;
    if (limb_kind == 0) r = 0;
    if (limb_kind == 1) r = ~0ULL;
    if (limb_kind == 3) r = 1;  // with all-ones / zero limbs: long carry and borrow chains
    a.range(hi, lo) = ap_uint<64>(r);
  }
  if (kind == 2) a = static_cast<long long>(rng.range(-5, 5));
  return a;
}

template <class A>
void print_value(const char* tag, const A& a) {
  std::cout << ' ' << tag << ' ' << A::width << ' ' << (A::sign_flag ? 1 : 0) << ' ' << a;
}

template <class A, class B>
void dump_pair(th::Rng& rng, int n) {
  for (int i = 0; i < n; ++i) {
    const A a = random_wide<A>(rng);
    const B b = random_wide<B>(rng);
    std::cout << "ADD";
    print_value("a", a);
    print_value("b", b);
    print_value("r", a + b);
    std::cout << "\nSUB";
    print_value("a", a);
    print_value("b", b);
    print_value("r", a - b);
    std::cout << "\nMUL";
    print_value("a", a);
    print_value("b", b);
    print_value("r", a * b);
    std::cout << "\nAND";
    print_value("a", a);
    print_value("b", b);
    print_value("r", a & b);
    std::cout << "\nOR";
    print_value("a", a);
    print_value("b", b);
    print_value("r", a | b);
    std::cout << "\nXOR";
    print_value("a", a);
    print_value("b", b);
    print_value("r", a ^ b);
    std::cout << "\nCMP";
    print_value("a", a);
    print_value("b", b);
    std::cout << ' ' << (a < b ? -1 : a == b ? 0 : 1) << "\nCONV";
    print_value("a", a);
    print_value("r", B(a));
    std::cout << "\nNEG";
    print_value("a", a);
    print_value("r", -a);
    std::cout << "\nNOT";
    print_value("a", a);
    print_value("r", ~a);
    const int n1 = static_cast<int>(rng.range(0, A::width + 2));
    std::cout << "\nSHL " << n1;
    print_value("a", a);
    print_value("r", a << n1);
    std::cout << "\nSHR " << n1;
    print_value("a", a);
    print_value("r", a >> n1);
    const int lo = static_cast<int>(rng.range(0, A::width - 1));
    const int hi = static_cast<int>(rng.range(lo, A::width - 1));
    std::cout << "\nRANGE " << hi << ' ' << lo;
    print_value("a", a);
    print_value("r", ap_uint<A::width>(a.range(hi, lo)));
    A c = a;
    c.range(hi, lo) = b;
    std::cout << "\nSETRANGE " << hi << ' ' << lo;
    print_value("a", a);
    print_value("b", b);
    print_value("r", c);
    std::cout << '\n';
    th::check(true, "dumped");
  }
}

void case_wide_dump() {
  th::Rng rng(8);
  dump_pair<ap_int<65>, ap_int<65> >(rng, 30);
  dump_pair<ap_uint<100>, ap_int<70> >(rng, 30);
  dump_pair<ap_int<128>, ap_uint<128> >(rng, 30);
  dump_pair<ap_int<129>, ap_int<64> >(rng, 30);
  dump_pair<ap_int<200>, ap_uint<131> >(rng, 30);
  dump_pair<ap_uint<256>, ap_uint<256> >(rng, 30);
  dump_pair<ap_int<300>, ap_int<190> >(rng, 30);
  dump_pair<ap_int<513>, ap_uint<7> >(rng, 30);
  dump_pair<ap_uint<8>, ap_int<1000> >(rng, 30);
}

}  // namespace

int main(int argc, char** argv) {
  th::Cases cases;
  cases["construct_wrap"] = case_construct_wrap;
  cases["exhaustive_small"] = case_exhaustive_small;
  cases["random_64"] = case_random_64;
  cases["random_128"] = case_random_128;
  cases["shifts"] = case_shifts;
  cases["range_bits"] = case_range_bits;
  cases["double"] = case_double;
  cases["native_mix"] = case_native_mix;
  cases["print"] = case_print;
  cases["wide_dump"] = case_wide_dump;
  return th::run_cases(argc, argv, cases);
}
