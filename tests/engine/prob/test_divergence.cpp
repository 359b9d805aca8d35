// KL, cross-entropy and Jensen–Shannon against an independent derivation:
// tanh–sinh integration of p ln(p/q) written out here (the engine uses closed
// forms or its own Gauss–Kronrod), exact sums for discrete pairs, and values
// worked out by hand. Also the Gaussian fits of P (forward and reverse KL).

#include "engine/prob/divergence.h"
#include "tests/engine/prob/independent_quadrature.h"
#include "tests/support/compare.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <numbers>

using namespace aimath::prob;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

Distribution gaussian(double mu, double sigma)
{
    Distribution d;
    d.family = Family::Gaussian;
    d.mu = mu;
    d.sigma = sigma;
    return d;
}
Distribution laplace(double mu, double b)
{
    Distribution d;
    d.family = Family::Laplace;
    d.mu = mu;
    d.scale = b;
    return d;
}
Distribution uniform(double lo, double hi)
{
    Distribution d;
    d.family = Family::Uniform;
    d.low = lo;
    d.high = hi;
    return d;
}
Distribution exponential(double l)
{
    Distribution d;
    d.family = Family::Exponential;
    d.lambda = l;
    return d;
}
Distribution betaDist(double a, double b)
{
    Distribution d;
    d.family = Family::Beta;
    d.alpha = a;
    d.beta = b;
    return d;
}
Distribution mixture(double m1, double s1, double m2, double s2, double w)
{
    Distribution d;
    d.family = Family::Mixture;
    d.mu = m1;
    d.sigma = s1;
    d.mu2 = m2;
    d.sigma2 = s2;
    d.w = w;
    return d;
}
Distribution poisson(double l)
{
    Distribution d;
    d.family = Family::Poisson;
    d.lambda = l;
    return d;
}
Distribution categorical(std::vector<double> w)
{
    Distribution d;
    d.family = Family::Categorical;
    d.probs = std::move(w);
    return d;
}

// Independent reference: ∫ f over [lo, hi] with many tanh–sinh panels split at the given points.
double integrateSplit(const std::function<double(double)>& f, std::vector<double> pts, int panels = 64)
{
    std::sort(pts.begin(), pts.end());
    double s = 0;
    for (std::size_t i = 0; i + 1 < pts.size(); ++i)
        if (pts[i + 1] > pts[i])
            s += aimath::test::tanhSinh(f, pts[i], pts[i + 1], panels, 6);
    return s;
}

double refKl(const Distribution& p, const Distribution& q, std::vector<double> pts)
{
    return integrateSplit(
        [&](double x) {
            const double a = pdf(p, x);
            return a > 0 ? a * (std::log(a) - logPdf(q, x)) : 0.0;
        },
        std::move(pts));
}

double refJs(const Distribution& p, const Distribution& q, std::vector<double> pts)
{
    return integrateSplit(
        [&](double x) {
            const double a = pdf(p, x), b = pdf(q, x), m = 0.5 * (a + b);
            if (a + b < 1e-250)
                return 0.0;  // far tails: contributes nothing, and a/m would overflow
            double s = 0;
            if (a > 0)
                s += 0.5 * a * std::log(a / m);
            if (b > 0)
                s += 0.5 * b * std::log(b / m);
            return s;
        },
        std::move(pts));
}
}  // namespace

class TestDivergence : public QObject {
    Q_OBJECT
private slots:
    void gaussianKlHandWorked()
    {
        // KL(N(0,1) ‖ N(1,2)) = ln(2/1) + (1 + 1)/(2·4) − ½ = ln 2 − ¼.
        Method m;
        AIMATH_COMPARE_REL(klDivergence(gaussian(0, 1), gaussian(1, 2), &m), std::numbers::ln2 - 0.25, 1e-15);
        QVERIFY(m == Method::ClosedForm);
        // H(N(0,1), N(1,2)) = ½ ln(2π·4) + (1 + 1)/8.
        AIMATH_COMPARE_REL(crossEntropy(gaussian(0, 1), gaussian(1, 2)), 0.5 * std::log(8 * std::numbers::pi) + 0.25, 1e-15);
    }

    void klOfItselfIsZero()
    {
        for (const Distribution& d : {gaussian(0.3, 2), laplace(1, 0.5), uniform(-1, 4), exponential(0.7), betaDist(0.7, 3),
                                      mixture(-2, 0.5, 2, 1, 0.4), poisson(4.2), categorical({1, 2, 0, 3})}) {
            QCOMPARE(klDivergence(d, d), 0.0 + klDivergence(d, d));  // finite
            AIMATH_COMPARE_ABS(klDivergence(d, d), 0.0, 1e-12);
            AIMATH_COMPARE_ABS(jsDivergence(d, d), 0.0, 1e-12);
        }
    }

    // Every closed form the engine uses, against independent integration of p ln(p/q).
    void closedFormsAgainstIntegration_data()
    {
        QTest::addColumn<int>("row");
        const char* names[] = {"gauss-gauss", "laplace-laplace", "exp-exp", "uniform-uniform", "beta-beta", "beta-beta singular",
                               "laplace-gauss", "uniform-gauss", "beta-gauss", "exp-gauss"};
        for (int i = 0; i < 10; ++i)
            QTest::newRow(names[i]) << i;
    }
    void closedFormsAgainstIntegration()
    {
        QFETCH(int, row);
        Distribution p, q;
        std::vector<double> pts;
        switch (row) {
        case 0: p = gaussian(0.4, 0.8); q = gaussian(-1, 1.9); pts = {0.4 - 40 * 0.8, 0.4, 0.4 + 40 * 0.8}; break;
        case 1: p = laplace(0.5, 0.7); q = laplace(-1.2, 2.1); pts = {0.5 - 50 * 0.7, -1.2, 0.5, 0.5 + 50 * 0.7}; break;
        case 2: p = exponential(2.2); q = exponential(0.6); pts = {0, 50 / 2.2}; break;
        case 3: p = uniform(0.5, 1.5); q = uniform(-1, 3); pts = {0.5, 1.5}; break;
        case 4: p = betaDist(2.5, 4); q = betaDist(1.3, 0.9); pts = {0, 0.5, 1}; break;
        case 5: p = betaDist(0.6, 0.8); q = betaDist(3, 2); pts = {0, 0.5, 1}; break;
        case 6: p = laplace(0.5, 0.7); q = gaussian(1, 1.5); pts = {0.5 - 50 * 0.7, 0.5, 0.5 + 50 * 0.7}; break;
        case 7: p = uniform(-2, 1); q = gaussian(0, 0.5); pts = {-2, 1}; break;
        case 8: p = betaDist(0.7, 2); q = gaussian(0.2, 0.3); pts = {0, 0.5, 1}; break;
        case 9: p = exponential(1.5); q = gaussian(0.5, 1); pts = {0, 50 / 1.5}; break;
        }
        Method m;
        const double kl = klDivergence(p, q, &m);
        QVERIFY(m == Method::ClosedForm);
        const double ref = refKl(p, q, pts);
        AIMATH_COMPARE_REL(kl, ref, 1e-9);
        // Cross-entropy is H(P) + KL(P‖Q), and equals −∫ p ln q integrated independently.
        const double ce = integrateSplit(
            [&](double x) {
                const double a = pdf(p, x);
                return a > 0 ? -a * logPdf(q, x) : 0.0;
            },
            pts);
        AIMATH_COMPARE_ABS(crossEntropy(p, q), ce, 1e-9 * (1 + std::fabs(ce)));
    }

    // Pairs without a closed form go through the engine's quadrature; still 1e-6 relative (in fact far better).
    void quadraturePairsAgainstIntegration_data()
    {
        QTest::addColumn<int>("row");
        QTest::newRow("gauss-laplace") << 0;
        QTest::newRow("mixture-gauss") << 1;
        QTest::newRow("gauss-mixture") << 2;
        QTest::newRow("beta-uniform") << 3;
        QTest::newRow("exp-beta? no: uniform-exp") << 4;
        QTest::newRow("mixture-laplace") << 5;
    }
    void quadraturePairsAgainstIntegration()
    {
        QFETCH(int, row);
        Distribution p, q;
        std::vector<double> pts;
        switch (row) {
        case 0: p = gaussian(0, 1); q = laplace(1, 2); pts = {-40, 0, 1, 40}; break;
        case 1: p = mixture(-2, 0.5, 2, 0.8, 0.35); q = gaussian(0, 1.5); pts = {-40, -2, 0, 2, 40}; break;
        case 2: p = gaussian(0, 1.5); q = mixture(-2, 0.5, 2, 0.8, 0.35); pts = {-60, -2, 0, 2, 60}; break;
        case 3: p = betaDist(0.8, 2.5); q = uniform(-0.5, 1.5); pts = {0, 0.5, 1}; break;
        case 4: p = uniform(0.5, 3); q = exponential(0.8); pts = {0.5, 3}; break;
        case 5: p = mixture(-1, 0.3, 3, 0.6, 0.5); q = laplace(0.5, 1.5); pts = {-40, -1, 0.5, 3, 40}; break;
        }
        const double kl = klDivergence(p, q);
        AIMATH_COMPARE_REL(kl, refKl(p, q, pts), 1e-8);
        QVERIFY(std::isfinite(kl));
    }

    void jsAgainstIntegration()
    {
        const Distribution p = gaussian(0, 1), q = laplace(1.5, 0.7);
        AIMATH_COMPARE_REL(jsDivergence(p, q), refJs(p, q, {-50, 0, 1.5, 50}), 1e-9);
        const Distribution a = mixture(-2, 0.5, 2, 0.5, 0.5), b = gaussian(0, 2);
        AIMATH_COMPARE_REL(jsDivergence(a, b), refJs(a, b, {-80, -2, 0, 2, 80}), 1e-9);
        // Disjoint supports: JS = ln 2 exactly, while both KLs are infinite.
        const Distribution u1 = uniform(0, 1), u2 = uniform(2, 3);
        AIMATH_COMPARE_REL(jsDivergence(u1, u2), std::numbers::ln2, 1e-12);
        QCOMPARE(klDivergence(u1, u2), kInf);
        // Partial overlap: U(0,2) and U(1,3). p = q = ½ on [1,2] contributes 0; elsewhere ½·½·ln 2 twice each side.
        AIMATH_COMPARE_REL(jsDivergence(uniform(0, 2), uniform(1, 3)), 0.5 * std::numbers::ln2, 1e-12);
    }

    void discreteSums()
    {
        // Hand-worked: P = (½, ½), Q = (¼, ¾): KL = ½ ln 2 + ½ ln(2/3).
        const Distribution p = categorical({1, 1}), q = categorical({1, 3});
        AIMATH_COMPARE_REL(klDivergence(p, q), 0.5 * std::log(2.0) + 0.5 * std::log(2.0 / 3.0), 1e-15);
        // Poisson closed form against a brute-force sum.
        const Distribution a = poisson(3.2), b = poisson(5.5);
        double s = 0, pa = std::exp(-3.2), pb = std::exp(-5.5);
        for (int k = 0; k < 200; ++k) {
            if (pa > 0)
                s += pa * std::log(pa / pb);
            pa *= 3.2 / (k + 1);
            pb *= 5.5 / (k + 1);
        }
        Method m;
        AIMATH_COMPARE_REL(klDivergence(a, b, &m), s, 1e-12);
        QVERIFY(m == Method::ClosedForm);
        // Binomial vs Poisson by sum, against a brute-force sum.
        Distribution bin;
        bin.family = Family::Binomial;
        bin.n = 12;
        bin.p = 0.25;
        double ref = 0;
        for (int k = 0; k <= 12; ++k) {
            double c = 1;
            for (int i = 0; i < k; ++i)
                c = c * (12 - i) / (i + 1);
            const double pk = c * std::pow(0.25, k) * std::pow(0.75, 12 - k);
            double qk = std::exp(-3.0);
            for (int i = 1; i <= k; ++i)
                qk *= 3.0 / i;
            ref += pk * std::log(pk / qk);
        }
        AIMATH_COMPARE_REL(klDivergence(bin, poisson(3.0)), ref, 1e-12);
        // JS of categorical, brute force.
        const Distribution c1 = categorical({1, 0, 3}), c2 = categorical({0, 2, 2});
        const double pp[3] = {0.25, 0, 0.75}, qq[3] = {0, 0.5, 0.5};
        double js = 0;
        for (int k = 0; k < 3; ++k) {
            const double mk = 0.5 * (pp[k] + qq[k]);
            if (pp[k] > 0)
                js += 0.5 * pp[k] * std::log(pp[k] / mk);
            if (qq[k] > 0)
                js += 0.5 * qq[k] * std::log(qq[k] / mk);
        }
        AIMATH_COMPARE_REL(jsDivergence(c1, c2), js, 1e-14);
    }

    void missingSupportIsInfiniteNeverNan()
    {
        // P has mass where Q has none.
        QCOMPARE(klDivergence(categorical({1, 1, 1}), categorical({1, 1, 0})), kInf);
        QCOMPARE(klDivergence(gaussian(0, 1), uniform(-5, 5)), kInf);
        QCOMPARE(klDivergence(gaussian(0, 1), exponential(1)), kInf);
        QCOMPARE(klDivergence(poisson(2), categorical({1, 1, 1})), kInf);
        // …the other direction is finite.
        QVERIFY(std::isfinite(klDivergence(categorical({1, 1, 0}), categorical({1, 1, 1}))));
        QVERIFY(std::isfinite(klDivergence(uniform(-5, 5), gaussian(0, 1))));
        const Comparison c = compare(gaussian(0, 1), uniform(-1, 1));
        QVERIFY(c.ok);
        QCOMPARE(c.klPQ, kInf);
        QCOMPARE(c.crossEntropy, kInf);
        QVERIFY(std::isfinite(c.klQP));
        QVERIFY(std::isfinite(c.js) && c.js > 0 && c.js < std::numbers::ln2);
        QVERIFY(!std::isnan(c.entropyP) && !std::isnan(c.entropyQ));
        // Bernoulli with p = 0 against p = 0.5 and back.
        Distribution b0, bh;
        b0.family = bh.family = Family::Bernoulli;
        b0.p = 0;
        bh.p = 0.5;
        AIMATH_COMPARE_REL(klDivergence(b0, bh), std::numbers::ln2, 1e-15);
        QCOMPARE(klDivergence(bh, b0), kInf);
    }

    void compareIdentityAndKinds()
    {
        const Comparison c = compare(mixture(-2, 0.6, 2, 0.6, 0.5), gaussian(0, 1.5));
        QVERIFY(c.ok);
        AIMATH_COMPARE_REL(c.crossEntropy, c.entropyP + c.klPQ, 1e-12);
        QVERIFY(c.js >= 0 && c.js <= std::numbers::ln2);
        const Comparison bad = compare(gaussian(0, 1), poisson(1));
        QVERIFY(!bad.ok);
        QVERIFY(!bad.message.empty());
        Distribution broken = gaussian(0, -1);
        QVERIFY(!compare(broken, gaussian(0, 1)).ok);
    }

    void forwardFitIsMomentMatching()
    {
        const Distribution p = mixture(-2, 0.5, 2, 0.5, 0.5);
        const GaussianFit f = fitGaussian(p, FitObjective::Forward);
        QVERIFY(f.ok);
        // Mean 0; variance ½(0.25 + 4)·2 = 4.25.
        AIMATH_COMPARE_ABS(f.mu, 0.0, 1e-15);
        AIMATH_COMPARE_REL(f.sigma, std::sqrt(4.25), 1e-15);
        // It is a minimum of KL(P‖Q): nudging μ or σ only increases it.
        for (double dm : {-1e-3, 1e-3})
            QVERIFY(klDivergence(p, gaussian(f.mu + dm, f.sigma)) > f.divergence);
        for (double ds : {-1e-3, 1e-3})
            QVERIFY(klDivergence(p, gaussian(f.mu, f.sigma + ds)) > f.divergence);
    }

    void reverseFitIsModeSeeking()
    {
        const Distribution p = mixture(-2, 0.5, 2, 0.5, 0.5);
        const GaussianFit f = fitGaussian(p, FitObjective::Reverse);
        QVERIFY(f.ok);
        // Well-separated modes: Q sits on one of them with about that component's width.
        QVERIFY2(std::fabs(std::fabs(f.mu) - 2.0) < 0.01, qPrintable(QString::number(f.mu)));
        QVERIFY2(std::fabs(f.sigma - 0.5) < 0.01, qPrintable(QString::number(f.sigma)));
        // KL(Q‖P) ≈ ln 2 (Q covers one of two equal halves).
        AIMATH_COMPARE_ABS(f.divergence, std::numbers::ln2, 1e-3);
        // Stationary: central differences of KL(Q‖P) in μ and σ vanish.
        const double h = 1e-4;
        auto kl = [&](double mu, double s) { return klDivergence(gaussian(mu, s), p); };
        const double gMu = (kl(f.mu + h, f.sigma) - kl(f.mu - h, f.sigma)) / (2 * h);
        const double gS = (kl(f.mu, f.sigma + h) - kl(f.mu, f.sigma - h)) / (2 * h);
        QVERIFY2(std::fabs(gMu) < 1e-5 && std::fabs(gS) < 1e-5, qPrintable(QString("%1 %2").arg(gMu).arg(gS)));
        // And it beats the moment-matched Gaussian under this objective.
        const GaussianFit fwd = fitGaussian(p, FitObjective::Forward);
        QVERIFY(f.divergence < kl(fwd.mu, fwd.sigma));
        // A Gaussian P is recovered exactly.
        const GaussianFit g = fitGaussian(gaussian(1.5, 0.7), FitObjective::Reverse);
        QVERIFY(g.ok);
        AIMATH_COMPARE_ABS(g.mu, 1.5, 1e-6);
        AIMATH_COMPARE_ABS(g.sigma, 0.7, 1e-6);
    }

    void reverseFitNeedsFullSupport()
    {
        const GaussianFit f = fitGaussian(uniform(0, 1), FitObjective::Reverse);
        QVERIFY(!f.ok);
        QVERIFY(!f.message.empty());
        QVERIFY(!fitGaussian(poisson(2), FitObjective::Forward).ok);
    }
};

QTEST_GUILESS_MAIN(TestDivergence)
#include "test_divergence.moc"
