#pragma once
// Runs optimizers on a surface: the race of the descent tab. Every step:
//   g ← stepGradient(θ) (+ Gaussian noise σ·ξ) → clip by norm → θ ← optimizer(θ, g, lr·s(t)).
// A run stops, marked diverged, as soon as a coordinate or the loss is not
// finite or its magnitude exceeds 1e12; that point is not stored.

#include "engine/optim/optimizer.h"
#include "engine/optim/schedule.h"
#include "engine/optim/surface.h"

#include <cstdint>
#include <string>
#include <vector>

namespace aimath::optim {

constexpr double kDivergenceLimit = 1e12;

struct RunSettings {
    double startX = 0.0, startY = 0.0;
    int steps = 100;
    double noise = 0.0;     ///< standard deviation of the Gaussian added to each gradient component
    double clipNorm = 0.0;  ///< 0 = no clipping
    std::uint64_t seed = 1; ///< noise and minibatches; every optimizer sees the same stream
    ScheduleSettings schedule;
    OptimizerSettings optimizer;
};

struct Trajectory {
    std::string optimizer;
    double lr = 0.0;
    std::vector<double> x, y, f;  ///< the start and the point after each step (steps + 1 unless diverged)
    std::vector<double> gradNorm; ///< ‖∇f‖ (full, noise-free) at each stored point
    bool diverged = false;
    int divergedAt = -1;          ///< 1-based step whose result was not finite or too large
    std::string error;            ///< unknown optimizer id
    std::size_t size() const { return x.size(); }
};

/// Clipping as torch.nn.utils.clip_grad_norm_: g ← g · maxNorm/(‖g‖ + 1e-6) when that factor is below 1.
void clipByNorm(Eigen::Vector2d& g, double maxNorm);

/// f* for plots of f − f* on a log axis: the global minimum's value when the surface knows it, else NaN.
double lossReference(const Surface& surface);

/// One optimizer's run, written into out (its vectors keep their capacity between calls).
void runTrajectory(const Surface& surface, const std::string& optimizer, double lr, const RunSettings& settings, Trajectory& out);

}  // namespace aimath::optim
