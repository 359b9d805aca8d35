// CurveGraph: the screen drawing of wide smooth curves through fewer points and
// per-dash polylines. Checked against brute-force geometry (every dropped point within
// the tolerance of what is drawn; dash lengths summed by hand) and against QCPGraph's
// own picture of the same data and pen (Qt's dasher drifts against exact dash lengths by
// a pixel or two along a long curve, so dashed pictures are compared by their ink).

#include "widgets/distributions/curve_graph.h"
#include "tests/support/compare.h"

#include <QTest>
#include <qcustomplot.h>

#include <cmath>

using aimath::CurveGraph;

namespace {

double distanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF d = b - a, v = p - a;
    const double len2 = QPointF::dotProduct(d, d);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(v, d) / len2, 0.0, 1.0) : 0.0;
    const QPointF e = v - t * d;
    return std::sqrt(QPointF::dotProduct(e, e));
}

double length(const QVector<QPointF>& p)
{
    double s = 0;
    for (qsizetype i = 1; i < p.size(); ++i)
        s += std::hypot(p[i].x() - p[i - 1].x(), p[i].y() - p[i - 1].y());
    return s;
}

QVector<QPointF> density(int n, double x0, double x1)
{
    QVector<QPointF> p;
    for (int i = 0; i < n; ++i) {
        const double x = x0 + (x1 - x0) * i / (n - 1);
        p.push_back({50 + 1000.0 * i / (n - 1), 600 - 700 * (0.5 * std::exp(-0.5 * (x + 2) * (x + 2) / 0.36) / 0.6 + 0.5 * std::exp(-std::fabs(x - 2) / 0.3) / 0.6)});
    }
    return p;
}

QImage render(QCustomPlot& plot)
{
    plot.replot();
    return plot.toPixmap(900, 500, 1.0).toImage().convertToFormat(QImage::Format_RGB32);
}

}  // namespace

class TestCurveGraph : public QObject {
    Q_OBJECT
private slots:
    void simplifiedLineStaysWithinTheTolerance()
    {
        const QVector<QPointF> p = density(600, -6, 6);  // a Gaussian bump and a Laplace kink
        for (double tol : {0.05, 0.1, 0.5}) {
            const QVector<int> keep = CurveGraph::simplify(p, tol);
            QCOMPARE(keep.front(), 0);
            QCOMPARE(keep.back(), 599);
            QVERIFY(keep.size() < 600);
            for (qsizetype k = 1; k < keep.size(); ++k) {
                QVERIFY(keep[k] > keep[k - 1]);
                for (int i = keep[k - 1]; i <= keep[k]; ++i)
                    QVERIFY2(distanceToSegment(p[i], p[keep[k - 1]], p[keep[k]]) <= tol + 1e-12,
                             qPrintable(QStringLiteral("point %1 at tolerance %2").arg(i).arg(tol)));
            }
        }
        // A straight line needs its ends only; a spike one sample wide is kept.
        QVector<QPointF> line;
        for (int i = 0; i < 50; ++i)
            line.push_back({2.0 * i, 3.0 + 0.5 * i});
        QCOMPARE(CurveGraph::simplify(line, 0.1).size(), 2);
        line[25].ry() -= 40;
        QVERIFY(CurveGraph::simplify(line, 0.1).contains(25));
        // A path that runs back along itself is not cut short.
        const QVector<QPointF> back{{0, 0}, {10, 0}, {4, 0}};
        QCOMPARE(CurveGraph::simplify(back, 0.1).size(), 3);
        QCOMPARE(CurveGraph::simplify({}, 0.1).size(), 0);
        QCOMPARE(CurveGraph::simplify({{1, 1}}, 0.1).size(), 1);
    }

    void dashesFollowThePattern()
    {
        // A 100 px line under [4, 2] × 2.5 px = 10 on, 5 off: dashes at 0, 15, 30, …, 90 (the last 90–100).
        const QVector<QPointF> line{{0, 0}, {40, 0}, {100, 0}};
        const auto d = CurveGraph::dashes(line, {10, 5}, 0);
        QCOMPARE(d.size(), 7);
        for (int k = 0; k < 7; ++k) {
            AIMATH_COMPARE_ABS(d[k].front().x(), 15.0 * k, 1e-12);
            AIMATH_COMPARE_ABS(d[k].back().x(), std::min(15.0 * k + 10, 100.0), 1e-12);
        }
        // The dash that spans the corner at x = 40 keeps the corner (30 → 40 → 40: on the line here).
        QCOMPARE(d[2].size(), 3);
        // An offset of 12 starts 2 px into the gap: the first dash at 3.
        const auto o = CurveGraph::dashes(line, {10, 5}, 12);
        AIMATH_COMPARE_ABS(o.front().front().x(), 3.0, 1e-12);
        // Along a bent path the dashed length is the on-fraction of the whole, up to one dash.
        const QVector<QPointF> p = density(600, -6, 6);
        double on = 0;
        for (const auto& piece : CurveGraph::dashes(p, {10, 5}, 0))
            on += length(piece);
        QVERIFY(std::fabs(on - length(p) * 10.0 / 15.0) <= 10.0);
        // A pattern without length draws the line whole.
        QCOMPARE(CurveGraph::dashes(line, {0, 0}, 0).size(), 1);
    }

    // The same data and pens drawn by QCPGraph and by CurveGraph: the pictures agree
    // except for antialiasing shades along the line; the data is not touched.
    void drawsWhatQcpGraphDraws()
    {
        QVector<double> xs, ys;
        for (int i = 0; i < 600; ++i) {
            const double x = -6 + 12.0 * i / 599;
            xs.push_back(x);
            ys.push_back(0.5 * std::exp(-0.5 * (x + 2) * (x + 2) / 0.36) / 0.6 + 0.5 * std::exp(-0.5 * (x - 2) * (x - 2) / 0.64) / 0.8);
        }
        for (Qt::PenStyle style : {Qt::SolidLine, Qt::DashLine}) {
            QCustomPlot a, b;
            QCPGraph* ga = a.addGraph();
            auto* gb = new CurveGraph(b.xAxis, b.yAxis);
            QCOMPARE(b.graphCount(), 1);
            for (QCPGraph* g : {ga, static_cast<QCPGraph*>(gb)}) {
                QPen pen(QColor(31, 119, 180), 2.5, style);
                pen.setCapStyle(Qt::FlatCap);
                g->setPen(pen);
                g->setData(xs, ys, true);
                g->keyAxis()->setRange(-6, 6);
                g->valueAxis()->setRange(0, 0.4);
            }
            QCOMPARE(gb->data()->size(), 600);
            const QImage ia = render(a), ib = render(b);
            if (qEnvironmentVariableIsSet("CURVE_GRAPH_DUMP")) {
                ia.save(QStringLiteral("/tmp/curve_qcp_%1.png").arg(int(style)));
                ib.save(QStringLiteral("/tmp/curve_ours_%1.png").arg(int(style)));
            }
            QCOMPARE(ia.size(), ib.size());
            int strong = 0, inkA = 0, inkB = 0;
            for (int y = 0; y < ia.height(); ++y)
                for (int x = 0; x < ia.width(); ++x) {
                    const QRgb p = ia.pixel(x, y), q = ib.pixel(x, y);
                    inkA += qBlue(p) != qRed(p) ? 1 : 0;  // pixels the blue line touches
                    inkB += qBlue(q) != qRed(q) ? 1 : 0;
                    const int d = std::max({std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)), std::abs(qBlue(p) - qBlue(q))});
                    strong += d > 96 ? 1 : 0;
                }
            QVERIFY(inkA > 1000);
            if (style == Qt::SolidLine) {
                // The same line up to antialiasing shades where points were dropped.
                QVERIFY2(strong <= inkA / 100, qPrintable(QStringLiteral("%1 of %2 line pixels differ strongly").arg(strong).arg(inkA)));
            } else {
                // The same dashes, whose phase may drift by a pixel or two over the curve's
                // 3,000 px against Qt's dasher: as much ink, not the same pixels.
                QVERIFY2(std::abs(inkA - inkB) <= inkA / 20, qPrintable(QStringLiteral("ink %1 vs %2").arg(inkB).arg(inkA)));
            }
        }
    }
};

QTEST_MAIN(TestCurveGraph)
#include "test_curve_graph.moc"
