#include "engine/linalg/pca.h"
#include "engine/linalg/pca_kernels.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <Eigen/SVD>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <new>
#include <random>
#include <system_error>
#include <thread>

namespace aimath::linalg {

namespace {

constexpr Eigen::Index kBlockRows = 2048;

bool cancelled(const PcaOptions& o) { return o.cancel && o.cancel->load(std::memory_order_relaxed); }

/// The rows of z as the products read them: x itself, or x normalised a block of rows at a time into a
/// buffer of the caller's (one per thread), so that PCA never holds a second n × dim copy of the data.
class Rows {
public:
    Rows(const Eigen::Ref<const RowMatrixF>& x, const Normalization* norm)
        : m_x(x), m_norm(norm && norm->normalize != Normalize::None ? norm : nullptr)
    {
    }
    Eigen::Index rows() const { return m_x.rows(); }
    Eigen::Index cols() const { return m_x.cols(); }
    /// Rows [begin, begin + count) of z, count ≤ kBlockRows; buf is (re)used when x needs normalising.
    Eigen::Ref<const RowMatrixF> block(Eigen::Index begin, Eigen::Index count, RowMatrixF& buf) const
    {
        if (!m_norm)
            return m_x.middleRows(begin, count);
        if (buf.rows() < count || buf.cols() != m_x.cols())
            buf.resize(std::max(count, std::min(kBlockRows, m_x.rows())), m_x.cols());
        normalizeRows(m_x.middleRows(begin, count), *m_norm, buf.topRows(count));
        return buf.topRows(count);
    }

private:
    Eigen::Ref<const RowMatrixF> m_x;
    const Normalization* m_norm;
};

/// Standard normal numbers from a fixed generator (Box–Muller, so the sequence is the same everywhere).
Eigen::MatrixXd gaussian(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed)
{
    std::mt19937_64 gen(seed);
    auto uniform = [&gen] { return (static_cast<double>(gen() >> 11) + 0.5) * (1.0 / 9007199254740992.0); };
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index j = 0; j < cols; ++j)
        for (Eigen::Index i = 0; i < rows; ++i)
            m(i, j) = std::sqrt(-2.0 * std::log(uniform())) * std::cos(6.283185307179586 * uniform());
    return m;
}

/// Work above which a pass over the rows is split in two row halves on two threads (multiply-adds;
/// a thread costs about 0.1 ms, this much work tens of milliseconds).
constexpr double kTwoThreadWork = 2e7;

/// Randomized PCA's final step takes Zᵀ Q from the last power iteration (no pass of its own) only when
/// the Gram matrix (Z w)ᵀ(Z w) has its smallest eigenvalue above this fraction of its largest: the float
/// error of a column is then magnified by at most 1e3. The sets have 0.03 (100,000 × 300) and
/// rank-deficient data a value at rounding level (often negative), where Q is formed as before.
constexpr double kGramConditionFloor = 1e-6;

/// Exact PCA computes only the top k eigenvectors from this dimension on, when k ≤ dim / 3: below, or
/// for more components, the full solver is as fast or faster (measured: 160 dimensions and 50
/// components 0.92 of its time, 300 and 150 components 1.04, 768 and 50 components 0.32).
constexpr Eigen::Index kTopEigenMinDim = 160;

/// part(begin, end, slot) over rows [0, n): once (slot 0), or for two row halves (split at a block
/// boundary) on two threads when work ≥ kTwoThreadWork. False when a part returned false (cancelled);
/// a bad_alloc on the helper thread is rethrown on the calling one.
template <typename Part>
bool inRowHalves(Eigen::Index n, double work, Part&& part)
{
    if (work < kTwoThreadWork || n < 2 * kBlockRows)
        return part(Eigen::Index{0}, n, 0);
    const Eigen::Index half = (n / 2 / kBlockRows) * kBlockRows;
    bool ok2 = true, outOfMemory = false;
    auto second = [&] {
        try {
            ok2 = part(half, n, 1);
        } catch (const std::bad_alloc&) {
            outOfMemory = true;  // rethrown on the calling thread, like a failure of the first half
        }
    };
    std::thread worker;
    try {
        worker = std::thread(second);
    } catch (const std::system_error&) {
        second();  // no thread to be had: one after the other
    }
    bool ok = false;
    try {
        ok = part(Eigen::Index{0}, half, 0);
    } catch (...) {
        if (worker.joinable())
            worker.join();
        throw;
    }
    if (worker.joinable())
        worker.join();
    if (outOfMemory)
        throw std::bad_alloc();
    return ok && ok2;
}

/// One thread's buffers, reused by every pass: a block of normalised rows and the kernels' workspaces.
struct Scratch {
    RowMatrixF rows;
    Eigen::VectorXf floats;
    Eigen::VectorXd doubles;
    float* f(Eigen::Index size)
    {
        if (floats.size() < size)
            floats.resize(size);
        return floats.data();
    }
    double* d(Eigen::Index size)
    {
        if (doubles.size() < size)
            doubles.resize(size);
        return doubles.data();
    }
};

/// out = Z · M in double (float products), by row blocks; out keeps its storage when the shape is unchanged.
void timesRight(const PcaKernels& k, const Rows& z, const Eigen::MatrixXd& m, Scratch* s, Eigen::MatrixXd& out)
{
    const Eigen::Index d = z.cols(), l = m.cols();
    out.resize(z.rows(), l);
    const Eigen::MatrixXf mf = m.cast<float>();
    inRowHalves(z.rows(), static_cast<double>(z.rows()) * static_cast<double>(d * l), [&](Eigen::Index begin, Eigen::Index end, int slot) {
        for (Eigen::Index b = begin; b < end; b += kBlockRows) {
            const Eigen::Index rows = std::min(kBlockRows, end - b);
            const Eigen::Ref<const RowMatrixF> block = z.block(b, rows, s[slot].rows);
            k.timesRight(block.data(), rows, d, block.outerStride(), mf.data(), l, out.data() + b, out.outerStride(), s[slot].f(rows * l));
        }
        return true;
    });
}

/// Zᵀ · Q in double (float products of a block, summed in double), by row blocks.
Eigen::MatrixXd timesLeftTransposed(const PcaKernels& k, const Rows& z, const Eigen::MatrixXd& q, Scratch* s)
{
    const Eigen::Index d = z.cols(), l = q.cols();
    Eigen::MatrixXd out[2] = {Eigen::MatrixXd::Zero(d, l), Eigen::MatrixXd()};
    inRowHalves(z.rows(), static_cast<double>(z.rows()) * static_cast<double>(d * l), [&](Eigen::Index begin, Eigen::Index end, int slot) {
        if (slot)
            out[1].setZero(d, l);
        for (Eigen::Index b = begin; b < end; b += kBlockRows) {
            const Eigen::Index rows = std::min(kBlockRows, end - b);
            const Eigen::Ref<const RowMatrixF> block = z.block(b, rows, s[slot].rows);
            k.timesLeftTransposed(block.data(), rows, d, block.outerStride(), q.data() + b, q.outerStride(), l, out[slot].data(),
                                  s[slot].f(rows * l + d * l));
        }
        return true;
    });
    if (out[1].size())
        out[0] += out[1];
    return std::move(out[0]);
}

/// Zᵀ (Z W) in double: float products of a block (both while it is in cache), summed in double.
Eigen::MatrixXd gramTimes(const PcaKernels& k, const Rows& z, const Eigen::MatrixXd& w, Scratch* s)
{
    const Eigen::Index d = z.cols(), l = w.cols();
    const Eigen::MatrixXf wf = w.cast<float>();
    Eigen::MatrixXd out[2] = {Eigen::MatrixXd::Zero(d, l), Eigen::MatrixXd()};
    inRowHalves(z.rows(), 2.0 * static_cast<double>(z.rows()) * static_cast<double>(d * l), [&](Eigen::Index begin, Eigen::Index end, int slot) {
        if (slot)
            out[1].setZero(d, l);
        for (Eigen::Index b = begin; b < end; b += kBlockRows) {
            const Eigen::Index rows = std::min(kBlockRows, end - b);
            const Eigen::Ref<const RowMatrixF> block = z.block(b, rows, s[slot].rows);
            k.gramTimes(block.data(), rows, d, block.outerStride(), wf.data(), l, out[slot].data(), s[slot].f(rows * l + d * l));
        }
        return true;
    });
    if (out[1].size())
        out[0] += out[1];
    return std::move(out[0]);
}

/// Zᵀ Z for the first m columns, accumulated in double (float products are exact in double). This
/// product is where PCA's time goes (n·m²/2 multiply-adds): large inputs are summed in two row halves
/// on two threads. stop is set when cancelled; sumOfSquares, when given, receives Σ‖zᵢ‖² over all columns.
Eigen::MatrixXd gram(const PcaKernels& k, const Rows& z, Eigen::Index m, const PcaOptions& o, Scratch* s, bool& stop,
                     double* sumOfSquares = nullptr)
{
    Eigen::MatrixXd c[2] = {Eigen::MatrixXd::Zero(m, m), Eigen::MatrixXd()};
    double squares[2] = {0.0, 0.0};
    const Eigen::Index n = z.rows();
    const double work = static_cast<double>(n) * static_cast<double>(m) * static_cast<double>(m) / 2.0;
    const bool ok = inRowHalves(n, work, [&](Eigen::Index begin, Eigen::Index end, int slot) {
        if (slot)
            c[1].setZero(m, m);
        for (Eigen::Index b = begin; b < end; b += kBlockRows) {
            const Eigen::Index rows = std::min(kBlockRows, end - b);
            const Eigen::Ref<const RowMatrixF> block = z.block(b, rows, s[slot].rows);
            k.gramLower(block.data(), rows, block.outerStride(), m, c[slot].data(), m, s[slot].d(rows * m));
            if (sumOfSquares)
                for (Eigen::Index i = 0; i < rows; ++i)
                    squares[slot] += block.row(i).cast<double>().squaredNorm();
            if (cancelled(o))
                return false;
        }
        return true;
    });
    if (!ok) {
        stop = true;
        return c[0];
    }
    if (c[1].size())
        c[0] += c[1];
    if (sumOfSquares)
        *sumOfSquares = squares[0] + squares[1];
    c[0].triangularView<Eigen::StrictlyUpper>() = c[0].transpose();
    return std::move(c[0]);
}

}  // namespace

const std::vector<std::string>& normalizeIds()
{
    static const std::vector<std::string> ids{"center", "standardize", "spherize", "none"};
    return ids;
}

const std::vector<std::string>& pcaMethodIds()
{
    static const std::vector<std::string> ids{"auto", "exact", "randomized"};
    return ids;
}

Normalization fitNormalization(const Eigen::Ref<const RowMatrixF>& x, Normalize mode)
{
    const Eigen::Index n = x.rows(), d = x.cols();
    Normalization out;
    out.normalize = mode;
    out.mean = Eigen::VectorXd::Zero(d);
    out.scale = Eigen::VectorXd::Ones(d);
    if (mode == Normalize::None || n == 0)
        return out;
    for (Eigen::Index i = 0; i < n; ++i)
        out.mean += x.row(i).transpose().cast<double>();
    out.mean /= static_cast<double>(n);
    if (mode == Normalize::Standardize) {
        Eigen::VectorXd ss = Eigen::VectorXd::Zero(d);
        for (Eigen::Index i = 0; i < n; ++i)
            ss += (x.row(i).transpose().cast<double>() - out.mean).array().square().matrix();
        for (Eigen::Index j = 0; j < d; ++j) {
            const double sd = n > 1 ? std::sqrt(ss(j) / static_cast<double>(n - 1)) : 0.0;
            out.scale(j) = sd > 0.0 ? sd : 1.0;  // zero-variance columns are 0 after centring and stay 0
        }
    }
    if (mode == Normalize::Spherize) {
        // The mean of the centred unit rows (mean2 still empty: normalizeRows stops before subtracting it).
        Eigen::VectorXd mean2 = Eigen::VectorXd::Zero(d);
        RowMatrixF buf(std::min(kBlockRows, n), d);
        for (Eigen::Index b = 0; b < n; b += kBlockRows) {
            const Eigen::Index rows = std::min(kBlockRows, n - b);
            normalizeRows(x.middleRows(b, rows), out, buf.topRows(rows));
            for (Eigen::Index i = 0; i < rows; ++i)
                mean2 += buf.row(i).transpose().cast<double>();
        }
        mean2 /= static_cast<double>(n);
        out.mean2 = mean2.transpose().cast<float>();
    }
    return out;
}

void normalizeRows(const Eigen::Ref<const RowMatrixF>& x, const Normalization& norm, Eigen::Ref<RowMatrixF> out)
{
    if (norm.normalize == Normalize::None) {
        out = x;
        return;
    }
    const Eigen::VectorXd inv = norm.scale.cwiseInverse();
    pcaKernels().normalize(x.data(), x.rows(), x.cols(), x.outerStride(), norm.mean.data(), inv.data(), out.data(), out.outerStride());
    if (norm.normalize == Normalize::Spherize) {
        const bool recentre = norm.mean2.size() == x.cols();
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            auto row = out.row(i);
            const double length = row.cast<double>().norm();
            if (length > 0.0)
                row = (row.cast<double>() / length).cast<float>();
            if (recentre)
                row -= norm.mean2;
        }
    }
}

void normalizeData(const Eigen::Ref<const RowMatrixF>& x, Normalize mode, NormalizedData& out)
{
    static_cast<Normalization&>(out) = fitNormalization(x, mode);
    out.z.resize(x.rows(), x.cols());
    normalizeRows(x, out, out.z);
}

void fixSigns(Eigen::MatrixXd& components)
{
    for (Eigen::Index j = 0; j < components.cols(); ++j) {
        Eigen::Index arg = 0;
        components.col(j).cwiseAbs().maxCoeff(&arg);  // first index of the maximum
        if (components(arg, j) < 0.0)
            components.col(j) = -components.col(j);
    }
}

namespace {

void fail(PcaResult& r, Message why)
{
    r.message = why.text();
    r.why = std::move(why);
}

PcaResult pcaOfRows(const Rows& z, const PcaOptions& o)
{
    PcaResult r;
    const Eigen::Index n = z.rows(), d = z.cols();
    r.n = static_cast<int>(n);
    r.dim = static_cast<int>(d);
    if (n < 2 || d < 1) {
        fail(r, Message(QT_TRANSLATE_NOOP("aimath::engine", "PCA needs at least 2 rows and 1 column (the data has %1 × %2)"), {std::to_string(n), std::to_string(d)}));
        return r;
    }
    const Eigen::Index k = std::min<Eigen::Index>({n - 1, d, std::max(1, o.maxComponents)});
    const double denom = static_cast<double>(n - 1);

    const PcaKernels& kern = pcaKernels();
    Scratch scratch[2];  // one per thread, reused by every pass below

    const bool randomized = o.method == PcaMethod::Randomized || (o.method == PcaMethod::Auto && d > o.exactMaxDim);
    r.randomized = randomized;
    bool stop = false;
    const Eigen::Index m = std::min<Eigen::Index>(d, std::max(1, o.covarianceBlock));
    // trace(C) = Σ‖zᵢ‖² / (n − 1): the exact method reads it off the diagonal of its Zᵀ Z (the same
    // exact products, summed in another order), the randomized one sums it in the pass that computes
    // the displayed covariance block (which may have fewer columns than z).

    if (!randomized) {
        Eigen::MatrixXd c = gram(kern, z, d, o, scratch, stop);
        if (stop) {
            r.cancelled = true;
            fail(r, Message(QT_TRANSLATE_NOOP("aimath::engine", "cancelled")));
            return r;
        }
        r.totalVariance = c.trace() / denom;
        c /= denom;
        r.covariance = c.topLeftCorner(m, m);
        r.explainedVariance.resize(k);
        r.components.resize(d, k);
        if (d >= kTopEigenMinDim && 3 * k <= d) {
            // Only the k wanted eigenvectors (pca_kernels.h): at 768 dimensions and 50 components a third
            // of the full solver's time, the same eigenvalues and vectors to rounding.
            if (!kern.symmetricEigenTop(c.data(), d, k, r.explainedVariance.data(), r.components.data())) {
                fail(r, Message(QT_TRANSLATE_NOOP("aimath::engine", "the eigen-decomposition of the covariance did not converge")));
                return r;
            }
            r.explainedVariance = r.explainedVariance.cwiseMax(0.0);
        } else {
            Eigen::VectorXd values(d);
            Eigen::MatrixXd vectors(d, d);
            if (!kern.symmetricEigen(c.data(), d, values.data(), vectors.data())) {
                fail(r, Message(QT_TRANSLATE_NOOP("aimath::engine", "the eigen-decomposition of the covariance did not converge")));
                return r;
            }
            // Ascending eigenvalues: take the last k, reversed.
            for (Eigen::Index j = 0; j < k; ++j) {
                r.explainedVariance(j) = std::max(0.0, values(d - 1 - j));
                r.components.col(j) = vectors.col(d - 1 - j);
            }
        }
    } else {
        double total = 0.0;
        Eigen::MatrixXd c = gram(kern, z, m, o, scratch, stop, &total);
        if (stop) {
            r.cancelled = true;
            fail(r, Message(QT_TRANSLATE_NOOP("aimath::engine", "cancelled")));
            return r;
        }
        r.totalVariance = total / denom;
        r.covariance = c / denom;
        // Halko, Martinsson & Tropp (2011), algorithm 4.4: range finder with power iterations, as subspace
        // iteration on ZᵀZ: w ← orth(Zᵀ(Z w)), both products of an iteration in one read of Z (the
        // normalisation of the rows and the memory traffic are then paid once, not twice). The same
        // spans as normalising Z w as well: with Q = orth(Z w) = Z w R⁻¹, Zᵀ Q = Zᵀ Z w R⁻¹ has the
        // columns of Zᵀ Z w, so the n × l basis is never needed (see below).
        const Eigen::Index l = std::min<Eigen::Index>(k + std::max(0, o.oversample), std::min(n, d));
        Eigen::MatrixXd w = gaussian(d, l, o.seed);
        Eigen::MatrixXd a;
        for (int it = 0;; ++it) {
            if (cancelled(o)) {
                r.cancelled = true;
                fail(r, Message(QT_TRANSLATE_NOOP("aimath::engine", "cancelled")));
                return r;
            }
            a = gramTimes(kern, z, w, scratch);
            if (it >= o.powerIterations)
                break;
            // Householder (d × l is small): a's columns are as ill-conditioned as the squared spectrum.
            kern.orthonormalizeHouseholder(a.data(), a.rows(), a.cols());
            w.swap(a);
        }
        // The last pass gave a = Zᵀ Z w, which is all the final step needs: with M = wᵀ a = (Z w)ᵀ(Z w)
        // = V D Vᵀ, the basis Q = Z w V D^-½ is orthonormal and Zᵀ Q = a V D^-½, so the SVD of that d × l
        // matrix is Halko's SVD of Qᵀ Z without forming Q (two passes over Z and an n × l Householder QR
        // less). Only where M is well conditioned: a small D (rank-deficient data, or a direction of
        // Z w lost in float rounding) would magnify the float error of a; then Q is formed as before.
        Eigen::MatrixXd bt;
        {
            Eigen::MatrixXd mm = w.transpose() * a;
            mm = 0.5 * (mm + mm.transpose()).eval();
            Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(mm);
            const Eigen::VectorXd& dv = es.eigenvalues();  // ascending
            if (es.info() == Eigen::Success && dv(l - 1) > 0.0 && dv(0) > kGramConditionFloor * dv(l - 1))
                bt = a * (es.eigenvectors() * dv.cwiseSqrt().cwiseInverse().asDiagonal());
        }
        if (bt.size() == 0) {
            if (cancelled(o)) {
                r.cancelled = true;
                fail(r, Message(QT_TRANSLATE_NOOP("aimath::engine", "cancelled")));
                return r;
            }
            Eigen::MatrixXd q;
            timesRight(kern, z, w, scratch, q);
            kern.orthonormalizeHouseholder(q.data(), q.rows(), q.cols());
            bt = timesLeftTransposed(kern, z, q, scratch);  // (Qᵀ Z)ᵀ, d × l
        }
        Eigen::JacobiSVD<Eigen::MatrixXd> svd(bt, Eigen::ComputeThinU);
        r.explainedVariance = svd.singularValues().head(k).array().square().matrix() / denom;
        r.components = svd.matrixU().leftCols(k);
    }
    fixSigns(r.components);
    r.explainedVarianceRatio = r.totalVariance > 0.0 ? Eigen::VectorXd(r.explainedVariance / r.totalVariance)
                                                     : Eigen::VectorXd(Eigen::VectorXd::Zero(k));
    r.ok = true;
    return r;
}

void project(const Rows& z, const Eigen::MatrixXd& components, const std::vector<int>& cols, RowMatrixF& out)
{
    Eigen::MatrixXf w(components.rows(), static_cast<Eigen::Index>(cols.size()));
    for (std::size_t c = 0; c < cols.size(); ++c)
        w.col(static_cast<Eigen::Index>(c)) = components.col(cols[c]).cast<float>();
    out.resize(z.rows(), w.cols());
    const PcaKernels& kern = pcaKernels();
    RowMatrixF buf;
    for (Eigen::Index b = 0; b < z.rows(); b += kBlockRows) {
        const Eigen::Index rows = std::min(kBlockRows, z.rows() - b);
        const Eigen::Ref<const RowMatrixF> block = z.block(b, rows, buf);
        kern.project(block.data(), rows, w.rows(), block.outerStride(), w.data(), w.cols(), out.data() + b * out.cols(), out.cols());
    }
}

}  // namespace

PcaResult pca(const Eigen::Ref<const RowMatrixF>& z, const PcaOptions& o) { return pcaOfRows(Rows(z, nullptr), o); }

PcaResult pca(const Eigen::Ref<const RowMatrixF>& x, const Normalization& norm, const PcaOptions& o)
{
    if (norm.normalize != Normalize::None && (norm.mean.size() != x.cols() || norm.scale.size() != x.cols())) {
        PcaResult r;
        fail(r, Message(QT_TRANSLATE_NOOP("aimath::engine", "the normalisation was fitted to data with %1 columns, not %2"),
                        {std::to_string(norm.mean.size()), std::to_string(x.cols())}));
        return r;
    }
    return pcaOfRows(Rows(x, &norm), o);
}

Eigen::VectorXd reconstructionErrors(const PcaResult& result)
{
    const Eigen::Index k = result.explainedVariance.size();
    Eigen::VectorXd e(k + 1);
    double kept = 0.0;
    e(0) = result.totalVariance;
    for (Eigen::Index j = 0; j < k; ++j) {
        kept += result.explainedVariance(j);
        e(j + 1) = std::max(0.0, result.totalVariance - kept);
    }
    return e;
}

void projectRows(const Eigen::Ref<const RowMatrixF>& z, const Eigen::MatrixXd& components, const std::vector<int>& cols, RowMatrixF& out)
{
    project(Rows(z, nullptr), components, cols, out);
}

void projectRows(const Eigen::Ref<const RowMatrixF>& x, const Normalization& norm, const Eigen::MatrixXd& components,
                 const std::vector<int>& cols, RowMatrixF& out)
{
    if (norm.normalize != Normalize::Center && norm.normalize != Normalize::Standardize) {
        project(Rows(x, &norm), components, cols, out);
        return;
    }
    // z·w = ((x − μ) / s)·w = x·(w / s) − μ·(w / s): a product with x itself, as fast as with a stored z
    // (normalising the rows on every change of axes costs 60 % more at 50,000 × 300). Float rounding
    // differs from that of z·w by about 1e-7 of |x|·|w| per value: nothing a plot or a readout shows.
    Eigen::MatrixXd w(components.rows(), static_cast<Eigen::Index>(cols.size()));
    for (std::size_t c = 0; c < cols.size(); ++c)
        w.col(static_cast<Eigen::Index>(c)) = components.col(cols[c]).cwiseQuotient(norm.scale);
    const Eigen::RowVectorXf offset = (norm.mean.transpose() * w).cast<float>();
    const Eigen::MatrixXf wf = w.cast<float>();
    out.resize(x.rows(), wf.cols());
    const PcaKernels& kern = pcaKernels();
    for (Eigen::Index b = 0; b < x.rows(); b += kBlockRows) {
        const Eigen::Index rows = std::min(kBlockRows, x.rows() - b);
        kern.project(x.data() + b * x.outerStride(), rows, x.cols(), x.outerStride(), wf.data(), wf.cols(), out.data() + b * out.cols(), out.cols());
        out.middleRows(b, rows).rowwise() -= offset;
    }
}

}  // namespace aimath::linalg
