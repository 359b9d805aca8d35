#pragma once
// e^x several values at a time in plain arithmetic (GCC/Clang vector extensions), for the softmax
// of long rows, where glibc's scalar exp was half the instructions of a temperature change at
// 2,048 tokens.
//
// e^x = 2^k · e^r with k = round(x / ln 2) and r = x − k·ln 2 (Cody–Waite: ln 2 split into a high
// part with 32 significant bits, so k·ln2Hi is exact, and a low part), |r| ≤ 0.3466;
// e^r = 1 + (r + r²·P(r)), P the Taylor series of (e^r − 1 − r) / r² to degree 11 (the series'
// remainder is below 4e−18), evaluated by Estrin's scheme; 2^k applied as two exact powers of two,
// so a subnormal result is rounded once. Inputs are clamped to [−746, 710]: −∞ and anything at or
// below −746 give +0, 710 and above +∞, NaN stays NaN.
//
// The same x gives the same bits in every lane, at every position of an array, on every thread and
// whatever the vector width the code is compiled for (SSE2 on baseline x86-64, AVX2 in a function
// marked [[gnu::target("avx2")]], AVX-512 on Vec8 in one marked [[gnu::target("avx512f")]], in a file
// compiled with -ffp-contract=off since AVX-512F has FMA): every lane does the same IEEE operations, and none is fused (no
// FMA is enabled; an -march=native build may let the compiler fuse, which can change last bits
// between builds, never between runs). Within 1 ulp of glibc's std::exp on the inputs of
// tests/engine/core/test_vector_exp.cpp.

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace aimath::vexp {

/// Four doubles: two SSE2 registers on baseline x86-64, one AVX register where AVX is enabled.
typedef double Vec4 __attribute__((vector_size(32)));
typedef std::int64_t IVec4 __attribute__((vector_size(32)));
/// Eight doubles: one AVX-512 register, in functions marked [[gnu::target("avx512f")]] only (by
/// reference, like Vec4; nothing outside such functions touches one).
typedef double Vec8 __attribute__((vector_size(64)));
typedef std::int64_t IVec8 __attribute__((vector_size(64)));

namespace detail {
template <class V>
struct IntLanes;
template <>
struct IntLanes<Vec4> {
    using type = IVec4;
};
template <>
struct IntLanes<Vec8> {
    using type = IVec8;
};
}  // namespace detail

inline constexpr double kExpMin = -746.0;  ///< e^−746 < 2^−1075: rounds to +0
inline constexpr double kExpMax = 710.0;   ///< e^710 > DBL_MAX: +∞

// Vectors are passed by reference: by value they would change the ABI between SSE2 and AVX code.
[[gnu::always_inline]] inline void load(Vec4& v, const double* p) { std::memcpy(&v, p, sizeof v); }
[[gnu::always_inline]] inline void store(double* p, const Vec4& v) { std::memcpy(p, &v, sizeof v); }
[[gnu::always_inline]] inline void load(Vec8& v, const double* p) { std::memcpy(&v, p, sizeof v); }
[[gnu::always_inline]] inline void store(double* p, const Vec8& v) { std::memcpy(p, &v, sizeof v); }

/// x[i] ← e^{x[i]} in every lane of the N vectors (method and range: see the file comment), V
/// Vec4 or Vec8 (the same operations in every lane, so the same bits). Each
/// step is done for all N before the next, so N independent chains of dependent operations run
/// side by side (one vector at a time left the core waiting on its chain, no faster than glibc).
template <class V, int N>
[[gnu::always_inline]] inline void exp(V (&x)[N])
{
    using IV = typename detail::IntLanes<V>::type;
    constexpr double kShifter = 0x1.8p52;  // adding 1.5·2^52 rounds to an integer (ties to even) in the low bits
    V k[N], r[N], r2[N], p[N];
    IV ki[N];
    for (int i = 0; i < N; ++i) {
        // Comparisons with NaN are false, so NaN passes both clamps unchanged.
        x[i] = kExpMin > x[i] ? kExpMin : x[i];
        x[i] = kExpMax < x[i] ? kExpMax : x[i];
    }
    for (int i = 0; i < N; ++i) {
        const V kd = x[i] * 0x1.71547652b82fep0 + kShifter;  // x · log2(e), rounded to an integer
        ki[i] = __builtin_bit_cast(IV, kd) - __builtin_bit_cast(std::int64_t, kShifter);
        k[i] = kd - kShifter;
    }
    for (int i = 0; i < N; ++i)
        r[i] = (x[i] - k[i] * 0x1.62e42feep-1) - k[i] * 0x1.a39ef35793c76p-33;  // ln 2 = hi + lo
    // P(r) = (e^r − 1 − r) / r² = Σ_{j=0…11} r^j / (j+2)!
    for (int i = 0; i < N; ++i) {
        r2[i] = r[i] * r[i];
        const V r4 = r2[i] * r2[i];
        const V q0 = 1.0 / 2.0 + r[i] * (1.0 / 6.0);
        const V q1 = 1.0 / 24.0 + r[i] * (1.0 / 120.0);
        const V q2 = 1.0 / 720.0 + r[i] * (1.0 / 5040.0);
        const V q3 = 1.0 / 40320.0 + r[i] * (1.0 / 362880.0);
        const V q4 = 1.0 / 3628800.0 + r[i] * (1.0 / 39916800.0);
        const V q5 = 1.0 / 479001600.0 + r[i] * (1.0 / 6227020800.0);
        const V s0 = q0 + q1 * r2[i], s1 = q2 + q3 * r2[i], s2 = q4 + q5 * r2[i];
        p[i] = (s0 + s1 * r4) + s2 * (r4 * r4);
    }
    for (int i = 0; i < N; ++i) {
        const V er = 1.0 + (r[i] + r2[i] * p[i]);
        // k ∈ [−1076, 1024] as two halves k1 + k2, each a normal power of two: er · 2^k1 is
        // exact, the second product rounds once (into the subnormals when the result is that small).
        const V hd = k[i] * 0.5 + kShifter;
        const IV k1 = __builtin_bit_cast(IV, hd) - __builtin_bit_cast(std::int64_t, kShifter);
        const IV k2 = ki[i] - k1;
        const IV b1 = (k1 + 1023) << 52, b2 = (k2 + 1023) << 52;
        x[i] = (er * __builtin_bit_cast(V, b1)) * __builtin_bit_cast(V, b2);
    }
}

/// y_i = e^{x_i} for i < n (y may be x), through exp() N vectors at a time; a tail shorter than
/// that goes through it padded, so every value gets the same bits wherever it sits.
template <int N>
[[gnu::always_inline]] inline void expArrayN(const double* x, double* y, std::ptrdiff_t n)
{
    constexpr std::ptrdiff_t kStep = 4 * N;
    for (std::ptrdiff_t i = 0; i < n; i += kStep) {
        const std::ptrdiff_t m = n - i < kStep ? n - i : kStep;
        double buf[kStep] = {};
        const double* src = x + i;
        if (m < kStep) {
            std::memcpy(buf, src, static_cast<std::size_t>(m) * sizeof(double));
            src = buf;
        }
        Vec4 v[N];
        for (int j = 0; j < N; ++j)
            load(v[j], src + 4 * j);
        exp(v);
        double* dst = m < kStep ? buf : y + i;
        for (int j = 0; j < N; ++j)
            store(dst + 4 * j, v[j]);
        if (m < kStep)
            std::memcpy(y + i, buf, static_cast<std::size_t>(m) * sizeof(double));
    }
}

/// y_i = e^{x_i} for i < n (y may be x), on AVX2 when cpu::avx2Allowed() (engine/core/cpu_state.h),
/// else on SSE2; both give the same bits.
void expArray(const double* x, double* y, std::ptrdiff_t n);

/// True when the AVX2 copies of the vectorised kernels run: cpu::avx2Allowed() (the CPU has AVX2
/// and FMA, and AIMATH_NO_AVX2 does not force the baseline).
bool useAvx2();
/// True when the AVX-512 copies (attention's rows) run: cpu::avx512Allowed().
bool useAvx512();

namespace detail {
void expArrayBaseline(const double* x, double* y, std::ptrdiff_t n);
/// Only on a CPU with AVX2 (useAvx2() or __builtin_cpu_supports("avx2")).
void expArrayAvx2(const double* x, double* y, std::ptrdiff_t n);
}  // namespace detail

}  // namespace aimath::vexp
