#pragma once
// Tables behind the Range and density view: every value of a small format,
// the spacing between neighbours against magnitude, and the symmetric-log
// axis transform used to see all codes of an 8-bit format at once.

#include "engine/numerics/float_format.h"

#include <vector>

namespace aimath::numerics {

/// Every finite value of a format of at most 16 bits, ascending, −0 merged into 0.
std::vector<double> allFiniteValues(const FloatFormat& f);

struct SpacingCurve {
    std::vector<double> magnitude;  ///< left edge of each constant-spacing run, ascending, ending at max
    std::vector<double> spacing;    ///< gap between neighbours from that magnitude on
};
/// The spacing (ULP) as a step function of magnitude from the smallest subnormal to the largest
/// finite value: 2^(emin − m) through the subnormals, then 2^(e − m) on each binade [2^e, 2^(e+1)).
SpacingCurve spacingCurve(const FloatFormat& f);

/// sign(x)·log10(1 + |x|/linthresh): linear near 0, logarithmic far out (matplotlib's symlog, base 10).
double symlog(double x, double linthresh);
/// Inverse of symlog.
double symlogInverse(double y, double linthresh);

}  // namespace aimath::numerics
