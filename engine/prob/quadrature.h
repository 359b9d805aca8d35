#pragma once
// Globally adaptive Gauss–Kronrod (7/15) quadrature over a finite range split
// at given breakpoints (kinks, support edges). Used for the divergences that
// have no closed form.

#include <functional>
#include <vector>

namespace aimath::prob {

struct QuadratureResult {
    double value = 0.0;
    double errorEstimate = 0.0;
    int evaluations = 0;
    bool converged = false;
};

/// ∫ f over [breaks.front(), breaks.back()], the breaks (sorted, finite) starting the
/// first subdivision; bisects the interval with the largest error until
/// error ≤ max(absTol, relTol·|value|) or maxIntervals is reached.
QuadratureResult integrate(const std::function<double(double)>& f, std::vector<double> breaks, double relTol = 1e-11,
                           double absTol = 1e-14, int maxIntervals = 4000);

}  // namespace aimath::prob
