// Each optimizer's first three steps on f = ½(x² + 10y²) from (1, 1) against values
// worked out from torch.optim's documented update rules (float64). The SGD-family
// rows are short enough to follow by hand:
//   sgd, lr 0.05:       g = (x, 10y); θ₁ = (1 − 0.05, 1 − 0.5) = (0.95, 0.5); then ×(0.95, 0.5) each step.
//   momentum, μ = 0.9:  b₁ = g₁ = (1, 10), θ₁ = (0.95, 0.5); g₂ = (0.95, 5), b₂ = 0.9·b₁ + g₂ = (1.85, 14),
//                       θ₂ = (0.95 − 0.0925, 0.5 − 0.7) = (0.8575, −0.2); g₃ = (0.8575, −2),
//                       b₃ = (2.5225, 10.6), θ₃ = (0.731375, −0.73).
//   nesterov:           b₁ = (1, 10), step g₁ + 0.9·b₁ = (1.9, 19) → θ₁ = (0.905, 0.05);
//                       g₂ = (0.905, 0.5), b₂ = (1.805, 9.5), step (2.5295, 9.05) → θ₂ = (0.778525, −0.4025);
//                       g₃ = (0.778525, −4.025), b₃ = (2.403025, 4.525), step (2.9412475, 0.0475) → θ₃ = (0.631462625, −0.404875).
//   adam, lr 0.1:       m̂₁ = g₁, v̂₁ = g₁², so θ₁ = θ₀ − 0.1·g/(|g| + 1e-8) ≈ (0.9, 0.9) (the sign step).
//   adagrad, lr 0.1:    s₁ = g₁², θ₁ = θ₀ − 0.1·g/(|g| + 1e-10); θ₂ = 0.9 − 0.1·0.9/√1.81 = 0.83310352685…
#include "engine/optim/descent.h"
#include "engine/optim/optimizer.h"
#include "tests/support/compare.h"

#include <QtTest>

using namespace aimath::optim;

class TestOptimizers : public QObject {
    Q_OBJECT
private slots:
    void registry()
    {
        const std::vector<std::string> expected{"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"};
        QCOMPARE(optimizerIds(), expected);
        for (const auto& id : expected)
            QVERIFY(makeOptimizer(id, {}) != nullptr);
        QVERIFY(makeOptimizer("lion", {}) == nullptr);
    }

    void firstThreeSteps_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("lr");
        QTest::addColumn<double>("wd");
        QTest::addColumn<QVector<double>>("expected");
        auto addRow = [](const char* n, double lr, double wd, QVector<double> e) {
            QTest::newRow(qPrintable(QStringLiteral("%1 wd=%2").arg(n).arg(wd))) << QString(n) << lr << wd << e;
        };
        addRow("sgd", 0.05, 0.0, {0.95, 0.5, 0.9025, 0.25, 0.857375, 0.125});
        addRow("momentum", 0.05, 0.0, {0.95, 0.5, 0.8575, -0.2, 0.731375, -0.73});
        addRow("nesterov", 0.05, 0.0, {0.905, 0.05, 0.778525, -0.4025, 0.631462625, -0.404875});
        addRow("adagrad", 0.1, 0.0, {0.90000000001, 0.900000000001, 0.8331035268523168, 0.8331035268392112, 0.7804561813655163, 0.7804561813498447});
        addRow("rmsprop", 0.01, 0.0, {0.9000000099999991, 0.900000001, 0.8329179752650593, 0.8329179621340117, 0.7799822819823541, 0.7799822662526593});
        addRow("adam", 0.1, 0.0, {0.900000001, 0.9000000001, 0.8004122297123382, 0.8004122278753567, 0.701586274504415, 0.7015862716993226});
        addRow("adamw", 0.1, 0.0, {0.900000001, 0.9000000001, 0.8004122297123382, 0.8004122278753567, 0.701586274504415, 0.7015862716993226});
        // Weight decay λ = 0.1: added to the gradient (sgd: g₁ = (1.1, 10.1) → θ₁ = (0.945, 0.495)), decoupled for AdamW
        // (θ ← θ·(1 − 0.1·0.1) = 0.99θ before the Adam step: θ₁ = (0.99 − 0.1, 0.99 − 0.1) ≈ (0.89, 0.89)).
        addRow("sgd", 0.05, 0.1, {0.945, 0.495, 0.893025, 0.245025, 0.843908625, 0.121287375});
        addRow("momentum", 0.05, 0.1, {0.945, 0.495, 0.843525, -0.209475, 0.705803625, -0.737717625});
        addRow("adagrad", 0.1, 0.1, {0.9000000000090909, 0.9000000000009901, 0.8331035268509929, 0.8331035268391968, 0.7804561813639331, 0.7804561813498274});
        addRow("rmsprop", 0.01, 0.1, {0.9000000090909083, 0.900000000990099, 0.8329179739386909, 0.8329179621195661, 0.7799822803934962, 0.7799822662353549});
        addRow("adam", 0.1, 0.1, {0.9000000009090909, 0.9000000000990099, 0.8004122295267845, 0.8004122278733358, 0.7015862742210723, 0.7015862716962367});
        addRow("adamw", 0.1, 0.1, {0.890000001, 0.8900000001, 0.7815718569541611, 0.7815718551223799, 0.6751012231892007, 0.6751012204007651});
    }
    void firstThreeSteps()
    {
        QFETCH(QString, name);
        QFETCH(double, lr);
        QFETCH(double, wd);
        QFETCH(QVector<double>, expected);
        OptimizerSettings s;
        s.weightDecay = wd;
        auto opt = makeOptimizer(name.toStdString(), s);
        QVERIFY(opt);
        Eigen::Vector2d theta(1.0, 1.0);
        for (int t = 0; t < 3; ++t) {
            const Eigen::Vector2d g(theta.x(), 10.0 * theta.y());
            opt->step(theta, g, lr);
            AIMATH_COMPARE_ABS(theta.x(), expected[2 * t], 1e-13 * (1 + std::fabs(expected[2 * t])));
            AIMATH_COMPARE_ABS(theta.y(), expected[2 * t + 1], 1e-13 * (1 + std::fabs(expected[2 * t + 1])));
        }
    }

    // The same numbers through the whole pipeline: the quadratic surface (κ = 10, θ = 0) and runTrajectory.
    void trajectoryMatchesSteps()
    {
        SurfaceSettings ss;
        ss.condition = 10;
        ss.angleDeg = 0;
        auto surf = makeSurface("quadratic", ss);
        RunSettings rs;
        rs.startX = 1;
        rs.startY = 1;
        rs.steps = 3;
        Trajectory t;
        runTrajectory(*surf, "nesterov", 0.05, rs, t);
        QCOMPARE(t.size(), std::size_t(4));
        QCOMPARE(t.x[0], 1.0);
        AIMATH_COMPARE_ABS(t.x[3], 0.631462625, 1e-14);
        AIMATH_COMPARE_ABS(t.y[3], -0.404875, 1e-14);
        // f is recorded at each point: ½(x² + 10y²).
        AIMATH_COMPARE_REL(t.f[3], 0.5 * (0.631462625 * 0.631462625 + 10 * 0.404875 * 0.404875), 1e-13);
        AIMATH_COMPARE_REL(t.gradNorm[3], std::hypot(0.631462625, 10 * 0.404875), 1e-13);
        QVERIFY(!t.diverged);
    }

    // Fresh state per optimizer object: a second object repeats the first one's path exactly.
    void freshState()
    {
        for (const auto& id : optimizerIds()) {
            auto a = makeOptimizer(id, {});
            Eigen::Vector2d p(1, 1);
            a->step(p, Eigen::Vector2d(1, 10), 0.1);
            a->step(p, Eigen::Vector2d(1, 10), 0.1);
            auto b = makeOptimizer(id, {});
            Eigen::Vector2d q(1, 1);
            b->step(q, Eigen::Vector2d(1, 10), 0.1);
            b->step(q, Eigen::Vector2d(1, 10), 0.1);
            QCOMPARE(p, q);
        }
    }
};

QTEST_GUILESS_MAIN(TestOptimizers)
#include "test_optimizers.moc"
