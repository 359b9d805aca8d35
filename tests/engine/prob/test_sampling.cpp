// Sampling, summaries, maximum likelihood and the Beta–Bernoulli posterior,
// against formulas evaluated by hand here and statistical bounds that hold for
// the fixed seeds (the draws are deterministic, so these cannot flake).

#include "engine/prob/sampling.h"
#include "engine/prob/special.h"
#include "tests/support/compare.h"

#include <QTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <random>

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

    // summarize's sums, lane for lane: blocks of 1,024, four lanes (i mod 4) and the block's
    // tail in lane 0, written out here as scalar loops; the summary must be these bits for
    // every size around the block and lane edges (the library adds two lanes per instruction).
    void summaryIsTheFourLaneSumsBitForBit()
    {
        const auto reference = [](const std::vector<double>& x) {
            const std::size_t n = x.size();
            double sum = 0.0, dev = 0.0, ss = 0.0;
            bool constant = true;
            for (std::size_t b = 0; b < n; b += 1024) {
                const std::size_t e = std::min(n, b + 1024), whole = b + (e - b) / 4 * 4;
                double lane[4] = {0.0, 0.0, 0.0, 0.0};
                for (std::size_t i = b; i < e; ++i) {
                    lane[i < whole ? (i - b) % 4 : 0] += x[i];
                    constant = constant && x[i] == x[0];
                }
                sum += (lane[0] + lane[1]) + (lane[2] + lane[3]);
            }
            if (constant)
                return std::pair{x[0], 0.0};
            const double mean = sum / static_cast<double>(n);
            for (std::size_t b = 0; b < n; b += 1024) {
                const std::size_t e = std::min(n, b + 1024), whole = b + (e - b) / 4 * 4;
                double d[4] = {0.0, 0.0, 0.0, 0.0}, q[4] = {0.0, 0.0, 0.0, 0.0};
                for (std::size_t i = b; i < e; ++i) {
                    const double v = x[i] - mean;
                    d[i < whole ? (i - b) % 4 : 0] += v;
                    q[i < whole ? (i - b) % 4 : 0] += v * v;
                }
                dev += (d[0] + d[1]) + (d[2] + d[3]);
                ss += (q[0] + q[1]) + (q[2] + q[3]);
            }
            const double var = n > 1 ? std::max(0.0, (ss - dev * dev / static_cast<double>(n)) / static_cast<double>(n - 1)) : 0.0;
            return std::pair{mean + dev / static_cast<double>(n), var};
        };
        const auto bits = [](double v) { return std::bit_cast<std::uint64_t>(v); };
        Distribution d;
        d.family = Family::Mixture;
        std::vector<double> xs;
        for (std::size_t n : {1, 2, 3, 4, 5, 7, 8, 1023, 1024, 1025, 1027, 2048, 4099, 100003}) {
            drawSamples(d, n, 17 + n, xs);
            const SampleSummary s = summarize(xs);
            const auto [mean, var] = reference(xs);
            QVERIFY2(bits(s.mean) == bits(mean) && bits(s.variance) == bits(var), qPrintable(QString::number(n)));
            // Constant but for one value in a block's tail, then in a lane.
            std::vector<double> c(n, 0.3);
            for (std::size_t at : {n - 1, n / 2}) {
                c[at] = 0.7;
                const SampleSummary sc = summarize(c);
                const auto [cm, cv] = reference(c);
                QVERIFY2(bits(sc.mean) == bits(cm) && bits(sc.variance) == bits(cv), qPrintable(QStringLiteral("%1 at %2").arg(n).arg(at)));
                c[at] = 0.3;
            }
        }
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

    // The histogram of a μ/σ drag counts its bins by searching the sorted draws; it must be the
    // brute-force count of every sample, bit for bit: random ranges and bin counts, ranges whose
    // ends are samples (and one ulp either side), edges that land on samples, samples outside,
    // ties (σ tiny beside μ), σ huge (infinite samples), one and two samples, and the plain
    // pass where the cache holds no sorted draws for this sample.
    void sortedHistogramEqualsBruteForce()
    {
        const auto brute = [](const std::vector<double>& xs, double lo, double hi, int bins) {
            std::vector<double> d(static_cast<std::size_t>(bins), 0.0);
            if (!(hi > lo))
                return d;
            const double width = (hi - lo) / bins;
            for (double x : xs)
                if (x >= lo && x <= hi)
                    d[static_cast<std::size_t>(std::clamp(static_cast<int>((x - lo) / width), 0, bins - 1))] += 1.0;
            for (double& v : d)
                v *= 1.0 / (static_cast<double>(xs.size()) * width);
            return d;
        };
        const auto bits = [](const std::vector<double>& a, const std::vector<double>& b) {
            if (a.size() != b.size())
                return false;
            for (std::size_t i = 0; i < a.size(); ++i)
                if (std::bit_cast<std::uint64_t>(a[i]) != std::bit_cast<std::uint64_t>(b[i]))
                    return false;
            return true;
        };
        struct Case {
            Family family;
            double mu, sigma, mu2, sigma2, w;
            std::size_t n;
        };
        const std::vector<Case> cases{
            {Family::Mixture, -2.0, 0.6, 2.0, 0.8, 0.5, 100000},  // the tab's default P
            {Family::Mixture, 1.5, 0.3, -4.0, 2.5, 0.9, 30011},
            {Family::Mixture, 0.0, 1.0, 0.0, 1.0, 0.5, 2},
            {Family::Mixture, 3.0, 1e-12, -3.0, 1e-300, 0.3, 5000},  // ties: σ far below μ's ulp
            {Family::Gaussian, 0.25, 1.7, 0, 0, 0, 50021},
            {Family::Gaussian, 1e6, 1e-3, 0, 0, 0, 20000},          // x keeps few of z's digits
            {Family::Gaussian, 0.0, 1e308, 0, 0, 0, 4000},           // |σ·z| overflows to ±∞
            {Family::Gaussian, -7.0, 1e-320, 0, 0, 0, 3000},         // σ subnormal: every x is μ
            {Family::Gaussian, 0.5, 2.0, 0, 0, 0, 1},
        };
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        StandardDraws draws;
        std::vector<double> xs, c, fast, plain, sorted;
        int searched = 0, compared = 0;
        for (const Case& k : cases) {
            Distribution d;
            d.family = k.family;
            d.mu = k.mu;
            d.sigma = k.sigma;
            d.mu2 = k.mu2;
            d.sigma2 = k.sigma2;
            d.w = k.w;
            for (int drag = 0; drag < 3; ++drag) {  // the first draws, then two reuses (sorted draws)
                d.mu = k.mu + 0.37 * drag * (k.sigma < 1e-6 ? 0.0 : 1.0);
                drawSamples(d, k.n, 11, draws, xs);
                const bool ordered = drawsSortSample(draws, d, k.n);
                QCOMPARE(ordered, drag > 0);
                if (ordered)
                    for (int comp = 0; comp < (k.family == Family::Mixture ? 2 : 1); ++comp) {
                        // Each component's z, sorted (the radix sort against std::sort).
                        std::vector<double> want;
                        for (std::size_t i = 0; i < k.n; ++i)
                            if (k.family == Family::Gaussian || draws.first[i] == (comp == 0 ? 1 : 0))
                                want.push_back(draws.z[i]);
                        std::sort(want.begin(), want.end());
                        QVERIFY(draws.sorted[comp] == want);
                    }
                sorted.clear();  // the finite samples in order (ranges end on them)
                for (double x : xs)
                    if (std::isfinite(x))
                        sorted.push_back(x);
                std::sort(sorted.begin(), sorted.end());
                const auto sample = [&] { return sorted[static_cast<std::size_t>(unit(rng) * static_cast<double>(sorted.size() - 1))]; };
                for (int r = 0; r < 120; ++r) {
                    double lo, hi;
                    int bins = 1 + static_cast<int>(unit(rng) * (r % 3 == 0 ? 4096 : 130));
                    switch (r % 6) {
                    case 0: lo = sorted.front(), hi = sorted.back(); break;  // the MLE's range: samples on both ends
                    case 1: lo = sample(), hi = sample(); break;             // ends on samples (maybe reversed, maybe equal)
                    case 2:
                        lo = std::nextafter(sample(), -HUGE_VAL);
                        hi = std::nextafter(sample(), HUGE_VAL);
                        break;
                    case 3: {
                        // An interior edge on a sample: lo + k·width ≈ that sample.
                        lo = sample();
                        const double on = sample();
                        const int kEdge = 1 + static_cast<int>(unit(rng) * bins);
                        hi = lo + (on - lo) * bins / kEdge;
                        break;
                    }
                    case 4:
                        lo = d.mu - 3.0 * std::fabs(d.sigma) * unit(rng);  // part of the sample outside
                        hi = d.mu + 0.5 * std::fabs(d.sigma) * unit(rng);
                        break;
                    default:
                        lo = -1e300 * unit(rng);
                        hi = 1e300 * unit(rng);
                        bins = 1 + (r % 7);
                    }
                    // Ends within ±1e307: hi − lo stays finite (an infinite width has no bins to compare).
                    lo = std::clamp(lo, -1e307, 1e307);
                    hi = std::clamp(hi, -1e307, 1e307);
                    histogram(xs, draws, d, lo, hi, bins, c, fast);
                    histogram(xs, lo, hi, bins, c, plain);
                    const std::vector<double> want = brute(xs, lo, hi, bins);
                    QVERIFY2(bits(fast, want) && bits(plain, want),
                             qPrintable(QStringLiteral("family %1 n %2 mu %3 sigma %4: [%5, %6] in %7 bins")
                                            .arg(familyId(d.family).c_str()).arg(k.n).arg(d.mu, 0, 'g', 17).arg(d.sigma, 0, 'g', 17)
                                            .arg(lo, 0, 'g', 17).arg(hi, 0, 'g', 17).arg(bins)));
                    searched += ordered ? 1 : 0;
                    ++compared;
                }
            }
        }
        QCOMPARE(compared, 9 * 3 * 120);
        QCOMPARE(searched, 9 * 2 * 120);
        // Draws of another size (or family) are not this sample's: the plain pass, the same numbers.
        Distribution g;
        g.family = Family::Gaussian;
        drawSamples(g, 1000, 3, draws, xs);
        drawSamples(g, 1000, 3, draws, xs);
        QVERIFY(drawsSortSample(draws, g, 1000));
        QVERIFY(!drawsSortSample(draws, g, 999));
        Distribution m = g;
        m.family = Family::Mixture;
        QVERIFY(!drawsSortSample(draws, m, 1000));
        g.sigma = 0.0;
        QVERIFY(!drawsSortSample(draws, g, 1000));
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

    // A μ/σ drag on a mixture sample: with the draws sorted per component the MLE reads its
    // quartiles and extremes off them; every fitted number stays the selection's, bit for bit.
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
                        ordered += cache.sorted[0].size() + cache.sorted[1].size() == n ? 1 : 0;
                        const SampleSummary sum = summarize(xs);
                        const MleResult fast = maximumLikelihood(xs, m, scratch, sum, &cache);
                        const MleResult plain = maximumLikelihood(fresh, m);
                        QCOMPARE(fast.ok, plain.ok);
                        QVERIFY2(same(fast.fitted, plain.fitted),
                                 qPrintable(QStringLiteral("n %1 w %2 seed %3 mu %4: %5 vs %6").arg(n).arg(w).arg(seed).arg(mu)
                                                .arg(fast.fitted.mu, 0, 'g', 17).arg(plain.fitted.mu, 0, 'g', 17)));
                    }
        // The sorted draws exist from the first reuse of each (n, w, seed) on: 4 of the 5 μ each time.
        QCOMPARE(ordered, 2 * 2 * 4);
        // Draws of another sample size do not count as this sample's sorted draws.
        drawSamples(m, 500, 42, cache, xs);
        QVERIFY(cache.sorted[0].empty() && cache.sorted[1].empty());
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
