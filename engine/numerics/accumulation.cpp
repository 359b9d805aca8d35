#include "engine/numerics/accumulation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aimath::numerics {

bool parseSumValues(const std::string& id, SumValues& out)
{
    if (id == "ones") out = SumValues::Ones;
    else if (id == "tenth") out = SumValues::Tenth;
    else if (id == "uniform") out = SumValues::Uniform;
    else if (id == "normal") out = SumValues::Normal;
    else return false;
    return true;
}

std::string sumMethodId(SumMethod m)
{
    switch (m) {
    case SumMethod::Naive: return "naive";
    case SumMethod::Kahan: return "kahan";
    case SumMethod::Pairwise: return "pairwise";
    }
    return "?";
}

TermStream::TermStream(SumValues kind, std::uint64_t seed) : m_kind(kind), m_state(seed) {}

double TermStream::uniform()
{
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) * 0x1.0p-53;
}

double TermStream::next()
{
    switch (m_kind) {
    case SumValues::Ones: return 1.0;
    case SumValues::Tenth: return 0.1;
    case SumValues::Uniform: return uniform();
    case SumValues::Normal: {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double u1 = 1.0 - uniform();  // (0, 1]
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        const double t = 2.0 * 3.14159265358979323846 * u2;
        m_spare = r * std::sin(t);
        m_hasSpare = true;
        return r * std::cos(t);
    }
    }
    return 0.0;
}

std::vector<long long> logCheckpoints(long long n, int pointsPerDecade)
{
    std::vector<long long> out;
    if (n < 1)
        return out;
    pointsPerDecade = std::max(pointsPerDecade, 1);
    const double decades = std::log10(static_cast<double>(n));
    const int steps = static_cast<int>(std::ceil(decades * pointsPerDecade));
    for (int i = 0; i <= steps; ++i) {
        const long long k = std::min(n, std::llround(std::pow(10.0, static_cast<double>(i) / pointsPerDecade)));
        if (out.empty() || k > out.back())
            out.push_back(k);
    }
    if (out.back() != n)
        out.push_back(n);
    return out;
}

namespace {

struct FormatState {
    Quantizer q;
    double naive = 0.0;
    double kahanSum = 0.0;
    double kahanC = 0.0;
    struct Block {
        double sum;
        int level;
    };
    std::vector<Block> stack;

    explicit FormatState(Quantizer quantizer) : q(std::move(quantizer)) { stack.reserve(70); }

    void addTerm(double x)
    {
        const double xi = q.round(x);
        naive = q.add(naive, xi);
        const double y = q.add(xi, -kahanC);
        const double t = q.add(kahanSum, y);
        kahanC = q.add(q.add(t, -kahanSum), -y);
        kahanSum = t;
        stack.push_back({xi, 0});
        while (stack.size() >= 2 && stack[stack.size() - 1].level == stack[stack.size() - 2].level) {
            Block& below = stack[stack.size() - 2];
            below.sum = q.add(below.sum, stack.back().sum);
            below.level += 1;
            stack.pop_back();
        }
    }

    double pairwise()
    {
        if (stack.empty())
            return 0.0;
        double acc = stack.back().sum;
        for (std::size_t j = stack.size() - 1; j-- > 0;)
            acc = q.add(stack[j].sum, acc);
        return acc;
    }
};

double relativeError(double s, double ref)
{
    if (std::isnan(s))
        return std::numeric_limits<double>::quiet_NaN();
    if (std::isinf(s))
        return std::numeric_limits<double>::infinity();
    if (ref == 0.0)
        return s == 0.0 ? 0.0 : std::numeric_limits<double>::infinity();
    return std::fabs(s - ref) / std::fabs(ref);
}

}  // namespace

AccumulationResult accumulate(const AccumulationInput& input, const ProgressFn& progress)
{
    AccumulationResult out;
    if (input.n < 1) {
        out.message = "sum_n: must be at least 1";
        return out;
    }
    out.checkpoints = logCheckpoints(input.n, input.pointsPerDecade);
    std::vector<FormatState> states;
    states.reserve(input.formats.size());
    std::uint64_t seed = input.seed * 0x2545F4914F6CDD1DULL + 17;
    for (const auto& f : input.formats)
        states.emplace_back(Quantizer(f, input.rounding, input.overflow, seed++));
    for (const auto& f : input.formats)
        for (SumMethod m : input.methods) {
            AccumulationCurve c;
            c.formatId = f.id;
            c.method = m;
            c.sums.reserve(out.checkpoints.size());
            c.relError.reserve(out.checkpoints.size());
            out.curves.push_back(std::move(c));
        }

    TermStream terms(input.values, input.seed);
    // Neumaier's compensated sum in float64: error ≈ 2u·|S| + O(n u²)·Σ|x|, far below every format here.
    double refSum = 0.0, refComp = 0.0;
    std::size_t nextCheckpoint = 0;
    constexpr long long kProgressEvery = 1 << 15;
    for (long long i = 1; i <= input.n; ++i) {
        const double x = terms.next();
        const double t = refSum + x;
        if (std::fabs(refSum) >= std::fabs(x))
            refComp += (refSum - t) + x;
        else
            refComp += (x - t) + refSum;
        refSum = t;
        for (auto& s : states)
            s.addTerm(x);
        if (i == out.checkpoints[nextCheckpoint]) {
            const double ref = refSum + refComp;
            out.reference.push_back(ref);
            std::size_t c = 0;
            for (auto& s : states) {
                for (SumMethod m : input.methods) {
                    const double v = m == SumMethod::Naive ? s.naive : m == SumMethod::Kahan ? s.kahanSum : s.pairwise();
                    out.curves[c].sums.push_back(v);
                    out.curves[c].relError.push_back(relativeError(v, ref));
                    ++c;
                }
            }
            ++nextCheckpoint;
        }
        if (progress && (i % kProgressEvery) == 0 && !progress(static_cast<double>(i) / static_cast<double>(input.n))) {
            out.cancelled = true;
            out.message = "cancelled";
            return out;
        }
    }
    if (progress)
        progress(1.0);
    out.ok = true;
    return out;
}

}  // namespace aimath::numerics
