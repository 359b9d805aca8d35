#include "engine/numerics/stability.h"

#include "engine/numerics/accumulation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aimath::numerics {

const std::vector<double>& softmaxBaseLogits()
{
    static const std::vector<double> kLogits{3.0, 2.2, 1.5, 0.7, 0.0, -0.8, -1.6, -2.5};
    return kLogits;
}

std::vector<double> softmaxReference(const std::vector<double>& logits)
{
    std::vector<double> p(logits.size());
    if (logits.empty())
        return p;
    const double m = *std::max_element(logits.begin(), logits.end());
    double s = 0.0;
    for (std::size_t i = 0; i < logits.size(); ++i)
        s += (p[i] = std::exp(logits[i] - m));
    for (double& v : p)
        v /= s;
    return p;
}

SoftmaxEval softmaxInFormat(const std::vector<double>& logits, const FloatFormat& f, bool subtractMax)
{
    SoftmaxEval out;
    Quantizer q(f);
    std::vector<double> z(logits.size());
    for (std::size_t i = 0; i < logits.size(); ++i)
        z[i] = q.round(logits[i]);
    if (subtractMax && !z.empty()) {
        const double m = *std::max_element(z.begin(), z.end());
        for (double& v : z)
            v = q.add(v, -m);
    }
    std::vector<double> e(z.size());
    double s = 0.0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        e[i] = q.round(std::exp(z[i]));
        s = q.add(s, e[i]);
    }
    out.probs.resize(z.size());
    for (std::size_t i = 0; i < z.size(); ++i)
        out.probs[i] = q.div(e[i], s);
    const std::vector<double> ref = softmaxReference(logits);
    for (std::size_t i = 0; i < z.size(); ++i) {
        if (!std::isfinite(out.probs[i]))
            out.finite = false;
        else
            out.maxAbsError = std::max(out.maxAbsError, std::fabs(out.probs[i] - ref[i]));
    }
    if (!out.finite)
        out.maxAbsError = std::numeric_limits<double>::quiet_NaN();
    return out;
}

SoftmaxSweep softmaxSweep(const std::vector<double>& base, const std::vector<FloatFormat>& formats, double scaleMin,
                          double scaleMax, int points)
{
    SoftmaxSweep out;
    points = std::max(points, 2);
    const double l0 = std::log10(scaleMin), l1 = std::log10(scaleMax);
    for (int i = 0; i < points; ++i)
        out.scales.push_back(std::pow(10.0, l0 + (l1 - l0) * i / (points - 1)));
    std::vector<double> z(base.size());
    for (const auto& f : formats) {
        for (bool stable : {false, true}) {
            SoftmaxSweepCurve c;
            c.formatId = f.id;
            c.stable = stable;
            for (double s : out.scales) {
                for (std::size_t j = 0; j < base.size(); ++j)
                    z[j] = s * base[j];
                const SoftmaxEval ev = softmaxInFormat(z, f, stable);
                c.maxError.push_back(ev.maxAbsError);
                if (!ev.finite && c.firstFailScale == 0.0)
                    c.firstFailScale = s;
            }
            out.curves.push_back(std::move(c));
        }
    }
    return out;
}

GradientResult gradientUnderflow(const GradientInput& in)
{
    GradientResult out;
    const int bins = std::max(in.bins, 1);
    const double shift = std::log10(in.lossScale);
    const double lo = in.log10Mean + shift - 5.0 * in.log10Std;
    const double hi = in.log10Mean + shift + 5.0 * in.log10Std;
    for (int i = 0; i <= bins; ++i)
        out.binEdges.push_back(lo + (hi - lo) * i / bins);
    out.counts.assign(static_cast<std::size_t>(bins), 0.0);

    std::vector<Quantizer> qs;
    for (const auto& f : in.formats) {
        qs.emplace_back(f, in.rounding, in.overflow, in.seed + 1000);
        GradientFormatStats st;
        st.formatId = f.id;
        out.stats.push_back(st);
    }
    TermStream normal(SumValues::Normal, in.seed);
    TermStream signs(SumValues::Uniform, in.seed ^ 0x5bd1e995ULL);
    std::vector<double> zero(qs.size()), sub(qs.size()), over(qs.size());
    for (int i = 0; i < in.count; ++i) {
        const double lg = in.log10Mean + in.log10Std * normal.next();
        const double mag = std::pow(10.0, lg);
        const double g = signs.next() < 0.5 ? -mag : mag;
        out.maxAbs = std::max(out.maxAbs, mag);
        const double scaled = g * in.lossScale;  // exact: a power of two
        const double lgs = lg + shift;
        const int b = static_cast<int>(std::floor((lgs - lo) / (hi - lo) * bins));
        if (b >= 0 && b < bins)
            out.counts[static_cast<std::size_t>(b)] += 1.0;
        for (std::size_t k = 0; k < qs.size(); ++k) {
            const FloatFormat& f = qs[k].format();
            const double r = qs[k].round(scaled);
            if (!std::isfinite(r) || std::fabs(scaled) >= f.maxFinite() + ulpAt(f, f.maxFinite()) / 2)
                over[k] += 1;
            else if (r == 0.0)
                zero[k] += 1;
            else if (std::fabs(r) < f.minNormal())
                sub[k] += 1;
        }
    }
    const double n = std::max(in.count, 1);
    for (std::size_t k = 0; k < qs.size(); ++k) {
        auto& st = out.stats[k];
        st.zeroFraction = zero[k] / n;
        st.subnormalFraction = sub[k] / n;
        st.overflowFraction = over[k] / n;
        st.normalFraction = 1.0 - st.zeroFraction - st.subnormalFraction - st.overflowFraction;
        st.safeScaleLog2 = out.maxAbs > 0 ? static_cast<int>(std::floor(std::log2(qs[k].format().maxFinite() / out.maxAbs))) : 0;
    }
    return out;
}

}  // namespace aimath::numerics
