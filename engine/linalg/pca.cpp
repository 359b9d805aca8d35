#include "engine/linalg/pca.h"

#include <Eigen/Cholesky>
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

/// Orthonormal columns spanning those of a (Householder QR), in place: the factorisation overwrites a
/// (no n × l copy of it: 192 MB for a 400,000-row table and 60 columns), then a takes Q.
void orthonormalizeInPlace(Eigen::MatrixXd& a)
{
    Eigen::MatrixXd q;
    {
        Eigen::HouseholderQR<Eigen::Ref<Eigen::MatrixXd>> qr(a);
        q = qr.householderQ() * Eigen::MatrixXd::Identity(a.rows(), a.cols());
    }
    a.swap(q);
}

/// Cheaper orthonormalisation for the power iterations, in place (Cholesky QR, twice
/// for stability): Q = A·R⁻¹ with RᵀR = AᵀA. Falls back to Householder when AᵀA is not
/// numerically positive definite (the column space is the same either way). The final
/// basis always uses Householder. In place because the n × l copies it used to make
/// cost more than the arithmetic here (first writes to fresh pages, see CONVENTIONS).
void orthonormalizeFast(Eigen::MatrixXd& q)
{
    for (int pass = 0; pass < 2; ++pass) {
        const Eigen::MatrixXd g = q.transpose() * q;
        Eigen::LLT<Eigen::MatrixXd> llt(g);
        if (llt.info() != Eigen::Success) {
            orthonormalizeInPlace(q);
            return;
        }
        llt.matrixU().solveInPlace<Eigen::OnTheRight>(q);
    }
}

/// out = Z · M in double, by row blocks (Z is float); out keeps its storage when the shape is unchanged.
void timesRight(const Rows& z, const Eigen::MatrixXd& m, RowMatrixF& buf, Eigen::MatrixXd& out)
{
    out.resize(z.rows(), m.cols());
    const Eigen::MatrixXf mf = m.cast<float>();
    for (Eigen::Index b = 0; b < z.rows(); b += kBlockRows) {
        const Eigen::Index rows = std::min(kBlockRows, z.rows() - b);
        out.middleRows(b, rows) = (z.block(b, rows, buf) * mf).cast<double>();
    }
}

/// Zᵀ · M in double, by row blocks.
Eigen::MatrixXd timesLeftTransposed(const Rows& z, const Eigen::MatrixXd& m, RowMatrixF& buf)
{
    Eigen::MatrixXf acc = Eigen::MatrixXf::Zero(z.cols(), m.cols());
    Eigen::MatrixXd out = Eigen::MatrixXd::Zero(z.cols(), m.cols());
    const Eigen::MatrixXf mf = m.cast<float>();
    for (Eigen::Index b = 0; b < z.rows(); b += kBlockRows) {
        const Eigen::Index rows = std::min(kBlockRows, z.rows() - b);
        acc.noalias() = z.block(b, rows, buf).transpose() * mf.middleRows(b, rows);
        out += acc.cast<double>();
    }
    return out;
}

/// The lower triangle of Zᵀ Z over rows [begin, end) and the first m columns, added to c in double
/// (float products are exact in double); false when cancelled.
bool gramRows(const Rows& z, Eigen::Index begin, Eigen::Index end, Eigen::Index m, const PcaOptions& o, Eigen::MatrixXd& c)
{
    Eigen::MatrixXd block;
    RowMatrixF buf;
    for (Eigen::Index b = begin; b < end; b += kBlockRows) {
        const Eigen::Index rows = std::min(kBlockRows, end - b);
        block = z.block(b, rows, buf).leftCols(m).cast<double>();
        c.selfadjointView<Eigen::Lower>().rankUpdate(block.transpose());
        if (cancelled(o))
            return false;
    }
    return true;
}

/// Zᵀ Z for the first m columns, accumulated in double. This product is where PCA's time goes
/// (n·m² multiply-adds): large inputs are split in two row halves summed on two threads.
Eigen::MatrixXd gram(const Rows& z, Eigen::Index m, const PcaOptions& o, bool& stop)
{
    Eigen::MatrixXd c = Eigen::MatrixXd::Zero(m, m);
    const Eigen::Index n = z.rows();
    const double work = static_cast<double>(n) * static_cast<double>(m) * static_cast<double>(m);
    bool ok = true;
    if (work >= 2e8 && n >= 2 * kBlockRows) {
        const Eigen::Index half = (n / 2 / kBlockRows) * kBlockRows;
        Eigen::MatrixXd c2 = Eigen::MatrixXd::Zero(m, m);
        bool ok2 = true, outOfMemory = false;
        auto second = [&] {
            try {
                ok2 = gramRows(z, half, n, m, o, c2);
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
        try {
            ok = gramRows(z, 0, half, m, o, c);
        } catch (...) {
            if (worker.joinable())
                worker.join();
            throw;
        }
        if (worker.joinable())
            worker.join();
        if (outOfMemory)
            throw std::bad_alloc();
        ok = ok && ok2;
        c += c2;
    } else {
        ok = gramRows(z, 0, n, m, o, c);
    }
    if (!ok) {
        stop = true;
        return c;
    }
    c.triangularView<Eigen::StrictlyUpper>() = c.transpose();
    return c;
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
    const Eigen::RowVectorXd mean = norm.mean.transpose();
    const Eigen::RowVectorXd inv = norm.scale.cwiseInverse().transpose();
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        out.row(i) = ((x.row(i).cast<double>() - mean).array() * inv.array()).matrix().cast<float>();
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

PcaResult pcaOfRows(const Rows& z, const PcaOptions& o)
{
    PcaResult r;
    const Eigen::Index n = z.rows(), d = z.cols();
    r.n = static_cast<int>(n);
    r.dim = static_cast<int>(d);
    if (n < 2 || d < 1) {
        r.message = "PCA needs at least 2 rows and 1 column (the data has " + std::to_string(n) + " × " + std::to_string(d) + ")";
        return r;
    }
    const Eigen::Index k = std::min<Eigen::Index>({n - 1, d, std::max(1, o.maxComponents)});
    const double denom = static_cast<double>(n - 1);

    RowMatrixF buf;  // a block of normalised rows, reused by every pass below
    double total = 0.0;
    for (Eigen::Index b = 0; b < n; b += kBlockRows) {
        const Eigen::Index rows = std::min(kBlockRows, n - b);
        const Eigen::Ref<const RowMatrixF> block = z.block(b, rows, buf);
        for (Eigen::Index i = 0; i < rows; ++i)
            total += block.row(i).cast<double>().squaredNorm();
    }
    r.totalVariance = total / denom;

    const bool randomized = o.method == PcaMethod::Randomized || (o.method == PcaMethod::Auto && d > o.exactMaxDim);
    r.randomized = randomized;
    bool stop = false;
    const Eigen::Index m = std::min<Eigen::Index>(d, std::max(1, o.covarianceBlock));

    if (!randomized) {
        Eigen::MatrixXd c = gram(z, d, o, stop);
        if (stop) {
            r.cancelled = true;
            r.message = "cancelled";
            return r;
        }
        c /= denom;
        r.covariance = c.topLeftCorner(m, m);
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(c);
        if (es.info() != Eigen::Success) {
            r.message = "the eigen-decomposition of the covariance did not converge";
            return r;
        }
        // Eigen returns ascending eigenvalues: take the last k, reversed.
        r.explainedVariance.resize(k);
        r.components.resize(d, k);
        for (Eigen::Index j = 0; j < k; ++j) {
            r.explainedVariance(j) = std::max(0.0, es.eigenvalues()(d - 1 - j));
            r.components.col(j) = es.eigenvectors().col(d - 1 - j);
        }
    } else {
        Eigen::MatrixXd c = gram(z, m, o, stop);
        if (stop) {
            r.cancelled = true;
            r.message = "cancelled";
            return r;
        }
        r.covariance = c / denom;
        // Halko, Martinsson & Tropp (2011), algorithm 4.4: range finder with power iterations.
        const Eigen::Index l = std::min<Eigen::Index>(k + std::max(0, o.oversample), std::min(n, d));
        // Two n × l buffers reused through the iterations (y is the next q), never a third.
        Eigen::MatrixXd y;
        timesRight(z, gaussian(d, l, o.seed), buf, y);
        orthonormalizeInPlace(y);
        Eigen::MatrixXd q;
        q.swap(y);
        for (int it = 0; it < o.powerIterations; ++it) {
            if (cancelled(o)) {
                r.cancelled = true;
                r.message = "cancelled";
                return r;
            }
            Eigen::MatrixXd w = timesLeftTransposed(z, q, buf);
            orthonormalizeFast(w);
            timesRight(z, w, buf, y);
            orthonormalizeFast(y);
            q.swap(y);
        }
        y.resize(0, 0);  // only q from here on
        orthonormalizeInPlace(q);
        const Eigen::MatrixXd bt = timesLeftTransposed(z, q, buf);  // (Qᵀ Z)ᵀ, d × l
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
    RowMatrixF buf;
    for (Eigen::Index b = 0; b < z.rows(); b += kBlockRows) {
        const Eigen::Index rows = std::min(kBlockRows, z.rows() - b);
        out.middleRows(b, rows).noalias() = z.block(b, rows, buf) * w;
    }
}

}  // namespace

PcaResult pca(const Eigen::Ref<const RowMatrixF>& z, const PcaOptions& o) { return pcaOfRows(Rows(z, nullptr), o); }

PcaResult pca(const Eigen::Ref<const RowMatrixF>& x, const Normalization& norm, const PcaOptions& o)
{
    if (norm.normalize != Normalize::None && (norm.mean.size() != x.cols() || norm.scale.size() != x.cols())) {
        PcaResult r;
        r.message = "the normalisation was fitted to data with " + std::to_string(norm.mean.size()) + " columns, not " + std::to_string(x.cols());
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
    for (Eigen::Index b = 0; b < x.rows(); b += kBlockRows) {
        const Eigen::Index rows = std::min(kBlockRows, x.rows() - b);
        out.middleRows(b, rows).noalias() = x.middleRows(b, rows) * wf;
        out.middleRows(b, rows).rowwise() -= offset;
    }
}

}  // namespace aimath::linalg
