#pragma once
// A QCPItemText that lays its text out once: a scatter's point labels move on
// every drag but keep their words, and QCPItemText shapes each label twice per
// replot (its bounding box and the drawText). On raster paint devices this item
// keeps the box and the laid-out line per (text, font, alignment, resolution) and
// draws the same picture; rotated or multi-line text and vector exports (PDF,
// SVG) take QCPItemText's own path.

#include <qcustomplot.h>

#include <QTextLayout>

#include <memory>

namespace aimath {

class TextLabelItem : public QCPItemText {
    Q_OBJECT
public:
    explicit TextLabelItem(QCustomPlot* plot);

    /// How many times the text was laid out (for tests: once per new text, not per replot).
    int layoutCount() const { return m_layouts; }

protected:
    void draw(QCPPainter* painter) override;

private:
    QString m_cachedText;
    QFont m_cachedFont;
    Qt::Alignment m_cachedAlignment;
    int m_cachedDpi = 0;
    QRect m_textRect;  ///< fontMetrics().boundingRect of the text, at the origin
    std::unique_ptr<QTextLayout> m_layout;  ///< the text shaped once, as drawText lays it out
    int m_layouts = 0;
};

}  // namespace aimath
