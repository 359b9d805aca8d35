#pragma once
// Entropy, cross-entropy, KL and Jensen–Shannon divergence between two
// distributions of the same kind (both continuous or both discrete), in nats.
// Closed forms where they exist, exact sums for discrete families, adaptive
// quadrature otherwise. KL is +∞ where P has mass that Q lacks; nothing is NaN.

#include "engine/prob/distribution.h"

#include <string>

namespace aimath::prob {

enum class Method { ClosedForm, Sum, Quadrature };

struct Comparison {
    bool ok = false;
    std::string message;        ///< why !ok (P and Q of different kinds, invalid parameters)
    Message why;                ///< the same, for the window's language
    double entropyP = 0.0;      ///< H(P)
    double entropyQ = 0.0;      ///< H(Q)
    double crossEntropy = 0.0;  ///< H(P, Q) = −E_P[ln q] = H(P) + KL(P‖Q)
    double klPQ = 0.0;          ///< KL(P‖Q) = E_P[ln p − ln q]
    double klQP = 0.0;          ///< KL(Q‖P)
    double js = 0.0;            ///< JS(P, Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = (P + Q)/2; in [0, ln 2]
    Method klPQMethod = Method::Quadrature;
    Method klQPMethod = Method::Quadrature;
};

/// KL(P‖Q) = ∫ p ln(p/q); +∞ when supp P ⊄ supp Q. `method` (optional) says how it was computed.
double klDivergence(const Distribution& p, const Distribution& q, Method* method = nullptr);
/// H(P, Q) = −∫ p ln q (= H(P) + KL(P‖Q)).
double crossEntropy(const Distribution& p, const Distribution& q);
/// JS(P, Q) = ½ ∫ p ln(2p/(p+q)) + ½ ∫ q ln(2q/(p+q)).
double jsDivergence(const Distribution& p, const Distribution& q);
/// Everything above at once, for the readouts (both must be valid and of one kind).
Comparison compare(const Distribution& p, const Distribution& q);

enum class FitObjective { Forward, Reverse };

struct GaussianFit {
    bool ok = false;
    std::string message;
    Message why;  ///< message, for the window's language
    double mu = 0.0, sigma = 1.0;
    double divergence = 0.0;  ///< the minimised KL(P‖Q) (forward) or KL(Q‖P) (reverse)
};

/// The Gaussian Q closest to a continuous P: forward minimises KL(P‖Q), which
/// is moment matching (μ = E_P[x], σ² = Var_P[x], mass-covering); reverse
/// minimises KL(Q‖P) by Nelder–Mead on (μ, ln σ) from several starts
/// (mode-seeking). Reverse needs P > 0 on all of ℝ, else every Gaussian gives ∞.
GaussianFit fitGaussian(const Distribution& p, FitObjective objective);

}  // namespace aimath::prob
