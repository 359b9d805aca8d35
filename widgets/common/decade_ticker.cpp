#include "widgets/common/decade_ticker.h"

#include <algorithm>
#include <cmath>

namespace aimath {

namespace {

// Room between neighbouring labels, in line heights.
constexpr double kLabelGap = 0.5;
constexpr int kDecadeSubTicks = 8;  // 2…9 within a decade
constexpr char kHookProperty[] = "aimathDecadeTickerHook";

// Decades of a positive range (0 for a range a log axis cannot show).
double decadesOf(const QCPRange& r, double* lo = nullptr, double* hi = nullptr)
{
    if (!(r.lower > 0) || !(r.upper > r.lower))
        return 0;
    const double l = std::log10(r.lower), h = std::log10(r.upper);
    if (lo)
        *lo = l;
    if (hi)
        *hi = h;
    return std::isfinite(h - l) ? h - l : 0;
}

// The smallest of 1, 2, 5, 10, 20, 50, … at or above x.
int niceStepAtLeast(double x)
{
    for (long long m = 1; m < 1000000; m *= 10)
        for (int f : {1, 2, 5})
            if (f * m >= x)
                return static_cast<int>(f * m);
    return 1000000;
}

}  // namespace

DecadeTicker::DecadeTicker(QCPAxis* axis)
    : m_axis(axis)
{
    setLogBase(10);
    setSubTickCount(kDecadeSubTicks);
    // A layout (a resize, an export at another size) can change the axis's length after the ticks were
    // made from the previous one: they are made again and the plot laid out once more before drawing.
    if (axis->property(kHookProperty).toBool())
        return;
    axis->setProperty(kHookProperty, true);
    QCustomPlot* plot = axis->parentPlot();
    QObject::connect(plot, &QCustomPlot::afterLayout, axis, [axis, plot] {
        const auto ticker = axis->ticker().dynamicCast<DecadeTicker>();
        if (!ticker || !axis->axisRect() || axis->scaleType() != QCPAxis::stLogarithmic
            || ticker->stepFor(ticker->axisLength()) == ticker->decadeStep())
            return;
        axis->axisRect()->update(QCPLayoutElement::upPreparation);
        plot->plotLayout()->update(QCPLayoutElement::upMargins);
        plot->plotLayout()->update(QCPLayoutElement::upLayout);
    });
}

double DecadeTicker::axisLength() const
{
    const QCPAxisRect* rect = m_axis->axisRect();
    if (!rect)
        return 0;
    return m_axis->orientation() == Qt::Horizontal ? rect->width() : rect->height();
}

double DecadeTicker::labelExtent(const QCPRange& range) const
{
    const QFontMetricsF fm(m_axis->tickLabelFont());
    if (m_axis->orientation() == Qt::Vertical)
        return fm.height();
    // "10" and the exponent in QCustomPlot's smaller exponent font; the widest exponent is at an end.
    QFont expFont = m_axis->tickLabelFont();
    expFont.setPointSizeF(expFont.pointSizeF() > 0 ? expFont.pointSizeF() * 0.75 : expFont.pointSizeF());
    if (expFont.pointSizeF() <= 0 && expFont.pixelSize() > 0)
        expFont.setPixelSize(std::max(1, expFont.pixelSize() * 3 / 4));
    const QFontMetricsF efm(expFont);
    double lo = 0, hi = 0;
    decadesOf(range, &lo, &hi);
    double widest = 0;
    for (double k : {std::floor(lo), std::ceil(hi)})
        widest = std::max(widest, efm.horizontalAdvance(QString::number(static_cast<int>(k))));
    return fm.horizontalAdvance(QStringLiteral("10")) + widest + 2;
}

int DecadeTicker::stepFor(double lengthPx) const
{
    const QCPRange range = m_axis->range();
    const double decades = decadesOf(range);
    if (!(decades > 0))
        return 1;
    // No more labels than QCPAxisTickerLog gives at its tick count (5 by default: 17 decades every second).
    const int most = std::max(1, static_cast<int>(cleanMantissa(decades / (tickCount() + 1e-10))));
    if (!(lengthPx > 0))
        return most;  // not laid out yet: the layout's hook makes them again
    const double need = labelExtent(range) + kLabelGap * QFontMetricsF(m_axis->tickLabelFont()).height();
    const int fit = niceStepAtLeast(need / (lengthPx / decades) - 1e-9);
    return std::max(most, fit);
}

QVector<double> DecadeTicker::createTickVector(double tickStep, const QCPRange& range)
{
    Q_UNUSED(tickStep)
    m_step = stepFor(axisLength());
    double lo = 0, hi = 0;
    if (!(decadesOf(range, &lo, &hi) > 0))
        return QCPAxisTickerLog::createTickVector(tickStep, range);
    // Decades at multiples of the step (10⁰ whenever it is in range), one beyond each end for sub ticks.
    const long long first = static_cast<long long>(std::floor(std::floor(lo + 1e-9) / m_step));
    const long long last = static_cast<long long>(std::ceil(std::ceil(hi - 1e-9) / m_step));
    QVector<double> ticks;
    bool inside = false;
    for (long long i = first; i <= last; ++i) {
        const double k = static_cast<double>(i * m_step);
        ticks << std::pow(10.0, k);
        inside = inside || (k >= lo - 1e-9 && k <= hi + 1e-9);
    }
    if (!inside) {
        // The step jumps over every decade of the range: label the one nearest the middle alone.
        const double k = std::round((lo + hi) / 2);
        if (k >= lo - 1e-9 && k <= hi + 1e-9) {
            ticks.clear();
            ticks << std::pow(10.0, k);
        }
    }
    return ticks;
}

int DecadeTicker::getSubTickCount(double tickStep)
{
    Q_UNUSED(tickStep)
    return m_step == 1 ? mSubTickCount : (m_step <= 10 ? m_step - 1 : 0);
}

QVector<double> DecadeTicker::createSubTickVector(int subTickCount, const QVector<double>& ticks)
{
    if (m_step == 1 || subTickCount <= 0)
        return QCPAxisTickerLog::createSubTickVector(subTickCount, ticks);
    QVector<double> result;
    for (int i = 1; i < ticks.size(); ++i)
        for (int j = 1; j <= subTickCount; ++j)
            result << ticks.at(i - 1) * std::pow(10.0, j * static_cast<double>(m_step) / (subTickCount + 1));
    return result;
}

DecadeTicker* setDecadeAxis(QCPAxis* axis)
{
    axis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<DecadeTicker> ticker = axis->ticker().dynamicCast<DecadeTicker>();
    if (!ticker) {
        ticker.reset(new DecadeTicker(axis));
        axis->setTicker(ticker);
    }
    axis->setNumberFormat(QStringLiteral("eb"));
    axis->setNumberPrecision(0);
    return ticker.data();
}

}  // namespace aimath
