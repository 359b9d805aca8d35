#include "engine/optim/surface_grid.h"

#include "engine/core/cpu_state.h"
#include <algorithm>
#include <cmath>
#include <limits>

namespace aimath::optim {

bool sampleSurface(const Surface& s, const Bounds& b, int n, SurfaceGrid& out, const std::function<bool(double)>& progress)
{
    n = std::max(2, n);
    clearUpperVectorState();
    out.nx = out.ny = n;
    out.bounds = b;
    out.values.resize(static_cast<std::size_t>(n) * n);
    std::vector<double> xs(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        xs[static_cast<std::size_t>(i)] = out.x(i);
    for (int j = 0; j < n; ++j) {
        s.valueRow(xs.data(), out.y(j), n, out.values.data() + static_cast<std::size_t>(j) * n);
        if (progress && !progress(static_cast<double>(j + 1) / n))
            return false;
    }
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    int finite = 0;
    for (double& v : out.values) {
        if (!std::isfinite(v)) {
            v = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        ++finite;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    out.finiteCount = finite;
    out.fMin = finite ? lo : 0.0;
    out.fMax = finite ? hi : 0.0;
    return true;
}

double DisplayScale::delta() const
{
    const double range = fMax - fMin;
    return range > 0 ? 1e-4 * range : 1e-12;
}

double DisplayScale::operator()(double f) const
{
    if (!log)
        return f;
    return std::log10(std::max(f - fMin, 0.0) + delta());
}

std::vector<double> contourLevels(double fMin, double fMax, int count, bool log)
{
    std::vector<double> levels;
    const double range = fMax - fMin;
    if (!(range > 0) || count <= 0 || !std::isfinite(range))
        return levels;
    levels.reserve(static_cast<std::size_t>(count));
    if (!log) {
        for (int k = 0; k < count; ++k)
            levels.push_back(fMin + range * (k + 0.5) / count);
    } else {
        const DisplayScale ds{fMin, fMax, true};
        const double lo = std::log(ds.delta() * 10.0), hi = std::log(range);
        for (int k = 0; k < count; ++k)
            levels.push_back(fMin + std::exp(lo + (hi - lo) * (k + 0.5) / count));
    }
    return levels;
}

}  // namespace aimath::optim
