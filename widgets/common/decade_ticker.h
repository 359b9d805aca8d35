#pragma once
// A log-10 axis labelled at whole decades, 10ⁿ, as many as its length holds. QCPAxisTickerLog takes a
// fixed tick count: a short axis gets labels on top of each other, and a count set from the axis's
// length after a layout applies only from the next replot (a first export at a small size drew the
// default's labels, touching). This ticker picks its decade step from the axis's length when the
// ticks are made, and lays the plot out once more when a layout changed that length.

#include <qcustomplot.h>

namespace aimath {

class DecadeTicker : public QCPAxisTickerLog {
public:
    explicit DecadeTicker(QCPAxis* axis);
    /// Decades from one label to the next at the last tick generation.
    int decadeStep() const { return m_step; }
    /// The step for the axis's range over `lengthPx` pixels: a nice step (1, 2, 5, 10, 20, …)
    /// with neighbouring labels at least half a line height apart, and no more labels than
    /// QCPAxisTickerLog's own tick count gives on a long axis.
    int stepFor(double lengthPx) const;
    /// The axis's length in pixels (width or height of its rect at the last layout).
    double axisLength() const;

protected:
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;
    int getSubTickCount(double tickStep) override;
    /// 2…9 within a decade at a step of one decade, else the decades a step skips.
    QVector<double> createSubTickVector(int subTickCount, const QVector<double>& ticks) override;

private:
    /// Pixels a label takes along the axis: its line height on a vertical axis, the widest
    /// label of the range on a horizontal one.
    double labelExtent(const QCPRange& range) const;

    QCPAxis* m_axis;
    int m_step = 1;
};

/// Makes `axis` a log-10 axis with a DecadeTicker and 10ⁿ labels (QCustomPlot's "eb" format);
/// keeps the ticker already there.
DecadeTicker* setDecadeAxis(QCPAxis* axis);

}  // namespace aimath
