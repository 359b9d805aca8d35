#include "widgets/common/legend_placement.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace aimath {

namespace {
// Per plottable: a 32-cell grid needs no more, and a 10,000-step noisy loss curve sampled more
// finely spent ~5 ms a replot marking its long zig-zag segments.
constexpr int kMaxSamples = 512;

bool finite(QPointF p) { return std::isfinite(p.x()) && std::isfinite(p.y()); }

QPointF toPixel(const QCPAbstractPlottable* p, double key, double value)
{
    const QCPAxis* k = p->keyAxis();
    const QCPAxis* v = p->valueAxis();
    const double kp = k->coordToPixel(key);
    const double vp = v->coordToPixel(value);
    return k->orientation() == Qt::Horizontal ? QPointF(kp, vp) : QPointF(vp, kp);
}

template <typename Container, typename Fn>
void sampled(const Container& data, Fn fn)
{
    const int n = data.size();
    const int stride = std::max(1, (n + kMaxSamples - 1) / kMaxSamples);
    for (int i = 0; i < n; i += stride)
        fn(*data.at(i));
    if (n > 1 && (n - 1) % stride != 0)
        fn(*data.at(n - 1));
}

QRectF boxAt(const QRectF& rect, Qt::Alignment corner, QSizeF size)
{
    double x = rect.left() + (rect.width() - size.width()) / 2;
    if (corner & Qt::AlignLeft)
        x = rect.left();
    else if (corner & Qt::AlignRight)
        x = rect.right() - size.width();
    double y = rect.top() + (rect.height() - size.height()) / 2;
    if (corner & Qt::AlignTop)
        y = rect.top();
    else if (corner & Qt::AlignBottom)
        y = rect.bottom() - size.height();
    return {QPointF(x, y), size};
}
}  // namespace

template <typename Container>
void LegendOccupancy::addPath(const QCPAbstractPlottable* p, const Container& data, bool line, double fillToY)
{
    const double halfCell = m_rect.width() / m_cells / 2;
    // Sampled sparsely, two samples may lie on either side of a break (NaN) in the data, as in the
    // contour curves, one curve of many pieces: a long chord between them is not drawn, so only
    // near neighbours are joined.
    const bool sparse = data.size() > kMaxSamples;
    const double maxJoin = 4 * (2 * halfCell);  // four cells
    double lastFillX = -std::numeric_limits<double>::infinity();
    QPointF prev;
    bool havePrev = false;
    sampled(data, [&](const auto& d) {
        const QPointF px = toPixel(p, d.key, d.value);
        if (!finite(px)) {
            havePrev = false;
            return;
        }
        if (line && havePrev && (!sparse || std::max(std::fabs(px.x() - prev.x()), std::fabs(px.y() - prev.y())) <= maxJoin))
            addSegment(prev, px);
        else
            addPoint(px);
        if (std::isfinite(fillToY) && px.x() - lastFillX >= halfCell) {
            addColumn(px.x(), std::clamp(fillToY, m_rect.top(), m_rect.bottom()), px.y());
            lastFillX = px.x();
        }
        prev = px;
        havePrev = true;
    });
}

LegendOccupancy::LegendOccupancy(QCustomPlot* plot, QCPAxisRect* axisRect, int cells)
    : m_rect(axisRect->rect()), m_cells(std::max(2, cells)), m_grid(static_cast<std::size_t>(m_cells) * m_cells, 0.0)
{
    if (m_rect.width() < 1 || m_rect.height() < 1)
        return;
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        if (!p->realVisibility() || !p->keyAxis() || !p->valueAxis() || p->keyAxis()->axisRect() != axisRect)
            continue;
        if (auto* g = qobject_cast<QCPGraph*>(p)) {
            // a filled graph (a density's shaded area) also covers down to zero, or to the axis
            const bool filled = g->brush().style() != Qt::NoBrush && !g->channelFillGraph() &&
                                g->keyAxis()->orientation() == Qt::Horizontal;
            const QCPAxis* v = g->valueAxis();
            const double zeroY = v->coordToPixel(v->scaleType() == QCPAxis::stLogarithmic ? v->range().lower : 0.0);
            addPath(g, *g->data(), g->lineStyle() != QCPGraph::lsNone,
                    filled ? zeroY : std::numeric_limits<double>::quiet_NaN());
        } else if (auto* c = qobject_cast<QCPCurve*>(p)) {
            addPath(c, *c->data(), c->lineStyle() != QCPCurve::lsNone, std::numeric_limits<double>::quiet_NaN());
        } else if (auto* b = qobject_cast<QCPBars*>(p)) {
            sampled(*b->data(), [&](const QCPBarsData& d) {
                const double base = b->baseValue();
                const QPointF top = toPixel(b, d.key, d.value);
                const QPointF bottom = toPixel(b, d.key, base);
                if (!finite(top) || !finite(bottom))
                    return;
                if (b->keyAxis()->orientation() == Qt::Horizontal)
                    addColumn(top.x(), bottom.y(), top.y());
                else
                    addSegment(bottom, top);
            });
        }
    }
    for (int i = 0; i < plot->itemCount(); ++i) {
        auto* t = qobject_cast<QCPItemText*>(plot->item(i));
        if (t && t->realVisibility() && t->clipAxisRect() == axisRect)
            addPoint(t->position->pixelPosition(), 2.0);  // a label is wider than a point
    }
}

void LegendOccupancy::addPoint(QPointF px, double w)
{
    const double fx = (px.x() - m_rect.left()) / m_rect.width();
    const double fy = (px.y() - m_rect.top()) / m_rect.height();
    if (!(fx >= 0.0 && fx <= 1.0 && fy >= 0.0 && fy <= 1.0))  // also false for NaN
        return;
    const int cx = std::min(static_cast<int>(fx * m_cells), m_cells - 1);
    const int cy = std::min(static_cast<int>(fy * m_cells), m_cells - 1);
    m_grid[static_cast<std::size_t>(cy) * m_cells + cx] += w;
    m_total += w;
}

void LegendOccupancy::addSegment(QPointF a, QPointF b)
{
    // One mark per cell length along the segment, at most two per cell across the rect (a line to a
    // point far off screen still only crosses the rect).
    const double cell = std::min(m_rect.width(), m_rect.height()) / m_cells;
    const double len = std::max(std::fabs(b.x() - a.x()), std::fabs(b.y() - a.y()));
    const int steps = std::clamp(static_cast<int>(len / cell), 1, 2 * m_cells);
    for (int s = 1; s <= steps; ++s) {
        const double t = static_cast<double>(s) / steps;
        addPoint(a + (b - a) * t);
    }
}

void LegendOccupancy::addColumn(double x, double y0, double y1)
{
    addSegment(QPointF(x, y0), QPointF(x, y1));
}

double LegendOccupancy::weightAt(Qt::Alignment corner, QSize size) const
{
    if (m_total <= 0.0)
        return 0.0;
    // The box in cell units; each cell under it counts by the fraction of it the box covers.
    const QRectF box = boxAt(m_rect, corner, size).intersected(m_rect);
    if (box.isEmpty())
        return 0.0;
    const double cw = m_rect.width() / m_cells;
    const double ch = m_rect.height() / m_cells;
    const double x0 = (box.left() - m_rect.left()) / cw, x1 = (box.right() - m_rect.left()) / cw;
    const double y0 = (box.top() - m_rect.top()) / ch, y1 = (box.bottom() - m_rect.top()) / ch;
    const int cx0 = std::max(0, static_cast<int>(x0)), cx1 = std::min(m_cells, static_cast<int>(std::ceil(x1)));
    const int cy0 = std::max(0, static_cast<int>(y0)), cy1 = std::min(m_cells, static_cast<int>(std::ceil(y1)));
    double w = 0.0;
    for (int cy = cy0; cy < cy1; ++cy) {
        const double fy = std::min<double>(cy + 1, y1) - std::max<double>(cy, y0);
        for (int cx = cx0; cx < cx1; ++cx) {
            const double v = m_grid[static_cast<std::size_t>(cy) * m_cells + cx];
            if (v != 0.0)
                w += v * fy * (std::min<double>(cx + 1, x1) - std::max<double>(cx, x0));
        }
    }
    return w;
}

Qt::Alignment chooseLegendCorner(const LegendOccupancy& occ, QSize size, Qt::Alignment current, Qt::Alignment preferred)
{
    std::array<Qt::Alignment, 5> order{preferred, Qt::AlignTop | Qt::AlignRight, Qt::AlignTop | Qt::AlignLeft,
                                       Qt::AlignBottom | Qt::AlignRight, Qt::AlignBottom | Qt::AlignLeft};
    Qt::Alignment best = order[0];
    double bestWeight = occ.weightAt(best, size);
    for (std::size_t i = 1; i < order.size(); ++i) {
        const double w = occ.weightAt(order[i], size);
        if (w < bestWeight) {
            best = order[i];
            bestWeight = w;
        }
    }
    const double currentWeight = occ.weightAt(current, size);
    const bool clearlyBetter = bestWeight < 0.75 * currentWeight && currentWeight - bestWeight >= 1.0;
    return clearlyBetter ? best : current;
}

bool placeLegend(QCustomPlot* plot, Qt::Alignment preferred)
{
    QCPLegend* legend = plot->legend;
    if (!legend || !legend->realVisibility() || legend->itemCount() == 0)
        return false;
    for (QCPAxisRect* rect : plot->axisRects()) {
        QCPLayoutInset* inset = rect->insetLayout();
        for (int i = 0; i < inset->elementCount(); ++i) {
            if (inset->elementAt(i) != legend || inset->insetPlacement(i) != QCPLayoutInset::ipBorderAligned)
                continue;
            QSize size = legend->outerRect().size();
            if (size.isEmpty())
                size = legend->minimumOuterSizeHint();
            const LegendOccupancy occ(plot, rect);
            const Qt::Alignment now = inset->insetAlignment(i);
            const Qt::Alignment next = chooseLegendCorner(occ, size, now, preferred);
            if (next == now)
                return false;
            inset->setInsetAlignment(i, next);
            return true;
        }
    }
    return false;
}

}  // namespace aimath
