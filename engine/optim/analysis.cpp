#include "engine/optim/analysis.h"

#include "engine/core/cpu_state.h"
#include <cmath>
#include <limits>

namespace aimath::optim {

std::pair<double, double> symmetricEigenvalues2(double a, double b, double c)
{
    const double mean = 0.5 * (a + c);
    const double r = std::hypot(0.5 * (a - c), b);
    return {mean - r, mean + r};
}

PointAnalysis analyzePoint(const Surface& s, double x, double y)
{
    constexpr double kInf = std::numeric_limits<double>::infinity();
    PointAnalysis p;
    p.x = x;
    p.y = y;
    p.f = s.value(x, y);
    p.grad = s.gradient(x, y);
    p.hess = s.hessian(x, y);
    p.hessianFinite = p.hess.allFinite();
    if (!p.hessianFinite) {
        p.eigMin = p.eigMax = p.condition = p.maxStableLr = std::numeric_limits<double>::quiet_NaN();
        return p;
    }
    const auto [lo, hi] = symmetricEigenvalues2(p.hess(0, 0), 0.5 * (p.hess(0, 1) + p.hess(1, 0)), p.hess(1, 1));
    p.eigMin = lo;
    p.eigMax = hi;
    const double amin = std::min(std::fabs(lo), std::fabs(hi)), amax = std::max(std::fabs(lo), std::fabs(hi));
    p.condition = amin > 0 ? amax / amin : kInf;
    p.maxStableLr = hi > 0 ? 2.0 / hi : kInf;
    return p;
}

std::vector<ContourLevel> taylorContours(const PointAnalysis& a, double radius, int n, const std::vector<double>& levels)
{
    if (!a.hessianFinite || !a.grad.allFinite() || !std::isfinite(a.f) || n < 2 || !(radius > 0))
        return marchingSquares(nullptr, 0, 0, 0, 0, 0, 0, levels);
    std::vector<double> q(static_cast<std::size_t>(n) * n);
    const double h = 2.0 * radius / (n - 1);
    for (int j = 0; j < n; ++j) {
        const double dy = -radius + j * h;
        for (int i = 0; i < n; ++i) {
            const double dx = -radius + i * h;
            const Eigen::Vector2d d(dx, dy);
            q[static_cast<std::size_t>(j) * n + i] = a.f + a.grad.dot(d) + 0.5 * d.dot(a.hess * d);
        }
    }
    return marchingSquares(q.data(), n, n, a.x - radius, h, a.y - radius, h, levels);
}

std::vector<double> gradientField(const Surface& s, const Bounds& b, int n)
{
    std::vector<double> out;
    if (n < 1)
        return out;
    clearUpperVectorState();
    out.reserve(static_cast<std::size_t>(n) * n * 12);
    const double cw = (b.xMax - b.xMin) / n, ch = (b.yMax - b.yMin) / n;
    const double len = 0.4 * std::min(cw, ch), head = 0.35 * len;
    const double c30 = std::cos(0.5), s30 = std::sin(0.5);  // head strokes about ±29° off the shaft
    for (int j = 0; j < n; ++j) {
        for (int i = 0; i < n; ++i) {
            const double cx = b.xMin + (i + 0.5) * cw, cy = b.yMin + (j + 0.5) * ch;
            const Eigen::Vector2d g = s.gradient(cx, cy);
            const double norm = g.norm();
            if (!std::isfinite(norm) || norm == 0.0)
                continue;
            const double ux = -g.x() / norm, uy = -g.y() / norm;
            const double tx = cx + 0.5 * len * ux, ty = cy + 0.5 * len * uy;  // arrow centred on the lattice point
            const double sx = cx - 0.5 * len * ux, sy = cy - 0.5 * len * uy;
            out.insert(out.end(), {sx, sy, tx, ty});
            // The two head strokes: the reversed direction turned by ±angle.
            const double rx = -ux, ry = -uy;
            out.insert(out.end(), {tx, ty, tx + head * (rx * c30 - ry * s30), ty + head * (rx * s30 + ry * c30)});
            out.insert(out.end(), {tx, ty, tx + head * (rx * c30 + ry * s30), ty + head * (-rx * s30 + ry * c30)});
        }
    }
    return out;
}

}  // namespace aimath::optim
