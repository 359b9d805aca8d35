#include "engine/numerics/accumulation.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <deque>
#include <limits>
#include <mutex>

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

/// One step of Neumaier's compensated sum in float64 (the reference every format is
/// measured against); accumulate() and AccumulationPrefix must take the same steps.
inline void neumaierAdd(double& sum, double& comp, double x)
{
    const double t = sum + x;
    if (std::fabs(sum) >= std::fabs(x))
        comp += (sum - t) + x;
    else
        comp += (x - t) + sum;
    sum = t;
}

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
        neumaierAdd(refSum, refComp, x);
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

// ---------------------------------------------------------------------------
// AccumulationPrefix

struct AccumulationPrefix::Impl {
    AccumulationInput input;  // n unused
    std::vector<Quantizer> quantizers;  // as constructed by accumulate(): each format's own stochastic seed
    std::size_t curveCount = 0;
    std::vector<long long> grid;  // every log-spaced checkpoint value up to kMaxTerms, as logCheckpoints() computes them
    std::vector<long long> extra;  // the caller's alsoKeep, sorted, distinct, in range

    // The extending thread's own running state (only extendTo touches it).
    TermStream terms;
    double refSum = 0.0, refComp = 0.0;
    std::vector<FormatState> states;
    long long done = 0;
    std::size_t nextGrid = 0;
    std::size_t nextExtra = 0;

    // Kept results, read by resultAt under the mutex. Deques: growing one never moves
    // what it holds, so the extending thread never copies megabytes (into fresh, slow
    // pages) while resultAt waits for the lock.
    mutable std::mutex mutex;
    std::atomic<long long> extent{0};
    std::deque<long long> rowN;       // grid checkpoints and alsoKeep values reached, increasing
    std::deque<double> rowRef;        // reference sum at each
    std::deque<double> rowSums;       // rowN.size() × curveCount, curves as accumulate() orders them
    struct Snapshot {
        TermStream terms;
        double refSum, refComp;
        std::size_t offset;  // into snapData: per format naive, Kahan sum, Kahan c, then the pairwise blocks (one per set bit of the count, largest first)
    };
    std::deque<Snapshot> snapshots;  // snapshot k is the state after k · kSnapshotEvery terms
    std::deque<double> snapData;
    std::deque<std::uint64_t> snapRandom;  // snapshots × formats: each quantizer's random stream

    Impl(const AccumulationInput& in, std::vector<long long> alsoKeep) : input(in), extra(std::move(alsoKeep)), terms(in.values, in.seed)
    {
        std::erase_if(extra, [](long long n) { return n < 1 || n > kMaxTerms; });
        std::sort(extra.begin(), extra.end());
        extra.erase(std::unique(extra.begin(), extra.end()), extra.end());
        input.pointsPerDecade = std::max(input.pointsPerDecade, 1);
        std::uint64_t seed = in.seed * 0x2545F4914F6CDD1DULL + 17;
        for (const auto& f : in.formats)
            quantizers.emplace_back(f, in.rounding, in.overflow, seed++);
        for (const auto& q : quantizers)
            states.emplace_back(q);
        curveCount = in.formats.size() * in.methods.size();
        const int ppd = in.pointsPerDecade;  // logCheckpoints' own expression, so the values are the same
        const int steps = static_cast<int>(std::ceil(std::log10(static_cast<double>(kMaxTerms)) * std::max(ppd, 1)));
        for (int i = 0; i <= steps; ++i) {
            const long long k = std::llround(std::pow(10.0, static_cast<double>(i) / std::max(ppd, 1)));
            if (grid.empty() || k > grid.back())
                grid.push_back(k);
        }
        saveSnapshot();
    }

    void saveSnapshot()
    {
        std::lock_guard lock(mutex);
        snapshots.push_back({terms, refSum, refComp, snapData.size()});
        for (auto& st : states) {
            snapData.push_back(st.naive);
            snapData.push_back(st.kahanSum);
            snapData.push_back(st.kahanC);
            for (const auto& b : st.stack)
                snapData.push_back(b.sum);
            snapRandom.push_back(st.q.randomState());
        }
    }

    double curveValue(FormatState& st, SumMethod m) const
    {
        return m == SumMethod::Naive ? st.naive : m == SumMethod::Kahan ? st.kahanSum : st.pairwise();
    }

    /// The value accumulate() would end on here, leaving the pass as it was: combining the
    /// pairwise blocks draws from a stochastic quantizer's stream, which a checkpoint that
    /// accumulate() does not have must not advance.
    double sideValue(FormatState& st, SumMethod m) const
    {
        if (m != SumMethod::Pairwise)
            return curveValue(st, m);
        const std::uint64_t random = st.q.randomState();
        const double v = st.pairwise();
        st.q.setRandomState(random);
        return v;
    }
};

AccumulationPrefix::AccumulationPrefix(const AccumulationInput& input, std::vector<long long> alsoKeep)
    : m(std::make_unique<Impl>(input, std::move(alsoKeep)))
{
}

AccumulationPrefix::~AccumulationPrefix() = default;

bool AccumulationPrefix::sameSeries(const AccumulationInput& in) const
{
    const AccumulationInput& a = m->input;
    return a.formats == in.formats && a.methods == in.methods && a.values == in.values && a.seed == in.seed && a.rounding == in.rounding &&
           a.overflow == in.overflow && a.pointsPerDecade == std::max(in.pointsPerDecade, 1);
}

long long AccumulationPrefix::extent() const { return m->extent.load(); }

bool AccumulationPrefix::extendTo(long long n, const ProgressFn& progress)
{
    Impl& s = *m;
    if (n > kMaxTerms)
        return false;
    const long long start = s.done;
    std::vector<double> row(s.curveCount);
    while (s.done < n) {
        const long long i = ++s.done;
        // The loop body of accumulate(), term for term.
        const double x = s.terms.next();
        const double t = s.refSum + x;
        if (std::fabs(s.refSum) >= std::fabs(x))
            s.refComp += (s.refSum - t) + x;
        else
            s.refComp += (x - t) + s.refSum;
        s.refSum = t;
        for (auto& st : s.states)
            st.addTerm(x);
        const bool onGrid = s.nextGrid < s.grid.size() && i == s.grid[s.nextGrid];
        const bool onExtra = s.nextExtra < s.extra.size() && i == s.extra[s.nextExtra];
        if (onGrid || onExtra) {
            std::size_t c = 0;
            for (auto& st : s.states)
                for (SumMethod meth : s.input.methods)
                    row[c++] = onGrid ? s.curveValue(st, meth) : s.sideValue(st, meth);
            std::lock_guard lock(s.mutex);
            s.rowN.push_back(i);
            s.rowRef.push_back(s.refSum + s.refComp);
            s.rowSums.insert(s.rowSums.end(), row.begin(), row.end());
            s.nextGrid += onGrid;
            s.nextExtra += onExtra;
        }
        if (i % kSnapshotEvery == 0) {
            s.saveSnapshot();
            s.extent.store(i);
            if (progress && !progress(static_cast<double>(i - start) / static_cast<double>(n - start)))
                return false;
        }
    }
    if (s.extent.load() < s.done) {
        std::lock_guard lock(s.mutex);  // the rows up to done are all kept
        s.extent.store(s.done);
    }
    if (progress)
        progress(1.0);
    return true;
}

bool AccumulationPrefix::kept(long long n) const
{
    if (n < 1 || n > m->extent.load())
        return false;
    std::lock_guard lock(m->mutex);
    return std::binary_search(m->rowN.begin(), m->rowN.end(), n);
}

AccumulationResult AccumulationPrefix::resultAt(long long n) const
{
    const Impl& s = *m;
    AccumulationResult out;
    if (n < 1) {
        out.message = "sum_n: must be at least 1";
        return out;
    }
    if (n > s.extent.load()) {
        out.message = "not summed that far yet";
        return out;
    }
    out.checkpoints = logCheckpoints(n, s.input.pointsPerDecade);
    const std::size_t k = out.checkpoints.size();
    const std::size_t curves = s.curveCount;
    for (const auto& f : s.input.formats)
        for (SumMethod meth : s.input.methods) {
            AccumulationCurve c;
            c.formatId = f.id;
            c.method = meth;
            c.sums.resize(k);
            c.relError.resize(k);
            out.curves.push_back(std::move(c));
        }
    out.reference.resize(k);

    // The last checkpoint, n itself, when it is not a kept one: from the snapshot before it.
    const long long base = n / kSnapshotEvery * kSnapshotEvery;
    std::vector<FormatState> states;
    TermStream terms(s.input.values, s.input.seed);
    double refSum = 0.0, refComp = 0.0;
    bool lastKept = false;
    {
        std::lock_guard lock(s.mutex);
        for (std::size_t j = 0; j < k; ++j) {
            const auto it = std::lower_bound(s.rowN.begin(), s.rowN.end(), out.checkpoints[j]);
            if (it == s.rowN.end() || *it != out.checkpoints[j]) {
                if (j + 1 == k)
                    break;  // n itself, computed below
                out.message = "internal: a checkpoint below n was not kept";
                return out;
            }
            const auto r = static_cast<std::size_t>(it - s.rowN.begin());
            out.reference[j] = s.rowRef[r];
            for (std::size_t c = 0; c < curves; ++c)
                out.curves[c].sums[j] = s.rowSums[r * curves + c];
            if (j + 1 == k)
                lastKept = true;
        }
        if (!lastKept) {
            const auto& snap = s.snapshots[static_cast<std::size_t>(base / kSnapshotEvery)];
            terms = snap.terms;
            refSum = snap.refSum;
            refComp = snap.refComp;
            std::size_t off = snap.offset;
            const std::size_t f0 = static_cast<std::size_t>(base / kSnapshotEvery) * s.quantizers.size();
            states.reserve(s.quantizers.size());
            for (std::size_t f = 0; f < s.quantizers.size(); ++f) {
                FormatState& st = states.emplace_back(s.quantizers[f]);
                st.q.setRandomState(s.snapRandom[f0 + f]);
                st.naive = s.snapData[off++];
                st.kahanSum = s.snapData[off++];
                st.kahanC = s.snapData[off++];
                // The binary counter's open blocks: one of 2^b terms for each set bit b of the count, largest first.
                for (int b = 62; b >= 0; --b)
                    if ((static_cast<unsigned long long>(base) >> b) & 1u)
                        st.stack.push_back({s.snapData[off++], b});
            }
        }
    }
    if (!lastKept) {
        // Checkpoints between the snapshot and n are evaluated as accumulate() does: a
        // pairwise sum combines its blocks with rounded additions, which under stochastic
        // rounding draw from the format's random stream.
        auto nextCheckpoint = std::upper_bound(out.checkpoints.begin(), out.checkpoints.end(), base);
        for (long long i = base + 1; i <= n; ++i) {
            const double x = terms.next();
            neumaierAdd(refSum, refComp, x);
            for (auto& st : states)
                st.addTerm(x);
            if (i < n && i == *nextCheckpoint) {
                for (auto& st : states)
                    for (SumMethod meth : s.input.methods)
                        if (meth == SumMethod::Pairwise)
                            st.pairwise();
                ++nextCheckpoint;
            }
        }
        out.reference[k - 1] = refSum + refComp;
        std::size_t c = 0;
        for (auto& st : states)
            for (SumMethod meth : s.input.methods)
                out.curves[c++].sums[k - 1] = s.curveValue(st, meth);
    }
    for (auto& c : out.curves)
        for (std::size_t j = 0; j < k; ++j)
            c.relError[j] = relativeError(c.sums[j], out.reference[j]);
    out.ok = true;
    return out;
}

std::size_t AccumulationPrefix::memoryBytes() const
{
    std::lock_guard lock(m->mutex);
    return m->rowN.size() * sizeof(long long) + m->rowRef.size() * sizeof(double) + m->rowSums.size() * sizeof(double) +
           m->snapshots.size() * sizeof(Impl::Snapshot) + m->snapData.size() * sizeof(double) + m->snapRandom.size() * sizeof(std::uint64_t);
}

}  // namespace aimath::numerics
