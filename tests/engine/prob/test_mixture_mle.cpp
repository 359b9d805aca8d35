// The two-Gaussian mixture MLE (maximumLikelihood with a mixture model) against an
// independent derivation of the maximum it must reach. Above kMixtureExactEmLimit the
// engine fits the sample binned into 4,096 equal bins over [min, max] (points at the bin
// centres, weighted by their counts); this file bins the sample itself with a brute-force
// loop and checks, in long double and with its own code:
//   - the score equations: the gradient of the binned log-likelihood at the fit, turned
//     into a Newton step with a finite-difference Hessian, moves no parameter by more than
//     1e-9 (π absolute; μ and σ in units of that component's σ). EM stopped at 1,000
//     steps, as before, was up to 2e-2 away (w at μ = 1);
//   - that it is a maximum (the Hessian is negative definite) and a fixed point of EM
//     (one plain EM step moves it by less than 1e-10);
//   - where plain EM converges within the test's budget, that EM run from the same
//     deterministic start to a 1e-14 step lands on the fit (1e-8).
// Degenerate samples (one component, one bin, two values, n = 1 … 5) give finite numbers.

#include "engine/prob/sampling.h"
#include "tests/support/compare.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace aimath::prob;

namespace {

using Real = long double;

struct Binned {
    std::vector<Real> x, c;  // bin centres and counts (empty bins left out)
    Real n = 0;
};

/// 4,096 equal bins over [min, max], the bin of x being ⌊(x − min)/width⌋ clamped.
Binned binSample(const std::vector<double>& xs)
{
    constexpr int kBins = 4096;
    const auto [mn, mx] = std::minmax_element(xs.begin(), xs.end());
    const double lo = *mn, hi = *mx, width = (hi - lo) / kBins;
    std::vector<long long> count(kBins, 0);
    for (double v : xs)
        ++count[static_cast<std::size_t>(std::clamp(static_cast<int>((v - lo) / width), 0, kBins - 1))];
    Binned b;
    for (int i = 0; i < kBins; ++i)
        if (count[static_cast<std::size_t>(i)] > 0) {
            b.x.push_back(static_cast<Real>(lo) + (static_cast<Real>(i) + 0.5L) * static_cast<Real>(width));
            b.c.push_back(static_cast<Real>(count[static_cast<std::size_t>(i)]));
        }
    b.n = static_cast<Real>(xs.size());
    return b;
}

struct Theta {
    Real v[5];  // π, μ1, σ1, μ2, σ2
};
Theta thetaOf(const Distribution& d) { return Theta{{d.w, d.mu, d.sigma, d.mu2, d.sigma2}}; }

/// Per point: the log densities of each weighted component (without −½ ln 2π).
void logParts(const Theta& t, Real x, Real& a, Real& b)
{
    const Real z1 = (x - t.v[1]) / t.v[2], z2 = (x - t.v[3]) / t.v[4];
    a = std::log(t.v[0]) - std::log(t.v[2]) - 0.5L * z1 * z1;
    b = std::log(1.0L - t.v[0]) - std::log(t.v[4]) - 0.5L * z2 * z2;
}

/// The gradient of Σ c ln(π N(x; μ1, σ1) + (1 − π) N(x; μ2, σ2)), term by term.
void gradient(const Binned& s, const Theta& t, Real (&g)[5])
{
    for (Real& v : g)
        v = 0;
    for (std::size_t i = 0; i < s.x.size(); ++i) {
        Real a, b;
        logParts(t, s.x[i], a, b);
        const Real m = std::max(a, b);
        const Real pa = std::exp(a - m), pb = std::exp(b - m);
        const Real r = pa / (pa + pb), q = pb / (pa + pb);
        const Real z1 = (s.x[i] - t.v[1]) / t.v[2], z2 = (s.x[i] - t.v[3]) / t.v[4];
        g[0] += s.c[i] * (r / t.v[0] - q / (1.0L - t.v[0]));
        g[1] += s.c[i] * r * z1 / t.v[2];
        g[2] += s.c[i] * r * (z1 * z1 - 1.0L) / t.v[2];
        g[3] += s.c[i] * q * z2 / t.v[4];
        g[4] += s.c[i] * q * (z2 * z2 - 1.0L) / t.v[4];
    }
}

/// The scale each parameter's error is measured in: π itself, μ and σ in that component's σ.
Real unitOf(const Theta& t, int k) { return k == 0 ? 1.0L : (k <= 2 ? t.v[2] : t.v[4]); }

/// Solves A x = y (5 × 5, partial pivoting); false when singular.
bool solve5(Real (&a)[5][5], Real (&y)[5], Real (&x)[5])
{
    for (int c = 0; c < 5; ++c) {
        int p = c;
        for (int r = c + 1; r < 5; ++r)
            if (std::fabs(a[r][c]) > std::fabs(a[p][c]))
                p = r;
        if (!(std::fabs(a[p][c]) > 0))
            return false;
        std::swap(a[p], a[c]);
        std::swap(y[p], y[c]);
        for (int r = c + 1; r < 5; ++r) {
            const Real f = a[r][c] / a[c][c];
            for (int k = c; k < 5; ++k)
                a[r][k] -= f * a[c][k];
            y[r] -= f * y[c];
        }
    }
    for (int r = 4; r >= 0; --r) {
        Real v = y[r];
        for (int k = r + 1; k < 5; ++k)
            v -= a[r][k] * x[k];
        x[r] = v / a[r][r];
    }
    return true;
}

struct NewtonCheck {
    bool solved = false;
    bool negativeDefinite = false;
    Real step = 0;  ///< the largest |δ_k| / unit_k of the Newton step −H⁻¹ g
};
/// The Newton step at t with a central-difference Hessian of the analytic gradient.
NewtonCheck newtonCheck(const Binned& s, const Theta& t)
{
    Real g[5], h[5][5];
    gradient(s, t, g);
    for (int k = 0; k < 5; ++k) {
        const Real e = 1e-5L * unitOf(t, k);
        Theta up = t, down = t;
        up.v[k] += e;
        down.v[k] -= e;
        Real gu[5], gd[5];
        gradient(s, up, gu);
        gradient(s, down, gd);
        for (int j = 0; j < 5; ++j)
            h[j][k] = (gu[j] - gd[j]) / (2 * e);
    }
    for (int j = 0; j < 5; ++j)
        for (int k = 0; k < j; ++k)
            h[j][k] = h[k][j] = 0.5L * (h[j][k] + h[k][j]);
    NewtonCheck out;
    // Negative definite: Cholesky of −H succeeds.
    Real l[5][5] = {};
    out.negativeDefinite = true;
    for (int j = 0; j < 5 && out.negativeDefinite; ++j) {
        Real d = -h[j][j];
        for (int k = 0; k < j; ++k)
            d -= l[j][k] * l[j][k];
        if (!(d > 0)) {
            out.negativeDefinite = false;
            break;
        }
        l[j][j] = std::sqrt(d);
        for (int i = j + 1; i < 5; ++i) {
            Real v = -h[i][j];
            for (int k = 0; k < j; ++k)
                v -= l[i][k] * l[j][k];
            l[i][j] = v / l[j][j];
        }
    }
    Real minusG[5], delta[5];
    for (int k = 0; k < 5; ++k)
        minusG[k] = -g[k];
    out.solved = solve5(h, minusG, delta);
    for (int k = 0; k < 5; ++k)
        out.step = std::max(out.step, std::fabs(delta[k]) / unitOf(t, k));
    return out;
}

/// One plain EM step on the binned sample (textbook form, raw moments in long double).
Theta emStep(const Binned& s, const Theta& t)
{
    Real s0 = 0, s1 = 0, s2 = 0, u0 = 0, u1 = 0, u2 = 0;
    for (std::size_t i = 0; i < s.x.size(); ++i) {
        Real a, b;
        logParts(t, s.x[i], a, b);
        const Real m = std::max(a, b);
        const Real pa = std::exp(a - m), pb = std::exp(b - m);
        const Real r = pa / (pa + pb), q = 1 - r;
        s0 += s.c[i] * r;
        s1 += s.c[i] * r * s.x[i];
        s2 += s.c[i] * r * s.x[i] * s.x[i];
        u0 += s.c[i] * q;
        u1 += s.c[i] * q * s.x[i];
        u2 += s.c[i] * q * s.x[i] * s.x[i];
    }
    Theta n;
    n.v[0] = s0 / (s0 + u0);
    n.v[1] = s1 / s0;
    n.v[2] = std::sqrt(std::max(s2 / s0 - n.v[1] * n.v[1], 1e-12L));
    n.v[3] = u1 / u0;
    n.v[4] = std::sqrt(std::max(u2 / u0 - n.v[3] * n.v[3], 1e-12L));
    return n;
}

Real distance(const Theta& a, const Theta& b)
{
    Real d = 0;
    for (int k = 0; k < 5; ++k)
        d = std::max(d, std::fabs(a.v[k] - b.v[k]) / unitOf(b, k));
    return d;
}

Distribution mixture(double mu, double w = 0.5)
{
    Distribution m;
    m.family = Family::Mixture;
    m.mu = mu;
    m.sigma = 0.6;
    m.mu2 = 2.0;
    m.sigma2 = 0.8;
    m.w = w;
    return m;
}

bool finite(const Distribution& d)
{
    return std::isfinite(d.w) && std::isfinite(d.mu) && std::isfinite(d.sigma) && std::isfinite(d.mu2) && std::isfinite(d.sigma2);
}

}  // namespace

class TestMixtureMle : public QObject {
    Q_OBJECT
private slots:
    // The tab's sample (μ₂ = 2, σ = 0.6, σ₂ = 0.8, seed 42) as the first mean is dragged
    // through the second: separated, overlapping, on top of it.
    void binnedFitIsTheLikelihoodsMaximum_data()
    {
        QTest::addColumn<double>("mu");
        QTest::addColumn<int>("n");
        QTest::addColumn<bool>("emReference");  // plain EM converges within this test's budget
        QTest::newRow("separated, mu = -2 (the default)") << -2.0 << 200000 << true;
        QTest::newRow("overlapping, mu = 0") << 0.0 << 200000 << true;
        QTest::newRow("overlapping, mu = 1, 10^6") << 1.0 << 1000000 << false;
        QTest::newRow("overlapping, mu = 1.5, 10^6") << 1.5 << 1000000 << false;
        QTest::newRow("same mean, mu = 2, 10^6") << 2.0 << 1000000 << false;
        QTest::newRow("overlapping, mu = 2.5, 10^6") << 2.5 << 1000000 << false;
        QTest::newRow("separated, mu = 6") << 6.0 << 100000 << true;
    }
    void binnedFitIsTheLikelihoodsMaximum()
    {
        QFETCH(double, mu);
        QFETCH(int, n);
        QFETCH(bool, emReference);
        const Distribution model = mixture(mu);
        std::vector<double> xs;
        drawSamples(model, static_cast<std::size_t>(n), 42, xs);
        QVERIFY(xs.size() > kMixtureExactEmLimit);
        const MleResult r = maximumLikelihood(xs, model);
        QVERIFY2(r.ok, r.message.c_str());
        QVERIFY(finite(r.fitted));
        const Binned s = binSample(xs);
        const Theta fit = thetaOf(r.fitted);

        const NewtonCheck nc = newtonCheck(s, fit);
        QVERIFY(nc.solved);
        QVERIFY2(nc.negativeDefinite, "the fit is not a maximum of the binned likelihood");
        QVERIFY2(nc.step < 1e-9L, qPrintable(QStringLiteral("Newton step from the fit: %1").arg(static_cast<double>(nc.step), 0, 'g', 3)));
        const Real moved = distance(emStep(s, fit), fit);
        QVERIFY2(moved < 1e-10L, qPrintable(QStringLiteral("one EM step moves the fit by %1").arg(static_cast<double>(moved), 0, 'g', 3)));

        if (emReference) {
            // Plain EM from the engine's start: the sample's quartiles, weights ½, σ = sd/2.
            std::vector<double> sorted = xs;
            std::sort(sorted.begin(), sorted.end());
            const double q25 = sorted[static_cast<std::size_t>(0.25 * (n - 1))], q75 = sorted[static_cast<std::size_t>(0.75 * (n - 1))];
            Real mean = 0, m2 = 0;
            for (double v : xs)
                mean += v;
            mean /= n;
            for (double v : xs)
                m2 += (v - mean) * (v - mean);
            const Real sd = std::sqrt(m2 / n);
            Theta t{{0.5L, q25, sd / 2, q75, sd / 2}};
            int it = 0;
            for (; it < 20000; ++it) {
                const Theta next = emStep(s, t);
                const Real step = distance(next, t);
                t = next;
                if (step < 1e-14L)
                    break;
            }
            QVERIFY2(it < 20000, "plain EM did not converge within the budget");
            QVERIFY2(distance(fit, t) < 1e-8L,
                     qPrintable(QStringLiteral("plain EM (%1 steps) ends %2 from the fit").arg(it).arg(static_cast<double>(distance(fit, t)), 0, 'g', 3)));
        }
    }

    // Exact EM (n ≤ kMixtureExactEmLimit, every sample a point) reaches the maximum too.
    void exactFitIsTheLikelihoodsMaximum()
    {
        for (double mu : {-2.0, 1.0, 2.0}) {
            const Distribution model = mixture(mu);
            std::vector<double> xs;
            drawSamples(model, 5000, 7, xs);
            const MleResult r = maximumLikelihood(xs, model);
            QVERIFY2(r.ok, r.message.c_str());
            Binned s;  // every sample its own point of weight 1
            for (double v : xs) {
                s.x.push_back(v);
                s.c.push_back(1);
            }
            s.n = static_cast<Real>(xs.size());
            const NewtonCheck nc = newtonCheck(s, thetaOf(r.fitted));
            QVERIFY(nc.solved && nc.negativeDefinite);
            QVERIFY2(nc.step < 1e-9L, qPrintable(QStringLiteral("mu %1: Newton step %2").arg(mu).arg(static_cast<double>(nc.step), 0, 'g', 3)));
        }
    }

    // An EM fixed point keeps the sample's first two moments: Σπ_k μ_k = x̄ and
    // Σπ_k(σ_k² + μ_k²) − x̄² = the biased variance (of the bin centres when binned).
    void fitKeepsTheSampleMoments()
    {
        for (std::size_t n : {std::size_t(3000), std::size_t(300000)}) {
            const Distribution model = mixture(1.0);
            std::vector<double> xs;
            drawSamples(model, n, 5, xs);
            const MleResult r = maximumLikelihood(xs, model);
            QVERIFY(r.ok);
            const Binned s = n > kMixtureExactEmLimit ? binSample(xs) : [&] {
                Binned b;
                for (double v : xs) {
                    b.x.push_back(v);
                    b.c.push_back(1);
                }
                return b;
            }();
            Real total = 0, mean = 0, m2 = 0;
            for (std::size_t i = 0; i < s.x.size(); ++i) {
                total += s.c[i];
                mean += s.c[i] * s.x[i];
            }
            mean /= total;
            for (std::size_t i = 0; i < s.x.size(); ++i)
                m2 += s.c[i] * (s.x[i] - mean) * (s.x[i] - mean);
            const Distribution& f = r.fitted;
            const double fm = f.w * f.mu + (1 - f.w) * f.mu2;
            const double fv = f.w * (f.sigma * f.sigma + f.mu * f.mu) + (1 - f.w) * (f.sigma2 * f.sigma2 + f.mu2 * f.mu2) - fm * fm;
            AIMATH_COMPARE_REL(fm, static_cast<double>(mean), 1e-10);
            AIMATH_COMPARE_REL(fv, static_cast<double>(m2 / total), 1e-9);
        }
    }

    void degenerateSamplesGiveFiniteNumbers()
    {
        const Distribution model = mixture(-2.0);
        // One Gaussian only (binned and exact): the two components share it somehow, finitely.
        for (std::size_t n : {std::size_t(100000), std::size_t(4000)}) {
            Distribution g;
            g.family = Family::Gaussian;
            g.mu = 1.0;
            g.sigma = 0.5;
            std::vector<double> xs;
            drawSamples(g, n, 3, xs);
            const MleResult r = maximumLikelihood(xs, model);
            QVERIFY2(r.ok, r.message.c_str());
            QVERIFY(finite(r.fitted));
            QVERIFY(r.fitted.w > 0 && r.fitted.w < 1 && r.fitted.sigma > 0 && r.fitted.sigma2 > 0);
            // The mixture's mean is the sample's (of the bin centres when binned: within a bin width).
            const double fm = r.fitted.w * r.fitted.mu + (1 - r.fitted.w) * r.fitted.mu2;
            AIMATH_COMPARE_ABS(fm, summarize(xs).mean, 1e-3);
        }
        // Every sample in one bin (min = max): the start, finite.
        {
            const std::vector<double> xs(30000, 1.5);
            const MleResult r = maximumLikelihood(xs, model);
            QVERIFY2(r.ok, r.message.c_str());
            QVERIFY(finite(r.fitted));
            QCOMPARE(r.fitted.mu, 1.5);
            QCOMPARE(r.fitted.mu2, 1.5);
            QVERIFY(r.fitted.sigma > 0 && r.fitted.sigma2 > 0);
        }
        // Two values only, binned and exact: the likelihood grows without bound as σ → 0;
        // the σ floor (1e-6) keeps it finite.
        for (std::size_t n : {std::size_t(30000), std::size_t(400)}) {
            std::vector<double> xs(n);
            for (std::size_t i = 0; i < n; ++i)
                xs[i] = i % 3 == 0 ? 0.0 : 1.0;
            const MleResult r = maximumLikelihood(xs, model);
            QVERIFY(finite(r.fitted));
            if (r.ok)
                QVERIFY(r.fitted.sigma >= 1e-6 && r.fitted.sigma2 >= 1e-6 && r.fitted.w > 0 && r.fitted.w < 1);
            else
                QVERIFY(!r.message.empty());
        }
        // Tiny samples.
        for (std::size_t n : {std::size_t(1), std::size_t(2), std::size_t(3), std::size_t(5)}) {
            std::vector<double> xs;
            drawSamples(model, n, 11, xs);
            const MleResult r = maximumLikelihood(xs, model);
            QVERIFY(finite(r.fitted));
            if (!r.ok)
                QVERIFY(!r.message.empty());
        }
    }
};

QTEST_GUILESS_MAIN(TestMixtureMle)
#include "test_mixture_mle.moc"
