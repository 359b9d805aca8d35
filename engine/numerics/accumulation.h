#pragma once
// Summing many numbers with every addition rounded to a format: naive, Kahan
// and pairwise summation against a compensated float64 reference. Long runs
// (ten million terms) report progress and can be cancelled.

#include "engine/numerics/float_format.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace aimath::numerics {

enum class SumValues { Ones, Tenth, Uniform, Normal };
enum class SumMethod { Naive, Kahan, Pairwise };

/// "ones", "tenth", "uniform", "normal" (and back); false/"" when unknown.
bool parseSumValues(const std::string& id, SumValues& out);
std::string sumMethodId(SumMethod m);

/// The i-th term stream: ones (1.0), tenth (the double 0.1), uniform [0, 1), normal N(0, 1) (Box–Muller on splitmix64).
class TermStream {
public:
    TermStream(SumValues kind, std::uint64_t seed);
    double next();

private:
    double uniform();
    SumValues m_kind;
    std::uint64_t m_state;
    double m_spare = 0.0;
    bool m_hasSpare = false;
};

struct AccumulationInput {
    std::vector<FloatFormat> formats;
    std::vector<SumMethod> methods{SumMethod::Naive, SumMethod::Kahan, SumMethod::Pairwise};
    long long n = 100000;
    SumValues values = SumValues::Ones;
    std::uint64_t seed = 1;
    Rounding rounding = Rounding::NearestEven;
    Overflow overflow = Overflow::Ieee;
    int pointsPerDecade = 20;  ///< checkpoints n_k, log-spaced from 1 to n (n itself always included)
};

struct AccumulationCurve {
    std::string formatId;
    SumMethod method = SumMethod::Naive;
    std::vector<double> sums;      ///< the format's running sum at each checkpoint
    std::vector<double> relError;  ///< |sum − reference| / |reference| (inf/NaN when the sum overflowed)
};

struct AccumulationResult {
    bool ok = false;
    bool cancelled = false;
    std::string message;
    std::vector<long long> checkpoints;  ///< term counts n_k
    std::vector<double> reference;       ///< the float64 compensated (Neumaier) sum of the first n_k terms
    std::vector<AccumulationCurve> curves;  ///< formats × methods, formats outer
};

/// Progress callback: fraction done in [0, 1]; return false to cancel.
using ProgressFn = std::function<bool(double)>;

/// Sums input.n terms. Each term is first rounded to the format (what it would be stored as);
/// naive: s ← fl(s + x); Kahan: y ← fl(x − c), t ← fl(s + y), c ← fl(fl(t − s) − y), s ← t;
/// pairwise: a binary-counter tree of blocks of 2^k terms, combined at each checkpoint.
AccumulationResult accumulate(const AccumulationInput& input, const ProgressFn& progress = {});

/// Log-spaced checkpoints 1 … n (rounded, distinct, n included).
std::vector<long long> logCheckpoints(long long n, int pointsPerDecade);

/// accumulate() for every n up to a growing extent, from one pass over the terms.
/// A run to N holds every prefix: the checkpoints of n < N are log-spaced points
/// below n, which the pass keeps, plus n itself. The pass also keeps the whole
/// state (the sums, Kahan compensations, the open blocks of the pairwise tree, the
/// term and stochastic-rounding streams) every kSnapshotEvery terms; the value at n
/// is then at most kSnapshotEvery − 1 terms summed again from the snapshot before n,
/// in the same order with the same roundings, so resultAt(n) is accumulate() for
/// that n bit for bit. One thread extends (extendTo); resultAt may run on another
/// at the same time.
class AccumulationPrefix {
public:
    static constexpr long long kSnapshotEvery = 4096;
    static constexpr long long kMaxTerms = 1'000'000'000'000LL;

    /// The series of `input` (its n is ignored). The pass also keeps the value at every n
    /// of `alsoKeep` (the n a slider can reach, say): resultAt answers those from memory,
    /// with no terms summed again (about 8 bytes per curve and n).
    explicit AccumulationPrefix(const AccumulationInput& input, std::vector<long long> alsoKeep = {});
    ~AccumulationPrefix();
    AccumulationPrefix(const AccumulationPrefix&) = delete;
    AccumulationPrefix& operator=(const AccumulationPrefix&) = delete;

    /// Whether `input` sums the same terms in the same formats, methods and roundings (n aside).
    bool sameSeries(const AccumulationInput& input) const;
    /// Terms summed so far (resultAt answers every n up to it).
    long long extent() const;
    /// Sums on up to term n (nothing when extent() ≥ n). Returns false when `progress`
    /// asked to stop (fraction of this call's work) or n is out of range; what was summed stays.
    bool extendTo(long long n, const ProgressFn& progress = {});
    /// Exactly accumulate() of the series with this n, for 1 ≤ n ≤ extent().
    AccumulationResult resultAt(long long n) const;
    /// Whether resultAt(n) is read from memory (n summed, and a log-spaced checkpoint or one of alsoKeep).
    bool kept(long long n) const;
    /// Bytes held by the kept checkpoints and snapshots.
    std::size_t memoryBytes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

}  // namespace aimath::numerics
