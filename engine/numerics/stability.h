#pragma once
// Numerical stability in training: softmax overflow in low precision, and
// gradient underflow with loss scaling.

#include "engine/numerics/float_format.h"

#include <cstdint>
#include <string>
#include <vector>

namespace aimath::numerics {

/// Softmax evaluated in one format, every operation rounded once:
/// naive: p_i = fl(fl(exp z_i) / Σ fl(exp z_j)); stable: the same with z_i − max z first.
/// exp is evaluated in float64 and rounded once into the format.
struct SoftmaxEval {
    std::vector<double> probs;
    bool finite = true;        ///< false when an inf or NaN appeared (overflow of exp, inf/inf)
    double maxAbsError = 0.0;  ///< max_i |p_i − reference_i|; NaN when !finite
};
SoftmaxEval softmaxInFormat(const std::vector<double>& logits, const FloatFormat& f, bool subtractMax);
/// The float64 max-subtracted softmax (the reference).
std::vector<double> softmaxReference(const std::vector<double>& logits);
/// The fixed logits the view scales: a small spread such as a language-model head produces.
const std::vector<double>& softmaxBaseLogits();

struct SoftmaxSweepCurve {
    std::string formatId;
    bool stable = false;
    std::vector<double> maxError;  ///< per scale; NaN where the result was not finite
    double firstFailScale = 0.0;   ///< smallest swept scale with a non-finite result (0: none)
};
struct SoftmaxSweep {
    std::vector<double> scales;  ///< log-spaced
    std::vector<SoftmaxSweepCurve> curves;  ///< formats × {naive, stable}
};
/// Scales base logits by each of `points` log-spaced factors in [scaleMin, scaleMax].
SoftmaxSweep softmaxSweep(const std::vector<double>& baseLogits, const std::vector<FloatFormat>& formats, double scaleMin,
                          double scaleMax, int points);

struct GradientInput {
    double log10Mean = -6.0;   ///< log10|g| ~ N(mean, std²)
    double log10Std = 1.5;
    double lossScale = 1.0;    ///< a power of two (exact scaling)
    int count = 100000;
    std::uint64_t seed = 1;
    std::vector<FloatFormat> formats;
    Rounding rounding = Rounding::NearestEven;
    Overflow overflow = Overflow::Ieee;
    int bins = 90;
};
struct GradientFormatStats {
    std::string formatId;
    double zeroFraction = 0.0;       ///< non-zero gradients that became 0
    double subnormalFraction = 0.0;  ///< stored as subnormals (precision lost)
    double normalFraction = 0.0;
    double overflowFraction = 0.0;   ///< became inf/NaN or were clamped at ±max
    int safeScaleLog2 = 0;           ///< largest k with max|g|·2^k below the format's max (no overflow)
};
struct GradientResult {
    std::vector<double> binEdges;  ///< log10(|g|·loss_scale), bins + 1 edges
    std::vector<double> counts;    ///< gradients per bin
    double maxAbs = 0.0;           ///< largest |g| (unscaled)
    std::vector<GradientFormatStats> stats;
};
/// Draws count gradients |g| = 10^(mean + std·z), random sign, scales them by loss_scale and rounds into each format.
GradientResult gradientUnderflow(const GradientInput& input);

}  // namespace aimath::numerics
