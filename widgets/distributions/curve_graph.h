#pragma once
// A QCPGraph for smooth curves drawn with wide pens (densities, CDFs). Qt's raster
// engine fills a wide antialiased polyline through a gray rasteriser whose small cell
// pool makes it sweep the whole outline once per band: a 600-point, 2.5 px curve took
// ~15 M instructions (4–6 ms) a replot, most of a μ drag. On screen this graph draws the
// line through the fewest of its points that stay within kTolerancePx of it
// (Douglas–Peucker in pixels), and a dashed pen as one short solid polyline per dash
// (each dash a small outline). The graph's data, exports' data, vector exports (PDF, SVG:
// every point, Qt's own dashes) and pens up to 1 px (Qt's fast cosmetic path) are untouched.

#include <qcustomplot.h>

namespace aimath {

class CurveGraph : public QCPGraph {
    Q_OBJECT
public:
    /// Farthest any drawn point of the line strays from the polyline through all points (device pixels).
    static constexpr double kTolerancePx = 0.1;

    CurveGraph(QCPAxis* keyAxis, QCPAxis* valueAxis) : QCPGraph(keyAxis, valueAxis) {}

    /// The indices of `points` kept by the simplification (always the first and the last).
    static QVector<int> simplify(const QVector<QPointF>& points, double tolerance);
    /// The "on" pieces of `points` under `pattern` (lengths in px, on/off alternating,
    /// starting `offset` px into it), each an open polyline.
    static QVector<QVector<QPointF>> dashes(const QVector<QPointF>& points, const QVector<qreal>& pattern, double offset);

protected:
    void drawLinePlot(QCPPainter* painter, const QVector<QPointF>& lines) const override;
};

}  // namespace aimath
