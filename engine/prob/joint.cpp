#include "engine/prob/joint.h"

#include <algorithm>
#include <cmath>

namespace aimath::prob {

JointInfo jointInformation(const std::vector<double>& weights, int rows, int cols)
{
    JointInfo j;
    if (rows < 1 || cols < 1) {
        j.message = "joint_rows and joint_cols must be ≥ 1";
        return j;
    }
    const auto n = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
    if (weights.size() != n) {
        j.message = "joint: " + std::to_string(weights.size()) + " weights given, joint_rows × joint_cols = " + std::to_string(n) + " needed";
        return j;
    }
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(weights[i]) || weights[i] < 0.0) {
            j.message = "joint: entry " + std::to_string(i + 1) + " must be a finite non-negative weight";
            return j;
        }
        total += weights[i];
    }
    if (!(total > 0.0)) {
        j.message = "joint: the weights must not be all zero";
        return j;
    }
    j.rows = rows;
    j.cols = cols;
    j.p.resize(n);
    j.px.assign(static_cast<std::size_t>(rows), 0.0);
    j.py.assign(static_cast<std::size_t>(cols), 0.0);
    for (int x = 0; x < rows; ++x)
        for (int y = 0; y < cols; ++y) {
            const std::size_t i = static_cast<std::size_t>(x * cols + y);
            j.p[i] = weights[i] / total;
            j.px[static_cast<std::size_t>(x)] += j.p[i];
            j.py[static_cast<std::size_t>(y)] += j.p[i];
        }
    auto h = [](const std::vector<double>& v) {
        double s = 0.0;
        for (double a : v)
            if (a > 0.0)
                s -= a * std::log(a);
        return s;
    };
    j.hx = h(j.px);
    j.hy = h(j.py);
    j.hxy = h(j.p);
    for (int x = 0; x < rows; ++x)
        for (int y = 0; y < cols; ++y) {
            const double pxy = j.p[static_cast<std::size_t>(x * cols + y)];
            if (!(pxy > 0.0))
                continue;
            const double a = j.px[static_cast<std::size_t>(x)], b = j.py[static_cast<std::size_t>(y)];
            j.hxGivenY -= pxy * std::log(pxy / b);
            j.hyGivenX -= pxy * std::log(pxy / a);
            // Not log(pxy / (a·b)): for a cell of 1e-300 the product a·b underflows to 0.
            j.mi += pxy * (std::log(pxy / a) - std::log(b));
        }
    j.hxGivenY = std::max(j.hxGivenY, 0.0);
    j.hyGivenX = std::max(j.hyGivenX, 0.0);
    j.mi = std::max(j.mi, 0.0);
    j.ok = true;
    return j;
}

}  // namespace aimath::prob
