// Point analysis (eigenvalues, condition number, stable learning rate), the Taylor
// model's contours, the gradient field, the grid sampling and the 3D rotation.
#include "engine/optim/analysis.h"
#include "engine/optim/descent.h"
#include "engine/optim/projection.h"
#include "engine/optim/surface_grid.h"
#include "tests/support/compare.h"

#include <Eigen/Eigenvalues>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace aimath::optim;

class TestAnalysis : public QObject {
    Q_OBJECT
private slots:
    void eigenvaluesClosedForm()
    {
        Rng rng(11);
        for (int k = 0; k < 100; ++k) {
            const double a = rng.gaussian() * 10, b = rng.gaussian() * 10, c = rng.gaussian() * 10;
            Eigen::Matrix2d m;
            m << a, b, b, c;
            const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> es(m);
            const auto [lo, hi] = symmetricEigenvalues2(a, b, c);
            AIMATH_COMPARE_ABS(lo, es.eigenvalues()[0], 1e-12 * (1 + m.norm()));
            AIMATH_COMPARE_ABS(hi, es.eigenvalues()[1], 1e-12 * (1 + m.norm()));
        }
    }

    // On ½(u² + κv²): eigenvalues 1 and κ, condition κ, stable lr 2/κ. And the stability claim holds:
    // plain gradient descent just below 2/κ converges, just above diverges.
    void quadraticStability()
    {
        SurfaceSettings ss;
        ss.condition = 40;
        ss.angleDeg = -20;
        auto s = makeSurface("quadratic", ss);
        const PointAnalysis a = analyzePoint(*s, 0.4, 0.8);
        AIMATH_COMPARE_REL(a.eigMin, 1.0, 1e-13);
        AIMATH_COMPARE_REL(a.eigMax, 40.0, 1e-13);
        AIMATH_COMPARE_REL(a.condition, 40.0, 1e-13);
        AIMATH_COMPARE_REL(a.maxStableLr, 0.05, 1e-13);
        AIMATH_COMPARE_REL(a.f, s->value(0.4, 0.8), 0);
        RunSettings rs;
        rs.startX = 0.4;
        rs.startY = 0.8;
        rs.steps = 3000;
        Trajectory t;
        runTrajectory(*s, "sgd", a.maxStableLr * 0.99, rs, t);
        QVERIFY(!t.diverged);
        QVERIFY(t.f.back() < 1e-6 * t.f.front());
        runTrajectory(*s, "sgd", a.maxStableLr * 1.01, rs, t);
        QVERIFY(t.diverged);
    }

    void saddleAndFlat()
    {
        auto s = makeSurface("saddle", {});
        const PointAnalysis a = analyzePoint(*s, 0.3, 0.2);
        QCOMPARE(a.eigMin, -2.0);
        QCOMPARE(a.eigMax, 2.0);
        QCOMPARE(a.condition, 1.0);
        QCOMPARE(a.maxStableLr, 1.0);  // 2/λmax = 2/2
        SurfaceSettings ss;
        ss.expression = "x^2";
        auto flat = makeSurface("custom", ss);
        const PointAnalysis b = analyzePoint(*flat, 1, 1);
        QVERIFY(std::isinf(b.condition));
        ss.expression = "-x^2 - y^2";
        auto cap = makeSurface("custom", ss);
        QVERIFY(std::isinf(analyzePoint(*cap, 1, 1).maxStableLr));
        // Ackley's cone tip: the Hessian is infinite and nothing derived from it is claimed.
        auto ackley = makeSurface("ackley", {});
        const PointAnalysis c = analyzePoint(*ackley, 0, 0);
        QVERIFY(!c.hessianFinite);
        QCOMPARE(c.grad, Eigen::Vector2d(0, 0));
    }

    // The Taylor model of a quadratic is the quadratic: its contours equal the true ones cell for cell.
    void taylorOfQuadraticIsExact()
    {
        SurfaceSettings ss;
        ss.condition = 5;
        ss.angleDeg = 10;
        auto s = makeSurface("quadratic", ss);
        const PointAnalysis a = analyzePoint(*s, 0.5, -0.25);
        const std::vector<double> levels{0.1, 0.5, 1.0};
        const auto taylor = taylorContours(a, 1.0, 41, levels);
        QCOMPARE(taylor.size(), levels.size());
        int points = 0;
        for (const auto& l : taylor)
            for (std::size_t k = 0; k < l.segments.size(); k += 2, ++points) {
                // Along a grid edge a quadratic restricted to a line is a parabola: linear interpolation errs by
                // at most h²·max|f''|/8 with h = 0.05 and f'' ≤ κ = 5 along an axis-aligned edge.
                const double f = s->value(l.segments[k], l.segments[k + 1]);
                QVERIFY2(std::fabs(f - l.level) <= 0.05 * 0.05 * 5 / 8 * 1.01, qPrintable(QString::number(f - l.level)));
            }
        QVERIFY(points > 50);
        // A model at a point of a non-quadratic surface differs away from that point.
        auto r = makeSurface("rosenbrock", {});
        const PointAnalysis b = analyzePoint(*r, -1, 1);
        const auto t2 = taylorContours(b, 0.5, 41, {b.f + 1});
        double worst = 0;
        for (std::size_t k = 0; k < t2[0].segments.size(); k += 2)
            worst = std::max(worst, std::fabs(r->value(t2[0].segments[k], t2[0].segments[k + 1]) - (b.f + 1)));
        QVERIFY(worst > 0.01);
    }

    // Arrows point downhill: on ½(x² + y²) each shaft runs along −p/‖p‖ from its lattice centre.
    void gradientFieldPointsDownhill()
    {
        SurfaceSettings ss;
        ss.condition = 1;
        ss.angleDeg = 0;
        auto s = makeSurface("quadratic", ss);
        const auto segs = gradientField(*s, {-1, 1, -1, 1}, 4);
        QCOMPARE(segs.size(), std::size_t(4 * 4 * 3 * 4));  // 16 arrows × 3 segments × 4 numbers
        for (std::size_t k = 0; k < segs.size(); k += 12) {
            const double cx = 0.5 * (segs[k] + segs[k + 2]), cy = 0.5 * (segs[k + 1] + segs[k + 3]);
            const double dx = segs[k + 2] - segs[k], dy = segs[k + 3] - segs[k + 1];
            const double cosAngle = (dx * -cx + dy * -cy) / (std::hypot(dx, dy) * std::hypot(cx, cy));
            AIMATH_COMPARE_REL(cosAngle, 1.0, 1e-12);
            AIMATH_COMPARE_REL(std::hypot(dx, dy), 0.4 * 0.5, 1e-12);
        }
        // No arrow where the gradient vanishes: a 1 × 1 lattice on [-1, 1]² has its centre at the minimum.
        QVERIFY(gradientField(*s, {-1, 1, -1, 1}, 1).empty());
    }

    void gridSampling()
    {
        auto s = makeSurface("rosenbrock", {});
        SurfaceGrid g;
        sampleSurface(*s, s->bounds(), 65, g);
        QCOMPARE(g.nx, 65);
        QCOMPARE(g.values.size(), std::size_t(65 * 65));
        QCOMPARE(g.x(0), -2.0);
        QCOMPARE(g.x(64), 2.0);
        QCOMPARE(g.y(64), 3.0);
        // (i, j) = (48, 32) is (1, 1): the minimum, value 0, also the grid minimum.
        QCOMPARE(g.values[32 * 65 + 48], 0.0);
        QCOMPARE(g.fMin, 0.0);
        QCOMPARE(g.fMax, s->value(-2, -1));  // 9 + 100·25 = 2509
        QCOMPARE(g.fMax, 2509.0);
        // Progress after every row, ending at 1; a false answer stops after that row.
        std::vector<double> seen;
        QVERIFY(sampleSurface(*s, s->bounds(), 65, g, [&](double f) {
            seen.push_back(f);
            return true;
        }));
        QCOMPARE(seen.size(), std::size_t(65));
        QCOMPARE(seen.front(), 1.0 / 65);
        QCOMPARE(seen.back(), 1.0);
        int rows = 0;
        QVERIFY(!sampleSurface(*s, s->bounds(), 65, g, [&](double) { return ++rows < 3; }));
        QCOMPARE(rows, 3);
        // A costly surface is sampled on two threads: every value as one value() call gives it, progress
        // rising to 1 (reported from the calling thread only), and a cancel still stops it.
        auto logistic = makeSurface("logistic", {});
        SurfaceGrid lg;
        seen.clear();
        QVERIFY(sampleSurface(*logistic, logistic->bounds(), 64, lg, [&](double f) {
            seen.push_back(f);
            return true;
        }));
        for (int j = 0; j < 64; ++j)
            for (int i = 0; i < 64; ++i)
                QCOMPARE(lg.values[static_cast<std::size_t>(j) * 64 + i], logistic->value(lg.x(i), lg.y(j)));
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QCOMPARE(seen.back(), 1.0);
        rows = 0;
        QVERIFY(!sampleSurface(*logistic, logistic->bounds(), 64, lg, [&](double) { return ++rows < 3; }));
        QCOMPARE(rows, 3);
        // Undefined values become NaN and are left out of the range.
        SurfaceSettings ss;
        ss.expression = "log(x)";
        auto l = makeSurface("custom", ss);
        sampleSurface(*l, {-1, 1, -1, 1}, 5, g);
        QVERIFY(std::isnan(g.values[0]));
        QCOMPARE(g.finiteCount, 2 * 5);  // x = 0.5 and 1 (x = 0 gives −inf)
        QCOMPARE(g.fMin, std::log(0.5));
        QCOMPARE(g.fMax, 0.0);
    }

    void levelsAndScale()
    {
        const auto lin = contourLevels(0, 10, 5, false);
        QCOMPARE(lin, (std::vector<double>{1, 3, 5, 7, 9}));
        const auto lg = contourLevels(2, 1002, 4, true);
        QCOMPARE(lg.size(), std::size_t(4));
        // Geometric in f − fMin between 10δ = 1 and the range 1000: ratios equal.
        for (std::size_t k = 1; k + 1 < lg.size(); ++k)
            AIMATH_COMPARE_REL((lg[k + 1] - 2) / (lg[k] - 2), (lg[k] - 2) / (lg[k - 1] - 2), 1e-12);
        QVERIFY(lg.front() > 2 && lg.back() < 1002);
        QVERIFY(contourLevels(1, 1, 5, true).empty());
        const DisplayScale ds{2, 1002, true};
        AIMATH_COMPARE_REL(ds(2), std::log10(0.1), 1e-15);
        AIMATH_COMPARE_REL(ds(1002), std::log10(1000.1), 1e-15);
        QCOMPARE((DisplayScale{2, 1002, false})(5.0), 5.0);
    }

    void rotation()
    {
        for (double az : {0.0, 37.0, -120.0})
            for (double el : {0.0, 30.0, 90.0}) {
                const Eigen::Matrix3d r = viewRotation(az, el);
                QVERIFY((r * r.transpose() - Eigen::Matrix3d::Identity()).norm() < 1e-14);
                AIMATH_COMPARE_REL(r.determinant(), 1.0, 1e-14);
            }
        // From above (elevation 90°, azimuth 0) the screen shows x to the right and y up.
        const Eigen::Matrix3d top = viewRotation(0, 90);
        QVERIFY((top * Eigen::Vector3d(1, 0, 0) - Eigen::Vector3d(1, 0, 0)).norm() < 1e-15);
        QVERIFY((top * Eigen::Vector3d(0, 1, 0)).head<2>().isApprox(Eigen::Vector2d(0, 1)));
        // From the side (elevation 0) height is up.
        QVERIFY((viewRotation(0, 0) * Eigen::Vector3d(0, 0, 1)).head<2>().isApprox(Eigen::Vector2d(0, 1)));
        // Azimuth 90° turns x into the screen's up direction seen from above.
        QVERIFY((viewRotation(90, 90) * Eigen::Vector3d(1, 0, 0)).head<2>().isApprox(Eigen::Vector2d(0, 1)));
    }

    void wireframe()
    {
        auto s = makeSurface("saddle", {});
        SceneBox box{s->bounds(), DisplayScale{-4, 4, false}, -4, 4};
        const auto lines = projectWireframe(*s, box, viewRotation(0, 90), 5, 9);
        QCOMPARE(lines.size(), std::size_t(10));
        // From above the wireframe is the x–y lattice in box coordinates.
        for (const auto& l : lines)
            for (std::size_t k = 0; k < l.u.size(); ++k) {
                QVERIFY(l.u[k] >= -1 - 1e-12 && l.u[k] <= 1 + 1e-12);
                QVERIFY(l.v[k] >= -1 - 1e-12 && l.v[k] <= 1 + 1e-12);
            }
        // From the side at azimuth 0 a point's height is its screen v: f = 4 at (2, 0) → top of the box, 0.6.
        const double x[] = {2}, y[] = {0}, f[] = {4};
        const Polyline p = projectPath(x, y, f, 1, box, viewRotation(0, 0));
        AIMATH_COMPARE_REL(p.v[0], 0.6, 1e-14);
        AIMATH_COMPARE_REL(p.u[0], 1.0, 1e-14);
    }
};

QTEST_GUILESS_MAIN(TestAnalysis)
#include "test_analysis.moc"
