// Each family's density, CDF, moments and entropy against an independent
// derivation: tanh–sinh integration of the density (not the engine's
// quadrature), exact sums for the discrete families, and hand-worked values.

#include "engine/prob/distribution.h"
#include "engine/prob/special.h"
#include "tests/engine/prob/independent_quadrature.h"
#include "tests/support/compare.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace aimath::prob;

namespace {
Distribution make(Family f)
{
    Distribution d;
    d.family = f;
    return d;
}

// Distributions with deliberately awkward parameters.
std::vector<std::pair<const char*, Distribution>> continuousCases()
{
    std::vector<std::pair<const char*, Distribution>> v;
    Distribution d = make(Family::Gaussian);
    d.mu = -1.3;
    d.sigma = 0.37;
    v.push_back({"gaussian", d});
    d = make(Family::Laplace);
    d.mu = 2.0;
    d.scale = 1.7;
    v.push_back({"laplace", d});
    d = make(Family::Uniform);
    d.low = -0.5;
    d.high = 3.25;
    v.push_back({"uniform", d});
    d = make(Family::Exponential);
    d.lambda = 2.5;
    v.push_back({"exponential", d});
    d = make(Family::Beta);
    d.alpha = 2.5;
    d.beta = 4.0;
    v.push_back({"beta 2.5,4", d});
    d.alpha = 0.6;
    d.beta = 0.8;
    v.push_back({"beta 0.6,0.8 (singular edges)", d});
    d = make(Family::Mixture);
    d.mu = -2.0;
    d.sigma = 0.6;
    d.mu2 = 1.5;
    d.sigma2 = 1.2;
    d.w = 0.3;
    v.push_back({"mixture", d});
    return v;
}

// ∫ g(x) p(x) dx over the support, split at the kinks, by tanh–sinh.
double expect(const Distribution& d, const std::function<double(double)>& g)
{
    auto f = [&](double x) {
        const double p = pdf(d, x);
        return p == 0.0 ? 0.0 : p * g(x);
    };
    switch (d.family) {
    case Family::Gaussian: return aimath::test::tanhSinh(f, d.mu - 40 * d.sigma, d.mu + 40 * d.sigma);
    case Family::Laplace: return aimath::test::tanhSinh(f, d.mu - 50 * d.scale, d.mu + 50 * d.scale);  // 64 panels: μ is a panel edge
    case Family::Uniform: return aimath::test::tanhSinh(f, d.low, d.high, 4);
    case Family::Exponential: return aimath::test::tanhSinh(f, 0.0, 50.0 / d.lambda);
    case Family::Beta: return aimath::test::tanhSinh(f, 0.0, 1.0, 1, 7);
    case Family::Mixture: return aimath::test::tanhSinh(f, -40.0, 50.0, 128);
    default: return 0.0;
    }
}
}  // namespace

class TestDistributions : public QObject {
    Q_OBJECT
private slots:
    void specialFunctionsKnownValues()
    {
        // ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ'(1) = π²/6, ψ'(1/2) = π²/2.
        const double gamma = 0.57721566490153286061;
        AIMATH_COMPARE_REL(digamma(1.0), -gamma, 1e-14);
        AIMATH_COMPARE_REL(digamma(0.5), -gamma - 2.0 * std::numbers::ln2, 1e-14);
        AIMATH_COMPARE_REL(digamma(10.0), -gamma + 1 + 1. / 2 + 1. / 3 + 1. / 4 + 1. / 5 + 1. / 6 + 1. / 7 + 1. / 8 + 1. / 9, 1e-14);
        AIMATH_COMPARE_REL(trigamma(1.0), std::numbers::pi * std::numbers::pi / 6, 1e-14);
        AIMATH_COMPARE_REL(trigamma(0.5), std::numbers::pi * std::numbers::pi / 2, 1e-14);
        // I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b; I_½(a, a) = ½.
        AIMATH_COMPARE_REL(incompleteBeta(2.5, 1.0, 0.3), std::pow(0.3, 2.5), 1e-13);
        AIMATH_COMPARE_REL(incompleteBeta(1.0, 3.5, 0.7), 1.0 - std::pow(0.3, 3.5), 1e-13);
        AIMATH_COMPARE_REL(incompleteBeta(4.2, 4.2, 0.5), 0.5, 1e-13);
        AIMATH_COMPARE_REL(normalCdf(1.0), 0.84134474606854293, 1e-15);
    }

    void continuousAgainstIntegration_data()
    {
        QTest::addColumn<int>("index");
        const auto cases = continuousCases();
        for (int i = 0; i < int(cases.size()); ++i)
            QTest::newRow(cases[std::size_t(i)].first) << i;
    }
    void continuousAgainstIntegration()
    {
        QFETCH(int, index);
        const Distribution d = continuousCases()[std::size_t(index)].second;
        QVERIFY(validate(d).empty());
        const double total = expect(d, [](double) { return 1.0; });
        AIMATH_COMPARE_REL(total, 1.0, 1e-10);
        const double m = expect(d, [](double x) { return x; });
        AIMATH_COMPARE_ABS(mean(d), m, 1e-10 * (1 + std::fabs(m)));
        const double v = expect(d, [m](double x) { return (x - m) * (x - m); });
        AIMATH_COMPARE_REL(variance(d), v, 1e-9);
        const double h = expect(d, [&d](double x) { return -logPdf(d, x); });
        AIMATH_COMPARE_ABS(entropy(d), h, 1e-9 * (1 + std::fabs(h)));
        // CDF at a few points against ∫_{lo}^{x} p.
        const Span s = plotSpan(d);
        for (double frac : {0.2, 0.5, 0.8}) {
            const double x = s.lo + frac * (s.hi - s.lo);
            const double lo = d.family == Family::Gaussian   ? d.mu - 40 * d.sigma
                              : d.family == Family::Laplace  ? d.mu - 50 * d.scale
                              : d.family == Family::Mixture  ? -40.0
                              : d.family == Family::Uniform  ? d.low
                                                             : 0.0;
            if (x <= lo) {
                QCOMPARE(cdf(d, x), 0.0);
                continue;
            }
            // A kink inside a panel (Laplace) limits the reference to about 1e-8.
            auto density = [&d](double t) { return pdf(d, t); };
            double c = 0.0;
            if (d.family == Family::Laplace && x > d.mu)  // split at the kink
                c = aimath::test::tanhSinh(density, lo, d.mu, 256, 6) + aimath::test::tanhSinh(density, d.mu, x, 64, 6);
            else
                c = aimath::test::tanhSinh(density, lo, x, 256, 6);
            AIMATH_COMPARE_ABS(cdf(d, x), c, 1e-7);
        }
    }

    void closedFormEntropiesHandWorked()
    {
        // Standard normal: ½ ln(2πe) = 1.4189385332046727.
        AIMATH_COMPARE_REL(entropy(make(Family::Gaussian)), 1.4189385332046727, 1e-15);
        Distribution u = make(Family::Uniform);
        u.low = 2;
        u.high = 6;
        AIMATH_COMPARE_REL(entropy(u), std::log(4.0), 1e-15);
        // Beta(1,1) is uniform on [0,1]: entropy 0.
        Distribution b = make(Family::Beta);
        b.alpha = 1;
        b.beta = 1;
        AIMATH_COMPARE_ABS(entropy(b), 0.0, 1e-15);
        Distribution e = make(Family::Exponential);
        e.lambda = 1.0;
        AIMATH_COMPARE_REL(entropy(e), 1.0, 1e-15);
        Distribution l = make(Family::Laplace);
        l.scale = 0.5;
        AIMATH_COMPARE_REL(entropy(l), 1.0, 1e-15);  // 1 + ln(2·½)
    }

    void fairCoinIsLn2()
    {
        Distribution c = make(Family::Bernoulli);
        c.p = 0.5;
        AIMATH_COMPARE_REL(entropy(c), std::numbers::ln2, 1e-15);
        c.p = 0.0;
        QCOMPARE(entropy(c), 0.0);  // 0 ln 0 = 0, no NaN
        c.p = 1.0;
        QCOMPARE(entropy(c), 0.0);
    }

    void discreteAgainstBruteForce_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("binomial n=7 p=0.3") << 0;
        QTest::newRow("poisson 3.7") << 1;
        QTest::newRow("categorical with zero") << 2;
        QTest::newRow("bernoulli 0.2") << 3;
    }
    void discreteAgainstBruteForce()
    {
        QFETCH(int, kind);
        Distribution d;
        std::vector<double> mass;  // computed here from the textbook formula
        if (kind == 0) {
            d = make(Family::Binomial);
            d.n = 7;
            d.p = 0.3;
            for (int k = 0; k <= 7; ++k) {
                double c = 1;
                for (int i = 0; i < k; ++i)
                    c = c * (7 - i) / (i + 1);
                mass.push_back(c * std::pow(0.3, k) * std::pow(0.7, 7 - k));
            }
        } else if (kind == 1) {
            d = make(Family::Poisson);
            d.lambda = 3.7;
            double term = std::exp(-3.7);
            for (int k = 0; k < 80; ++k) {
                mass.push_back(term);
                term *= 3.7 / (k + 1);
            }
        } else if (kind == 2) {
            d = make(Family::Categorical);
            d.probs = {2, 0, 1, 5};
            mass = {0.25, 0, 0.125, 0.625};
        } else {
            d = make(Family::Bernoulli);
            d.p = 0.2;
            mass = {0.8, 0.2};
        }
        double m = 0, m2 = 0, h = 0;
        for (std::size_t k = 0; k < mass.size(); ++k) {
            AIMATH_COMPARE_ABS(pdf(d, double(k)), mass[k], 1e-15);
            m += k * mass[k];
            m2 += double(k) * double(k) * mass[k];
            if (mass[k] > 0)
                h -= mass[k] * std::log(mass[k]);
        }
        AIMATH_COMPARE_REL(mean(d), m, 1e-12);
        AIMATH_COMPARE_REL(variance(d), m2 - m * m, 1e-11);
        AIMATH_COMPARE_REL(entropy(d), h, 1e-12);
        double c = 0;
        for (std::size_t k = 0; k < std::min<std::size_t>(mass.size(), 10); ++k) {
            c += mass[k];
            AIMATH_COMPARE_ABS(cdf(d, double(k) + 0.5), c, 1e-14);
        }
        QCOMPARE(pdf(d, 0.5), 0.0);  // off the integers
        QCOMPARE(pdf(d, -1.0), 0.0);
    }

    void validationNamesTheField()
    {
        Distribution d = make(Family::Gaussian);
        d.sigma = 0;
        QVERIFY(validate(d).starts_with("sigma"));
        d = make(Family::Uniform);
        d.low = 1;
        d.high = 1;
        QVERIFY(validate(d).starts_with("low"));
        d = make(Family::Categorical);
        d.probs = {0, 0, 0};
        QVERIFY(validate(d).starts_with("probs"));
        d = make(Family::Bernoulli);
        d.p = 1.5;
        QVERIFY(validate(d).starts_with("p "));
        d = make(Family::Mixture);
        QVERIFY(validate(d).empty());
    }

    void betaDensityEdges()
    {
        Distribution b = make(Family::Beta);
        b.alpha = 0.5;
        b.beta = 2;
        QVERIFY(std::isinf(pdf(b, 0.0)));
        QCOMPARE(pdf(b, 1.0), 0.0);
        b.alpha = 1;
        AIMATH_COMPARE_REL(pdf(b, 0.0), 2.0, 1e-15);  // Beta(1,2) = 2(1 − x)
        QCOMPARE(pdf(b, -0.1), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestDistributions)
#include "test_distributions.moc"
