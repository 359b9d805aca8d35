#pragma once
// Next-token decoding as a language model's sampler does it: temperature,
// top-k, top-p (nucleus), min-p, renormalise — in that order.

#include <cstdint>
#include <string>
#include <vector>

namespace aimath::prob {

/// softmax(logits / T), stable (the largest scaled logit is subtracted first, so
/// T = 0.05 with logits up to ±100 stays finite and exact). T > 0.
std::vector<double> softmax(const std::vector<double>& logits, double temperature);
/// −Σ p ln p of a probability vector (0 ln 0 = 0), nats.
double shannonEntropy(const std::vector<double>& p);

struct DecodingConfig {
    std::vector<double> logits;
    double temperature = 1.0;  ///< > 0
    int topK = 0;              ///< 0 = off; keeps the k most probable, ties → lower index
    double topP = 1.0;         ///< in [0, 1], 1 = off
    double minP = 0.0;         ///< in [0, 1], 0 = off
};

struct DecodingResult {
    bool ok = false;
    std::string message;
    std::vector<double> probs;       ///< softmax(logits / T)
    std::vector<double> finalProbs;  ///< after the filters, renormalised (0 for cut tokens)
    std::vector<char> kept;          ///< 1 for tokens that survive every filter
    std::vector<int> rank;           ///< position of each token in the probability order (0 = most probable, ties → lower index)
    /// For each token, the cumulative renormalised probability (after top-k) of the
    /// tokens ranked at or above it: the curve top-p cuts at top_p. 0 for tokens cut by top-k.
    std::vector<double> topPCumulative;
    double entropy = 0.0;     ///< H(final), nats
    double perplexity = 1.0;  ///< exp(H(final))
};

/// The pipeline: probs = softmax(logits/T); top-k keeps the k most probable
/// (ties by lower index); top-p keeps the smallest prefix of the remaining tokens,
/// in probability order, whose renormalised probability sum is ≥ top_p (within
/// 1e-12 rounding; at least one token); min-p keeps tokens with p ≥ min_p · max p;
/// the kept probabilities are renormalised.
DecodingResult decode(const DecodingConfig& config);

/// H(softmax(logits / T)) at `points` log-spaced T in [tMin, tMax].
void entropyOverTemperature(const std::vector<double>& logits, double tMin, double tMax, int points, std::vector<double>& t,
                            std::vector<double>& h);

/// Draws `draws` token indices from `probs` (deterministic given seed) and returns
/// each token's relative frequency. The draws are std::discrete_distribution's on
/// std::mt19937_64(seed): by inverse CDF, token k for a uniform u when
/// c[k−1] < u ≤ c[k], c the running sums of probs / Σ probs with the last set to 1.
std::vector<double> sampleTokenFrequencies(const std::vector<double>& probs, int draws, std::uint64_t seed);

/// The uniforms behind sampleTokenFrequencies for one (seed, draws), grouped by value
/// into 2^16 equal buckets (counting sort), so that the number of uniforms ≤ x costs
/// a bucket lookup plus a scan of about draws / 2^16 values.
struct TokenUniforms {
    bool valid = false;
    std::uint64_t seed = 0;
    int draws = 0;
    std::vector<double> values;         ///< the uniforms, bucket by bucket
    std::vector<std::uint32_t> offset;  ///< 2^16 + 1 bucket starts into values
    /// How many uniforms are ≤ x.
    std::size_t countAtMost(double x) const;
};
/// Exactly sampleTokenFrequencies(probs, draws, seed), bit for bit, from `cache`
/// (rebuilt when seed or draws changed): each count is a difference of
/// countAtMost at the CDF boundaries, O(V · draws/2^16) instead of O(draws · log V).
std::vector<double> sampleTokenFrequencies(const std::vector<double>& probs, int draws, std::uint64_t seed, TokenUniforms& cache);

}  // namespace aimath::prob
