#include "engine/prob/sampling.h"

#include "engine/prob/special.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace aimath::prob {

void drawSamples(const Distribution& d, std::size_t n, std::uint64_t seed, std::vector<double>& out)
{
    out.resize(n);
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    switch (d.family) {
    case Family::Gaussian: {
        std::normal_distribution<double> g(d.mu, d.sigma);
        for (auto& x : out)
            x = g(rng);
        break;
    }
    case Family::Laplace:
        // Inverse CDF: x = μ − b·sign(u)·ln(1 − 2|u|), u uniform on (−½, ½).
        for (auto& x : out) {
            double u = unit(rng) - 0.5;
            while (u == -0.5)
                u = unit(rng) - 0.5;
            x = d.mu - d.scale * (u < 0 ? -1.0 : 1.0) * std::log1p(-2.0 * std::fabs(u));
        }
        break;
    case Family::Uniform: {
        std::uniform_real_distribution<double> u(d.low, d.high);
        for (auto& x : out)
            x = u(rng);
        break;
    }
    case Family::Exponential: {
        std::exponential_distribution<double> e(d.lambda);
        for (auto& x : out)
            x = e(rng);
        break;
    }
    case Family::Beta: {
        std::gamma_distribution<double> ga(d.alpha, 1.0), gb(d.beta, 1.0);
        for (auto& x : out) {
            const double a = ga(rng), b = gb(rng);
            x = (a + b) > 0.0 ? a / (a + b) : (d.alpha >= d.beta ? 1.0 : 0.0);
        }
        break;
    }
    case Family::Mixture: {
        std::normal_distribution<double> g(0.0, 1.0);
        for (auto& x : out)
            x = unit(rng) < d.w ? d.mu + d.sigma * g(rng) : d.mu2 + d.sigma2 * g(rng);
        break;
    }
    case Family::Bernoulli:
        for (auto& x : out)
            x = unit(rng) < d.p ? 1.0 : 0.0;
        break;
    case Family::Binomial: {
        std::binomial_distribution<int> b(d.n, d.p);
        for (auto& x : out)
            x = b(rng);
        break;
    }
    case Family::Poisson: {
        std::poisson_distribution<int> p(d.lambda);
        for (auto& x : out)
            x = p(rng);
        break;
    }
    case Family::Categorical: {
        std::discrete_distribution<int> c(d.probs.begin(), d.probs.end());
        for (auto& x : out)
            x = c(rng);
        break;
    }
    }
}

void drawSamples(const Distribution& d, std::size_t n, std::uint64_t seed, StandardDraws& cache, std::vector<double>& out)
{
    const bool gaussian = d.family == Family::Gaussian, mixture = d.family == Family::Mixture;
    if (!gaussian && !mixture) {
        drawSamples(d, n, seed, out);
        return;
    }
    if (cache.valid && mixture && cache.family == d.family && cache.n == n && cache.seed == seed && cache.w == d.w && cache.order[0].empty() &&
        cache.order[1].empty() && n > 0 && n <= 0xffffffffu) {
        // Reused: the draws now serve a μ/σ drag, worth sorting each component once.
        std::vector<std::pair<double, std::uint32_t>> keyed;
        for (int c = 0; c < 2; ++c) {
            keyed.clear();
            for (std::size_t i = 0; i < n; ++i)
                if (cache.first[i] == (c == 0 ? 1 : 0))
                    keyed.emplace_back(cache.z[i], static_cast<std::uint32_t>(i));
            std::sort(keyed.begin(), keyed.end());
            cache.order[c].resize(keyed.size());
            for (std::size_t j = 0; j < keyed.size(); ++j)
                cache.order[c][j] = keyed[j].second;
        }
    }
    if (!cache.valid || cache.family != d.family || cache.n != n || cache.seed != seed || (mixture && cache.w != d.w)) {
        // The same generator calls in the same order as drawSamples.
        cache.valid = false;
        cache.order[0].clear();
        cache.order[1].clear();
        cache.z.resize(n);
        cache.first.resize(mixture ? n : 0);
        std::mt19937_64 rng(seed);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        std::normal_distribution<double> g(0.0, 1.0);
        for (std::size_t i = 0; i < n; ++i) {
            if (mixture)
                cache.first[i] = unit(rng) < d.w ? 1 : 0;
            cache.z[i] = g(rng);
        }
        cache.family = d.family;
        cache.n = n;
        cache.seed = seed;
        cache.w = d.w;
        cache.valid = true;
    }
    out.resize(n);
    const double* z = cache.z.data();
    if (gaussian) {
        // std::normal_distribution(μ, σ) returns z·σ + μ from its standard draw.
        for (std::size_t i = 0; i < n; ++i)
            out[i] = z[i] * d.sigma + d.mu;
    } else {
        const unsigned char* f = cache.first.data();
        for (std::size_t i = 0; i < n; ++i) {
            // Both, then a select: the component is a coin flip, a branch on it mispredicts half the time.
            const double a = d.mu + d.sigma * z[i], b = d.mu2 + d.sigma2 * z[i];
            out[i] = f[i] ? a : b;
        }
    }
}

SampleSummary summarize(const std::vector<double>& xs)
{
    SampleSummary s;
    double m = 0.0, m2 = 0.0;
    std::size_t k = 0;
    for (double x : xs) {
        ++k;
        const double delta = x - m;
        m += delta / static_cast<double>(k);
        m2 += delta * (x - m);
    }
    s.n = k;
    s.mean = m;
    s.variance = k > 1 ? m2 / static_cast<double>(k - 1) : 0.0;
    return s;
}

void runningMean(const std::vector<double>& xs, int points, std::vector<double>& m, std::vector<double>& mean)
{
    m.clear();
    mean.clear();
    const std::size_t n = xs.size();
    if (n == 0)
        return;
    points = std::max(points, 2);
    const double logN = std::log(static_cast<double>(n));
    std::size_t next = 1;
    int idx = 0;
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        sum += xs[i];
        const std::size_t count = i + 1;
        if (count == next || count == n) {
            m.push_back(static_cast<double>(count));
            mean.push_back(sum / static_cast<double>(count));
            // Next log-spaced count strictly above this one.
            while (next <= count && idx < points) {
                ++idx;
                next = static_cast<std::size_t>(std::llround(std::exp(logN * idx / (points - 1))));
            }
            if (next <= count)
                next = n;
        }
    }
}

void histogram(const std::vector<double>& xs, double lo, double hi, int bins, std::vector<double>& centres,
               std::vector<double>& density)
{
    bins = std::max(bins, 1);
    centres.assign(static_cast<std::size_t>(bins), 0.0);
    density.assign(static_cast<std::size_t>(bins), 0.0);
    if (!(hi > lo) || xs.empty())
        return;
    const double width = (hi - lo) / bins;
    for (int i = 0; i < bins; ++i)
        centres[static_cast<std::size_t>(i)] = lo + (i + 0.5) * width;
    for (double x : xs) {
        if (!(x >= lo && x <= hi))
            continue;
        int b = static_cast<int>((x - lo) / width);
        b = std::clamp(b, 0, bins - 1);
        density[static_cast<std::size_t>(b)] += 1.0;
    }
    const double norm = 1.0 / (static_cast<double>(xs.size()) * width);
    for (auto& v : density)
        v *= norm;
}

void frequencies(const std::vector<double>& xs, int kmax, std::vector<double>& freq)
{
    freq.assign(static_cast<std::size_t>(std::max(kmax, 0)) + 1, 0.0);
    if (xs.empty())
        return;
    for (double x : xs)
        if (x >= 0.0 && x <= kmax)
            freq[static_cast<std::size_t>(x)] += 1.0;
    for (auto& f : freq)
        f /= static_cast<double>(xs.size());
}

namespace {
bool betaMle(const std::vector<double>& xs, double& alpha, double& beta)
{
    // Sufficient statistics: mean ln x and mean ln(1 − x), clamped off the edges.
    const double tiny = 1e-300;
    double l1 = 0.0, l2 = 0.0;
    for (double x : xs) {
        const double c = std::clamp(x, tiny, 1.0 - 1e-16);
        l1 += std::log(c);
        l2 += std::log1p(-c);
    }
    l1 /= static_cast<double>(xs.size());
    l2 /= static_cast<double>(xs.size());
    const SampleSummary s = summarize(xs);
    const double common = s.variance > 0.0 ? s.mean * (1.0 - s.mean) / s.variance - 1.0 : -1.0;
    alpha = common > 0.0 ? s.mean * common : 1.0;
    beta = common > 0.0 ? (1.0 - s.mean) * common : 1.0;
    for (int it = 0; it < 200; ++it) {
        const double psiAB = digamma(alpha + beta), triAB = trigamma(alpha + beta);
        const double g1 = digamma(alpha) - psiAB - l1;
        const double g2 = digamma(beta) - psiAB - l2;
        const double a11 = trigamma(alpha) - triAB, a22 = trigamma(beta) - triAB, a12 = -triAB;
        const double det = a11 * a22 - a12 * a12;
        if (!(std::fabs(det) > 0.0))
            return false;
        double da = (a22 * g1 - a12 * g2) / det;
        double db = (a11 * g2 - a12 * g1) / det;
        double t = 1.0;
        while (alpha - t * da <= 0.0 || beta - t * db <= 0.0)
            t *= 0.5;
        alpha -= t * da;
        beta -= t * db;
        if (std::fabs(t * da) < 1e-13 * alpha && std::fabs(t * db) < 1e-13 * beta)
            return std::isfinite(alpha) && std::isfinite(beta);
    }
    return std::isfinite(alpha) && std::isfinite(beta);
}

// EM for two Gaussians on weighted points (weights = 1 for raw samples, counts for bins).
void mixtureEm(const std::vector<double>& x, const std::vector<double>& wt, Distribution& d, double q25, double q75, double sd)
{
    d.w = 0.5;
    d.mu = q25;
    d.mu2 = q75;
    d.sigma = d.sigma2 = std::max(sd * 0.5, 1e-6);
    double total = 0.0;
    for (double v : wt)
        total += v;
    double prevLl = -std::numeric_limits<double>::infinity();
    for (int it = 0; it < 1000; ++it) {
        double s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0, t2 = 0, ll = 0;
        const double la = std::log(std::max(d.w, 1e-300)), lb = std::log(std::max(1.0 - d.w, 1e-300));
        const double lsa = std::log(d.sigma), lsb = std::log(d.sigma2);  // the same for every point: once per iteration
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (wt[i] == 0.0)
                continue;
            const double za = (x[i] - d.mu) / d.sigma, zb = (x[i] - d.mu2) / d.sigma2;
            const double a = la - 0.5 * za * za - lsa, b = lb - 0.5 * zb * zb - lsb;
            const double lse = logAddExp(a, b);
            const double r = std::exp(a - lse);
            ll += wt[i] * lse;
            s0 += wt[i] * r;
            s1 += wt[i] * r * x[i];
            s2 += wt[i] * r * x[i] * x[i];
            t0 += wt[i] * (1 - r);
            t1 += wt[i] * (1 - r) * x[i];
            t2 += wt[i] * (1 - r) * x[i] * x[i];
        }
        if (s0 <= 0.0 || t0 <= 0.0)
            break;  // one component took everything
        d.w = s0 / total;
        d.mu = s1 / s0;
        d.mu2 = t1 / t0;
        d.sigma = std::sqrt(std::max(s2 / s0 - d.mu * d.mu, 1e-12));
        d.sigma2 = std::sqrt(std::max(t2 / t0 - d.mu2 * d.mu2, 1e-12));
        if (std::fabs(ll - prevLl) < 1e-11 * std::fabs(ll))
            break;
        prevLl = ll;
    }
}
}  // namespace

MleResult maximumLikelihood(const std::vector<double>& xs, const Distribution& model)
{
    std::vector<double> scratch;
    return maximumLikelihood(xs, model, scratch);
}

MleResult maximumLikelihood(const std::vector<double>& xs, const Distribution& model, std::vector<double>& scratch)
{
    return maximumLikelihood(xs, model, scratch, summarize(xs));
}

namespace {
/// The k-th smallest (from 0) of the union of two non-decreasing sequences a(0…na−1), b(0…nb−1).
template <class A, class B>
double kthOfTwoSorted(const A& a, std::size_t na, const B& b, std::size_t nb, std::size_t k)
{
    // i values from a and k + 1 − i from b make up the k + 1 smallest.
    std::size_t lo = k + 1 > nb ? k + 1 - nb : 0, hi = std::min(na, k + 1);
    while (true) {
        const std::size_t i = lo + (hi - lo) / 2, j = k + 1 - i;
        if (i > 0 && j < nb && a(i - 1) > b(j))
            hi = i - 1;
        else if (j > 0 && i < na && b(j - 1) > a(i))
            lo = i + 1;
        else if (i == 0)
            return b(j - 1);
        else if (j == 0)
            return a(i - 1);
        else
            return std::max(a(i - 1), b(j - 1));
    }
}
}  // namespace

MleResult maximumLikelihood(const std::vector<double>& xs, const Distribution& model, std::vector<double>& scratch, const SampleSummary& summary,
                           const StandardDraws* draws)
{
    MleResult r;
    r.fitted = model;
    Distribution& f = r.fitted;
    const std::size_t n = xs.size();
    if (n == 0) {
        r.message = "no samples";
        return r;
    }
    const SampleSummary& s = summary;
    const double biasedVar = n > 1 ? s.variance * static_cast<double>(n - 1) / static_cast<double>(n) : 0.0;
    switch (model.family) {
    case Family::Gaussian:
        f.mu = s.mean;
        f.sigma = std::sqrt(biasedVar);
        break;
    case Family::Laplace: {
        scratch.assign(xs.begin(), xs.end());
        const std::size_t mid = n / 2;
        std::nth_element(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(mid), scratch.end());
        double med = scratch[mid];
        if (n % 2 == 0) {
            const double lower = *std::max_element(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(mid));
            med = 0.5 * (med + lower);
        }
        double dev = 0.0;
        for (double x : xs)
            dev += std::fabs(x - med);
        f.mu = med;
        f.scale = dev / static_cast<double>(n);
        break;
    }
    case Family::Uniform: {
        const auto [mn, mx] = std::minmax_element(xs.begin(), xs.end());
        f.low = *mn;
        f.high = *mx;
        break;
    }
    case Family::Exponential: f.lambda = s.mean > 0.0 ? 1.0 / s.mean : 0.0; break;
    case Family::Beta:
        if (!betaMle(xs, f.alpha, f.beta)) {
            r.message = "the beta likelihood has no finite maximum for this sample";
            return r;
        }
        break;
    case Family::Mixture: {
        // The component orders sort this sample when it was drawn through `draws` with
        // increasing maps μ + σ·z (checked: same draws, same n, both σ > 0).
        const bool ordered = draws && draws->valid && draws->family == Family::Mixture && draws->n == n && draws->w == model.w &&
                             model.sigma > 0.0 && model.sigma2 > 0.0 && draws->order[0].size() + draws->order[1].size() == n;
        const auto byOrder = [&](int c) { return [&xs, o = draws ? draws->order[c].data() : nullptr](std::size_t j) { return xs[o[j]]; }; };
        const std::size_t n0 = ordered ? draws->order[0].size() : 0, n1 = ordered ? draws->order[1].size() : 0;
        auto q = [&, from = std::ptrdiff_t{0}](double frac) mutable {
            const auto k = static_cast<std::ptrdiff_t>(frac * static_cast<double>(n - 1));
            if (ordered)
                return kthOfTwoSorted(byOrder(0), n0, byOrder(1), n1, static_cast<std::size_t>(k));
            // Each order statistic is selected among the elements not below the previous
            // one (nth_element leaves them after it): the same values, half the work.
            if (from == 0)
                scratch.assign(xs.begin(), xs.end());
            std::nth_element(scratch.begin() + from, scratch.begin() + k, scratch.end());
            from = k;
            return scratch[static_cast<std::size_t>(k)];
        };
        const double q25 = q(0.25), q75 = q(0.75);
        const double sd = std::sqrt(biasedVar);
        if (n <= kMixtureExactEmLimit) {
            const std::vector<double> ones(n, 1.0);
            mixtureEm(xs, ones, f, q25, q75, sd);
        } else {
            double lo, hi;
            if (ordered) {
                lo = kthOfTwoSorted(byOrder(0), n0, byOrder(1), n1, 0);
                hi = kthOfTwoSorted(byOrder(0), n0, byOrder(1), n1, n - 1);
            } else {
                const auto [mn, mx] = std::minmax_element(xs.begin(), xs.end());
                lo = *mn;
                hi = *mx;
            }
            const double* mn = &lo;
            const double* mx = &hi;
            std::vector<double> centres, dens;
            constexpr int kBins = 4096;
            histogram(xs, *mn, *mx, kBins, centres, dens);
            const double width = (*mx - *mn) / kBins;
            for (auto& v : dens)
                v *= width * static_cast<double>(n);  // back to counts
            mixtureEm(centres, dens, f, q25, q75, sd);
        }
        break;
    }
    case Family::Bernoulli: f.p = std::clamp(s.mean, 0.0, 1.0); break;
    case Family::Binomial: f.p = std::clamp(s.mean / model.n, 0.0, 1.0); break;
    case Family::Poisson: f.lambda = s.mean; break;
    case Family::Categorical: {
        std::vector<double> freq;
        frequencies(xs, static_cast<int>(model.probs.size()) - 1, freq);
        f.probs = freq;
        break;
    }
    }
    if (auto e = validate(f); !e.empty()) {
        r.message = "the MLE is degenerate for this sample (" + e + ")";
        return r;
    }
    r.ok = true;
    return r;
}

BetaPosterior betaBernoulli(const std::vector<double>& xs, double priorAlpha, double priorBeta)
{
    BetaPosterior b;
    b.priorAlpha = priorAlpha;
    b.priorBeta = priorBeta;
    b.n = static_cast<int>(xs.size());
    for (double x : xs)
        if (x == 1.0)
            ++b.k;
    b.postAlpha = priorAlpha + b.k;
    b.postBeta = priorBeta + (b.n - b.k);
    b.mleDefined = b.n > 0;
    b.mle = b.mleDefined ? static_cast<double>(b.k) / b.n : 0.0;
    // The posterior Beta(a, b) has its mode (a − 1)/(a + b − 2) when a, b ≥ 1 and not both 1.
    b.mapDefined = b.postAlpha >= 1.0 && b.postBeta >= 1.0 && (b.postAlpha + b.postBeta) > 2.0;
    b.map = b.mapDefined ? (b.postAlpha - 1.0) / (b.postAlpha + b.postBeta - 2.0) : 0.0;
    b.posteriorMean = b.postAlpha / (b.postAlpha + b.postBeta);
    return b;
}

}  // namespace aimath::prob
