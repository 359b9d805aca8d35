// Marching squares: on a cone the contours are circles, on a plane straight lines, and
// every crossing is shared by exactly two segments (the lines close).
#include "engine/optim/contour.h"
#include "tests/support/compare.h"

#include <QtTest>

#include <cmath>
#include <map>
#include <utility>

using namespace aimath::optim;

namespace {
struct Grid {
    int n;
    double x0, h;
    std::vector<double> v;
};
template <class F>
Grid sample(int n, double lo, double hi, F f)
{
    Grid g{n, lo, (hi - lo) / (n - 1), std::vector<double>(static_cast<std::size_t>(n) * n)};
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i)
            g.v[static_cast<std::size_t>(j) * n + i] = f(lo + i * g.h, lo + j * g.h);
    return g;
}
}  // namespace

class TestContour : public QObject {
    Q_OBJECT
private slots:
    void coneGivesCircles_data()
    {
        QTest::addColumn<double>("radius");
        QTest::newRow("r=0.2537") << 0.2537;  // radii off the grid nodes: a level through a node is degenerate
        QTest::newRow("r=0.5113") << 0.5113;
        QTest::newRow("r=0.9071") << 0.9071;
    }
    void coneGivesCircles()
    {
        QFETCH(double, radius);
        const Grid g = sample(201, -1, 1, [](double x, double y) { return std::hypot(x, y); });
        const auto lines = marchingSquares(g.v.data(), g.n, g.n, g.x0, g.h, g.x0, g.h, {radius});
        QCOMPARE(lines.size(), std::size_t(1));
        const auto& seg = lines[0].segments;
        QVERIFY(seg.size() >= 4 * 20);
        QCOMPARE(seg.size() % 4, std::size_t(0));
        // Every crossing lies on the circle: linear interpolation of √(x² + y₀²) along an edge errs by at most
        // h²·max f''/8 = h²/(8r) (about 6e-5 for h = 0.01, r = 0.25).
        const double tol = g.h * g.h / (8 * radius) * 1.01 + 1e-15;
        double length = 0;
        std::map<std::pair<double, double>, int> ends;
        for (std::size_t k = 0; k < seg.size(); k += 4) {
            for (int e = 0; e < 2; ++e) {
                const double x = seg[k + 2 * e], y = seg[k + 2 * e + 1];
                QVERIFY2(std::fabs(std::hypot(x, y) - radius) <= tol, qPrintable(QStringLiteral("(%1, %2) off the circle by %3").arg(x).arg(y).arg(std::hypot(x, y) - radius)));
                ++ends[{x, y}];
            }
            length += std::hypot(seg[k + 2] - seg[k], seg[k + 3] - seg[k + 1]);
        }
        // Closed: every endpoint is shared by exactly two segments (bit-identical, computed once per edge).
        for (const auto& [p, count] : ends)
            QCOMPARE(count, 2);
        // The inscribed polygon's perimeter approaches 2πr from below.
        QVERIFY(length < 2 * M_PI * radius);
        QVERIFY(length > 2 * M_PI * radius * (1 - 1e-3));
    }

    // A plane: linear interpolation is exact, so the level-0.3 line of f = x is x = 0.3 over the whole height.
    void planeGivesStraightLine()
    {
        const Grid g = sample(64, -1, 1, [](double x, double) { return x; });
        const auto lines = marchingSquares(g.v.data(), g.n, g.n, g.x0, g.h, g.x0, g.h, {0.3});
        const auto& seg = lines[0].segments;
        QCOMPARE(seg.size(), std::size_t(4 * 63));  // one segment per row of cells
        double length = 0;
        for (std::size_t k = 0; k < seg.size(); k += 4) {
            AIMATH_COMPARE_ABS(seg[k], 0.3, 1e-14);
            AIMATH_COMPARE_ABS(seg[k + 2], 0.3, 1e-14);
            length += std::fabs(seg[k + 3] - seg[k + 1]);
        }
        AIMATH_COMPARE_REL(length, 2.0, 1e-13);
    }

    // A saddle cell (corners above, below, above, below): two segments, chosen by the centre value.
    void saddleCell()
    {
        const double v[4] = {1, 0, 1, 0};  // (0,0)=1 (1,0)=0 / (0,1)=1 (1,1)=0 → not a saddle: a vertical line
        auto l = marchingSquares(v, 2, 2, 0, 1, 0, 1, {0.5});
        QCOMPARE(l[0].segments.size(), std::size_t(4));
        const double s[4] = {1, 0, 0, 1};  // 00 = 1, 10 = 0, 01 = 0, 11 = 1: diagonal above, centre 0.5
        l = marchingSquares(s, 2, 2, 0, 1, 0, 1, {0.4});  // centre 0.5 > 0.4: above corners connected
        QCOMPARE(l[0].segments.size(), std::size_t(8));
        // Connected above: the segments cut off the below corners (1,0) and (0,1).
        const auto& seg = l[0].segments;
        for (std::size_t k = 0; k < seg.size(); k += 4) {
            const double mx = 0.5 * (seg[k] + seg[k + 2]), my = 0.5 * (seg[k + 1] + seg[k + 3]);
            QVERIFY((mx > 0.5 && my < 0.5) || (mx < 0.5 && my > 0.5));
        }
    }

    void skipsNonFiniteAndOutOfRange()
    {
        const double nan = std::nan("");
        const double v[9] = {0, 1, 2, 1, nan, 3, 2, 3, 4};
        auto l = marchingSquares(v, 3, 3, 0, 1, 0, 1, {2.5, 100});
        QCOMPARE(l.size(), std::size_t(2));
        // Only the cell without the NaN corner ((1,1)…(2,2) has NaN at (1,1)): every cell touches the centre → nothing.
        QVERIFY(l[0].segments.empty());
        QVERIFY(l[1].segments.empty());
        QCOMPARE(l[1].level, 100.0);
        auto none = marchingSquares(nullptr, 0, 0, 0, 1, 0, 1, {1});
        QVERIFY(none[0].segments.empty());
    }
};

QTEST_GUILESS_MAIN(TestContour)
#include "test_contour.moc"
