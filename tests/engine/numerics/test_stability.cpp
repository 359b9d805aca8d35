// Softmax overflow and gradient underflow on hand-worked cases.

#include "engine/numerics/stability.h"
#include "tests/support/compare.h"

#include <QTest>

#include <cmath>

using namespace aimath::numerics;

class TestStability : public QObject {
    Q_OBJECT
private slots:
    void softmaxHandCases()
    {
        // [0, 0] → [1/2, 1/2] exactly in every format and both methods.
        for (const char* id : {"fp16", "bf16", "fp32", "fp8_e4m3"})
            for (bool stable : {false, true}) {
                const SoftmaxEval e = softmaxInFormat({0.0, 0.0}, *formatById(id), stable);
                QVERIFY(e.finite);
                QCOMPARE(e.probs[0], 0.5);
                QCOMPARE(e.probs[1], 0.5);
                QCOMPARE(e.maxAbsError, 0.0);
            }
        // [1000, 0] in fp32: exp(1000) overflows → inf/inf = NaN; max-subtracted gives [1, 0].
        const SoftmaxEval naive = softmaxInFormat({1000.0, 0.0}, *formatById("fp32"), false);
        QVERIFY(!naive.finite);
        QVERIFY(std::isnan(naive.probs[0]));
        QVERIFY(std::isnan(naive.maxAbsError));
        const SoftmaxEval stable = softmaxInFormat({1000.0, 0.0}, *formatById("fp32"), true);
        QVERIFY(stable.finite);
        QCOMPARE(stable.probs[0], 1.0);
        QCOMPARE(stable.probs[1], 0.0);
        // fp16: exp(11) = 59874 fits (< 65504); exp(11.1) = 66171 rounds past 65520 → inf.
        QVERIFY(softmaxInFormat({11.0, 0.0}, *formatById("fp16"), false).finite);
        QVERIFY(!softmaxInFormat({11.1, 0.0}, *formatById("fp16"), false).finite);
        // bf16 reaches 3.39e38: exp(88) = 1.65e38 is fine, exp(89) = 4.49e38 is not.
        QVERIFY(softmaxInFormat({88.0, 0.0}, *formatById("bf16"), false).finite);
        QVERIFY(!softmaxInFormat({89.0, 0.0}, *formatById("bf16"), false).finite);
        // reference: softmax([ln 3, 0]) = [3/4, 1/4]
        const auto ref = softmaxReference({std::log(3.0), 0.0});
        AIMATH_COMPARE_REL(ref[0], 0.75, 1e-15);
        AIMATH_COMPARE_REL(ref[1], 0.25, 1e-15);
    }

    void sweepFindsOverflowThreshold()
    {
        const auto& base = softmaxBaseLogits();
        const double top = *std::max_element(base.begin(), base.end());
        const SoftmaxSweep s = softmaxSweep(base, {*formatById("fp16"), *formatById("bf16"), *formatById("fp32")}, 0.1, 1000, 161);
        QCOMPARE(s.curves.size(), std::size_t(6));
        for (const auto& c : s.curves) {
            if (c.stable) {
                QCOMPARE(c.firstFailScale, 0.0);  // max-subtracted never overflows
                // Error bound (worked out): rounding the logits and the subtraction move each
                // z_i − max by at most 3u·D (D = max|z|), exp and the sum add (1+u)^(n+1), the
                // quotient has both: |p̂ − p| ≤ p·((e^{3uD}(1+u))²(1+u)^{n+1} − 1) ≤ that with p ≤ 1.
                const double u = c.formatId == "fp16" ? 0x1p-11 : c.formatId == "bf16" ? 0x1p-8 : 0x1p-24;
                for (std::size_t k = 0; k < s.scales.size(); ++k) {
                    const double D = s.scales[k] * top;
                    const double rho = std::exp(3 * u * D) * (1 + u);
                    const double bound = rho * rho * std::pow(1 + u, double(base.size() + 1)) - 1;
                    QVERIFY(std::isfinite(c.maxError[k]));
                    QVERIFY2(c.maxError[k] <= bound, qPrintable(QStringLiteral("%1 scale %2: %3 > %4").arg(QString::fromStdString(c.formatId)).arg(s.scales[k]).arg(c.maxError[k]).arg(bound)));
                }
                continue;
            }
            // naive fails first where top·scale passes ln(max + ulp/2) of the format
            const double limit = c.formatId == "fp16" ? std::log(65520.0) : std::log(0x1.ffp127);
            QVERIFY2(c.firstFailScale > 0, c.formatId.c_str());
            QVERIFY(c.firstFailScale * top > limit * 0.999);
            const double ratio = s.scales[1] / s.scales[0];
            QVERIFY(c.firstFailScale / ratio * top < limit * 1.001);
        }
    }

    void gradientUnderflowHandCases()
    {
        GradientInput in;
        in.formats = {*formatById("fp16"), *formatById("bf16")};
        in.count = 2000;
        in.log10Std = 1e-9;  // all |g| ≈ 1e-8
        in.log10Mean = -8;
        // 1e-8 < 2^-25 (the fp16 tie between 0 and the smallest subnormal): all flush to zero in fp16
        GradientResult r = gradientUnderflow(in);
        QCOMPARE(r.stats[0].zeroFraction, 1.0);
        QCOMPARE(r.stats[1].normalFraction, 1.0);  // bf16 min normal 1.2e-38
        // ×2^10 → 1.02e-5: an fp16 subnormal (min normal 6.1e-5)
        in.lossScale = 1024;
        r = gradientUnderflow(in);
        QCOMPARE(r.stats[0].subnormalFraction, 1.0);
        // ×2^16 → 6.6e-4: normal
        in.lossScale = 65536;
        r = gradientUnderflow(in);
        QCOMPARE(r.stats[0].normalFraction, 1.0);
        // |g| = 1 with ×2^17 = 131072 > 65504: every value overflows in fp16, none in bf16
        in.log10Mean = 0;
        in.lossScale = 131072;
        r = gradientUnderflow(in);
        QCOMPARE(r.stats[0].overflowFraction, 1.0);
        QCOMPARE(r.stats[1].overflowFraction, 0.0);
        QCOMPARE(r.stats[0].safeScaleLog2, 15);  // 2^15 ≤ 65504 < 2^16
        // the histogram holds every draw and is centred on mean + log10(scale)
        double total = 0;
        for (double c : r.counts)
            total += c;
        QCOMPARE(total, 2000.0);
        AIMATH_COMPARE_REL((r.binEdges.front() + r.binEdges.back()) / 2, std::log10(131072.0), 1e-12);
    }

    void gradientFractionsMatchLogNormal()
    {
        // With log10|g| ~ N(-6, 1.5²), the fp16 flush-to-zero fraction is P(|g| < 2^-25)
        // = Φ((log10 2^-25 + 6)/1.5) = Φ(-1.5257) ≈ 0.0635 (the tie at 2^-25 itself has measure 0).
        GradientInput in;
        in.formats = {*formatById("fp16")};
        in.count = 200000;
        const GradientResult r = gradientUnderflow(in);
        const double z = (std::log10(0x1p-25) + 6.0) / 1.5;
        const double phi = 0.5 * std::erfc(-z / std::sqrt(2.0));
        AIMATH_COMPARE_ABS(r.stats[0].zeroFraction, phi, 0.003);  // binomial sd 0.00055
        // subnormal: 2^-25 ≤ |g| < 2^-14 (up to the rounding at the top edge)
        const double z2 = (std::log10(0x1p-14) + 6.0) / 1.5;
        const double phi2 = 0.5 * std::erfc(-z2 / std::sqrt(2.0));
        AIMATH_COMPARE_ABS(r.stats[0].subnormalFraction, phi2 - phi, 0.004);
    }
};

QTEST_GUILESS_MAIN(TestStability)
#include "test_stability.moc"
