// The PCA kernels of pca_kernels.h, included once by each of pca_kernels_baseline.cpp
// and pca_kernels_avx2.cpp (no include guard on purpose). The including file defines
// AIMATH_PCA_KERNELS_GETTER, the name of the one function with external linkage, and
// for the AVX2 copy renames Eigen's namespace before this file includes Eigen.
// Everything else here has internal linkage (an anonymous namespace).
#include "engine/linalg/pca_kernels.h"

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <Eigen/QR>

#include <cmath>
#include <cstdint>

namespace aimath::linalg {

namespace {

using Index = Eigen::Index;
using MatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>;
using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic>;
using RowsF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Stride = Eigen::OuterStride<>;
using ConstRowsMap = Eigen::Map<const RowsF, 0, Stride>;

void gramLower(const float* z, long rows, long ldz, long m, double* c, long ldc, double* work)
{
    // 256 rows at a time: the double copy (600 kB at 300 columns) stays in the 2 MB L2 cache while the
    // product packs it; one 2,048-row copy (4.9 MB) ran the rank update at 12.5 instead of 15.8 GFMA/s
    // (300 columns, AVX2; about the one-core peak of this VM's double FMA, 16-17 GFMA/s measured).
    constexpr long kChunk = 256;
    Eigen::Map<MatrixD, 0, Stride> cm(c, m, m, Stride(ldc));
    for (long b = 0; b < rows; b += kChunk) {
        const long count = rows - b < kChunk ? rows - b : kChunk;
        const ConstRowsMap zb(z + b * ldz, count, m, Stride(ldz));
        Eigen::Map<MatrixD> block(work, count, m);
        block = zb.cast<double>();
        cm.selfadjointView<Eigen::Lower>().rankUpdate(block.transpose());
    }
}

void timesRight(const float* z, long rows, long d, long ldz, const float* m, long l, double* out, long ldo, float* work)
{
    const ConstRowsMap zb(z, rows, d, Stride(ldz));
    Eigen::Map<MatrixF> product(work, rows, l);
    product.noalias() = zb * Eigen::Map<const MatrixF>(m, d, l);
    Eigen::Map<MatrixD, 0, Stride>(out, rows, l, Stride(ldo)) = product.cast<double>();
}

void timesLeftTransposed(const float* z, long rows, long d, long ldz, const double* q, long ldq, long l, double* out, float* work)
{
    const ConstRowsMap zb(z, rows, d, Stride(ldz));
    Eigen::Map<MatrixF> qf(work, rows, l);
    qf = Eigen::Map<const MatrixD, 0, Stride>(q, rows, l, Stride(ldq)).cast<float>();
    Eigen::Map<MatrixF> acc(work + rows * l, d, l);
    acc.noalias() = zb.transpose() * qf;
    Eigen::Map<MatrixD>(out, d, l) += acc.cast<double>();
}

void gramTimes(const float* z, long rows, long d, long ldz, const float* w, long l, double* a, float* work)
{
    const ConstRowsMap zb(z, rows, d, Stride(ldz));
    Eigen::Map<MatrixF> y(work, rows, l);
    y.noalias() = zb * Eigen::Map<const MatrixF>(w, d, l);
    Eigen::Map<MatrixF> acc(work + rows * l, d, l);
    acc.noalias() = zb.transpose() * y;
    Eigen::Map<MatrixD>(a, d, l) += acc.cast<double>();
}

void normalize(const float* x, long rows, long d, long ldx, const double* mean, const double* inv, float* out, long ldo)
{
    for (long i = 0; i < rows; ++i) {
        const float* xi = x + i * ldx;
        float* oi = out + i * ldo;
        for (long j = 0; j < d; ++j)
            oi[j] = static_cast<float>((static_cast<double>(xi[j]) - mean[j]) * inv[j]);
    }
}

void project(const float* z, long rows, long d, long ldz, const float* w, long k, float* out, long ldo)
{
    const ConstRowsMap zb(z, rows, d, Stride(ldz));
    Eigen::Map<RowsF, 0, Stride>(out, rows, k, Stride(ldo)).noalias() = zb * Eigen::Map<const MatrixF>(w, d, k);
}

void orthonormalizeHouseholder(double* q, long n, long l)
{
    Eigen::Map<MatrixD> a(q, n, l);
    MatrixD basis;
    {
        // The factorisation overwrites a (no n × l copy of it), then a takes Q.
        Eigen::HouseholderQR<Eigen::Ref<MatrixD>> qr(a);
        basis = qr.householderQ() * MatrixD::Identity(n, l);
    }
    a = basis;
}

bool symmetricEigen(const double* c, long d, double* values, double* vectors)
{
    const Eigen::Map<const MatrixD> cm(c, d, d);
    Eigen::SelfAdjointEigenSolver<MatrixD> es(cm);
    if (es.info() != Eigen::Success)
        return false;
    Eigen::Map<Eigen::VectorXd>(values, d) = es.eigenvalues();
    Eigen::Map<MatrixD>(vectors, d, d) = es.eigenvectors();
    return true;
}

/// Solves (T − λ I) x = b in place (b becomes x) for the symmetric tridiagonal T (diag, sub), by LU
/// with partial pivoting (LAPACK dgttrf/dgttrs); a pivot below tiny is replaced by tiny, as inverse
/// iteration needs (λ is an eigenvalue, so T − λ I is singular to working precision). work holds 5·d.
void tridiagonalShiftedSolve(const double* diag, const double* sub, long d, double lambda, double tiny, double* b, double* work)
{
    double* dl = work;         // multipliers
    double* dd = work + d;     // U diagonal
    double* du = work + 2 * d; // U first superdiagonal
    double* du2 = work + 3 * d;  // U second superdiagonal (fill-in from the interchanges)
    double* swap = work + 4 * d; // 1 where rows i and i + 1 were interchanged
    for (long i = 0; i < d; ++i) {
        dd[i] = diag[i] - lambda;
        if (i + 1 < d)
            dl[i] = du[i] = sub[i];
        du2[i] = 0.0;
        swap[i] = 0.0;
    }
    for (long i = 0; i + 1 < d; ++i) {
        if (std::abs(dd[i]) >= std::abs(dl[i])) {
            const double f = dd[i] != 0.0 ? dl[i] / dd[i] : 0.0;
            dl[i] = f;
            dd[i + 1] -= f * du[i];
        } else {
            const double f = dd[i] / dl[i];
            dd[i] = dl[i];
            dl[i] = f;
            const double t = du[i];
            du[i] = dd[i + 1];
            dd[i + 1] = t - f * dd[i + 1];
            if (i + 2 < d) {
                du2[i] = du[i + 1];
                du[i + 1] = -f * du[i + 1];
            }
            swap[i] = 1.0;
        }
    }
    for (long i = 0; i < d; ++i)
        if (std::abs(dd[i]) < tiny)
            dd[i] = dd[i] < 0.0 ? -tiny : tiny;
    for (long i = 0; i + 1 < d; ++i) {  // L⁻¹ (with the interchanges)
        if (swap[i] != 0.0) {
            const double t = b[i];
            b[i] = b[i + 1];
            b[i + 1] = t - dl[i] * b[i + 1];
        } else {
            b[i + 1] -= dl[i] * b[i];
        }
    }
    for (long i = d - 1; i >= 0; --i) {  // U⁻¹
        double v = b[i];
        if (i + 1 < d)
            v -= du[i] * b[i + 1];
        if (i + 2 < d)
            v -= du2[i] * b[i + 2];
        b[i] = v / dd[i];
    }
}

/// The k largest eigenvalues (descending) and their unit eigenvectors of the tridiagonal T (diag, sub;
/// ‖T‖ about 1) by inverse iteration, as LAPACK's dstein, except that every vector is orthogonalised
/// against all the earlier ones at every step, not only against those of its cluster (k is small, and
/// projecting out other eigenvectors leaves the wanted one as it is), so repeated eigenvalues get an
/// orthonormal basis of their space. x is d × k. False when a vector did not converge.
bool tridiagonalTopVectors(const Eigen::VectorXd& diag, const Eigen::VectorXd& sub, const Eigen::VectorXd& ascending, long k,
                           MatrixD& x)
{
    const long d = diag.size();
    constexpr double eps = 2.220446049250313e-16;
    double norm = 0.0;  // ‖T‖₁
    for (long i = 0; i < d; ++i) {
        const double row = std::abs(diag(i)) + (i > 0 ? std::abs(sub(i - 1)) : 0.0) + (i + 1 < d ? std::abs(sub(i)) : 0.0);
        norm = row > norm ? row : norm;
    }
    if (norm == 0.0)
        norm = 1.0;
    const double tiny = eps * norm;
    const double clusterGap = 1e-3 * norm;  // dstein's: shifts closer than this are kept apart
    Eigen::VectorXd work(5 * d), b(d);
    std::uint64_t state = 0x9E3779B97F4A7C15ull;  // a fixed start, so results repeat
    double previous = 0.0;
    for (long j = 0; j < k; ++j) {
        double lambda = ascending(d - 1 - j);
        if (j > 0 && previous - lambda < clusterGap) {
            // the same cluster: separate equal shifts a little, as dstein does, so the solves differ
            const double separation = 10.0 * eps * (std::abs(lambda) > norm * eps ? std::abs(lambda) : norm * eps);
            if (previous - lambda < separation)
                lambda = previous - separation;
        }
        previous = lambda;
        for (long i = 0; i < d; ++i) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            b(i) = static_cast<double>(static_cast<std::int64_t>(state >> 11) - (std::int64_t{1} << 52)) / static_cast<double>(std::int64_t{1} << 52);
        }
        bool converged = false;
        int extra = 0;
        for (int it = 0; it < 8 && extra < 2; ++it) {
            b /= b.norm();
            tridiagonalShiftedSolve(diag.data(), sub.data(), d, lambda, tiny, b.data(), work.data());
            for (long p = 0; p < j; ++p)  // modified Gram–Schmidt
                b -= x.col(p).dot(b) * x.col(p);
            const double growth = b.norm();
            // ‖(T − λ) v‖ ≈ 1 / growth for v = b / ‖b‖: converged when that is at rounding level
            if (!(growth < 1e300))
                return false;
            if (growth * 1e3 * static_cast<double>(d) * tiny >= 1.0) {
                converged = true;
                ++extra;
            }
        }
        if (!converged)
            return false;
        x.col(j) = b / b.norm();
    }
    return true;
}

bool symmetricEigenTop(const double* c, long d, long k, double* values, double* vectors)
{
    const Eigen::Map<const MatrixD> cm(c, d, d);
    bool done = false;
    if (k < d && d > 2) {
        // Tridiagonalise (C = Q T Qᵀ), all eigenvalues of T by implicit QR without vectors, the k wanted
        // vectors of T by inverse iteration, and Q applied to those k only: the d × d accumulation of
        // the rotations, most of the time of a full solve, is never done.
        MatrixD lower = cm.triangularView<Eigen::Lower>();
        const double scale = lower.cwiseAbs().maxCoeff();  // as SelfAdjointEigenSolver: ‖T‖ about 1
        if (scale > 0.0 && scale < 1e300) {
            lower /= scale;
            const Eigen::Tridiagonalization<MatrixD> tri(lower);
            Eigen::VectorXd diag = tri.diagonal(), sub = tri.subDiagonal();
            Eigen::SelfAdjointEigenSolver<MatrixD> es;
            es.computeFromTridiagonal(diag, sub, Eigen::EigenvaluesOnly);
            MatrixD x(d, k);
            if (es.info() == Eigen::Success && tridiagonalTopVectors(diag, sub, es.eigenvalues(), k, x)) {
                // Check what inverse iteration promises before trusting it: residuals and orthonormality.
                MatrixD tx(d, k);
                for (long j = 0; j < k; ++j)
                    for (long i = 0; i < d; ++i)
                        tx(i, j) = diag(i) * x(i, j) + (i > 0 ? sub(i - 1) * x(i - 1, j) : 0.0) + (i + 1 < d ? sub(i) * x(i + 1, j) : 0.0);
                double residual = 0.0;
                for (long j = 0; j < k; ++j) {
                    const double r = (tx.col(j) - es.eigenvalues()(d - 1 - j) * x.col(j)).cwiseAbs().maxCoeff();
                    residual = r > residual ? r : residual;
                }
                const double orthogonality = (x.transpose() * x - MatrixD::Identity(k, k)).cwiseAbs().maxCoeff();
                const Eigen::VectorXd& ev = es.eigenvalues();
                const double normT = std::abs(ev(0)) > std::abs(ev(d - 1)) ? std::abs(ev(0)) : std::abs(ev(d - 1));
                if (residual <= 10.0 * static_cast<double>(d) * 2.220446049250313e-16 * normT && orthogonality < 1e-12) {
                    Eigen::Map<MatrixD> v(vectors, d, k);
                    v = tri.matrixQ() * x;
                    for (long j = 0; j < k; ++j)
                        values[j] = es.eigenvalues()(d - 1 - j) * scale;
                    done = true;
                }
            }
        }
    }
    if (!done) {
        Eigen::SelfAdjointEigenSolver<MatrixD> es(cm);
        if (es.info() != Eigen::Success)
            return false;
        for (long j = 0; j < k; ++j) {
            values[j] = es.eigenvalues()(d - 1 - j);
            Eigen::Map<MatrixD>(vectors, d, k).col(j) = es.eigenvectors().col(d - 1 - j);
        }
    }
    return true;
}

}  // namespace

const PcaKernels* AIMATH_PCA_KERNELS_GETTER()
{
    static const PcaKernels table{AIMATH_PCA_KERNELS_NAME, gramLower, timesRight, timesLeftTransposed, gramTimes, normalize, project,
                                  orthonormalizeHouseholder, symmetricEigen, symmetricEigenTop};
    return &table;
}

}  // namespace aimath::linalg
