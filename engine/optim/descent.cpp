#include "engine/optim/descent.h"

#include "engine/core/cpu_state.h"
#include <cmath>

namespace aimath::optim {

void clipByNorm(Eigen::Vector2d& g, double maxNorm)
{
    if (!(maxNorm > 0.0))
        return;
    const double coef = maxNorm / (g.norm() + 1e-6);
    if (coef < 1.0)
        g *= coef;
}

double lossReference(const Surface& surface)
{
    for (const auto& m : surface.minima())
        if (m.global)
            return m.f;
    return std::nan("");
}

namespace {
bool bad(double v) { return !std::isfinite(v) || std::fabs(v) > kDivergenceLimit; }

/// Appends the point and returns the full gradient there (reused as the step gradient on deterministic surfaces).
Eigen::Vector2d store(Trajectory& t, const Eigen::Vector2d& p, double f, const Eigen::Vector2d& grad)
{
    t.x.push_back(p.x());
    t.y.push_back(p.y());
    t.f.push_back(f);
    const double gn = grad.norm();
    // An infinite slope (a cone's tip) is shown as the largest finite number rather than breaking the plot.
    t.gradNorm.push_back(std::isfinite(gn) ? gn : kDivergenceLimit);
    return grad;
}
}  // namespace

void runTrajectory(const Surface& surface, const std::string& optimizer, double lr, const RunSettings& rs, Trajectory& out)
{
    out.optimizer = optimizer;
    out.lr = lr;
    out.x.clear();
    out.y.clear();
    out.f.clear();
    out.gradNorm.clear();
    out.diverged = false;
    out.divergedAt = -1;
    out.error.clear();
    const std::size_t n = static_cast<std::size_t>(std::max(0, rs.steps)) + 1;
    out.x.reserve(n);
    out.y.reserve(n);
    out.f.reserve(n);
    out.gradNorm.reserve(n);

    clearUpperVectorState();
    auto opt = makeOptimizer(optimizer, rs.optimizer);
    if (!opt) {
        out.error = "optimizers: unknown optimizer '" + optimizer + "'";
        return;
    }
    Eigen::Vector2d p(rs.startX, rs.startY);
    Eigen::Vector2d full;
    const double f0 = surface.valueAndGradient(p.x(), p.y(), &full);
    if (bad(p.x()) || bad(p.y()) || bad(f0)) {
        out.diverged = true;
        out.divergedAt = 0;
        return;
    }
    store(out, p, f0, full);
    const bool stochastic = surface.stochastic();
    Rng rng(rs.seed);
    for (int t = 0; t < rs.steps; ++t) {
        Eigen::Vector2d g = stochastic ? surface.stepGradient(p.x(), p.y(), rng) : full;
        if (rs.noise > 0.0) {
            g.x() += rs.noise * rng.gaussian();
            g.y() += rs.noise * rng.gaussian();
        }
        clipByNorm(g, rs.clipNorm);
        opt->step(p, g, lr * scheduleFactor(rs.schedule, t));
        const double f = (bad(p.x()) || bad(p.y())) ? std::nan("") : surface.valueAndGradient(p.x(), p.y(), &full);
        if (bad(p.x()) || bad(p.y()) || bad(f)) {
            out.diverged = true;
            out.divergedAt = t + 1;
            return;
        }
        store(out, p, f, full);
    }
}

}  // namespace aimath::optim
