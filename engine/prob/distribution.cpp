#include "engine/prob/distribution.h"

#include "engine/prob/quadrature.h"
#include "engine/prob/special.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace aimath::prob {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kLn2Pi = 1.8378770664093454835606594728112;  // ln(2π)

double categoricalTotal(const std::vector<double>& w)
{
    double s = 0.0;
    for (double v : w)
        s += v;
    return s;
}

// k·ln(p) with the convention 0·ln 0 = 0.
double xlogy(double k, double p) { return k == 0.0 ? 0.0 : k * std::log(p); }

double logGaussian(double x, double mu, double sigma)
{
    const double z = (x - mu) / sigma;
    return -0.5 * z * z - std::log(sigma) - 0.5 * kLn2Pi;
}

bool isInteger(double x) { return std::isfinite(x) && std::floor(x) == x; }
}  // namespace

const std::vector<std::string>& familyIds()
{
    static const std::vector<std::string> ids{"gaussian", "laplace",   "uniform",  "exponential", "beta",
                                              "mixture",  "bernoulli", "binomial", "poisson",     "categorical"};
    return ids;
}

std::string familyId(Family f) { return familyIds()[static_cast<std::size_t>(f)]; }

bool familyFromId(std::string_view id, Family& out)
{
    const auto& ids = familyIds();
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (ids[i] == id) {
            out = static_cast<Family>(i);
            return true;
        }
    return false;
}

bool isDiscrete(Family f)
{
    return f == Family::Bernoulli || f == Family::Binomial || f == Family::Poisson || f == Family::Categorical;
}

Message validateMessage(const Distribution& d)
{
    auto positive = [](double v) { return std::isfinite(v) && v > 0.0; };
    auto finite = [](double v) { return std::isfinite(v); };
    switch (d.family) {
    case Family::Gaussian:
        if (!finite(d.mu))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "mu must be finite"));
        if (!positive(d.sigma))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "sigma must be > 0"));
        return {};
    case Family::Laplace:
        if (!finite(d.mu))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "mu must be finite"));
        if (!positive(d.scale))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "scale must be > 0"));
        return {};
    case Family::Uniform:
        if (!finite(d.low) || !finite(d.high))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "low and high must be finite"));
        if (!(d.low < d.high))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "low must be < high"));
        return {};
    case Family::Exponential:
    case Family::Poisson:
        if (!positive(d.lambda))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "lambda must be > 0"));
        return {};
    case Family::Beta:
        if (!positive(d.alpha))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "alpha must be > 0"));
        if (!positive(d.beta))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "beta must be > 0"));
        return {};
    case Family::Mixture:
        if (!finite(d.mu) || !finite(d.mu2))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "mu and mu2 must be finite"));
        if (!positive(d.sigma))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "sigma must be > 0"));
        if (!positive(d.sigma2))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "sigma2 must be > 0"));
        if (!(d.w >= 0.0 && d.w <= 1.0))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "w must be in [0, 1]"));
        return {};
    case Family::Bernoulli:
    case Family::Binomial:
        if (!(d.p >= 0.0 && d.p <= 1.0))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "p must be in [0, 1]"));
        if (d.family == Family::Binomial && (d.n < 1 || d.n > 100000))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "n must be in [1, 100000]"));
        return {};
    case Family::Categorical:
        if (d.probs.empty())
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "probs must have at least one entry"));
        for (std::size_t i = 0; i < d.probs.size(); ++i)
            if (!std::isfinite(d.probs[i]) || d.probs[i] < 0.0)
                return Message(QT_TRANSLATE_NOOP("aimath::engine", "probs entry %1 must be a finite non-negative weight"), {std::to_string(i + 1)});
        if (!(categoricalTotal(d.probs) > 0.0))
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "probs must not be all zero"));
        return {};
    }
    return Message(QT_TRANSLATE_NOOP("aimath::engine", "unknown family"));
}

std::string validate(const Distribution& d) { return validateMessage(d).text(); }

double logPdf(const Distribution& d, double x)
{
    switch (d.family) {
    case Family::Gaussian: return logGaussian(x, d.mu, d.sigma);
    case Family::Laplace: return -std::fabs(x - d.mu) / d.scale - std::log(2.0 * d.scale);
    case Family::Uniform: return (x >= d.low && x <= d.high) ? -std::log(d.high - d.low) : -kInf;
    case Family::Exponential: return x >= 0.0 ? std::log(d.lambda) - d.lambda * x : -kInf;
    case Family::Beta:
        if (x < 0.0 || x > 1.0)
            return -kInf;
        // xlogy keeps (α − 1)·ln x = 0 at x = 0 when α = 1 (and likewise for β).
        return xlogy(d.alpha - 1.0, x) + xlogy(d.beta - 1.0, 1.0 - x) - logBeta(d.alpha, d.beta);
    case Family::Mixture: {
        const double a = d.w > 0.0 ? std::log(d.w) + logGaussian(x, d.mu, d.sigma) : -kInf;
        const double b = d.w < 1.0 ? std::log1p(-d.w) + logGaussian(x, d.mu2, d.sigma2) : -kInf;
        return logAddExp(a, b);
    }
    case Family::Bernoulli:
        if (x == 0.0)
            return d.p < 1.0 ? std::log1p(-d.p) : -kInf;
        if (x == 1.0)
            return d.p > 0.0 ? std::log(d.p) : -kInf;
        return -kInf;
    case Family::Binomial: {
        if (!isInteger(x) || x < 0.0 || x > d.n)
            return -kInf;
        const double k = x, n = d.n;
        if ((d.p == 0.0 && k > 0.0) || (d.p == 1.0 && k < n))
            return -kInf;
        return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1) + xlogy(k, d.p) + xlogy(n - k, 1.0 - d.p);
    }
    case Family::Poisson:
        if (!isInteger(x) || x < 0.0)
            return -kInf;
        return x * std::log(d.lambda) - d.lambda - std::lgamma(x + 1);
    case Family::Categorical: {
        if (!isInteger(x) || x < 0.0 || x >= static_cast<double>(d.probs.size()))
            return -kInf;
        const double w = d.probs[static_cast<std::size_t>(x)];
        return w > 0.0 ? std::log(w / categoricalTotal(d.probs)) : -kInf;
    }
    }
    return -kInf;
}

double pdf(const Distribution& d, double x)
{
    if (d.family == Family::Beta) {
        // exp(logPdf) is fine inside; the edges are handled so α = 1 or β = 1 stay finite.
        if (x < 0.0 || x > 1.0)
            return 0.0;
        if ((x == 0.0 && d.alpha < 1.0) || (x == 1.0 && d.beta < 1.0))
            return kInf;
    }
    return std::exp(logPdf(d, x));
}

double cdf(const Distribution& d, double x)
{
    switch (d.family) {
    case Family::Gaussian: return normalCdf((x - d.mu) / d.sigma);
    case Family::Laplace:
        return x < d.mu ? 0.5 * std::exp((x - d.mu) / d.scale) : 1.0 - 0.5 * std::exp(-(x - d.mu) / d.scale);
    case Family::Uniform: return std::clamp((x - d.low) / (d.high - d.low), 0.0, 1.0);
    case Family::Exponential: return x <= 0.0 ? 0.0 : -std::expm1(-d.lambda * x);
    case Family::Beta: return incompleteBeta(d.alpha, d.beta, x);
    case Family::Mixture: return d.w * normalCdf((x - d.mu) / d.sigma) + (1.0 - d.w) * normalCdf((x - d.mu2) / d.sigma2);
    case Family::Bernoulli:
    case Family::Binomial:
    case Family::Poisson:
    case Family::Categorical: {
        if (x < 0.0)
            return 0.0;
        const std::vector<double> m = massVector(d);
        const double kmax = std::floor(x);
        double s = 0.0;
        for (std::size_t k = 0; k < m.size() && static_cast<double>(k) <= kmax; ++k)
            s += m[k];
        return std::min(s, 1.0);
    }
    }
    return 0.0;
}

double mean(const Distribution& d)
{
    switch (d.family) {
    case Family::Gaussian:
    case Family::Laplace: return d.mu;
    case Family::Uniform: return 0.5 * (d.low + d.high);
    case Family::Exponential: return 1.0 / d.lambda;
    case Family::Beta: return d.alpha / (d.alpha + d.beta);
    case Family::Mixture: return d.w * d.mu + (1.0 - d.w) * d.mu2;
    case Family::Bernoulli: return d.p;
    case Family::Binomial: return d.n * d.p;
    case Family::Poisson: return d.lambda;
    case Family::Categorical: {
        const double t = categoricalTotal(d.probs);
        double m = 0.0;
        for (std::size_t k = 0; k < d.probs.size(); ++k)
            m += static_cast<double>(k) * d.probs[k] / t;
        return m;
    }
    }
    return 0.0;
}

double variance(const Distribution& d)
{
    switch (d.family) {
    case Family::Gaussian: return d.sigma * d.sigma;
    case Family::Laplace: return 2.0 * d.scale * d.scale;
    case Family::Uniform: return (d.high - d.low) * (d.high - d.low) / 12.0;
    case Family::Exponential: return 1.0 / (d.lambda * d.lambda);
    case Family::Beta: {
        const double s = d.alpha + d.beta;
        return d.alpha * d.beta / (s * s * (s + 1.0));
    }
    case Family::Mixture: {
        // Law of total variance: E[Var] + Var[E].
        const double m = mean(d);
        return d.w * (d.sigma * d.sigma + (d.mu - m) * (d.mu - m)) +
               (1.0 - d.w) * (d.sigma2 * d.sigma2 + (d.mu2 - m) * (d.mu2 - m));
    }
    case Family::Bernoulli: return d.p * (1.0 - d.p);
    case Family::Binomial: return d.n * d.p * (1.0 - d.p);
    case Family::Poisson: return d.lambda;
    case Family::Categorical: {
        const double t = categoricalTotal(d.probs);
        const double m = mean(d);
        double v = 0.0;
        for (std::size_t k = 0; k < d.probs.size(); ++k)
            v += (static_cast<double>(k) - m) * (static_cast<double>(k) - m) * d.probs[k] / t;
        return v;
    }
    }
    return 0.0;
}

std::vector<double> massVector(const Distribution& d)
{
    std::vector<double> m;
    switch (d.family) {
    case Family::Bernoulli: m = {1.0 - d.p, d.p}; break;
    case Family::Binomial:
        m.resize(static_cast<std::size_t>(d.n) + 1);
        for (int k = 0; k <= d.n; ++k)
            m[static_cast<std::size_t>(k)] = std::exp(logPdf(d, k));
        break;
    case Family::Poisson: {
        // Beyond λ + 20√λ + 30 the Poisson tail is far below 1e-17.
        const int kmax = static_cast<int>(std::ceil(d.lambda + 20.0 * std::sqrt(d.lambda) + 30.0));
        m.resize(static_cast<std::size_t>(kmax) + 1);
        for (int k = 0; k <= kmax; ++k)
            m[static_cast<std::size_t>(k)] = std::exp(logPdf(d, k));
        break;
    }
    case Family::Categorical: {
        const double t = categoricalTotal(d.probs);
        m.resize(d.probs.size());
        for (std::size_t k = 0; k < d.probs.size(); ++k)
            m[k] = d.probs[k] / t;
        break;
    }
    default: break;
    }
    return m;
}

Support support(const Distribution& d)
{
    switch (d.family) {
    case Family::Gaussian:
    case Family::Laplace:
    case Family::Mixture: return {-kInf, kInf};
    case Family::Uniform: return {d.low, d.high};
    case Family::Exponential: return {0.0, kInf};
    case Family::Beta: return {0.0, 1.0};
    case Family::Poisson: return {0.0, kInf};
    case Family::Bernoulli:
    case Family::Binomial:
    case Family::Categorical: {
        const auto m = massVector(d);
        double lo = kInf, hi = -kInf;
        for (std::size_t k = 0; k < m.size(); ++k)
            if (m[k] > 0.0) {
                lo = std::min(lo, static_cast<double>(k));
                hi = std::max(hi, static_cast<double>(k));
            }
        return {lo, hi};
    }
    }
    return {-kInf, kInf};
}

Span quadratureSpan(const Distribution& d)
{
    switch (d.family) {
    case Family::Gaussian: return {d.mu - 40.0 * d.sigma, d.mu + 40.0 * d.sigma, {d.mu}};
    case Family::Laplace: return {d.mu - 46.0 * d.scale, d.mu + 46.0 * d.scale, {d.mu}};
    case Family::Uniform: return {d.low, d.high, {}};
    case Family::Exponential: return {0.0, 46.0 / d.lambda, {}};
    case Family::Beta: return {0.0, 1.0, {}};
    case Family::Mixture: {
        // A component of weight 0 contributes nothing: it must not stretch the range.
        double lo = kInf, hi = -kInf;
        std::vector<double> kinks;
        if (d.w > 0.0) {
            lo = std::min(lo, d.mu - 40.0 * d.sigma);
            hi = std::max(hi, d.mu + 40.0 * d.sigma);
            kinks.push_back(d.mu);
        }
        if (d.w < 1.0) {
            lo = std::min(lo, d.mu2 - 40.0 * d.sigma2);
            hi = std::max(hi, d.mu2 + 40.0 * d.sigma2);
            kinks.push_back(d.mu2);
        }
        return {lo, hi, kinks};
    }
    default: {
        const auto m = massVector(d);
        return {0.0, static_cast<double>(m.empty() ? 0 : m.size() - 1), {}};
    }
    }
}

Span plotSpan(const Distribution& d)
{
    switch (d.family) {
    case Family::Gaussian: return {d.mu - 4.5 * d.sigma, d.mu + 4.5 * d.sigma, {d.mu}};
    case Family::Laplace: return {d.mu - 7.0 * d.scale, d.mu + 7.0 * d.scale, {d.mu}};
    case Family::Uniform: {
        const double m = 0.15 * (d.high - d.low);
        return {d.low - m, d.high + m, {d.low, d.high}};
    }
    case Family::Exponential: return {-0.3 / d.lambda, 7.0 / d.lambda, {0.0}};
    case Family::Beta: return {0.0, 1.0, {}};
    case Family::Mixture: {
        double lo = kInf, hi = -kInf;
        if (d.w > 0.0) {
            lo = std::min(lo, d.mu - 4.5 * d.sigma);
            hi = std::max(hi, d.mu + 4.5 * d.sigma);
        }
        if (d.w < 1.0) {
            lo = std::min(lo, d.mu2 - 4.5 * d.sigma2);
            hi = std::max(hi, d.mu2 + 4.5 * d.sigma2);
        }
        return {lo, hi, {d.mu, d.mu2}};
    }
    case Family::Poisson: return {0.0, std::ceil(d.lambda + 5.0 * std::sqrt(d.lambda) + 3.0), {}};
    default: {
        const auto m = massVector(d);
        return {0.0, static_cast<double>(m.empty() ? 0 : m.size() - 1), {}};
    }
    }
}

double entropy(const Distribution& d)
{
    switch (d.family) {
    case Family::Gaussian: return 0.5 * std::log(2.0 * std::numbers::pi * std::numbers::e * d.sigma * d.sigma);
    case Family::Laplace: return 1.0 + std::log(2.0 * d.scale);
    case Family::Uniform: return std::log(d.high - d.low);
    case Family::Exponential: return 1.0 - std::log(d.lambda);
    case Family::Beta: {
        const double a = d.alpha, b = d.beta;
        return logBeta(a, b) - (a - 1.0) * digamma(a) - (b - 1.0) * digamma(b) + (a + b - 2.0) * digamma(a + b);
    }
    case Family::Mixture: {
        // No closed form for a Gaussian mixture: −∫ p ln p by adaptive quadrature.
        const Span s = quadratureSpan(d);
        std::vector<double> breaks{s.lo, s.hi};
        breaks.insert(breaks.end(), s.kinks.begin(), s.kinks.end());
        auto f = [&d](double x) {
            const double lp = logPdf(d, x);
            return lp == -kInf ? 0.0 : -std::exp(lp) * lp;
        };
        return integrate(f, breaks, 1e-12, 1e-15).value;
    }
    case Family::Bernoulli:
    case Family::Binomial:
    case Family::Poisson:
    case Family::Categorical: {
        const auto m = massVector(d);
        double h = 0.0;
        for (double v : m)
            if (v > 0.0)
                h -= v * std::log(v);
        return h;
    }
    }
    return 0.0;
}

}  // namespace aimath::prob
