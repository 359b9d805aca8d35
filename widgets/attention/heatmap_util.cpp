#include "widgets/attention/heatmap_util.h"

#include "widgets/attention/lut_color_map.h"

#include <algorithm>
#include <cmath>

namespace aimath::attention_view {

Heatmap addHeatmap(QCustomPlot* plot, QCPLayoutGrid* grid, int row, int col, bool withScale,
                   const QCPColorGradient& gradient, QCPMarginGroup* group)
{
    Heatmap h;
    h.rect = new QCPAxisRect(plot);
    grid->addElement(row, col, h.rect);
    QCPAxis* x = h.rect->axis(QCPAxis::atBottom);
    QCPAxis* y = h.rect->axis(QCPAxis::atLeft);
    const QFont f = plot->xAxis ? plot->xAxis->tickLabelFont() : plot->font();
    for (QCPAxis* a : {x, y}) {
        a->setTickLabelFont(f);
        QFont lf = f;
        lf.setPointSizeF(f.pointSizeF() + 0.5);
        a->setLabelFont(lf);
        a->grid()->setVisible(false);
    }
    y->setRangeReversed(true);
    h.map = new LutColorMap(x, y);  // the same pixels, coloured from a table
    h.map->setInterpolate(false);
    h.map->setTightBoundary(false);
    h.map->setGradient(gradient);
    if (withScale) {
        h.scale = new QCPColorScale(plot);
        grid->addElement(row, col + 1, h.scale);
        h.scale->setType(QCPAxis::atRight);
        h.scale->setBarWidth(12);
        h.scale->axis()->setTickLabelFont(f);
        h.map->setColorScale(h.scale);
        h.scale->setGradient(gradient);
        if (!group)
            group = new QCPMarginGroup(plot);
    }
    if (group) {
        h.rect->setMarginGroup(QCP::msTop | QCP::msBottom, group);
        if (h.scale)
            h.scale->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    }
    return h;
}

void frameCells(Heatmap& h, int rows, int cols)
{
    h.rect->axis(QCPAxis::atBottom)->setRange(-0.5, cols - 0.5);
    h.rect->axis(QCPAxis::atLeft)->setRange(-0.5, rows - 0.5);
}

namespace {

// QCustomPlot keeps the pixmaps of 16 tick labels per axis (QCPAxisPainterPrivate's QCache, no setter).
// With more labels than that, least-recently-used eviction throws each label out just before it is
// needed again, and every replot lays out and renders every label anew (two thirds of a temperature
// change's tick label work at 2,048 tokens). The cache is made large enough for a long axis, through
// the classes' protected members (access to them through derived classes, as C++ allows).
struct AxisPainterOf : QCPAxis {
    static QCPAxisPainterPrivate* get(QCPAxis* a) { return a->*(&AxisPainterOf::mAxisPainter); }
};
struct LabelCacheOf : QCPAxisPainterPrivate {
    static void setSize(QCPAxisPainterPrivate* p, int labels) { (p->*(&LabelCacheOf::mLabelCache)).setMaxCost(labels); }
};
constexpr int kLabelCacheSize = 512;

// Room between neighbouring labels, as a fraction of the space a label needs.
constexpr double kLabelGap = 0.15;

}  // namespace

TokenTicker::TokenTicker(QCPAxis* axis)
    : m_axis(axis)
{
    setSubTickCount(0);
    if (QCPAxisPainterPrivate* painter = AxisPainterOf::get(axis))
        LabelCacheOf::setSize(painter, kLabelCacheSize);
    // The layout (a resize, an export at another size) can change the axis's length after the ticks
    // were made from the previous one: the ticks are made again and the plot laid out once more,
    // before anything is drawn.
    QCustomPlot* plot = axis->parentPlot();
    QObject::connect(plot, &QCustomPlot::afterLayout, axis, [axis, plot] {
        const auto ticker = axis->ticker().dynamicCast<TokenTicker>();
        if (!ticker || !axis->axisRect() || ticker->stepFor(ticker->axisLength()) == ticker->step())
            return;
        axis->axisRect()->update(QCPLayoutElement::upPreparation);
        plot->plotLayout()->update(QCPLayoutElement::upMargins);
        plot->plotLayout()->update(QCPLayoutElement::upLayout);
    });
}

bool TokenTicker::setTokens(const std::vector<std::string>& labels, int pool, int cells)
{
    pool = std::max(1, pool);
    cells = std::max(0, cells);
    if (pool == m_pool && cells == m_cells && labels == m_tokens)
        return false;
    m_tokens = labels;
    m_pool = pool;
    m_cells = cells;
    m_cellLabels.clear();
    for (int i = 0; i < cells; ++i) {
        const std::size_t t = static_cast<std::size_t>(i) * static_cast<std::size_t>(pool);
        m_cellLabels.push_back(t < labels.size() ? QString::fromStdString(labels[t]) : QString());
    }
    m_measured = false;
    rebuild(stepFor(axisLength()));
    return true;
}

double TokenTicker::axisLength() const
{
    const QCPAxisRect* rect = m_axis->axisRect();
    if (!rect)
        return 0;
    return m_axis->orientation() == Qt::Horizontal ? rect->width() : rect->height();
}

void TokenTicker::measure(bool widths) const
{
    const QFont font = m_axis->tickLabelFont();
    if (!(m_measured && font == m_measuredFont)) {
        // As QCustomPlot measures a tick label (QCPAxisPainterPrivate::getTickLabelData).
        m_metricsFont = font;
        if (m_metricsFont.pointSizeF() > 0)
            m_metricsFont.setPointSizeF(m_metricsFont.pointSizeF() + 0.05);
        const QFontMetrics fm(m_metricsFont);
        m_lineHeight = fm.boundingRect(0, 0, 0, 0, Qt::TextDontClip | Qt::AlignHCenter, QStringLiteral("Xg")).height();
        m_maxWidth = -1;
        m_measuredFont = font;
        m_measured = true;
    }
    if (widths && m_maxWidth < 0) {
        const QFontMetrics fm(m_metricsFont);
        m_maxWidth = 0;
        for (const QString& s : m_cellLabels)
            m_maxWidth = std::max<double>(m_maxWidth, fm.boundingRect(0, 0, 0, 0, Qt::TextDontClip | Qt::AlignHCenter, s).width());
    }
}

int TokenTicker::stepFor(double lengthPx) const
{
    if (m_cells <= 1)
        return 1;
    const double span = m_axis->range().size();
    if (!(lengthPx > 0) || !(span > 0))
        return m_cells;  // not laid out yet: one label until it is
    // Labels of one axis are parallel rectangles of one line height h, rotated by the same angle a and
    // anchored at their ticks, whatever their widths. Ticks d pixels apart along the axis keep them
    // apart when the lines they sit on are h apart: d·|sin a| ≥ h on a horizontal axis, d·|cos a| ≥ h
    // on a vertical one. Labels that run along the axis (horizontal text under a horizontal axis) are
    // apart when one ends before the next begins: d ≥ the widest label.
    const double a = qDegreesToRadians(m_axis->tickLabelRotation());
    const bool horizontal = m_axis->orientation() == Qt::Horizontal;
    const double across = std::abs(horizontal ? std::sin(a) : std::cos(a));
    const bool alongAxis = across < 0.05;
    measure(alongAxis);
    const double need = (alongAxis ? m_maxWidth / std::sqrt(1 - across * across) : m_lineHeight / across) * (1.0 + kLabelGap);
    const double pixelsPerCell = lengthPx / span;
    const double step = std::ceil(need / pixelsPerCell - 1e-9);
    return static_cast<int>(std::clamp(step, 1.0, static_cast<double>(m_cells)));
}

void TokenTicker::rebuild(int step)
{
    m_step = step;
    clear();
    for (int i = 0; i < m_cells; i += std::max(1, step))
        if (!m_cellLabels[static_cast<std::size_t>(i)].isEmpty())
            addTick(i, m_cellLabels[static_cast<std::size_t>(i)]);
}

QVector<double> TokenTicker::createTickVector(double tickStep, const QCPRange& range)
{
    const int step = stepFor(axisLength());
    if (step != m_step)
        rebuild(step);
    return QCPAxisTickerText::createTickVector(tickStep, range);
}

TokenTicker* setTokenTicks(QCPAxis* axis, const std::vector<std::string>& labels, int pool, int cells)
{
    QSharedPointer<TokenTicker> ticker = axis->ticker().dynamicCast<TokenTicker>();
    if (!ticker) {
        ticker.reset(new TokenTicker(axis));
        axis->setTicker(ticker);
        axis->setSubTicks(false);
    }
    ticker->setTokens(labels, pool, cells);
    return ticker.data();
}

void setIndexTicks(QCPAxis* axis)
{
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    axis->setTicker(ticker);
    axis->setSubTicks(false);
}

}  // namespace aimath::attention_view
