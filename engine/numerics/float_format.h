#pragma once
// One description for every binary floating-point format the precision tab
// shows (fp64 down to fp4 and the E8M0 block scale), and exact conversion of
// any double into it: one rounding step, never through an intermediate format.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aimath::numerics {

/// How a format spends its top exponent codes (and its sign bit) on specials.
enum class SpecialValues {
    Ieee,          ///< all-ones exponent: mantissa 0 is ±inf, else NaN (fp64 … fp16, bf16, fp8 E5M2, custom)
    NanAllOnes,    ///< OCP E4M3FN: no inf, only S.1111.111 is NaN, all-ones exponent otherwise finite
    Fnuz,          ///< E4M3FNUZ/E5M2FNUZ: no inf, no negative zero, 0x80 is the only NaN
    None,          ///< OCP MX fp6/fp4: every code is a finite number
    ExponentOnly,  ///< E8M0: unsigned powers of two 2^(E-127), 0xFF is NaN, no zero
};

struct FloatFormat {
    std::string id;        ///< "fp16", "bf16", "custom", …
    int exponentBits = 8;
    int mantissaBits = 7;
    int bias = 127;
    SpecialValues specials = SpecialValues::Ieee;

    bool operator==(const FloatFormat&) const = default;

    int totalBits() const { return (hasSign() ? 1 : 0) + exponentBits + mantissaBits; }
    bool hasSign() const { return specials != SpecialValues::ExponentOnly; }
    bool hasInf() const { return specials == SpecialValues::Ieee; }
    /// IEEE-like formats without mantissa bits cannot encode a NaN.
    bool hasNan() const;
    bool hasSubnormals() const { return specials != SpecialValues::ExponentOnly; }
    bool hasNegativeZero() const { return specials != SpecialValues::Fnuz && specials != SpecialValues::ExponentOnly; }
    /// Exponent of the smallest normal number: 1 − bias (−bias for E8M0, whose code 0 is 2^−127).
    int minExponent() const;
    /// Exponent of the largest finite number.
    int maxExponent() const;
    /// Largest finite value.
    double maxFinite() const;
    /// Smallest positive normal value 2^minExponent.
    double minNormal() const;
    /// Smallest positive value: 2^(minExponent − mantissaBits) (the min normal when there are no subnormals).
    double minSubnormal() const;
    /// Machine epsilon: the gap between 1 and the next larger value, 2^−mantissaBits.
    double epsilon() const;
    /// The code whose value is NaN (canonical quiet NaN); nullopt when the format has none.
    std::optional<std::uint64_t> nanCode() const;
};

/// Ids of the named formats, in display order (without "custom").
const std::vector<std::string>& formatIds();
/// A named format ("fp16", "fp8_e4m3", …); nullopt for unknown ids and for "custom".
std::optional<FloatFormat> formatById(std::string_view id);
/// An IEEE-like format with the given field widths and bias 2^(e−1) − 1.
FloatFormat customFormat(int exponentBits, int mantissaBits);

enum class Rounding { NearestEven, TowardZero, Stochastic };
enum class Overflow {
    Ieee,      ///< past the largest finite: ±inf if the format has it, else NaN if it has one, else clamp
    Saturate,  ///< clamp to ±largest finite in every format (inf inputs too)
};

/// Round-to-nearest-even into one format by bit manipulation on the double's
/// pattern, bit for bit what Quantizer's generic path gives (tested on every
/// special case and millions of random doubles): add half a quantum minus one
/// plus the kept lowest bit, clear the dropped bits (a carry moves into the
/// exponent by itself); below the format's smallest normal, x + 2^(emin−m+52)
/// − 2^(emin−m+52) lets the FPU round at the fixed subnormal quantum (this
/// relies on the default rounding mode, as every float cast does). Branch-free,
/// so the array loops vectorise. Applies to nearest-even rounding of formats
/// with 1–51 mantissa bits and 2–11 exponent bits that have a sign (not E8M0).
class BitRounder {
public:
    static bool applies(const FloatFormat& f, Rounding rounding);
    /// Precondition: applies(f, Rounding::NearestEven).
    BitRounder(const FloatFormat& f, Overflow overflow);

    /// x rounded to the format (the double of equal value), as Quantizer::round.
    double round(double x) const { return roundOne(x, m_shift, m_halfMinusOne, m_keepMask, m_magic, m_minNormal, m_max, m_overflowBits, m_signKeepIfZero, m_signKeepIfOver); }

    /// Whether x + (something below half an ulp of x) may round differently from x:
    /// x is a tie of the format, or lies below its smallest normal, or is not finite.
    bool tieOrSubnormal(double x) const
    {
        const std::uint64_t a = std::bit_cast<std::uint64_t>(x) & ~kSignBit;
        return !(std::bit_cast<double>(a) >= m_minNormal && a < kInfBits) || (a & m_dropMask) == m_halfMinusOne + 1;
    }
    /// out[i] = round(in[i]) for n values (on two threads from 2^20 values on; the same bits).
    void round(const double* in, double* out, std::size_t n) const;
    /// The codes (as encodeValue gives them) of the rounded values; formats of at most 16 / 8 bits
    /// (on two threads from 2^20 values on).
    void encode(const double* in, std::uint16_t* out, std::size_t n) const;
    void encode(const double* in, std::uint8_t* out, std::size_t n) const;

private:
    // Branch-free with all comparisons on doubles (the patterns are of non-negative doubles), so
    // that GCC if-converts and vectorises the array loops (int64 compares would need SSE4).
    static std::uint64_t maskIf(bool c) { return -static_cast<std::uint64_t>(c); }
    static std::uint64_t select(std::uint64_t mask, std::uint64_t a, std::uint64_t b) { return (a & mask) | (b & ~mask); }
    static double roundOne(double x, int shift, std::uint64_t halfMinusOne, std::uint64_t keepMask, double magic, double minNormal,
                           double max, std::uint64_t overflowBits, std::uint64_t signKeepIfZero, std::uint64_t signKeepIfOver)
    {
        const std::uint64_t u = std::bit_cast<std::uint64_t>(x);
        const std::uint64_t sign = u & kSignBit;
        const std::uint64_t a = u ^ sign;
        const double ad = std::bit_cast<double>(a);
        const std::uint64_t normal = (a + halfMinusOne + ((a >> shift) & 1u)) & keepMask;
        const std::uint64_t sub = std::bit_cast<std::uint64_t>((ad + magic) - magic);
        std::uint64_t r = select(maskIf(ad < minNormal), sub, normal);
        const std::uint64_t over = maskIf(!(std::bit_cast<double>(r) <= max));  // also inf (rounded to a NaN pattern) and NaN
        r = select(over, overflowBits, r);
        // The sign goes back on, except on the canonical NaN and on the zero of formats without −0.
        const std::uint64_t keep = select(over, signKeepIfOver, select(maskIf(std::bit_cast<double>(r) == 0.0), signKeepIfZero, kSignBit));
        r |= sign & keep;
        r = select(maskIf(ad != ad), kNanBits, r);
        return std::bit_cast<double>(r);
    }
    friend struct BitKernels;

    static constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;
    static constexpr std::uint64_t kNanBits = 0x7ff8000000000000ULL;
    static constexpr std::uint64_t kInfBits = 0x7ff0000000000000ULL;

    int m_shift = 0;                  ///< 52 − m: dropped bits of the double's mantissa
    std::uint64_t m_halfMinusOne = 0; ///< 2^(shift−1) − 1
    std::uint64_t m_keepMask = 0;     ///< ~(2^shift − 1)
    std::uint64_t m_dropMask = 0;     ///< 2^shift − 1
    double m_magic = 0.0;             ///< 2^(emin − m + 52): its ulp is the subnormal quantum
    double m_minNormal = 0.0;         ///< 2^emin
    double m_max = 0.0;               ///< largest finite
    std::uint64_t m_overflowBits = 0; ///< |result| past the largest finite: inf, NaN or max
    bool m_overflowIsNan = false;
    bool m_negativeZero = true;
    std::uint64_t m_signKeepIfZero = 0;  ///< the sign bit when the format has −0, else 0
    std::uint64_t m_signKeepIfOver = 0;  ///< the sign bit unless overflow gives NaN
    // Codes
    std::uint64_t m_signCode = 0;     ///< the sign bit of a code
    std::uint64_t m_exponentRebias = 0;  ///< (1023 − bias) << m, subtracted from a normal's pattern >> shift
    std::uint64_t m_overflowCode = 0; ///< code (without sign) of the overflow result
    std::uint64_t m_nanCode = 0;
};

/// Which copies of BitRounder's array loops run: "avx2+f16c" (bf16 and fp16 by the hand-written
/// AVX2 + F16C kernel, the rest on AVX2), "avx2" (no F16C) or "baseline", as cpu::f16cAllowed() and
/// cpu::avx2Allowed() decide (engine/core/cpu_state.h); every path gives the same bits.
const char* bitKernelsName();

/// Rounds doubles (and exact sums, products and quotients of doubles) into one
/// format with one rounding step. Keeps the format's constants and, for
/// stochastic rounding, its own seeded random stream.
class Quantizer {
public:
    explicit Quantizer(FloatFormat format, Rounding rounding = Rounding::NearestEven, Overflow overflow = Overflow::Ieee,
                       std::uint64_t seed = 0);

    const FloatFormat& format() const { return m_format; }
    Rounding rounding() const { return m_rounding; }
    Overflow overflow() const { return m_overflow; }

    /// x rounded to the format (returned as the double of equal value).
    double round(double x) { return roundPair(x, 0.0); }
    /// The exact value hi + lo (|lo| ≤ ulp(hi)/2, as TwoSum gives) rounded once.
    double roundPair(double hi, double lo);
    /// a + b rounded once (exact sum via TwoSum, then one rounding).
    double add(double a, double b);
    /// a · b rounded once (exact product via fma).
    double mul(double a, double b);
    /// a / b rounded once (remainder via fma decides ties and truncation).
    double div(double a, double b);
    /// The generic exact path alone (no fast path), the reference the bit path is tested against.
    double roundPairGeneric(double hi, double lo) { return roundSlow(hi, lo); }
    /// The state of the stochastic-rounding stream (to save and resume a long computation).
    std::uint64_t randomState() const { return m_state; }
    void setRandomState(std::uint64_t state) { m_state = state; }
    /// Whether round() takes the bit path (BitRounder) for this format and rounding.
    bool usesBitPath() const { return m_bits.has_value(); }
    /// out[i] = round(in[i]) for n values (vectorised when the bit path applies).
    void roundArray(const double* in, double* out, std::size_t n);

private:
    enum class Fast { None, Double, Float };
    double roundSlow(double hi, double lo);
    double nextUniform();

    FloatFormat m_format;
    Rounding m_rounding;
    Overflow m_overflow;
    Fast m_fast = Fast::None;
    int m_emin = 0;
    int m_m = 0;
    double m_max = 0.0;
    double m_minNormal = 0.0;
    std::uint64_t m_state = 0;
    std::optional<BitRounder> m_bits;
};

/// The code of a value that is exactly representable in the format (a result of rounding);
/// ±inf map to the inf code, or NaN/±max where there is no inf; NaN maps to nanCode() (0 when none).
std::uint64_t encodeValue(const FloatFormat& f, double representable);
/// The value a code stands for (NaN for NaN codes), decoded field by field.
double decode(const FloatFormat& f, std::uint64_t code);
/// Number of codes, 2^totalBits (only meaningful up to 32 bits).
std::uint64_t codeCount(const FloatFormat& f);
/// "0 01111011 1001101": sign | exponent | mantissa fields of a code (no sign field for E8M0).
std::string bitString(const FloatFormat& f, std::uint64_t code);
/// "0x3dcd": the code in lower-case hex, as many digits as the width needs.
std::string hexString(const FloatFormat& f, std::uint64_t code);
/// Spacing between neighbouring representable numbers at |v|: 2^(max(⌊log2|v|⌋, emin) − m); NaN for inf/NaN.
double ulpAt(const FloatFormat& f, double v);

/// Everything the Inspect view shows about one value in one format.
struct Inspection {
    double input = 0.0;
    double stored = 0.0;       ///< the rounded value
    std::uint64_t code = 0;
    std::string hex;
    std::string bits;
    double absError = 0.0;     ///< |stored − input| (inf when stored is inf and input finite)
    double relError = 0.0;     ///< absError / |input| (0 for input 0 stored as 0)
    double ulp = 0.0;          ///< spacing at the stored value
    bool overflowed = false;   ///< rounded past the largest finite (inf, NaN or clamped)
    bool flushedToZero = false;///< non-zero input stored as zero
    bool subnormal = false;    ///< stored value is subnormal
};
/// Rounds x into the quantizer's format and describes the result.
Inspection inspect(Quantizer& q, double x);

/// The double-rounding trap: x rounded to fp32 first, then to f (both nearest-even).
double roundViaFp32(const FloatFormat& f, double x);

}  // namespace aimath::numerics
