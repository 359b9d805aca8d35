#pragma once
// What the projection plot needs from the engine: a seeded sample of rows when
// there are too many to draw, and the orthographic 3-D view of turned points.

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace aimath::linalg {

/// min(n, maxCount) distinct row indices in increasing order, chosen uniformly with a seeded generator.
std::vector<int> sampleRows(int n, int maxCount, std::uint64_t seed);

/// Turns points by yaw (about the vertical axis) then pitch (about the horizontal axis), in degrees,
/// and projects orthographically: screen = first two coordinates of R·p, depth = the third
/// (larger = nearer the viewer). R = Rx(pitch)·Ry(yaw).
Eigen::Matrix3d viewRotation(double yawDeg, double pitchDeg);

/// points: n × 3 (row-major float). Outputs are resized to n (no reallocation when the size is unchanged).
void orthographicView(const float* points, int n, const Eigen::Matrix3d& rotation, std::vector<double>& x, std::vector<double>& y,
                      std::vector<double>& depth);

}  // namespace aimath::linalg
