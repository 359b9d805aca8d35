#include "engine/numerics/quantization.h"

#include "engine/numerics/accumulation.h"
#include "engine/numerics/float_format.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

namespace aimath::numerics {

bool parseQuantFormat(const std::string& id, QuantFormat& out)
{
    if (id == "int8") out = QuantFormat::Int8;
    else if (id == "int4") out = QuantFormat::Int4;
    else if (id == "fp8_e4m3") out = QuantFormat::Fp8E4M3;
    else if (id == "fp8_e5m2") out = QuantFormat::Fp8E5M2;
    else if (id == "fp4_e2m1") out = QuantFormat::Fp4E2M1;
    else return false;
    return true;
}

bool parseQuantGranularity(const std::string& id, QuantGranularity& out)
{
    if (id == "tensor") out = QuantGranularity::Tensor;
    else if (id == "channel") out = QuantGranularity::Channel;
    else if (id == "block32") out = QuantGranularity::Block32;
    else if (id == "mx") out = QuantGranularity::Mx;
    else if (id == "nvfp4") out = QuantGranularity::Nvfp4;
    else return false;
    return true;
}

namespace {
const char* floatId(QuantFormat f)
{
    switch (f) {
    case QuantFormat::Fp8E4M3: return "fp8_e4m3";
    case QuantFormat::Fp8E5M2: return "fp8_e5m2";
    case QuantFormat::Fp4E2M1: return "fp4_e2m1";
    default: return nullptr;
    }
}

/// round-half-even(w / s) for s > 0, exact: the fma remainder settles quotients that look like ties.
double roundQuotientToInteger(double w, double s)
{
    const double t = w / s;
    const double fl = std::floor(t);
    if (t - fl != 0.5)
        return std::nearbyint(t);
    const double r = std::fma(-t, s, w);  // w − t·s exactly
    if (r > 0)
        return fl + 1;
    if (r < 0)
        return fl;
    return std::nearbyint(t);  // a true tie: to even
}

void histogram(const std::vector<double>& v, double lo, double hi, int bins, std::vector<double>& counts)
{
    counts.assign(static_cast<std::size_t>(bins), 0.0);
    const double w = (hi - lo) / bins;
    for (double x : v) {
        int b = static_cast<int>(std::floor((x - lo) / w));
        b = std::clamp(b, 0, bins - 1);
        counts[static_cast<std::size_t>(b)] += 1.0;
    }
}
}  // namespace

double quantFormatMax(QuantFormat f)
{
    switch (f) {
    case QuantFormat::Int8: return 127.0;
    case QuantFormat::Int4: return 7.0;
    case QuantFormat::Fp8E4M3: return 448.0;
    case QuantFormat::Fp8E5M2: return 57344.0;
    case QuantFormat::Fp4E2M1: return 6.0;
    }
    return 1.0;
}

int quantFormatEmax(QuantFormat f)
{
    switch (f) {
    case QuantFormat::Int8: return 6;
    case QuantFormat::Int4: return 2;
    case QuantFormat::Fp8E4M3: return 8;
    case QuantFormat::Fp8E5M2: return 15;
    case QuantFormat::Fp4E2M1: return 2;
    }
    return 0;
}

std::vector<double> quantFormatLevels(QuantFormat f)
{
    std::vector<double> out;
    if (const char* id = floatId(f)) {
        const FloatFormat ff = *formatById(id);
        for (std::uint64_t c = 0; c < codeCount(ff); ++c) {
            const double v = decode(ff, c);
            if (std::isfinite(v))
                out.push_back(v == 0.0 ? 0.0 : v);
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
    } else {
        const int q = static_cast<int>(quantFormatMax(f));
        for (int i = -q; i <= q; ++i)
            out.push_back(i);
    }
    return out;
}

std::vector<double> generateWeights(int rows, int cols, double outlierFraction, double outlierScale, std::uint64_t seed)
{
    const std::size_t n = static_cast<std::size_t>(std::max(rows, 0)) * static_cast<std::size_t>(std::max(cols, 0));
    std::vector<double> w(n);
    TermStream normal(SumValues::Normal, seed);
    for (double& x : w)
        x = normal.next();
    if (outlierFraction > 0 && n > 0) {
        const std::size_t k = std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(outlierFraction * static_cast<double>(n))));
        TermStream pick(SumValues::Uniform, seed ^ 0x9e3779b97f4a7c15ULL);
        for (std::size_t i = 0; i < std::min(k, n); ++i) {
            const auto idx = std::min(n - 1, static_cast<std::size_t>(pick.next() * static_cast<double>(n)));
            w[idx] = pick.next() < 0.5 ? -outlierScale : outlierScale;
        }
    }
    return w;
}

QuantizationResult quantize(const std::vector<double>& w, int rows, int cols, QuantFormat format, QuantGranularity gran,
                            int histBins, int errorBins)
{
    QuantizationResult out;
    if (rows < 1 || cols < 1 || w.size() != static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols)) {
        out.message = "quantize: the tensor must have rows × cols entries";
        return out;
    }
    const double qmax = quantFormatMax(format);
    const std::vector<double> levels = quantFormatLevels(format);
    const char* fid = floatId(format);
    std::optional<Quantizer> elem;
    if (fid)
        elem.emplace(*formatById(fid), Rounding::NearestEven, Overflow::Saturate);
    Quantizer fp32(*formatById("fp32"));
    Quantizer e4m3(*formatById("fp8_e4m3"), Rounding::NearestEven, Overflow::Saturate);

    int groupLen = cols;  // groups run along rows
    switch (gran) {
    case QuantGranularity::Tensor: groupLen = rows * cols; break;
    case QuantGranularity::Channel: groupLen = cols; break;
    case QuantGranularity::Block32:
    case QuantGranularity::Mx: groupLen = std::min(32, cols); break;
    case QuantGranularity::Nvfp4: groupLen = std::min(16, cols); break;
    }
    out.groupSize = groupLen;

    double tensorAbsMax = 0.0;
    for (double x : w)
        tensorAbsMax = std::max(tensorAbsMax, std::fabs(x));
    const double globalScale = tensorAbsMax > 0 ? fp32.round(tensorAbsMax / (qmax * 448.0)) : 1.0;

    // Group boundaries: [begin, end) in the flat array; block groups never straddle rows.
    std::vector<std::pair<std::size_t, std::size_t>> groups;
    if (gran == QuantGranularity::Tensor) {
        groups.emplace_back(0, w.size());
    } else {
        for (int r = 0; r < rows; ++r)
            for (int c0 = 0; c0 < cols; c0 += groupLen) {
                const std::size_t b = static_cast<std::size_t>(r) * cols + c0;
                groups.emplace_back(b, b + static_cast<std::size_t>(std::min(groupLen, cols - c0)));
            }
    }

    out.dequantized.resize(w.size());
    out.scales.reserve(groups.size());
    std::size_t argMax = 0;
    for (std::size_t i = 0; i < w.size(); ++i)
        if (std::fabs(w[i]) > std::fabs(w[argMax]))
            argMax = i;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const auto [b, e] = groups[g];
        if (argMax >= b && argMax < e)
            out.outlierGroup = static_cast<int>(g);
        double absmax = 0.0;
        for (std::size_t i = b; i < e; ++i)
            absmax = std::max(absmax, std::fabs(w[i]));
        double s = 1.0;
        if (absmax > 0) {
            switch (gran) {
            case QuantGranularity::Tensor:
            case QuantGranularity::Channel:
            case QuantGranularity::Block32: s = fp32.div(absmax, qmax); break;
            case QuantGranularity::Mx: {
                const int x = std::clamp(std::ilogb(absmax) - quantFormatEmax(format), -127, 127);
                s = std::ldexp(1.0, x);
                break;
            }
            case QuantGranularity::Nvfp4: s = e4m3.div(absmax, qmax * globalScale) * globalScale; break;
            }
        }
        out.scales.push_back(s);
        for (std::size_t i = b; i < e; ++i) {
            if (s == 0.0) {
                out.dequantized[i] = 0.0;
                continue;
            }
            double q;
            if (elem)
                q = elem->div(w[i], s);
            else
                q = std::clamp(roundQuotientToInteger(w[i], s), -qmax, qmax);
            out.dequantized[i] = q * s;
        }
    }

    double se = 0.0, sw = 0.0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const double d = out.dequantized[i] - w[i];
        se += d * d;
        sw += w[i] * w[i];
        out.maxAbsError = std::max(out.maxAbsError, std::fabs(d));
    }
    const double n = static_cast<double>(w.size());
    out.mse = se / n;
    out.sqnrDb = se == 0.0 ? std::numeric_limits<double>::infinity() : 10.0 * std::log10(sw / se);

    const double A = tensorAbsMax > 0 ? tensorAbsMax : 1.0;
    histBins = std::max(histBins, 1);
    for (int i = 0; i <= histBins; ++i)
        out.histEdges.push_back(-A + 2 * A * i / histBins);
    histogram(w, -A, A, histBins, out.histOriginal);
    histogram(out.dequantized, -A, A, histBins, out.histQuantized);
    const double smooth = 0.5;
    const double qTotal = n + smooth * histBins;
    for (int i = 0; i < histBins; ++i) {
        const double p = out.histOriginal[static_cast<std::size_t>(i)] / n;
        if (p > 0)
            out.klDivergence += p * std::log(p / ((out.histQuantized[static_cast<std::size_t>(i)] + smooth) / qTotal));
    }

    const double E = out.maxAbsError > 0 ? out.maxAbsError : 1.0;
    errorBins = std::max(errorBins, 1);
    for (int i = 0; i <= errorBins; ++i)
        out.errorEdges.push_back(-E + 2 * E * i / errorBins);
    std::vector<double> err(w.size());
    for (std::size_t i = 0; i < w.size(); ++i)
        err[i] = out.dequantized[i] - w[i];
    histogram(err, -E, E, errorBins, out.errorCounts);

    auto grid = [&](double s) {
        std::vector<double> g;
        for (double l : levels)
            g.push_back(l * s);
        return g;
    };
    out.gridFirstGroup = grid(out.scales.front());
    out.gridOutlierGroup = grid(out.scales[static_cast<std::size_t>(out.outlierGroup)]);
    out.ok = true;
    return out;
}

}  // namespace aimath::numerics
