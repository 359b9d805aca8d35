#include "widgets/distributions/curve_graph.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace aimath {

QVector<int> CurveGraph::simplify(const QVector<QPointF>& p, double tolerance)
{
    const int n = static_cast<int>(p.size());
    QVector<int> keep;
    if (n <= 2) {
        for (int i = 0; i < n; ++i)
            keep.push_back(i);
        return keep;
    }
    std::vector<char> mark(static_cast<std::size_t>(n), 0);
    mark.front() = mark.back() = 1;
    std::vector<std::pair<int, int>> todo{{0, n - 1}};
    const double tol2 = tolerance * tolerance;
    while (!todo.empty()) {
        const auto [a, b] = todo.back();
        todo.pop_back();
        if (b <= a + 1)
            continue;
        // The point farthest from the segment a–b (the segment, not its line: a point
        // that runs back beyond an end is far from what would be drawn).
        const QPointF d = p[b] - p[a];
        const double len2 = d.x() * d.x() + d.y() * d.y();
        double worst = -1.0;
        int at = -1;
        for (int i = a + 1; i < b; ++i) {
            const QPointF v = p[i] - p[a];
            const double t = len2 > 0.0 ? std::clamp((v.x() * d.x() + v.y() * d.y()) / len2, 0.0, 1.0) : 0.0;
            const QPointF e = v - t * d;
            const double dist2 = e.x() * e.x() + e.y() * e.y();
            if (dist2 > worst) {
                worst = dist2;
                at = i;
            }
        }
        if (worst > tol2) {
            mark[static_cast<std::size_t>(at)] = 1;
            todo.push_back({a, at});
            todo.push_back({at, b});
        }
    }
    for (int i = 0; i < n; ++i)
        if (mark[static_cast<std::size_t>(i)])
            keep.push_back(i);
    return keep;
}

QVector<QVector<QPointF>> CurveGraph::dashes(const QVector<QPointF>& p, const QVector<qreal>& pattern, double offset)
{
    QVector<QVector<QPointF>> out;
    if (p.size() < 2)
        return out;
    double period = 0.0;
    for (qreal v : pattern)
        period += std::max(v, 0.0);
    if (pattern.size() < 2 || !(period > 0.0) || !std::isfinite(period)) {
        out.push_back(p);
        return out;
    }
    // Where the pattern starts: `offset` into it (as QPen::dashOffset).
    int k = 0;
    double left = std::max(pattern[0], 0.0);  // what remains of pattern entry k
    double skip = std::fmod(offset, period);
    if (skip < 0.0)
        skip += period;
    while (skip > 0.0) {
        if (skip >= left) {
            skip -= left;
            k = (k + 1) % static_cast<int>(pattern.size());
            left = std::max(pattern[k], 0.0);
        } else {
            left -= skip;
            skip = 0.0;
        }
    }
    QVector<QPointF> piece;
    if (k % 2 == 0)
        piece.push_back(p[0]);
    for (qsizetype i = 1; i < p.size(); ++i) {
        QPointF a = p[i - 1];
        const QPointF b = p[i];
        double rest = std::hypot(b.x() - a.x(), b.y() - a.y());
        while (rest > left) {
            const QPointF m = a + (b - a) * (left / rest);
            if (k % 2 == 0) {
                piece.push_back(m);
                out.push_back(piece);
                piece.clear();
            } else {
                piece = {m};
            }
            rest -= left;
            a = m;
            k = (k + 1) % static_cast<int>(pattern.size());
            left = std::max(pattern[k], 0.0);
        }
        left -= rest;
        if (k % 2 == 0)
            piece.push_back(b);
    }
    if (k % 2 == 0 && piece.size() >= 2)
        out.push_back(piece);
    return out;
}

void CurveGraph::drawLinePlot(QCPPainter* painter, const QVector<QPointF>& lines) const
{
    const QPen pen = painter->pen();
    if (pen.style() == Qt::NoPen || pen.color().alpha() == 0)
        return;
    const double scale = std::sqrt(std::fabs(painter->deviceTransform().determinant()));
    // Vector output keeps every point; thin pens take Qt's fast path already.
    if (painter->modes().testFlag(QCPPainter::pmVectorized) || pen.isCosmetic() || pen.widthF() * scale <= 1.0 || !(scale > 0.0)) {
        QCPGraph::drawLinePlot(painter, lines);
        return;
    }
    applyDefaultAntialiasingHint(painter);
    const double tolerance = kTolerancePx / scale;  // lines are in logical pixels
    QPen solid = pen;
    solid.setStyle(Qt::SolidLine);
    QVector<qreal> pattern;
    if (pen.style() != Qt::SolidLine) {
        for (qreal v : pen.dashPattern())
            pattern.push_back(v * pen.widthF());  // QPen's pattern is in pen widths
        painter->setPen(solid);
    }
    // Runs between gaps (NaN, or an infinite value, as QCPAbstractPlottable1D::drawPolyline).
    QVector<QPointF> run, kept;
    const auto flush = [&] {
        if (run.size() >= 2) {
            kept.clear();
            for (int i : simplify(run, tolerance))
                kept.push_back(run[i]);
            if (pattern.isEmpty())
                painter->drawPolyline(kept.constData(), static_cast<int>(kept.size()));
            else
                for (const QVector<QPointF>& dash : dashes(kept, pattern, pen.dashOffset() * pen.widthF()))
                    painter->drawPolyline(dash.constData(), static_cast<int>(dash.size()));
        }
        run.clear();
    };
    for (const QPointF& q : lines) {
        if (std::isfinite(q.x()) && std::isfinite(q.y()))
            run.push_back(q);
        else
            flush();
    }
    flush();
    painter->setPen(pen);
}

}  // namespace aimath
