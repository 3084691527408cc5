// scanflow C-simulation emulation of the Vitis HLS arbitrary-precision integer types.
//
// This header is NOT the Vitis header. It is put first on the include path (-I include/scanflow/emu)
// only for g++ C-simulation, so that scanflow kernels and generated tops build on any machine. It is
// never put on the include path of Vitis HLS (Vitis uses its own <ap_int.h>).
//
// It implements exactly the subset the scanflow kernels, generated tops and testbenches use:
//   * ap_int<W> (signed, two's complement) and ap_uint<W> (unsigned), any W >= 1, including W > 64
//     (a fixed array of 64-bit limbs, kept normalised: bits above W are copies of the sign bit for
//     ap_int and zero for ap_uint).
//   * construction from bool / char / short / int / long / long long (signed and unsigned), from
//     float / double (truncation toward zero), from any other ap_int / ap_uint, from a range or bit
//     reference; every construction or assignment from a value that does not fit wraps modulo 2^W.
//   * binary + - * (exact: the result type grows like Vitis ap_int, see ap_emu::result below),
//     & | ^, comparisons == != < <= > >= (exact value comparison across widths and signedness),
//     shifts << >> by an integer or ap value (result has the left operand's type; bits shifted out
//     are lost; >> is arithmetic for ap_int; a negative shift amount shifts the other way),
//     unary - (grows by one bit, signed), ~, !, and compound assignments (+= -= *= &= |= ^= <<= >>=,
//     ++, --) which wrap into the left operand's type.
//   * mixed operands: a native integer operand behaves as the ap type of its own width and
//     signedness (int -> ap_int<32>, unsigned -> ap_uint<32>, long long -> ap_int<64>, bool ->
//     ap_uint<1>, ...), as in Vitis.
//   * range(hi, lo) / (hi, lo) read and write (hi >= lo), [i] bit read and write, get_bit/set_bit.
//   * to_int, to_uint, to_long, to_ulong, to_int64, to_uint64 (the low bits, wrapped like a C cast),
//     to_bool, to_double (exact while |value| < 2^53), length(), explicit operator bool.
//   * std::ostream << prints the exact decimal value (any width).
// Not provided (on purpose): / and %, implicit conversion to native integers, string constructors,
// to_string, reduction operators, ap_fixed. Code that compiles against this subset compiles in Vitis.
#ifndef SCANFLOW_EMU_AP_INT_H
#define SCANFLOW_EMU_AP_INT_H

#include <cmath>
#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <string>
#include <type_traits>

template <int W, bool S>
class ap_int_base;
template <int W>
class ap_int;
template <int W>
class ap_uint;
template <int W, bool S>
class ap_range_ref;
template <int W, bool S>
class ap_bit_ref;

namespace ap_emu {

typedef std::uint64_t limb_t;
__extension__ typedef unsigned __int128 wide_t;

constexpr int limb_count(int w) { return (w + 63) / 64; }
constexpr int max_int(int a, int b) { return a > b ? a : b; }
constexpr int min_int(int a, int b) { return a < b ? a : b; }

/// Native integer types and the ap type they behave as in mixed expressions.
template <typename T>
struct native_int {
  static const bool value = false;
};
#define SCANFLOW_AP_EMU_NATIVE(T, WIDTH, SIGNED) \
  template <>                                     \
  struct native_int<T> {                          \
    static const bool value = true;               \
    static const int width = WIDTH;               \
    static const bool is_signed = SIGNED;         \
  };
SCANFLOW_AP_EMU_NATIVE(bool, 1, false)
SCANFLOW_AP_EMU_NATIVE(char, 8, std::is_signed<char>::value)
SCANFLOW_AP_EMU_NATIVE(signed char, 8, true)
SCANFLOW_AP_EMU_NATIVE(unsigned char, 8, false)
SCANFLOW_AP_EMU_NATIVE(short, 8 * int(sizeof(short)), true)
SCANFLOW_AP_EMU_NATIVE(unsigned short, 8 * int(sizeof(unsigned short)), false)
SCANFLOW_AP_EMU_NATIVE(int, 8 * int(sizeof(int)), true)
SCANFLOW_AP_EMU_NATIVE(unsigned int, 8 * int(sizeof(unsigned int)), false)
SCANFLOW_AP_EMU_NATIVE(long, 8 * int(sizeof(long)), true)
SCANFLOW_AP_EMU_NATIVE(unsigned long, 8 * int(sizeof(unsigned long)), false)
SCANFLOW_AP_EMU_NATIVE(long long, 8 * int(sizeof(long long)), true)
SCANFLOW_AP_EMU_NATIVE(unsigned long long, 8 * int(sizeof(unsigned long long)), false)
#undef SCANFLOW_AP_EMU_NATIVE

template <typename T>
struct native_ap {
  typedef ap_int_base<native_int<T>::width, native_int<T>::is_signed> type;
};

/// Result types of binary operators, following the Vitis ap_int rules:
///   w  = max(W1 + [S2 && !S1], W2 + [S1 && !S2])    (room for the other operand's sign)
///   +  : ap_int_base<w + 1, S1 || S2>
///   -  : ap_int_base<w + 1, true>
///   *  : ap_int_base<W1 + W2, S1 || S2>
///   & | ^ : ap_int_base<w, S1 || S2>
/// so + - * are always exact.
template <int W1, bool S1, int W2, bool S2>
struct result {
  static const int logic_w = max_int(W1 + ((S2 && !S1) ? 1 : 0), W2 + ((S1 && !S2) ? 1 : 0));
  typedef ap_int_base<logic_w + 1, S1 || S2> plus;
  typedef ap_int_base<logic_w + 1, true> minus;
  typedef ap_int_base<W1 + W2, S1 || S2> mult;
  typedef ap_int_base<logic_w, S1 || S2> logic;
};

// Defined only for native T, so that the operator templates below drop out (SFINAE) otherwise.
template <typename T, int W2, bool S2, bool = native_int<T>::value>
struct native_result {};
template <typename T, int W2, bool S2>
struct native_result<T, W2, S2, true> {
  typedef result<native_int<T>::width, native_int<T>::is_signed, W2, S2> left;   // T op ap
  typedef result<W2, S2, native_int<T>::width, native_int<T>::is_signed> right;  // ap op T
};

inline limb_t low_mask(int n) { return n >= 64 ? ~limb_t(0) : ((limb_t(1) << (n & 63)) - 1); }

/// n (<= 64) bits of the (sign-extended) value x starting at bit position pos.
template <class X>
inline limb_t extract_bits(const X& x, int pos, int n) {
  const int li = pos / 64;
  const int off = pos % 64;
  limb_t bits = x.emu_limb(li) >> off;
  if (off != 0 && off + n > 64) bits |= x.emu_limb(li + 1) << (64 - off);
  return bits & low_mask(n);
}

template <class R, class A, class B>
inline R add(const A& a, const B& b) {
  R r;
  limb_t carry = 0;
  for (int i = 0; i < R::num_limbs; ++i) {
    const limb_t x = a.emu_limb(i);
    const limb_t s = x + b.emu_limb(i);
    const limb_t c1 = s < x ? 1 : 0;
    const limb_t s2 = s + carry;
    const limb_t c2 = s2 < s ? 1 : 0;
    r.emu_set_limb(i, s2);
    carry = c1 | c2;
  }
  r.emu_normalize();
  return r;
}

template <class R, class A, class B>
inline R sub(const A& a, const B& b) {
  R r;
  limb_t borrow = 0;
  for (int i = 0; i < R::num_limbs; ++i) {
    const limb_t x = a.emu_limb(i);
    const limb_t y = b.emu_limb(i);
    const limb_t d = x - y;
    const limb_t b1 = x < y ? 1 : 0;
    const limb_t d2 = d - borrow;
    const limb_t b2 = d < borrow ? 1 : 0;
    r.emu_set_limb(i, d2);
    borrow = b1 | b2;
  }
  r.emu_normalize();
  return r;
}

// Two's-complement product truncated to R's limbs; exact because R is wide enough.
template <class R, class A, class B>
inline R mul(const A& a, const B& b) {
  limb_t acc[R::num_limbs];
  for (int i = 0; i < R::num_limbs; ++i) acc[i] = 0;
  for (int i = 0; i < R::num_limbs; ++i) {
    const limb_t ai = a.emu_limb(i);
    if (ai == 0) continue;
    limb_t carry = 0;
    for (int j = 0; i + j < R::num_limbs; ++j) {
      const wide_t t = wide_t(ai) * wide_t(b.emu_limb(j)) + wide_t(acc[i + j]) + wide_t(carry);
      acc[i + j] = limb_t(t);
      carry = limb_t(t >> 64);
    }
  }
  R r;
  for (int i = 0; i < R::num_limbs; ++i) r.emu_set_limb(i, acc[i]);
  r.emu_normalize();
  return r;
}

enum logic_op { op_and, op_or, op_xor };

template <class R, class A, class B>
inline R logic(const A& a, const B& b, logic_op op) {
  R r;
  for (int i = 0; i < R::num_limbs; ++i) {
    const limb_t x = a.emu_limb(i);
    const limb_t y = b.emu_limb(i);
    r.emu_set_limb(i, op == op_and ? (x & y) : op == op_or ? (x | y) : (x ^ y));
  }
  r.emu_normalize();
  return r;
}

/// -1, 0 or 1 as the exact values of a and b compare.
template <class A, class B>
inline int compare(const A& a, const B& b) {
  const bool na = a.emu_negative();
  const bool nb = b.emu_negative();
  if (na != nb) return na ? -1 : 1;
  for (int i = max_int(A::num_limbs, B::num_limbs) - 1; i >= 0; --i) {
    const limb_t x = a.emu_limb(i);
    const limb_t y = b.emu_limb(i);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

}  // namespace ap_emu

template <int W, bool S>
class ap_int_base {
  static_assert(W >= 1, "ap_int / ap_uint width must be at least 1");

 public:
  static const int width = W;
  static const bool sign_flag = S;
  static const int num_limbs = ap_emu::limb_count(W);

  ap_int_base() {
    for (int i = 0; i < num_limbs; ++i) v_[i] = 0;
  }

  template <int W2, bool S2>
  ap_int_base(const ap_int_base<W2, S2>& other) {
    for (int i = 0; i < num_limbs; ++i) v_[i] = other.emu_limb(i);
    emu_normalize();
  }

  template <int W2, bool S2>
  ap_int_base(const ap_range_ref<W2, S2>& ref) : ap_int_base(ref.get()) {}

  template <int W2, bool S2>
  ap_int_base(const ap_bit_ref<W2, S2>& ref) : ap_int_base(ap_int_base<1, false>(ref.to_bool())) {}

  template <typename T, typename = typename std::enable_if<ap_emu::native_int<T>::value>::type>
  ap_int_base(T x) {
    if (ap_emu::native_int<T>::is_signed) {
      const std::int64_t s = static_cast<std::int64_t>(x);
      v_[0] = static_cast<ap_emu::limb_t>(s);
      for (int i = 1; i < num_limbs; ++i) v_[i] = s < 0 ? ~ap_emu::limb_t(0) : 0;
    } else {
      v_[0] = static_cast<ap_emu::limb_t>(x);
      for (int i = 1; i < num_limbs; ++i) v_[i] = 0;
    }
    emu_normalize();
  }

  ap_int_base(double d) { from_double(d); }
  ap_int_base(float f) { from_double(static_cast<double>(f)); }

  // ---- emulation internals (public so that every instantiation can reach every other) ----

  /// Limb i of the value, sign- or zero-extended beyond the stored limbs.
  ap_emu::limb_t emu_limb(int i) const {
    if (i < num_limbs) return v_[i];
    return emu_negative() ? ~ap_emu::limb_t(0) : 0;
  }
  void emu_set_limb(int i, ap_emu::limb_t value) { v_[i] = value; }
  bool emu_negative() const { return S && ((v_[num_limbs - 1] >> 63) & 1) != 0; }
  /// Re-establish the invariant: bits above W copy the sign bit (ap_int) or are zero (ap_uint).
  void emu_normalize() {
    const int used = W - 64 * (num_limbs - 1);  // 1..64 bits used in the top limb
    if (used < 64) {
      const ap_emu::limb_t mask = ap_emu::low_mask(used);
      ap_emu::limb_t& top = v_[num_limbs - 1];
      if (S && ((top >> ((used - 1) & 63)) & 1) != 0) {
        top |= ~mask;
      } else {
        top &= mask;
      }
    }
  }

  // ---- conversions ----
  int length() const { return W; }
  std::int64_t to_int64() const { return static_cast<std::int64_t>(v_[0]); }
  std::uint64_t to_uint64() const { return v_[0]; }
  long long to_long_long() const { return static_cast<long long>(v_[0]); }
  int to_int() const { return static_cast<int>(static_cast<std::int64_t>(v_[0])); }
  unsigned to_uint() const { return static_cast<unsigned>(v_[0]); }
  long to_long() const { return static_cast<long>(static_cast<std::int64_t>(v_[0])); }
  unsigned long to_ulong() const { return static_cast<unsigned long>(v_[0]); }
  bool to_bool() const {
    for (int i = 0; i < num_limbs; ++i)
      if (v_[i] != 0) return true;
    return false;
  }
  explicit operator bool() const { return to_bool(); }
  double to_double() const {
    ap_emu::limb_t mag[num_limbs];
    const bool neg = magnitude(mag);
    double d = 0.0;
    for (int i = num_limbs - 1; i >= 0; --i) d = d * 18446744073709551616.0 + static_cast<double>(mag[i]);
    return neg ? -d : d;
  }
  float to_float() const { return static_cast<float>(to_double()); }

  /// Exact decimal representation (used by operator<<).
  std::string emu_decimal() const {
    ap_emu::limb_t mag[num_limbs];
    const bool neg = magnitude(mag);
    std::string digits;
    const ap_emu::limb_t chunk = 10000000000000000000ULL;  // 10^19
    for (;;) {
      bool zero = true;
      for (int i = 0; i < num_limbs; ++i)
        if (mag[i] != 0) zero = false;
      if (zero) break;
      ap_emu::wide_t rem = 0;
      for (int i = num_limbs - 1; i >= 0; --i) {
        const ap_emu::wide_t cur = (rem << 64) | mag[i];
        mag[i] = static_cast<ap_emu::limb_t>(cur / chunk);
        rem = cur % chunk;
      }
      ap_emu::limb_t r = static_cast<ap_emu::limb_t>(rem);
      bool more = false;
      for (int i = 0; i < num_limbs; ++i)
        if (mag[i] != 0) more = true;
      for (int k = 0; k < 19 && (more || r != 0); ++k) {
        digits.push_back(static_cast<char>('0' + r % 10));
        r /= 10;
      }
    }
    if (digits.empty()) digits = "0";
    if (neg) digits.push_back('-');
    return std::string(digits.rbegin(), digits.rend());
  }

  // ---- bit access ----
  ap_range_ref<W, S> range(int hi, int lo) { return ap_range_ref<W, S>(this, hi, lo); }
  ap_range_ref<W, S> range(int hi, int lo) const {
    return ap_range_ref<W, S>(const_cast<ap_int_base*>(this), hi, lo);
  }
  ap_range_ref<W, S> operator()(int hi, int lo) { return range(hi, lo); }
  ap_range_ref<W, S> operator()(int hi, int lo) const { return range(hi, lo); }
  ap_bit_ref<W, S> operator[](int i) { return ap_bit_ref<W, S>(this, i); }
  ap_bit_ref<W, S> operator[](int i) const { return ap_bit_ref<W, S>(const_cast<ap_int_base*>(this), i); }
  bool get_bit(int i) const {
    check_index(i);
    return ((v_[i / 64] >> (i % 64)) & 1) != 0;
  }
  void set_bit(int i, bool b) {
    check_index(i);
    const ap_emu::limb_t m = ap_emu::limb_t(1) << (i % 64);
    if (b) {
      v_[i / 64] |= m;
    } else {
      v_[i / 64] &= ~m;
    }
    emu_normalize();
  }

  // ---- unary operators ----
  ap_int_base<W + 1, true> operator-() const {
    return ap_emu::sub<ap_int_base<W + 1, true> >(ap_int_base<1, false>(0), *this);
  }
  ap_int_base operator+() const { return *this; }
  ap_int_base operator~() const {
    ap_int_base r;
    for (int i = 0; i < num_limbs; ++i) r.v_[i] = ~v_[i];
    r.emu_normalize();
    return r;
  }
  bool operator!() const { return !to_bool(); }

  // ---- compound assignment (wraps into this type) ----
  template <typename X>
  ap_int_base& operator+=(const X& x) {
    *this = ap_int_base(*this + x);
    return *this;
  }
  template <typename X>
  ap_int_base& operator-=(const X& x) {
    *this = ap_int_base(*this - x);
    return *this;
  }
  template <typename X>
  ap_int_base& operator*=(const X& x) {
    *this = ap_int_base(*this * x);
    return *this;
  }
  template <typename X>
  ap_int_base& operator&=(const X& x) {
    *this = ap_int_base(*this & x);
    return *this;
  }
  template <typename X>
  ap_int_base& operator|=(const X& x) {
    *this = ap_int_base(*this | x);
    return *this;
  }
  template <typename X>
  ap_int_base& operator^=(const X& x) {
    *this = ap_int_base(*this ^ x);
    return *this;
  }
  template <typename X>
  ap_int_base& operator<<=(const X& n) {
    *this = *this << n;
    return *this;
  }
  template <typename X>
  ap_int_base& operator>>=(const X& n) {
    *this = *this >> n;
    return *this;
  }
  ap_int_base& operator++() { return *this += 1; }
  ap_int_base& operator--() { return *this -= 1; }
  ap_int_base operator++(int) {
    const ap_int_base old = *this;
    *this += 1;
    return old;
  }
  ap_int_base operator--(int) {
    const ap_int_base old = *this;
    *this -= 1;
    return old;
  }

  // ---- shifts (same type as this; used by the free operators) ----
  ap_int_base emu_shift_left(long long n) const {
    if (n < 0) return emu_shift_right(-n);
    ap_int_base r;
    if (n >= W) return r;
    const int ls = static_cast<int>(n / 64);
    const int bs = static_cast<int>(n % 64);
    for (int i = num_limbs - 1; i >= 0; --i) {
      const int src = i - ls;
      ap_emu::limb_t x = 0;
      if (src >= 0) {
        x = v_[src] << bs;
        if (bs != 0 && src - 1 >= 0) x |= v_[src - 1] >> (64 - bs);
      }
      r.v_[i] = x;
    }
    r.emu_normalize();
    return r;
  }
  ap_int_base emu_shift_right(long long n) const {
    if (n < 0) return emu_shift_left(-n);
    const long long limit = 64LL * num_limbs;
    ap_int_base r;
    if (n >= limit) n = limit;  // every bit becomes the extension
    const int ls = static_cast<int>(n / 64);
    const int bs = static_cast<int>(n % 64);
    for (int i = 0; i < num_limbs; ++i) {
      ap_emu::limb_t x = emu_limb(i + ls) >> bs;
      if (bs != 0) x |= emu_limb(i + ls + 1) << (64 - bs);
      r.v_[i] = x;
    }
    r.emu_normalize();
    return r;
  }

 private:
  void check_index(int i) const {
    if (i < 0 || i >= W) throw std::out_of_range("ap_int bit index out of range");
  }

  // |value| into mag (num_limbs limbs, unsigned); returns true if the value is negative.
  bool magnitude(ap_emu::limb_t* mag) const {
    const bool neg = emu_negative();
    ap_emu::limb_t carry = 1;
    for (int i = 0; i < num_limbs; ++i) {
      if (neg) {
        const ap_emu::limb_t x = ~v_[i];
        mag[i] = x + carry;
        carry = (carry != 0 && mag[i] == 0) ? 1 : 0;
      } else {
        mag[i] = v_[i];
      }
    }
    return neg;
  }

  void from_double(double d) {
    for (int i = 0; i < num_limbs; ++i) v_[i] = 0;
    if (!std::isfinite(d)) return;
    const double t = std::trunc(d);
    const bool neg = t < 0;
    const double m = neg ? -t : t;
    if (m < 9223372036854775808.0) {  // < 2^63: exact through int64
      const std::int64_t s = static_cast<std::int64_t>(t);
      v_[0] = static_cast<ap_emu::limb_t>(s);
      for (int i = 1; i < num_limbs; ++i) v_[i] = s < 0 ? ~ap_emu::limb_t(0) : 0;
      emu_normalize();
      return;
    }
    int e = 0;
    const double f = std::frexp(m, &e);  // m = f * 2^e, f in [0.5, 1)
    const ap_emu::limb_t mant = static_cast<ap_emu::limb_t>(std::ldexp(f, 53));
    const int shift = e - 53;  // >= 10 here
    const int ls = shift / 64;
    const int bs = shift % 64;
    if (ls < num_limbs) v_[ls] = mant << bs;
    if (bs != 0 && ls + 1 < num_limbs) v_[ls + 1] = mant >> (64 - bs);
    if (neg) {  // two's-complement negation across the limbs
      ap_emu::limb_t carry = 1;
      for (int i = 0; i < num_limbs; ++i) {
        const ap_emu::limb_t x = ~v_[i];
        v_[i] = x + carry;
        carry = (carry != 0 && v_[i] == 0) ? 1 : 0;
      }
    }
    emu_normalize();
  }

  ap_emu::limb_t v_[num_limbs];
};

template <int W, bool S>
const int ap_int_base<W, S>::width;
template <int W, bool S>
const bool ap_int_base<W, S>::sign_flag;
template <int W, bool S>
const int ap_int_base<W, S>::num_limbs;

template <int W>
class ap_int : public ap_int_base<W, true> {
 public:
  typedef ap_int_base<W, true> Base;
  ap_int() {}
  template <int W2, bool S2>
  ap_int(const ap_int_base<W2, S2>& x) : Base(x) {}
  template <int W2, bool S2>
  ap_int(const ap_range_ref<W2, S2>& x) : Base(x) {}
  template <int W2, bool S2>
  ap_int(const ap_bit_ref<W2, S2>& x) : Base(x) {}
  template <typename T, typename = typename std::enable_if<ap_emu::native_int<T>::value>::type>
  ap_int(T x) : Base(x) {}
  ap_int(double x) : Base(x) {}
  ap_int(float x) : Base(x) {}
};

template <int W>
class ap_uint : public ap_int_base<W, false> {
 public:
  typedef ap_int_base<W, false> Base;
  ap_uint() {}
  template <int W2, bool S2>
  ap_uint(const ap_int_base<W2, S2>& x) : Base(x) {}
  template <int W2, bool S2>
  ap_uint(const ap_range_ref<W2, S2>& x) : Base(x) {}
  template <int W2, bool S2>
  ap_uint(const ap_bit_ref<W2, S2>& x) : Base(x) {}
  template <typename T, typename = typename std::enable_if<ap_emu::native_int<T>::value>::type>
  ap_uint(T x) : Base(x) {}
  ap_uint(double x) : Base(x) {}
  ap_uint(float x) : Base(x) {}
};

/// Reference to bits hi..lo (hi >= lo) of an ap value. Reads as an unsigned value of the full
/// source width (so ap_int<8>(word.range(15, 8)) reinterprets those 8 bits as signed); writes take
/// the low (hi - lo + 1) bits of the assigned value (sign- or zero-extended first if it is
/// narrower, by its own signedness). Kernels only assign values of exactly the range's width.
template <int W, bool S>
class ap_range_ref {
 public:
  ap_range_ref(ap_int_base<W, S>* d, int hi, int lo) : d_(d), hi_(hi), lo_(lo) {
    if (lo < 0 || hi >= W || hi < lo) throw std::out_of_range("ap_int range(hi, lo) out of range or hi < lo");
  }
  ap_range_ref(const ap_range_ref&) = default;

  int length() const { return hi_ - lo_ + 1; }

  ap_int_base<W, false> get() const {
    ap_int_base<W, false> r;
    const int len = length();
    for (int pos = 0; pos < len; pos += 64) {
      const int n = ap_emu::min_int(64, len - pos);
      r.emu_set_limb(pos / 64, ap_emu::extract_bits(*d_, lo_ + pos, n));
    }
    r.emu_normalize();
    return r;
  }
  std::uint64_t to_uint64() const { return get().to_uint64(); }
  std::int64_t to_int64() const { return get().to_int64(); }
  unsigned to_uint() const { return get().to_uint(); }
  int to_int() const { return get().to_int(); }
  bool to_bool() const { return get().to_bool(); }

  template <int W2, bool S2>
  ap_range_ref& operator=(const ap_int_base<W2, S2>& value) {
    const int len = length();
    int pos = 0;
    while (pos < len) {
      const int dst = lo_ + pos;
      const int di = dst / 64;
      const int off = dst % 64;
      const int n = ap_emu::min_int(64 - off, len - pos);
      const ap_emu::limb_t mask = ap_emu::low_mask(n) << off;
      const ap_emu::limb_t bits = ap_emu::extract_bits(value, pos, n) << off;
      d_->emu_set_limb(di, (d_->emu_limb(di) & ~mask) | (bits & mask));
      pos += n;
    }
    d_->emu_normalize();
    return *this;
  }
  template <typename T, typename = typename std::enable_if<ap_emu::native_int<T>::value>::type>
  ap_range_ref& operator=(T value) {
    return *this = typename ap_emu::native_ap<T>::type(value);
  }
  template <int W2, bool S2>
  ap_range_ref& operator=(const ap_range_ref<W2, S2>& other) {
    return *this = other.get();
  }
  ap_range_ref& operator=(const ap_range_ref& other) { return *this = other.get(); }

 private:
  ap_int_base<W, S>* d_;
  int hi_;
  int lo_;
};

/// Reference to one bit of an ap value.
template <int W, bool S>
class ap_bit_ref {
 public:
  ap_bit_ref(ap_int_base<W, S>* d, int i) : d_(d), i_(i) {
    if (i < 0 || i >= W) throw std::out_of_range("ap_int bit index out of range");
  }
  ap_bit_ref(const ap_bit_ref&) = default;
  bool to_bool() const { return d_->get_bit(i_); }
  operator bool() const { return to_bool(); }
  ap_bit_ref& operator=(bool b) {
    d_->set_bit(i_, b);
    return *this;
  }
  ap_bit_ref& operator=(const ap_bit_ref& other) { return *this = other.to_bool(); }

 private:
  ap_int_base<W, S>* d_;
  int i_;
};

// ---- binary operators: ap op ap, ap op native, native op ap ----
#define SCANFLOW_AP_EMU_ARITH(OP, KIND, CALL)                                                              \
  template <int W1, bool S1, int W2, bool S2>                                                             \
  inline typename ap_emu::result<W1, S1, W2, S2>::KIND operator OP(const ap_int_base<W1, S1>& a,          \
                                                                   const ap_int_base<W2, S2>& b) {        \
    typedef typename ap_emu::result<W1, S1, W2, S2>::KIND R;                                              \
    return CALL;                                                                                          \
  }                                                                                                       \
  template <int W1, bool S1, typename T>                                                                  \
  inline typename std::enable_if<ap_emu::native_int<T>::value,                                            \
                                 typename ap_emu::native_result<T, W1, S1>::right::KIND>::type            \
  operator OP(const ap_int_base<W1, S1>& a, T b) {                                                        \
    return a OP typename ap_emu::native_ap<T>::type(b);                                                   \
  }                                                                                                       \
  template <typename T, int W2, bool S2>                                                                  \
  inline typename std::enable_if<ap_emu::native_int<T>::value,                                            \
                                 typename ap_emu::native_result<T, W2, S2>::left::KIND>::type             \
  operator OP(T a, const ap_int_base<W2, S2>& b) {                                                        \
    return typename ap_emu::native_ap<T>::type(a) OP b;                                                   \
  }

SCANFLOW_AP_EMU_ARITH(+, plus, (ap_emu::add<R>(a, b)))
SCANFLOW_AP_EMU_ARITH(-, minus, (ap_emu::sub<R>(a, b)))
SCANFLOW_AP_EMU_ARITH(*, mult, (ap_emu::mul<R>(a, b)))
SCANFLOW_AP_EMU_ARITH(&, logic, (ap_emu::logic<R>(a, b, ap_emu::op_and)))
SCANFLOW_AP_EMU_ARITH(|, logic, (ap_emu::logic<R>(a, b, ap_emu::op_or)))
SCANFLOW_AP_EMU_ARITH(^, logic, (ap_emu::logic<R>(a, b, ap_emu::op_xor)))
#undef SCANFLOW_AP_EMU_ARITH

#define SCANFLOW_AP_EMU_COMPARE(OP)                                                                       \
  template <int W1, bool S1, int W2, bool S2>                                                             \
  inline bool operator OP(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {                   \
    return ap_emu::compare(a, b) OP 0;                                                                    \
  }                                                                                                       \
  template <int W1, bool S1, typename T>                                                                  \
  inline typename std::enable_if<ap_emu::native_int<T>::value, bool>::type operator OP(                   \
      const ap_int_base<W1, S1>& a, T b) {                                                                \
    return ap_emu::compare(a, typename ap_emu::native_ap<T>::type(b)) OP 0;                               \
  }                                                                                                       \
  template <typename T, int W2, bool S2>                                                                  \
  inline typename std::enable_if<ap_emu::native_int<T>::value, bool>::type operator OP(                   \
      T a, const ap_int_base<W2, S2>& b) {                                                                \
    return ap_emu::compare(typename ap_emu::native_ap<T>::type(a), b) OP 0;                               \
  }

SCANFLOW_AP_EMU_COMPARE(==)
SCANFLOW_AP_EMU_COMPARE(!=)
SCANFLOW_AP_EMU_COMPARE(<)
SCANFLOW_AP_EMU_COMPARE(<=)
SCANFLOW_AP_EMU_COMPARE(>)
SCANFLOW_AP_EMU_COMPARE(>=)
#undef SCANFLOW_AP_EMU_COMPARE

template <int W, bool S, typename T>
inline typename std::enable_if<ap_emu::native_int<T>::value, ap_int_base<W, S> >::type operator<<(
    const ap_int_base<W, S>& a, T n) {
  return a.emu_shift_left(static_cast<long long>(n));
}
template <int W, bool S, typename T>
inline typename std::enable_if<ap_emu::native_int<T>::value, ap_int_base<W, S> >::type operator>>(
    const ap_int_base<W, S>& a, T n) {
  return a.emu_shift_right(static_cast<long long>(n));
}
template <int W, bool S, int W2, bool S2>
inline ap_int_base<W, S> operator<<(const ap_int_base<W, S>& a, const ap_int_base<W2, S2>& n) {
  return a.emu_shift_left(n.to_int64());
}
template <int W, bool S, int W2, bool S2>
inline ap_int_base<W, S> operator>>(const ap_int_base<W, S>& a, const ap_int_base<W2, S2>& n) {
  return a.emu_shift_right(n.to_int64());
}

template <int W, bool S>
inline std::ostream& operator<<(std::ostream& os, const ap_int_base<W, S>& x) {
  return os << x.emu_decimal();
}

#endif  // SCANFLOW_EMU_AP_INT_H
