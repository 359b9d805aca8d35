// Engine tests of scaled dot-product attention, each against an independent
// derivation: a naive loop implementation, closed forms worked out in the
// comments, or properties that must hold exactly (norms, relative position).

#include "engine/attention/attention.h"
#include "engine/attention/problem.h"
#include "engine/attention/sqrt_d_curve.h"
#include "engine/attention/token_vectors.h"
#include "engine/attention/tokenizer.h"
#include "engine/core/cpu_state.h"
#include "tests/support/compare.h"

#include <QTest>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <numbers>
#include <random>

using namespace aimath::attention;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

Eigen::MatrixXd randomMatrix(int r, int c, std::uint64_t seed)
{
    SplitMix64 rng(seed);
    Eigen::MatrixXd m(r, c);
    for (int i = 0; i < r; ++i)
        for (int j = 0; j < c; ++j)
            m(i, j) = rng.normal();
    return m;
}

// Reference: the definition written as plain loops, no shared code with the engine
// beyond the projection matrices (whose distribution is tested separately).
struct Naive {
    std::vector<std::vector<std::vector<double>>> scores, weights;  // [h][i][j]
    std::vector<std::vector<double>> entropy;                       // [h][i]
    Eigen::MatrixXd concat, output;
};

Naive naive(const Eigen::MatrixXd& q, const Eigen::MatrixXd& k, const Eigen::MatrixXd& v, const Eigen::MatrixXd& wo,
            int heads, bool scaled, double scaleFactor, double temperature, Mask mask, int pad)
{
    const int n = static_cast<int>(q.rows());
    const int d = static_cast<int>(q.cols());
    const int dk = d / heads;
    Naive r;
    r.concat = Eigen::MatrixXd::Zero(n, d);
    r.scores.assign(heads, std::vector<std::vector<double>>(n, std::vector<double>(n)));
    r.weights = r.scores;
    r.entropy.assign(heads, std::vector<double>(n));
    for (int h = 0; h < heads; ++h) {
        for (int i = 0; i < n; ++i) {
            for (int j = 0; j < n; ++j) {
                double dot = 0;
                for (int c = 0; c < dk; ++c)
                    dot += q(i, h * dk + c) * k(j, h * dk + c);
                double s = dot * scaleFactor / temperature;
                if (scaled)
                    s /= std::sqrt(static_cast<double>(dk));
                if ((mask == Mask::Causal && j > i) || (mask == Mask::Padding && j >= n - pad))
                    s = -kInf;
                r.scores[h][i][j] = s;
            }
            double z = 0;  // inputs here are small, so the unshifted exp is safe
            for (int j = 0; j < n; ++j)
                z += std::exp(r.scores[h][i][j]);
            double H = 0;
            for (int j = 0; j < n; ++j) {
                const double a = std::exp(r.scores[h][i][j]) / z;
                r.weights[h][i][j] = a;
                if (a > 0)
                    H -= a * std::log(a);
            }
            r.entropy[h][i] = H;
            for (int c = 0; c < dk; ++c) {
                double o = 0;
                for (int j = 0; j < n; ++j)
                    o += r.weights[h][i][j] * v(j, h * dk + c);
                r.concat(i, h * dk + c) = o;
            }
        }
    }
    r.output = Eigen::MatrixXd::Zero(n, d);
    for (int i = 0; i < n; ++i)
        for (int c = 0; c < d; ++c)
            for (int m = 0; m < d; ++m)
                r.output(i, c) += r.concat(i, m) * wo(m, c);
    return r;
}
}  // namespace

class TestAttention : public QObject {
    Q_OBJECT
private slots:
    void softmaxStableAtHugeLogits();
    void softmaxEntropyClosedForm();
    void fullyMaskedRowIsReported();
    void matchesNaiveDefinition_data();
    void matchesNaiveDefinition();
    void rowsSumToOne();
    void causalZerosAboveDiagonal();
    void paddingHidesLastKeys();
    void identityOnOrthogonalVectors();
    void identityClosedFormWeights();
    void outputEqualsAV();
    void selectedHeadOnlyGivesSameNumbers();
    void thumbnailsAreBlockMeans();
    void poolMeanHandWorked();
    void ropePreservesNorms();
    void ropeScoresDependOnRelativePosition();
    void ropeHandWorked();
    void sinusoidalHandWorked();
    void temperatureAndScaling();
    void projectionVariance();
    void hashedVectorsAreStable();
    void fnvKnownValue();
    void embeddingTableVectorsAreUsed();
    void tokenizer_data();
    void tokenizer();
    void tokenizerErrors();
    void specErrorsNameTheKey_data();
    void specErrorsNameTheKey();
    void manualModeMatchesHandWorked();
    void fp16Readouts();
    void sqrtDCurveFollowsTheory();
    void cancelStops();
    void workspaceReuseGivesSameResult();
    void cachedLogitsGiveFreshNumbers();
    void cacheFollowsItsInputs();
    void twoThreadsGiveOneThreadsNumbers();
    void lateOutputsMatchFullRun();
    void uniformAttentionReachesMaxEntropy();
    void softmaxMatchesStdExpReference();
    void softmaxSameBitsOnEveryPath();
    void fusedScaleSoftmaxMatchesDefinition();
    void othersEntropyOnlyGivesSameNumbers();
    void rowBlocksTakenInTurnGiveOneThreadsNumbers();
};

void TestAttention::softmaxStableAtHugeLogits()
{
    // Two equal maxima at 1e4 share all mass; exp(−2e4) and exp(−1e4) underflow to exactly 0.
    const double s[4] = {1e4, -1e4, 0.0, 1e4};
    double a[4];
    const double H = softmaxRow(s, a, 4);
    for (double x : a)
        QVERIFY(std::isfinite(x));
    AIMATH_COMPARE_ABS(a[0], 0.5, 1e-15);
    AIMATH_COMPARE_ABS(a[1], 0.0, 0.0);
    AIMATH_COMPARE_ABS(a[2], 0.0, 0.0);
    AIMATH_COMPARE_ABS(a[3], 0.5, 1e-15);
    AIMATH_COMPARE_REL(H, std::log(2.0), 1e-14);

    // All −1e4: uniform over 3, entropy ln 3.
    const double t[3] = {-1e4, -1e4, -1e4};
    double b[3];
    AIMATH_COMPARE_REL(softmaxRow(t, b, 3), std::log(3.0), 1e-14);
    AIMATH_COMPARE_REL(b[1], 1.0 / 3.0, 1e-15);

    // A masked entry next to huge logits.
    const double u[3] = {-kInf, 1e4, 1e4 - std::log(3.0)};
    double c[3];
    softmaxRow(u, c, 3);
    // e^0 : e^{−ln 3} = 1 : 1/3 → 3/4 and 1/4.
    AIMATH_COMPARE_REL(c[1], 0.75, 1e-12);
    AIMATH_COMPARE_REL(c[2], 0.25, 1e-12);
    QCOMPARE(c[0], 0.0);
}

void TestAttention::softmaxEntropyClosedForm()
{
    // Logits (0, ln 2, ln 3) → weights (1, 2, 3)/6; H = −Σ p ln p.
    const double s[3] = {0.0, std::log(2.0), std::log(3.0)};
    double a[3];
    const double H = softmaxRow(s, a, 3);
    const double p[3] = {1.0 / 6, 2.0 / 6, 3.0 / 6};
    double expect = 0;
    for (double x : p)
        expect -= x * std::log(x);
    for (int i = 0; i < 3; ++i)
        AIMATH_COMPARE_REL(a[i], p[i], 1e-14);
    AIMATH_COMPARE_REL(H, expect, 1e-14);
}

void TestAttention::fullyMaskedRowIsReported()
{
    const double s[2] = {-kInf, -kInf};
    double a[2] = {7, 7};
    QVERIFY(std::isnan(softmaxRow(s, a, 2)));
    QCOMPARE(a[0], 0.0);
    QCOMPARE(a[1], 0.0);

    Options o;
    o.mask = Mask::Padding;
    o.pad = 5;
    const Result r = computeAttention(randomMatrix(5, 8, 3), o);
    QVERIFY(!r.ok);
    QCOMPARE(QString::fromStdString(r.key), QStringLiteral("pad"));
    QVERIFY(QString::fromStdString(r.message).startsWith("pad: "));
}

void TestAttention::matchesNaiveDefinition_data()
{
    QTest::addColumn<int>("heads");
    QTest::addColumn<bool>("scaled");
    QTest::addColumn<double>("scaleFactor");
    QTest::addColumn<double>("temperature");
    QTest::addColumn<int>("mask");
    QTest::addColumn<int>("pad");
    QTest::addColumn<bool>("identity");
    QTest::newRow("1 head, plain") << 1 << true << 1.0 << 1.0 << int(Mask::None) << 0 << false;
    QTest::newRow("4 heads, causal") << 4 << true << 1.0 << 0.7 << int(Mask::Causal) << 0 << false;
    QTest::newRow("2 heads, unscaled, padding") << 2 << false << 0.5 << 2.0 << int(Mask::Padding) << 3 << false;
    QTest::newRow("8 heads, factor 3") << 8 << true << 3.0 << 1.5 << int(Mask::None) << 0 << false;
    QTest::newRow("identity 2 heads causal") << 2 << true << 1.0 << 1.0 << int(Mask::Causal) << 0 << true;
}

void TestAttention::matchesNaiveDefinition()
{
    QFETCH(int, heads);
    QFETCH(bool, scaled);
    QFETCH(double, scaleFactor);
    QFETCH(double, temperature);
    QFETCH(int, mask);
    QFETCH(int, pad);
    QFETCH(bool, identity);
    const int n = 9, d = 16;
    const Eigen::MatrixXd x = randomMatrix(n, d, 11);
    Options o;
    o.heads = heads;
    o.scaled = scaled;
    o.scaleFactor = scaleFactor;
    o.temperature = temperature;
    o.mask = static_cast<Mask>(mask);
    o.pad = pad;
    o.seed = 42;
    o.qkMode = identity ? QkMode::Identity : QkMode::Projected;
    const Result r = computeAttention(x, o);
    QVERIFY2(r.ok, r.message.c_str());
    QCOMPARE(r.dk, d / heads);

    Eigen::MatrixXd wq = projectionMatrix(0, d, 42), wk = projectionMatrix(1, d, 42), wv = projectionMatrix(2, d, 42),
                    wo = projectionMatrix(3, d, 42);
    if (identity)
        wq = wk = wv = wo = Eigen::MatrixXd::Identity(d, d);
    const Naive ref = naive(x * wq, x * wk, x * wv, wo, heads, scaled, scaleFactor, temperature, o.mask, pad);
    for (int h = 0; h < heads; ++h) {
        const HeadResult& hr = r.head[h];
        QVERIFY(hr.stored());
        for (int i = 0; i < n; ++i) {
            AIMATH_COMPARE_REL(hr.rowEntropy[i], ref.entropy[h][i], 1e-11);
            for (int j = 0; j < n; ++j) {
                const double e = ref.scores[h][i][j];
                if (std::isinf(e))
                    QCOMPARE(hr.scores(i, j), -kInf);
                else
                    AIMATH_COMPARE_ABS(hr.scores(i, j), e, 1e-12 * (1 + std::fabs(e)));
                AIMATH_COMPARE_ABS(hr.weights(i, j), ref.weights[h][i][j], 1e-13);
            }
        }
    }
    for (int i = 0; i < n; ++i)
        for (int c = 0; c < d; ++c) {
            AIMATH_COMPARE_ABS(r.concat(i, c), ref.concat(i, c), 1e-12);
            AIMATH_COMPARE_ABS(r.output(i, c), ref.output(i, c), 1e-12);
        }
}

void TestAttention::rowsSumToOne()
{
    for (Mask m : {Mask::None, Mask::Causal, Mask::Padding}) {
        Options o;
        o.heads = 4;
        o.mask = m;
        o.pad = 7;
        o.temperature = 0.1;
        const Result r = computeAttention(randomMatrix(40, 32, 5), o);
        QVERIFY(r.ok);
        for (const auto& hr : r.head) {
            for (int i = 0; i < r.n; ++i) {
                AIMATH_COMPARE_ABS(hr.weights.row(i).sum(), 1.0, 1e-13);
                QVERIFY(hr.weights.row(i).minCoeff() >= 0.0);
            }
        }
        for (int i = 0; i < r.n; ++i)
            AIMATH_COMPARE_ABS(r.meanWeights.row(i).sum(), 1.0, 1e-13);
    }
}

void TestAttention::causalZerosAboveDiagonal()
{
    Options o;
    o.heads = 2;
    o.mask = Mask::Causal;
    const Result r = computeAttention(randomMatrix(12, 8, 9), o);
    QVERIFY(r.ok);
    for (const auto& hr : r.head) {
        // Row 0 can only see itself: weight exactly 1, entropy 0.
        QCOMPARE(hr.weights(0, 0), 1.0);
        QCOMPARE(hr.rowEntropy[0], 0.0);
        for (int i = 0; i < r.n; ++i)
            for (int j = 0; j < r.n; ++j) {
                if (j > i) {
                    QCOMPARE(hr.weights(i, j), 0.0);
                    QCOMPARE(hr.scores(i, j), -kInf);
                } else {
                    QVERIFY(hr.weights(i, j) > 0.0);
                    QVERIFY(std::isfinite(hr.scores(i, j)));
                }
            }
    }
}

void TestAttention::paddingHidesLastKeys()
{
    Options o;
    o.mask = Mask::Padding;
    o.pad = 3;
    const Result r = computeAttention(randomMatrix(10, 4, 2), o);
    QVERIFY(r.ok);
    for (int i = 0; i < 10; ++i) {
        for (int j = 7; j < 10; ++j)
            QCOMPARE(r.head[0].weights(i, j), 0.0);
        QVERIFY(r.head[0].weights.row(i).head(7).minCoeff() > 0.0);
    }
}

void TestAttention::identityOnOrthogonalVectors()
{
    // Rows 20·e_i: Q = K, scores 400/√8 ≈ 141 on the diagonal and 0 elsewhere,
    // so off-diagonal weights are e^−141 ≈ 5e−62: A is the identity to double precision.
    const int n = 8;
    Eigen::MatrixXd x = 20.0 * Eigen::MatrixXd::Identity(n, n);
    Options o;
    o.qkMode = QkMode::Identity;
    const Result r = computeAttention(x, o);
    QVERIFY(r.ok);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            AIMATH_COMPARE_ABS(r.head[0].weights(i, j), i == j ? 1.0 : 0.0, 1e-60);
    // O = A V = X.
    AIMATH_COMPARE_ABS((r.output - x).cwiseAbs().maxCoeff(), 0.0, 1e-12);
}

void TestAttention::identityClosedFormWeights()
{
    // Rows c·e_i with c = 2, d = 4, n = 4: diagonal score c²/√d = 2, others 0,
    // so A_ii = e²/(e² + 3) and A_ij = 1/(e² + 3).
    Eigen::MatrixXd x = 2.0 * Eigen::MatrixXd::Identity(4, 4);
    Options o;
    o.qkMode = QkMode::Identity;
    const Result r = computeAttention(x, o);
    QVERIFY(r.ok);
    const double e2 = std::exp(2.0);
    AIMATH_COMPARE_REL(r.head[0].weights(1, 1), e2 / (e2 + 3), 1e-14);
    AIMATH_COMPARE_REL(r.head[0].weights(1, 2), 1 / (e2 + 3), 1e-14);
    AIMATH_COMPARE_REL(r.head[0].scores(2, 2), 2.0, 1e-15);
}

void TestAttention::outputEqualsAV()
{
    Options o;
    o.heads = 4;
    const Eigen::MatrixXd x = randomMatrix(20, 16, 4);
    const Result r = computeAttention(x, o);
    QVERIFY(r.ok);
    for (int h = 0; h < 4; ++h) {
        const auto& hr = r.head[h];
        // V_h is the h-th column block of X W_V.
        const Eigen::MatrixXd vh = (x * projectionMatrix(2, 16, o.seed)).middleCols(h * 4, 4);
        AIMATH_COMPARE_ABS((hr.v - vh).cwiseAbs().maxCoeff(), 0.0, 1e-13);
        for (int i = 0; i < 20; ++i)
            for (int c = 0; c < 4; ++c) {
                double s = 0;
                for (int j = 0; j < 20; ++j)
                    s += hr.weights(i, j) * hr.v(j, c);
                AIMATH_COMPARE_ABS(hr.output(i, c), s, 1e-13);
            }
    }
}

void TestAttention::selectedHeadOnlyGivesSameNumbers()
{
    // 150 rows spans several 64-row blocks; heads not stored go through the workspace path.
    const Eigen::MatrixXd x = randomMatrix(150, 12, 8);
    Options all;
    all.heads = 3;
    all.mask = Mask::Causal;
    Options one = all;
    one.storeAllHeads = false;
    one.selectedHead = 1;
    const Result a = computeAttention(x, all);
    const Result b = computeAttention(x, one);
    QVERIFY(a.ok && b.ok);
    QVERIFY(!b.head[0].stored() && b.head[1].stored() && !b.head[2].stored());
    for (int h = 0; h < 3; ++h) {
        AIMATH_COMPARE_ABS((a.head[h].rowEntropy - b.head[h].rowEntropy).cwiseAbs().maxCoeff(), 0.0, 0.0);
        AIMATH_COMPARE_ABS((a.head[h].output - b.head[h].output).cwiseAbs().maxCoeff(), 0.0, 0.0);
        AIMATH_COMPARE_ABS((a.head[h].thumb - b.head[h].thumb).cwiseAbs().maxCoeff(), 0.0, 0.0);
    }
    QCOMPARE(a.head[1].weights, b.head[1].weights);
    AIMATH_COMPARE_ABS((a.output - b.output).cwiseAbs().maxCoeff(), 0.0, 0.0);

    // selectedHeadOnly (the tab's quick first picture) computes head 1 alone, with the
    // same numbers; the other heads and the combined output are NaN, sized as usual.
    Result c = computeAttention(x, one);
    Options quick = one;
    quick.temperature = 0.5;
    quick.selectedHeadOnly = true;
    Options full = one;
    full.temperature = 0.5;
    const Result expected = computeAttention(x, full);
    computeAttention(x, quick, c);
    QVERIFY(c.ok);
    QCOMPARE(c.head[1].weights, expected.head[1].weights);
    QCOMPARE(c.head[1].scores, expected.head[1].scores);
    AIMATH_COMPARE_ABS((c.head[1].rowEntropy - expected.head[1].rowEntropy).cwiseAbs().maxCoeff(), 0.0, 0.0);
    QCOMPARE(c.head[1].maxAbsLogit, expected.head[1].maxAbsLogit);
    QCOMPARE(c.head[1].maxAbsScore, expected.head[1].maxAbsScore);
    QVERIFY(c.head[1].output.array().isNaN().all());
    for (int h : {0, 2}) {
        QCOMPARE(c.head[h].rowEntropy.size(), Eigen::Index(150));
        QVERIFY(c.head[h].rowEntropy.array().isNaN().all());
        QVERIFY(c.head[h].output.array().isNaN().all());
        QVERIFY(!c.head[h].stored());
    }
    QCOMPARE(c.output.rows(), Eigen::Index(150));
    QVERIFY(c.output.array().isNaN().all());
}

void TestAttention::thumbnailsAreBlockMeans()
{
    const Eigen::MatrixXd x = randomMatrix(70, 8, 1);
    Options o;
    o.heads = 2;
    o.maxThumb = 16;  // 70 → blocks of 5 → 14 cells
    o.maxMean = 32;   // blocks of 3 → 24 cells, the last block 1 row
    const Result r = computeAttention(x, o);
    QVERIFY(r.ok);
    QCOMPARE(r.thumbPool, 5);
    QCOMPARE(r.meanPool, 3);
    QCOMPARE(r.head[1].thumb.rows(), 14);
    QCOMPARE(r.meanWeights.rows(), 24);
    // Brute force: cell (I, J) averages weights over its block.
    for (int I = 0; I < 14; ++I)
        for (int J = 0; J < 14; ++J) {
            double s = 0;
            for (int i = I * 5; i < I * 5 + 5; ++i)
                for (int j = J * 5; j < J * 5 + 5; ++j)
                    s += r.head[1].weights(i, j);
            AIMATH_COMPARE_ABS(r.head[1].thumb(I, J), s / 25, 1e-15);
        }
    // Last mean cell covers row 69 only and columns 69: one cell, averaged over both heads.
    AIMATH_COMPARE_ABS(r.meanWeights(23, 23), 0.5 * (r.head[0].weights(69, 69) + r.head[1].weights(69, 69)), 1e-15);
}

void TestAttention::poolMeanHandWorked()
{
    RowMatrix m(3, 3);
    m << 1, 2, 3, 4, 5, 6, 7, 8, 9;
    RowMatrix p;
    poolMean(m, 2, p);
    QCOMPARE(p.rows(), 2);
    // (1+2+4+5)/4 = 3; (3+6)/2 = 4.5; (7+8)/2 = 7.5; 9.
    QCOMPARE(p(0, 0), 3.0);
    QCOMPARE(p(0, 1), 4.5);
    QCOMPARE(p(1, 0), 7.5);
    QCOMPARE(p(1, 1), 9.0);
    QCOMPARE(poolFactor(4096, 512), 8);
    QCOMPARE(poolFactor(513, 512), 2);
    QCOMPARE(poolFactor(12, 64), 1);
}

void TestAttention::ropePreservesNorms()
{
    Eigen::MatrixXd m = randomMatrix(50, 9, 6);  // odd width: the last column stays
    const Eigen::MatrixXd before = m;
    applyRope(m);
    for (int p = 0; p < 50; ++p)
        AIMATH_COMPARE_REL(m.row(p).norm(), before.row(p).norm(), 1e-13);
    QCOMPARE(m.col(8), before.col(8));
    QCOMPARE(m.row(0), before.row(0));  // position 0 is not rotated
}

void TestAttention::ropeScoresDependOnRelativePosition()
{
    // The same query and key at every position: after RoPE, q_i·k_j = f(i − j).
    const Eigen::MatrixXd one = randomMatrix(1, 16, 21);
    const Eigen::MatrixXd other = randomMatrix(1, 16, 22);
    Eigen::MatrixXd q = one.replicate(30, 1), k = other.replicate(30, 1);
    applyRope(q);
    applyRope(k);
    const Eigen::MatrixXd s = q * k.transpose();
    for (int i = 0; i + 1 < 30; ++i)
        for (int j = 0; j + 1 < 30; ++j)
            AIMATH_COMPARE_ABS(s(i + 1, j + 1), s(i, j), 1e-12);
    // And it does depend on the offset (not a constant).
    QVERIFY(std::fabs(s(0, 5) - s(0, 0)) > 1e-3);
}

void TestAttention::ropeHandWorked()
{
    // d = 4: pair 0 turns by p rad, pair 1 by p/100 rad (10000^(−2/4) = 1/100).
    Eigen::MatrixXd m(2, 4);
    m << 1, 0, 1, 0, 1, 0, 1, 0;
    applyRope(m);
    AIMATH_COMPARE_REL(m(1, 0), std::cos(1.0), 1e-15);
    AIMATH_COMPARE_REL(m(1, 1), std::sin(1.0), 1e-15);
    AIMATH_COMPARE_REL(m(1, 2), std::cos(0.01), 1e-15);
    AIMATH_COMPARE_REL(m(1, 3), std::sin(0.01), 1e-15);
}

void TestAttention::sinusoidalHandWorked()
{
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(3, 4);
    addSinusoidal(x);
    // PE(p, 0) = sin p, PE(p, 1) = cos p, PE(p, 2) = sin(p/100), PE(p, 3) = cos(p/100).
    QCOMPARE(x(0, 0), 0.0);
    QCOMPARE(x(0, 1), 1.0);
    AIMATH_COMPARE_REL(x(2, 0), std::sin(2.0), 1e-15);
    AIMATH_COMPARE_REL(x(2, 1), std::cos(2.0), 1e-15);
    AIMATH_COMPARE_REL(x(2, 2), std::sin(0.02), 1e-15);
    AIMATH_COMPARE_REL(x(2, 3), std::cos(0.02), 1e-15);
}

void TestAttention::temperatureAndScaling()
{
    const Eigen::MatrixXd x = randomMatrix(6, 16, 31);
    Options base;
    base.heads = 1;
    Options unscaled = base;
    unscaled.scaled = false;
    Options hot = base;
    hot.temperature = 2.5;
    hot.scaleFactor = 0.5;
    const Result a = computeAttention(x, base), b = computeAttention(x, unscaled), c = computeAttention(x, hot);
    // d_k = 16: unscaled scores are √16 = 4 times the scaled ones.
    AIMATH_COMPARE_ABS((b.head[0].scores - 4.0 * a.head[0].scores).cwiseAbs().maxCoeff(), 0.0, 1e-12);
    // factor 0.5 / temperature 2.5 = 0.2 times.
    AIMATH_COMPARE_ABS((c.head[0].scores - 0.2 * a.head[0].scores).cwiseAbs().maxCoeff(), 0.0, 1e-12);
    AIMATH_COMPARE_REL(c.factor, 0.5 / 4 / 2.5, 1e-15);
    // Hotter softmax: higher mean entropy.
    QVERIFY(c.head[0].rowEntropy.mean() > a.head[0].rowEntropy.mean());
    QVERIFY(b.head[0].rowEntropy.mean() < a.head[0].rowEntropy.mean());
}

void TestAttention::projectionVariance()
{
    // 256² entries of N(0, 1/256): sample variance within 2% (sd of the estimate ≈ 0.55%).
    const Eigen::MatrixXd w = projectionMatrix(1, 256, 9);
    const double mean = w.mean();
    const double var = (w.array() - mean).square().sum() / (w.size() - 1);
    AIMATH_COMPARE_REL(var, 1.0 / 256, 0.02);
    QVERIFY(std::fabs(mean) < 4 * std::sqrt(1.0 / 256 / w.size()));
    // Deterministic given the seed, different for another seed or matrix.
    QCOMPARE(projectionMatrix(1, 8, 9), projectionMatrix(1, 8, 9));
    QVERIFY(projectionMatrix(1, 8, 9) != projectionMatrix(1, 8, 10));
    QVERIFY(projectionMatrix(1, 8, 9) != projectionMatrix(2, 8, 9));
}

void TestAttention::hashedVectorsAreStable()
{
    const auto t = tokenize("The cat saw the other cat .");
    QVERIFY(t.ok());
    const TokenVectors v = sentenceVectors(t.tokens, 32, 7, nullptr, false);
    // "The"/"the" (case folded) and both "cat"s share a vector.
    QCOMPARE(v.x.row(0), v.x.row(3));
    QCOMPARE(v.x.row(1), v.x.row(5));
    QVERIFY(v.x.row(1) != v.x.row(2));
    // Same word in another sentence, same vector.
    const TokenVectors w = sentenceVectors({"cat"}, 32, 7, nullptr, false);
    QCOMPARE(w.x.row(0), v.x.row(1));
    // Another seed, another vector.
    const TokenVectors u = sentenceVectors({"cat"}, 32, 8, nullptr, false);
    QVERIFY(u.x.row(0) != v.x.row(1));
    // Entries are N(0, 1): over 2000 tokens × 32 the variance is within 3%.
    std::vector<std::string> many;
    for (int i = 0; i < 2000; ++i)
        many.push_back("w" + std::to_string(i));
    const TokenVectors m = sentenceVectors(many, 32, 1, nullptr, false);
    const double var = m.x.array().square().mean() - std::pow(m.x.mean(), 2);
    AIMATH_COMPARE_REL(var, 1.0, 0.03);
    // With sinusoidal encoding, X is the hashed vectors plus PE.
    const TokenVectors s = sentenceVectors(t.tokens, 32, 7, nullptr, true);
    Eigen::MatrixXd pe = Eigen::MatrixXd::Zero(7, 32);
    addSinusoidal(pe);
    AIMATH_COMPARE_ABS((s.x - v.x - pe).cwiseAbs().maxCoeff(), 0.0, 1e-15);
}

void TestAttention::fnvKnownValue()
{
    // FNV-1a 64 reference values (offset basis for "", published test vector for "a").
    QCOMPARE(tokenHash(""), 0xcbf29ce484222325ULL);
    QCOMPARE(tokenHash("a"), 0xaf63dc4c8601ec8cULL);
    QCOMPARE(tokenHash("A"), tokenHash("a"));
}

void TestAttention::embeddingTableVectorsAreUsed()
{
    aimath::EmbeddingTable table;
    table.labels = {"king", "queen"};
    table.vectors.resize(2, 3);
    table.vectors << 1, 2, 3, 4, 5, 6;
    Spec spec;
    spec.text = "King and queen";
    spec.vectors = VectorSource::Embeddings;
    spec.dModel = 4;
    spec.heads = 1;
    const Prepared p = prepare(spec, &table);
    QVERIFY(p.ok);
    QCOMPARE(p.vectors.tableHits, 2);
    QCOMPARE(p.tableMisses, 1);
    QVERIFY(p.vectors.fromTable[0] && !p.vectors.fromTable[1] && p.vectors.fromTable[2]);
    // Table rows zero-padded from 3 to d_model = 4 (found case-insensitively).
    Eigen::RowVector4d king(1, 2, 3, 0), queen(4, 5, 6, 0);
    QCOMPARE(Eigen::RowVector4d(p.vectors.x.row(0)), king);
    QCOMPARE(Eigen::RowVector4d(p.vectors.x.row(2)), queen);
    // The missing token falls back to its hashed vector.
    Eigen::VectorXd h(4);
    hashedVector("and", spec.seed, h);
    QCOMPARE(Eigen::VectorXd(p.vectors.x.row(1).transpose()), h);
    // Truncation when the table is wider than d_model.
    spec.dModel = 2;
    spec.heads = 2;
    const Prepared t = prepare(spec, &table);
    QCOMPARE(t.vectors.x(2, 1), 5.0);
    QCOMPARE(t.vectors.x.cols(), 2);
    // No table loaded: every token hashed, and the caller is told.
    const Prepared none = prepare(spec, nullptr);
    QVERIFY(none.ok && none.tableMissing);
    QCOMPARE(none.vectors.tableHits, 0);
}

void TestAttention::tokenizer_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tokens");
    QTest::newRow("words and punctuation") << "Hello, world!" << QStringList{"Hello", ",", "world", "!"};
    QTest::newRow("apostrophe inside word") << "don't stop" << QStringList{"don't", "stop"};
    QTest::newRow("trailing apostrophe") << "cats' toys" << QStringList{"cats", "'", "toys"};
    QTest::newRow("utf8 word") << QString::fromUtf8("café au lait.") << QStringList{QString::fromUtf8("café"), "au", "lait", "."};
    QTest::newRow("digits and spaces") << "  a1  b_2\t(c) " << QStringList{"a1", "b_2", "(", "c", ")"};
}

void TestAttention::tokenizer()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tokens);
    const Tokens t = tokenize(text.toStdString());
    QVERIFY(t.ok());
    QStringList got;
    for (const auto& s : t.tokens)
        got << QString::fromStdString(s);
    QCOMPARE(got, tokens);
}

void TestAttention::tokenizerErrors()
{
    QVERIFY(QString::fromStdString(tokenize("   ").error).startsWith("text: "));
    std::string longText;
    for (int i = 0; i < 300; ++i)
        longText += "a, ";  // 600 tokens
    const Tokens t = tokenize(longText);
    QVERIFY(!t.ok());
    QVERIFY(QString::fromStdString(t.error).contains("512"));
    std::string exact;
    for (int i = 0; i < 512; ++i)
        exact += "w ";
    QCOMPARE(static_cast<int>(tokenize(exact).tokens.size()), 512);
}

void TestAttention::specErrorsNameTheKey_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("key");
    QTest::newRow("empty text") << "empty" << "text";
    QTest::newRow("heads do not divide") << "heads" << "heads";
    QTest::newRow("odd manual_q") << "oddq" << "manual_q";
    QTest::newRow("manual_k length") << "klen" << "manual_k";
    QTest::newRow("manual_v length") << "vlen" << "manual_v";
    QTest::newRow("too many manual tokens") << "many" << "manual_q";
    QTest::newRow("pad hides all") << "pad" << "pad";
}

void TestAttention::specErrorsNameTheKey()
{
    QFETCH(QString, what);
    QFETCH(QString, key);
    Spec s;
    s.text = "a b c";
    s.manualQ = {1, 0, 0, 1};
    s.manualK = {1, 0, 0, 1};
    s.manualV = {1, 0, 0, 1};
    QCOMPARE(QString::fromStdString(checkSpec(s)), QString());
    if (what == "empty")
        s.text = "";
    if (what == "heads") {
        s.dModel = 30;
        s.heads = 4;
    }
    if (what == "oddq") {
        s.source = Source::Manual;
        s.manualQ = {1, 2, 3};
    }
    if (what == "klen") {
        s.source = Source::Manual;
        s.manualK = {1, 2, 3, 4, 5, 6};
    }
    if (what == "vlen") {
        s.source = Source::Manual;
        s.manualV = {1, 2};
    }
    if (what == "many") {
        s.source = Source::Manual;
        s.manualQ.assign(14, 1.0);
    }
    if (what == "pad") {
        s.mask = Mask::Padding;
        s.pad = 3;
    }
    const QString e = QString::fromStdString(checkSpec(s));
    QVERIFY2(e.startsWith(key + ": "), qPrintable(e));
    const Prepared p = prepare(s, nullptr);
    QVERIFY(!p.ok);
    QCOMPARE(QString::fromStdString(p.key), key);
}

void TestAttention::manualModeMatchesHandWorked()
{
    // Two tokens, q_A = (1, 0), q_B = (0, 2); k_A = (1, 0), k_B = (0, 1); v_A = (1, 0), v_B = (0, 1).
    // Scaled by √2: S = [[1/√2, 0], [0, 2/√2]].
    Spec s;
    s.source = Source::Manual;
    s.manualQ = {1, 0, 0, 2};
    s.manualK = {1, 0, 0, 1};
    s.manualV = {1, 0, 0, 1};
    const Prepared p = prepare(s, nullptr);
    QVERIFY(p.ok);
    QCOMPARE(p.labels, (std::vector<std::string>{"A", "B"}));
    Result r;
    run(p, s, optionsFor(s), r);
    QVERIFY2(r.ok, r.message.c_str());
    const double s00 = 1 / std::sqrt(2.0), s11 = std::sqrt(2.0);
    AIMATH_COMPARE_REL(r.head[0].scores(0, 0), s00, 1e-15);
    QCOMPARE(r.head[0].scores(0, 1), 0.0);
    AIMATH_COMPARE_REL(r.head[0].scores(1, 1), s11, 1e-15);
    const double a00 = std::exp(s00) / (std::exp(s00) + 1);
    AIMATH_COMPARE_REL(r.head[0].weights(0, 0), a00, 1e-14);
    // Output row A = a00 v_A + (1 − a00) v_B = (a00, 1 − a00).
    AIMATH_COMPARE_REL(r.output(0, 0), a00, 1e-14);
    AIMATH_COMPARE_REL(r.output(0, 1), 1 - a00, 1e-14);
}

void TestAttention::fp16Readouts()
{
    // Unscaled, large vectors: q·k reaches 300² · 3 = 270000 > 65504 (fp16 max).
    Eigen::MatrixXd x = Eigen::MatrixXd::Constant(2, 3, 300.0);
    x(1, 0) = -300.0;
    Options o;
    o.qkMode = QkMode::Identity;
    o.scaled = false;
    const Result r = computeAttention(x, o);
    QVERIFY(r.ok);
    AIMATH_COMPARE_REL(r.head[0].maxAbsLogit, 270000.0, 1e-15);
    AIMATH_COMPARE_REL(r.head[0].maxAbsScore, 270000.0, 1e-15);
    // Masked entries do not count: causal with row 0 only seeing itself.
    o.mask = Mask::Causal;
    o.temperature = 2;
    const Result c = computeAttention(x, o);
    double m = 0;
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j <= i; ++j)
            m = std::max(m, std::fabs(c.head[0].scores(i, j)));
    AIMATH_COMPARE_REL(c.head[0].maxAbsScore, m, 1e-15);
    AIMATH_COMPARE_REL(c.head[0].maxAbsScore, 135000.0, 1e-15);
}

void TestAttention::sqrtDCurveFollowsTheory()
{
    // n = 256 keys, σ² = 1 after scaling: mean entropy ≈ ln n − σ²/2 (the large-n limit
    // of −Σ p ln p for Gaussian logits: ln n + ln E e^X − E[X e^X]/E e^X = ln n − σ²/2).
    const int n = 256;
    const std::vector<int> grid = sqrtDGrid(48);
    QCOMPARE(grid.front(), 4);
    QCOMPARE(grid.back(), 512);
    QVERIFY(std::find(grid.begin(), grid.end(), 48) != grid.end());
    const SqrtDCurve curve(n, grid, 3, 2);
    const auto scaled = curve.meanEntropy(true, 1.0, 1.0);
    const auto unscaled = curve.meanEntropy(false, 1.0, 1.0);
    const double theory = gaussianLogitEntropyLimit(n, 1.0);
    AIMATH_COMPARE_REL(theory, std::log(256.0) - 0.5, 1e-15);
    for (std::size_t i = 0; i < grid.size(); ++i)
        QVERIFY2(std::fabs(scaled[i] - theory) < 0.12,
                 qPrintable(QString("d=%1: %2 vs %3").arg(grid[i]).arg(scaled[i]).arg(theory)));
    for (std::size_t i = 1; i < grid.size(); ++i)
        QVERIFY2(unscaled[i] < unscaled[i - 1], qPrintable(QString("unscaled not falling at d=%1").arg(grid[i])));
    // At d = 4 the unscaled variance is 4 (small-σ formula no longer holds, but it must be well
    // below the scaled curve); at d = 512 the softmax is nearly one-hot.
    QVERIFY(unscaled.front() < scaled.front() - 0.5);
    QVERIFY(unscaled.back() < 0.5);
}

void TestAttention::cancelStops()
{
    std::atomic<bool> cancel{true};
    Options o;
    o.cancel = &cancel;
    const Result r = computeAttention(randomMatrix(100, 8, 1), o);
    QVERIFY(!r.ok);
    QVERIFY(r.cancelled);
    // Progress reaches 1 when not cancelled, and increases.
    std::vector<double> seen;
    Options p;
    p.heads = 2;
    p.progress = [&](double f) { seen.push_back(f); };
    QVERIFY(computeAttention(randomMatrix(200, 8, 1), p).ok);
    QCOMPARE(seen.size(), std::size_t(8));  // 2 heads × 4 blocks of 64 rows
    QCOMPARE(seen.back(), 1.0);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));

    // Cancelled after its first row block, a run has kept that block's logits only: the next run
    // on the same cache (a temperature drag) must compute the rest, not read unwritten rows.
    const Eigen::MatrixXd x = randomMatrix(300, 8, 4);
    Cache cache;
    Result partial, next;
    std::atomic<bool> stop{false};
    Options first;
    first.heads = 2;
    first.threads = 1;
    first.cancel = &stop;
    first.progress = [&](double) { stop = true; };
    computeAttention(x, first, cache, partial);
    QVERIFY(partial.cancelled);
    Options second;
    second.heads = 2;
    second.temperature = 0.7;
    computeAttention(x, second, cache, next);
    QVERIFY(next.ok);
    const Result fresh = computeAttention(x, second);
    for (int h = 0; h < 2; ++h) {
        QCOMPARE(next.head[h].weights, fresh.head[h].weights);
        QCOMPARE(next.head[h].maxAbsLogit, fresh.head[h].maxAbsLogit);
    }
}

void TestAttention::workspaceReuseGivesSameResult()
{
    // One Result reused across different sizes and options must equal fresh results.
    Result ws;
    const Eigen::MatrixXd x1 = randomMatrix(30, 8, 1), x2 = randomMatrix(10, 8, 2);
    Options o;
    o.heads = 2;
    computeAttention(x1, o, ws);
    o.temperature = 0.3;
    computeAttention(x1, o, ws);  // cached projections, new temperature
    const Result fresh = computeAttention(x1, o);
    QCOMPARE(ws.head[1].weights, fresh.head[1].weights);
    o.heads = 4;
    computeAttention(x2, o, ws);
    const Result fresh2 = computeAttention(x2, o);
    QCOMPARE(ws.head.size(), std::size_t(4));
    QCOMPARE(ws.output, fresh2.output);
    QCOMPARE(ws.meanWeights, fresh2.meanWeights);
}

namespace {
// Every number a result carries, compared exactly (a cache or a second thread must not change one bit).
void compareResults(const Result& a, const Result& b)
{
    QVERIFY(a.ok && b.ok);
    QCOMPARE(a.factor, b.factor);
    QCOMPARE(a.head.size(), b.head.size());
    for (std::size_t h = 0; h < a.head.size(); ++h) {
        const HeadResult& x = a.head[h];
        const HeadResult& y = b.head[h];
        QCOMPARE(x.q, y.q);
        QCOMPARE(x.k, y.k);
        QCOMPARE(x.v, y.v);
        QCOMPARE(x.scores, y.scores);
        QCOMPARE(x.weights, y.weights);
        QVERIFY(x.rowEntropy.array().isNaN().all() == y.rowEntropy.array().isNaN().all());
        if (!x.rowEntropy.array().isNaN().all()) {
            QCOMPARE(x.rowEntropy, y.rowEntropy);
            QCOMPARE(x.maxAbsLogit, y.maxAbsLogit);
            QCOMPARE(x.maxAbsScore, y.maxAbsScore);
        }
        if (!x.output.array().isNaN().all()) {
            QCOMPARE(x.output, y.output);
            QCOMPARE(x.thumb, y.thumb);
        }
    }
    if (!a.output.array().isNaN().all()) {
        QCOMPARE(a.meanWeights, b.meanWeights);
        QCOMPARE(a.output, b.output);
    }
    QCOMPARE(a.display, b.display);
}

Options serial(Options o)
{
    o.threads = 1;
    return o;
}
}  // namespace

void TestAttention::cachedLogitsGiveFreshNumbers()
{
    // A drag of the temperature (and of c, the scaling and the mask) reuses Q Kᵀ: every number must be
    // that of a computation from scratch on one thread. 150 rows: three 64-row blocks, two threads.
    const Eigen::MatrixXd x = randomMatrix(150, 12, 8);
    Cache cache;
    Result r;
    Options o;
    o.heads = 3;
    o.maxDisplay = 40;  // 150 tokens in 4 × 4 blocks
    computeAttention(x, o, cache, r);
    QVERIFY(r.ok);
    QCOMPARE(cache.logits.size(), std::size_t(3));
    QCOMPARE(cache.logits[2].rows(), Eigen::Index(150));
    const std::uint64_t stamp = cache.stamp;
    // The logits kept are q_i · k_j, independently of the blocks: a brute-force product.
    const Eigen::MatrixXd direct = r.head[1].q * r.head[1].k.transpose();
    QCOMPARE(Eigen::MatrixXd(cache.logits[1]), direct);
    struct Change {
        const char* what;
        std::function<void(Options&)> apply;
    };
    const std::vector<Change> changes{
        {"temperature 0.37", [](Options& p) { p.temperature = 0.37; }},
        {"temperature 4.2", [](Options& p) { p.temperature = 4.2; }},
        {"factor 3", [](Options& p) { p.scaleFactor = 3.0; }},
        {"unscaled", [](Options& p) { p.scaled = false; }},
        {"causal", [](Options& p) { p.mask = Mask::Causal; }},
        {"padding", [](Options& p) { p.mask = Mask::Padding; p.pad = 17; }},
        {"scores shown", [](Options& p) { p.displayScores = true; p.mask = Mask::Causal; }},
        {"head 2 alone kept", [](Options& p) { p.storeAllHeads = false; p.selectedHead = 2; }},
        {"quick head 1", [](Options& p) { p.storeAllHeads = false; p.selectedHeadOnly = true; p.selectedHead = 1; p.temperature = 0.2; }},
    };
    for (const Change& c : changes) {
        Options p = o;
        c.apply(p);
        computeAttention(x, p, cache, r);
        QVERIFY2(cache.stamp == stamp, c.what);  // the projections were reused
        const Result fresh = computeAttention(x, serial(p));
        compareResults(r, fresh);
        if (QTest::currentTestFailed())
            QFAIL(c.what);
        // Back to the defaults: the cache still gives fresh numbers (kept heads refilled when needed).
        computeAttention(x, o, cache, r);
        compareResults(r, computeAttention(x, serial(o)));
        if (QTest::currentTestFailed())
            QFAIL(c.what);
    }
}

void TestAttention::cacheFollowsItsInputs()
{
    // Anything Q or K depends on (the tokens, the seed, d_model, the heads, the Q/K mode, RoPE) makes
    // the cache rebuild: the numbers are those of a fresh computation, never of the old logits.
    const Eigen::MatrixXd x = randomMatrix(80, 12, 3);
    Eigen::MatrixXd otherToken = x;
    otherToken(41, 5) += 0.25;
    Options o;
    o.heads = 2;
    o.qkMode = QkMode::Projected;
    Cache cache;
    Result r;
    computeAttention(x, o, cache, r);
    QVERIFY(r.ok);
    struct Change {
        const char* what;
        Eigen::MatrixXd x;
        std::function<void(Options&)> apply;
    };
    const std::vector<Change> changes{
        {"one token moved", otherToken, [](Options&) {}},
        {"fewer tokens", x.topRows(79), [](Options&) {}},
        {"seed", x, [](Options& p) { p.seed = 2; }},
        {"d_model", x.leftCols(8), [](Options&) {}},
        {"heads", x, [](Options& p) { p.heads = 3; }},
        {"identity", x, [](Options& p) { p.qkMode = QkMode::Identity; }},
        {"rope", x, [](Options& p) { p.rope = true; }},
    };
    for (const Change& c : changes) {
        computeAttention(x, o, cache, r);  // cache filled for x and o
        const std::uint64_t before = cache.stamp;
        Options p = o;
        c.apply(p);
        computeAttention(c.x, p, cache, r);
        QVERIFY2(cache.stamp != before, c.what);
        compareResults(r, computeAttention(c.x, serial(p)));
        if (QTest::currentTestFailed())
            QFAIL(c.what);
        // And the change must show: the weights differ from those of the old inputs.
        QVERIFY2(r.head[0].weights != computeAttention(x, o).head[0].weights, c.what);
    }
}

void TestAttention::twoThreadsGiveOneThreadsNumbers()
{
    // Pooling factors that do not divide 64 (thumbnails of 7, display blocks of 3) still split the rows
    // where every pooled cell belongs to one thread; and sizes with no such split run on one thread.
    for (const int n : {300, 200, 129}) {
        const Eigen::MatrixXd x = randomMatrix(n, 8, static_cast<std::uint64_t>(n));
        Options o;
        o.heads = 2;
        o.maxThumb = n / 7;
        o.maxMean = n / 5;
        o.maxDisplay = n / 3;
        o.mask = Mask::Causal;
        const Result two = computeAttention(x, o);
        const Result one = computeAttention(x, serial(o));
        compareResults(two, one);
        // The display is the block mean of the selected head's weights (poolMean, the definition).
        RowMatrix pooled;
        poolMean(one.head[0].weights, one.displayPool, pooled);
        QVERIFY(one.displayPool > 1);
        QCOMPARE(one.display, pooled);
        o.displayScores = true;
        o.selectedHead = 1;
        const Result scores = computeAttention(x, o);
        poolMean(scores.head[1].scores, scores.displayPool, pooled);
        QCOMPARE(scores.display.array().isInf().count(), pooled.array().isInf().count());
        QVERIFY(((scores.display - pooled).array().isInf() || (scores.display - pooled).array().isNaN() ||
                 (scores.display - pooled).array() == 0).all());
    }
}

void TestAttention::lateOutputsMatchFullRun()
{
    // Views that do not show A V leave it out; completeOutputs later gives the full run's numbers.
    const Eigen::MatrixXd x = randomMatrix(150, 12, 4);
    Options o;
    o.heads = 3;
    o.qkMode = QkMode::Projected;
    Options lazy = o;
    lazy.outputs = false;
    Result r = computeAttention(x, lazy);
    QVERIFY(r.ok && !r.outputsReady);
    QVERIFY(r.output.array().isNaN().all());
    QVERIFY(r.head[2].output.array().isNaN().all());
    const Result full = computeAttention(x, serial(o));
    QVERIFY(full.outputsReady);
    QCOMPARE(r.head[1].weights, full.head[1].weights);
    QCOMPARE(r.meanWeights, full.meanWeights);
    QVERIFY(completeOutputs(r));
    QVERIFY(r.outputsReady);
    compareResults(r, full);
    // O = A V by brute force for one entry.
    double s = 0;
    for (int j = 0; j < 150; ++j)
        s += full.head[2].weights(77, j) * full.head[2].v(j, 1);
    AIMATH_COMPARE_REL(r.head[2].output(77, 1), s, 1e-12);
    // Heads whose weights were not kept cannot be completed: refused, never made up.
    lazy.storeAllHeads = false;
    Result partial = computeAttention(x, lazy);
    QVERIFY(partial.ok);
    QVERIFY(!completeOutputs(partial));
    QVERIFY(partial.output.array().isNaN().all());
}

void TestAttention::uniformAttentionReachesMaxEntropy()
{
    // X = 0: every score is 0, so each row is uniform over its visible keys and H = ln(count).
    const Eigen::MatrixXd x = Eigen::MatrixXd::Zero(7, 4);
    for (Mask m : {Mask::None, Mask::Causal, Mask::Padding}) {
        Options o;
        o.mask = m;
        o.pad = 2;
        const Result r = computeAttention(x, o);
        QVERIFY(r.ok);
        for (int i = 0; i < 7; ++i) {
            const int k = m == Mask::None ? 7 : m == Mask::Causal ? i + 1 : 5;
            QCOMPARE(visibleKeys(7, m, 2, i), k);
            AIMATH_COMPARE_REL(maxRowEntropy(7, m, 2, i), std::log(double(k)), 1e-15);
            AIMATH_COMPARE_ABS(r.head[0].rowEntropy[i], std::log(double(k)), 1e-14);
        }
    }
    // Raw logits are plain dot products: (1,2)·(3,4) = 11.
    Eigen::MatrixXd q(1, 2), k(1, 2);
    q << 1, 2;
    k << 3, 4;
    QCOMPARE(rawLogits(q, k)(0, 0), 11.0);
}

namespace {
// Rows of logits for the softmax checks: lengths around the eight-value step and a long one,
// spreads from 1 to 1e5 (most weights then underflow, some into the subnormals), offsets up to
// ±1e6, and about a fifth of the entries masked (−∞) in every other row.
std::vector<std::vector<double>> softmaxRows()
{
    std::mt19937_64 rng(81);
    std::normal_distribution<double> g(0.0, 1.0);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<std::vector<double>> rows;
    int index = 0;
    for (int n : {1, 2, 3, 7, 8, 9, 15, 16, 17, 63, 64, 65, 2048})
        for (double spread : {1.0, 8.0, 30.0, 300.0, 1e5})
            for (double offset : {0.0, -1e6, 1e6, 700.0})
                for (bool masked : {false, true}) {
                    std::vector<double> s(static_cast<std::size_t>(n));
                    for (double& v : s)
                        v = offset + spread * g(rng);
                    if (masked) {
                        for (double& v : s)
                            if (u(rng) < 0.2)
                                v = -kInf;
                        if (index++ % 3 == 0)  // some rows with nothing to attend to
                            std::fill(s.begin(), s.end(), -kInf);
                    }
                    rows.push_back(std::move(s));
                }
    return rows;
}
}  // namespace

void TestAttention::softmaxMatchesStdExpReference()
{
    // Reference: the definition with std::exp, e_j = exp(s_j − m), the sum Σ e_j in long double
    // (so the reference's own rounding is not what is measured), a_j = e_j / Σ e.
    // Bound: |a − a_ref| ≤ 4 ulp of a_ref (4 · 2^−52 · a_ref) + 2 · 2^−1074 (subnormal weights).
    // (exp within 1 ulp, the compensated eight-lane sum, and 1/z then a product against the
    // reference's single division.) Measured here: at most 2.9 ulp.
    constexpr double kUlps = 4.0;
    constexpr double kEps = std::numeric_limits<double>::epsilon();
    const double tinyAbs = 2.0 * std::numeric_limits<double>::denorm_min();
    double worst = 0.0;
    int fullyMasked = 0;
    for (const std::vector<double>& s : softmaxRows()) {
        const auto n = static_cast<Eigen::Index>(s.size());
        std::vector<double> a(s.size(), 7.0);
        const double H = softmaxRow(s.data(), a.data(), n);
        double m = -kInf;
        for (double v : s)
            m = std::max(m, v);
        if (m == -kInf) {
            // A fully masked row: as before, NaN entropy and every weight exactly 0.
            ++fullyMasked;
            QVERIFY(std::isnan(H));
            for (double v : a)
                QCOMPARE(v, 0.0);
            continue;
        }
        long double z = 0;
        std::vector<double> e(s.size());
        for (std::size_t j = 0; j < s.size(); ++j) {
            e[j] = std::exp(s[j] - m);
            z += e[j];
        }
        long double sum = 0, href = 0;
        for (std::size_t j = 0; j < s.size(); ++j) {
            const double ref = static_cast<double>(e[j] / z);
            if (s[j] == -kInf) {
                QVERIFY2(!std::signbit(a[j]) && a[j] == 0.0, "a masked entry is exactly +0");
                continue;
            }
            const double err = std::fabs(a[j] - ref);
            QVERIFY2(err <= kUlps * kEps * ref + tinyAbs,
                     qPrintable(QStringLiteral("n %1, s %2: %3 against %4").arg(n).arg(s[j], 0, 'g', 17).arg(a[j], 0, 'g', 17).arg(ref, 0, 'g', 17)));
            if (ref >= std::numeric_limits<double>::min())
                worst = std::max(worst, err / (kEps * ref));
            sum += a[j];
            if (ref > 0)
                href -= static_cast<long double>(ref) * std::log(static_cast<long double>(ref));
        }
        AIMATH_COMPARE_ABS(static_cast<double>(sum), 1.0, 1e-14);
        AIMATH_COMPARE_ABS(H, static_cast<double>(href), 1e-12 * std::max(1.0, static_cast<double>(href)));
    }
    QVERIFY(fullyMasked > 0);
    qInfo("largest relative difference of a weight from the std::exp reference: %.2f ulp", worst);
}

void TestAttention::softmaxSameBitsOnEveryPath()
{
    // SSE2, AVX2 and AVX-512 do the same operations lane by lane and sum in the same eight lanes:
    // the path the dispatcher picks on this CPU, and AVX2 and AVX-512 themselves where the CPU has
    // them, give the baseline's bits.
    bool avx2 = false;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    avx2 = __builtin_cpu_supports("avx2");
#endif
    const bool avx512 = aimath::cpu::cpuHasAvx512();
    if (!avx512)
        qInfo("no AVX-512 on this CPU: its copy is not checked here");
    for (const std::vector<double>& s : softmaxRows()) {
        const auto n = static_cast<Eigen::Index>(s.size());
        std::vector<double> a(s.size()), b(s.size());
        const double ha = detail::softmaxRowBaseline(s.data(), a.data(), n);
        const double hb = softmaxRow(s.data(), b.data(), n);
        QVERIFY(std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
        QVERIFY(std::memcmp(&ha, &hb, sizeof ha) == 0);
        if (avx2) {
            std::vector<double> c(s.size());
            const double hc = detail::softmaxRowAvx2(s.data(), c.data(), n);
            QVERIFY(std::memcmp(a.data(), c.data(), a.size() * sizeof(double)) == 0);
            QVERIFY(std::memcmp(&ha, &hc, sizeof ha) == 0);
        }
        if (avx512) {
            std::vector<double> c(s.size());
            const double hc = detail::softmaxRowAvx512(s.data(), c.data(), n);
            QVERIFY(std::memcmp(a.data(), c.data(), a.size() * sizeof(double)) == 0);
            QVERIFY(std::memcmp(&ha, &hc, sizeof ha) == 0);
        }
    }
}

void TestAttention::fusedScaleSoftmaxMatchesDefinition()
{
    // A temperature change on cached logits scales, masks and takes the softmax of a row in one call
    // (detail::scaleSoftmaxRow, the maximum found while scaling). It must give the bits of the plain
    // steps, s = l · factor, −∞ from `visible` on, then softmaxRow, on SSE2, AVX2 and AVX-512: on the rows
    // above (lengths not multiples of 4 or 8, −∞ entries, huge offsets), on ties (all equal, the
    // maximum repeated), under factors from a huge temperature (1e-300: every score 0 or subnormal) to
    // a tiny one (1e300: scores overflow to ±∞), negative and zero, and under masks. Where the
    // scaled row is finite with a finite maximum, the weights are also held to the definition with
    // std::exp and a long double sum (4 ulp, as softmaxMatchesStdExpReference).
    bool avx2 = false;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    avx2 = __builtin_cpu_supports("avx2");
#endif
    const bool avx512 = aimath::cpu::cpuHasAvx512();
    std::vector<std::vector<double>> rows = softmaxRows();
    for (int n : {1, 5, 8, 13, 64, 2047}) {
        rows.emplace_back(static_cast<std::size_t>(n), 0.25);  // ties: uniform
        std::vector<double> t(static_cast<std::size_t>(n));
        for (int j = 0; j < n; ++j)
            t[static_cast<std::size_t>(j)] = j % 3 == 0 ? 9.5 : -static_cast<double>(j);  // the maximum repeated
        rows.push_back(std::move(t));
    }
    constexpr double kEps = std::numeric_limits<double>::epsilon();
    const double tinyAbs = 2.0 * std::numeric_limits<double>::denorm_min();
    const auto same = [](const std::vector<double>& x, const std::vector<double>& y) {
        return std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0;
    };
    int checkedAgainstDefinition = 0, masked = 0;
    for (const std::vector<double>& l : rows) {
        const auto n = static_cast<Eigen::Index>(l.size());
        for (double f : {1.0, 1e-300, 1e-3, 0.125, 7.5, 1e3, 1e300, -0.5, 0.0}) {
            for (Eigen::Index visible : {n, n / 2 + 1, Eigen::Index(1)}) {
                if (visible > n)
                    continue;
                masked += visible < n;
                // The plain steps.
                std::vector<double> sRef(l.size()), aRef(l.size());
                for (Eigen::Index j = 0; j < n; ++j)
                    sRef[static_cast<std::size_t>(j)] = j < visible ? l[static_cast<std::size_t>(j)] * f : -kInf;
                const double hRef = detail::softmaxRowBaseline(sRef.data(), aRef.data(), n);
                std::vector<double> s(l.size(), 3.0), a(l.size(), 3.0);
                const double h = detail::scaleSoftmaxRow(l.data(), f, visible, s.data(), a.data(), n);
                QVERIFY2(same(s, sRef) && same(a, aRef) && std::memcmp(&h, &hRef, sizeof h) == 0,
                         qPrintable(QStringLiteral("n %1, factor %2, visible %3").arg(n).arg(f).arg(visible)));
                std::vector<double> sb(l.size(), 3.0), ab(l.size(), 3.0);
                const double hb = detail::scaleSoftmaxRowBaseline(l.data(), f, visible, sb.data(), ab.data(), n);
                QVERIFY(same(sb, sRef) && same(ab, aRef) && std::memcmp(&hb, &hRef, sizeof hb) == 0);
                if (avx2) {
                    std::vector<double> sv(l.size(), 3.0), av(l.size(), 3.0);
                    const double hv = detail::scaleSoftmaxRowAvx2(l.data(), f, visible, sv.data(), av.data(), n);
                    QVERIFY(same(sv, sRef) && same(av, aRef) && std::memcmp(&hv, &hRef, sizeof hv) == 0);
                }
                if (avx512) {
                    std::vector<double> sv(l.size(), 3.0), av(l.size(), 3.0);
                    const double hv = detail::scaleSoftmaxRowAvx512(l.data(), f, visible, sv.data(), av.data(), n);
                    QVERIFY2(same(sv, sRef) && same(av, aRef) && std::memcmp(&hv, &hRef, sizeof hv) == 0,
                             qPrintable(QStringLiteral("AVX-512: n %1, factor %2, visible %3").arg(n).arg(f).arg(visible)));
                }
                // The definition, where it is defined.
                double m = -kInf;
                bool finite = true;
                for (Eigen::Index j = 0; j < visible; ++j) {
                    finite = finite && std::isfinite(sRef[static_cast<std::size_t>(j)]);
                    m = std::max(m, sRef[static_cast<std::size_t>(j)]);
                }
                if (!finite)
                    continue;
                ++checkedAgainstDefinition;
                long double z = 0;
                for (Eigen::Index j = 0; j < visible; ++j)
                    z += std::exp(sRef[static_cast<std::size_t>(j)] - m);
                long double href = 0;
                for (Eigen::Index j = 0; j < n; ++j) {
                    const auto js = static_cast<std::size_t>(j);
                    if (j >= visible) {
                        QVERIFY2(a[js] == 0.0 && !std::signbit(a[js]), "a masked key has weight +0");
                        continue;
                    }
                    const double ref = static_cast<double>(std::exp(sRef[js] - m) / z);
                    QVERIFY2(std::fabs(a[js] - ref) <= 4.0 * kEps * ref + tinyAbs,
                             qPrintable(QStringLiteral("n %1, factor %2: %3 against %4").arg(n).arg(f).arg(a[js], 0, 'g', 17).arg(ref, 0, 'g', 17)));
                    if (ref > 0)
                        href -= static_cast<long double>(ref) * std::log(static_cast<long double>(ref));
                }
                AIMATH_COMPARE_ABS(h, static_cast<double>(href), 1e-12 * std::max(1.0, static_cast<double>(href)));
            }
        }
    }
    QVERIFY(checkedAgainstDefinition > 1000 && masked > 1000);
}

void TestAttention::rowBlocksTakenInTurnGiveOneThreadsNumbers()
{
    // A long sequence's quick picture and its follow-up compute no thumbnails or mean: when the display's
    // pooled cells (2 and 4 rows a side here) lie within a 64-row block, the two threads take the row
    // blocks of every head in turn. Every number is one thread's, fresh and on cached logits (a
    // temperature change), causal and unmasked, the display block means included.
    for (const int n : {1000, 2000}) {
        const Eigen::MatrixXd x = randomMatrix(n, 16, static_cast<std::uint64_t>(n));
        for (const bool quick : {true, false}) {
            for (const Mask mask : {Mask::Causal, Mask::None}) {
                Options o;
                o.heads = 2;
                o.selectedHead = 1;
                o.storeAllHeads = false;
                o.maxDisplay = kFullStoreLimit;
                o.mask = mask;
                o.selectedHeadOnly = quick;
                o.othersEntropyOnly = !quick;
                Cache c2, c1;
                Result two, one;
                for (const double t : {1.0, 0.3, 2.5}) {
                    o.temperature = t;
                    computeAttention(x, o, c2, two);
                    computeAttention(x, serial(o), c1, one);
                    compareResults(two, one);
                    QCOMPARE(two.displayPool, n / 500);
                    QCOMPARE(two.display, one.display);
                    QVERIFY(two.display.allFinite() && two.display.maxCoeff() > 0);
                    // Both heads' row entropies were computed (the quick picture: the selected one alone).
                    QCOMPARE(two.head[0].rowEntropy.array().isNaN().all(), quick);
                }
            }
        }
    }
}

void TestAttention::othersEntropyOnlyGivesSameNumbers()
{
    // What the weights view of a long sequence asks for: the selected head in full, the others'
    // row entropies and maxima, all with the numbers of a full run; nothing else computed.
    const Eigen::MatrixXd x = randomMatrix(150, 12, 8);
    Options full;
    full.heads = 3;
    full.mask = Mask::Causal;
    full.selectedHead = 2;
    full.storeAllHeads = false;
    full.maxDisplay = 50;
    Options light = full;
    light.othersEntropyOnly = true;
    for (int threads : {1, 2}) {
        full.threads = light.threads = threads;
        const Result a = computeAttention(x, full);
        Result b = computeAttention(x, light);
        QVERIFY(a.ok && b.ok);
        QVERIFY(!b.head[0].stored() && !b.head[1].stored() && b.head[2].stored());
        QCOMPARE(b.head[2].weights, a.head[2].weights);
        QCOMPARE(b.head[2].scores, a.head[2].scores);
        QCOMPARE(b.display, a.display);
        for (int h = 0; h < 3; ++h) {
            QCOMPARE(b.head[h].rowEntropy, a.head[h].rowEntropy);
            QCOMPARE(b.head[h].maxAbsLogit, a.head[h].maxAbsLogit);
            QCOMPARE(b.head[h].maxAbsScore, a.head[h].maxAbsScore);
            QVERIFY(b.head[h].output.array().isNaN().all());
            QVERIFY(b.head[h].thumb.array().isNaN().all());
        }
        QVERIFY(b.meanWeights.array().isNaN().all());
        QVERIFY(b.output.array().isNaN().all());
        QVERIFY(!b.outputsReady);
        QVERIFY(!completeOutputs(b));  // not every head's weights are there
    }
}

QTEST_GUILESS_MAIN(TestAttention)
#include "test_attention.moc"
