// The decoding pipeline on hand-made cases: each filter alone, ties, the top_p
// edge values 0 and 1, min_p, their order, and the extreme temperature case.

#include "engine/prob/decoding.h"
#include "tests/support/compare.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <random>

using namespace aimath::prob;

namespace {
// Logits whose softmax at T = 1 is exactly proportional to the given weights.
std::vector<double> logitsFor(const std::vector<double>& w)
{
    std::vector<double> l;
    for (double v : w)
        l.push_back(std::log(v));
    return l;
}
DecodingResult run(const std::vector<double>& logits, double t, int k, double p, double minP)
{
    DecodingConfig c;
    c.logits = logits;
    c.temperature = t;
    c.topK = k;
    c.topP = p;
    c.minP = minP;
    return decode(c);
}
std::vector<char> keptOf(const DecodingResult& r) { return r.kept; }
}  // namespace

class TestDecoding : public QObject {
    Q_OBJECT
private slots:
    void softmaxHandWorked()
    {
        // softmax(0, ln 3) = (¼, ¾); with T = 2 the logits halve: (1, √3)/(1 + √3).
        auto p = softmax({0, std::log(3.0)}, 1);
        AIMATH_COMPARE_REL(p[0], 0.25, 1e-15);
        AIMATH_COMPARE_REL(p[1], 0.75, 1e-15);
        p = softmax({0, std::log(3.0)}, 2);
        AIMATH_COMPARE_REL(p[0], 1 / (1 + std::sqrt(3.0)), 1e-15);
    }

    void extremeTemperatureStaysExact()
    {
        // T = 0.05 with logits ±100: scaled logits ±2000 would overflow exp without the shift.
        const auto p = softmax({100, -100, 99.9, 100}, 0.05);
        for (double v : p)
            QVERIFY(std::isfinite(v));
        AIMATH_COMPARE_REL(p[0], 1 / (2 + std::exp(-2.0)), 1e-15);  // 99.9 is 2 scaled units below
        AIMATH_COMPARE_REL(p[2], std::exp(-2.0) / (2 + std::exp(-2.0)), 1e-14);
        QCOMPARE(p[1], 0.0);  // e^-4000 underflows to exactly 0, not NaN
        const DecodingResult r = run({100, -100, 99.9, 100}, 0.05, 0, 1, 0);
        QVERIFY(r.ok);
        QVERIFY(std::isfinite(r.entropy));
    }

    void topKWithTiesKeepsLowerIndex()
    {
        // Probabilities (0.2, 0.3, 0.2, 0.3): ranks 1, 3 first, then the tie 0 before 2.
        const auto r = run(logitsFor({2, 3, 2, 3}), 1, 3, 1, 0);
        QCOMPARE(keptOf(r), (std::vector<char>{1, 1, 0, 1}));
        QCOMPARE(r.rank, (std::vector<int>{2, 0, 3, 1}));
        // Renormalised over 0.8: 0.25, 0.375, 0, 0.375.
        AIMATH_COMPARE_REL(r.finalProbs[0], 0.25, 1e-14);
        AIMATH_COMPARE_REL(r.finalProbs[1], 0.375, 1e-14);
        QCOMPARE(r.finalProbs[2], 0.0);
        // top_k = 0 is off; top_k larger than the vocabulary keeps everything.
        QCOMPARE(keptOf(run(logitsFor({2, 3, 2, 3}), 1, 0, 1, 0)), (std::vector<char>{1, 1, 1, 1}));
        QCOMPARE(keptOf(run(logitsFor({2, 3, 2, 3}), 1, 9, 1, 0)), (std::vector<char>{1, 1, 1, 1}));
    }

    void topPEdgesAndBoundary()
    {
        const auto l = logitsFor({5, 3, 1, 1});  // 0.5, 0.3, 0.1, 0.1
        // top_p = 0 keeps exactly one token (the most probable).
        QCOMPARE(keptOf(run(l, 1, 0, 0.0, 0)), (std::vector<char>{1, 0, 0, 0}));
        // top_p = 1 is off.
        QCOMPARE(keptOf(run(l, 1, 0, 1.0, 0)), (std::vector<char>{1, 1, 1, 1}));
        // 0.5 reaches 0.5 exactly: one token suffices.
        QCOMPARE(keptOf(run(l, 1, 0, 0.5, 0)), (std::vector<char>{1, 0, 0, 0}));
        // Just above 0.5: the second token is needed; 0.8 = 0.5 + 0.3 is reached with two.
        QCOMPARE(keptOf(run(l, 1, 0, 0.51, 0)), (std::vector<char>{1, 1, 0, 0}));
        QCOMPARE(keptOf(run(l, 1, 0, 0.8, 0)), (std::vector<char>{1, 1, 0, 0}));
        // 0.85 needs a third; of the tied 0.1s the lower index (2) comes first.
        QCOMPARE(keptOf(run(l, 1, 0, 0.85, 0)), (std::vector<char>{1, 1, 1, 0}));
        const auto r = run(l, 1, 0, 0.85, 0);
        AIMATH_COMPARE_REL(r.finalProbs[0], 0.5 / 0.9, 1e-14);
        AIMATH_COMPARE_REL(r.topPCumulative[1], 0.8, 1e-14);
        AIMATH_COMPARE_REL(r.topPCumulative[3], 1.0, 1e-14);
    }

    void topPActsOnTheTopKRenormalised()
    {
        // After top-k = 2 the survivors 0.5, 0.3 renormalise to 0.625, 0.375;
        // top_p = 0.6 is then reached by the first alone.
        const auto r = run(logitsFor({5, 3, 1, 1}), 1, 2, 0.6, 0);
        QCOMPARE(keptOf(r), (std::vector<char>{1, 0, 0, 0}));
        AIMATH_COMPARE_REL(r.topPCumulative[0], 0.625, 1e-14);
        QCOMPARE(r.topPCumulative[2], 0.0);
    }

    void minPRelativeToTheLargest()
    {
        const auto l = logitsFor({5, 3, 1, 1});
        // min_p = 0.2: threshold 0.1 keeps everything (p ≥ threshold); 0.21 cuts the 0.1s; 0.61 keeps only the top.
        QCOMPARE(keptOf(run(l, 1, 0, 1, 0.2)), (std::vector<char>{1, 1, 1, 1}));
        QCOMPARE(keptOf(run(l, 1, 0, 1, 0.21)), (std::vector<char>{1, 1, 0, 0}));
        QCOMPARE(keptOf(run(l, 1, 0, 1, 0.61)), (std::vector<char>{1, 0, 0, 0}));
        // min_p = 1 keeps every token tied with the maximum.
        QCOMPARE(keptOf(run(logitsFor({3, 3, 1}), 1, 0, 1, 1.0)), (std::vector<char>{1, 1, 0}));
    }

    void entropyAndPerplexity()
    {
        // Final (½, ½) after cutting two tokens: H = ln 2, perplexity 2.
        const auto r = run(logitsFor({4, 4, 1, 1}), 1, 2, 1, 0);
        AIMATH_COMPARE_REL(r.entropy, std::numbers::ln2, 1e-14);
        AIMATH_COMPARE_REL(r.perplexity, 2.0, 1e-14);
        // Everything kept and uniform: H = ln V.
        const auto u = run({1, 1, 1, 1, 1}, 0.3, 0, 1, 0);
        AIMATH_COMPARE_REL(u.entropy, std::log(5.0), 1e-14);
    }

    void entropyCurveLimits()
    {
        std::vector<double> t, h;
        const std::vector<double> l{2, 1, 0.5, -1, 3};
        entropyOverTemperature(l, 0.01, 1000, 50, t, h);
        AIMATH_COMPARE_REL(t.front(), 0.01, 1e-14);
        AIMATH_COMPARE_REL(t.back(), 1000, 1e-12);
        AIMATH_COMPARE_ABS(h.front(), 0.0, 1e-20);        // greedy limit: one token
        AIMATH_COMPARE_ABS(h.back(), std::log(5.0), 1e-4); // uniform limit
        for (std::size_t i = 1; i < h.size(); ++i)
            QVERIFY(h[i] >= h[i - 1] - 1e-15);  // entropy grows with T
    }

    void sampledFrequenciesFollowTheProbabilities()
    {
        const std::vector<double> p{0.5, 0.3, 0.0, 0.2};
        const auto f = sampleTokenFrequencies(p, 100000, 5);
        QCOMPARE(f[2], 0.0);  // a cut token is never drawn
        for (std::size_t i = 0; i < p.size(); ++i)
            QVERIFY(std::fabs(f[i] - p[i]) < 6 * std::sqrt(p[i] * (1 - p[i]) / 100000) + 1e-12);
        QCOMPARE(sampleTokenFrequencies(p, 1000, 5), sampleTokenFrequencies(p, 1000, 5));
    }

    void cachedSamplingEqualsDrawing_data()
    {
        QTest::addColumn<std::vector<double>>("probs");
        QTest::addColumn<int>("draws");
        QTest::addColumn<int>("seed");
        QTest::newRow("four, one cut") << std::vector<double>{0.5, 0.3, 0.0, 0.2} << 100000 << 5;
        QTest::newRow("cut first and last") << std::vector<double>{0.0, 0.7, 0.3, 0.0} << 50000 << 1;
        QTest::newRow("one token") << std::vector<double>{1.0} << 1000 << 3;
        QTest::newRow("two, unnormalised") << std::vector<double>{3.0, 1.0} << 7 << 9;
        QTest::newRow("one draw") << std::vector<double>{0.2, 0.2, 0.6} << 1 << 4;
        std::vector<double> tail(64);  // a decoding distribution's long tail: probabilities down to 1e-20
        for (std::size_t k = 0; k < tail.size(); ++k)
            tail[k] = std::exp(-0.7 * static_cast<double>(k));
        QTest::newRow("64 tokens, long tail") << tail << 1000000 << 42;
        std::vector<double> thirds(30, 1.0 / 3.0);  // running sums that round above 1 before the last
        QTest::newRow("thirds") << thirds << 200000 << 8;
    }

    // The counts from the bucketed uniforms are std::discrete_distribution's, draw for draw.
    void cachedSamplingEqualsDrawing()
    {
        QFETCH(std::vector<double>, probs);
        QFETCH(int, draws);
        QFETCH(int, seed);
        TokenUniforms cache;
        const auto direct = sampleTokenFrequencies(probs, draws, static_cast<std::uint64_t>(seed));
        QCOMPARE(sampleTokenFrequencies(probs, draws, static_cast<std::uint64_t>(seed), cache), direct);
        // A brute-force count with the standard library's own sampler.
        std::mt19937_64 rng(static_cast<std::uint64_t>(seed));
        std::discrete_distribution<int> dist(probs.begin(), probs.end());
        std::vector<double> counts(probs.size(), 0.0);
        for (int i = 0; i < draws; ++i)
            counts[static_cast<std::size_t>(dist(rng))] += 1.0;
        for (std::size_t k = 0; k < probs.size(); ++k)
            QCOMPARE(direct[k], counts[k] / draws);
        // Another distribution on the same uniforms (a temperature drag): still the same as drawing afresh.
        std::vector<double> flatter(probs.size());
        for (std::size_t k = 0; k < probs.size(); ++k)
            flatter[k] = std::sqrt(probs[k]);
        QCOMPARE(sampleTokenFrequencies(flatter, draws, static_cast<std::uint64_t>(seed), cache),
                 sampleTokenFrequencies(flatter, draws, static_cast<std::uint64_t>(seed)));
    }

    // A new seed or count means new uniforms: the cache follows.
    void tokenUniformsFollowSeedAndCount()
    {
        const std::vector<double> p{0.4, 0.35, 0.25};
        TokenUniforms cache;
        QCOMPARE(sampleTokenFrequencies(p, 5000, 1, cache), sampleTokenFrequencies(p, 5000, 1));
        QCOMPARE(sampleTokenFrequencies(p, 5000, 2, cache), sampleTokenFrequencies(p, 5000, 2));
        QCOMPARE(cache.seed, std::uint64_t{2});
        QCOMPARE(sampleTokenFrequencies(p, 777, 2, cache), sampleTokenFrequencies(p, 777, 2));
        QCOMPARE(cache.draws, 777);
        QCOMPARE(cache.countAtMost(-1.0), std::size_t{0});
        QCOMPARE(cache.countAtMost(1.0), std::size_t{777});
        QVERIFY(sampleTokenFrequencies(p, 5000, 1) != sampleTokenFrequencies(p, 5000, 2));
    }

    void badInputIsReported()
    {
        QVERIFY(!run({}, 1, 0, 1, 0).ok);
        QVERIFY(!run({1, 2}, 0, 0, 1, 0).ok);
        QVERIFY(!run({1, 2}, 1, 0, 1.5, 0).ok);
        QVERIFY(run({1, 2}, 1, 0, 1.5, 0).message.starts_with("top_p"));
    }
};

QTEST_GUILESS_MAIN(TestDecoding)
#include "test_decoding.moc"
