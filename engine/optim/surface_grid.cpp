#include "engine/optim/surface_grid.h"

#include "engine/core/cpu_state.h"
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

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
    auto row = [&](int j) { s.valueRow(xs.data(), out.y(j), n, out.values.data() + static_cast<std::size_t>(j) * n); };
    // Costly grids (the logistic loss: 400 transcendentals a point) on two threads, the upper half of
    // the rows on a helper; each row is computed exactly as on one thread. Progress is reported from
    // this thread only (the callback need not be thread-safe), as the fraction of all rows done.
    constexpr double kTwoThreadWork = 1 << 21;
    if (static_cast<double>(n) * n * s.valueCost() >= kTwoThreadWork && std::thread::hardware_concurrency() > 1) {
        const int split = n / 2;
        std::atomic<int> done{0};
        std::atomic<bool> stop{false};
        std::thread helper([&] {
            clearUpperVectorState();
            for (int j = split; j < n && !stop.load(); ++j) {
                row(j);
                done.fetch_add(1);
            }
        });
        bool ok = true;
        for (int j = 0; j < split && ok; ++j) {
            row(j);
            const int d = done.fetch_add(1) + 1;
            if (progress && !progress(static_cast<double>(d) / n))
                ok = false;
        }
        if (!ok)
            stop.store(true);
        helper.join();
        if (!ok || (progress && !progress(1.0)))
            return false;
    } else {
        for (int j = 0; j < n; ++j) {
            row(j);
            if (progress && !progress(static_cast<double>(j + 1) / n))
                return false;
        }
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
