#pragma once
// The families of the distributions tab: their density or mass, CDF, moments
// and (differential) entropy, with closed forms wherever they exist.
// Discrete families live on the integers k = 0, 1, 2, …; a categorical with K
// weights puts its mass on k = 0 … K−1.

#include "engine/core/message.h"

#include <string>
#include <string_view>
#include <vector>

namespace aimath::prob {

enum class Family { Gaussian, Laplace, Uniform, Exponential, Beta, Mixture, Bernoulli, Binomial, Poisson, Categorical };

/// Command-line ids in declaration order ("gaussian", …, "categorical").
const std::vector<std::string>& familyIds();
std::string familyId(Family f);
/// false when the id is unknown.
bool familyFromId(std::string_view id, Family& out);
bool isDiscrete(Family f);

/// One distribution; only the fields its family uses matter.
struct Distribution {
    Family family = Family::Gaussian;
    double mu = 0.0, sigma = 1.0;        ///< gaussian; first mixture component
    double mu2 = 2.0, sigma2 = 1.0;      ///< second mixture component
    double w = 0.5;                      ///< weight of the first mixture component
    double scale = 1.0;                  ///< laplace (mu is its location)
    double low = 0.0, high = 1.0;        ///< uniform
    double lambda = 1.0;                 ///< exponential rate, poisson mean
    double alpha = 2.0, beta = 2.0;      ///< beta
    double p = 0.5;                      ///< bernoulli, binomial
    int n = 10;                          ///< binomial trials
    std::vector<double> probs{1.0, 1.0}; ///< categorical weights (normalised on use)
};

/// "" when the parameters define a distribution, else a message naming the field ("sigma must be > 0").
std::string validate(const Distribution& d);
/// The same as a Message (empty when valid), for the window's language.
Message validateMessage(const Distribution& d);

/// Density (continuous) or mass at integer x (discrete; 0 off the integers).
double pdf(const Distribution& d, double x);
/// ln pdf; −∞ where the density or mass is 0.
double logPdf(const Distribution& d, double x);
/// P(X ≤ x).
double cdf(const Distribution& d, double x);
double mean(const Distribution& d);
double variance(const Distribution& d);
/// Differential entropy (continuous) or Shannon entropy (discrete), nats. Closed
/// forms except the Gaussian mixture (quadrature) and binomial/Poisson (exact sums).
double entropy(const Distribution& d);

/// Closed support [lo, hi] (may be ±∞). Discrete: smallest and largest k with positive mass.
struct Support {
    double lo, hi;
};
Support support(const Distribution& d);
/// A finite range holding all but a negligible (< 1e-16 relative) part of the mass,
/// plus the points where the density has a kink or jump, for quadrature.
struct Span {
    double lo, hi;
    std::vector<double> kinks;
};
Span quadratureSpan(const Distribution& d);
/// A range to plot: about the central 99.9 % plus a margin (discrete: whole integers).
Span plotSpan(const Distribution& d);
/// Discrete: the probabilities of k = 0 … kmax where the tail beyond kmax is < 1e-17
/// (all of the support for finite families). Empty for continuous families.
std::vector<double> massVector(const Distribution& d);

}  // namespace aimath::prob
