#include "engine/attention/attention.h"

#include "engine/core/cpu_state.h"
#include "engine/attention/token_vectors.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <thread>

namespace aimath::attention {

namespace {
constexpr double kNegInf = -std::numeric_limits<double>::infinity();
constexpr Eigen::Index kRowBlock = 64;

void fail(Result& out, std::string key, std::string message)
{
    out.ok = false;
    out.key = std::move(key);
    out.message = std::move(message);
}

std::string str(long long v) { return std::to_string(v); }

// Adds the rows of a block of weights (starting at row r0) into pooled sums with p × p cells.
void accumulateBlocks(const Eigen::Map<RowMatrix>& a, Eigen::Index r0, Eigen::Index p, const std::vector<Eigen::Index>& colBlock,
                      RowMatrix& sum)
{
    for (Eigen::Index i = 0; i < a.rows(); ++i) {
        if (p == 1) {
            sum.row(r0 + i) += a.row(i);
            continue;
        }
        double* dst = sum.row((r0 + i) / p).data();
        const double* src = a.row(i).data();
        for (Eigen::Index j = 0; j < a.cols(); ++j)
            dst[colBlock[static_cast<std::size_t>(j)]] += src[j];
    }
}

// The selected head alone (Options::selectedHeadOnly): scores, weights, row entropies and
// the largest |q·k| and |S|, with the row blocks split over two threads (rows are independent
// and a maximum does not depend on the order, so the numbers are those of attendAll). No
// output A·V and no thumbnail: the full run that follows computes them. False when failed.
bool attendSelectedHead(const Options& opt, Result& out, HeadResult& hr)
{
    const Eigen::Index n = out.n;
    const Eigen::Index blocks = (n + kRowBlock - 1) / kRowBlock;
    const Eigen::Index padStart = opt.mask == Mask::Padding ? n - opt.pad : n;
    hr.scores.resize(n, n);
    hr.weights.resize(n, n);
    hr.rowEntropy.resize(n);
    struct Part {
        double maxLogit = 0.0, maxScore = 0.0;
        Eigen::Index badRow = -1;  // first row with every key masked
        bool cancelled = false;
    };
    const auto work = [&](Eigen::Index b0, Eigen::Index b1, Part& part) {
        clearUpperVectorState();
        for (Eigen::Index b = b0; b < b1; ++b) {
            if (opt.cancel && opt.cancel->load(std::memory_order_relaxed)) {
                part.cancelled = true;
                return;
            }
            const Eigen::Index r0 = b * kRowBlock;
            const Eigen::Index rows = std::min(kRowBlock, n - r0);
            Eigen::Map<RowMatrix> s(hr.scores.data() + r0 * n, rows, n);
            Eigen::Map<RowMatrix> a(hr.weights.data() + r0 * n, rows, n);
            s.noalias() = hr.q.middleRows(r0, rows) * hr.k.transpose();
            part.maxLogit = std::max(part.maxLogit, s.cwiseAbs().maxCoeff());
            s *= out.factor;
            clearUpperVectorState();
            if (opt.mask == Mask::Causal) {
                for (Eigen::Index i = 0; i < rows; ++i) {
                    const Eigen::Index visible = r0 + i + 1;
                    part.maxScore = std::max(part.maxScore, s.row(i).head(visible).cwiseAbs().maxCoeff());
                    s.row(i).tail(n - visible).setConstant(kNegInf);
                }
            } else if (opt.mask == Mask::Padding && padStart < n) {
                part.maxScore = std::max(part.maxScore, s.leftCols(padStart).cwiseAbs().maxCoeff());
                s.rightCols(n - padStart).setConstant(kNegInf);
            } else {
                part.maxScore = std::max(part.maxScore, s.cwiseAbs().maxCoeff());
            }
            for (Eigen::Index i = 0; i < rows; ++i) {
                const double H = softmaxRow(s.row(i).data(), a.row(i).data(), n);
                if (std::isnan(H) && part.badRow < 0)
                    part.badRow = r0 + i;
                hr.rowEntropy[r0 + i] = H;
            }
        }
    };
    Part first, second;
    const Eigen::Index half = blocks / 2;
    if (blocks > 1) {
        std::thread helper(work, half, blocks, std::ref(second));
        work(0, half, first);
        helper.join();
    } else {
        work(0, blocks, first);
    }
    if (opt.progress)
        opt.progress(1.0);
    if (first.cancelled || second.cancelled) {
        out.ok = false;
        out.cancelled = true;
        out.message = "cancelled";
        return false;
    }
    const Eigen::Index bad = first.badRow >= 0 ? first.badRow : second.badRow;
    if (bad >= 0) {
        fail(out, opt.mask == Mask::Padding ? "pad" : "mask",
             std::string(opt.mask == Mask::Padding ? "pad" : "mask") + ": row " + str(bad) +
                 " has every key masked, so its softmax is undefined");
        return false;
    }
    hr.maxAbsLogit = std::max(first.maxLogit, second.maxLogit);
    hr.maxAbsScore = std::max(first.maxScore, second.maxScore);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    hr.output.setConstant(n, hr.v.cols(), nan);
    hr.thumb.setConstant((n + out.thumbPool - 1) / out.thumbPool, (n + out.thumbPool - 1) / out.thumbPool, nan);
    return true;
}

// Runs every head on prepared Q, K, V (already in out.head[h].q/k/v).
void attendAll(const Options& opt, Result& out)
{
    const Eigen::Index n = out.n;
    const int heads = out.heads;
    out.factor = opt.scaleFactor / (opt.scaled ? std::sqrt(static_cast<double>(out.dk)) : 1.0) / opt.temperature;
    out.thumbPool = poolFactor(out.n, std::max(1, opt.maxThumb));
    out.meanPool = poolFactor(out.n, std::max(1, opt.maxMean));
    const Eigen::Index tp = out.thumbPool, mp = out.meanPool;
    const Eigen::Index tn = (n + tp - 1) / tp, mn = (n + mp - 1) / mp;
    out.meanSum.setZero(mn, mn);

    std::vector<Eigen::Index> colThumb(static_cast<std::size_t>(n)), colMean(static_cast<std::size_t>(n));
    for (Eigen::Index j = 0; j < n; ++j) {
        colThumb[static_cast<std::size_t>(j)] = j / tp;
        colMean[static_cast<std::size_t>(j)] = j / mp;
    }
    const Eigen::Index blocks = (n + kRowBlock - 1) / kRowBlock;
    const Eigen::Index padStart = opt.mask == Mask::Padding ? n - opt.pad : n;
    for (int h = 0; h < heads; ++h) {
        HeadResult& hr = out.head[static_cast<std::size_t>(h)];
        if (opt.selectedHeadOnly && h != opt.selectedHead) {
            // Not computed: the right sizes, no numbers (nothing stale can pass for a result).
            hr.scores.resize(0, 0);
            hr.weights.resize(0, 0);
            hr.rowEntropy.setConstant(n, std::numeric_limits<double>::quiet_NaN());
            hr.output.setConstant(n, hr.v.cols(), std::numeric_limits<double>::quiet_NaN());
            hr.thumb.setConstant(tn, tn, std::numeric_limits<double>::quiet_NaN());
            hr.maxAbsLogit = hr.maxAbsScore = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        if (opt.selectedHeadOnly) {
            if (!attendSelectedHead(opt, out, hr))
                return;
            continue;
        }
        const bool store = opt.storeAllHeads || h == opt.selectedHead;
        if (store) {
            hr.scores.resize(n, n);
            hr.weights.resize(n, n);
        } else {
            hr.scores.resize(0, 0);
            hr.weights.resize(0, 0);
            out.wsScores.resize(std::min(kRowBlock, n), n);
            out.wsWeights.resize(std::min(kRowBlock, n), n);
        }
        hr.rowEntropy.resize(n);
        hr.output.resize(n, hr.v.cols());
        out.thumbSum.setZero(tn, tn);
        hr.maxAbsLogit = 0.0;
        hr.maxAbsScore = 0.0;
        for (Eigen::Index b = 0; b < blocks; ++b) {
            if (opt.cancel && opt.cancel->load(std::memory_order_relaxed)) {
                out.ok = false;
                out.cancelled = true;
                out.message = "cancelled";
                return;
            }
            const Eigen::Index r0 = b * kRowBlock;
            const Eigen::Index rows = std::min(kRowBlock, n - r0);
            Eigen::Map<RowMatrix> s(store ? hr.scores.data() + r0 * n : out.wsScores.data(), rows, n);
            Eigen::Map<RowMatrix> a(store ? hr.weights.data() + r0 * n : out.wsWeights.data(), rows, n);
            s.noalias() = hr.q.middleRows(r0, rows) * hr.k.transpose();
            hr.maxAbsLogit = std::max(hr.maxAbsLogit, s.cwiseAbs().maxCoeff());
            s *= out.factor;
            clearUpperVectorState();
            // Largest |S| over the entries the mask leaves visible, then the mask itself.
            if (opt.mask == Mask::Causal) {
                for (Eigen::Index i = 0; i < rows; ++i) {
                    const Eigen::Index visible = r0 + i + 1;
                    hr.maxAbsScore = std::max(hr.maxAbsScore, s.row(i).head(visible).cwiseAbs().maxCoeff());
                    s.row(i).tail(n - visible).setConstant(kNegInf);
                }
            } else if (opt.mask == Mask::Padding && padStart < n) {
                hr.maxAbsScore = std::max(hr.maxAbsScore, s.leftCols(padStart).cwiseAbs().maxCoeff());
                s.rightCols(n - padStart).setConstant(kNegInf);
            } else {
                hr.maxAbsScore = std::max(hr.maxAbsScore, s.cwiseAbs().maxCoeff());
            }
            for (Eigen::Index i = 0; i < rows; ++i) {
                const double H = softmaxRow(s.row(i).data(), a.row(i).data(), n);
                if (std::isnan(H)) {
                    fail(out, opt.mask == Mask::Padding ? "pad" : "mask",
                         std::string(opt.mask == Mask::Padding ? "pad" : "mask") + ": row " + str(r0 + i) +
                             " has every key masked, so its softmax is undefined");
                    return;
                }
                hr.rowEntropy[r0 + i] = H;
            }
            hr.output.middleRows(r0, rows).noalias() = a * hr.v;
            accumulateBlocks(a, r0, tp, colThumb, out.thumbSum);
            accumulateBlocks(a, r0, mp, colMean, out.meanSum);
            if (opt.progress)
                opt.progress(opt.selectedHeadOnly ? static_cast<double>(b + 1) / static_cast<double>(blocks)
                                                  : static_cast<double>(h * blocks + b + 1) / static_cast<double>(heads * blocks));
        }
        hr.thumb.resize(tn, tn);
        for (Eigen::Index I = 0; I < tn; ++I)
            for (Eigen::Index J = 0; J < tn; ++J) {
                const double cells = static_cast<double>(std::min(tp, n - I * tp) * std::min(tp, n - J * tp));
                hr.thumb(I, J) = out.thumbSum(I, J) / cells;
            }
    }
    if (opt.selectedHeadOnly) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
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
    out.concat.resize(n, out.dModel);
    Eigen::Index c0 = 0;
    for (int h = 0; h < heads; ++h) {
        const auto& o = out.head[static_cast<std::size_t>(h)].output;
        out.concat.middleCols(c0, o.cols()) = o;
        c0 += o.cols();
    }
    out.output.noalias() = out.concat * out.wo;
    out.ok = true;
}

bool checkCommon(const Options& opt, int n, Result& out)
{
    if (n < 1) {
        fail(out, "text", "text: there are no tokens");
        return false;
    }
    if (!(opt.temperature > 0.0) || !std::isfinite(opt.temperature)) {
        fail(out, "temperature", "temperature: must be a positive number");
        return false;
    }
    if (!std::isfinite(opt.scaleFactor)) {
        fail(out, "scale_factor", "scale_factor: must be finite");
        return false;
    }
    if (opt.mask == Mask::Padding && (opt.pad < 0 || opt.pad >= n)) {
        fail(out, "pad", "pad: masking the last " + str(opt.pad) + " of " + str(n) +
                             " tokens leaves no key to attend to; use 0 to " + str(n - 1));
        return false;
    }
    return true;
}
}  // namespace

double softmaxRow(const double* s, double* a, Eigen::Index n)
{
    double m = kNegInf;
    for (Eigen::Index j = 0; j < n; ++j)
        m = std::max(m, s[j]);
    if (m == kNegInf) {
        std::fill(a, a + n, 0.0);
        return std::numeric_limits<double>::quiet_NaN();
    }
    double z = 0.0;
    for (Eigen::Index j = 0; j < n; ++j) {
        a[j] = s[j] == kNegInf ? 0.0 : std::exp(s[j] - m);
        z += a[j];
    }
    const double inv = 1.0 / z;
    double dot = 0.0;
    for (Eigen::Index j = 0; j < n; ++j) {
        if (a[j] > 0.0)
            dot += a[j] * inv * (s[j] - m);
        a[j] *= inv;
    }
    // z ≥ 1 (the maximum contributes exp(0)), and each (s_j − m) ≤ 0, so H ≥ 0 up to rounding.
    return std::max(0.0, std::log(z) - dot);
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
    out.ok = false;
    out.cancelled = false;
    out.key.clear();
    out.message.clear();
    const int n = static_cast<int>(x.rows());
    const int d = static_cast<int>(x.cols());
    if (!checkCommon(opt, n, out))
        return;
    if (d < 1 || opt.heads < 1 || d % opt.heads != 0) {
        fail(out, "heads", "heads: " + str(opt.heads) + " does not divide d_model = " + str(d) +
                               " (each head gets d_model / heads columns)");
        return;
    }
    if (!x.allFinite()) {
        fail(out, "text", "text: a token vector is not finite");
        return;
    }
    const int dk = d / opt.heads;
    out.n = n;
    out.dModel = d;
    out.heads = opt.heads;
    out.dk = dk;
    const bool same = out.cache.valid && out.cache.seed == opt.seed && out.cache.heads == opt.heads &&
                      out.cache.mode == opt.qkMode && out.cache.rope == opt.rope && out.cache.x.rows() == x.rows() &&
                      out.cache.x.cols() == x.cols() && out.cache.x == x;
    if (!same) {
        out.cache.valid = false;
        if (opt.qkMode == QkMode::Projected) {
            out.wq = projectionMatrix(0, d, opt.seed);
            out.wk = projectionMatrix(1, d, opt.seed);
            out.wv = projectionMatrix(2, d, opt.seed);
            out.wo = projectionMatrix(3, d, opt.seed);
        } else {
            out.wq = out.wk = out.wv = out.wo = Eigen::MatrixXd::Identity(d, d);
        }
        out.head.resize(static_cast<std::size_t>(opt.heads));
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
                pq.middleRows(r0, rows).noalias() = x.middleRows(r0, rows) * out.wq;
                pk.middleRows(r0, rows).noalias() = x.middleRows(r0, rows) * out.wk;
                pv.middleRows(r0, rows).noalias() = x.middleRows(r0, rows) * out.wv;
            }
        }
        for (int h = 0; h < opt.heads; ++h) {
            HeadResult& hr = out.head[static_cast<std::size_t>(h)];
            const Eigen::Index c0 = static_cast<Eigen::Index>(h) * dk;
            if (opt.qkMode == QkMode::Projected) {
                hr.q = pq.middleCols(c0, dk);
                hr.k = pk.middleCols(c0, dk);
                hr.v = pv.middleCols(c0, dk);
            } else {
                hr.q = x.middleCols(c0, dk);
                hr.k = hr.q;
                hr.v = hr.q;
            }
            if (opt.rope) {
                applyRope(hr.q);
                applyRope(hr.k);
            }
        }
        out.cache.x = x;
        out.cache.seed = opt.seed;
        out.cache.heads = opt.heads;
        out.cache.mode = opt.qkMode;
        out.cache.rope = opt.rope;
        out.cache.valid = true;
    }
    Options o = opt;
    o.selectedHead = std::clamp(opt.selectedHead, 0, opt.heads - 1);
    attendAll(o, out);
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
    out.cache.valid = false;
    const int n = static_cast<int>(q.rows());
    if (!checkCommon(opt, n, out))
        return;
    if (k.rows() != n || v.rows() != n || k.cols() != q.cols() || q.cols() < 1 || v.cols() < 1) {
        fail(out, "manual_k", "manual_k: Q, K and V need one vector per token, and Q and K the same length");
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
    attendAll(o, out);
}

}  // namespace aimath::attention
