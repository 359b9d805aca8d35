#pragma once
// Drawing samples from a distribution, summarising them (histogram, running
// mean), maximum-likelihood estimates, and the Beta–Bernoulli posterior.

#include "engine/prob/distribution.h"

#include <cstdint>
#include <string>
#include <vector>

namespace aimath::prob {

/// Fills `out` (resized to n, capacity kept between calls) with n draws from d,
/// deterministic given seed (std::mt19937_64; Beta via two Gammas).
void drawSamples(const Distribution& d, std::size_t n, std::uint64_t seed, std::vector<double>& out);

/// The standard draws behind drawSamples for the Gaussian and the mixture:
/// z ~ N(0, 1) per sample (and, for the mixture, whether it came from the first
/// component). Kept between calls so that moving μ or σ costs one multiply-add
/// per sample instead of new random numbers.
struct StandardDraws {
    bool valid = false;
    Family family = Family::Gaussian;
    std::size_t n = 0;
    std::uint64_t seed = 0;
    double w = 0.0;                    ///< mixture weight the choices were drawn with
    std::vector<double> z;
    std::vector<unsigned char> first;  ///< mixture: 1 = first component
    /// Each component's z in increasing order (mixture: sorted[0] the first component's;
    /// Gaussian: sorted[0] all, sorted[1] empty), built on the first reuse of these draws.
    /// With σ > 0, μ + σ·z rises with z, so these sort the sample of every μ and σ: order
    /// statistics cost a binary search, not a selection, and a bin's count two searches.
    std::vector<double> sorted[2];
};
/// Exactly drawSamples(d, n, seed, out) (the same numbers, bit for bit), reusing
/// `cache` when family, n, seed (and the mixture weight) are unchanged; families
/// other than Gaussian and mixture draw afresh.
void drawSamples(const Distribution& d, std::size_t n, std::uint64_t seed, StandardDraws& cache, std::vector<double>& out);

struct SampleSummary {
    std::size_t n = 0;
    double mean = 0.0;
    double variance = 0.0;  ///< unbiased, Σ(x − x̄)²/(n − 1); 0 when n = 1
};
/// Mean and unbiased variance (corrected two-pass sums; a constant sample gives variance 0).
SampleSummary summarize(const std::vector<double>& xs);

/// Running mean x̄_m = (x_1 + … + x_m)/m at about `points` log-spaced m in [1, n]
/// (always including m = 1 and m = n).
void runningMean(const std::vector<double>& xs, int points, std::vector<double>& m, std::vector<double>& mean);

/// Density-normalised histogram on [lo, hi] with `bins` equal bins (bin centres
/// in `centres`, heights so the bars integrate to the fraction of samples inside).
void histogram(const std::vector<double>& xs, double lo, double hi, int bins, std::vector<double>& centres,
               std::vector<double>& density);
/// True when `draws` holds the sorted draws of a sample of n drawn through them with d
/// (Gaussian or mixture, every σ > 0): each component's values then rise along its sorted draws.
bool drawsSortSample(const StandardDraws& draws, const Distribution& d, std::size_t n);
/// histogram(xs, lo, hi, bins, …) bit for bit, for xs drawn through `draws` with d
/// (drawSamples(d, xs.size(), seed, draws, xs)). When drawsSortSample holds, a sample's bin
/// never decreases along a component's sorted draws (μ + σ·z rounds monotonically, and so
/// does the bin of a value), so each bin's count is found by searching those draws, the same
/// bin function evaluated at the probes: O(bins · log n) instead of a pass over the sample.
/// Otherwise the plain pass.
void histogram(const std::vector<double>& xs, const StandardDraws& draws, const Distribution& d, double lo, double hi, int bins,
               std::vector<double>& centres, std::vector<double>& density);
/// Relative frequency of each integer k = 0 … kmax (values outside are dropped).
void frequencies(const std::vector<double>& xs, int kmax, std::vector<double>& freq);

struct MleResult {
    bool ok = false;
    std::string message;
    Message why;  ///< message, for the window's language
    Distribution fitted;  ///< the family of the sampled distribution with its MLE parameters
};
/// Maximum-likelihood estimate of `family`'s parameters from xs. Gaussian: x̄ and
/// √(Σ(x−x̄)²/n); Laplace: median and mean |x − median|; uniform: min, max;
/// exponential: 1/x̄; beta: Newton on ψ(α) − ψ(α+β) = mean ln x (and the same for
/// 1 − x) from the moment estimate; mixture: the likelihood's maximum reached from the
/// quartiles by EM, SQUAREM-accelerated EM and Newton (every step raising it); Bernoulli,
/// binomial (n known = trials.n): x̄/n; Poisson: x̄; categorical: counts/n.
MleResult maximumLikelihood(const std::vector<double>& xs, const Distribution& model);
/// The same, reusing `scratch` for the copy the median needs (no allocation per call).
MleResult maximumLikelihood(const std::vector<double>& xs, const Distribution& model, std::vector<double>& scratch);
/// The same, with the sample's summary (summarize(xs)) already at hand, and for a mixture
/// sample drawn through `draws` (drawSamples with that cache and `model`), its component
/// sorted draws: the quartiles and extremes the EM starts from are then read off, not selected.
/// The result is the other overloads' bit for bit.
MleResult maximumLikelihood(const std::vector<double>& xs, const Distribution& model, std::vector<double>& scratch, const SampleSummary& summary,
                            const StandardDraws* draws = nullptr);
/// Above this many samples the mixture EM runs on a 4096-bin histogram (binned MLE).
inline constexpr std::size_t kMixtureExactEmLimit = 20000;

struct BetaPosterior {
    int n = 0, k = 0;        ///< trials and successes (ones)
    double priorAlpha = 1.0, priorBeta = 1.0;
    double postAlpha = 1.0, postBeta = 1.0;  ///< α + k, β + n − k
    double mle = 0.0;        ///< k/n (NaN-free: 0 when n = 0, with mleDefined false)
    bool mleDefined = false;
    double map = 0.0;        ///< (k + α − 1)/(n + α + β − 2) when the posterior has a mode
    bool mapDefined = false;
    double posteriorMean = 0.0;
};
/// Conjugate update of a Beta(α, β) prior with a 0/1 sample.
BetaPosterior betaBernoulli(const std::vector<double>& xs, double priorAlpha, double priorBeta);

}  // namespace aimath::prob
