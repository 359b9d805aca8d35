// Quantization metrics on hand-made tensors.

#include "engine/numerics/quantization.h"
#include "tests/support/compare.h"

#include <QTest>

#include <cmath>

using namespace aimath::numerics;

class TestQuantization : public QObject {
    Q_OBJECT
private slots:
    void int8TensorHandCase()
    {
        // absmax 127/64 → s = 1/64 exactly. w/s = 127, −63.5, 31.75, 12.7 → q = 127, −64 (tie → even), 32, 13.
        const std::vector<double> w{127.0 / 64, -63.5 / 64, 31.75 / 64, 12.7 / 64};
        const QuantizationResult r = quantize(w, 1, 4, QuantFormat::Int8, QuantGranularity::Tensor, 5, 5);
        QVERIFY(r.ok);
        QCOMPARE(r.scales.size(), std::size_t(1));
        QCOMPARE(r.scales[0], 1.0 / 64);
        QCOMPARE(r.dequantized[0], 127.0 / 64);
        QCOMPARE(r.dequantized[1], -1.0);
        QCOMPARE(r.dequantized[2], 0.5);
        QCOMPARE(r.dequantized[3], 13.0 / 64);
        // errors (×64): 0, −0.5, 0.25, 0.3 → MSE = (0.25 + 0.0625 + 0.09)/4/4096
        AIMATH_COMPARE_REL(r.mse, (0.25 + 0.0625 + 0.09) / 4 / 4096, 1e-12);
        const double sw = (127.0 * 127 + 63.5 * 63.5 + 31.75 * 31.75 + 12.7 * 12.7) / 4096;
        AIMATH_COMPARE_REL(r.sqnrDb, 10 * std::log10(sw / ((0.25 + 0.0625 + 0.09) / 4096)), 1e-12);
        AIMATH_COMPARE_REL(r.maxAbsError, 0.5 / 64, 1e-12);
    }

    void klOfExactQuantizationIsTheSmoothingTerm()
    {
        // Values already on the int4 grid of scale 1 (absmax 7): ŵ = w. 4 values in 5 bins over [−7, 7]
        // (width 2.8): −7 → bin 0, −3.5 → bin 1, 3.5 → bin 3, 7 → bin 4.
        // KL = Σ 1/4 · ln((1/4) / ((1 + 0.5)/(4 + 2.5))) = ln(6.5/6).
        const std::vector<double> w{-7, -3.5 + 0.5, 3.5 - 0.5, 7};  // −3 and 3: on the grid
        const QuantizationResult r = quantize(w, 1, 4, QuantFormat::Int4, QuantGranularity::Tensor, 5, 5);
        QCOMPARE(r.scales[0], 1.0);
        QCOMPARE(r.dequantized, w);
        QCOMPARE(r.mse, 0.0);
        QVERIFY(std::isinf(r.sqnrDb));
        AIMATH_COMPARE_REL(r.klDivergence, std::log(6.5 / 6.0), 1e-12);
        QCOMPARE(r.histOriginal, (std::vector<double>{1, 1, 0, 1, 1}));
    }

    void channelScalesAreIndependent()
    {
        // Row 2 = 100 × row 1: each row gets its own scale, so its error is exactly 100× (scales are
        // fp32-rounded, 100·s stays within a relative 2^-24 of its own rounding).
        std::vector<double> w;
        const std::vector<double> row{0.9, -0.31, 0.05, 0.77, -0.6, 0.2};
        for (double x : row) w.push_back(x);
        for (double x : row) w.push_back(100 * x);
        const QuantizationResult r = quantize(w, 2, 6, QuantFormat::Int4, QuantGranularity::Channel);
        QCOMPARE(r.scales.size(), std::size_t(2));
        AIMATH_COMPARE_REL(r.scales[1], 100 * r.scales[0], 1e-6);
        for (int i = 0; i < 6; ++i)
            AIMATH_COMPARE_REL(r.dequantized[6 + i], 100 * r.dequantized[i], 1e-6);
        // per-tensor would use the large row's scale for the small row: its entries mostly round to 0
        const QuantizationResult t = quantize(w, 2, 6, QuantFormat::Int4, QuantGranularity::Tensor);
        QCOMPARE(t.dequantized[2], 0.0);
        QVERIFY(t.mse > r.mse);
    }

    void mxSharedPowerOfTwoScale()
    {
        // One block of 32: absmax 5 → X = ⌊log2 5⌋ − 2 = 0, s = 1. fp4 elements: 5 is the tie 4|6 → 4
        // (even mantissa); 2.4 lies between 2 and 3 → 2; 0.3 is above the 0|0.5 tie 0.25 → 0.5.
        std::vector<double> w(32, 0.0);
        w[0] = 5.0;
        w[1] = 2.4;
        w[2] = 0.3;
        w[3] = -5.0;
        const QuantizationResult r = quantize(w, 1, 32, QuantFormat::Fp4E2M1, QuantGranularity::Mx);
        QCOMPARE(r.groupSize, 32);
        QCOMPARE(r.scales[0], 1.0);
        QCOMPARE(r.dequantized[0], 4.0);
        QCOMPARE(r.dequantized[1], 2.0);
        QCOMPARE(r.dequantized[2], 0.5);
        QCOMPARE(r.dequantized[3], -4.0);
        // absmax 7 → s = 2^(2−2) = 1, 7 saturates at 6 (the MX rule clamps elements).
        w[0] = 7.0;
        QCOMPARE(quantize(w, 1, 32, QuantFormat::Fp4E2M1, QuantGranularity::Mx).dequantized[0], 6.0);
        // absmax 0.1 → X = −4 − 2 = −6, s = 2^-6: 0.1·64 = 6.4 → 6 → 0.09375
        std::vector<double> v(32, 0.0);
        v[0] = 0.1;
        const QuantizationResult m = quantize(v, 1, 32, QuantFormat::Fp4E2M1, QuantGranularity::Mx);
        QCOMPARE(m.scales[0], 1.0 / 64);
        QCOMPARE(m.dequantized[0], 6.0 / 64);
    }

    void nvfp4TwoLevelScale()
    {
        // Two blocks of 16; the second has absmax 6·448·g·… Scales are e4m3 values times the fp32 tensor scale.
        std::vector<double> w(32);
        for (int i = 0; i < 32; ++i)
            w[i] = (i < 16 ? 0.01 : 3.0) * std::sin(i + 1.0);
        const QuantizationResult r = quantize(w, 1, 32, QuantFormat::Fp4E2M1, QuantGranularity::Nvfp4);
        QCOMPARE(r.groupSize, 16);
        QCOMPARE(r.scales.size(), std::size_t(2));
        double absmax = 0;
        for (double x : w) absmax = std::max(absmax, std::fabs(x));
        const double g = static_cast<double>(static_cast<float>(absmax / (6 * 448)));
        // the block holding absmax gets e4m3 scale 448 exactly: absmax/(6g) ≈ 448
        AIMATH_COMPARE_REL(r.scales[1] / g, 448.0, 1e-6);
        // every block scale / g is an e4m3 value: on a grid with 3 mantissa bits
        for (double s : r.scales) {
            const double k = s / g;
            const int e = std::ilogb(k);
            const double m = std::ldexp(k, 3 - e);
            QCOMPARE(m, std::round(m));
        }
        // the small block keeps relative precision (its own scale): error ≤ half the widest fp4 gap
        // (4 → 6) times the block scale, while a per-tensor scale (absmax/6 ≈ 0.5) zeroes it entirely.
        const QuantizationResult t = quantize(w, 1, 32, QuantFormat::Fp4E2M1, QuantGranularity::Tensor);
        for (int i = 0; i < 16; ++i) {
            QVERIFY(std::fabs(r.dequantized[i] - w[i]) <= 1.0 * r.scales[0]);
            QCOMPARE(t.dequantized[i], 0.0);
        }
        QVERIFY(r.dequantized[0] != 0.0);
    }

    void blockScalingTamesOutliers()
    {
        // One outlier of 50 in a 64×256 Gaussian tensor: per-tensor int4 puts the step at 50/7 ≈ 7,
        // so almost every weight (|w| < 3.5) rounds to 0 and SQNR ≈ 10·log10(Σw²/Σw²) ≈ 0 dB;
        // block32 confines the damage to one block of 32.
        const auto w = generateWeights(64, 256, 1.0 / (64 * 256), 50.0, 11);
        const auto t = quantize(w, 64, 256, QuantFormat::Int4, QuantGranularity::Tensor);
        const auto b = quantize(w, 64, 256, QuantFormat::Int4, QuantGranularity::Block32);
        QVERIFY(t.sqnrDb < 3.0);
        QVERIFY(b.sqnrDb > 15.0);  // int4 on N(0,1) blocks: step ≈ 2.5/7, SQNR ≈ 10log10(12/0.127) ≈ 19 dB
        QVERIFY(b.klDivergence < t.klDivergence);
        // generated weights: mean 0, variance 1 plus the outlier, exactly one entry of ±50
        int outliers = 0;
        for (double x : w)
            outliers += std::fabs(x) == 50.0;
        QCOMPARE(outliers, 1);
    }

    void levels()
    {
        QCOMPARE(quantFormatLevels(QuantFormat::Int4).size(), std::size_t(15));
        const auto f4 = quantFormatLevels(QuantFormat::Fp4E2M1);
        QCOMPARE(f4, (std::vector<double>{-6, -4, -3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 4, 6}));
        QCOMPARE(quantFormatLevels(QuantFormat::Fp8E4M3).size(), std::size_t(253));  // 256 − 2 NaN − (−0)
    }
};

QTEST_GUILESS_MAIN(TestQuantization)
#include "test_quantization.moc"
