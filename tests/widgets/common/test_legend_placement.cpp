// The legend goes to the corner of the axis rect where it hides the least of the data: points,
// lines (counted along their length, not just at their vertices), bars (their whole column) and text
// labels count; it stays where the tab put it while that corner is (nearly) as empty as any, and it
// does not jump for a small gain. Bad data (NaN, inf, zeros on a log axis) is skipped.

#include "widgets/common/legend_placement.h"
#include "widgets/common/plot_view.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace aimath;

namespace {
const Qt::Alignment TL = Qt::AlignTop | Qt::AlignLeft;
const Qt::Alignment TR = Qt::AlignTop | Qt::AlignRight;
const Qt::Alignment BL = Qt::AlignBottom | Qt::AlignLeft;
const Qt::Alignment BR = Qt::AlignBottom | Qt::AlignRight;

/// A 600 × 400 plot on [0, 10]², laid out, with a legend of two entries at `corner`.
struct Fixture {
    PlotView plot;
    explicit Fixture(Qt::Alignment corner = TR)
    {
        plot.resize(600, 400);
        plot.xAxis->setRange(0, 10);
        plot.yAxis->setRange(0, 10);
        plot.legend->setVisible(true);
        plot.axisRect()->insetLayout()->setInsetAlignment(0, corner);
    }
    QCPGraph* scatter(const QVector<double>& x, const QVector<double>& y)
    {
        QCPGraph* g = plot.addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
        g->setData(x, y, true);
        g->setName(QStringLiteral("points %1").arg(plot.graphCount()));
        return g;
    }
    /// n points spread over the square [x0, x0 + 2] × [y0, y0 + 2].
    QCPGraph* cluster(double x0, double y0, int n)
    {
        QVector<double> x, y;
        for (int i = 0; i < n; ++i) {
            x << x0 + 2.0 * ((i * 7) % n) / n;
            y << y0 + 2.0 * ((i * 13) % n) / n;
        }
        return scatter(x, y);
    }
    Qt::Alignment corner() { return plot.axisRect()->insetLayout()->insetAlignment(0); }
    Qt::Alignment replotAndRead()
    {
        plot.replot();
        return corner();
    }
};
}  // namespace

class TestLegendPlacement : public QObject {
    Q_OBJECT
private slots:
    void emptyPlotKeepsTheTabsCorner()
    {
        Fixture f(BR);
        f.plot.addGraph()->setName(QStringLiteral("nothing yet"));
        QCOMPARE(f.replotAndRead(), BR);
    }

    void leavesACrowdedCornerForAnEmptyOne()
    {
        Fixture f(TR);
        f.cluster(8, 8, 200);  // top right
        f.cluster(0, 8, 200);  // top left
        f.cluster(8, 0, 200);  // bottom right
        QCOMPARE(f.replotAndRead(), BL);
        // the decision needs no second replot: the first one lays the plot out itself
        Fixture g(TR);
        g.cluster(8, 8, 200);
        QVERIFY(g.replotAndRead() != TR);
    }

    void staysWhereItIsWhenTheCornerIsEmpty()
    {
        Fixture f(TR);
        f.cluster(0, 0, 300);  // bottom left only
        QCOMPARE(f.replotAndRead(), TR);
    }

    void linesCountAlongTheirLength()
    {
        // Two points only, joined by a line across the top: with lines the top corners are taken
        // although no vertex lies in them; as bare points they are not.
        Fixture f(TR);
        QCPGraph* g = f.plot.addGraph();
        g->setName(QStringLiteral("flat line"));
        g->setData(QVector<double>{0.0, 10.0}, QVector<double>{9.5, 9.5});
        f.plot.replot();
        const Qt::Alignment withLine = f.corner();
        QVERIFY2(withLine == BR || withLine == BL, "a line along the top moves the legend to the bottom");
        LegendOccupancy lineOcc(&f.plot, f.plot.axisRect());
        const QSize box(150, 60);
        QVERIFY(lineOcc.weightAt(TR, box) > 5.0);
        QCOMPARE(lineOcc.weightAt(BL, box), 0.0);
        g->setLineStyle(QCPGraph::lsNone);
        LegendOccupancy pointOcc(&f.plot, f.plot.axisRect());
        QVERIFY(pointOcc.weightAt(TR, box) < lineOcc.weightAt(TR, box));
    }

    void sparseSamplesDoNotJoinAcrossBreaks()
    {
        // One curve of two pieces with a NaN between them (as the contour curves are): a piece up the
        // left edge, then one entirely off to the right. Sampled sparsely (over 512 points), the
        // samples either side of the break must not be joined by a chord across the top.
        Fixture f(TL);
        auto* curve = new QCPCurve(f.plot.xAxis, f.plot.yAxis);
        curve->setName(QStringLiteral("contours"));
        QVector<double> t, x, y;
        for (int i = 0; i < 601; ++i) {  // 601: the break falls between samples (every third point)
            t << t.size();
            x << 0.2;
            y << 9.6 * i / 600.0;
        }
        t << t.size();
        x << std::numeric_limits<double>::quiet_NaN();
        y << std::numeric_limits<double>::quiet_NaN();
        for (int i = 0; i < 600; ++i) {
            t << t.size();
            x << 20.0;
            y << 9.6 - 0.01 * i;
        }
        curve->setData(t, x, y, true);
        f.plot.replot();
        LegendOccupancy occ(&f.plot, f.plot.axisRect());
        QCOMPARE(occ.weightAt(TR, QSize(150, 40)), 0.0);
        QVERIFY(occ.weightAt(TL, QSize(150, 40)) > 0.0);
    }

    void barsCountOverTheirColumn()
    {
        Fixture f(TR);
        auto* bars = new QCPBars(f.plot.xAxis, f.plot.yAxis);
        bars->setName(QStringLiteral("bars"));
        bars->setWidth(1.0);
        bars->setData(QVector<double>{7, 8, 9}, QVector<double>{9.8, 9.8, 9.8});  // tall bars on the right
        QCOMPARE(f.replotAndRead(), TL);
    }

    void filledAreasCount()
    {
        // A flat line high on the right half: bare, it only crosses the top right; shaded down to
        // zero (as a density is), it covers the bottom right too, and still not the left.
        Fixture f(TR);
        QCPGraph* g = f.plot.addGraph();
        g->setName(QStringLiteral("density"));
        QVector<double> x, y;
        for (int i = 0; i <= 50; ++i) {
            x << 5.0 + 0.1 * i;
            y << 9.5;
        }
        g->setData(x, y, true);
        f.plot.replot();
        LegendOccupancy bare(&f.plot, f.plot.axisRect());
        g->setBrush(QColor(0, 0, 255, 40));
        LegendOccupancy shaded(&f.plot, f.plot.axisRect());
        const QSize box(150, 100);
        QCOMPARE(bare.weightAt(BR, box), 0.0);
        QVERIFY(shaded.weightAt(BR, box) > 5.0);
        QCOMPARE(shaded.weightAt(BL, box), 0.0);
    }

    void textLabelsCount()
    {
        Fixture f(TR);
        f.plot.addGraph()->setName(QStringLiteral("labels only"));
        for (int i = 0; i < 30; ++i) {
            auto* t = new QCPItemText(&f.plot);
            t->position->setCoords(8.8 + 0.04 * i, 9.9 - 0.02 * i);  // under a top-right legend
            t->setText(QStringLiteral("word"));
            t->setClipAxisRect(f.plot.axisRect());
        }
        QVERIFY(f.replotAndRead() != TR);
    }

    void doesNotJumpForASmallGain()
    {
        // current corner (BL) 10 points, top left 9: not a clear gain, it stays; with 5 it moves.
        Fixture f(BL);
        f.cluster(8, 8, 300);
        f.cluster(8, 0, 300);
        f.cluster(0.2, 0.2, 10);
        QCPGraph* tl = f.cluster(0.2, 8.2, 9);
        QCOMPARE(f.replotAndRead(), BL);
        QVector<double> x{0.5, 0.7, 0.9, 1.1, 1.3}, y{8.5, 8.7, 8.9, 9.1, 9.3};
        tl->setData(x, y, true);
        QCOMPARE(f.replotAndRead(), TL);
    }

    void ignoresNonFiniteAndLogZeros()
    {
        Fixture f(TR);
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        f.plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
        f.plot.yAxis->setRange(1e-3, 10);
        QCPGraph* g = f.plot.addGraph();
        g->setName(QStringLiteral("bad"));
        g->setData(QVector<double>{0, 1, 2, 3, 4, 5, nan, 9}, QVector<double>{nan, inf, -inf, 0.0, -1.0, 5.0, 1.0, 9.0}, true);
        f.plot.replot();
        LegendOccupancy occ(&f.plot, f.plot.axisRect());
        QVERIFY(std::isfinite(occ.total()));
        for (Qt::Alignment c : {TL, TR, BL, BR})
            QVERIFY(std::isfinite(occ.weightAt(c, QSize(100, 50))));
    }

    void offWhenTheTabSaysSo()
    {
        Fixture f(TR);
        f.plot.setLegendAutoPlacement(false);
        f.cluster(8, 8, 200);
        QCOMPARE(f.replotAndRead(), TR);
        QVERIFY(placeLegend(&f.plot, TR));  // asked directly, it still moves it
        QVERIFY(f.corner() != TR);
    }

    void aPlotWithoutLegendOrAxisRectReplots()
    {
        // Head grids and bar strips clear the default layout: the legend and axis rect are gone.
        PlotView plot;
        plot.resize(300, 200);
        plot.plotLayout()->clear();
        QVERIFY(plot.legend == nullptr);
        plot.replot();
        QVERIFY(!placeLegend(&plot, TR));
        auto* rect = new QCPAxisRect(&plot);
        plot.plotLayout()->addElement(0, 0, rect);
        plot.replot();
    }

    void aHiddenLegendIsLeftAlone()
    {
        Fixture f(TR);
        f.cluster(8, 8, 200);
        f.plot.legend->setVisible(false);
        QCOMPARE(f.replotAndRead(), TR);
        QVERIFY(!placeLegend(&f.plot, TR));
    }
};

QTEST_MAIN(TestLegendPlacement)
#include "test_legend_placement.moc"
