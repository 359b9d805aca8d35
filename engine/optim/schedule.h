#pragma once
// Learning-rate schedules: lr_t = lr · s(t), t = 0 at the first step.

#include <string>
#include <vector>

namespace aimath::optim {

enum class ScheduleKind { Constant, Step, Exponential, Cosine, WarmupCosine };

struct ScheduleSettings {
    ScheduleKind kind = ScheduleKind::Constant;
    int stepSize = 100;   ///< Step: halve every stepSize steps
    double gamma = 0.99;  ///< Exponential: s = γᵗ
    int warmup = 50;      ///< WarmupCosine: linear warm-up steps
    int total = 1000;     ///< Cosine/WarmupCosine: the number of steps T
};

/// Parses "constant", "step", "exponential", "cosine", "warmup_cosine"; false for anything else.
bool parseScheduleKind(const std::string& id, ScheduleKind* out);

/// s(t):  constant 1;  step ½^⌊t/stepSize⌋;  exponential γᵗ;  cosine ½(1 + cos(πt/T)) (CosineAnnealingLR, η_min 0);
/// warmup_cosine (t + 1)/W for t < W, then ½(1 + cos(π(t − W)/(T − W))).
double scheduleFactor(const ScheduleSettings& s, int t);

/// s(0), …, s(n − 1) into out (resized).
void scheduleCurve(const ScheduleSettings& s, int n, std::vector<double>& out);

}  // namespace aimath::optim
