// The bit-manipulation fast path (BitRounder, and Quantizer when it takes it)
// checked bit for bit against the generic exact path (Quantizer::roundPairGeneric,
// itself checked against brute force and Eigen in test_float_format): every
// special case (±0, subnormals of the double and of the format, every code and
// every tie between neighbouring codes with the doubles on either side,
// overflow in both modes, inf, NaN), then millions of seeded random doubles
// spread over all exponents, for every named format and a grid of custom ones.

#include "engine/numerics/float_format.h"
#include "tests/support/float_edges.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

using namespace aimath::numerics;

namespace {

std::uint64_t bitsOf(double x) { return std::bit_cast<std::uint64_t>(x); }

QString hex(double x) { return QStringLiteral("%1 (0x%2)").arg(x, 0, 'g', 17).arg(bitsOf(x), 16, 16, QLatin1Char('0')); }

/// The formats the bit path must cover: every named one it applies to, and custom widths.
std::vector<FloatFormat> fastFormats()
{
    std::vector<FloatFormat> out;
    for (const auto& id : formatIds())
        if (BitRounder::applies(*formatById(id), Rounding::NearestEven))
            out.push_back(*formatById(id));
    for (int e : {2, 3, 5, 8, 11})
        for (int m : {1, 2, 3, 7, 10, 23, 51})
            out.push_back(customFormat(e, m));
    return out;
}

}  // namespace

class TestBitRounder : public QObject {
    Q_OBJECT
private slots:
    void appliesWhereItShould()
    {
        for (const char* id : {"fp32", "tf32", "fp16", "bf16", "fp8_e4m3", "fp8_e5m2", "fp8_e4m3fnuz", "fp8_e5m2fnuz", "fp6_e2m3",
                               "fp6_e3m2", "fp4_e2m1"}) {
            QVERIFY2(BitRounder::applies(*formatById(id), Rounding::NearestEven), id);
            QVERIFY(Quantizer(*formatById(id)).usesBitPath());
            QVERIFY(Quantizer(*formatById(id), Rounding::NearestEven, Overflow::Saturate).usesBitPath());
            QVERIFY(!Quantizer(*formatById(id), Rounding::TowardZero).usesBitPath());
            QVERIFY(!Quantizer(*formatById(id), Rounding::Stochastic).usesBitPath());
        }
        QVERIFY(!BitRounder::applies(*formatById("fp64"), Rounding::NearestEven));  // 52 mantissa bits: nothing to round
        QVERIFY(!BitRounder::applies(*formatById("e8m0"), Rounding::NearestEven));  // no sign, no zero
        QVERIFY(!BitRounder::applies(customFormat(5, 0), Rounding::NearestEven));  // ties go to the even significand, not code
    }

    void matchesGenericOnEdgesAndRandomDoubles()
    {
        int configs = 0;
        long long checked = 0;
        for (const FloatFormat& f : fastFormats()) {
            for (Overflow o : {Overflow::Ieee, Overflow::Saturate}) {
                Quantizer q(f, Rounding::NearestEven, o);
                QVERIFY(q.usesBitPath());
                const BitRounder br(f, o);
                std::vector<double> in = aimath::test::formatEdgeValues(f);
                const std::vector<double> rnd = aimath::test::randomFormatValues(f, 1000 + static_cast<std::uint64_t>(configs), 100'000);
                in.insert(in.end(), rnd.begin(), rnd.end());
                std::vector<double> arr(in.size());
                br.round(in.data(), arr.data(), in.size());
                std::vector<double> viaQuantizer(in.size());
                q.roundArray(in.data(), viaQuantizer.data(), in.size());
                std::vector<std::uint16_t> codes16(f.totalBits() <= 16 ? in.size() : 0);
                std::vector<std::uint8_t> codes8(f.totalBits() <= 8 ? in.size() : 0);
                if (!codes16.empty())
                    br.encode(in.data(), codes16.data(), in.size());
                if (!codes8.empty())
                    br.encode(in.data(), codes8.data(), in.size());
                for (std::size_t i = 0; i < in.size(); ++i) {
                    const double want = q.roundPairGeneric(in[i], 0.0);
                    const std::uint64_t w = bitsOf(want);
                    const bool same = bitsOf(br.round(in[i])) == w && bitsOf(arr[i]) == w && bitsOf(viaQuantizer[i]) == w &&
                                      bitsOf(q.round(in[i])) == w && (codes16.empty() || codes16[i] == encodeValue(f, want)) &&
                                      (codes8.empty() || codes8[i] == encodeValue(f, want));
                    if (!same) {  // the message is built only for a failure (QVERIFY2 would format it every time)
                        const QString msg = QStringLiteral("%1 e%2m%3 %4: x = %5 generic %6, bit path %7, array %8, quantizer %9, code %10")
                                                .arg(QString::fromStdString(f.id))
                                                .arg(f.exponentBits)
                                                .arg(f.mantissaBits)
                                                .arg(o == Overflow::Ieee ? "ieee" : "saturate")
                                                .arg(hex(in[i]), hex(want), hex(br.round(in[i])), hex(arr[i]), hex(q.round(in[i])))
                                                .arg(codes16.empty() ? -1 : int(codes16[i]));
                        QFAIL(qPrintable(msg));
                    }
                }
                checked += static_cast<long long>(in.size());
                ++configs;
            }
        }
        QVERIFY(checked > 5'000'000);  // millions of doubles, as the header promises
    }

    void pairsMatchGenericAtTies()
    {
        // roundPair(hi, lo) with lo ≠ 0 takes the bit path unless hi is a tie or subnormal:
        // ties with lo of either sign, and random hi with random lo, against the generic path.
        std::mt19937_64 rng(23);
        std::uniform_real_distribution<double> half(-0.5, 0.5);
        for (const FloatFormat& f : fastFormats()) {
            Quantizer q(f);
            Quantizer generic(f);
            const std::vector<double> edges = aimath::test::formatEdgeValues(f);
            const std::vector<double> rnd = aimath::test::randomFormatValues(f, 77, 20'000);
            for (const auto* set : {&edges, &rnd}) {
                for (double hi : *set) {
                    if (!std::isfinite(hi) || hi == 0.0)
                        continue;
                    const double ulp = std::nextafter(std::fabs(hi), std::numeric_limits<double>::infinity()) - std::fabs(hi);
                    // |lo| ≤ ulp(hi)/2, as TwoSum and the fma remainders give
                    for (double lo : {ulp / 2, -ulp / 2, ulp * half(rng), ulp / 4}) {
                        if (!std::isfinite(lo))
                            continue;
                        const double want = generic.roundPairGeneric(hi, lo);
                        if (bitsOf(q.roundPair(hi, lo)) != bitsOf(want))
                            QFAIL(qPrintable(QStringLiteral("%1 e%2m%3: %4 + %5: generic %6, fast %7").arg(QString::fromStdString(f.id)).arg(f.exponentBits)
                                                 .arg(f.mantissaBits).arg(hex(hi), hex(lo), hex(want), hex(q.roundPair(hi, lo)))));
                    }
                }
            }
        }
        // hand-worked: 1 + 2^-8 is the bf16 tie between 1 and 1 + 2^-7; a tiny lo decides it.
        Quantizer bf(*formatById("bf16"));
        QCOMPARE(bf.roundPair(1.0 + 0x1p-8, 0x1p-60), 1.0 + 0x1p-7);
        QCOMPARE(bf.roundPair(1.0 + 0x1p-8, -0x1p-60), 1.0);
        QCOMPARE(bf.roundPair(1.0 + 0x1p-8, 0.0), 1.0);  // tie to even
    }

    void handWorkedCodes()
    {
        // bf16 of 1/3: 0x3eab (1.0101010|1010… rounds up); fp16 65520 is the overflow tie → inf 0x7c00;
        // e4m3 of 464 is the tie at max → 448 (0x7e); -1e-30 in e4m3fnuz → +0.
        auto code16 = [](const char* id, double x) {
            std::uint16_t c = 0;
            BitRounder(*formatById(id), Overflow::Ieee).encode(&x, &c, 1);
            return c;
        };
        auto code8 = [](const char* id, double x, Overflow o = Overflow::Ieee) {
            std::uint8_t c = 0;
            BitRounder(*formatById(id), o).encode(&x, &c, 1);
            return c;
        };
        QCOMPARE(code16("bf16", 1.0 / 3.0), std::uint16_t{0x3eab});
        QCOMPARE(code16("fp16", 65520.0), std::uint16_t{0x7c00});
        QCOMPARE(code16("fp16", -65519.0), std::uint16_t{0xfbff});
        QCOMPARE(code16("fp16", 0x1p-24), std::uint16_t{0x0001});
        QCOMPARE(code16("fp16", -0x1p-26), std::uint16_t{0x8000});
        QCOMPARE(code8("fp8_e4m3", 464.0), std::uint8_t{0x7e});
        QCOMPARE(code8("fp8_e4m3", 500.0), std::uint8_t{0x7f});  // NaN
        QCOMPARE(code8("fp8_e4m3", -500.0, Overflow::Saturate), std::uint8_t{0xfe});
        QCOMPARE(code8("fp8_e4m3fnuz", -1e-30), std::uint8_t{0x00});
        QCOMPARE(code8("fp4_e2m1", -100.0), std::uint8_t{0x0f});  // −6
        QCOMPARE(code8("fp4_e2m1", 0.25), std::uint8_t{0x00});    // tie between 0 and 0.5 → 0
        QCOMPARE(code8("fp4_e2m1", 0.75), std::uint8_t{0x02});    // tie between 0.5 and 1 → 1 (even code 2)
    }
};

QTEST_GUILESS_MAIN(TestBitRounder)
#include "test_bit_rounder.moc"
