#include "engine/optim/schedule.h"

#include <cmath>

namespace aimath::optim {

bool parseScheduleKind(const std::string& id, ScheduleKind* out)
{
    static const std::pair<const char*, ScheduleKind> kNames[] = {{"constant", ScheduleKind::Constant},
                                                                  {"step", ScheduleKind::Step},
                                                                  {"exponential", ScheduleKind::Exponential},
                                                                  {"cosine", ScheduleKind::Cosine},
                                                                  {"warmup_cosine", ScheduleKind::WarmupCosine}};
    for (const auto& [name, kind] : kNames)
        if (id == name) {
            *out = kind;
            return true;
        }
    return false;
}

double scheduleFactor(const ScheduleSettings& s, int t)
{
    constexpr double kPi = 3.14159265358979323846;
    switch (s.kind) {
    case ScheduleKind::Constant:
        return 1.0;
    case ScheduleKind::Step:
        return std::ldexp(1.0, -(t / std::max(1, s.stepSize)));
    case ScheduleKind::Exponential:
        return std::pow(s.gamma, t);
    case ScheduleKind::Cosine:
        return 0.5 * (1.0 + std::cos(kPi * t / std::max(1, s.total)));
    case ScheduleKind::WarmupCosine: {
        const int w = std::max(0, s.warmup);
        if (t < w)
            return static_cast<double>(t + 1) / w;
        const int span = std::max(1, s.total - w);
        return 0.5 * (1.0 + std::cos(kPi * (t - w) / span));
    }
    }
    return 1.0;
}

void scheduleCurve(const ScheduleSettings& s, int n, std::vector<double>& out)
{
    out.resize(static_cast<std::size_t>(std::max(0, n)));
    for (int t = 0; t < n; ++t)
        out[static_cast<std::size_t>(t)] = scheduleFactor(s, t);
}

}  // namespace aimath::optim
