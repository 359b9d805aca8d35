// Summation in low precision on hand-worked cases: the fp16 count of ones
// stalls at 2048 (2048 + 1 is the tie 2049 → even 2048), bf16 at 256;
// Kahan and pairwise recover; the float64 reference is exact where the exact
// sum is known.

#include "engine/numerics/accumulation.h"
#include "tests/support/compare.h"

#include <QTest>

#include <bit>
#include <cmath>

using namespace aimath::numerics;

namespace {
/// Every number of a equals b's bit for bit (NaN patterns too); the first difference otherwise.
QString bitDifference(const AccumulationResult& a, const AccumulationResult& b)
{
    const auto same = [](double x, double y) { return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y); };
    if (a.ok != b.ok || a.checkpoints != b.checkpoints || a.curves.size() != b.curves.size() || a.reference.size() != b.reference.size())
        return QStringLiteral("shape differs (%1 / %2 checkpoints)").arg(a.checkpoints.size()).arg(b.checkpoints.size());
    for (std::size_t k = 0; k < a.reference.size(); ++k)
        if (!same(a.reference[k], b.reference[k]))
            return QStringLiteral("reference at n = %1").arg(a.checkpoints[k]);
    for (std::size_t c = 0; c < a.curves.size(); ++c) {
        const auto &x = a.curves[c], &y = b.curves[c];
        if (x.formatId != y.formatId || x.method != y.method || x.sums.size() != y.sums.size() || x.relError.size() != y.relError.size())
            return QStringLiteral("curve %1 differs in kind").arg(c);
        for (std::size_t k = 0; k < x.sums.size(); ++k)
            if (!same(x.sums[k], y.sums[k]) || !same(x.relError[k], y.relError[k]))
                return QStringLiteral("%1 %2 at n = %3: %4 vs %5")
                    .arg(QString::fromStdString(x.formatId), QString::fromStdString(sumMethodId(x.method)))
                    .arg(a.checkpoints[k])
                    .arg(x.sums[k], 0, 'g', 17)
                    .arg(y.sums[k], 0, 'g', 17);
    }
    return {};
}

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

    void prefixEqualsDirectSum_data()
    {
        QTest::addColumn<QString>("formats");
        QTest::addColumn<int>("values");
        QTest::addColumn<int>("rounding");
        QTest::addColumn<int>("overflow");
        QTest::addColumn<int>("seed");
        QTest::newRow("default formats, ones") << "fp32,fp16,bf16,fp8_e4m3" << int(SumValues::Ones) << int(Rounding::NearestEven) << int(Overflow::Ieee) << 1;
        QTest::newRow("normal terms, every kind of format")
            << "fp64,fp32,fp16,bf16,fp8_e4m3,fp8_e5m2,fp6_e2m3,fp4_e2m1,e8m0" << int(SumValues::Normal) << int(Rounding::NearestEven) << int(Overflow::Ieee) << 5;
        QTest::newRow("stochastic rounding, uniform") << "fp16,bf16,fp8_e5m2" << int(SumValues::Uniform) << int(Rounding::Stochastic) << int(Overflow::Ieee) << 7;
        QTest::newRow("toward zero, saturating, tenths") << "fp16,fp8_e4m3,fp6_e3m2" << int(SumValues::Tenth) << int(Rounding::TowardZero) << int(Overflow::Saturate) << 2;
    }

    // The cached prefix answers every n with exactly accumulate()'s numbers: checkpoints
    // below n from the one pass, n itself resumed from a snapshot (or kept, on a checkpoint).
    void prefixEqualsDirectSum()
    {
        QFETCH(QString, formats);
        QFETCH(int, values);
        QFETCH(int, rounding);
        QFETCH(int, overflow);
        QFETCH(int, seed);
        AccumulationInput in;
        for (const QString& id : formats.split(u','))
            in.formats.push_back(*formatById(id.toStdString()));
        in.values = SumValues(values);
        in.rounding = Rounding(rounding);
        in.overflow = Overflow(overflow);
        in.seed = static_cast<std::uint64_t>(seed);
        constexpr long long kTop = 70000;
        AccumulationPrefix prefix(in);
        QVERIFY(prefix.extendTo(kTop));
        QCOMPARE(prefix.extent(), kTop);
        const long long k = AccumulationPrefix::kSnapshotEvery;
        // Checkpoints (1, 10, 100, 1000, 10000, 31623, 63096), snapshot multiples and their neighbours, the extent, odd values.
        for (long long n : {1LL, 2LL, 10LL, 11LL, 99LL, 100LL, 1000LL, 4095LL, k, k + 1, 2 * k - 1, 10000LL, 12589LL, 31623LL, 31624LL, 49999LL,
                            63095LL, 63096LL, 16 * k, kTop - 1, kTop}) {
            in.n = n;
            const AccumulationResult direct = accumulate(in);
            const AccumulationResult cached = prefix.resultAt(n);
            QVERIFY2(cached.ok, cached.message.c_str());
            const QString diff = bitDifference(cached, direct);
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("n = %1: %2").arg(n).arg(diff)));
        }
    }

    void prefixKeptValuesEqualDirectSum_data() { prefixEqualsDirectSum_data(); }

    // Values the caller asked to keep (a slider's n) are read from memory, not summed
    // again, and are still accumulate()'s numbers bit for bit; keeping them does not
    // disturb the pass (under stochastic rounding a pairwise value draws random bits).
    void prefixKeptValuesEqualDirectSum()
    {
        QFETCH(QString, formats);
        QFETCH(int, values);
        QFETCH(int, rounding);
        QFETCH(int, overflow);
        QFETCH(int, seed);
        AccumulationInput in;
        for (const QString& id : formats.split(u','))
            in.formats.push_back(*formatById(id.toStdString()));
        in.values = SumValues(values);
        in.rounding = Rounding(rounding);
        in.overflow = Overflow(overflow);
        in.seed = static_cast<std::uint64_t>(seed);
        constexpr long long kTop = 70000;
        // Unsorted, repeated, out of range and on-checkpoint entries on purpose.
        const std::vector<long long> keep{69999, 2, 5000, 12345, 0, 99, 4095, 5000, 63095, 10000, -3, 3 * AccumulationPrefix::kMaxTerms};
        AccumulationPrefix prefix(in, keep);
        // In two calls: the pass keeps the values past where the first one stopped.
        QVERIFY(prefix.extendTo(9000));
        QVERIFY(prefix.extendTo(kTop));
        for (long long n : {2LL, 99LL, 4095LL, 5000LL, 10000LL, 12345LL, 63095LL, 69999LL})
            QVERIFY2(prefix.kept(n), qPrintable(QString::number(n)));
        for (long long n : {4097LL, 5001LL, 12346LL, 70000LL, 70001LL, 0LL})  // none a checkpoint
            QVERIFY2(!prefix.kept(n), qPrintable(QString::number(n)));
        for (long long n : {2LL, 3LL, 99LL, 4095LL, 5000LL, 5001LL, 10000LL, 12345LL, 12346LL, 63095LL, 69999LL, kTop}) {
            in.n = n;
            const QString diff = bitDifference(prefix.resultAt(n), accumulate(in));
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("n = %1: %2").arg(n).arg(diff)));
        }
    }

    void prefixExtendsInCancelledPieces()
    {
        AccumulationInput in;
        in.formats = {*formatById("fp16"), *formatById("bf16")};
        in.values = SumValues::Normal;
        in.rounding = Rounding::Stochastic;
        in.seed = 11;
        AccumulationPrefix prefix(in);
        // Cancelled at its first progress check: the snapshot it reached stays, nothing beyond.
        QVERIFY(!prefix.extendTo(50000, [](double) { return false; }));
        QCOMPARE(prefix.extent(), AccumulationPrefix::kSnapshotEvery);
        QVERIFY(prefix.extendTo(30001));
        QCOMPARE(prefix.extent(), 30001LL);
        QVERIFY(prefix.extendTo(20000));  // already there: nothing to do
        QCOMPARE(prefix.extent(), 30001LL);
        QVERIFY(prefix.extendTo(45000));
        for (long long n : {4096LL, 20000LL, 30001LL, 30002LL, 45000LL}) {
            in.n = n;
            const QString diff = bitDifference(prefix.resultAt(n), accumulate(in));
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("n = %1: %2").arg(n).arg(diff)));
        }
        // Beyond the extent and below 1: a message, no numbers.
        const AccumulationResult beyond = prefix.resultAt(45001);
        QVERIFY(!beyond.ok);
        QVERIFY(!beyond.message.empty());
        QVERIFY(!prefix.resultAt(0).ok);
        QVERIFY(prefix.memoryBytes() > 0);
    }

    // Anything but n that changes the numbers makes the cached series a different one.
    void prefixSeriesIdentity()
    {
        AccumulationInput in;
        in.formats = {*formatById("fp16"), *formatById("bf16")};
        in.values = SumValues::Uniform;
        in.seed = 3;
        const AccumulationPrefix prefix(in);
        AccumulationInput same = in;
        same.n = 12345;
        QVERIFY(prefix.sameSeries(same));
        auto changed = [&](auto edit) {
            AccumulationInput c = in;
            edit(c);
            return !prefix.sameSeries(c);
        };
        QVERIFY(changed([](AccumulationInput& c) { c.seed = 4; }));
        QVERIFY(changed([](AccumulationInput& c) { c.values = SumValues::Normal; }));
        QVERIFY(changed([](AccumulationInput& c) { c.formats.pop_back(); }));
        QVERIFY(changed([](AccumulationInput& c) { c.formats[1] = customFormat(8, 7); }));  // bf16's fields under another id
        QVERIFY(changed([](AccumulationInput& c) { c.formats[0].mantissaBits = 9; }));
        QVERIFY(changed([](AccumulationInput& c) { c.rounding = Rounding::Stochastic; }));
        QVERIFY(changed([](AccumulationInput& c) { c.overflow = Overflow::Saturate; }));
        QVERIFY(changed([](AccumulationInput& c) { c.methods = {SumMethod::Naive}; }));
        QVERIFY(changed([](AccumulationInput& c) { c.pointsPerDecade = 10; }));
    }
};

QTEST_GUILESS_MAIN(TestAccumulation)
#include "test_accumulation.moc"
