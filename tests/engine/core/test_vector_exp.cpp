// The vectorised e^x of engine/core/vector_exp.h against glibc's std::exp, value by value in
// units in the last place, its special values, and the same bits on every path (SSE2 or AVX2,
// any position in an array).
#include "engine/core/vector_exp.h"

#include <QTest>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

using namespace aimath;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// Distance in representable doubles (both finite and of the same sign here).
std::int64_t ulpDistance(double a, double b)
{
    std::int64_t ia = 0, ib = 0;
    std::memcpy(&ia, &a, sizeof a);
    std::memcpy(&ib, &b, sizeof b);
    return ia > ib ? ia - ib : ib - ia;
}

bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Softmax arguments (x ≤ 0, down to where e^x underflows), around 0, and the whole range.
std::vector<double> sampleInputs()
{
    std::mt19937_64 rng(20261129);
    std::vector<double> x;
    std::uniform_real_distribution<double> below(-746.0, 0.0), near(-1.0, 1.0), all(-760.0, 712.0), tiny(-1e-8, 1e-8);
    for (int i = 0; i < 400000; ++i)
        x.push_back(below(rng));
    for (int i = 0; i < 200000; ++i)
        x.push_back(near(rng));
    for (int i = 0; i < 200000; ++i)
        x.push_back(all(rng));
    for (int i = 0; i < 20000; ++i)
        x.push_back(tiny(rng));
    // Near the rounding boundaries of k = round(x / ln 2) and at the ends of the range.
    for (int k = -1075; k <= 1024; ++k)
        for (double d : {-1e-12, 0.0, 1e-12})
            x.push_back((k + 0.5) * std::log(2.0) + d);
    for (double v : {0.0, -0.0, 1.0, -1.0, std::log(2.0), -708.3964185322641, -708.4, -745.1332191019411, -745.2, -746.0,
                     709.782712893384, 709.79, 710.0})
        x.push_back(v);
    return x;
}
}  // namespace

class TestVectorExp : public QObject {
    Q_OBJECT
private slots:
    void withinOneUlpOfStdExp();
    void specialValues();
    void samebitsOnEveryPathAndPosition();
};

void TestVectorExp::withinOneUlpOfStdExp()
{
    const std::vector<double> x = sampleInputs();
    std::vector<double> y(x.size());
    vexp::expArray(x.data(), y.data(), static_cast<std::ptrdiff_t>(x.size()));
    std::int64_t worstNormal = 0, worstSubnormal = 0;
    double worstAt = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double ref = std::exp(x[i]);
        if (std::isinf(ref)) {
            QVERIFY2(std::isinf(y[i]) && y[i] > 0, qPrintable(QString::number(x[i], 'g', 17)));
            continue;
        }
        QVERIFY2(std::isfinite(y[i]) && y[i] >= 0.0, qPrintable(QString::number(x[i], 'g', 17)));
        const std::int64_t d = ulpDistance(y[i], ref);
        // Below DBL_MIN the spacing is the subnormal one, 2^−1074.
        std::int64_t& worst = ref < std::numeric_limits<double>::min() ? worstSubnormal : worstNormal;
        if (d > worst) {
            worst = d;
            if (&worst == &worstNormal)
                worstAt = x[i];
        }
    }
    qInfo("largest difference from std::exp: %lld ulp for normal results (at x = %.17g), %lld ulp for subnormal ones",
          static_cast<long long>(worstNormal), worstAt, static_cast<long long>(worstSubnormal));
    // Measured here: 1 and 1 (the method alone is within about 1 ulp of e^x; glibc's within 0.5).
    QVERIFY2(worstNormal <= 1, qPrintable(QString::number(worstNormal)));
    QVERIFY2(worstSubnormal <= 1, qPrintable(QString::number(worstSubnormal)));
}

void TestVectorExp::specialValues()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double x[] = {-kInf, -1e300, -746.0, 0.0, -0.0, 710.0, 1e300, kInf, nan, 1.0};
    double y[std::size(x)];
    vexp::expArray(x, y, static_cast<std::ptrdiff_t>(std::size(x)));
    // −∞ and anything at or below −746 give +0 (the bits of +0, not −0): masked softmax weights.
    for (int i = 0; i < 3; ++i)
        QVERIFY2(sameBits(y[i], 0.0), qPrintable(QString::number(x[i])));
    QCOMPARE(y[3], 1.0);  // e^0 exactly: k = 0, r = 0, 1 + (0 + 0) = 1
    QCOMPARE(y[4], 1.0);
    for (int i = 5; i < 8; ++i)
        QCOMPARE(y[i], kInf);
    QVERIFY(std::isnan(y[8]));
    // e = 2.718281828459045 (the double nearest e), within 1 ulp.
    QVERIFY(ulpDistance(y[9], 2.718281828459045) <= 1);
    // The smallest subnormal: e^x rounds to 2^−1074 for x in about (−745.13, −744.44).
    const double s = -745.0;
    double t = 0;
    vexp::expArray(&s, &t, 1);
    QCOMPARE(t, std::exp(-745.0));
    QCOMPARE(t, std::numeric_limits<double>::denorm_min());
}

void TestVectorExp::samebitsOnEveryPathAndPosition()
{
    const std::vector<double> x = sampleInputs();
    const auto n = static_cast<std::ptrdiff_t>(x.size());
    std::vector<double> base(x.size()), avx(x.size());
    vexp::detail::expArrayBaseline(x.data(), base.data(), n);
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (__builtin_cpu_supports("avx2")) {
        vexp::detail::expArrayAvx2(x.data(), avx.data(), n);
        QVERIFY(std::memcmp(base.data(), avx.data(), base.size() * sizeof(double)) == 0);
    } else {
        qInfo("no AVX2 on this CPU: the AVX2 path is not compared");
    }
#endif
    // Any position in an array, any length (the tails go through the same code padded), in place too.
    for (std::ptrdiff_t len = 1; len <= 21; ++len)
        for (std::ptrdiff_t at : {std::ptrdiff_t(0), std::ptrdiff_t(5), std::ptrdiff_t(1000), n - len}) {
            std::vector<double> part(x.begin() + at, x.begin() + at + len);
            vexp::expArray(part.data(), part.data(), len);
            for (std::ptrdiff_t i = 0; i < len; ++i)
                QVERIFY2(sameBits(part[static_cast<std::size_t>(i)], base[static_cast<std::size_t>(at + i)]),
                         qPrintable(QStringLiteral("length %1 at %2").arg(len).arg(at)));
        }
}

QTEST_MAIN(TestVectorExp)
#include "test_vector_exp.moc"
