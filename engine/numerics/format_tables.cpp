#include "engine/numerics/format_tables.h"

#include <algorithm>
#include <cmath>

namespace aimath::numerics {

std::vector<double> allFiniteValues(const FloatFormat& f)
{
    std::vector<double> out;
    if (f.totalBits() > 16)
        return out;
    for (std::uint64_t c = 0; c < codeCount(f); ++c) {
        const double v = decode(f, c);
        if (std::isfinite(v))
            out.push_back(v == 0.0 ? 0.0 : v);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

SpacingCurve spacingCurve(const FloatFormat& f)
{
    SpacingCurve c;
    const int emin = f.minExponent();
    const int emax = f.maxExponent();
    if (f.hasSubnormals() && f.mantissaBits > 0) {
        c.magnitude.push_back(f.minSubnormal());
        c.spacing.push_back(std::ldexp(1.0, emin - f.mantissaBits));
    }
    for (int e = emin; e <= emax; ++e) {
        c.magnitude.push_back(std::ldexp(1.0, e));
        c.spacing.push_back(std::ldexp(1.0, e - f.mantissaBits));
    }
    // close the last run at the largest finite value
    c.magnitude.push_back(f.maxFinite());
    c.spacing.push_back(c.spacing.back());
    return c;
}

double symlog(double x, double linthresh)
{
    const double y = std::log10(1.0 + std::fabs(x) / linthresh);
    return x < 0 ? -y : y;
}

double symlogInverse(double y, double linthresh)
{
    const double x = (std::pow(10.0, std::fabs(y)) - 1.0) * linthresh;
    return y < 0 ? -x : x;
}

}  // namespace aimath::numerics
