#include "engine/attention/attention.h"

#include "engine/core/cpu_state.h"
#include "engine/core/vector_exp.h"
#include "engine/attention/token_vectors.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <mutex>
#include <numeric>
#include <thread>
#include <utility>

namespace aimath::attention {

namespace {
constexpr double kNegInf = -std::numeric_limits<double>::infinity();
constexpr Eigen::Index kRowBlock = 64;
// Cache stamps are unique in the process, so a result never mistakes one cache's Q, K, V for another's.
std::atomic<std::uint64_t> g_nextStamp{1};

void fail(Result& out, std::string key, Message why)
{
    out.ok = false;
    out.key = std::move(key);
    out.message = why.text();
    out.why = std::move(why);
}

std::string str(long long v) { return std::to_string(v); }

// dst[J] += src[J·p] + … + src[J·p + p − 1] for J < full, each cell's p additions in column order
// (poolMean's), four cells side by side in the lanes of a vector.
[[gnu::always_inline]] inline void poolRowKernel(const double* src, Eigen::Index full, Eigen::Index p, double* dst)
{
    Eigen::Index J = 0;
    for (; J + 4 <= full; J += 4) {
        vexp::Vec4 acc;
        vexp::load(acc, dst + J);
        const double* c = src + J * p;
        for (Eigen::Index t = 0; t < p; ++t)
            acc += vexp::Vec4{c[t], c[p + t], c[2 * p + t], c[3 * p + t]};
        vexp::store(dst + J, acc);
    }
    for (; J < full; ++J) {
        double acc = dst[J];
        const double* c = src + J * p;
        for (Eigen::Index t = 0; t < p; ++t)
            acc += c[t];
        dst[J] = acc;
    }
}
void poolRowBaseline(const double* src, Eigen::Index full, Eigen::Index p, double* dst) { poolRowKernel(src, full, p, dst); }
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
[[gnu::target("avx2")]] void poolRowAvx2(const double* src, Eigen::Index full, Eigen::Index p, double* dst) { poolRowKernel(src, full, p, dst); }
#else
void poolRowAvx2(const double* src, Eigen::Index full, Eigen::Index p, double* dst) { poolRowKernel(src, full, p, dst); }
#endif

// y_i = x_i · f, four at a time (each product rounded once, as Eigen's x * f).
[[gnu::always_inline]] inline void scaleKernel(const double* x, double f, double* y, Eigen::Index n)
{
    Eigen::Index i = 0;
    for (; i + 8 <= n; i += 8) {
        vexp::Vec4 u, v;
        vexp::load(u, x + i);
        vexp::load(v, x + i + 4);
        vexp::store(y + i, u * f);
        vexp::store(y + i + 4, v * f);
    }
    for (; i < n; ++i)
        y[i] = x[i] * f;
}

// Adds row `row` of the weights (or scores), src[0…cols), into pooled sums with p × p cells. Called
// row after row, right after each row's softmax while the row is still in the L1 cache; each cell
// gets its rows in row order and, within a row, its p columns in column order, as in poolMean.
void accumulateRow(const double* src, Eigen::Index cols, Eigen::Index row, Eigen::Index p, RowMatrix& sum, bool avx2)
{
    if (p == 1) {
        sum.row(row) += Eigen::Map<const Eigen::RowVectorXd>(src, cols);
        return;
    }
    double* dst = sum.row(row / p).data();
    // Cell by cell, its p columns in order: the additions of poolMean, in its order, without
    // looking up each column's cell (cells are independent, so they pipeline).
    const Eigen::Index full = cols / p;
    if (avx2)
        poolRowAvx2(src, full, p, dst);
    else
        poolRowBaseline(src, full, p, dst);
    for (Eigen::Index j = full * p; j < cols; ++j)
        dst[full] += src[j];
}

void concatOutputs(Result& out);

// Where two threads may split the row blocks: a block boundary near the middle whose row is a
// multiple of every pooling factor in use, so each pooled cell is summed by one thread, in the
// same order as by one thread alone (the sums, and so every number, do not depend on the split).
// 0 when there is none.
Eigen::Index splitBlock(Eigen::Index blocks, Eigen::Index lcmPool)
{
    const Eigen::Index half = blocks / 2;
    for (Eigen::Index d = 0; d <= half; ++d)
        for (const Eigen::Index b : {half - d, half + d})
            if (b > 0 && b < blocks && (b * kRowBlock) % lcmPool == 0)
                return b;
    return 0;
}

// Runs the heads on prepared Q, K, V (already in out.head[h].q/k/v). With a cache, the raw
// logits of the heads whose scores are stored are taken from it or kept in it. Options::selectedHeadOnly:
// the scores, weights, row entropies and maxima of the selected head alone (no output A·V and no
// thumbnail; the other heads, concat, output and the mean are NaN); Options::othersEntropyOnly: the same
// for the selected head, and the other heads' row entropies and maxima from row blocks that are not
// kept (nothing else). The row blocks are split over
// two threads when the work is large: rows are independent, maxima do not depend on the order and
// pooled cells are summed by one thread each, so the numbers are those of one thread.
void attend(const Options& opt, Cache* cache, Result& out)
{
    const Eigen::Index n = out.n;
    const int heads = out.heads;
    const bool quick = opt.selectedHeadOnly;
    // Only what the weights view of a long sequence shows: no outputs, thumbnails or mean.
    const bool light = quick || opt.othersEntropyOnly;
    const bool outputs = !light && opt.outputs;
    const int sel = opt.selectedHead;
    out.outputsReady = false;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    out.factor = opt.scaleFactor / (opt.scaled ? std::sqrt(static_cast<double>(out.dk)) : 1.0) / opt.temperature;
    out.thumbPool = poolFactor(out.n, std::max(1, opt.maxThumb));
    out.meanPool = poolFactor(out.n, std::max(1, opt.maxMean));
    const Eigen::Index tp = out.thumbPool, mp = out.meanPool;
    const Eigen::Index tn = (n + tp - 1) / tp, mn = (n + mp - 1) / mp;
    const Eigen::Index dp = opt.maxDisplay > 0 ? poolFactor(out.n, opt.maxDisplay) : 1;
    const Eigen::Index dn = (n + dp - 1) / dp;
    out.displayPool = static_cast<int>(dp);
    out.displayHead = dp > 1 ? sel : -1;
    out.displayIsScores = dp > 1 && opt.displayScores;
    if (dp > 1)
        out.display.setZero(dn, dn);
    else
        out.display.resize(0, 0);
    if (!light)
        out.meanSum.setZero(mn, mn);

    const Eigen::Index blocks = (n + kRowBlock - 1) / kRowBlock;
    const Eigen::Index padStart = opt.mask == Mask::Padding ? n - opt.pad : n;
    // The mask hides some scores: max |S| is taken over the visible ones (else from max |q·k|).
    const bool maskedScores = opt.mask == Mask::Causal || (opt.mask == Mask::Padding && padStart < n);
    const bool avx2 = vexp::useAvx2();

    // Per head: what is computed, what is stored, where the logits come from.
    std::vector<char> run(static_cast<std::size_t>(heads)), store(static_cast<std::size_t>(heads)),
        fromCache(static_cast<std::size_t>(heads)), keep(static_cast<std::size_t>(heads));
    if (cache && cache->logits.size() != static_cast<std::size_t>(heads)) {
        cache->logits.assign(static_cast<std::size_t>(heads), RowMatrix());
        cache->maxAbsLogit.assign(static_cast<std::size_t>(heads), 0.0);
    }
    out.thumbSum.resize(static_cast<std::size_t>(heads));
    int computed = 0;
    for (int h = 0; h < heads; ++h) {
        const auto hs = static_cast<std::size_t>(h);
        HeadResult& hr = out.head[hs];
        run[hs] = !quick || h == sel;
        store[hs] = run[hs] && (quick || h == sel || (opt.storeAllHeads && !opt.othersEntropyOnly));
        if (cache) {
            RowMatrix& l = cache->logits[hs];
            // Only the heads kept in full keep their logits (n² values each).
            fromCache[hs] = store[hs] && l.rows() == n && l.cols() == n;
            keep[hs] = store[hs] && !fromCache[hs];
            if (!store[hs] || keep[hs])
                l.resize(store[hs] ? n : 0, store[hs] ? n : 0);
        }
        if (!run[hs]) {
            // Not computed: the right sizes, no numbers (nothing stale can pass for a result).
            hr.scores.resize(0, 0);
            hr.weights.resize(0, 0);
            hr.rowEntropy.setConstant(n, nan);
            hr.output.setConstant(n, hr.v.cols(), nan);
            hr.thumb.setConstant(tn, tn, nan);
            hr.maxAbsLogit = hr.maxAbsScore = nan;
            continue;
        }
        ++computed;
        if (store[hs]) {
            hr.scores.resize(n, n);
            hr.weights.resize(n, n);
        } else {
            hr.scores.resize(0, 0);
            hr.weights.resize(0, 0);
        }
        hr.rowEntropy.resize(n);
        if (light) {
            hr.output.setConstant(n, hr.v.cols(), nan);
            hr.thumb.setConstant(tn, tn, nan);
        } else {
            if (outputs)
                hr.output.resize(n, hr.v.cols());
            else
                hr.output.setConstant(n, hr.v.cols(), nan);
            out.thumbSum[hs].setZero(tn, tn);
        }
    }

    struct Part {
        std::vector<double> maxLogit, maxScore;
        int badHead = -1;
        Eigen::Index badRow = -1;  // first (head, row) with every key masked
        bool cancelled = false;
    };
    std::mutex progressMutex;
    Eigen::Index done = 0;
    const Eigen::Index total = blocks * computed;
    // The computed heads; a unit of work is one row block of one of them, units in (head, block) order.
    std::vector<int> ran;
    for (int h = 0; h < heads; ++h)
        if (run[static_cast<std::size_t>(h)])
            ran.push_back(h);
    // Takes units from next(h, b) until it has none (false), in the order it gives them.
    const auto work = [&](int t, Part& part, auto next) {
        clearUpperVectorState();
        part.maxLogit.assign(static_cast<std::size_t>(heads), 0.0);
        part.maxScore.assign(static_cast<std::size_t>(heads), 0.0);
        RowMatrix& wsS = out.wsScores[t];
        RowMatrix& wsA = out.wsWeights[t];
        int h = 0;
        Eigen::Index b = 0;
        while (next(h, b)) {
            const auto hs = static_cast<std::size_t>(h);
            HeadResult& hr = out.head[hs];
            double& maxLogit = part.maxLogit[hs];
            double& maxScore = part.maxScore[hs];
            if (!store[hs]) {
                wsS.resize(std::min(kRowBlock, n), n);  // no allocation when already that size
                wsA.resize(std::min(kRowBlock, n), n);
            }
            {
                if (opt.cancel && opt.cancel->load(std::memory_order_relaxed)) {
                    part.cancelled = true;
                    return;
                }
                const Eigen::Index r0 = b * kRowBlock;
                const Eigen::Index rows = std::min(kRowBlock, n - r0);
                Eigen::Map<RowMatrix> s(store[hs] ? hr.scores.data() + r0 * n : wsS.data(), rows, n);
                Eigen::Map<RowMatrix> a(store[hs] ? hr.weights.data() + r0 * n : wsA.data(), rows, n);
                const bool fused = fromCache[hs];
                if (!fused) {
                    s.noalias() = hr.q.middleRows(r0, rows) * hr.k.transpose();
                    maxLogit = std::max(maxLogit, s.cwiseAbs().maxCoeff());
                    if (keep[hs])
                        cache->logits[hs].middleRows(r0, rows) = s;
                    s *= out.factor;
                }
                clearUpperVectorState();
                // Largest |S| over the entries the mask leaves visible, then the mask itself.
                if (fused) {
                    // Row by row below, with the scaling (unmasked: from the cached max |q·k|).
                } else if (opt.mask == Mask::Causal) {
                    for (Eigen::Index i = 0; i < rows; ++i) {
                        const Eigen::Index visible = r0 + i + 1;
                        maxScore = std::max(maxScore, s.row(i).head(visible).cwiseAbs().maxCoeff());
                        s.row(i).tail(n - visible).setConstant(kNegInf);
                    }
                } else if (opt.mask == Mask::Padding && padStart < n) {
                    maxScore = std::max(maxScore, s.leftCols(padStart).cwiseAbs().maxCoeff());
                    s.rightCols(n - padStart).setConstant(kNegInf);
                } else {
                    maxScore = std::max(maxScore, s.cwiseAbs().maxCoeff());
                }
                // Each row's softmax, then its pooled sums while the row is still in the L1 cache (a pass
                // over the whole 64-row block for each read it back from L2).
                for (Eigen::Index i = 0; i < rows; ++i) {
                    double* si = s.row(i).data();
                    double* ai = a.row(i).data();
                    double H;
                    if (fused) {
                        // Cached logits (a temperature change): S = logits · factor, the mask and the softmax
                        // in one call on one row, the maximum found while scaling. The same products, each
                        // rounded once, and the same softmax: identical to a fresh computation.
                        const Eigen::Index visible = opt.mask == Mask::Causal ? r0 + i + 1 : padStart;
                        H = detail::scaleSoftmaxRow(cache->logits[hs].data() + (r0 + i) * n, out.factor, visible, si, ai, n);
                        if (maskedScores)
                            maxScore = std::max(maxScore, s.row(i).head(visible).cwiseAbs().maxCoeff());
                    } else {
                        H = softmaxRow(si, ai, n);
                    }
                    if (std::isnan(H)) {
                        part.badHead = h;
                        part.badRow = r0 + i;
                        return;
                    }
                    hr.rowEntropy[r0 + i] = H;
                    if (!light) {
                        accumulateRow(ai, n, r0 + i, tp, out.thumbSum[hs], avx2);
                        accumulateRow(ai, n, r0 + i, mp, out.meanSum, avx2);
                    }
                    if (dp > 1 && h == sel)
                        accumulateRow(opt.displayScores ? si : ai, n, r0 + i, dp, out.display, avx2);
                }
                if (outputs)
                    hr.output.middleRows(r0, rows).noalias() = a * hr.v;
                if (opt.progress) {
                    // One call at a time and in order, whichever thread finished the block.
                    const std::lock_guard<std::mutex> lock(progressMutex);
                    opt.progress(static_cast<double>(++done) / static_cast<double>(total));
                }
            }
        }
    };

    // Two threads when there is enough work to pay for one (about 0.1 ms to start).
    Eigen::Index lcmPool = 1;
    for (const Eigen::Index p : {light ? Eigen::Index(1) : tp, light ? Eigen::Index(1) : mp, dp})
        lcmPool = std::lcm(lcmPool, p);
    const Eigen::Index split = opt.threads >= 2 && n * n * computed >= (Eigen::Index(1) << 16) ? splitBlock(blocks, lcmPool) : 0;
    // Rows b0…b1 of every computed head, head by head.
    const auto range = [&ran](Eigen::Index b0, Eigen::Index b1) {
        return [&ran, b0, b1, u = Eigen::Index(0)](int& h, Eigen::Index& b) mutable {
            const Eigen::Index per = b1 - b0;
            if (per <= 0 || u >= per * static_cast<Eigen::Index>(ran.size()))
                return false;
            h = ran[static_cast<std::size_t>(u / per)];
            b = b0 + u % per;
            ++u;
            return true;
        };
    };
    // Without the thumbnails and the mean (a long sequence's quick picture and its follow-up), no sum is
    // shared between units when every pooled cell of the display lies within one row block: the two
    // threads then take the next unit in turn, and one that loses its core to another program (this
    // machine is shared) no longer holds the picture up while the other waits with half the rows done.
    // The first unit with a fully masked row is still the first in (head, row) order: units are taken in
    // that order, and a thread stops at the first such row it meets.
    std::atomic<Eigen::Index> nextUnit{0};
    const Eigen::Index units = blocks * static_cast<Eigen::Index>(ran.size());
    const auto shared = [&ran, &nextUnit, units, blocks](int& h, Eigen::Index& b) {
        const Eigen::Index u = nextUnit.fetch_add(1, std::memory_order_relaxed);
        if (u >= units)
            return false;
        h = ran[static_cast<std::size_t>(u / blocks)];
        b = u % blocks;
        return true;
    };
    const bool inTurn = split > 0 && light && kRowBlock % lcmPool == 0;
    Part first, second;
    if (inTurn) {
        std::thread helper(work, 1, std::ref(second), shared);
        work(0, first, shared);
        helper.join();
    } else if (split > 0) {
        std::thread helper(work, 1, std::ref(second), range(split, blocks));
        work(0, first, range(0, split));
        helper.join();
    } else {
        work(0, first, range(0, blocks));
    }
    if (first.cancelled || second.cancelled) {
        out.ok = false;
        out.cancelled = true;
        out.message = "cancelled";
        // Logits kept so far cover some row blocks only: the next run must not take them for whole.
        if (cache)
            for (int h = 0; h < heads; ++h)
                if (keep[static_cast<std::size_t>(h)])
                    cache->logits[static_cast<std::size_t>(h)].resize(0, 0);
        return;
    }
    // The first fully masked (head, row) in the order one thread meets them.
    const Part* bad = nullptr;
    for (const Part* p : {&first, &second})
        if (p->badHead >= 0 && (!bad || std::pair(p->badHead, p->badRow) < std::pair(bad->badHead, bad->badRow)))
            bad = p;
    if (bad) {
        fail(out, opt.mask == Mask::Padding ? "pad" : "mask",
             Message(QT_TRANSLATE_NOOP("aimath::engine", "%1: row %2 has every key masked, so its softmax is undefined"),
                     {std::string(opt.mask == Mask::Padding ? "pad" : "mask"), str(bad->badRow)}));
        if (cache)
            for (int h = 0; h < heads; ++h)
                if (keep[static_cast<std::size_t>(h)])
                    cache->logits[static_cast<std::size_t>(h)].resize(0, 0);  // partly written
        return;
    }
    for (int h = 0; h < heads; ++h) {
        const auto hs = static_cast<std::size_t>(h);
        if (!run[hs])
            continue;
        HeadResult& hr = out.head[hs];
        hr.maxAbsScore = std::max(first.maxScore[hs], split > 0 ? second.maxScore[hs] : 0.0);
        if (fromCache[hs]) {
            hr.maxAbsLogit = cache->maxAbsLogit[hs];
            // Unmasked, max |S| = max |q·k| · |factor| exactly: rounding a product is monotonic.
            if (opt.mask == Mask::None || (opt.mask == Mask::Padding && padStart >= n))
                hr.maxAbsScore = hr.maxAbsLogit * std::abs(out.factor);
        } else {
            hr.maxAbsLogit = std::max(first.maxLogit[hs], split > 0 ? second.maxLogit[hs] : 0.0);
            if (keep[hs])
                cache->maxAbsLogit[hs] = hr.maxAbsLogit;
        }
        if (light)
            continue;
        hr.thumb.resize(tn, tn);
        for (Eigen::Index I = 0; I < tn; ++I)
            for (Eigen::Index J = 0; J < tn; ++J) {
                const double cells = static_cast<double>(std::min(tp, n - I * tp) * std::min(tp, n - J * tp));
                hr.thumb(I, J) = out.thumbSum[hs](I, J) / cells;
            }
    }
    if (dp > 1)
        for (Eigen::Index I = 0; I < dn; ++I)
            for (Eigen::Index J = 0; J < dn; ++J)
                out.display(I, J) /= static_cast<double>(std::min(dp, n - I * dp) * std::min(dp, n - J * dp));
    if (light) {
        out.meanWeights.setConstant(mn, mn, nan);
        out.concat.setConstant(n, out.dModel, nan);
        out.output.setConstant(n, out.dModel, nan);
        out.ok = true;
        return;
    }
    out.meanWeights.resize(mn, mn);
    for (Eigen::Index I = 0; I < mn; ++I)
        for (Eigen::Index J = 0; J < mn; ++J) {
            const double cells = static_cast<double>(std::min(mp, n - I * mp) * std::min(mp, n - J * mp));
            out.meanWeights(I, J) = out.meanSum(I, J) / (cells * heads);
        }
    if (!outputs) {
        out.concat.setConstant(n, out.dModel, nan);
        out.output.setConstant(n, out.dModel, nan);
        out.ok = true;
        return;
    }
    concatOutputs(out);
    out.ok = true;
}

// concat = [O_0 … O_{H−1}], output = concat W_O.
void concatOutputs(Result& out)
{
    const Eigen::Index n = out.n;
    const int heads = out.heads;
    out.concat.resize(n, out.dModel);
    Eigen::Index c0 = 0;
    for (int h = 0; h < heads; ++h) {
        const auto& o = out.head[static_cast<std::size_t>(h)].output;
        out.concat.middleCols(c0, o.cols()) = o;
        c0 += o.cols();
    }
    out.output.noalias() = out.concat * out.wo;
    out.outputsReady = true;
}

bool checkCommon(const Options& opt, int n, Result& out)
{
    if (n < 1) {
        fail(out, "text", Message(QT_TRANSLATE_NOOP("aimath::engine", "text: there are no tokens")));
        return false;
    }
    if (!(opt.temperature > 0.0) || !std::isfinite(opt.temperature)) {
        fail(out, "temperature", Message(QT_TRANSLATE_NOOP("aimath::engine", "temperature: must be a positive number")));
        return false;
    }
    if (!std::isfinite(opt.scaleFactor)) {
        fail(out, "scale_factor", Message(QT_TRANSLATE_NOOP("aimath::engine", "scale_factor: must be finite")));
        return false;
    }
    if (opt.mask == Mask::Padding && (opt.pad < 0 || opt.pad >= n)) {
        fail(out, "pad", Message(QT_TRANSLATE_NOOP("aimath::engine", "pad: masking the last %1 of %2 tokens leaves no key to attend to; use 0 to %3"),
                                 {str(opt.pad), str(n), str(n - 1)}));
        return false;
    }
    return true;
}
}  // namespace

namespace {
// The softmax of one row, eight values a step (two vectors of four, or one of eight on AVX-512, see
// vexp::exp): the maximum,
// then a_j = e^{s_j − m} summed in eight compensated lanes, then a_j / z with the entropy's Σ a_j (s_j − m)
// in eight lanes. The lanes are the same on every path (SSE2, AVX2 or AVX-512: lane l of the eight is
// lane l % W of vector l / W, W values a vector), so are the bits. A tail
// shorter than a step goes through the same code, padded with −∞ (weight 0, adds nothing).
constexpr Eigen::Index kStep = 8;

// V is vexp::Vec4 (K = 2 of them a step) or vexp::Vec8 (K = 1).
template <class V>
constexpr int kWidth = static_cast<int>(sizeof(V) / sizeof(double));
template <class V>
constexpr int kVecs = static_cast<int>(kStep) / kWidth<V>;

// Lane l (0…7) of the eight a step is spread over.
template <class V>
[[gnu::always_inline]] inline double lane(const V (&v)[kVecs<V>], int l)
{
    return v[l / kWidth<V>][l % kWidth<V>];
}

// The eight lanes of a sum, added in one fixed order.
template <class V>
[[gnu::always_inline]] inline double laneSum(const V (&v)[kVecs<V>])
{
    return ((lane(v, 0) + lane(v, 4)) + (lane(v, 1) + lane(v, 5))) + ((lane(v, 2) + lane(v, 6)) + (lane(v, 3) + lane(v, 7)));
}

// The row maximum: eight lanes over the whole steps, the lanes in a fixed order, then the tail.
template <class V>
[[gnu::always_inline]] inline double rowMaxKernel(const double* s, Eigen::Index n)
{
    constexpr int K = kVecs<V>;
    double m = kNegInf;
    V mv[K];
    for (V& v : mv)
        v = V{} + kNegInf;
    Eigen::Index j = 0;
    for (; j + kStep <= n; j += kStep)
        for (int i = 0; i < K; ++i) {
            V v;
            vexp::load(v, s + j + kWidth<V> * i);
            mv[i] = v > mv[i] ? v : mv[i];
        }
    for (int l = 0; l < static_cast<int>(kStep); ++l)
        m = std::max(m, lane(mv, l));
    for (; j < n; ++j)
        m = std::max(m, s[j]);
    return m;
}

// s_j = l_j · f (each product rounded once, as Eigen's l * f) for j < visible, −∞ from there on, and
// returns rowMaxKernel(s, n): unmasked, in the same pass and the same lanes and order as rowMaxKernel
// (the same comparisons, so the same result even with NaN); masked, by rowMaxKernel on the written row.
template <class V>
[[gnu::always_inline]] inline double scaleMaxKernel(const double* l, double f, Eigen::Index visible, double* s, Eigen::Index n)
{
    constexpr int K = kVecs<V>;
    if (visible < n) {
        scaleKernel(l, f, s, visible);
        std::fill(s + visible, s + n, kNegInf);
        return rowMaxKernel<V>(s, n);
    }
    double m = kNegInf;
    V mv[K];
    for (V& v : mv)
        v = V{} + kNegInf;
    Eigen::Index j = 0;
    for (; j + kStep <= n; j += kStep)
        for (int i = 0; i < K; ++i) {
            V v;
            vexp::load(v, l + j + kWidth<V> * i);
            v = v * f;
            vexp::store(s + j + kWidth<V> * i, v);
            mv[i] = v > mv[i] ? v : mv[i];
        }
    for (int k = 0; k < static_cast<int>(kStep); ++k)
        m = std::max(m, lane(mv, k));
    for (; j < n; ++j) {
        s[j] = l[j] * f;
        m = std::max(m, s[j]);
    }
    return m;
}

// The softmax of a row whose maximum m (rowMaxKernel's) is known.
template <class V>
[[gnu::always_inline]] inline double softmaxFromMaxKernel(const double* s, double* a, Eigen::Index n, double m)
{
    constexpr int K = kVecs<V>;
    constexpr int W = kWidth<V>;
    if (m == kNegInf) {
        std::fill(a, a + n, 0.0);
        return std::numeric_limits<double>::quiet_NaN();
    }
    V zv[K] = {}, zc[K] = {}, dv[K] = {};
    double sb[kStep], ab[kStep];
    for (Eigen::Index j = 0; j < n; j += kStep) {
        const Eigen::Index len = std::min(kStep, n - j);
        const double* sp = s + j;
        if (len < kStep) {
            std::fill(sb, sb + kStep, kNegInf);
            std::copy(sp, sp + len, sb);
            sp = sb;
        }
        V e[K];
        for (int i = 0; i < K; ++i) {
            vexp::load(e[i], sp + W * i);
            e[i] -= m;
        }
        vexp::exp(e);
        // Compensated (Kahan) lane sums: z within about an ulp however long the row.
        for (int i = 0; i < K; ++i) {
            const V y = e[i] - zc[i];
            const V t = zv[i] + y;
            zc[i] = (t - zv[i]) - y;
            zv[i] = t;
        }
        double* ap = len < kStep ? ab : a + j;
        for (int i = 0; i < K; ++i)
            vexp::store(ap + W * i, e[i]);
        if (len < kStep)
            std::copy(ab, ab + len, a + j);
    }
    // z ≥ 1 (the maximum contributes e^0); lanes added in one fixed order.
    const double z = laneSum(zv);
    const double inv = 1.0 / z;
    for (Eigen::Index j = 0; j < n; j += kStep) {
        const Eigen::Index len = std::min(kStep, n - j);
        const double* sp = s + j;
        const double* ap = a + j;
        if (len < kStep) {
            std::fill(sb, sb + kStep, kNegInf);
            std::copy(sp, sp + len, sb);
            std::fill(ab, ab + kStep, 0.0);
            std::copy(ap, ap + len, ab);
            sp = sb;
            ap = ab;
        }
        V an[K];
        for (int i = 0; i < K; ++i) {
            V sv, av;
            vexp::load(sv, sp + W * i);
            vexp::load(av, ap + W * i);
            an[i] = av * inv;
            // A masked entry (s = −∞, a = 0) adds nothing (0 · −∞ would be NaN).
            dv[i] += av > 0.0 ? an[i] * (sv - m) : 0.0;
        }
        double* out = len < kStep ? ab : a + j;
        for (int i = 0; i < K; ++i)
            vexp::store(out + W * i, an[i]);
        if (len < kStep)
            std::copy(ab, ab + len, a + j);
    }
    const double dot = laneSum(dv);
    // Each (s_j − m) ≤ 0, so H ≥ 0 up to rounding.
    return std::max(0.0, std::log(z) - dot);
}

template <class V>
[[gnu::always_inline]] inline double softmaxRowKernel(const double* s, double* a, Eigen::Index n)
{
    return softmaxFromMaxKernel<V>(s, a, n, rowMaxKernel<V>(s, n));
}
}  // namespace

namespace detail {
double softmaxRowBaseline(const double* s, double* a, Eigen::Index n) { return softmaxRowKernel<vexp::Vec4>(s, a, n); }
double scaleSoftmaxRowBaseline(const double* l, double f, Eigen::Index visible, double* s, double* a, Eigen::Index n)
{
    return softmaxFromMaxKernel<vexp::Vec4>(s, a, n, scaleMaxKernel<vexp::Vec4>(l, f, visible, s, n));
}
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
[[gnu::target("avx2")]] double softmaxRowAvx2(const double* s, double* a, Eigen::Index n) { return softmaxRowKernel<vexp::Vec4>(s, a, n); }
[[gnu::target("avx2")]] double scaleSoftmaxRowAvx2(const double* l, double f, Eigen::Index visible, double* s, double* a, Eigen::Index n)
{
    return softmaxFromMaxKernel<vexp::Vec4>(s, a, n, scaleMaxKernel<vexp::Vec4>(l, f, visible, s, n));
}
// Eight lanes in one register: about half the instructions of AVX2 for the exp (this file is compiled
// with -ffp-contract=off: AVX-512F has FMA, and a fused multiply-add would change the bits).
[[gnu::target("avx512f")]] double softmaxRowAvx512(const double* s, double* a, Eigen::Index n) { return softmaxRowKernel<vexp::Vec8>(s, a, n); }
[[gnu::target("avx512f")]] double scaleSoftmaxRowAvx512(const double* l, double f, Eigen::Index visible, double* s, double* a, Eigen::Index n)
{
    return softmaxFromMaxKernel<vexp::Vec8>(s, a, n, scaleMaxKernel<vexp::Vec8>(l, f, visible, s, n));
}
#else
double softmaxRowAvx2(const double* s, double* a, Eigen::Index n) { return softmaxRowKernel<vexp::Vec4>(s, a, n); }
double scaleSoftmaxRowAvx2(const double* l, double f, Eigen::Index visible, double* s, double* a, Eigen::Index n)
{
    return scaleSoftmaxRowBaseline(l, f, visible, s, a, n);
}
double softmaxRowAvx512(const double* s, double* a, Eigen::Index n) { return softmaxRowBaseline(s, a, n); }
double scaleSoftmaxRowAvx512(const double* l, double f, Eigen::Index visible, double* s, double* a, Eigen::Index n)
{
    return scaleSoftmaxRowBaseline(l, f, visible, s, a, n);
}
#endif

double scaleSoftmaxRow(const double* l, double f, Eigen::Index visible, double* s, double* a, Eigen::Index n)
{
    // Long rows only (the background runs of more than 512 tokens): while 512-bit code runs the core's
    // clock drops, and on the GUI thread's short rows (a synchronous change, up to 512 tokens) that
    // slowed the replot after it more than it saved (latency bench, attention defaults: CPU a change
    // 4.0 -> 5.8-6.4 ms in two of three runs). The bits are the same either way.
    if (n >= 1024 && vexp::useAvx512())
        return scaleSoftmaxRowAvx512(l, f, visible, s, a, n);
    return vexp::useAvx2() ? scaleSoftmaxRowAvx2(l, f, visible, s, a, n) : scaleSoftmaxRowBaseline(l, f, visible, s, a, n);
}
}  // namespace detail

double softmaxRow(const double* s, double* a, Eigen::Index n)
{
    // AVX2 even where AVX-512 runs the rows of a temperature change: these rows come between the
    // (SSE/AVX2) products Q Kᵀ of a fresh computation, which 512-bit code slowed down more than it
    // saved here (the core's clock drops while 512-bit code runs; engine bench 'attention', n = 512
    // to 2,048: 10-20% slower). The bits are the same either way.
    return vexp::useAvx2() ? detail::softmaxRowAvx2(s, a, n) : detail::softmaxRowBaseline(s, a, n);
}

int poolFactor(int n, int maxCells)
{
    if (maxCells < 1)
        maxCells = 1;
    return std::max(1, (n + maxCells - 1) / maxCells);
}

void poolMean(const Eigen::Ref<const RowMatrix>& m, int p, RowMatrix& out)
{
    const Eigen::Index r = m.rows(), c = m.cols();
    const Eigen::Index pr = (r + p - 1) / p, pc = (c + p - 1) / p;
    out.setZero(pr, pc);
    for (Eigen::Index i = 0; i < r; ++i)
        for (Eigen::Index j = 0; j < c; ++j)
            out(i / p, j / p) += m(i, j);
    for (Eigen::Index I = 0; I < pr; ++I)
        for (Eigen::Index J = 0; J < pc; ++J)
            out(I, J) /= static_cast<double>(std::min<Eigen::Index>(p, r - I * p) * std::min<Eigen::Index>(p, c - J * p));
}

Eigen::MatrixXd rawLogits(const Eigen::Ref<const Eigen::MatrixXd>& q, const Eigen::Ref<const Eigen::MatrixXd>& k)
{
    return q * k.transpose();
}

int visibleKeys(int n, Mask mask, int pad, int row)
{
    switch (mask) {
    case Mask::None: return n;
    case Mask::Causal: return std::clamp(row + 1, 0, n);
    case Mask::Padding: return std::max(0, n - pad);
    }
    return n;
}

double maxRowEntropy(int n, Mask mask, int pad, int row)
{
    const int k = visibleKeys(n, mask, pad, row);
    return k > 0 ? std::log(static_cast<double>(k)) : 0.0;
}

Eigen::MatrixXd projectionMatrix(int which, int d, std::uint64_t seed)
{
    SplitMix64 mix(seed * 4 + static_cast<std::uint64_t>(which) + 0x57514B564FULL);
    SplitMix64 rng(mix.next());
    const double sd = 1.0 / std::sqrt(static_cast<double>(d));
    Eigen::MatrixXd w(d, d);
    for (int c = 0; c < d; ++c)
        for (int r = 0; r < d; ++r)
            w(r, c) = sd * rng.normal();
    return w;
}

void computeAttention(const Eigen::Ref<const Eigen::MatrixXd>& x, const Options& opt, Result& out)
{
    computeAttention(x, opt, out.cache, out);
}

void computeAttention(const Eigen::Ref<const Eigen::MatrixXd>& x, const Options& opt, Cache& cache, Result& out)
{
    out.ok = false;
    out.cancelled = false;
    out.key.clear();
    out.message.clear();
    out.why = {};
    const int n = static_cast<int>(x.rows());
    const int d = static_cast<int>(x.cols());
    if (!checkCommon(opt, n, out))
        return;
    if (d < 1 || opt.heads < 1 || d % opt.heads != 0) {
        fail(out, "heads", Message(QT_TRANSLATE_NOOP("aimath::engine", "heads: %1 does not divide d_model = %2 (each head gets d_model / heads columns)"),
                                   {str(opt.heads), str(d)}));
        return;
    }
    if (!x.allFinite()) {
        fail(out, "text", Message(QT_TRANSLATE_NOOP("aimath::engine", "text: a token vector is not finite")));
        return;
    }
    const int dk = d / opt.heads;
    out.n = n;
    out.dModel = d;
    out.heads = opt.heads;
    out.dk = dk;
    const bool same = cache.valid && cache.seed == opt.seed && cache.heads == opt.heads && cache.mode == opt.qkMode &&
                      cache.rope == opt.rope && cache.x.rows() == x.rows() && cache.x.cols() == x.cols() && cache.x == x;
    if (!same) {
        cache.valid = false;
        cache.logits.clear();
        cache.maxAbsLogit.clear();
        if (opt.qkMode == QkMode::Projected) {
            cache.wq = projectionMatrix(0, d, opt.seed);
            cache.wk = projectionMatrix(1, d, opt.seed);
            cache.wv = projectionMatrix(2, d, opt.seed);
            cache.wo = projectionMatrix(3, d, opt.seed);
        } else {
            cache.wq = cache.wk = cache.wv = cache.wo = Eigen::MatrixXd::Identity(d, d);
        }
        cache.q.resize(static_cast<std::size_t>(opt.heads));
        cache.k.resize(static_cast<std::size_t>(opt.heads));
        cache.v.resize(static_cast<std::size_t>(opt.heads));
        Eigen::MatrixXd pq, pk, pv;
        if (opt.qkMode == QkMode::Projected) {
            // In row blocks, checking the cancel flag between them: at 4096 × 512 the
            // three products take seconds on a busy machine, and closing the window
            // waits for this thread.
            constexpr Eigen::Index kProjRows = 256;
            pq.resize(n, d);
            pk.resize(n, d);
            pv.resize(n, d);
            for (Eigen::Index r0 = 0; r0 < n; r0 += kProjRows) {
                if (opt.cancel && opt.cancel->load(std::memory_order_relaxed)) {
                    out.cancelled = true;
                    out.message = "cancelled";
                    return;
                }
                const Eigen::Index rows = std::min<Eigen::Index>(kProjRows, n - r0);
                pq.middleRows(r0, rows).noalias() = x.middleRows(r0, rows) * cache.wq;
                pk.middleRows(r0, rows).noalias() = x.middleRows(r0, rows) * cache.wk;
                pv.middleRows(r0, rows).noalias() = x.middleRows(r0, rows) * cache.wv;
            }
        }
        for (int h = 0; h < opt.heads; ++h) {
            const auto hs = static_cast<std::size_t>(h);
            const Eigen::Index c0 = static_cast<Eigen::Index>(h) * dk;
            if (opt.qkMode == QkMode::Projected) {
                cache.q[hs] = pq.middleCols(c0, dk);
                cache.k[hs] = pk.middleCols(c0, dk);
                cache.v[hs] = pv.middleCols(c0, dk);
            } else {
                cache.q[hs] = x.middleCols(c0, dk);
                cache.k[hs] = cache.q[hs];
                cache.v[hs] = cache.q[hs];
            }
            if (opt.rope) {
                applyRope(cache.q[hs]);
                applyRope(cache.k[hs]);
            }
        }
        cache.x = x;
        cache.seed = opt.seed;
        cache.heads = opt.heads;
        cache.mode = opt.qkMode;
        cache.rope = opt.rope;
        cache.stamp = g_nextStamp.fetch_add(1, std::memory_order_relaxed);
        cache.valid = true;
    }
    // Q, K, V and the W into the result once per rebuild of the cache (not on every temperature).
    if (out.qkvStamp != cache.stamp || out.head.size() != static_cast<std::size_t>(opt.heads)) {
        out.wq = cache.wq;
        out.wk = cache.wk;
        out.wv = cache.wv;
        out.wo = cache.wo;
        out.head.resize(static_cast<std::size_t>(opt.heads));
        for (std::size_t h = 0; h < out.head.size(); ++h) {
            out.head[h].q = cache.q[h];
            out.head[h].k = cache.k[h];
            out.head[h].v = cache.v[h];
        }
        out.qkvStamp = cache.stamp;
    }
    Options o = opt;
    o.selectedHead = std::clamp(opt.selectedHead, 0, opt.heads - 1);
    attend(o, &cache, out);
}

bool completeOutputs(Result& r)
{
    if (!r.ok)
        return false;
    if (r.outputsReady)
        return true;
    const Eigen::Index n = r.n;
    for (const HeadResult& hr : r.head)
        if (hr.weights.rows() != n || hr.weights.cols() != n)
            return false;
    clearUpperVectorState();
    for (HeadResult& hr : r.head) {
        hr.output.resize(n, hr.v.cols());
        for (Eigen::Index r0 = 0; r0 < n; r0 += kRowBlock) {
            const Eigen::Index rows = std::min(kRowBlock, n - r0);
            // The same Map × V product as in attend, so the same numbers.
            Eigen::Map<RowMatrix> a(hr.weights.data() + r0 * n, rows, n);
            hr.output.middleRows(r0, rows).noalias() = a * hr.v;
        }
    }
    concatOutputs(r);
    return true;
}

Result computeAttention(const Eigen::Ref<const Eigen::MatrixXd>& x, const Options& opt)
{
    Result r;
    computeAttention(x, opt, r);
    return r;
}

void computeFromQkv(const Eigen::Ref<const Eigen::MatrixXd>& q, const Eigen::Ref<const Eigen::MatrixXd>& k,
                    const Eigen::Ref<const Eigen::MatrixXd>& v, const Options& opt, Result& out)
{
    out.ok = false;
    out.cancelled = false;
    out.key.clear();
    out.message.clear();
    out.why = {};
    out.qkvStamp = 0;  // q, k, v below come from no cache
    const int n = static_cast<int>(q.rows());
    if (!checkCommon(opt, n, out))
        return;
    if (k.rows() != n || v.rows() != n || k.cols() != q.cols() || q.cols() < 1 || v.cols() < 1) {
        fail(out, "manual_k", Message(QT_TRANSLATE_NOOP("aimath::engine", "manual_k: Q, K and V need one vector per token, and Q and K the same length")));
        return;
    }
    out.n = n;
    out.dk = static_cast<int>(q.cols());
    out.dModel = static_cast<int>(v.cols());
    out.heads = 1;
    // One head whose d_model is d_v and W_O = I: the output is A V itself.
    out.wq = out.wk = Eigen::MatrixXd::Identity(out.dk, out.dk);
    out.wv = out.wo = Eigen::MatrixXd::Identity(out.dModel, out.dModel);
    out.head.resize(1);
    out.head[0].q = q;
    out.head[0].k = k;
    out.head[0].v = v;
    Options o = opt;
    o.heads = 1;
    o.selectedHead = 0;
    attend(o, nullptr, out);
}

}  // namespace aimath::attention
