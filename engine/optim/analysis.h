#pragma once
// Local analysis at a point: value, gradient, Hessian and what they imply for
// gradient descent; the second-order Taylor model; the gradient field.

#include "engine/optim/contour.h"
#include "engine/optim/surface.h"

#include <vector>

namespace aimath::optim {

struct PointAnalysis {
    double x = 0.0, y = 0.0;
    double f = 0.0;
    Eigen::Vector2d grad = Eigen::Vector2d::Zero();
    Eigen::Matrix2d hess = Eigen::Matrix2d::Zero();
    bool hessianFinite = true;
    double eigMin = 0.0, eigMax = 0.0;  ///< eigenvalues of the (symmetric) Hessian
    double condition = 0.0;             ///< |λ|max / |λ|min (∞ when λ = 0 occurs)
    double maxStableLr = 0.0;           ///< 2 / λmax when λmax > 0, else ∞: above it plain GD diverges along that eigenvector
};

/// Eigenvalues of [[a, b], [b, c]] in closed form: (a + c)/2 ± √(((a − c)/2)² + b²), smaller first.
std::pair<double, double> symmetricEigenvalues2(double a, double b, double c);

/// f, ∇f, ∇²f at (x, y) and the quantities derived from them.
PointAnalysis analyzePoint(const Surface& s, double x, double y);

/// Contours of the Taylor model q(p) = f + ∇fᵀ(p − p₀) + ½(p − p₀)ᵀ∇²f(p − p₀)
/// on an n × n grid over the square of half-width radius around p₀, at the given levels.
std::vector<ContourLevel> taylorContours(const PointAnalysis& a, double radius, int n, const std::vector<double>& levels);

/// Arrows of −∇f/‖∇f‖ (the descent direction) at the centres of an n × n lattice over bounds, each
/// arrow as three segments (shaft and two head strokes), four numbers per segment. Points where the
/// gradient is zero or not finite get no arrow.
std::vector<double> gradientField(const Surface& s, const Bounds& b, int n);

}  // namespace aimath::optim
