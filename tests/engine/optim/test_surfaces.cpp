// Every surface's gradient and Hessian against central finite differences at random
// points, the known minima, the quadratic's closed-form curvature, the logistic data
// set's minibatches.
#include "engine/optim/surface.h"
#include "tests/support/compare.h"

#include <Eigen/Eigenvalues>
#include <QtTest>

#include <cmath>

using namespace aimath::optim;

namespace {
SurfaceSettings defaults()
{
    SurfaceSettings s;
    s.condition = 10;
    s.angleDeg = 30;
    s.expression = "sin(x)*cos(2*y) + x^2/4 + sqrt(1 + y^2) - exp(-x*y) + tanh(x - y) + softplus(y) + sigmoid(x*y)";
    s.batch = 0;
    return s;
}
}  // namespace

class TestSurfaces : public QObject {
    Q_OBJECT
private slots:
    void registry()
    {
        const std::vector<std::string> expected{"quadratic", "rosenbrock", "himmelblau", "beale", "rastrigin",
                                                "ackley", "saddle", "styblinski_tang", "logistic", "custom"};
        QCOMPARE(surfaceIds(), expected);
        for (const auto& id : expected) {
            auto s = makeSurface(id, defaults());
            QVERIFY2(s, id.c_str());
            QCOMPARE(s->id(), id);
            QVERIFY(s->bounds().xMin < s->bounds().xMax && s->bounds().yMin < s->bounds().yMax);
        }
        std::string err;
        QVERIFY(!makeSurface("sphere", defaults(), &err));
        QVERIFY(err.find("sphere") != std::string::npos);
    }

    void derivativesAgainstFiniteDifferences_data()
    {
        QTest::addColumn<QString>("id");
        for (const auto& id : surfaceIds())
            QTest::newRow(id.c_str()) << QString::fromStdString(id);
    }
    void derivativesAgainstFiniteDifferences()
    {
        QFETCH(QString, id);
        auto s = makeSurface(id.toStdString(), defaults());
        QVERIFY(s);
        Rng rng(99);
        const Bounds b = s->bounds();
        for (int k = 0; k < 25; ++k) {
            const double x = b.xMin + (b.xMax - b.xMin) * (0.05 + 0.9 * rng.uniform());
            const double y = b.yMin + (b.yMax - b.yMin) * (0.05 + 0.9 * rng.uniform());
            const double h = 1e-5;
            const Eigen::Vector2d g = s->gradient(x, y);
            const Eigen::Matrix2d H = s->hessian(x, y);
            // Central differences: O(h²) truncation, O(ε|f|/h) rounding.
            const Eigen::Vector2d gfd((s->value(x + h, y) - s->value(x - h, y)) / (2 * h),
                                      (s->value(x, y + h) - s->value(x, y - h)) / (2 * h));
            const double fscale = 1.0 + std::fabs(s->value(x, y));
            QVERIFY2((g - gfd).norm() <= 1e-6 * (fscale + g.norm()),
                     qPrintable(QStringLiteral("%1 at (%2, %3): grad (%4, %5) vs fd (%6, %7)")
                                    .arg(id).arg(x).arg(y).arg(g.x()).arg(g.y()).arg(gfd.x()).arg(gfd.y())));
            Eigen::Matrix2d hfd;
            hfd.col(0) = (s->gradient(x + h, y) - s->gradient(x - h, y)) / (2 * h);
            hfd.col(1) = (s->gradient(x, y + h) - s->gradient(x, y - h)) / (2 * h);
            QVERIFY2((H - hfd).norm() <= 1e-6 * (1.0 + g.norm() + H.norm()),
                     qPrintable(QStringLiteral("%1 at (%2, %3): Hessian differs from fd by %4").arg(id).arg(x).arg(y).arg((H - hfd).norm())));
            QCOMPARE(H(0, 1), H(1, 0));
            // The fused evaluation used by the runs agrees with the separate ones.
            Eigen::Vector2d fusedGrad;
            const double fused = s->valueAndGradient(x, y, &fusedGrad);
            AIMATH_COMPARE_ABS(fused, s->value(x, y), 1e-14 * fscale);
            QVERIFY((fusedGrad - g).norm() <= 1e-14 * (1 + g.norm()));
        }
    }

    void knownMinima_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("count");
        QTest::newRow("quadratic") << "quadratic" << 1;
        QTest::newRow("rosenbrock") << "rosenbrock" << 1;
        QTest::newRow("himmelblau") << "himmelblau" << 4;
        QTest::newRow("beale") << "beale" << 1;
        QTest::newRow("rastrigin") << "rastrigin" << 1;
        QTest::newRow("styblinski_tang") << "styblinski_tang" << 4;
        QTest::newRow("logistic") << "logistic" << 1;
        QTest::newRow("saddle") << "saddle" << 0;
    }
    void knownMinima()
    {
        QFETCH(QString, id);
        QFETCH(int, count);
        auto s = makeSurface(id.toStdString(), defaults());
        const auto minima = s->minima();
        QCOMPARE(int(minima.size()), count);
        int globals = 0;
        for (const auto& m : minima) {
            AIMATH_COMPARE_ABS(s->value(m.x, m.y), m.f, 1e-12);
            QVERIFY2(s->gradient(m.x, m.y).norm() < 1e-9, qPrintable(QStringLiteral("%1: ‖∇f‖ = %2 at (%3, %4)")
                                                                          .arg(id).arg(s->gradient(m.x, m.y).norm()).arg(m.x).arg(m.y)));
            const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> es(s->hessian(m.x, m.y));
            QVERIFY(es.eigenvalues().minCoeff() > 0);  // a strict local minimum
            globals += m.global ? 1 : 0;
        }
        if (count > 0)
            QVERIFY(globals >= 1);
    }

    // Minimum values known in closed form or from the literature.
    void minimumValues()
    {
        auto h = makeSurface("himmelblau", defaults());
        for (const auto& m : h->minima())
            AIMATH_COMPARE_ABS(m.f, 0.0, 1e-20);
        // Styblinski–Tang: −39.16616570377142… per coordinate (root of 4t³ − 32t + 5 = 0 near −2.9035).
        auto st = makeSurface("styblinski_tang", defaults());
        double best = 0;
        for (const auto& m : st->minima())
            if (m.global)
                best = m.f;
        AIMATH_COMPARE_ABS(best, 2 * -39.16616570377142, 1e-10);
        AIMATH_COMPARE_ABS(st->minima()[0].x, -2.903534027771178, 1e-12);
        QCOMPARE(makeSurface("rosenbrock", defaults())->value(1, 1), 0.0);
        QCOMPARE(makeSurface("beale", defaults())->value(3, 0.5), 0.0);
        AIMATH_COMPARE_ABS(makeSurface("ackley", defaults())->value(0, 0), 0.0, 1e-14);
        QCOMPARE(makeSurface("rastrigin", defaults())->value(0, 0), 0.0);
    }

    // The logistic minimum is the lowest point of a brute-force grid around it.
    void logisticMinimumBruteForce()
    {
        auto s = makeSurface("logistic", defaults());
        const auto m = s->minima().at(0);
        double lowest = 1e300;
        for (int i = -50; i <= 50; ++i)
            for (int j = -50; j <= 50; ++j)
                lowest = std::min(lowest, s->value(m.x + 0.01 * i, m.y + 0.01 * j));
        QVERIFY(m.f <= lowest);
        QVERIFY(m.x > 0.5 && m.x < 7);  // class 1 is on the right: a positive weight
        // The mean BCE at w = b = 0 is log 2 for any data set.
        AIMATH_COMPARE_REL(s->value(0, 0), std::log(2.0), 1e-14);
    }

    void logisticMinibatch()
    {
        SurfaceSettings ss = defaults();
        ss.batch = 20;
        auto s = makeSurface("logistic", ss);
        QVERIFY(s->stochastic());
        const Eigen::Vector2d full = s->gradient(1.0, 0.5);
        Rng rng(5);
        const Eigen::Vector2d one = s->stepGradient(1.0, 0.5, rng);
        QVERIFY((one - full).norm() > 1e-6);
        // Unbiased: the mean of many minibatch gradients approaches the full gradient.
        Eigen::Vector2d mean = Eigen::Vector2d::Zero();
        const int n = 20000;
        for (int i = 0; i < n; ++i)
            mean += s->stepGradient(1.0, 0.5, rng);
        mean /= n;
        QVERIFY2((mean - full).norm() < 0.01 * (1 + full.norm()), qPrintable(QString::number((mean - full).norm())));
        // batch 0 and batch 200 are the full gradient, deterministic.
        for (int b : {0, 200}) {
            ss.batch = b;
            auto f = makeSurface("logistic", ss);
            QVERIFY(!f->stochastic());
            QCOMPARE(f->stepGradient(1.0, 0.5, rng), full);
        }
    }

    // Hessian of ½(u² + κv²) is Rᵀ diag(1, κ) R: eigenvalues 1 and κ, κ's eigenvector (−sin θ, cos θ).
    void quadraticClosedForm()
    {
        SurfaceSettings ss = defaults();
        ss.condition = 25;
        ss.angleDeg = 30;
        auto s = makeSurface("quadratic", ss);
        const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> es(s->hessian(0.3, -0.7));
        AIMATH_COMPARE_REL(es.eigenvalues()[0], 1.0, 1e-14);
        AIMATH_COMPARE_REL(es.eigenvalues()[1], 25.0, 1e-14);
        const Eigen::Vector2d v = es.eigenvectors().col(1);
        AIMATH_COMPARE_REL(std::fabs(v.dot(Eigen::Vector2d(-0.5, std::sqrt(3.0) / 2))), 1.0, 1e-14);
        // f at a point on the v axis: (x, y) = t(−sin θ, cos θ) → f = ½κt².
        AIMATH_COMPARE_REL(s->value(-0.5 * 2, std::sqrt(3.0) / 2 * 2), 0.5 * 25 * 4, 1e-14);
    }

    void customBadExpression()
    {
        SurfaceSettings ss = defaults();
        ss.expression = "x + (y";
        std::string err;
        QVERIFY(!makeSurface("custom", ss, &err));
        QVERIFY2(err.rfind("expression: column 7:", 0) == 0, err.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSurfaces)
#include "test_surfaces.moc"
