#include "engine/prob/divergence.h"

#include "engine/prob/quadrature.h"
#include "engine/prob/special.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

namespace aimath::prob {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// Breakpoints that help the adaptive quadrature find every peak: the span ends,
// kinks, support edges and mean ± a few standard deviations of both.
std::vector<double> breakpoints(double lo, double hi, const Distribution& a, const Distribution& b)
{
    std::vector<double> pts{lo, hi};
    for (const Distribution* d : {&a, &b}) {
        const Span s = quadratureSpan(*d);
        pts.insert(pts.end(), s.kinks.begin(), s.kinks.end());
        pts.push_back(s.lo);
        pts.push_back(s.hi);
        const double m = mean(*d), sd = std::sqrt(variance(*d));
        for (double k : {-8.0, -3.0, -1.0, 0.0, 1.0, 3.0, 8.0})
            pts.push_back(m + k * sd);
        if (d->family == Family::Mixture)
            for (double k : {-3.0, 3.0}) {
                pts.push_back(d->mu + k * d->sigma);
                pts.push_back(d->mu2 + k * d->sigma2);
            }
    }
    std::vector<double> out;
    for (double x : pts)
        if (std::isfinite(x) && x >= lo && x <= hi)
            out.push_back(x);
    return out;
}

bool supportContained(const Distribution& p, const Distribution& q)
{
    const Support sp = support(p), sq = support(q);
    return sp.lo >= sq.lo && sp.hi <= sq.hi;
}

// Σ_k p_k ln(p_k / q_k) over P's mass; +∞ when some p_k > 0 has q_k = 0.
double discreteKl(const Distribution& p, const Distribution& q)
{
    const std::vector<double> m = massVector(p);
    double s = 0.0;
    for (std::size_t k = 0; k < m.size(); ++k) {
        if (!(m[k] > 0.0))
            continue;
        const double lp = logPdf(p, static_cast<double>(k));
        const double lq = logPdf(q, static_cast<double>(k));
        if (lq == -kInf)
            return kInf;
        s += m[k] * (lp - lq);
    }
    // Rounding can make a zero divergence come out a few ulps negative.
    return std::max(s, 0.0);
}

double discreteJs(const Distribution& p, const Distribution& q)
{
    std::vector<double> a = massVector(p), b = massVector(q);
    const std::size_t n = std::max(a.size(), b.size());
    a.resize(n, 0.0);
    b.resize(n, 0.0);
    double s = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
        const double m = 0.5 * (a[k] + b[k]);
        if (a[k] > 0.0)
            s += 0.5 * a[k] * std::log(a[k] / m);
        if (b[k] > 0.0)
            s += 0.5 * b[k] * std::log(b[k] / m);
    }
    return std::clamp(s, 0.0, std::numbers::ln2);
}

// −E_P[ln q] for a Gaussian Q needs only the first two moments of P.
double crossEntropyGaussianQ(const Distribution& p, const Distribution& q)
{
    const double m = mean(p), v = variance(p);
    return 0.5 * std::log(2.0 * std::numbers::pi * q.sigma * q.sigma) + (v + (m - q.mu) * (m - q.mu)) / (2.0 * q.sigma * q.sigma);
}

double closedFormKl(const Distribution& p, const Distribution& q, bool& found)
{
    found = true;
    if (p.family == Family::Gaussian && q.family == Family::Gaussian) {
        const double r = p.sigma / q.sigma, dm = (p.mu - q.mu) / q.sigma;
        return std::max(0.0, -std::log(r) + 0.5 * (r * r + dm * dm) - 0.5);
    }
    if (p.family == Family::Laplace && q.family == Family::Laplace) {
        const double dm = std::fabs(p.mu - q.mu);
        return std::max(0.0, std::log(q.scale / p.scale) + dm / q.scale + (p.scale / q.scale) * std::exp(-dm / p.scale) - 1.0);
    }
    if (p.family == Family::Exponential && q.family == Family::Exponential) {
        const double r = q.lambda / p.lambda;
        return std::max(0.0, r - 1.0 - std::log(r));
    }
    if (p.family == Family::Uniform && q.family == Family::Uniform)
        return std::log((q.high - q.low) / (p.high - p.low));  // supports already checked: P ⊂ Q
    if (p.family == Family::Beta && q.family == Family::Beta) {
        const double ap = p.alpha, bp = p.beta, aq = q.alpha, bq = q.beta;
        return std::max(0.0, logBeta(aq, bq) - logBeta(ap, bp) + (ap - aq) * digamma(ap) + (bp - bq) * digamma(bp) +
                                 (aq - ap + bq - bp) * digamma(ap + bp));
    }
    if (p.family == Family::Poisson && q.family == Family::Poisson)
        return std::max(0.0, p.lambda * std::log(p.lambda / q.lambda) + q.lambda - p.lambda);
    if (q.family == Family::Gaussian && p.family != Family::Mixture)
        return std::max(0.0, crossEntropyGaussianQ(p, q) - entropy(p));
    found = false;
    return 0.0;
}

double quadratureKl(const Distribution& p, const Distribution& q)
{
    const Span s = quadratureSpan(p);
    auto f = [&p, &q](double x) {
        const double lp = logPdf(p, x);
        if (lp == -kInf)
            return 0.0;
        const double lq = logPdf(q, x);
        const double pv = std::exp(lp);
        return pv == 0.0 ? 0.0 : pv * (lp - lq);
    };
    const double v = integrate(f, breakpoints(s.lo, s.hi, p, q), 1e-12, 1e-15, 6000).value;
    return std::max(v, 0.0);
}

double quadratureJs(const Distribution& p, const Distribution& q)
{
    const Span a = quadratureSpan(p), b = quadratureSpan(q);
    const double lo = std::min(a.lo, b.lo), hi = std::max(a.hi, b.hi);
    auto f = [&p, &q](double x) {
        const double lp = logPdf(p, x), lq = logPdf(q, x);
        const double lm = logAddExp(lp, lq) - std::numbers::ln2;
        double s = 0.0;
        if (lp != -kInf)
            s += std::exp(lp) * (lp - lm);
        if (lq != -kInf)
            s += std::exp(lq) * (lq - lm);
        return 0.5 * s;
    };
    const double v = integrate(f, breakpoints(lo, hi, p, q), 1e-12, 1e-15, 6000).value;
    return std::clamp(v, 0.0, std::numbers::ln2);
}
}  // namespace

double klDivergence(const Distribution& p, const Distribution& q, Method* method)
{
    Method used = Method::Quadrature;
    double v = 0.0;
    if (isDiscrete(p.family)) {
        used = (p.family == Family::Poisson && q.family == Family::Poisson) ? Method::ClosedForm : Method::Sum;
        if (used == Method::ClosedForm) {
            bool found = false;
            v = closedFormKl(p, q, found);
        } else {
            v = discreteKl(p, q);
        }
    } else if (!supportContained(p, q)) {
        used = Method::ClosedForm;
        v = kInf;
    } else {
        bool found = false;
        v = closedFormKl(p, q, found);
        if (found)
            used = Method::ClosedForm;
        else
            v = quadratureKl(p, q);
    }
    if (method)
        *method = used;
    return v;
}

double crossEntropy(const Distribution& p, const Distribution& q)
{
    if (!isDiscrete(p.family) && q.family == Family::Gaussian)
        return crossEntropyGaussianQ(p, q);
    const double kl = klDivergence(p, q);
    return kl == kInf ? kInf : entropy(p) + kl;
}

double jsDivergence(const Distribution& p, const Distribution& q)
{
    return isDiscrete(p.family) ? discreteJs(p, q) : quadratureJs(p, q);
}

namespace {
// The English text for the command line and logs, the Message for the window.
template <class Result>
void fail(Result& r, Message why)
{
    r.message = why.text();
    r.why = std::move(why);
}
}  // namespace

Comparison compare(const Distribution& p, const Distribution& q)
{
    Comparison c;
    if (Message e = validateMessage(p); !e.empty()) {
        fail(c, Message(QT_TRANSLATE_NOOP("aimath::engine", "P: %1"), {e}));
        return c;
    }
    if (Message e = validateMessage(q); !e.empty()) {
        fail(c, Message(QT_TRANSLATE_NOOP("aimath::engine", "Q: %1"), {e}));
        return c;
    }
    if (isDiscrete(p.family) != isDiscrete(q.family)) {
        fail(c, Message(QT_TRANSLATE_NOOP("aimath::engine", "P and Q must both be continuous or both discrete")));
        return c;
    }
    c.entropyP = entropy(p);
    c.entropyQ = entropy(q);
    c.klPQ = klDivergence(p, q, &c.klPQMethod);
    c.klQP = klDivergence(q, p, &c.klQPMethod);
    if (!isDiscrete(p.family) && q.family == Family::Gaussian)
        c.crossEntropy = crossEntropyGaussianQ(p, q);
    else
        c.crossEntropy = c.klPQ == kInf ? kInf : c.entropyP + c.klPQ;
    c.js = jsDivergence(p, q);
    c.ok = true;
    return c;
}

namespace {
// Nelder–Mead on 2 parameters; returns the best vertex.
template <class F>
std::array<double, 3> nelderMead2(F f, double x0, double y0, double step)
{
    std::array<std::array<double, 3>, 3> s{{{x0, y0, 0}, {x0 + step, y0, 0}, {x0, y0 + step, 0}}};
    for (auto& v : s)
        v[2] = f(v[0], v[1]);
    for (int iter = 0; iter < 500; ++iter) {
        std::sort(s.begin(), s.end(), [](const auto& a, const auto& b) { return a[2] < b[2]; });
        const double size = std::max(std::fabs(s[1][0] - s[0][0]) + std::fabs(s[1][1] - s[0][1]),
                                     std::fabs(s[2][0] - s[0][0]) + std::fabs(s[2][1] - s[0][1]));
        if (size < 1e-9)
            break;
        const double cx = 0.5 * (s[0][0] + s[1][0]), cy = 0.5 * (s[0][1] + s[1][1]);
        auto at = [&](double t) {
            std::array<double, 3> v{cx + t * (s[2][0] - cx), cy + t * (s[2][1] - cy), 0};
            v[2] = f(v[0], v[1]);
            return v;
        };
        const auto r = at(-1.0);
        if (r[2] < s[0][2]) {
            const auto e = at(-2.0);
            s[2] = e[2] < r[2] ? e : r;
        } else if (r[2] < s[1][2]) {
            s[2] = r;
        } else {
            const auto c = r[2] < s[2][2] ? at(-0.5) : at(0.5);
            if (c[2] < std::min(r[2], s[2][2])) {
                s[2] = c;
            } else {
                for (int i = 1; i < 3; ++i) {
                    s[i][0] = s[0][0] + 0.5 * (s[i][0] - s[0][0]);
                    s[i][1] = s[0][1] + 0.5 * (s[i][1] - s[0][1]);
                    s[i][2] = f(s[i][0], s[i][1]);
                }
            }
        }
    }
    std::sort(s.begin(), s.end(), [](const auto& a, const auto& b) { return a[2] < b[2]; });
    return s[0];
}
}  // namespace

GaussianFit fitGaussian(const Distribution& p, FitObjective objective)
{
    GaussianFit fit;
    if (Message e = validateMessage(p); !e.empty()) {
        fail(fit, Message(QT_TRANSLATE_NOOP("aimath::engine", "P: %1"), {e}));
        return fit;
    }
    if (isDiscrete(p.family)) {
        fail(fit, Message(QT_TRANSLATE_NOOP("aimath::engine", "fitting a Gaussian needs a continuous P")));
        return fit;
    }
    Distribution q;
    q.family = Family::Gaussian;
    if (objective == FitObjective::Forward) {
        q.mu = mean(p);
        q.sigma = std::sqrt(variance(p));
        fit.mu = q.mu;
        fit.sigma = q.sigma;
        fit.divergence = klDivergence(p, q);
        fit.ok = true;
        return fit;
    }
    const Support sp = support(p);
    if (std::isfinite(sp.lo) || std::isfinite(sp.hi)) {
        fail(fit, Message(QT_TRANSLATE_NOOP("aimath::engine", "KL(Q‖P) is infinite for every Gaussian Q: P is zero outside its bounded support")));
        return fit;
    }
    auto objectiveAt = [&p, &q](double mu, double logSigma) {
        if (!(std::fabs(logSigma) < 30.0) || !std::isfinite(mu))
            return kInf;
        q.mu = mu;
        q.sigma = std::exp(logSigma);
        return klDivergence(q, p);
    };
    // A unimodal P (Gaussian, Laplace) has one basin; a mixture may have one per component,
    // and a broad one between them: start in each.
    std::vector<std::array<double, 2>> starts{{mean(p), 0.5 * std::log(variance(p))}};
    if (p.family == Family::Mixture) {
        starts.push_back({p.mu, std::log(p.sigma)});
        starts.push_back({p.mu2, std::log(p.sigma2)});
    }
    std::array<double, 3> best{0, 0, kInf};
    for (const auto& s : starts) {
        const auto r = nelderMead2(objectiveAt, s[0], s[1], 0.25);
        if (r[2] < best[2])
            best = r;
    }
    fit.mu = best[0];
    fit.sigma = std::exp(best[1]);
    fit.divergence = best[2];
    fit.ok = std::isfinite(best[2]);
    if (!fit.ok)
        fail(fit, Message(QT_TRANSLATE_NOOP("aimath::engine", "no Gaussian gives a finite KL(Q‖P)")));
    return fit;
}

}  // namespace aimath::prob
