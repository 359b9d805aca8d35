#pragma once
// The surface sampled on a regular grid (for the heatmap and the contours), and
// the colour scale that maps f to what the heatmap shows.

#include "engine/optim/surface.h"

#include <functional>
#include <vector>

namespace aimath::optim {

struct SurfaceGrid {
    int nx = 0, ny = 0;
    Bounds bounds;
    /// f(x_i, y_j) at values[j·nx + i], x_i = xMin + i·(xMax − xMin)/(nx − 1); NaN where f is not finite.
    std::vector<double> values;
    double fMin = 0.0, fMax = 0.0;  ///< over the finite values (0, 0 when there are none)
    int finiteCount = 0;
    double x(int i) const { return bounds.xMin + i * (bounds.xMax - bounds.xMin) / (nx - 1); }
    double y(int j) const { return bounds.yMin + j * (bounds.yMax - bounds.yMin) / (ny - 1); }
};

/// Samples f on n × n points covering bounds (corners included); reuses out's storage.
/// progress (optional) is told the fraction of rows done after each row; when it
/// returns false sampling stops there and false is returned (out is then incomplete).
/// Surfaces are const, so a grid can be sampled on a worker thread.
bool sampleSurface(const Surface& s, const Bounds& bounds, int n, SurfaceGrid& out, const std::function<bool(double)>& progress = {});

/// What the heatmap colours: f itself, or log₁₀(f − fMin + δ) with δ = 10⁻⁴(fMax − fMin) (or 10⁻¹² when flat).
struct DisplayScale {
    double fMin = 0.0, fMax = 1.0;
    bool log = false;
    double delta() const;
    double operator()(double f) const;
};

/// count contour levels strictly inside (fMin, fMax): evenly spaced, or geometric in f − fMin when log.
std::vector<double> contourLevels(double fMin, double fMax, int count, bool log);

}  // namespace aimath::optim
