#include "widgets/attention/pixel_bars.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace aimath {

namespace {

/// Logical pixels are device pixels (a figure export places each plot by a whole-pixel shift).
bool wholePixelShift(const QTransform& t)
{
    return t.type() <= QTransform::TxTranslate && t.dx() == std::round(t.dx()) && t.dy() == std::round(t.dy());
}

}  // namespace

void PixelBars::draw(QCPPainter* painter)
{
    QCPAxis* keyAxis = mKeyAxis.data();
    QCPAxis* valueAxis = mValueAxis.data();
    // Raster devices only: an SVG, PDF or print keeps one rectangle per bar.
    const QPaintEngine* engine = painter->paintEngine();
    if (!keyAxis || !valueAxis || mDataContainer->isEmpty() || painter->modes().testFlag(QCPPainter::pmVectorized) ||
        !engine || engine->type() != QPaintEngine::Raster ||
        !antialiased() || mPen.style() != Qt::NoPen || mBrush.style() != Qt::SolidPattern ||
        mBarBelow || mBarAbove || mBarsGroup || !selection().isEmpty() || mWidthType != wtPlotCoords) {
        QCPBars::draw(painter);
        return;
    }
    QCPBarsDataContainer::const_iterator begin, end;
    getVisibleDataBounds(begin, end);
    const double keyPixels =
        std::abs(keyAxis->coordToPixel(keyAxis->range().upper) - keyAxis->coordToPixel(keyAxis->range().lower));
    if (end - begin <= keyPixels) {
        QCPBars::draw(painter);
        return;
    }
    // QCPPainter draws antialiased shapes half a pixel down and right: the bars' device positions.
    painter->setAntialiasing(false);
    if (!wholePixelShift(painter->transform())) {
        QCPBars::draw(painter);
        return;
    }
    constexpr double kShift = 0.5;
    const bool horizontalKeys = keyAxis->orientation() == Qt::Horizontal;
    const double alpha = mBrush.color().alphaF();
    const QRectF area = QRectF(clipRect()).adjusted(-2, -2, 2, 2).translated(kShift, kShift);
    const double keyLo = horizontalKeys ? area.left() : area.top(), keyHi = horizontalKeys ? area.right() : area.bottom();
    const double valueLo = horizontalKeys ? area.top() : area.left(), valueHi = horizontalKeys ? area.bottom() : area.right();
    // One piece per (bar, pixel column it touches): its coverage of the column and its value span.
    struct Piece {
        int column;
        double coverage, lo, hi;
    };
    std::vector<Piece> pieces;
    pieces.reserve(static_cast<std::size_t>(2 * (end - begin)));
    for (auto it = begin; it != end; ++it) {
        if (!std::isfinite(it->value) || !std::isfinite(it->key))
            continue;
        const QRectF r = getBarRect(it->key, it->value).translated(kShift, kShift);
        const double k0 = std::clamp(horizontalKeys ? r.left() : r.top(), keyLo, keyHi);
        const double k1 = std::clamp(horizontalKeys ? r.right() : r.bottom(), keyLo, keyHi);
        // Bars reaching far outside the plot (zoomed in) are cut at its edge: they are clipped there anyway.
        const double v0 = std::clamp(horizontalKeys ? r.top() : r.left(), valueLo, valueHi);
        const double v1 = std::clamp(horizontalKeys ? r.bottom() : r.right(), valueLo, valueHi);
        if (!(k1 > k0) || !(v1 > v0))
            continue;
        for (int c = static_cast<int>(std::floor(k0)); c < k1; ++c) {
            const double overlap = std::min(k1, c + 1.0) - std::max(k0, static_cast<double>(c));
            if (overlap > 0)
                pieces.push_back({c, std::min(1.0, overlap) * alpha, v0, v1});
        }
    }
    if (pieces.empty())
        return;
    const auto byColumn = [](const Piece& a, const Piece& b) { return a.column < b.column; };
    if (!std::is_sorted(pieces.begin(), pieces.end(), byColumn))  // keys along x come in column order
        std::stable_sort(pieces.begin(), pieces.end(), byColumn);
    // The composite goes into one image over the bars' bounding box, then onto the painter.
    double vMin = pieces.front().lo, vMax = pieces.front().hi;
    for (const Piece& p : pieces) {
        vMin = std::min(vMin, p.lo);
        vMax = std::max(vMax, p.hi);
    }
    const int c0 = pieces.front().column, c1 = pieces.back().column + 1;
    const int v0 = static_cast<int>(std::floor(vMin)), v1 = static_cast<int>(std::ceil(vMax)) + 1;
    QImage image(horizontalKeys ? QSize(c1 - c0, v1 - v0) : QSize(v1 - v0, c1 - c0), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        QCPBars::draw(painter);
        return;
    }
    image.fill(Qt::transparent);
    const QColor color = mBrush.color();
    const int red = color.red(), green = color.green(), blue = color.blue();
    // Rows by address (QImage::scanLine checks for a detach on every call: 1 M instructions a replot).
    uchar* const bits = image.bits();
    const qsizetype bytesPerLine = image.bytesPerLine();
    const auto line = [bits, bytesPerLine](int y) { return reinterpret_cast<QRgb*>(bits + y * bytesPerLine); };
    std::vector<double> edges;
    for (std::size_t i = 0; i < pieces.size();) {
        std::size_t j = i;
        while (j < pieces.size() && pieces[j].column == pieces[i].column)
            ++j;
        // The stretches between consecutive value ends, each covered by a fixed set of bars.
        edges.clear();
        for (std::size_t p = i; p < j; ++p) {
            edges.push_back(pieces[p].lo);
            edges.push_back(pieces[p].hi);
        }
        std::sort(edges.begin(), edges.end());
        const int c = pieces[i].column - c0;
        for (std::size_t e = 0; e + 1 < edges.size(); ++e) {
            const double a = edges[e], b = edges[e + 1];
            if (!(b > a))
                continue;
            double clear = 1;
            for (std::size_t p = i; p < j; ++p)
                if (pieces[p].lo <= a && pieces[p].hi >= b)
                    clear *= 1 - pieces[p].coverage;
            if (clear >= 1)
                continue;
            const QRgb px = qPremultiply(qRgba(red, green, blue, qRound(255 * (1 - clear))));
            // Pixel v is filled when its centre v + 0.5 lies in [a, b), as a filled rectangle would be.
            const int from = std::max(v0, static_cast<int>(std::ceil(a - 0.5))) - v0;
            const int to = std::min(v1, static_cast<int>(std::ceil(b - 0.5))) - v0;
            if (horizontalKeys) {
                for (int v = from; v < to; ++v)
                    line(v)[c] = px;
            } else {
                QRgb* row = line(c);
                std::fill(row + from, row + std::max(from, to), px);
            }
        }
        i = j;
    }
    painter->drawImage(horizontalKeys ? QPointF(c0, v0) : QPointF(v0, c0), image);
}

}  // namespace aimath
