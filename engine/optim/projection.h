#pragma once
// The 3D view without OpenGL: the surface as a wireframe, rotated by a matrix
// computed here and projected orthographically onto the screen plane.

#include "engine/optim/surface.h"
#include "engine/optim/surface_grid.h"

#include <Eigen/Core>

#include <vector>

namespace aimath::optim {

/// R = T(elevation)·Rz(azimuth): Rz turns the scene about the vertical axis, T tilts it so that
/// row 0 is the screen's right, row 1 the screen's up and row 2 the depth; orthonormal with det 1.
Eigen::Matrix3d viewRotation(double azimuthDeg, double elevationDeg);

/// Maps (x, y, f) into the unit box: x, y → [−1, 1] over bounds, the displayed value → [−0.6, 0.6].
struct SceneBox {
    Bounds bounds;
    DisplayScale scale;
    double zLo = 0.0, zHi = 1.0;  ///< display-value range mapped to the box height
    Eigen::Vector3d toBox(double x, double y, double f) const;
};

struct Polyline {
    std::vector<double> u, v;  ///< screen coordinates (row 0 and row 1 of R·p)
};

/// lines × lines wireframe of the surface, each line sampled at `samples` points; non-finite
/// values cut a line in two.
std::vector<Polyline> projectWireframe(const Surface& s, const SceneBox& box, const Eigen::Matrix3d& r, int lines, int samples);

/// The points (x_k, y_k, f_k) projected with the same box and rotation.
Polyline projectPath(const double* x, const double* y, const double* f, std::size_t n, const SceneBox& box, const Eigen::Matrix3d& r);

}  // namespace aimath::optim
