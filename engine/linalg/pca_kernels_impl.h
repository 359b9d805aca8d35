// The PCA kernels of pca_kernels.h, included once by each of pca_kernels_baseline.cpp
// and pca_kernels_avx2.cpp (no include guard on purpose). The including file defines
// AIMATH_PCA_KERNELS_GETTER, the name of the one function with external linkage, and
// for the AVX2 copy renames Eigen's namespace before this file includes Eigen.
// Everything else here has internal linkage (an anonymous namespace).
#include "engine/linalg/pca_kernels.h"

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <Eigen/QR>

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
    const ConstRowsMap zb(z, rows, m, Stride(ldz));
    Eigen::Map<MatrixD> block(work, rows, m);
    block = zb.cast<double>();
    Eigen::Map<MatrixD, 0, Stride> cm(c, m, m, Stride(ldc));
    cm.selfadjointView<Eigen::Lower>().rankUpdate(block.transpose());
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

}  // namespace

const PcaKernels* AIMATH_PCA_KERNELS_GETTER()
{
    static const PcaKernels table{AIMATH_PCA_KERNELS_NAME, gramLower, timesRight, timesLeftTransposed, gramTimes, normalize, project,
                                  orthonormalizeHouseholder, symmetricEigen};
    return &table;
}

}  // namespace aimath::linalg
