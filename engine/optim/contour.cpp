#include "engine/optim/contour.h"

#include "engine/core/cpu_state.h"
#include <algorithm>
#include <cmath>

namespace aimath::optim {

std::vector<ContourLevel> marchingSquares(const double* v, int nx, int ny, double x0, double dx, double y0, double dy,
                                          const std::vector<double>& levelsIn)
{
    std::vector<double> levels = levelsIn;
    std::sort(levels.begin(), levels.end());
    std::vector<ContourLevel> out(levels.size());
    for (std::size_t k = 0; k < levels.size(); ++k)
        out[k].level = levels[k];
    if (nx < 2 || ny < 2 || levels.empty())
        return out;
    clearUpperVectorState();

    auto at = [&](int i, int j) { return v[static_cast<std::size_t>(j) * nx + i]; };
    for (int j = 0; j + 1 < ny; ++j) {
        const double yb = y0 + j * dy, yt = y0 + (j + 1) * dy;
        for (int i = 0; i + 1 < nx; ++i) {
            const double a = at(i, j), b = at(i + 1, j), c = at(i + 1, j + 1), d = at(i, j + 1);  // 00 10 11 01
            if (!std::isfinite(a) || !std::isfinite(b) || !std::isfinite(c) || !std::isfinite(d))
                continue;
            const double lo = std::min(std::min(a, b), std::min(c, d));
            const double hi = std::max(std::max(a, b), std::max(c, d));
            auto first = std::lower_bound(levels.begin(), levels.end(), lo);
            const double xl = x0 + i * dx, xr = x0 + (i + 1) * dx;
            for (auto it = first; it != levels.end() && *it < hi; ++it) {
                const double L = *it;
                // Edge crossings, each interpolated from its lower-index corner.
                auto bottom = [&](double* p) { p[0] = xl + (L - a) / (b - a) * dx; p[1] = yb; };
                auto top = [&](double* p) { p[0] = xl + (L - d) / (c - d) * dx; p[1] = yt; };
                auto left = [&](double* p) { p[0] = xl; p[1] = yb + (L - a) / (d - a) * dy; };
                auto right = [&](double* p) { p[0] = xr; p[1] = yb + (L - b) / (c - b) * dy; };
                enum Edge { B, R, T, Lf };
                auto point = [&](Edge e, double* p) {
                    switch (e) {
                    case B: bottom(p); break;
                    case R: right(p); break;
                    case T: top(p); break;
                    case Lf: left(p); break;
                    }
                };
                std::vector<double>& seg = out[static_cast<std::size_t>(it - levels.begin())].segments;
                auto add = [&](Edge e1, Edge e2) {
                    double p[2], q[2];
                    point(e1, p);
                    point(e2, q);
                    seg.insert(seg.end(), {p[0], p[1], q[0], q[1]});
                };
                const int code = (a > L ? 1 : 0) | (b > L ? 2 : 0) | (c > L ? 4 : 0) | (d > L ? 8 : 0);
                const bool centreAbove = 0.25 * (a + b + c + d) > L;
                switch (code) {
                case 1: case 14: add(Lf, B); break;
                case 2: case 13: add(B, R); break;
                case 3: case 12: add(Lf, R); break;
                case 4: case 11: add(R, T); break;
                case 6: case 9: add(B, T); break;
                case 7: case 8: add(Lf, T); break;
                case 5:  // 00 and 11 above
                    if (centreAbove) { add(B, R); add(Lf, T); } else { add(Lf, B); add(R, T); }
                    break;
                case 10:  // 10 and 01 above
                    if (centreAbove) { add(Lf, B); add(R, T); } else { add(B, R); add(Lf, T); }
                    break;
                default: break;
                }
            }
        }
    }
    return out;
}

}  // namespace aimath::optim
