#include "engine/optim/projection.h"

#include "engine/core/cpu_state.h"
#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>

namespace aimath::optim {

Eigen::Matrix3d viewRotation(double azimuthDeg, double elevationDeg)
{
    constexpr double kDeg = 3.14159265358979323846 / 180.0;
    const double a = azimuthDeg * kDeg, e = elevationDeg * kDeg;
    Eigen::Matrix3d rz;
    rz << std::cos(a), -std::sin(a), 0, std::sin(a), std::cos(a), 0, 0, 0, 1;
    Eigen::Matrix3d tilt;  // elevation 0: looking along +y (up = z); elevation 90°: from above (up = y)
    tilt << 1, 0, 0, 0, std::sin(e), std::cos(e), 0, -std::cos(e), std::sin(e);
    return tilt * rz;
}

Eigen::Vector3d SceneBox::toBox(double x, double y, double f) const
{
    const double bx = 2.0 * (x - bounds.xMin) / (bounds.xMax - bounds.xMin) - 1.0;
    const double by = 2.0 * (y - bounds.yMin) / (bounds.yMax - bounds.yMin) - 1.0;
    const double span = zHi > zLo ? zHi - zLo : 1.0;
    const double z = std::clamp((scale(f) - zLo) / span, 0.0, 1.0);
    return {bx, by, 1.2 * z - 0.6};
}

std::vector<Polyline> projectWireframe(const Surface& s, const SceneBox& box, const Eigen::Matrix3d& r, int lines, int samples)
{
    std::vector<Polyline> out;
    if (lines < 2 || samples < 2)
        return out;
    clearUpperVectorState();
    const Bounds& b = box.bounds;
    auto lineAt = [&](bool alongX, int k) {
        Polyline cur;
        auto flush = [&] {
            if (cur.u.size() >= 2)
                out.push_back(std::move(cur));
            cur = Polyline();
        };
        for (int m = 0; m < samples; ++m) {
            const double s1 = static_cast<double>(k) / (lines - 1), s2 = static_cast<double>(m) / (samples - 1);
            const double x = b.xMin + (alongX ? s2 : s1) * (b.xMax - b.xMin);
            const double y = b.yMin + (alongX ? s1 : s2) * (b.yMax - b.yMin);
            const double f = s.value(x, y);
            if (!std::isfinite(f)) {
                flush();
                continue;
            }
            const Eigen::Vector3d p = r * box.toBox(x, y, f);
            cur.u.push_back(p.x());
            cur.v.push_back(p.y());
        }
        flush();
    };
    for (int k = 0; k < lines; ++k) {
        lineAt(true, k);
        lineAt(false, k);
    }
    return out;
}

Polyline projectPath(const double* x, const double* y, const double* f, std::size_t n, const SceneBox& box, const Eigen::Matrix3d& r)
{
    Polyline out;
    out.u.reserve(n);
    out.v.reserve(n);
    for (std::size_t k = 0; k < n; ++k) {
        const Eigen::Vector3d p = r * box.toBox(x[k], y[k], f[k]);
        out.u.push_back(p.x());
        out.v.push_back(p.y());
    }
    return out;
}

}  // namespace aimath::optim
