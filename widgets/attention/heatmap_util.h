#pragma once
// Small helpers that set up matrix heatmaps the way every attention plot needs
// them: cells without interpolation, row 0 at the top, token labels on the axes.

#include <qcustomplot.h>

#include <algorithm>
#include <cstddef>
#include <limits>
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

namespace detail {
/// The cells of a QCPColorMapData (row-major: value index × keySize + key index) and the state that
/// QCPColorMapData::setCell keeps, reached through a derived class (protected members; C++ allows
/// the access this way). setCell is an out-of-line, bounds-checked call per cell: about 40
/// instructions, 11 M for the 512 × 512 cells of one temperature change at 2,048 tokens.
struct MapCells : QCPColorMapData {
    static double* cells(QCPColorMapData* d) { return d->*(&MapCells::mData); }
    /// After a rewrite of every cell: the bounds of the new values (not of the old and new ones, as
    /// setCell's only-growing bounds), and the map redraws its image at the next replot.
    static void rewritten(QCPColorMapData* d, QCPRange bounds)
    {
        d->*(&MapCells::mDataBounds) = bounds;
        d->*(&MapCells::mDataModified) = true;
    }
};
}  // namespace detail

/// Resizes the map to rows × cols cells (x = column, y = row) and sets each cell from value(r, c).
template <class F>
void fillMap(QCPColorMap* map, int rows, int cols, F value)
{
    QCPColorMapData* d = map->data();
    if (d->keySize() != cols || d->valueSize() != rows)
        d->setSize(cols, rows);
    d->setRange(QCPRange(0, std::max(cols - 1, 0)), QCPRange(0, std::max(rows - 1, 0)));
    double* cells = detail::MapCells::cells(d);
    if (!cells || d->keySize() != cols || d->valueSize() != rows)
        return;  // empty, or QCustomPlot could not allocate the cells (it said so)
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (int r = 0; r < rows; ++r) {
        double* row = cells + static_cast<std::ptrdiff_t>(r) * cols;
        for (int c = 0; c < cols; ++c) {
            const double v = value(r, c);
            row[c] = v;
            lo = v < lo ? v : lo;  // NaN (a masked cell) takes part in neither bound
            hi = v > hi ? v : hi;
        }
    }
    detail::MapCells::rewritten(d, lo <= hi ? QCPRange(lo, hi) : QCPRange(0, 0));
}

/// Axis ranges that frame rows × cols cells exactly.
void frameCells(Heatmap& h, int rows, int cols);

/// Token labels as tick labels, as many as fit: cell i (covering tokens i·pool … i·pool + pool − 1) is
/// labelled with its first token, on every step-th cell, where step is the smallest that keeps any two
/// labels apart on the axis's pixel length with its tick label font and rotation (1 while all fit).
/// The step follows the axis's length at every layout (a resize, an export at another size).
class TokenTicker : public QCPAxisTickerText {
public:
    explicit TokenTicker(QCPAxis* axis);
    /// False when labels, pool and cells are those already shown (nothing is redone).
    bool setTokens(const std::vector<std::string>& labels, int pool, int cells);
    /// Every step-th cell is labelled.
    int step() const { return m_step; }
    /// The step at which labels of this axis keep apart over `lengthPx` pixels (cells when even one
    /// label per cell is too dense to tell; 1 when every cell fits).
    int stepFor(double lengthPx) const;
    /// The axis's length in pixels (width or height of its rect at the last layout).
    double axisLength() const;

protected:
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;

private:
    /// Line height of the labels' font; with `widths`, also the widest label.
    void measure(bool widths) const;
    void rebuild(int step);

    QCPAxis* m_axis;
    std::vector<QString> m_cellLabels;  ///< the first token of each cell
    std::vector<std::string> m_tokens;
    int m_pool = 0;
    int m_cells = 0;
    int m_step = 0;
    // Line height and widest label (−1: not measured yet), for the font they were measured with.
    mutable bool m_measured = false;
    mutable QFont m_measuredFont;
    mutable QFont m_metricsFont;
    mutable double m_maxWidth = 0;
    mutable double m_lineHeight = 0;
};

/// Installs (once) or updates a TokenTicker on `axis`; returns it.
TokenTicker* setTokenTicks(QCPAxis* axis, const std::vector<std::string>& labels, int pool, int cells);
/// Plain integer ticks (matrix column indices).
void setIndexTicks(QCPAxis* axis);

}  // namespace aimath::attention_view
