#include "widgets/common/text_label_item.h"

#include <QImage>
#include <QPixmap>

#include <cmath>

namespace aimath {

TextLabelItem::TextLabelItem(QCustomPlot* plot) : QCPItemText(plot) {}

void TextLabelItem::draw(QCPPainter* painter)
{
    QPaintDevice* device = painter->device();
    const bool raster = dynamic_cast<QPixmap*>(device) || dynamic_cast<QImage*>(device);
    if (!raster || !qFuzzyIsNull(mRotation) || mText.contains(QLatin1Char('\n'))) {
        QCPItemText::draw(painter);
        return;
    }
    const QFont font = mainFont();
    painter->setFont(font);
    const int dpi = device->logicalDpiY();
    if (m_layouts == 0 || mText != m_cachedText || font != m_cachedFont || mTextAlignment != m_cachedAlignment || dpi != m_cachedDpi) {
        m_cachedText = mText;
        m_cachedFont = font;
        m_cachedAlignment = mTextAlignment;
        m_cachedDpi = dpi;
        m_textRect = painter->fontMetrics().boundingRect(0, 0, 0, 0, Qt::TextDontClip | mTextAlignment, mText);
        // The line drawText lays out (qt_format_text: left-aligned in the layout, no wrap, at y 0),
        // kept with its shaped glyphs.
        m_layout = std::make_unique<QTextLayout>(mText, font, device);
        m_layout->setCacheEnabled(true);
        QTextOption option;
        option.setAlignment(Qt::AlignLeft);
        option.setTextDirection(painter->layoutDirection());
        m_layout->setTextOption(option);
        m_layout->beginLayout();
        QTextLine line = m_layout->createLine();
        line.setLineWidth(0x01000000);
        line.setPosition(QPointF(0, 0));
        m_layout->endLayout();
        ++m_layouts;
    }
    // The geometry of QCPItemText::draw (QCustomPlot 2.1), step by step.
    const QPointF pos(position->pixelPosition());
    QTransform transform = painter->transform();
    transform.translate(pos.x(), pos.y());
    QRect textRect = m_textRect;
    QRect textBoxRect = textRect.adjusted(-mPadding.left(), -mPadding.top(), mPadding.right(), mPadding.bottom());
    const QPointF textPos = getTextDrawPoint(QPointF(0, 0), textBoxRect, mPositionAlignment);
    textRect.moveTopLeft(textPos.toPoint() + QPoint(mPadding.left(), mPadding.top()));
    textBoxRect.moveTopLeft(textPos.toPoint());
    const int clipPad = static_cast<int>(std::ceil(mainPen().widthF()));
    const QRect boundingRect = textBoxRect.adjusted(-clipPad, -clipPad, clipPad, clipPad);
    if (!transform.mapRect(boundingRect).intersects(painter->transform().mapRect(clipRect())))
        return;
    painter->setTransform(transform);
    if ((mainBrush().style() != Qt::NoBrush && mainBrush().color().alpha() != 0) || (mainPen().style() != Qt::NoPen && mainPen().color().alpha() != 0)) {
        painter->setPen(mainPen());
        painter->setBrush(mainBrush());
        painter->drawRect(textBoxRect);
    }
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(mainColor()));
    // drawText(textRect, alignment) places the line inside the whole-pixel box by its advance.
    const QTextLine line = m_layout->lineAt(0);
    const double spare = textRect.width() - line.horizontalAdvance();
    const double dx = (mTextAlignment & Qt::AlignHCenter) ? spare / 2 : (mTextAlignment & Qt::AlignRight) ? spare : 0.0;
    line.draw(painter, QPointF(textRect.x() + dx, textRect.y()));
}

}  // namespace aimath

