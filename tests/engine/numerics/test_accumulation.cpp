// Summation in low precision on hand-worked cases: the fp16 count of ones
// stalls at 2048 (2048 + 1 is the tie 2049 → even 2048), bf16 at 256;
// Kahan and pairwise recover; the float64 reference is exact where the exact
// sum is known.

#include "engine/numerics/accumulation.h"
#include "tests/support/compare.h"

#include <QTest>

#include <cmath>

using namespace aimath::numerics;

namespace {
const AccumulationCurve& curve(const AccumulationResult& r, const std::string& id, SumMethod m)
{
    for (const auto& c : r.curves)
        if (c.formatId == id && c.method == m)
            return c;
    qFatal("curve missing");
}
}  // namespace

class TestAccumulation : public QObject {
    Q_OBJECT
private slots:
    void checkpoints()
    {
        QCOMPARE(logCheckpoints(1000, 1), (std::vector<long long>{1, 10, 100, 1000}));
        QCOMPARE(logCheckpoints(5, 1), (std::vector<long long>{1, 5}));
        const auto c = logCheckpoints(10'000'000, 20);
        QCOMPARE(c.front(), 1LL);
        QCOMPARE(c.back(), 10'000'000LL);
        for (std::size_t i = 1; i < c.size(); ++i)
            QVERIFY(c[i] > c[i - 1]);
    }

    void fp16OnesStallAt2048()
    {
        AccumulationInput in;
        in.formats = {*formatById("fp16"), *formatById("bf16"), *formatById("fp32")};
        in.n = 5000;
        in.values = SumValues::Ones;
        const AccumulationResult r = accumulate(in);
        QVERIFY(r.ok);
        QCOMPARE(r.reference.back(), 5000.0);
        QCOMPARE(curve(r, "fp16", SumMethod::Naive).sums.back(), 2048.0);
        QCOMPARE(curve(r, "bf16", SumMethod::Naive).sums.back(), 256.0);  // 256 + 1: tie → even 256
        QCOMPARE(curve(r, "fp32", SumMethod::Naive).sums.back(), 5000.0);
        // relative error of the stalled sum: (5000 − 2048) / 5000
        AIMATH_COMPARE_REL(curve(r, "fp16", SumMethod::Naive).relError.back(), (5000.0 - 2048.0) / 5000.0, 1e-15);
        // Pairwise of ones adds blocks 4096 + 512 + 256 + 128 + 8, all exact in fp16.
        QCOMPARE(curve(r, "fp16", SumMethod::Pairwise).sums.back(), 5000.0);
        // Kahan carries the lost ones in its compensation: within one fp16 spacing (4) of 5000.
        QVERIFY(std::fabs(curve(r, "fp16", SumMethod::Kahan).sums.back() - 5000.0) <= 4.0);
        // Before 2048 every method is exact.
        for (std::size_t k = 0; k < r.checkpoints.size(); ++k)
            if (r.checkpoints[k] <= 2048)
                QCOMPARE(curve(r, "fp16", SumMethod::Naive).sums[k], double(r.checkpoints[k]));
    }

    void tenthReferenceIsExact()
    {
        // 10000 × 0x1.999999999999ap-4 = 1000 + 5.55e-14 exactly; the nearest double is 1000
        // (the spacing there is 1.14e-13). Naive float64 summation drifts away from it.
        AccumulationInput in;
        in.formats = {*formatById("fp64")};
        in.n = 10000;
        in.values = SumValues::Tenth;
        const AccumulationResult r = accumulate(in);
        QCOMPARE(r.reference.back(), 1000.0);
        const double naive = curve(r, "fp64", SumMethod::Naive).sums.back();
        double s = 0.0;
        for (int i = 0; i < 10000; ++i)
            s += 0.1;  // brute force, the same naive loop
        QCOMPARE(naive, s);
        QVERIFY(naive != 1000.0);
        QCOMPARE(curve(r, "fp64", SumMethod::Kahan).sums.back(), 1000.0);
    }

    void pairwiseBeatsNaiveOnUniform()
    {
        AccumulationInput in;
        in.formats = {*formatById("bf16")};
        in.n = 100000;
        in.values = SumValues::Uniform;
        in.seed = 3;
        const AccumulationResult r = accumulate(in);
        // naive bf16 stalls near 2^k where the spacing exceeds twice the mean term (0.5): error is huge
        QVERIFY(curve(r, "bf16", SumMethod::Naive).relError.back() > 0.5);
        // pairwise keeps the error near log2(n)·2^-8 and Kahan near 2^-8
        QVERIFY(curve(r, "bf16", SumMethod::Pairwise).relError.back() < 0.05);
        QVERIFY(curve(r, "bf16", SumMethod::Kahan).relError.back() < 0.01);
        // reference: mean of U[0,1) is 1/2, sd of the sum sqrt(n/12) ≈ 91 → within 5 sd of n/2
        AIMATH_COMPARE_ABS(r.reference.back(), 50000.0, 460.0);
    }

    void overflowShowsAsInfinity()
    {
        AccumulationInput in;
        in.formats = {*formatById("fp8_e5m2")};
        in.methods = {SumMethod::Pairwise};
        in.n = 200000;  // pairwise blocks of ones reach 65536 > 57344: the block sum overflows to inf
        const AccumulationResult r = accumulate(in);
        QVERIFY(std::isinf(curve(r, "fp8_e5m2", SumMethod::Pairwise).sums.back()));
        QVERIFY(std::isinf(curve(r, "fp8_e5m2", SumMethod::Pairwise).relError.back()));
    }

    void termStreamsAreSeeded()
    {
        TermStream a(SumValues::Normal, 9), b(SumValues::Normal, 9), c(SumValues::Normal, 10);
        double sum = 0, sq = 0;
        bool differs = false;
        for (int i = 0; i < 100000; ++i) {
            const double x = a.next();
            QCOMPARE(x, b.next());
            differs |= x != c.next();
            sum += x;
            sq += x * x;
        }
        QVERIFY(differs);
        AIMATH_COMPARE_ABS(sum / 100000, 0.0, 0.02);  // 5 sd of the mean
        AIMATH_COMPARE_ABS(sq / 100000, 1.0, 0.03);
    }

    void progressAndCancel()
    {
        AccumulationInput in;
        in.formats = {*formatById("fp16")};
        in.n = 1'000'000;
        int calls = 0;
        const AccumulationResult r = accumulate(in, [&](double f) {
            ++calls;
            return f < 0.1;
        });
        QVERIFY(r.cancelled);
        QVERIFY(!r.ok);
        QVERIFY(calls >= 3 && calls < 10);
        double last = -1;
        bool monotone = true;
        int seen = 0;
        const AccumulationResult full = accumulate(in, [&](double f) {
            monotone &= f >= last;
            last = f;
            ++seen;
            return true;
        });
        QVERIFY(full.ok);
        QVERIFY(monotone);
        QCOMPARE(last, 1.0);
        QVERIFY(seen > 10);
    }
};

QTEST_GUILESS_MAIN(TestAccumulation)
#include "test_accumulation.moc"
