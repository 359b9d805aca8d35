#pragma once
// Small helpers that set up matrix heatmaps the way every attention plot needs
// them: cells without interpolation, row 0 at the top, token labels on the axes.

#include <qcustomplot.h>

#include <string>
#include <vector>

namespace aimath::attention_view {

struct Heatmap {
    QCPAxisRect* rect = nullptr;
    QCPColorMap* map = nullptr;
    QCPColorScale* scale = nullptr;  ///< null when the heatmap has none
};

/// An axis rect with a colour map (and optionally a colour scale to its right) at (row, col) of `grid`
/// (the scale takes column col + 1). Row 0 of the matrix is drawn at the top.
Heatmap addHeatmap(QCustomPlot* plot, QCPLayoutGrid* grid, int row, int col, bool withScale,
                   const QCPColorGradient& gradient, QCPMarginGroup* group = nullptr);

/// Resizes the map to rows × cols cells (x = column, y = row) and sets each cell from value(r, c).
template <class F>
void fillMap(QCPColorMap* map, int rows, int cols, F value)
{
    QCPColorMapData* d = map->data();
    if (d->keySize() != cols || d->valueSize() != rows)
        d->setSize(cols, rows);
    d->setRange(QCPRange(0, std::max(cols - 1, 0)), QCPRange(0, std::max(rows - 1, 0)));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            d->setCell(c, r, value(r, c));
}

/// Axis ranges that frame rows × cols cells exactly.
void frameCells(Heatmap& h, int rows, int cols);

/// Token labels as tick labels: cell i (covering tokens i·pool … i·pool + pool − 1) is labelled with
/// its first token; at most maxLabels labels are shown (every k-th cell otherwise).
void setTokenTicks(QCPAxis* axis, const std::vector<std::string>& labels, int pool, int cells, int maxLabels);
/// Plain integer ticks (matrix column indices).
void setIndexTicks(QCPAxis* axis);

}  // namespace aimath::attention_view
