// Schedules, clipping, noise, divergence detection: the machinery around each step.
#include "engine/optim/descent.h"
#include "engine/optim/schedule.h"
#include "tests/support/compare.h"

#include <QtTest>

#include <cmath>

using namespace aimath::optim;

namespace {
std::unique_ptr<Surface> quadratic(double kappa = 10, double angle = 0)
{
    SurfaceSettings s;
    s.condition = kappa;
    s.angleDeg = angle;
    return makeSurface("quadratic", s);
}
}  // namespace

class TestDescent : public QObject {
    Q_OBJECT
private slots:
    void schedules_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("t");
        QTest::addColumn<double>("expected");
        // step, stepSize 100: halves at t = 100, 200, …
        QTest::newRow("constant") << "constant" << 537 << 1.0;
        QTest::newRow("step t=0") << "step" << 0 << 1.0;
        QTest::newRow("step t=99") << "step" << 99 << 1.0;
        QTest::newRow("step t=100") << "step" << 100 << 0.5;
        QTest::newRow("step t=250") << "step" << 250 << 0.25;
        // exponential γ = 0.99: 0.99³ = 0.970299
        QTest::newRow("exp t=0") << "exponential" << 0 << 1.0;
        QTest::newRow("exp t=3") << "exponential" << 3 << 0.970299;
        // cosine over T = 1000: ½(1 + cos(π·t/T)); t = 500 → ½, t = 250 → ½(1 + √½)
        QTest::newRow("cos t=0") << "cosine" << 0 << 1.0;
        QTest::newRow("cos t=250") << "cosine" << 250 << 0.5 * (1 + std::sqrt(0.5));
        QTest::newRow("cos t=500") << "cosine" << 500 << 0.5;
        QTest::newRow("cos t=1000") << "cosine" << 1000 << 0.0;
        // warmup 50 then cosine over the remaining 950: t = 0 → 1/50, t = 49 → 1, t = 50 → 1, t = 525 → ½
        QTest::newRow("warm t=0") << "warmup_cosine" << 0 << 0.02;
        QTest::newRow("warm t=24") << "warmup_cosine" << 24 << 0.5;
        QTest::newRow("warm t=49") << "warmup_cosine" << 49 << 1.0;
        QTest::newRow("warm t=50") << "warmup_cosine" << 50 << 1.0;
        QTest::newRow("warm t=525") << "warmup_cosine" << 525 << 0.5;
    }
    void schedules()
    {
        QFETCH(QString, kind);
        QFETCH(int, t);
        QFETCH(double, expected);
        ScheduleSettings s;
        QVERIFY(parseScheduleKind(kind.toStdString(), &s.kind));
        s.stepSize = 100;
        s.gamma = 0.99;
        s.warmup = 50;
        s.total = 1000;
        AIMATH_COMPARE_ABS(scheduleFactor(s, t), expected, 1e-15);
    }
    void scheduleUnknown()
    {
        ScheduleKind k;
        QVERIFY(!parseScheduleKind("linear", &k));
    }

    // lr_t = lr·s(t) really reaches the optimizer: SGD on f = ½x² (κ = 1) from x = 1 gives x_{t+1} = x_t(1 − lr·s(t)).
    void scheduleDrivesSteps()
    {
        auto s = quadratic(1, 0);
        RunSettings rs;
        rs.startX = 1;
        rs.startY = 0;
        rs.steps = 4;
        rs.schedule.kind = ScheduleKind::Step;
        rs.schedule.stepSize = 2;
        Trajectory t;
        runTrajectory(*s, "sgd", 0.5, rs, t);
        // factors 1, 1, ½, ½ → x: 1, 0.5, 0.25, 0.1875, 0.140625
        const double expected[] = {1, 0.5, 0.25, 0.1875, 0.140625};
        QCOMPARE(t.size(), std::size_t(5));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(t.x[i], expected[i]);
    }

    void clipping()
    {
        // ‖(3, 4)‖ = 5; clip to 1 → (3, 4)·1/(5 + 1e-6), as torch.nn.utils.clip_grad_norm_.
        Eigen::Vector2d g(3, 4);
        clipByNorm(g, 1.0);
        AIMATH_COMPARE_REL(g.x(), 3.0 / (5.0 + 1e-6), 1e-15);
        AIMATH_COMPARE_REL(g.y(), 4.0 / (5.0 + 1e-6), 1e-15);
        // Below the threshold: unchanged. maxNorm 0: off.
        Eigen::Vector2d h(0.3, 0.4);
        clipByNorm(h, 1.0);
        QCOMPARE(h, Eigen::Vector2d(0.3, 0.4));
        Eigen::Vector2d k(300, 400);
        clipByNorm(k, 0.0);
        QCOMPARE(k, Eigen::Vector2d(300, 400));
    }

    // With clipping the first SGD step has length lr·clip (almost exactly), whatever the gradient.
    void clippingInRun()
    {
        auto s = makeSurface("rosenbrock", {});
        RunSettings rs;
        rs.startX = -1.5;
        rs.startY = 2.5;
        rs.steps = 1;
        rs.clipNorm = 2.0;
        Trajectory t;
        runTrajectory(*s, "sgd", 0.1, rs, t);
        const double len = std::hypot(t.x[1] - t.x[0], t.y[1] - t.y[0]);
        AIMATH_COMPARE_REL(len, 0.1 * 2.0 * s->gradient(-1.5, 2.5).norm() / (s->gradient(-1.5, 2.5).norm() + 1e-6), 1e-12);
    }

    // SGD on ½(x² + κy²) diverges exactly when lr > 2/κ (|1 − lr·κ| > 1); it is stopped and nothing non-finite is stored.
    void divergence()
    {
        auto s = quadratic(10, 0);
        RunSettings rs;
        rs.startX = 1;
        rs.startY = 1;
        rs.steps = 10000;
        Trajectory t;
        runTrajectory(*s, "sgd", 0.19, rs, t);  // |1 − 1.9| = 0.9: converges
        QVERIFY(!t.diverged);
        QCOMPARE(t.size(), std::size_t(10001));
        runTrajectory(*s, "sgd", 0.21, rs, t);  // |1 − 2.1| = 1.1 per step: |y| = 1.1ᵗ
        QVERIFY(t.diverged);
        // 1.1ᵗ exceeds 1e12 first at t = ⌈12/log10(1.1)⌉ = 290 (f = 5y² exceeds it a little earlier):
        // f = 5·1.21ᵗ > 1e12 at t > log(2e11)/log(1.21) = 136.9 → step 137 is the first bad one.
        QCOMPARE(t.divergedAt, 137);
        QCOMPARE(t.size(), std::size_t(137));
        for (std::size_t i = 0; i < t.size(); ++i) {
            QVERIFY(std::isfinite(t.x[i]) && std::isfinite(t.y[i]) && std::isfinite(t.f[i]) && std::isfinite(t.gradNorm[i]));
            QVERIFY(std::fabs(t.f[i]) <= kDivergenceLimit);
        }
    }

    // A NaN (log of a negative number) stops the run at once.
    void divergenceNaN()
    {
        SurfaceSettings ss;
        ss.expression = "log(x)";
        auto s = makeSurface("custom", ss);
        QVERIFY(s);
        RunSettings rs;
        rs.startX = 0.5;
        rs.startY = 0;
        rs.steps = 10;
        Trajectory t;
        runTrajectory(*s, "sgd", 1.0, rs, t);  // x₁ = 0.5 − 1/0.5 = −1.5: log undefined
        QVERIFY(t.diverged);
        QCOMPARE(t.divergedAt, 1);
        QCOMPARE(t.size(), std::size_t(1));
        // A start where f is not finite is diverged at step 0 with no points.
        rs.startX = -1;
        runTrajectory(*s, "sgd", 1.0, rs, t);
        QVERIFY(t.diverged);
        QCOMPARE(t.divergedAt, 0);
        QCOMPARE(t.size(), std::size_t(0));
    }

    // Noise is seeded: the same seed repeats the run, another seed changes it; the mean effect is zero.
    void noiseSeeded()
    {
        auto s = quadratic(1, 0);
        RunSettings rs;
        rs.startX = 1;
        rs.startY = 1;
        rs.steps = 50;
        rs.noise = 0.5;
        rs.seed = 7;
        Trajectory a, b, c;
        runTrajectory(*s, "sgd", 0.1, rs, a);
        runTrajectory(*s, "sgd", 0.1, rs, b);
        rs.seed = 8;
        runTrajectory(*s, "sgd", 0.1, rs, c);
        QCOMPARE(a.x, b.x);
        QVERIFY(a.x != c.x);
        // First step by hand: x₁ = 1 − 0.1·(1 + 0.5ξ₁), y₁ = 1 − 0.1·(1 + 0.5ξ₂) with ξ from Rng(7).
        Rng rng(7);
        const double xi1 = rng.gaussian(), xi2 = rng.gaussian();
        AIMATH_COMPARE_REL(a.x[1], 1 - 0.1 * (1 + 0.5 * xi1), 1e-15);
        AIMATH_COMPARE_REL(a.y[1], 1 - 0.1 * (1 + 0.5 * xi2), 1e-15);
    }

    void rngGaussianMoments()
    {
        Rng rng(123);
        const int n = 200000;
        double sum = 0, sq = 0;
        for (int i = 0; i < n; ++i) {
            const double g = rng.gaussian();
            sum += g;
            sq += g * g;
        }
        // Mean within 5 standard errors (5/√n ≈ 0.011), variance within 0.02.
        QVERIFY(std::fabs(sum / n) < 0.011);
        QVERIFY(std::fabs(sq / n - 1.0) < 0.02);
    }

    void unknownOptimizer()
    {
        auto s = quadratic();
        Trajectory t;
        runTrajectory(*s, "lion", 0.1, RunSettings{}, t);
        QVERIFY(!t.error.empty());
        QCOMPARE(t.size(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestDescent)
#include "test_descent.moc"
