#include "engine/numerics/float_format.h"

#include "engine/core/cpu_state.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <optional>
#include <system_error>
#include <thread>

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#endif

namespace aimath::numerics {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// 2^k for any k a double can hold as a normal number; ldexp elsewhere.
inline double pow2(int k)
{
    if (k >= -1022 && k <= 1023)
        return std::bit_cast<double>(static_cast<std::uint64_t>(k + 1023) << 52);
    return std::ldexp(1.0, k);
}

// ⌊log2 a⌋ for finite a > 0 (exact, subnormals included).
inline int exponentOf(double a)
{
    const auto bits = std::bit_cast<std::uint64_t>(a);
    const int biased = static_cast<int>((bits >> 52) & 0x7ff);
    return biased != 0 ? biased - 1023 : std::ilogb(a);
}

inline std::uint64_t mask(int bits) { return bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1; }

FloatFormat make(std::string id, int e, int m, int bias, SpecialValues s)
{
    FloatFormat f;
    f.id = std::move(id);
    f.exponentBits = e;
    f.mantissaBits = m;
    f.bias = bias;
    f.specials = s;
    return f;
}

}  // namespace

bool FloatFormat::hasNan() const { return nanCode().has_value(); }

int FloatFormat::minExponent() const { return specials == SpecialValues::ExponentOnly ? -bias : 1 - bias; }

int FloatFormat::maxExponent() const
{
    const int allOnes = (1 << exponentBits) - 1;
    switch (specials) {
    case SpecialValues::Ieee:
    case SpecialValues::ExponentOnly: return allOnes - 1 - bias;
    case SpecialValues::NanAllOnes:
        // With no mantissa bits the all-ones exponent has only the NaN code left.
        return mantissaBits == 0 ? allOnes - 1 - bias : allOnes - bias;
    case SpecialValues::Fnuz:
    case SpecialValues::None: return allOnes - bias;
    }
    return 0;
}

double FloatFormat::maxFinite() const
{
    // Largest significand: 2 − 2^−m, or 2 − 2^(1−m) when the all-ones mantissa is the NaN (E4M3FN).
    double significand = 2.0 - pow2(-mantissaBits);
    if (specials == SpecialValues::ExponentOnly)
        significand = 1.0;
    else if (specials == SpecialValues::NanAllOnes && mantissaBits > 0)
        significand = 2.0 - pow2(1 - mantissaBits);
    return significand * pow2(maxExponent());
}

double FloatFormat::minNormal() const { return pow2(minExponent()); }

double FloatFormat::minSubnormal() const
{
    return hasSubnormals() ? pow2(minExponent() - mantissaBits) : minNormal();
}

double FloatFormat::epsilon() const { return pow2(-mantissaBits); }

std::optional<std::uint64_t> FloatFormat::nanCode() const
{
    const std::uint64_t eAll = mask(exponentBits);
    switch (specials) {
    case SpecialValues::Ieee:
        if (mantissaBits == 0)
            return std::nullopt;
        return (eAll << mantissaBits) | (std::uint64_t{1} << (mantissaBits - 1));
    case SpecialValues::NanAllOnes: return (eAll << mantissaBits) | mask(mantissaBits);
    case SpecialValues::Fnuz: return std::uint64_t{1} << (exponentBits + mantissaBits);
    case SpecialValues::None: return std::nullopt;
    case SpecialValues::ExponentOnly: return eAll;
    }
    return std::nullopt;
}

const std::vector<std::string>& formatIds()
{
    static const std::vector<std::string> ids{"fp64",         "fp32",         "tf32",     "fp16",     "bf16",
                                              "fp8_e4m3",     "fp8_e5m2",     "fp8_e4m3fnuz", "fp8_e5m2fnuz",
                                              "fp6_e2m3",     "fp6_e3m2",     "fp4_e2m1", "e8m0"};
    return ids;
}

std::optional<FloatFormat> formatById(std::string_view id)
{
    using S = SpecialValues;
    if (id == "fp64") return make("fp64", 11, 52, 1023, S::Ieee);
    if (id == "fp32") return make("fp32", 8, 23, 127, S::Ieee);
    if (id == "tf32") return make("tf32", 8, 10, 127, S::Ieee);
    if (id == "fp16") return make("fp16", 5, 10, 15, S::Ieee);
    if (id == "bf16") return make("bf16", 8, 7, 127, S::Ieee);
    if (id == "fp8_e4m3") return make("fp8_e4m3", 4, 3, 7, S::NanAllOnes);
    if (id == "fp8_e5m2") return make("fp8_e5m2", 5, 2, 15, S::Ieee);
    if (id == "fp8_e4m3fnuz") return make("fp8_e4m3fnuz", 4, 3, 8, S::Fnuz);
    if (id == "fp8_e5m2fnuz") return make("fp8_e5m2fnuz", 5, 2, 16, S::Fnuz);
    if (id == "fp6_e2m3") return make("fp6_e2m3", 2, 3, 1, S::None);
    if (id == "fp6_e3m2") return make("fp6_e3m2", 3, 2, 3, S::None);
    if (id == "fp4_e2m1") return make("fp4_e2m1", 2, 1, 1, S::None);
    if (id == "e8m0") return make("e8m0", 8, 0, 127, S::ExponentOnly);
    return std::nullopt;
}

FloatFormat customFormat(int exponentBits, int mantissaBits)
{
    return make("custom", exponentBits, mantissaBits, (1 << (exponentBits - 1)) - 1, SpecialValues::Ieee);
}

// ---------------------------------------------------------------------------
// Rounding

Quantizer::Quantizer(FloatFormat format, Rounding rounding, Overflow overflow, std::uint64_t seed)
    : m_format(std::move(format)), m_rounding(rounding), m_overflow(overflow), m_state(seed)
{
    m_emin = m_format.minExponent();
    m_m = m_format.mantissaBits;
    m_max = m_format.maxFinite();
    m_minNormal = m_format.minNormal();
    const bool plain = rounding == Rounding::NearestEven && overflow == Overflow::Ieee && m_format.specials == SpecialValues::Ieee;
    if (plain && m_format.exponentBits == 11 && m_format.mantissaBits == 52)
        m_fast = Fast::Double;
    else if (plain && m_format.exponentBits == 8 && m_format.mantissaBits == 23)
        m_fast = Fast::Float;
    if (BitRounder::applies(m_format, rounding))
        m_bits.emplace(m_format, overflow);
}

void Quantizer::roundArray(const double* in, double* out, std::size_t n)
{
    if (m_fast == Fast::Double)
        std::copy(in, in + n, out);
    else if (m_bits)
        m_bits->round(in, out, n);
    else
        for (std::size_t i = 0; i < n; ++i)
            out[i] = roundSlow(in[i], 0.0);
}

bool BitRounder::applies(const FloatFormat& f, Rounding rounding)
{
    return rounding == Rounding::NearestEven && f.hasSign() && f.mantissaBits >= 1 && f.mantissaBits <= 51 && f.exponentBits >= 2 &&
           f.exponentBits <= 11 && f.minExponent() >= -1022 && f.maxExponent() <= 1023;
}

BitRounder::BitRounder(const FloatFormat& f, Overflow overflow)
{
    const int m = f.mantissaBits;
    m_shift = 52 - m;
    m_dropMask = (std::uint64_t{1} << m_shift) - 1;
    m_keepMask = ~m_dropMask;
    m_halfMinusOne = (std::uint64_t{1} << (m_shift - 1)) - 1;
    m_magic = pow2(f.minExponent() - m + 52);
    m_minNormal = f.minNormal();
    m_max = f.maxFinite();
    m_negativeZero = f.hasNegativeZero();
    // Past the largest finite (inf inputs too), as Quantizer::roundSlow decides.
    const bool saturate = overflow == Overflow::Saturate || (!f.hasInf() && !f.hasNan());
    m_overflowIsNan = !saturate && !f.hasInf();
    m_overflowBits = saturate ? std::bit_cast<std::uint64_t>(m_max) : m_overflowIsNan ? kNanBits : kInfBits;
    m_signKeepIfZero = m_negativeZero ? kSignBit : 0;
    m_signKeepIfOver = m_overflowIsNan ? 0 : kSignBit;

    m_signCode = std::uint64_t{1} << (f.exponentBits + m);
    m_exponentRebias = static_cast<std::uint64_t>(1023 - f.bias) << m;
    m_nanCode = f.nanCode().value_or(0);
    m_overflowCode = saturate ? encodeValue(f, m_max) : m_overflowIsNan ? m_nanCode : mask(f.exponentBits) << m;
}

// The array loops, each compiled twice: as the build targets them (baseline x86-64) and with AVX2
// (4 lanes and the 64-bit compares SSE2 lacks), chosen per call by cpu::avx2Allowed(), so the build
// stays portable and AIMATH_NO_AVX2 forces the baseline here as everywhere (GCC's target_clones,
// used before, picks once at load time and cannot honour it). The same operations on every lane
// and none fused (AVX2 alone enables no FMA), so the same bits on either path.
#if defined(__GNUC__) && defined(__x86_64__)
#define AIMATH_FF_HAS_AVX2 1
#define AIMATH_FF_AVX2 [[gnu::target("avx2")]]
#else
#define AIMATH_FF_AVX2
#endif

struct BitKernels {
    [[gnu::always_inline]] static inline void roundLoop(const BitRounder& b, const double* in, double* out, std::size_t n)
    {
        // Members copied to locals: the compiler cannot otherwise tell that out[] does not overwrite them.
        const int shift = b.m_shift;
        const std::uint64_t halfMinusOne = b.m_halfMinusOne, keepMask = b.m_keepMask, overflowBits = b.m_overflowBits;
        const std::uint64_t keepZero = b.m_signKeepIfZero, keepOver = b.m_signKeepIfOver;
        const double magic = b.m_magic, minNormal = b.m_minNormal, max = b.m_max;
        for (std::size_t i = 0; i < n; ++i)
            out[i] = BitRounder::roundOne(in[i], shift, halfMinusOne, keepMask, magic, minNormal, max, overflowBits, keepZero, keepOver);
    }
    static void roundBaseline(const BitRounder& b, const double* in, double* out, std::size_t n) { roundLoop(b, in, out, n); }
    AIMATH_FF_AVX2 static void roundAvx2(const BitRounder& b, const double* in, double* out, std::size_t n) { roundLoop(b, in, out, n); }
    static void round(const BitRounder& b, const double* in, double* out, std::size_t n)
    {
        (cpu::avx2Allowed() ? roundAvx2 : roundBaseline)(b, in, out, n);
    }

    template <class Code>
    [[gnu::always_inline]] static inline void encode(const BitRounder& b, const double* in, Code* out, std::size_t n)
    {
        using B = BitRounder;
        const int shift = b.m_shift;
        const std::uint64_t halfMinusOne = b.m_halfMinusOne, keepMask = b.m_keepMask, rebias = b.m_exponentRebias;
        const std::uint64_t overflowCode = b.m_overflowCode, nanCode = b.m_nanCode, signCode = b.m_signCode;
        const std::uint64_t keepZero = b.m_signKeepIfZero ? signCode : 0, keepOver = b.m_signKeepIfOver ? signCode : 0;
        const double magic = b.m_magic, minNormal = b.m_minNormal, max = b.m_max;
        const std::uint64_t magicBits = std::bit_cast<std::uint64_t>(magic);
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t u = std::bit_cast<std::uint64_t>(in[i]);
            const std::uint64_t a = u & ~B::kSignBit;
            const double ad = std::bit_cast<double>(a);
            const std::uint64_t normal = (a + halfMinusOne + ((a >> shift) & 1u)) & keepMask;
            // Below the smallest normal the sum's mantissa is the subnormal code (2^m: rounded up to the min normal).
            const std::uint64_t subCode = std::bit_cast<std::uint64_t>(ad + magic) - magicBits;
            const std::uint64_t isSub = B::maskIf(ad < minNormal);
            const std::uint64_t normalCode = (normal >> shift) - rebias;
            const std::uint64_t over = B::maskIf(!(std::bit_cast<double>(normal) <= max)) & ~isSub;
            std::uint64_t c = B::select(isSub, subCode, normalCode);
            // Zero: the subnormal path's code 0 (the normal path never gives 0).
            const std::uint64_t zero = isSub & B::maskIf(ad + magic == magic);
            c = B::select(over, overflowCode, c);
            const std::uint64_t keep = B::select(over, keepOver, B::select(zero, keepZero, signCode));
            c |= B::maskIf((u >> 63) != 0) & keep;
            c = B::select(B::maskIf(ad != ad), nanCode, c);
            out[i] = static_cast<Code>(c);
        }
    }
    static void encode16Baseline(const BitRounder& b, const double* in, std::uint16_t* out, std::size_t n) { encode(b, in, out, n); }
    AIMATH_FF_AVX2 static void encode16Avx2(const BitRounder& b, const double* in, std::uint16_t* out, std::size_t n) { encode(b, in, out, n); }
    static void encode8Baseline(const BitRounder& b, const double* in, std::uint8_t* out, std::size_t n) { encode(b, in, out, n); }
    AIMATH_FF_AVX2 static void encode8Avx2(const BitRounder& b, const double* in, std::uint8_t* out, std::size_t n) { encode(b, in, out, n); }

    enum class Half { None, Bf16, Fp16 };
    /// bf16 or fp16 with IEEE overflow (to inf) and NaN: the formats encodeHalfAvx2 converts.
    static Half halfKind(const BitRounder& b)
    {
        if (b.m_overflowIsNan || b.m_overflowBits != BitRounder::kInfBits || b.m_signCode != 0x8000u || !b.m_negativeZero)
            return Half::None;
        if (b.m_shift == 52 - 7 && b.m_exponentRebias == (std::uint64_t{1023 - 127} << 7) && b.m_nanCode == 0x7fc0u && b.m_overflowCode == 0x7f80u)
            return Half::Bf16;
        if (b.m_shift == 52 - 10 && b.m_exponentRebias == (std::uint64_t{1023 - 15} << 10) && b.m_nanCode == 0x7e00u && b.m_overflowCode == 0x7c00u)
            return Half::Fp16;
        return Half::None;
    }

#ifdef AIMATH_FF_HAS_AVX2
    /// Four doubles rounded to float with round-to-odd, as float bit patterns: the float truncated towards
    /// zero (vcvtpd2ps, which rounds as MXCSR says: the caller sets round-toward-zero) with its last bit
    /// set when inexact. Float keeps at least 2 more bits than bf16 or fp16 at every magnitude either can
    /// hold, so rounding this to nearest-even gives the double's own nearest-even code (one rounding,
    /// as encodeValue). Beyond float's range the result is ±FLT_MAX (odd), which rounds to ±inf.
    /// (Before: nearest-even, then one step back where it rounded away, the same bits with five more
    /// instructions per four values; 15% of the time of a bf16 conversion.)
    [[gnu::target("avx2,f16c"), gnu::always_inline]] static inline __m128i roundToOddFloat(const double* p)
    {
        const __m256d x = _mm256_loadu_pd(p);
        const __m128 f = _mm256_cvtpd_ps(x);
        const __m256d inexact = _mm256_cmp_pd(_mm256_cvtps_pd(f), x, _CMP_NEQ_UQ);
        // the 64-bit lane mask as 32-bit ones (the low halves of each lane, in order)
        const __m256i low = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
        const __m128i inexact32 = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(_mm256_castpd_si256(inexact), low));
        return _mm_or_si128(_mm_castps_si128(f), _mm_and_si128(inexact32, _mm_set1_epi32(1)));
    }

    /// MXCSR for the loop below: round toward zero, every exception masked, no flush-to-zero and no
    /// denormals-are-zero (whatever the caller's thread had), so the same bits on every thread.
    static constexpr unsigned kTowardZeroCsr = 0x1f80u | 0x6000u;

    /// The whole groups of 8 of encodeHalfAvx2; returns how many values it converted. Only with
    /// kTowardZeroCsr in MXCSR. Not inlined, so that no conversion moves across the caller's MXCSR writes.
    template <Half kind>
    [[gnu::target("avx2,f16c"), gnu::noinline]] static std::size_t encodeHalfEights(const BitRounder& b, const double* in, std::uint16_t* out,
                                                                                   std::size_t n)
    {
        const __m256i nan = _mm256_set1_epi32(static_cast<int>(b.m_nanCode));
        const __m256i roundBias = _mm256_set1_epi32(0x7fff), one = _mm256_set1_epi32(1);
        std::size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            const __m256i r = _mm256_set_m128i(roundToOddFloat(in + i + 4), roundToOddFloat(in + i));
            const __m256 rf = _mm256_castsi256_ps(r);
            const __m256i isNan = _mm256_castps_si256(_mm256_cmp_ps(rf, rf, _CMP_UNORD_Q));  // NaN in, NaN here
            __m128i codes;
            if constexpr (kind == Half::Bf16) {
                // nearest-even on the top 16 bits of the float (the carry may reach the exponent, up to inf)
                const __m256i lsb = _mm256_and_si256(_mm256_srli_epi32(r, 16), one);
                __m256i c = _mm256_srli_epi32(_mm256_add_epi32(_mm256_add_epi32(r, roundBias), lsb), 16);
                c = _mm256_blendv_epi8(c, nan, isNan);
                codes = _mm_packus_epi32(_mm256_castsi256_si128(c), _mm256_extracti128_si256(c, 1));
            } else {
                // F16C rounds float to fp16 to nearest-even with IEEE subnormals and overflow to inf
                const __m128i h = _mm256_cvtps_ph(rf, _MM_FROUND_TO_NEAREST_INT);
                const __m128i nan16 = _mm_packs_epi32(_mm256_castsi256_si128(isNan), _mm256_extracti128_si256(isNan, 1));
                codes = _mm_blendv_epi8(h, _mm_set1_epi16(static_cast<short>(b.m_nanCode)), nan16);
            }
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), codes);
        }
        return i;
    }

    /// encode() for bf16 or fp16 with AVX2 (+ F16C for fp16), 8 values at a time; the same codes as the
    /// generic loop, which takes the last n mod 8 values in the caller's rounding mode.
    template <Half kind>
    static void encodeHalfAvx2(const BitRounder& b, const double* in, std::uint16_t* out, std::size_t n)
    {
        const unsigned csr = _mm_getcsr();
        _mm_setcsr(kTowardZeroCsr);
        const std::size_t done = encodeHalfEights<kind>(b, in, out, n);
        _mm_setcsr(csr);
        encode16Avx2(b, in + done, out + done, n - done);
    }
#endif

    static void encode16(const BitRounder& b, const double* in, std::uint16_t* out, std::size_t n)
    {
#ifdef AIMATH_FF_HAS_AVX2
        const Half kind = cpu::f16cAllowed() ? halfKind(b) : Half::None;
        if (kind == Half::Bf16)
            return encodeHalfAvx2<Half::Bf16>(b, in, out, n);
        if (kind == Half::Fp16)
            return encodeHalfAvx2<Half::Fp16>(b, in, out, n);
#endif
        (cpu::avx2Allowed() ? encode16Avx2 : encode16Baseline)(b, in, out, n);
    }
    static void encode8(const BitRounder& b, const double* in, std::uint8_t* out, std::size_t n)
    {
        (cpu::avx2Allowed() ? encode8Avx2 : encode8Baseline)(b, in, out, n);
    }
};

const char* bitKernelsName()
{
    if (cpu::f16cAllowed())
        return "avx2+f16c";
    return cpu::avx2Allowed() ? "avx2" : "baseline";
}

namespace {

// Long arrays on two threads, the second half on a helper thread. One core converts 10^7 doubles to
// bf16 in about 13 ms, most of it waiting for memory, and a second core's loads run alongside
// (measured: 13.5 → 9.5 ms with the other core busy with a compiler). Below 2^20 values (about 1 ms)
// a thread's start is not worth it. The split falls on a multiple of 64 values, so the halves never
// write the same cache line. (Torch's cast runs on one thread on this machine: at::get_num_threads() = 1.)
constexpr std::size_t kTwoThreadValues = std::size_t{1} << 20;

template <class F>
void onTwoThreads(std::size_t n, const F& part)
{
    static const bool twoCores = std::thread::hardware_concurrency() > 1;
    if (n < kTwoThreadValues || !twoCores) {
        part(std::size_t{0}, n);
        return;
    }
    const std::size_t split = (n / 2) & ~std::size_t{63};
    std::optional<std::thread> helper;
    try {
        helper.emplace(part, split, n);
    } catch (const std::system_error&) {
        part(split, n);  // no thread to be had: this one does both halves
    }
    part(std::size_t{0}, split);
    if (helper)
        helper->join();
}

}  // namespace

void BitRounder::round(const double* in, double* out, std::size_t n) const
{
    onTwoThreads(n, [&](std::size_t begin, std::size_t end) { BitKernels::round(*this, in + begin, out + begin, end - begin); });
}
void BitRounder::encode(const double* in, std::uint16_t* out, std::size_t n) const
{
    onTwoThreads(n, [&](std::size_t begin, std::size_t end) { BitKernels::encode16(*this, in + begin, out + begin, end - begin); });
}
void BitRounder::encode(const double* in, std::uint8_t* out, std::size_t n) const
{
    onTwoThreads(n, [&](std::size_t begin, std::size_t end) { BitKernels::encode8(*this, in + begin, out + begin, end - begin); });
}

double Quantizer::nextUniform()
{
    // splitmix64: small, seeded, identical on every platform.
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) * 0x1.0p-53;
}

double Quantizer::roundPair(double hi, double lo)
{
    if (m_fast == Fast::Double)
        return hi;  // hi is already the double nearest to hi + lo
    // A nonzero lo (|lo| ≤ ulp(hi)/2, far below half a quantum of the format) can only
    // change the result where hi is a tie itself; subnormal and non-finite hi take the generic path.
    if (m_bits && (lo == 0.0 || !m_bits->tieOrSubnormal(hi)))
        return m_bits->round(hi);  // fp32 too: same speed as a float cast, and the canonical NaN like the generic path
    return roundSlow(hi, lo);
}

double Quantizer::add(double a, double b)
{
    const double s = a + b;
    if (m_fast == Fast::Double)
        return s;
    if (m_fast == Fast::Float && static_cast<double>(static_cast<float>(a)) == a && static_cast<double>(static_cast<float>(b)) == b)
        return static_cast<double>(static_cast<float>(a) + static_cast<float>(b));
    if (!std::isfinite(s))
        return roundSlow(s, 0.0);
    // TwoSum (Knuth): s + err == a + b exactly.
    const double bb = s - a;
    const double err = (a - (s - bb)) + (b - bb);
    return roundPair(s, err);
}

double Quantizer::mul(double a, double b)
{
    const double p = a * b;
    if (m_fast == Fast::Double)
        return p;
    if (!std::isfinite(p) || p == 0.0)
        return roundSlow(p, 0.0);
    return roundPair(p, std::fma(a, b, -p));
}

double Quantizer::div(double a, double b)
{
    const double q = a / b;
    if (m_fast == Fast::Double)
        return q;
    if (!std::isfinite(q) || q == 0.0)
        return roundSlow(q, 0.0);
    // The remainder a − q·b is exact; its sign and size place a/b relative to q.
    const double r = std::fma(-q, b, a);
    return roundPair(q, r / b);
}

double Quantizer::roundSlow(double hi, double lo)
{
    const FloatFormat& f = m_format;
    if (std::isnan(hi))
        return kNan;
    const bool neg = std::signbit(hi);
    if (f.specials == SpecialValues::ExponentOnly && (neg || hi == 0.0))
        return kNan;  // E8M0 has no zero and no sign
    if (std::isinf(hi)) {
        if (m_overflow == Overflow::Saturate || (!f.hasInf() && !f.hasNan()))
            return neg ? -m_max : m_max;
        return f.hasInf() ? hi : kNan;
    }
    if (hi == 0.0)
        return f.hasNegativeZero() ? hi : 0.0;

    const double a = std::fabs(hi);
    const double b = neg ? -lo : lo;  // the exact magnitude is a + b
    int e = exponentOf(a);
    if (b < 0.0 && a == pow2(e))
        e -= 1;  // a + b lies just below the power of two: it belongs to the binade below
    const int qe = std::max(e, m_emin) - m_m;  // quantum 2^qe: the spacing of the format there
    const bool plainScale = qe > -1000 && qe < 1000;
    const double r = plainScale ? a * pow2(-qe) : std::ldexp(a, -qe);  // exact, below 2^54
    double n = static_cast<double>(static_cast<std::uint64_t>(r));  // ⌊r⌋ (r ≥ 0)
    const double fr = r - n;  // exact fraction in [0, 1)
    const double bs = b == 0.0 ? 0.0 : (plainScale ? b * pow2(-qe) : std::ldexp(b, -qe));
    const int bsign = (b > 0.0) - (b < 0.0);
    const bool below = fr == 0.0 && bsign < 0;  // the exact value is just under the integer n

    switch (m_rounding) {
    case Rounding::NearestEven: {
        double d;  // sign of (exact fraction − 1/2)
        if (below) {
            n -= 1.0;
            d = 0.5 + bs;
        } else if (fr == 0.5) {
            d = bsign;
        } else {
            d = (fr - 0.5) + bs;
        }
        if (d > 0.0 || (d == 0.0 && (static_cast<std::uint64_t>(n) & 1u)))
            n += 1.0;
        break;
    }
    case Rounding::TowardZero:
        if (below)
            n -= 1.0;
        break;
    case Rounding::Stochastic: {
        double frac = fr + bs;
        if (below) {
            n -= 1.0;
            frac = 1.0 + bs;
        }
        if (nextUniform() < frac)
            n += 1.0;
        break;
    }
    }

    double v = plainScale ? n * pow2(qe) : std::ldexp(n, qe);
    if (f.specials == SpecialValues::ExponentOnly && v < m_minNormal)
        v = m_minNormal;  // nothing smaller exists
    if (v > m_max) {
        if (m_rounding == Rounding::TowardZero || m_overflow == Overflow::Saturate || (!f.hasInf() && !f.hasNan()))
            v = m_max;
        else if (f.hasInf())
            v = std::numeric_limits<double>::infinity();
        else
            return kNan;
    }
    if (v == 0.0)
        return (neg && f.hasNegativeZero()) ? -0.0 : 0.0;
    return neg ? -v : v;
}

// ---------------------------------------------------------------------------
// Codes

std::uint64_t encodeValue(const FloatFormat& f, double v)
{
    const int k = f.exponentBits;
    const int m = f.mantissaBits;
    const std::uint64_t eAll = mask(k);
    if (std::isnan(v))
        return f.nanCode().value_or(0);
    if (f.specials == SpecialValues::ExponentOnly) {
        if (!(v > 0.0) || std::isinf(v))
            return eAll;
        const int e = std::clamp(exponentOf(v), -f.bias, static_cast<int>(eAll) - 1 - f.bias);
        return static_cast<std::uint64_t>(e + f.bias);
    }
    const std::uint64_t sign = std::signbit(v) ? std::uint64_t{1} << (k + m) : 0;
    const double a = std::fabs(v);
    if (a == 0.0)
        return f.hasNegativeZero() ? sign : 0;
    if (std::isinf(a)) {
        if (f.hasInf())
            return sign | (eAll << m);
        if (f.hasNan())
            return *f.nanCode();
        return sign | (eAll << m) | mask(m);
    }
    const int e = exponentOf(a);
    std::uint64_t E, M;
    if (e < f.minExponent()) {
        E = 0;
        M = static_cast<std::uint64_t>(std::ldexp(a, m - f.minExponent()));
    } else {
        E = static_cast<std::uint64_t>(e + f.bias);
        M = static_cast<std::uint64_t>(std::ldexp(a, m - e)) - (std::uint64_t{1} << m);
    }
    return sign | (E << m) | M;
}

double decode(const FloatFormat& f, std::uint64_t code)
{
    const int k = f.exponentBits;
    const int m = f.mantissaBits;
    const std::uint64_t eAll = mask(k);
    const std::uint64_t mAll = mask(m);
    const std::uint64_t E = (code >> m) & eAll;
    const std::uint64_t M = code & mAll;
    const bool s = f.hasSign() && ((code >> (k + m)) & 1u);
    switch (f.specials) {
    case SpecialValues::ExponentOnly:
        return E == eAll ? kNan : std::ldexp(1.0, static_cast<int>(E) - f.bias);
    case SpecialValues::Ieee:
        if (E == eAll)
            return M == 0 ? (s ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity()) : kNan;
        break;
    case SpecialValues::NanAllOnes:
        if (E == eAll && M == mAll)
            return kNan;
        break;
    case SpecialValues::Fnuz:
        if (s && E == 0 && M == 0)
            return kNan;
        break;
    case SpecialValues::None: break;
    }
    double mag;
    if (E == 0)
        mag = std::ldexp(static_cast<double>(M), 1 - f.bias - m);
    else
        mag = std::ldexp(static_cast<double>((std::uint64_t{1} << m) + M), static_cast<int>(E) - f.bias - m);
    return s ? -mag : mag;
}

std::uint64_t codeCount(const FloatFormat& f) { return std::uint64_t{1} << std::min(f.totalBits(), 63); }

std::string bitString(const FloatFormat& f, std::uint64_t code)
{
    std::string out;
    const int k = f.exponentBits;
    const int m = f.mantissaBits;
    if (f.hasSign()) {
        out += ((code >> (k + m)) & 1u) ? '1' : '0';
        out += ' ';
    }
    for (int i = k + m - 1; i >= m; --i)
        out += ((code >> i) & 1u) ? '1' : '0';
    if (m > 0) {
        out += ' ';
        for (int i = m - 1; i >= 0; --i)
            out += ((code >> i) & 1u) ? '1' : '0';
    }
    return out;
}

std::string hexString(const FloatFormat& f, std::uint64_t code)
{
    static const char* kDigits = "0123456789abcdef";
    const int digits = (f.totalBits() + 3) / 4;
    std::string out(static_cast<std::size_t>(digits), '0');
    for (int i = digits - 1; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = kDigits[code & 0xf];
        code >>= 4;
    }
    return "0x" + out;
}

double ulpAt(const FloatFormat& f, double v)
{
    if (!std::isfinite(v))
        return kNan;
    const double a = std::fabs(v);
    const int e = a == 0.0 ? f.minExponent() : exponentOf(a);
    return std::ldexp(1.0, std::max(e, f.minExponent()) - f.mantissaBits);
}

Inspection inspect(Quantizer& q, double x)
{
    const FloatFormat& f = q.format();
    Inspection out;
    out.input = x;
    out.stored = q.round(x);
    out.code = encodeValue(f, out.stored);
    out.hex = hexString(f, out.code);
    out.bits = bitString(f, out.code);
    if (std::isnan(out.stored))
        out.absError = kNan;
    else if (std::isinf(out.stored))
        out.absError = std::isinf(x) && x == out.stored ? 0.0 : std::numeric_limits<double>::infinity();
    else
        out.absError = std::fabs(out.stored - x);  // Sterbenz: exact when within a factor 2
    if (x == 0.0)
        out.relError = out.stored == 0.0 ? 0.0 : std::numeric_limits<double>::infinity();
    else if (std::isinf(x))
        out.relError = out.stored == x ? 0.0 : std::isnan(out.stored) ? out.absError : std::numeric_limits<double>::infinity();
    else
        out.relError = out.absError / std::fabs(x);
    out.ulp = ulpAt(f, out.stored);
    const double max = f.maxFinite();
    if (std::isfinite(x)) {
        if (!std::isfinite(out.stored))
            out.overflowed = true;
        else if (std::fabs(x) > max && std::fabs(out.stored) == max)
            out.overflowed = std::fabs(x) - max > ulpAt(f, max) / 2;
    }
    out.flushedToZero = x != 0.0 && out.stored == 0.0;
    out.subnormal = std::isfinite(out.stored) && out.stored != 0.0 && std::fabs(out.stored) < f.minNormal() && f.hasSubnormals();
    return out;
}

double roundViaFp32(const FloatFormat& f, double x)
{
    Quantizer toFp32(*formatById("fp32"));
    Quantizer toF(f);
    return toF.round(toFp32.round(x));
}

}  // namespace aimath::numerics
