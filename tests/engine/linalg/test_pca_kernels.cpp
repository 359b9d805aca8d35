// The two tables of PCA kernels (baseline and AVX2 + FMA, engine/linalg/pca_kernels.h): each
// kernel against a brute-force double loop, and whole PCAs on the two paths against each other.
// The AVX2 rows are skipped on a CPU without AVX2 and FMA (the baseline rows still run).

#include "engine/core/cpu_state.h"
#include "engine/linalg/pca.h"
#include "engine/linalg/pca_kernels.h"
#include "tests/support/compare.h"

#include <Eigen/QR>

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <tuple>

using namespace aimath::linalg;

namespace {

bool cpuHasAvx2()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && pcaKernelsAvx2() != nullptr;
#else
    return false;
#endif
}

/// The table of a data row ("baseline" or "avx2"); skips the test when this CPU cannot run it.
const PcaKernels* tableOf(const QString& name)
{
    if (name == "baseline")
        return pcaKernelsBaseline();
    return cpuHasAvx2() ? pcaKernelsAvx2() : nullptr;
}

Eigen::MatrixXd gaussianD(Eigen::Index rows, Eigen::Index cols, unsigned seed, double offset = 0.0)
{
    std::mt19937 gen(seed);
    std::normal_distribution<double> nd;
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j)
            m(i, j) = nd(gen) + offset;
    return m;
}

/// n × d with a decaying spectrum and an offset (as test_pca's synthetic data).
RowMatrixF decayingData(int n, int d, unsigned seed)
{
    const Eigen::MatrixXd g = gaussianD(n, d, seed);
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussianD(d, d, seed + 1));
    const Eigen::MatrixXd q = qr.householderQ();
    Eigen::VectorXd s(d);
    for (int j = 0; j < d; ++j)
        s(j) = 5.0 * std::pow(0.85, j);
    Eigen::MatrixXd x = g * s.asDiagonal() * q.transpose();
    x.rowwise() += Eigen::RowVectorXd::LinSpaced(d, 1.0, 3.0);
    return x.cast<float>();
}

/// Sets or clears AIMATH_NO_AVX2 for the lifetime of the object (the engine reads it once, so
/// cpu::rereadEnvironment() after each change).
class BaselineOnly {
public:
    explicit BaselineOnly(bool on)
    {
        if (on)
            setenv("AIMATH_NO_AVX2", "1", 1);
        else
            unsetenv("AIMATH_NO_AVX2");
        aimath::cpu::rereadEnvironment();
    }
    ~BaselineOnly()
    {
        unsetenv("AIMATH_NO_AVX2");
        aimath::cpu::rereadEnvironment();
    }
};

}  // namespace

class TestPcaKernels : public QObject {
    Q_OBJECT

private:
    void tables()
    {
        QTest::addColumn<QString>("table");
        QTest::newRow("baseline") << QString("baseline");
        if (cpuHasAvx2())  // the AVX2 table exists only where the CPU can run it
            QTest::newRow("avx2") << QString("avx2");
    }

private slots:
    void choiceFollowsTheEnvironment()
    {
        {
            BaselineOnly off(true);
            QCOMPARE(std::string(pcaKernels().name), std::string("baseline"));
        }
        setenv("AIMATH_NO_AVX2", "0", 1);  // "0" means not forbidden
        aimath::cpu::rereadEnvironment();
        const std::string zero = pcaKernels().name;
        unsetenv("AIMATH_NO_AVX2");
        aimath::cpu::rereadEnvironment();
        const std::string expected = cpuHasAvx2() ? "avx2+fma" : "baseline";
        QCOMPARE(zero, expected);
        QCOMPARE(std::string(pcaKernels().name), expected);
        QCOMPARE(std::string(pcaKernelsBaseline()->name), std::string("baseline"));
    }

    void normalizeIsTheScalarFormula_data() { tables(); }
    void normalizeIsTheScalarFormula()
    {
        // Every path must give z bit for bit (PCA of x through its normalisation equals PCA of z).
        QFETCH(QString, table);
        const PcaKernels* k = tableOf(table);
        QVERIFY(k);
        const Eigen::Index n = 37, d = 13, ldx = 16, ldo = 15;
        const RowMatrixF x = (gaussianD(n, ldx, 3, 2.0) * 1e3).cast<float>();
        const Eigen::VectorXd mean = gaussianD(d, 1, 4, 1.5) * 1e3, inv = gaussianD(d, 1, 5).cwiseAbs();
        RowMatrixF out = RowMatrixF::Constant(n, ldo, -7.0f);
        k->normalize(x.data(), n, d, ldx, mean.data(), inv.data(), out.data(), ldo);
        for (Eigen::Index i = 0; i < n; ++i) {
            for (Eigen::Index j = 0; j < d; ++j)
                QCOMPARE(out(i, j), static_cast<float>((static_cast<double>(x(i, j)) - mean(j)) * inv(j)));
            for (Eigen::Index j = d; j < ldo; ++j)
                QCOMPARE(out(i, j), -7.0f);  // past d: untouched
        }
    }

    void gramLowerIsTheBruteForceSum_data() { tables(); }
    void gramLowerIsTheBruteForceSum()
    {
        QFETCH(QString, table);
        const PcaKernels* k = tableOf(table);
        QVERIFY(k);
        const Eigen::Index rows = 301, ldz = 23, m = 19, ldc = 21;
        const RowMatrixF z = gaussianD(rows, ldz, 6, 0.5).cast<float>();
        Eigen::MatrixXd c = gaussianD(ldc, m, 7);  // the kernel adds to what is there
        const Eigen::MatrixXd before = c;
        Eigen::VectorXd work(rows * m);
        k->gramLower(z.data(), rows, ldz, m, c.data(), ldc, work.data());
        for (Eigen::Index j = 0; j < m; ++j)
            for (Eigen::Index i = 0; i < ldc; ++i) {
                if (i < j || i >= m) {
                    QCOMPARE(c(i, j), before(i, j));  // the upper triangle and the padding stay
                    continue;
                }
                double sum = 0.0, mag = 0.0;  // float products are exact in double
                for (Eigen::Index r = 0; r < rows; ++r) {
                    sum += static_cast<double>(z(r, i)) * static_cast<double>(z(r, j));
                    mag += std::fabs(static_cast<double>(z(r, i)) * static_cast<double>(z(r, j)));
                }
                AIMATH_COMPARE_ABS(c(i, j), before(i, j) + sum, 1e-13 * mag);
            }
    }

    void productsAreTheDoubleProducts_data() { tables(); }
    void productsAreTheDoubleProducts()
    {
        // Float products: each entry within a few float roundings of Σ|terms| (d·2⁻²⁴ would be the worst case).
        QFETCH(QString, table);
        const PcaKernels* k = tableOf(table);
        QVERIFY(k);
        const Eigen::Index rows = 257, d = 31, ldz = 33, l = 7;
        const RowMatrixF z = gaussianD(rows, ldz, 8, 0.3).cast<float>();
        const Eigen::MatrixXd zd = z.leftCols(d).cast<double>(), za = zd.cwiseAbs();
        const Eigen::MatrixXf m = gaussianD(d, l, 9).cast<float>();
        const Eigen::MatrixXd md = m.cast<double>();
        const double tol = 1e-5;

        // timesRight: out = Z M, into a column-major out with a leading dimension past rows
        Eigen::MatrixXd out = Eigen::MatrixXd::Constant(rows + 3, l, 99.0);
        Eigen::VectorXf work(rows * l + d * l);
        k->timesRight(z.data(), rows, d, ldz, m.data(), l, out.data(), out.outerStride(), work.data());
        const Eigen::MatrixXd zm = zd * md, zmAbs = za * md.cwiseAbs();
        for (Eigen::Index j = 0; j < l; ++j) {
            for (Eigen::Index i = 0; i < rows; ++i)
                AIMATH_COMPARE_ABS(out(i, j), zm(i, j), tol * zmAbs(i, j));
            for (Eigen::Index i = rows; i < rows + 3; ++i)
                QCOMPARE(out(i, j), 99.0);
        }

        // timesLeftTransposed: out += Zᵀ Q, q in double with a leading dimension past rows
        const Eigen::MatrixXd q = gaussianD(rows + 5, l, 10);
        Eigen::MatrixXd acc = gaussianD(d, l, 11);
        const Eigen::MatrixXd acc0 = acc;
        k->timesLeftTransposed(z.data(), rows, d, ldz, q.data(), q.outerStride(), l, acc.data(), work.data());
        const Eigen::MatrixXd ztq = zd.transpose() * q.topRows(rows), ztqAbs = za.transpose() * q.topRows(rows).cwiseAbs();
        for (Eigen::Index j = 0; j < l; ++j)
            for (Eigen::Index i = 0; i < d; ++i)
                AIMATH_COMPARE_ABS(acc(i, j), acc0(i, j) + ztq(i, j), tol * ztqAbs(i, j) + 1e-12);

        // gramTimes: a += Zᵀ (Z W)
        Eigen::MatrixXd a = gaussianD(d, l, 12);
        const Eigen::MatrixXd a0 = a;
        k->gramTimes(z.data(), rows, d, ldz, m.data(), l, a.data(), work.data());
        const Eigen::MatrixXd ztzm = zd.transpose() * zm, ztzmAbs = za.transpose() * zmAbs;
        for (Eigen::Index j = 0; j < l; ++j)
            for (Eigen::Index i = 0; i < d; ++i)
                AIMATH_COMPARE_ABS(a(i, j), a0(i, j) + ztzm(i, j), tol * ztzmAbs(i, j) + 1e-12);

        // project: a row-major out with a leading dimension past l
        RowMatrixF p = RowMatrixF::Constant(rows, l + 2, -3.0f);
        k->project(z.data(), rows, d, ldz, m.data(), l, p.data(), l + 2);
        for (Eigen::Index i = 0; i < rows; ++i) {
            for (Eigen::Index j = 0; j < l; ++j)
                AIMATH_COMPARE_ABS(p(i, j), zm(i, j), tol * zmAbs(i, j) + 1e-12);
            QCOMPARE(p(i, l), -3.0f);
            QCOMPARE(p(i, l + 1), -3.0f);
        }
    }

    void householderGivesAnOrthonormalBasisOfTheSpan_data() { tables(); }
    void householderGivesAnOrthonormalBasisOfTheSpan()
    {
        QFETCH(QString, table);
        const PcaKernels* k = tableOf(table);
        QVERIFY(k);
        const Eigen::Index n = 500, l = 12;
        Eigen::MatrixXd a = gaussianD(n, l, 13);
        a.col(3) *= 1e-4;  // an ill-conditioned column
        const Eigen::MatrixXd original = a;
        k->orthonormalizeHouseholder(a.data(), n, l);
        AIMATH_COMPARE_ABS((a.transpose() * a - Eigen::MatrixXd::Identity(l, l)).cwiseAbs().maxCoeff(), 0.0, 1e-13);
        // the same span: the original columns are their own projection on it
        const Eigen::MatrixXd projected = a * (a.transpose() * original);
        AIMATH_COMPARE_ABS((projected - original).cwiseAbs().maxCoeff(), 0.0, 1e-12);
    }

    void symmetricEigenSolves_data() { tables(); }
    void symmetricEigenSolves()
    {
        QFETCH(QString, table);
        const PcaKernels* k = tableOf(table);
        QVERIFY(k);
        const Eigen::Index d = 40;
        const Eigen::MatrixXd g = gaussianD(90, d, 14);
        const Eigen::MatrixXd c = g.transpose() * g;
        Eigen::MatrixXd lowerOnly = c;
        lowerOnly.triangularView<Eigen::StrictlyUpper>().setConstant(1e9);  // must not be read
        Eigen::VectorXd values(d);
        Eigen::MatrixXd vectors(d, d);
        QVERIFY(k->symmetricEigen(lowerOnly.data(), d, values.data(), vectors.data()));
        for (Eigen::Index j = 1; j < d; ++j)
            QVERIFY(values(j) >= values(j - 1));
        AIMATH_COMPARE_ABS((c * vectors - vectors * values.asDiagonal()).cwiseAbs().maxCoeff(), 0.0, 1e-11 * values(d - 1));
        AIMATH_COMPARE_ABS((vectors.transpose() * vectors - Eigen::MatrixXd::Identity(d, d)).cwiseAbs().maxCoeff(), 0.0, 1e-12);
        AIMATH_COMPARE_REL(values.sum(), c.trace(), 1e-12);
    }

    void symmetricEigenTopIsTheFullSolversTop_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("matrix");
        QTest::addColumn<int>("d");
        QTest::addColumn<int>("k");
        const char* tableNames[] = {"baseline", "avx2"};
        for (int t = 0; t < (cpuHasAvx2() ? 2 : 1); ++t)
            for (auto [matrix, d, k] : {std::tuple{"decaying", 300, 50}, std::tuple{"decaying", 60, 59}, std::tuple{"decaying", 60, 1},
                                        std::tuple{"decaying", 40, 40}, std::tuple{"rank 10", 120, 50}, std::tuple{"repeated", 150, 50},
                                        std::tuple{"diagonal", 100, 50}, std::tuple{"identity", 80, 50}, std::tuple{"zero", 80, 50},
                                        std::tuple{"tiny", 200, 30}, std::tuple{"huge", 200, 30}})
                QTest::addRow("%s %s d=%d k=%d", tableNames[t], matrix, d, k) << QString(tableNames[t]) << QString(matrix) << d << k;
    }
    void symmetricEigenTopIsTheFullSolversTop()
    {
        // The top-k path (tridiagonalisation, eigenvalues only, inverse iteration, back-transformation)
        // against Eigen's full solver on the same table: the same eigenvalues, and vectors that are
        // orthonormal eigenvectors (residual); repeated eigenvalues (equal within rounding, or exactly
        // equal as in the rank-deficient, diagonal, identity and zero cases) only determine the space,
        // which residual and orthonormality together pin down.
        QFETCH(QString, table);
        QFETCH(QString, matrix);
        QFETCH(int, d);
        QFETCH(int, k);
        const PcaKernels* kern = tableOf(table);
        QVERIFY(kern);
        Eigen::MatrixXd c;
        if (matrix == "decaying" || matrix == "tiny" || matrix == "huge") {
            const Eigen::MatrixXd z = decayingData(2 * d, d, 31).cast<double>();
            c = z.transpose() * z;
            c *= matrix == "tiny" ? 1e-200 : matrix == "huge" ? 1e200 : 1.0;
        } else if (matrix == "rank 10") {
            const Eigen::MatrixXd z = gaussianD(500, 10, 32) * gaussianD(10, d, 33);
            c = z.transpose() * z;
        } else if (matrix == "repeated") {
            // Q diag(λ) Qᵀ: 20 eigenvalues 3, 20 equal to 2, 5 within 1e-9 of 2, then 1 / (i + 1)
            Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussianD(d, d, 34));
            const Eigen::MatrixXd q = qr.householderQ();
            Eigen::VectorXd l(d);
            for (int i = 0; i < d; ++i)
                l(i) = i < 20 ? 3.0 : i < 40 ? 2.0 : i < 45 ? 2.0 + 1e-10 * i : 1.0 / (i + 1);
            c = q * l.asDiagonal() * q.transpose();
        } else if (matrix == "diagonal") {
            c = Eigen::MatrixXd::Zero(d, d);
            for (int i = 0; i < d; ++i)
                c(i, i) = (i % 7) * 1.5;  // each value 14 or 15 times
        } else if (matrix == "identity") {
            c = Eigen::MatrixXd::Identity(d, d);
        } else {
            c = Eigen::MatrixXd::Zero(d, d);
        }
        Eigen::MatrixXd lowerOnly = c;
        lowerOnly.triangularView<Eigen::StrictlyUpper>().setConstant(1e9);  // must not be read
        Eigen::VectorXd all(d), values(k);
        Eigen::MatrixXd full(d, d), vectors(d, k);
        QVERIFY(kern->symmetricEigen(lowerOnly.data(), d, all.data(), full.data()));
        QVERIFY(kern->symmetricEigenTop(lowerOnly.data(), d, k, values.data(), vectors.data()));
        const double top = std::max(std::abs(all(0)), std::abs(all(d - 1)));
        for (int j = 0; j < k; ++j)
            AIMATH_COMPARE_ABS(values(j), all(d - 1 - j), 1e-12 * top);
        AIMATH_COMPARE_ABS((c * vectors - vectors * values.asDiagonal()).cwiseAbs().maxCoeff(), 0.0, 1e-12 * top);
        AIMATH_COMPARE_ABS((vectors.transpose() * vectors - Eigen::MatrixXd::Identity(k, k)).cwiseAbs().maxCoeff(), 0.0, 1e-12);
        if (matrix == "decaying")  // distinct eigenvalues: the same vectors up to sign
            for (int j = 0; j < k; ++j)
                AIMATH_COMPARE_REL(std::abs(vectors.col(j).dot(full.col(d - 1 - j))), 1.0, 1e-10);
    }

    void pathsAgree_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<int>("mode");
        if (!cpuHasAvx2())  // one path only on this CPU: nothing to compare
            return;
        for (auto [method, mname] : {std::pair{PcaMethod::Exact, "exact"}, std::pair{PcaMethod::Randomized, "randomized"}})
            for (auto [mode, nname] : {std::pair{Normalize::Center, "center"}, std::pair{Normalize::Standardize, "standardize"},
                                       std::pair{Normalize::Spherize, "spherize"}})
                QTest::addRow("%s %s", mname, nname) << static_cast<int>(method) << static_cast<int>(mode);
    }
    void pathsAgree()
    {
        // A whole PCA on the baseline and on the AVX2 kernels: 6,000 rows, so that every pass runs on two
        // threads. The normalised rows are the same bits on both paths (the randomized method sums its
        // totalVariance from them outside the kernels: equal; the exact one takes the trace of Zᵀ Z, the
        // same exact products summed in another order); the covariance likewise (1e-12); the
        // exact decomposition then agrees to 1e-9, the randomized one (float products, rounded differently
        // with FMA) to 1e-6 in its variances.
        QFETCH(int, method);
        QFETCH(int, mode);
        const RowMatrixF x = decayingData(6000, 40, 21);
        const Normalization norm = fitNormalization(x, static_cast<Normalize>(mode));
        PcaOptions o;
        o.method = static_cast<PcaMethod>(method);
        o.maxComponents = 12;
        PcaResult r[2];
        RowMatrixF p[2];
        for (int path = 0; path < 2; ++path) {
            BaselineOnly baseline(path == 0);
            QCOMPARE(std::string(pcaKernels().name), std::string(path == 0 ? "baseline" : "avx2+fma"));
            r[path] = pca(x, norm, o);
            QVERIFY2(r[path].ok, r[path].message.c_str());
            projectRows(x, norm, r[path].components, {0, 1, 2}, p[path]);
        }
        const bool exact = static_cast<PcaMethod>(method) == PcaMethod::Exact;
        if (exact)
            AIMATH_COMPARE_REL(r[1].totalVariance, r[0].totalVariance, 1e-13);
        else
            QCOMPARE(r[1].totalVariance, r[0].totalVariance);
        const double covScale = r[0].covariance.cwiseAbs().maxCoeff();
        AIMATH_COMPARE_ABS((r[1].covariance - r[0].covariance).cwiseAbs().maxCoeff(), 0.0, 1e-12 * covScale);
        for (int j = 0; j < 12; ++j) {
            AIMATH_COMPARE_REL(r[1].explainedVariance(j), r[0].explainedVariance(j), exact ? 1e-9 : 1e-6);
            const double dot = r[0].components.col(j).dot(r[1].components.col(j));
            QVERIFY2(dot > 1.0 - (exact ? 1e-9 : 1e-6), qPrintable(QString("component %1: dot %2").arg(j).arg(dot, 0, 'g', 17)));
        }
        // Projections on the first three components: float products of the same rows, ±1e-5 of the coordinates' scale.
        const double scale = p[0].cwiseAbs().maxCoeff();
        AIMATH_COMPARE_ABS((p[1] - p[0]).cwiseAbs().maxCoeff(), 0.0, 1e-5 * scale);
    }
};

QTEST_APPLESS_MAIN(TestPcaKernels)
#include "test_pca_kernels.moc"
