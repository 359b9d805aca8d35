#pragma once
// Entropies of a small joint distribution p(x, y) and the mutual information.

#include <string>
#include <vector>

namespace aimath::prob {

struct JointInfo {
    bool ok = false;
    std::string message;
    int rows = 0, cols = 0;    ///< X takes `rows` values, Y takes `cols`
    std::vector<double> p;     ///< normalised, row-major p(x, y)
    std::vector<double> px;    ///< marginal of X (row sums)
    std::vector<double> py;    ///< marginal of Y (column sums)
    double hx = 0, hy = 0, hxy = 0;
    double hxGivenY = 0;       ///< H(X|Y) = −Σ p(x,y) ln p(x|y)
    double hyGivenX = 0;       ///< H(Y|X) = −Σ p(x,y) ln p(y|x)
    double mi = 0;             ///< I(X;Y) = Σ p(x,y) ln(p(x,y) / (p(x)p(y))) ≥ 0
};

/// Normalises non-negative weights (row-major, rows × cols) and computes every
/// entropy directly from its definition (not by subtracting others).
JointInfo jointInformation(const std::vector<double>& weights, int rows, int cols);

}  // namespace aimath::prob
