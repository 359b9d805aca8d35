// Sampling, summaries, maximum likelihood and the Beta–Bernoulli posterior,
// against formulas evaluated by hand here and statistical bounds that hold for
// the fixed seeds (the draws are deterministic, so these cannot flake).

#include "engine/prob/sampling.h"
#include "engine/prob/special.h"
#include "tests/support/compare.h"

#include <QTest>

#include <bit>
#include <cmath>

using namespace aimath::prob;

class TestSampling : public QObject {
    Q_OBJECT
private slots:
    void summaryHandWorked()
    {
        // 1, 2, 4, 9: mean 4, Σ(x − 4)² = 9 + 4 + 0 + 25 = 38, unbiased variance 38/3.
        const SampleSummary s = summarize({1, 2, 4, 9});
        QCOMPARE(s.n, std::size_t(4));
        AIMATH_COMPARE_REL(s.mean, 4.0, 1e-15);
        AIMATH_COMPARE_REL(s.variance, 38.0 / 3.0, 1e-15);
        QCOMPARE(summarize({5}).variance, 0.0);
    }

    // The two passes against long double sums, on a sample far from 0 with a tiny spread
    // (where one-pass formulas lose digits), an odd size (partial blocks), and a constant
    // sample (its value and exactly 0).
    void summaryMatchesLongDouble()
    {
        Distribution g;
        g.family = Family::Gaussian;
        g.mu = 1e6;
        g.sigma = 0.01;
        std::vector<double> xs;
        drawSamples(g, 1000003, 5, xs);
        long double m = 0, ss = 0;
        for (double v : xs)
            m += v;
        m /= static_cast<long double>(xs.size());
        for (double v : xs)
            ss += (v - m) * (v - m);
        const SampleSummary s = summarize(xs);
        QCOMPARE(s.n, xs.size());
        AIMATH_COMPARE_REL(s.mean, static_cast<double>(m), 1e-15);
        AIMATH_COMPARE_REL(s.variance, static_cast<double>(ss / static_cast<long double>(xs.size() - 1)), 1e-12);
        const SampleSummary c = summarize(std::vector<double>(4099, 0.1));
        QCOMPARE(c.mean, 0.1);
        QCOMPARE(c.variance, 0.0);
        QCOMPARE(summarize({}).n, std::size_t(0));
    }

    void deterministicGivenSeed()
    {
        Distribution d;
        d.family = Family::Mixture;
        std::vector<double> a, b, c;
        drawSamples(d, 1000, 42, a);
        drawSamples(d, 1000, 42, b);
        drawSamples(d, 1000, 43, c);
        QVERIFY(a == b);
        QVERIFY(a != c);
    }

    // The cached standard draws must give drawSamples' numbers bit for bit,
    // after μ/σ moves (reuse) and after the weight or seed moves (redraw).
    void cachedDrawsEqualFreshDraws()
    {
        StandardDraws cache;
        std::vector<double> cached, fresh;
        Distribution d;
        d.family = Family::Mixture;
        int checks = 0;
        for (const double mu : {-2.0, 0.7, 3.25}) {
            for (const double w : {0.5, 0.2}) {
                for (const std::uint64_t seed : {42u, 43u}) {
                    d.mu = mu;
                    d.sigma = 0.3 + 0.1 * mu * mu;
                    d.w = w;
                    drawSamples(d, 5000, seed, cache, cached);
                    drawSamples(d, 5000, seed, fresh);
                    QVERIFY(cached == fresh);
                    ++checks;
                }
            }
        }
        d.family = Family::Gaussian;
        for (const double mu : {0.0, -1.5, 8.0}) {
            d.mu = mu;
            d.sigma = 2.0 + mu;
            drawSamples(d, 3001, 5, cache, cached);
            drawSamples(d, 3001, 5, fresh);
            QVERIFY(cached == fresh);
            ++checks;
        }
        d.family = Family::Poisson;  // not cached: drawn afresh, the same numbers
        drawSamples(d, 100, 5, cache, cached);
        drawSamples(d, 100, 5, fresh);
        QVERIFY(cached == fresh);
        QCOMPARE(checks, 15);
    }

    void lawOfLargeNumbers_data()
    {
        QTest::addColumn<int>("family");
        for (int f = 0; f < 10; ++f)
            QTest::newRow(familyId(Family(f)).c_str()) << f;
    }
    void lawOfLargeNumbers()
    {
        QFETCH(int, family);
        Distribution d;
        d.family = Family(family);
        d.probs = {1, 3, 0, 2};
        d.alpha = 0.7;
        d.lambda = 2.5;
        d.mu2 = 3;
        std::vector<double> xs;
        const std::size_t n = 200000;
        drawSamples(d, n, 7, xs);
        const SampleSummary s = summarize(xs);
        // Six standard errors: the sample mean of the fixed draws must fall inside.
        const double se = std::sqrt(variance(d) / n);
        QVERIFY2(std::fabs(s.mean - mean(d)) < 6 * se, qPrintable(QString("%1 vs %2").arg(s.mean).arg(mean(d))));
        QVERIFY2(std::fabs(s.variance / variance(d) - 1) < 0.03, qPrintable(QString("%1 vs %2").arg(s.variance).arg(variance(d))));
        // Every draw is in the support.
        const Support sup = support(d);
        for (double x : xs)
            QVERIFY(x >= sup.lo && x <= sup.hi);
        if (isDiscrete(d.family))
            for (double x : xs)
                QVERIFY(pdf(d, x) > 0);
        // Running mean: ends at the full mean and starts at the first draw.
        std::vector<double> m, rm;
        runningMean(xs, 100, m, rm);
        QCOMPARE(m.front(), 1.0);
        QCOMPARE(rm.front(), xs.front());
        QCOMPARE(m.back(), double(n));
        AIMATH_COMPARE_REL(rm.back(), s.mean, 1e-9);
        for (std::size_t i = 1; i < m.size(); ++i)
            QVERIFY(m[i] > m[i - 1]);
    }

    void histogramIntegratesToFractionInside()
    {
        const std::vector<double> xs{0.1, 0.2, 0.25, 0.9, 1.5, -3};
        std::vector<double> c, h;
        histogram(xs, 0.0, 1.0, 4, c, h);
        QCOMPARE(c.size(), std::size_t(4));
        AIMATH_COMPARE_REL(c[0], 0.125, 1e-15);
        // Bins of width ¼ over 6 samples: counts 2 (0.1, 0.2), 1 (0.25), 0, 1 (0.9).
        AIMATH_COMPARE_REL(h[0], 2.0 / (6 * 0.25), 1e-15);
        AIMATH_COMPARE_REL(h[1], 1.0 / (6 * 0.25), 1e-15);
        QCOMPARE(h[2], 0.0);
        AIMATH_COMPARE_REL(h[3], 1.0 / (6 * 0.25), 1e-15);
        std::vector<double> f;
        frequencies({0, 1, 1, 3, 7}, 3, f);
        QCOMPARE(f, (std::vector<double>{0.2, 0.4, 0.0, 0.2}));
    }

    void mleClosedFormsHandWorked()
    {
        const std::vector<double> xs{1, 2, 4, 9};
        Distribution g;
        g.family = Family::Gaussian;
        MleResult r = maximumLikelihood(xs, g);
        QVERIFY(r.ok);
        AIMATH_COMPARE_REL(r.fitted.mu, 4.0, 1e-15);
        AIMATH_COMPARE_REL(r.fitted.sigma, std::sqrt(38.0 / 4.0), 1e-15);  // biased, 1/n
        Distribution l;
        l.family = Family::Laplace;
        r = maximumLikelihood(xs, l);
        QVERIFY(r.ok);
        AIMATH_COMPARE_REL(r.fitted.mu, 3.0, 1e-15);  // median of 1,2,4,9
        AIMATH_COMPARE_REL(r.fitted.scale, (2 + 1 + 1 + 6) / 4.0, 1e-15);
        Distribution u;
        u.family = Family::Uniform;
        r = maximumLikelihood(xs, u);
        QCOMPARE(r.fitted.low, 1.0);
        QCOMPARE(r.fitted.high, 9.0);
        Distribution e;
        e.family = Family::Exponential;
        r = maximumLikelihood(xs, e);
        AIMATH_COMPARE_REL(r.fitted.lambda, 0.25, 1e-15);
        Distribution po;
        po.family = Family::Poisson;
        r = maximumLikelihood(xs, po);
        AIMATH_COMPARE_REL(r.fitted.lambda, 4.0, 1e-15);
        Distribution bi;
        bi.family = Family::Binomial;
        bi.n = 10;
        r = maximumLikelihood(xs, bi);
        AIMATH_COMPARE_REL(r.fitted.p, 0.4, 1e-15);
        Distribution ca;
        ca.family = Family::Categorical;
        ca.probs = {1, 1, 1};
        r = maximumLikelihood({0, 2, 2, 2}, ca);
        QCOMPARE(r.fitted.probs, (std::vector<double>{0.25, 0.0, 0.75}));
        // Degenerate samples are reported, not turned into NaN.
        QVERIFY(!maximumLikelihood({3.0}, g).ok);
        QVERIFY(!maximumLikelihood({}, g).ok);
    }

    void betaMleSolvesTheScoreEquations()
    {
        Distribution b;
        b.family = Family::Beta;
        b.alpha = 2.0;
        b.beta = 5.0;
        std::vector<double> xs;
        drawSamples(b, 50000, 3, xs);
        const MleResult r = maximumLikelihood(xs, b);
        QVERIFY(r.ok);
        // The score vanishes: ψ(α) − ψ(α+β) = mean ln x and ψ(β) − ψ(α+β) = mean ln(1 − x).
        double l1 = 0, l2 = 0;
        for (double x : xs) {
            l1 += std::log(x);
            l2 += std::log(1 - x);
        }
        l1 /= xs.size();
        l2 /= xs.size();
        const double a = r.fitted.alpha, bb = r.fitted.beta;
        AIMATH_COMPARE_ABS(digamma(a) - digamma(a + bb), l1, 1e-10);
        AIMATH_COMPARE_ABS(digamma(bb) - digamma(a + bb), l2, 1e-10);
        QVERIFY(std::fabs(a - 2) < 0.1 && std::fabs(bb - 5) < 0.25);
    }

    void mixtureEmRecoversComponents()
    {
        Distribution m;
        m.family = Family::Mixture;
        m.mu = -2;
        m.sigma = 0.6;
        m.mu2 = 2.5;
        m.sigma2 = 1.0;
        m.w = 0.3;
        for (std::size_t n : {std::size_t(20000), std::size_t(200000)}) {  // exact EM, then binned EM
            std::vector<double> xs;
            drawSamples(m, n, 11, xs);
            const MleResult r = maximumLikelihood(xs, m);
            QVERIFY(r.ok);
            const Distribution& f = r.fitted;
            // Labels may swap; compare as a set.
            const bool swapped = f.mu > f.mu2;
            const double mu1 = swapped ? f.mu2 : f.mu, mu2 = swapped ? f.mu : f.mu2;
            const double s1 = swapped ? f.sigma2 : f.sigma, w1 = swapped ? 1 - f.w : f.w;
            QVERIFY2(std::fabs(mu1 + 2) < 0.05 && std::fabs(mu2 - 2.5) < 0.05, qPrintable(QString("%1 %2").arg(mu1).arg(mu2)));
            QVERIFY(std::fabs(s1 - 0.6) < 0.05);
            QVERIFY(std::fabs(w1 - 0.3) < 0.02);
        }
    }

    // A μ/σ drag on a mixture sample: with the draws' component orders the MLE reads its
    // quartiles and extremes off the orders; every fitted number stays the selection's, bit for bit.
    void orderedMixtureMleEqualsSelection()
    {
        const auto bits = [](double v) { return std::bit_cast<std::uint64_t>(v); };
        const auto same = [&](const Distribution& a, const Distribution& b) {
            return bits(a.mu) == bits(b.mu) && bits(a.sigma) == bits(b.sigma) && bits(a.mu2) == bits(b.mu2) && bits(a.sigma2) == bits(b.sigma2) &&
                   bits(a.w) == bits(b.w);
        };
        StandardDraws cache;
        std::vector<double> xs, fresh, scratch;
        Distribution m;
        m.family = Family::Mixture;
        m.mu2 = 2.0;
        m.sigma2 = 0.8;
        int ordered = 0;
        // Binned EM (n above the exact limit) and exact EM; w = 0.9 leaves the second component a tenth.
        for (std::size_t n : {std::size_t(25000), std::size_t(3001)})
            for (double w : {0.5, 0.9})
                for (std::uint64_t seed : {42u})
                    for (double mu : {-2.0, -1.5, 0.5, 3.5, 4.0}) {  // the first component crosses the second
                        m.w = w;
                        m.mu = mu;
                        m.sigma = 0.6 + 0.1 * mu * mu;
                        drawSamples(m, n, seed, cache, xs);
                        drawSamples(m, n, seed, fresh);
                        QVERIFY(xs == fresh);
                        ordered += cache.order[0].size() + cache.order[1].size() == n ? 1 : 0;
                        const SampleSummary sum = summarize(xs);
                        const MleResult fast = maximumLikelihood(xs, m, scratch, sum, &cache);
                        const MleResult plain = maximumLikelihood(fresh, m);
                        QCOMPARE(fast.ok, plain.ok);
                        QVERIFY2(same(fast.fitted, plain.fitted),
                                 qPrintable(QStringLiteral("n %1 w %2 seed %3 mu %4: %5 vs %6").arg(n).arg(w).arg(seed).arg(mu)
                                                .arg(fast.fitted.mu, 0, 'g', 17).arg(plain.fitted.mu, 0, 'g', 17)));
                    }
        // The orders exist from the first reuse of each (n, w, seed) on: 4 of the 5 μ each time.
        QCOMPARE(ordered, 2 * 2 * 4);
        // Draws of another sample size do not count as this sample's orders.
        drawSamples(m, 500, 42, cache, xs);
        QVERIFY(cache.order[0].empty() && cache.order[1].empty());
        QVERIFY(same(maximumLikelihood(xs, m, scratch, summarize(xs), &cache).fitted, maximumLikelihood(xs, m).fitted));
    }

    void betaBernoulliPosteriorHandWorked()
    {
        // 7 heads in 10 with a Beta(2, 2) prior: posterior Beta(9, 5), MLE 0.7, MAP 8/12.
        const std::vector<double> xs{1, 1, 0, 1, 1, 0, 1, 1, 0, 1};
        const BetaPosterior b = betaBernoulli(xs, 2, 2);
        QCOMPARE(b.n, 10);
        QCOMPARE(b.k, 7);
        QCOMPARE(b.postAlpha, 9.0);
        QCOMPARE(b.postBeta, 5.0);
        AIMATH_COMPARE_REL(b.mle, 0.7, 1e-15);
        QVERIFY(b.mapDefined);
        AIMATH_COMPARE_REL(b.map, 8.0 / 12.0, 1e-15);
        AIMATH_COMPARE_REL(b.posteriorMean, 9.0 / 14.0, 1e-15);
        // Uniform prior and no data: posterior Beta(1, 1) is flat, no mode.
        const BetaPosterior flat = betaBernoulli({}, 1, 1);
        QVERIFY(!flat.mapDefined);
        QVERIFY(!flat.mleDefined);
        // Jeffreys prior with all tails: mode at 0 stays defined? α + k = 0.5 < 1: no interior mode.
        const BetaPosterior j = betaBernoulli({0, 0, 0}, 0.5, 0.5);
        QVERIFY(!j.mapDefined);
        // Uniform prior, all tails: mode at 0 = MLE.
        const BetaPosterior u = betaBernoulli({0, 0, 0}, 1, 1);
        QVERIFY(u.mapDefined);
        QCOMPARE(u.map, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestSampling)
#include "test_sampling.moc"
