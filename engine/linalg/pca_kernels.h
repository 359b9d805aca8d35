#pragma once
// The heavy loops of PCA behind a table of plain functions, so that one source
// (pca_kernels_impl.h) is compiled twice: for baseline x86-64 (SSE2) and for
// AVX2 + FMA, and the table is chosen at run time. The portable build then runs
// its products at the speed of the machine it finds, and still starts on any
// x86-64 CPU.
//
// Why plain functions over raw arrays: the AVX2 copy compiles Eigen with its
// namespace renamed (EigenAvx2), so its templates cannot be merged by the linker
// with the SSE2 ones of the rest of the program (same mangled names, either copy
// kept for all: SIGILL on an old CPU). Nothing of Eigen may cross this interface;
// the test engine_linalg_avx2_symbols checks the object defines nothing else.
//
// Matrices are column-major unless a name says row-major; ld* are leading
// dimensions (the distance between columns, or rows for row-major ones).

namespace aimath::linalg {

struct PcaKernels {
    const char* name;  ///< "avx2+fma" or "baseline"
    /// c (m × m, ldc) lower triangle += Zᵀ Z over the first m columns of z (rows × ·, row-major, ldz),
    /// in double (float products are exact in double); work holds rows × m doubles.
    void (*gramLower)(const float* z, long rows, long ldz, long m, double* c, long ldc, double* work);
    /// out (rows × l, ldo) = Z · M in float, stored as double; z rows × d row-major (ldz), m d × l; work holds rows × l floats.
    void (*timesRight)(const float* z, long rows, long d, long ldz, const float* m, long l, double* out, long ldo, float* work);
    /// out (d × l) += Zᵀ · Q in float for the block, summed in double; q rows × l (ldq) in double;
    /// work holds rows × l + d × l floats.
    void (*timesLeftTransposed)(const float* z, long rows, long d, long ldz, const double* q, long ldq, long l, double* out, float* work);
    /// a (d × l) += Zᵀ (Z W) for the block: Z W in float, its product with Zᵀ in float, summed in double;
    /// w d × l; work holds rows × l + d × l floats. One read of the block for both products of a power iteration.
    void (*gramTimes)(const float* z, long rows, long d, long ldz, const float* w, long l, double* a, float* work);
    /// out (rows × d, row-major, ldo) = (x − mean) · inv per column, in double, rounded to float once;
    /// x rows × d row-major (ldx). The same value on every path (no reordered or fused arithmetic).
    void (*normalize)(const float* x, long rows, long d, long ldx, const double* mean, const double* inv, float* out, long ldo);
    /// out (rows × k, row-major, ldo) = Z · W in float, w d × k.
    void (*project)(const float* z, long rows, long d, long ldz, const float* w, long k, float* out, long ldo);
    /// q (n × l) in place becomes the Q of its Householder QR (n ≥ l).
    void (*orthonormalizeHouseholder)(double* q, long n, long l);
    /// Eigenvalues (ascending) and unit eigenvectors (d × d, columns) of the symmetric c (d × d, lower triangle read);
    /// false when the solver did not converge.
    bool (*symmetricEigen)(const double* c, long d, double* values, double* vectors);
    /// The k largest eigenvalues (descending) and their unit eigenvectors (d × k) of the symmetric c (lower
    /// triangle read), k ≤ d: tridiagonalisation, eigenvalues by implicit QR, the k vectors by inverse
    /// iteration (checked: residual and orthonormality, else the full solver); false when nothing converged.
    bool (*symmetricEigenTop)(const double* c, long d, long k, double* values, double* vectors);
};

/// The table compiled for baseline x86-64 (or whatever the build targets).
const PcaKernels* pcaKernelsBaseline();
/// The table compiled with -mavx2 -mfma; nullptr when not built for x86-64. Call only when the CPU has AVX2 and FMA.
const PcaKernels* pcaKernelsAvx2();
/// The table PCA uses: AVX2 + FMA when cpu::avx2Allowed() (engine/core/cpu_state.h: the CPU has both and
/// AIMATH_NO_AVX2 is unset, empty or "0"), else baseline.
const PcaKernels& pcaKernels();

}  // namespace aimath::linalg
