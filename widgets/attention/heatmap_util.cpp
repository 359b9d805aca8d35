#include "widgets/attention/heatmap_util.h"

#include <algorithm>

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
    h.map = new QCPColorMap(x, y);
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

void setTokenTicks(QCPAxis* axis, const std::vector<std::string>& labels, int pool, int cells, int maxLabels)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const int step = std::max(1, (cells + maxLabels - 1) / std::max(1, maxLabels));
    for (int i = 0; i < cells; i += step) {
        const std::size_t t = static_cast<std::size_t>(i) * static_cast<std::size_t>(pool);
        if (t < labels.size())
            ticker->addTick(i, QString::fromStdString(labels[t]));
    }
    axis->setTicker(ticker);
    axis->setSubTicks(false);
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
