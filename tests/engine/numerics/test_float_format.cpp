// The generic format conversion checked against independent references:
// Eigen's own Eigen::half / Eigen::bfloat16 (fp16, bf16), a brute-force
// nearest-neighbour search over every code (every format of 16 bits or fewer),
// a long-double reference rounding (exact sums and quotients), and hand-worked
// constants.

#include "engine/numerics/float_format.h"
#include "tests/support/compare.h"

#include <Eigen/Core>

#include <QTest>

#include <algorithm>
#include <cfenv>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace aimath::numerics;

namespace {

FloatFormat fmt(const char* id) { return *formatById(id); }

std::uint16_t eigenHalfBits(float f)
{
    const Eigen::half h(f);
    std::uint16_t bits;
    static_assert(sizeof(h) == 2);
    std::memcpy(&bits, &h, 2);
    return bits;
}

std::uint16_t eigenBf16Bits(float f)
{
    const Eigen::bfloat16 h(f);
    std::uint16_t bits;
    static_assert(sizeof(h) == 2);
    std::memcpy(&bits, &h, 2);
    return bits;
}

/// Every finite non-negative value of a small format with its code, sorted by value.
struct Table {
    std::vector<double> values;
    std::vector<std::uint64_t> codes;
};

Table positiveTable(const FloatFormat& f)
{
    const int signShift = f.exponentBits + f.mantissaBits;
    const std::uint64_t count = f.hasSign() ? (std::uint64_t{1} << signShift) : codeCount(f);
    std::vector<std::pair<double, std::uint64_t>> rows;
    for (std::uint64_t c = 0; c < count; ++c) {
        const double v = decode(f, c);
        if (std::isfinite(v))
            rows.emplace_back(v, c);
    }
    std::sort(rows.begin(), rows.end());
    Table t;
    for (auto& [v, c] : rows) {
        t.values.push_back(v);
        t.codes.push_back(c);
    }
    return t;
}

/// Reference rounding of 0 <= |x| <= max by brute force: the nearest code, ties to the even code.
std::uint64_t referenceCode(const FloatFormat& f, const Table& t, double x)
{
    const double a = std::fabs(x);
    auto it = std::lower_bound(t.values.begin(), t.values.end(), a);
    std::size_t hiIdx = static_cast<std::size_t>(it - t.values.begin());
    std::uint64_t code;
    if (hiIdx < t.values.size() && t.values[hiIdx] == a) {
        code = t.codes[hiIdx];
    } else {
        const std::size_t loIdx = hiIdx - 1;
        const double lo = t.values[loIdx];
        const double hi = t.values[hiIdx];
        const double mid = lo + (hi - lo) / 2;  // exact: both have few significant bits
        if (a < mid)
            code = t.codes[loIdx];
        else if (a > mid)
            code = t.codes[hiIdx];
        else
            code = (t.codes[loIdx] & 1u) == 0 ? t.codes[loIdx] : t.codes[hiIdx];
    }
    if (std::signbit(x) && f.hasSign()) {
        const bool zero = decode(f, code) == 0.0;
        if (!(zero && !f.hasNegativeZero()))
            code |= std::uint64_t{1} << (f.exponentBits + f.mantissaBits);
    }
    return code;
}

std::uint64_t ourCode(const FloatFormat& f, double x)
{
    Quantizer q(f);
    return encodeValue(f, q.round(x));
}

/// Independent reference for wide formats: the exact value in long double,
/// scaled to the format's quantum and rounded with rintl (ties to even).
double referenceRoundLong(const FloatFormat& f, long double t)
{
    if (t == 0)
        return static_cast<double>(t);
    const long double a = std::fabs(t);
    const int e = std::ilogb(a);
    const int qe = std::max(e, f.minExponent()) - f.mantissaBits;
    const long double n = std::rint(std::scalbn(a, -qe));
    const double v = static_cast<double>(std::scalbn(n, qe));
    return t < 0 ? -v : v;
}

const char* kSmallFormats[] = {"fp16",     "bf16",     "fp8_e4m3", "fp8_e5m2", "fp8_e4m3fnuz", "fp8_e5m2fnuz",
                               "fp6_e2m3", "fp6_e3m2", "fp4_e2m1", "e8m0"};

}  // namespace

class TestFloatFormat : public QObject {
    Q_OBJECT
private slots:
    void constants_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("bits");
        QTest::addColumn<double>("max");
        QTest::addColumn<double>("minNormal");
        QTest::addColumn<double>("minSubnormal");
        QTest::addColumn<double>("epsilon");
        QTest::addColumn<bool>("hasInf");
        QTest::addColumn<bool>("hasNan");
        // Values from the IEEE 754 / OCP FP8 / OCP MX tables, worked by hand:
        // max = (2 − 2^−m)·2^emax, min normal 2^(1−bias), min subnormal 2^(1−bias−m), eps 2^−m.
        QTest::newRow("fp64") << "fp64" << 64 << std::numeric_limits<double>::max() << std::numeric_limits<double>::min()
                              << std::numeric_limits<double>::denorm_min() << std::numeric_limits<double>::epsilon() << true << true;
        QTest::newRow("fp32") << "fp32" << 32 << double(std::numeric_limits<float>::max()) << double(std::numeric_limits<float>::min())
                              << double(std::numeric_limits<float>::denorm_min()) << double(std::numeric_limits<float>::epsilon()) << true << true;
        QTest::newRow("tf32") << "tf32" << 19 << (2 - 0x1p-10) * 0x1p127 << 0x1p-126 << 0x1p-136 << 0x1p-10 << true << true;
        QTest::newRow("fp16") << "fp16" << 16 << 65504.0 << 0x1p-14 << 0x1p-24 << 0x1p-10 << true << true;
        QTest::newRow("bf16") << "bf16" << 16 << 0x1.fep127 << 0x1p-126 << 0x1p-133 << 0x1p-7 << true << true;
        QTest::newRow("e4m3") << "fp8_e4m3" << 8 << 448.0 << 0x1p-6 << 0x1p-9 << 0.125 << false << true;
        QTest::newRow("e5m2") << "fp8_e5m2" << 8 << 57344.0 << 0x1p-14 << 0x1p-16 << 0.25 << true << true;
        QTest::newRow("e4m3fnuz") << "fp8_e4m3fnuz" << 8 << 240.0 << 0x1p-7 << 0x1p-10 << 0.125 << false << true;
        QTest::newRow("e5m2fnuz") << "fp8_e5m2fnuz" << 8 << 57344.0 << 0x1p-15 << 0x1p-17 << 0.25 << false << true;
        QTest::newRow("e2m3") << "fp6_e2m3" << 6 << 7.5 << 1.0 << 0.125 << 0.125 << false << false;
        QTest::newRow("e3m2") << "fp6_e3m2" << 6 << 28.0 << 0.25 << 0.0625 << 0.25 << false << false;
        QTest::newRow("e2m1") << "fp4_e2m1" << 4 << 6.0 << 1.0 << 0.5 << 0.5 << false << false;
        QTest::newRow("e8m0") << "e8m0" << 8 << 0x1p127 << 0x1p-127 << 0x1p-127 << 1.0 << false << true;
    }
    void constants()
    {
        QFETCH(QString, id);
        QFETCH(int, bits);
        QFETCH(double, max);
        QFETCH(double, minNormal);
        QFETCH(double, minSubnormal);
        QFETCH(double, epsilon);
        QFETCH(bool, hasInf);
        QFETCH(bool, hasNan);
        const FloatFormat f = fmt(id.toUtf8().constData());
        QCOMPARE(f.totalBits(), bits);
        QCOMPARE(f.maxFinite(), max);
        QCOMPARE(f.minNormal(), minNormal);
        QCOMPARE(f.minSubnormal(), minSubnormal);
        QCOMPARE(f.epsilon(), epsilon);
        QCOMPARE(f.hasInf(), hasInf);
        QCOMPARE(f.hasNan(), hasNan);
    }

    void customMatchesNamed()
    {
        // custom(5,10) is fp16 and custom(8,7) is bf16: same constants, same codes.
        for (auto [e, m, id] : {std::tuple{5, 10, "fp16"}, std::tuple{8, 7, "bf16"}, std::tuple{11, 52, "fp64"}, std::tuple{5, 2, "fp8_e5m2"}}) {
            const FloatFormat c = customFormat(e, m);
            const FloatFormat n = fmt(id);
            QCOMPARE(c.bias, n.bias);
            QCOMPARE(c.maxFinite(), n.maxFinite());
            QCOMPARE(c.minSubnormal(), n.minSubnormal());
        }
        // The smallest custom format: 2 exponent bits, no mantissa: values 0, 1, 2, inf.
        const FloatFormat tiny = customFormat(2, 0);
        QCOMPARE(tiny.maxFinite(), 2.0);
        QCOMPARE(tiny.minSubnormal(), 1.0);
        QVERIFY(!tiny.hasNan());
    }

    void fp16MatchesEigenHalf()
    {
        const FloatFormat f = fmt("fp16");
        std::mt19937_64 rng(12345);
        auto check = [&](float x) {
            const std::uint16_t want = eigenHalfBits(x);
            const std::uint64_t got = ourCode(f, static_cast<double>(x));
            if (std::isnan(x)) {
                QVERIFY(std::isnan(decode(f, got)));
                return;
            }
            QVERIFY2(got == want, qPrintable(QStringLiteral("x=%1 ours 0x%2 eigen 0x%3").arg(double(x), 0, 'g', 17)
                                                   .arg(got, 4, 16, QChar('0')).arg(want, 4, 16, QChar('0'))));
        };
        // 1) random float bit patterns (all exponents, NaN and inf included)
        for (int i = 0; i < 2'000'000; ++i) {
            const auto bits = static_cast<std::uint32_t>(rng());
            float x;
            std::memcpy(&x, &bits, 4);
            check(x);
        }
        // 2) every tie between neighbouring fp16 values and the floats just around it,
        //    subnormals and the overflow boundary (65504 | 65520 tie | 65536) included
        for (std::uint64_t c = 0; c < 0x7c00; ++c) {
            const double lo = decode(f, c);
            const double hi = decode(f, c + 1);
            const float mid = static_cast<float>((lo + hi) / 2);  // exact in float
            QCOMPARE(static_cast<double>(mid), (lo + hi) / 2);
            for (float x : {mid, std::nextafter(mid, 0.0f), std::nextafter(mid, 1e30f), static_cast<float>(lo)}) {
                check(x);
                check(-x);
            }
        }
        check(65519.99f);
        check(65520.0f);
        QCOMPARE(decode(f, ourCode(f, 65520.0)), std::numeric_limits<double>::infinity());
        QCOMPARE(decode(f, ourCode(f, std::nextafter(65520.0, 0.0))), 65504.0);
    }

    void bf16MatchesEigenBfloat16()
    {
        const FloatFormat f = fmt("bf16");
        std::mt19937_64 rng(777);
        auto check = [&](float x) {
            const std::uint16_t want = eigenBf16Bits(x);
            const std::uint64_t got = ourCode(f, static_cast<double>(x));
            if (std::isnan(x)) {
                QVERIFY(std::isnan(decode(f, got)));
                return;
            }
            QVERIFY2(got == want, qPrintable(QStringLiteral("x=%1 ours 0x%2 eigen 0x%3").arg(double(x), 0, 'g', 17)
                                                   .arg(got, 4, 16, QChar('0')).arg(want, 4, 16, QChar('0'))));
        };
        for (int i = 0; i < 2'000'000; ++i) {
            const auto bits = static_cast<std::uint32_t>(rng());
            float x;
            std::memcpy(&x, &bits, 4);
            check(x);
        }
        // Every float whose low 16 bits are exactly 0x8000 is a bf16 tie; sweep all of them and their neighbours.
        for (std::uint32_t top = 0; top < 0x7f80; ++top) {
            for (std::uint32_t low : {0x8000u, 0x7fffu, 0x8001u}) {
                const std::uint32_t bits = (top << 16) | low;
                float x;
                std::memcpy(&x, &bits, 4);
                check(x);
                check(-x);
            }
        }
    }

    void randomDoublesMatchBruteForce()
    {
        // Doubles with all 53 significand bits random (not floats), across the whole range
        // of each small format, against the nearest-neighbour search over every code.
        std::mt19937_64 rng(99);
        for (const char* id : kSmallFormats) {
            const FloatFormat f = fmt(id);
            const Table t = positiveTable(f);
            const double lg0 = std::log2(f.minSubnormal()) - 3;
            const double lg1 = std::log2(f.maxFinite());
            std::uniform_real_distribution<double> lg(lg0, lg1);
            for (int i = 0; i < 200'000; ++i) {
                double x = std::exp2(lg(rng));
                x = std::min(x, f.maxFinite());
                if (f.specials == SpecialValues::ExponentOnly) {
                    // E8M0 has no zero: below its smallest value everything becomes 2^-127.
                    x = std::max(x, f.minNormal());
                } else if (rng() & 1) {
                    x = -x;
                }
                const std::uint64_t want = referenceCode(f, t, x);
                const std::uint64_t got = ourCode(f, x);
                QVERIFY2(got == want, qPrintable(QStringLiteral("%1: x=%2 ours %3 reference %4").arg(id).arg(x, 0, 'g', 17).arg(got).arg(want)));
            }
        }
    }

    void everyCodeRoundTrips()
    {
        for (const char* id : kSmallFormats) {
            const FloatFormat f = fmt(id);
            int nanCodes = 0;
            for (std::uint64_t c = 0; c < codeCount(f); ++c) {
                const double v = decode(f, c);
                if (std::isnan(v)) {
                    ++nanCodes;
                    continue;
                }
                const std::uint64_t back = ourCode(f, v);
                QVERIFY2(back == c, qPrintable(QStringLiteral("%1: code %2 → %3 → %4").arg(id).arg(c).arg(v, 0, 'g', 17).arg(back)));
            }
            // NaN code counts are part of each format's definition.
            const QString sid = QString::fromLatin1(id);
            if (sid == "fp8_e4m3")
                QCOMPARE(nanCodes, 2);  // S.1111.111
            else if (sid.endsWith("fnuz"))
                QCOMPARE(nanCodes, 1);  // 0x80
            else if (sid == "fp8_e5m2")
                QCOMPARE(nanCodes, 6);  // S.11111.{01,10,11}
            else if (sid.startsWith("fp6") || sid.startsWith("fp4"))
                QCOMPARE(nanCodes, 0);
            else if (sid == "e8m0")
                QCOMPARE(nanCodes, 1);
        }
    }

    void midpointsTieToEven()
    {
        for (const char* id : kSmallFormats) {
            const FloatFormat f = fmt(id);
            const Table t = positiveTable(f);
            for (std::size_t i = 0; i + 1 < t.values.size(); ++i) {
                const double lo = t.values[i];
                const double hi = t.values[i + 1];
                if (lo == hi)
                    continue;
                const double mid = lo + (hi - lo) / 2;
                const std::uint64_t expectCode = f.mantissaBits == 0
                                                     ? t.codes[i + 1]  // no mantissa: the even significand is 2 (the larger)
                                                     : ((t.codes[i] & 1u) == 0 ? t.codes[i] : t.codes[i + 1]);
                QVERIFY2(ourCode(f, mid) == expectCode, qPrintable(QStringLiteral("%1: tie %2").arg(id).arg(mid, 0, 'g', 17)));
                // and just off the tie, strictly to the nearer side
                QCOMPARE(ourCode(f, std::nextafter(mid, 0.0)), t.codes[i]);
                QCOMPARE(ourCode(f, std::nextafter(mid, 1e300)), t.codes[i + 1]);
                if (f.hasSign()) {
                    const std::uint64_t s = std::uint64_t{1} << (f.exponentBits + f.mantissaBits);
                    const std::uint64_t negExpect = (expectCode == 0 && !f.hasNegativeZero()) ? 0 : (expectCode | s);
                    QCOMPARE(ourCode(f, -mid), negExpect);
                }
            }
        }
    }

    void overflowAndSpecials()
    {
        auto val = [](const char* id, double x, Rounding r = Rounding::NearestEven, Overflow o = Overflow::Ieee) {
            Quantizer q(*formatById(id), r, o);
            return q.round(x);
        };
        const double inf = std::numeric_limits<double>::infinity();
        // E4M3FN: 448 | (480 would be the NaN code). 464 is the tie: 448 has the even mantissa 110.
        QCOMPARE(val("fp8_e4m3", 464.0), 448.0);
        QVERIFY(std::isnan(val("fp8_e4m3", 464.5)));
        QVERIFY(std::isnan(val("fp8_e4m3", inf)));
        QCOMPARE(val("fp8_e4m3", 1e6, Rounding::NearestEven, Overflow::Saturate), 448.0);
        // E5M2: 57344 | 61440 tie → 65536 (even) → inf.
        QCOMPARE(val("fp8_e5m2", 61439.0), 57344.0);
        QCOMPARE(val("fp8_e5m2", 61440.0), inf);
        QCOMPARE(val("fp8_e5m2", -1e9), -inf);
        QCOMPARE(val("fp8_e5m2", -1e9, Rounding::NearestEven, Overflow::Saturate), -57344.0);
        // FNUZ: past 240 is NaN (code 0x80); tiny negatives become +0, never the NaN code.
        QVERIFY(std::isnan(val("fp8_e4m3fnuz", 1000.0)));
        QCOMPARE(ourCode(*formatById("fp8_e4m3fnuz"), 1000.0), std::uint64_t{0x80});
        QCOMPARE(ourCode(*formatById("fp8_e4m3fnuz"), -1e-30), std::uint64_t{0});
        QVERIFY(!std::signbit(val("fp8_e4m3fnuz", -1e-30)));
        QCOMPARE(ourCode(*formatById("fp8_e4m3fnuz"), -0.0), std::uint64_t{0});
        // fp6/fp4 have neither: they saturate.
        QCOMPARE(val("fp4_e2m1", 100.0), 6.0);
        QCOMPARE(val("fp4_e2m1", -inf), -6.0);
        QCOMPARE(val("fp6_e3m2", 1e9), 28.0);
        QCOMPARE(val("fp6_e2m3", -7.8), -7.5);
        // Signed zero and gradual underflow in fp16: 2^-25 is the tie between 0 and 2^-24 → 0.
        QCOMPARE(val("fp16", 0x1p-25), 0.0);
        QVERIFY(std::signbit(val("fp16", -0x1p-25)));
        QCOMPARE(val("fp16", 0x1.8p-25), 0x1p-24);
        QCOMPARE(val("fp16", 3 * 0x1p-25), 0x1p-23);  // tie 1.5·2^-24 → even 2·2^-24
        // Toward zero: never grows, and overflow clamps to max (IEEE rule for truncation).
        QCOMPARE(val("bf16", 1.0 + 0x1p-7 - 0x1p-30, Rounding::TowardZero), 1.0);
        QCOMPARE(val("bf16", -(1.0 + 0x1p-7 - 0x1p-30), Rounding::TowardZero), -1.0);
        QCOMPARE(val("fp16", 1e6, Rounding::TowardZero), 65504.0);
        QCOMPARE(val("fp8_e4m3", 470.0, Rounding::TowardZero), 448.0);
        // E8M0: powers of two only, no zero, no sign.
        QCOMPARE(val("e8m0", 3.0), 4.0);
        QCOMPARE(val("e8m0", 2.9), 2.0);
        QCOMPARE(val("e8m0", 1e-300), 0x1p-127);
        QVERIFY(std::isnan(val("e8m0", -1.0)));
        QVERIFY(std::isnan(val("e8m0", 0.0)));
        QCOMPARE(encodeValue(*formatById("e8m0"), 1.0), std::uint64_t{127});
    }

    void doubleRoundingTrap()
    {
        // 1 + 2^-8 + 2^-40: fp32 drops 2^-40 and leaves the exact bf16 tie 1 + 2^-8, which goes to even (1).
        // Rounded once, the value is above the tie and becomes 1 + 2^-7.
        const double x = 1.0 + 0x1p-8 + 0x1p-40;
        const FloatFormat bf = fmt("bf16");
        Quantizer q(bf);
        QCOMPARE(q.round(x), 1.0 + 0x1p-7);
        QCOMPARE(roundViaFp32(bf, x), 1.0);
    }

    void hexAndBits()
    {
        // 0.1 in bf16: 0x3dcd = 0 01111011 1001101 (hand: 0.1 = 1.6·2^-4, 1.6 → 1.1001101 after rounding)
        const FloatFormat bf = fmt("bf16");
        Quantizer q(bf);
        const Inspection in = inspect(q, 0.1);
        QCOMPARE(QString::fromStdString(in.hex), QStringLiteral("0x3dcd"));
        QCOMPARE(QString::fromStdString(in.bits), QStringLiteral("0 01111011 1001101"));
        QCOMPARE(in.stored, 0.10009765625);
        QCOMPARE(in.absError, 0.10009765625 - 0.1);
        QCOMPARE(in.ulp, 0x1p-11);  // 2^(-4-7)
        // fp16 65504 = 0x7bff; 70000 → inf 0x7c00 (overflow)
        Quantizer h(fmt("fp16"));
        QCOMPARE(QString::fromStdString(inspect(h, 65504.0).hex), QStringLiteral("0x7bff"));
        const Inspection big = inspect(h, 70000.0);
        QCOMPARE(QString::fromStdString(big.hex), QStringLiteral("0x7c00"));
        QVERIFY(big.overflowed);
        QVERIFY(inspect(h, 1e-8).flushedToZero);  // below 2^-25
        QVERIFY(inspect(h, 1e-6).subnormal);
        // tf32 is 19 bits → 5 hex digits; fp4 one digit; e8m0 has no sign field
        Quantizer t(fmt("tf32"));
        QCOMPARE(QString::fromStdString(inspect(t, 1.0).hex), QStringLiteral("0x1fc00"));
        Quantizer f4(fmt("fp4_e2m1"));
        QCOMPARE(QString::fromStdString(inspect(f4, -6.0).hex), QStringLiteral("0xf"));
        QCOMPARE(QString::fromStdString(inspect(f4, -6.0).bits), QStringLiteral("1 11 1"));
        Quantizer e8(fmt("e8m0"));
        QCOMPARE(QString::fromStdString(inspect(e8, 0.5).bits), QStringLiteral("01111110"));
        // infinite inputs: exact where the format has inf, infinitely wrong where it saturates, NaN where it becomes NaN
        QCOMPARE(inspect(h, std::numeric_limits<double>::infinity()).relError, 0.0);
        Quantizer sat(fmt("e8m0"), Rounding::NearestEven, Overflow::Saturate);
        const Inspection clamped = inspect(sat, std::numeric_limits<double>::infinity());
        QCOMPARE(clamped.stored, 0x1p127);
        QCOMPARE(clamped.relError, std::numeric_limits<double>::infinity());
        Quantizer e4(fmt("fp8_e4m3"));
        QVERIFY(std::isnan(inspect(e4, -std::numeric_limits<double>::infinity()).relError));
        // fp64 keeps every double
        Quantizer d(fmt("fp64"));
        QCOMPARE(QString::fromStdString(inspect(d, 0.1).hex), QStringLiteral("0x3fb999999999999a"));
    }

    void exactOperationsMatchLongDouble()
    {
        // add/div with one rounding, for wide custom formats where a double intermediate would
        // round twice, against long double (64-bit significand: exact for these sums).
        QVERIFY(std::numeric_limits<long double>::digits >= 64);
        std::mt19937_64 rng(5);
        std::uniform_real_distribution<double> u(1.0, 2.0);
        for (auto [e, m] : {std::pair{11, 51}, std::pair{11, 40}, std::pair{8, 30}, std::pair{8, 23}, std::pair{5, 10}}) {
            const FloatFormat f = customFormat(e, m);
            Quantizer q(f);
            for (int i = 0; i < 100'000; ++i) {
                // operands on the format's grid, exponents 0..8 apart, so the exact sum fits 64 bits
                const double a = q.round(u(rng) * std::ldexp(1.0, static_cast<int>(rng() % 9)));
                const double b = q.round(u(rng)) * ((rng() & 1) ? 1 : -1);
                const long double exact = static_cast<long double>(a) + static_cast<long double>(b);
                QCOMPARE(q.add(a, b), referenceRoundLong(f, exact));
            }
        }
        // Ties built on purpose: (1 + 2^-m) + 2^-(m+1) is a tie above 1 + 2^-m (odd) → rounds up.
        const FloatFormat f = customFormat(11, 51);
        Quantizer q(f);
        QCOMPARE(q.add(1.0 + 0x1p-51, 0x1p-52), 1.0 + 0x1p-50);
        QCOMPARE(q.add(1.0, 0x1p-52), 1.0);  // tie, 1 is even
        QCOMPARE(q.add(1.0, 0x1p-52 + 0x1p-60), 1.0 + 0x1p-51);
        QCOMPARE(q.add(2.0, -0x1p-52), 2.0);  // just below a power of two, spacing 2^-51 there: tie → 2 (even)
        QCOMPARE(q.add(2.0, -0x1p-51), 2.0 - 0x1p-51);
        // Division: 1/3 in fp16 is 0x3555 = 0.333251953125 (hand: 1/3 = 1.0101…·2^-2).
        Quantizer h(fmt("fp16"));
        QCOMPARE(h.div(1.0, 3.0), 0.333251953125);
    }

    void stochasticRoundingIsUnbiasedAndSeeded()
    {
        // 1 + 2^-9 sits a quarter of the way from 1 to 1 + 2^-7 in bf16: it rounds up a quarter of the time.
        Quantizer q(fmt("bf16"), Rounding::Stochastic, Overflow::Ieee, 42);
        const int n = 200'000;
        int up = 0;
        for (int i = 0; i < n; ++i) {
            const double r = q.round(1.0 + 0x1p-9);
            QVERIFY(r == 1.0 || r == 1.0 + 0x1p-7);
            up += r > 1.0;
        }
        // binomial sd = sqrt(0.25·0.75/n) ≈ 0.001; 5 sd
        AIMATH_COMPARE_ABS(double(up) / n, 0.25, 0.005);
        Quantizer a(fmt("fp8_e4m3"), Rounding::Stochastic, Overflow::Ieee, 7);
        Quantizer b(fmt("fp8_e4m3"), Rounding::Stochastic, Overflow::Ieee, 7);
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(a.round(0.3 + i * 1e-3), b.round(0.3 + i * 1e-3));
        // representable values are never moved
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(a.round(0.3125), 0.3125);
    }
};

QTEST_GUILESS_MAIN(TestFloatFormat)
#include "test_float_format.moc"
