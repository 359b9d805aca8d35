#include "engine/linalg/point_view.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace aimath::linalg {

std::vector<int> sampleRows(int n, int maxCount, std::uint64_t seed)
{
    std::vector<int> idx(static_cast<std::size_t>(std::max(0, n)));
    std::iota(idx.begin(), idx.end(), 0);
    if (maxCount < 0 || n <= maxCount)
        return idx;
    // Partial Fisher–Yates with an unbiased bounded draw (rejection), so the sample is the same everywhere.
    std::mt19937_64 gen(seed);
    for (int i = 0; i < maxCount; ++i) {
        const std::uint64_t range = static_cast<std::uint64_t>(n - i);
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % range;
        std::uint64_t r;
        do
            r = gen();
        while (r >= limit);
        std::swap(idx[static_cast<std::size_t>(i)], idx[static_cast<std::size_t>(i) + static_cast<std::size_t>(r % range)]);
    }
    idx.resize(static_cast<std::size_t>(maxCount));
    std::sort(idx.begin(), idx.end());
    return idx;
}

Eigen::Matrix3d viewRotation(double yawDeg, double pitchDeg)
{
    const double a = yawDeg * M_PI / 180.0, b = pitchDeg * M_PI / 180.0;
    Eigen::Matrix3d ry;
    ry << std::cos(a), 0, std::sin(a), 0, 1, 0, -std::sin(a), 0, std::cos(a);
    Eigen::Matrix3d rx;
    rx << 1, 0, 0, 0, std::cos(b), -std::sin(b), 0, std::sin(b), std::cos(b);
    return rx * ry;
}

void orthographicView(const float* points, int n, const Eigen::Matrix3d& r, std::vector<double>& x, std::vector<double>& y,
                      std::vector<double>& depth)
{
    const auto count = static_cast<std::size_t>(std::max(0, n));
    x.resize(count);
    y.resize(count);
    depth.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        const double p0 = points[3 * i], p1 = points[3 * i + 1], p2 = points[3 * i + 2];
        x[i] = r(0, 0) * p0 + r(0, 1) * p1 + r(0, 2) * p2;
        y[i] = r(1, 0) * p0 + r(1, 1) * p1 + r(1, 2) * p2;
        depth[i] = r(2, 0) * p0 + r(2, 1) * p1 + r(2, 2) * p2;
    }
}

}  // namespace aimath::linalg
