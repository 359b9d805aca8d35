#pragma once
// Contour lines by marching squares over a regular grid.

#include <vector>

namespace aimath::optim {

struct ContourLevel {
    double level = 0.0;
    /// Line segments x0, y0, x1, y1, x0, y0, … (four numbers per segment).
    std::vector<double> segments;
};

/// Marching squares over values[j·nx + i] sampled at x_i = x0 + i·dx, y_j = y0 + j·dy.
/// Crossings are linear interpolations along cell edges, computed from the same two
/// corners in the same order by both cells sharing an edge (so lines join exactly);
/// ambiguous saddle cells are resolved by the mean of the four corners. Cells with a
/// non-finite corner are skipped.
std::vector<ContourLevel> marchingSquares(const double* values, int nx, int ny, double x0, double dx, double y0, double dy,
                                          const std::vector<double>& levels);

}  // namespace aimath::optim
