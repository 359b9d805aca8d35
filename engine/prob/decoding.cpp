#include "engine/prob/decoding.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace aimath::prob {

std::vector<double> softmax(const std::vector<double>& logits, double temperature)
{
    std::vector<double> p(logits.size(), 0.0);
    if (logits.empty())
        return p;
    double mx = -std::numeric_limits<double>::infinity();
    for (double l : logits)
        mx = std::max(mx, l / temperature);
    double sum = 0.0;
    for (std::size_t i = 0; i < logits.size(); ++i) {
        p[i] = std::exp(logits[i] / temperature - mx);
        sum += p[i];
    }
    for (auto& v : p)
        v /= sum;
    return p;
}

double shannonEntropy(const std::vector<double>& p)
{
    double h = 0.0;
    for (double v : p)
        if (v > 0.0)
            h -= v * std::log(v);
    return std::max(h, 0.0);
}

DecodingResult decode(const DecodingConfig& c)
{
    DecodingResult r;
    const std::size_t n = c.logits.size();
    if (n == 0) {
        r.message = "logits: at least one token is needed";
        return r;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(c.logits[i])) {
            r.message = "logits: entry " + std::to_string(i + 1) + " is not finite";
            return r;
        }
    if (!(c.temperature > 0.0) || !std::isfinite(c.temperature)) {
        r.message = "temperature: must be > 0";
        return r;
    }
    if (!(c.topP >= 0.0 && c.topP <= 1.0)) {
        r.message = "top_p: must be in [0, 1]";
        return r;
    }
    if (!(c.minP >= 0.0 && c.minP <= 1.0)) {
        r.message = "min_p: must be in [0, 1]";
        return r;
    }
    if (c.topK < 0) {
        r.message = "top_k: must be ≥ 0";
        return r;
    }
    r.probs = softmax(c.logits, c.temperature);
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    // Stable sort by descending probability: equal probabilities keep index order.
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return r.probs[a] > r.probs[b]; });
    r.rank.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        r.rank[static_cast<std::size_t>(order[i])] = static_cast<int>(i);

    r.kept.assign(n, 1);
    // top-k
    std::size_t keepCount = n;
    if (c.topK > 0 && static_cast<std::size_t>(c.topK) < n)
        keepCount = static_cast<std::size_t>(c.topK);
    for (std::size_t i = keepCount; i < n; ++i)
        r.kept[static_cast<std::size_t>(order[i])] = 0;
    // top-p on the distribution renormalised over the top-k survivors
    double massK = 0.0;
    for (std::size_t i = 0; i < keepCount; ++i)
        massK += r.probs[static_cast<std::size_t>(order[i])];
    r.topPCumulative.assign(n, 0.0);
    {
        double cum = 0.0;
        bool reached = false;
        for (std::size_t i = 0; i < keepCount; ++i) {
            const auto t = static_cast<std::size_t>(order[i]);
            cum += r.probs[t] / massK;
            r.topPCumulative[t] = std::min(cum, 1.0);
            if (c.topP < 1.0 && reached)
                r.kept[t] = 0;
            if (cum >= c.topP - 1e-12)
                reached = true;
        }
    }
    // min-p relative to the most probable token (always kept, so the ratio is unaffected by renormalisation)
    if (c.minP > 0.0) {
        const double threshold = c.minP * r.probs[static_cast<std::size_t>(order[0])];
        for (std::size_t i = 0; i < n; ++i)
            if (r.probs[i] < threshold)
                r.kept[i] = 0;
    }
    double mass = 0.0;
    for (std::size_t i = 0; i < n; ++i)
        if (r.kept[i])
            mass += r.probs[i];
    r.finalProbs.assign(n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        if (r.kept[i])
            r.finalProbs[i] = r.probs[i] / mass;
    r.entropy = shannonEntropy(r.finalProbs);
    r.perplexity = std::exp(r.entropy);
    r.ok = true;
    return r;
}

void entropyOverTemperature(const std::vector<double>& logits, double tMin, double tMax, int points, std::vector<double>& t,
                            std::vector<double>& h)
{
    points = std::max(points, 2);
    t.resize(static_cast<std::size_t>(points));
    h.resize(static_cast<std::size_t>(points));
    const double a = std::log(tMin), b = std::log(tMax);
    for (int i = 0; i < points; ++i) {
        const double temp = std::exp(a + (b - a) * i / (points - 1));
        t[static_cast<std::size_t>(i)] = temp;
        h[static_cast<std::size_t>(i)] = shannonEntropy(softmax(logits, temp));
    }
}

std::vector<double> sampleTokenFrequencies(const std::vector<double>& probs, int draws, std::uint64_t seed)
{
    std::vector<double> freq(probs.size(), 0.0);
    if (probs.empty() || draws <= 0)
        return freq;
    std::mt19937_64 rng(seed);
    std::discrete_distribution<int> dist(probs.begin(), probs.end());
    for (int i = 0; i < draws; ++i)
        freq[static_cast<std::size_t>(dist(rng))] += 1.0;
    for (auto& f : freq)
        f /= draws;
    return freq;
}

namespace {
constexpr int kUniformBuckets = 1 << 16;
}

std::size_t TokenUniforms::countAtMost(double x) const
{
    if (!(x >= 0.0))
        return 0;  // every uniform is ≥ 0
    if (x >= 1.0)
        return values.size();
    // ⌊x · 2^16⌋ is exact and monotone, so every uniform ≤ x sits in this bucket or an earlier one.
    const auto b = static_cast<std::size_t>(x * kUniformBuckets);
    std::size_t count = offset[b];
    for (std::uint32_t i = offset[b]; i < offset[b + 1]; ++i)
        count += values[i] <= x ? 1 : 0;
    return count;
}

std::vector<double> sampleTokenFrequencies(const std::vector<double>& probs, int draws, std::uint64_t seed, TokenUniforms& cache)
{
    std::vector<double> freq(probs.size(), 0.0);
    if (probs.empty() || draws <= 0)
        return freq;
    if (probs.size() < 2) {
        freq[0] = 1.0;  // std::discrete_distribution draws no random number for a single outcome
        return freq;
    }
    if (!cache.valid || cache.seed != seed || cache.draws != draws) {
        // The uniforms std::discrete_distribution takes from the engine, in order; then a counting sort by bucket.
        std::mt19937_64 rng(seed);
        std::vector<double> u(static_cast<std::size_t>(draws));
        for (auto& v : u)
            v = std::generate_canonical<double, std::numeric_limits<double>::digits>(rng);
        cache.offset.assign(kUniformBuckets + 1, 0);
        for (double v : u)
            ++cache.offset[static_cast<std::size_t>(v * kUniformBuckets) + 1];
        for (int b = 0; b < kUniformBuckets; ++b)
            cache.offset[static_cast<std::size_t>(b) + 1] += cache.offset[static_cast<std::size_t>(b)];
        cache.values.resize(u.size());
        std::vector<std::uint32_t> fill(cache.offset.begin(), cache.offset.end() - 1);
        for (double v : u)
            cache.values[fill[static_cast<std::size_t>(v * kUniformBuckets)]++] = v;
        cache.seed = seed;
        cache.draws = draws;
        cache.valid = true;
    }
    // libstdc++'s table: probabilities divided by their sum, running sums, the last set to 1.
    const double sum = std::accumulate(probs.begin(), probs.end(), 0.0);
    std::vector<double> cp(probs.size());
    double run = 0.0;
    for (std::size_t k = 0; k < probs.size(); ++k) {
        run += probs[k] / sum;
        cp[k] = run;
    }
    cp.back() = 1.0;
    // lower_bound gives token k = #{j ≤ V−2 : c[j] < u} (c[V−1] = 1 > u ends every search).
    std::size_t below = 0;
    for (std::size_t k = 0; k + 1 < probs.size(); ++k) {
        const std::size_t atMost = cache.countAtMost(cp[k]);
        freq[k] = static_cast<double>(atMost - below);
        below = atMost;
    }
    freq.back() = static_cast<double>(static_cast<std::size_t>(draws) - below);
    for (auto& f : freq)
        f /= draws;
    return freq;
}

}  // namespace aimath::prob
