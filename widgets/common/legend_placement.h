#pragma once
// Puts a plot's legend in the corner of its axis rect where it hides the least of what is drawn.
// A legend's box is opaque: at a fixed corner it covers the curves that happen to run there (the
// descent loss plots' top right, where the slow optimizers' flat lines are; the embedding scatter's
// top right, where a class of points sits). PlotView calls this before every replot.

#include <qcustomplot.h>

namespace aimath {

/// How much of what is drawn a legend would hide at `corner` of `rect` (pixels), measured on a coarse
/// grid over `rect`: each plottable of the plot (graphs and curves along their lines, bars over their
/// columns, scatters by point; colour maps cover everything and are not counted) and each text item
/// adds weight to the cells it crosses. Sampling keeps the cost to about 512 points a plottable.
class LegendOccupancy {
public:
    LegendOccupancy(QCustomPlot* plot, QCPAxisRect* axisRect, int cells = 32);
    /// The weight under a box of `size` at `corner` (Qt::AlignTop/Bottom/VCenter | AlignLeft/Right/HCenter).
    double weightAt(Qt::Alignment corner, QSize size) const;
    double total() const { return m_total; }

private:
    /// Marks a graph's or curve's samples, along their lines if `line`, and the columns down to the
    /// pixel row `fillToY` under them unless it is NaN.
    template <typename Container>
    void addPath(const QCPAbstractPlottable* p, const Container& data, bool line, double fillToY);
    void addPoint(QPointF px, double w = 1.0);
    void addSegment(QPointF a, QPointF b);
    void addColumn(double x, double y0, double y1);
    QRectF m_rect;
    int m_cells;
    std::vector<double> m_grid;
    double m_total = 0.0;
};

/// The corner for a legend of `size`, with `current` kept unless another hides clearly less (a
/// quarter less, and at least one cell's worth), so the legend does not jump during a drag. Ties go
/// to `preferred` (the tab's own choice), then top right, top left, bottom right, bottom left.
Qt::Alignment chooseLegendCorner(const LegendOccupancy& occ, QSize size, Qt::Alignment current, Qt::Alignment preferred);

/// Moves `plot`'s legend, if it is visible and sits in an axis rect's inset layout border-aligned,
/// to the chosen corner. Returns true if it moved.
bool placeLegend(QCustomPlot* plot, Qt::Alignment preferred);

}  // namespace aimath
