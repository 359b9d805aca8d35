#include "widgets/precision/precision_tab.h"

#include "engine/core/parse.h"
#include "engine/numerics/format_tables.h"
#include "widgets/common/decade_ticker.h"
#include "widgets/common/engine_message.h"
#include "widgets/common/number_text.h"
#include "widgets/common/explanation_panel.h"
#include "widgets/common/json_util.h"
#include "widgets/common/palette.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/plot_view.h"
#include "widgets/common/readout_panel.h"

#include <QButtonGroup>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace aimath {

namespace nm = numerics;

namespace {

const std::vector<std::string> kViews{"inspect", "range", "accumulation", "stability", "quantization"};
const std::vector<std::string> kViewGroups{"Inspect", "Range", "Accumulation", "Stability", "Quantization"};

std::vector<std::string> allFormatIds()
{
    std::vector<std::string> ids = nm::formatIds();
    ids.push_back("custom");
    return ids;
}

std::vector<std::string> lossScaleChoices()
{
    std::vector<std::string> out;
    for (int k = 0; k <= 24; ++k)
        out.push_back(std::to_string(1LL << k));
    return out;
}

// Floors and ceilings so that exact results (error 0) and overflows (inf/NaN) stay on a log axis.
constexpr double kErrorFloor = 1e-17;
constexpr double kErrorCeiling = 10.0;

double forLogAxis(double e)
{
    if (std::isnan(e) || std::isinf(e))
        return kErrorCeiling;
    return std::max(e, kErrorFloor);
}

QString fmtId(const std::string& s) { return QString::fromStdString(s); }

PlotView* makePlot(QWidget* parent, const QString& title, const QString& xLabel, const QString& yLabel, bool logX, bool logY)
{
    auto* p = new PlotView(parent);
    p->setTitle(title);
    p->xAxis->setLabel(xLabel);
    p->yAxis->setLabel(yLabel);
    // Log axes are labelled 10ⁿ at as many decades as their length holds: at the default window the
    // error plot's 17 decades in about 100 px got 9 labels (QCPAxisTickerLog's count), touching.
    if (logX)
        setDecadeAxis(p->xAxis);
    if (logY)
        setDecadeAxis(p->yAxis);
    p->setMinimumHeight(160);
    return p;
}

QPen methodPen(QColor c, nm::SumMethod m)
{
    // One pixel wide: the raster engine strokes these zigzag curves with its fast cosmetic
    // stroker (a replot of the twelve default curves took 107 ms at 1.6 px, 10 ms at 1 px).
    QPen pen(c, 1.0);
    if (m == nm::SumMethod::Kahan)
        pen.setStyle(Qt::DashLine);
    else if (m == nm::SumMethod::Pairwise)
        pen.setDashPattern({2.0, 2.0});  // 2 px dots: Qt's DotLine at 1 px is too faint to tell apart
    return pen;
}

QString methodLabel(nm::SumMethod m)
{
    switch (m) {
    case nm::SumMethod::Naive: return QCoreApplication::translate("aimath::PrecisionTab", "naive");
    case nm::SumMethod::Kahan: return QCoreApplication::translate("aimath::PrecisionTab", "Kahan");
    case nm::SumMethod::Pairwise: return QCoreApplication::translate("aimath::PrecisionTab", "pairwise");
    }
    return {};
}

QString real(double v) { return QString::fromStdString(formatReal(v)); }

// A legend in its own row under the axis rect, wrapped into `columns` columns, so it never hides data.
void legendBelow(QCustomPlot* p, int columns)
{
    auto* grid = new QCPLayoutGrid;
    p->plotLayout()->addElement(p->plotLayout()->rowCount(), 0, grid);
    grid->addElement(0, 0, p->legend);
    p->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    p->legend->setWrap(columns);
    p->legend->setVisible(true);
    p->plotLayout()->setRowStretchFactor(p->plotLayout()->rowCount() - 1, 0.001);
    grid->setMargins(QMargins(0, 0, 0, 4));
}

QString superscript(int k)
{
    static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString out = k < 0 ? QStringLiteral("⁻") : QString();
    for (QChar c : QString::number(std::abs(k)))
        out += digits[c.digitValue()];
    return out;
}

// A nice decade step so that [lo, hi] (in decades) gets at most about `maxTicks` ticks.
int decadeStep(double lo, double hi, int maxTicks)
{
    for (int step : {1, 2, 5, 10, 20, 25, 50, 100, 200})
        if ((hi - lo) / step <= maxTicks)
            return step;
    return 500;
}

// Axes whose data are log10 values, labelled 10ᵏ. QCustomPlot's own log axis refuses ranges wider
// than 1e250 (QCPRange::maxRange), and fp64 spans 4.9e-324 … 1.8e308.
void decadeTicks(QCPAxis* axis, double lo, double hi, int maxTicks = 10)
{
    auto t = qSharedPointerCast<QCPAxisTickerText>(axis->ticker());
    t->clear();
    const int step = decadeStep(lo, hi, maxTicks);
    for (int k = static_cast<int>(std::ceil(lo / step)) * step; k <= hi; k += step)
        t->addTick(k, QStringLiteral("10") + superscript(k));
}

// Category labels: plain text, without QCustomPlot's "beautiful powers" (which turns "0x2e66" into 0x2·10⁶⁶).
void useTextTicker(QCPAxis* axis)
{
    axis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    axis->setNumberFormat(QStringLiteral("g"));
}

// The value axis labels each value as typed (up to 17 significant digits). Where the widest would
// reach its neighbour at the plot's width, every long label is cut to 6 significant digits and an
// ellipsis (the table under the plot has the full values); otherwise they are shown whole.
void fitValueLabels(QCustomPlot* plot, const std::vector<double>& values)
{
    const auto ticker = qSharedPointerCast<QCPAxisTickerText>(plot->xAxis->ticker());
    if (!ticker || values.empty())
        return;
    const QFontMetrics fm(plot->xAxis->tickLabelFont());
    int widest = 0;
    for (double v : values)
        widest = std::max(widest, fm.horizontalAdvance(real(v)));
    QCPAxisRect* rect = plot->axisRect();
    const int margins = rect->outerRect().width() - rect->width();
    const double spacing = (plot->viewport().width() - margins) / static_cast<double>(values.size());
    const bool cut = values.size() > 1 && widest + 2 * fm.averageCharWidth() > spacing;
    QMap<double, QString> ticks;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const QString whole = real(values[i]);
        const QString shortened = QString::number(values[i], 'g', 6);
        ticks.insert(static_cast<double>(i), cut && shortened.size() < whole.size() ? shortened + QStringLiteral("…") : whole);
    }
    if (ticks != ticker->ticks())
        ticker->setTicks(ticks);
}

}  // namespace

// ---------------------------------------------------------------------------
// Parameters

ParamSet PrecisionTab::declareParams()
{
    ParamSet p;
    p.add(ParamSpec::choice("view", QT_TRANSLATE_NOOP("aimath::params", "View"), kViews, "inspect")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "Inspect values"),
                       QT_TRANSLATE_NOOP("aimath::params", "Range and density"),
                       QT_TRANSLATE_NOOP("aimath::params", "Accumulation"),
                       QT_TRANSLATE_NOOP("aimath::params", "Stability in training"),
                       QT_TRANSLATE_NOOP("aimath::params", "Quantization")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "View"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Which inner view is shown (and exported as the image).")));
    p.add(ParamSpec::choiceList("formats", QT_TRANSLATE_NOOP("aimath::params", "Formats"), allFormatIds(), {"fp32", "fp16", "bf16", "fp8_e4m3"})
              .counts(1, 14)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Formats"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "The formats compared in the Inspect, Range and Accumulation views.")));
    p.add(ParamSpec::choice("rounding", QT_TRANSLATE_NOOP("aimath::params", "Rounding"), {"nearest_even", "toward_zero", "stochastic"}, "nearest_even")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "nearest, ties to even"),
                       QT_TRANSLATE_NOOP("aimath::params", "toward zero (truncate)"),
                       QT_TRANSLATE_NOOP("aimath::params", "stochastic (seeded)")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Formats"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Round to nearest with ties to even (IEEE default), truncation (a naive bf16 cast by bit shifting), "
                   "or stochastic rounding (up with probability equal to the distance from the lower neighbour).")));
    p.add(ParamSpec::choice("overflow", QT_TRANSLATE_NOOP("aimath::params", "Overflow"), {"ieee", "saturate"}, "ieee")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "IEEE (inf / NaN)"), QT_TRANSLATE_NOOP("aimath::params", "saturate at ±max")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Formats"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Past the largest finite value: ±inf where the format has infinities, else NaN, else clamp; "
                   "or clamp every format at ±max.")));
    p.add(ParamSpec::integer("seed", QT_TRANSLATE_NOOP("aimath::params", "Seed"), 0, 2147483647, 1).inGroup(QT_TRANSLATE_NOOP("aimath::params", "Formats")).tip(QT_TRANSLATE_NOOP("aimath::params", "Seed of stochastic rounding and of every random data set.")));
    p.add(ParamSpec::integer("custom_exponent_bits", QT_TRANSLATE_NOOP("aimath::params", "Custom exponent bits"), 2, 11, 5)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Formats"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Exponent field width of the IEEE-like \"custom\" format (bias 2^(e−1) − 1).")));
    p.add(ParamSpec::integer("custom_mantissa_bits", QT_TRANSLATE_NOOP("aimath::params", "Custom mantissa bits"), 0, 52, 2)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Formats"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Mantissa (fraction) field width of the \"custom\" format.")));

    p.add(ParamSpec::textList("values", QT_TRANSLATE_NOOP("aimath::params", "Values"),
                              {"0.1", "0.333333333333333333", "65504", "70000", "1e-8", "448", "3.14159265358979", "1.0039062500009095"})
              .counts(1, 64)
              .maxLen(64)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Inspect"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Comma-separated real numbers to store in each format. An entry that is not a number is marked and skipped.")));
    p.add(ParamSpec::integer("bits_value", QT_TRANSLATE_NOOP("aimath::params", "Value drawn bit by bit (0 = all)"), 0, 64, 1)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Inspect"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Which entry of Values the bit-pattern plot shows, one row per format (0 draws every value; "
                   "the table below always lists them all).")));
    p.add(ParamSpec::boolean("show_double_rounding", QT_TRANSLATE_NOOP("aimath::params", "Show the double-rounding trap"), true)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Inspect"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Also show each value rounded to fp32 first and then to the narrower format, where that differs "
                   "from rounding once (1 + 2⁻⁸ + 2⁻⁴⁰ to bf16 is the classic case).")));

    p.add(ParamSpec::integer("sum_n", QT_TRANSLATE_NOOP("aimath::params", "Terms n"), 10, 10000000, 100000)
              .logScale()
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Accumulation"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "How many numbers are summed. Large n runs in the background; a new change cancels it.")));
    p.add(ParamSpec::choice("sum_values", QT_TRANSLATE_NOOP("aimath::params", "Terms"), {"ones", "tenth", "uniform", "normal"}, "ones")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "ones (1.0)"),
                       QT_TRANSLATE_NOOP("aimath::params", "tenths (0.1)"),
                       QT_TRANSLATE_NOOP("aimath::params", "uniform [0, 1)"),
                       QT_TRANSLATE_NOOP("aimath::params", "normal N(0, 1)")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Accumulation"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "The numbers being summed (random ones use the seed).")));

    p.add(ParamSpec::real("logit_scale", QT_TRANSLATE_NOOP("aimath::params", "Logit scale"), 0.1, 1000, 10)
              .logScale()
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Stability"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Multiplies the fixed logits (3, 2.2, 1.5, 0.7, 0, −0.8, −1.6, −2.5) before the softmax.")));
    p.add(ParamSpec::real("grad_log10_mean", QT_TRANSLATE_NOOP("aimath::params", "Gradient log10 mean"), -12, 2, -6)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Stability"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Mean of log10|g| of the log-normally distributed gradients.")));
    p.add(ParamSpec::real("grad_log10_std", QT_TRANSLATE_NOOP("aimath::params", "Gradient log10 std"), 0.1, 4, 1.5)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Stability"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Standard deviation of log10|g| (in decades).")));
    p.add(ParamSpec::choice("loss_scale", QT_TRANSLATE_NOOP("aimath::params", "Loss scale"), lossScaleChoices(), "1")
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Stability"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Power of two the loss (and so every gradient) is multiplied by before the cast, as in mixed-precision training.")));

    p.add(ParamSpec::choice("quant_format", QT_TRANSLATE_NOOP("aimath::params", "Element format"), {"int8", "int4", "fp8_e4m3", "fp8_e5m2", "fp4_e2m1"}, "int4")
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Quantization"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "What each weight is stored as.")));
    p.add(ParamSpec::choice("quant_granularity", QT_TRANSLATE_NOOP("aimath::params", "Scale granularity"), {"tensor", "channel", "block32", "mx", "nvfp4"}, "tensor")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "per tensor (fp32 scale)"),
                       QT_TRANSLATE_NOOP("aimath::params", "per channel (row)"),
                       QT_TRANSLATE_NOOP("aimath::params", "blocks of 32 (fp32 scale)"),
                       QT_TRANSLATE_NOOP("aimath::params", "MX: blocks of 32, E8M0 scale"),
                       QT_TRANSLATE_NOOP("aimath::params", "NVFP4: blocks of 16, E4M3 scale")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Quantization"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "How many weights share one scale. With outliers, a shared tensor scale wastes the grid on empty range.")));
    p.add(ParamSpec::integer("quant_rows", QT_TRANSLATE_NOOP("aimath::params", "Rows"), 1, 2048, 256).inGroup(QT_TRANSLATE_NOOP("aimath::params", "Quantization")).tip(QT_TRANSLATE_NOOP("aimath::params", "Rows (output channels) of the weight tensor.")));
    p.add(ParamSpec::integer("quant_cols", QT_TRANSLATE_NOOP("aimath::params", "Columns"), 1, 2048, 256).inGroup(QT_TRANSLATE_NOOP("aimath::params", "Quantization")).tip(QT_TRANSLATE_NOOP("aimath::params", "Columns (inputs) of the weight tensor.")));
    p.add(ParamSpec::real("outlier_fraction", QT_TRANSLATE_NOOP("aimath::params", "Outlier fraction"), 0, 0.05, 0.001)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Quantization"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Fraction of weights replaced by ±outlier_scale (at least one when > 0).")));
    p.add(ParamSpec::real("outlier_scale", QT_TRANSLATE_NOOP("aimath::params", "Outlier size"), 1, 100, 20)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Quantization"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Magnitude of the outliers, in standard deviations of the Gaussian weights.")));
    return p;
}

QString PrecisionTab::staticTitle() { return tr("Floating point"); }

// ---------------------------------------------------------------------------
// Construction

PrecisionTab::PrecisionTab(ParamSet params, QWidget* parent)
    : Tab(std::move(params), parent)
    , m_accumProgress(std::make_shared<std::atomic<double>>(0.0))
{
    auto* host = new QWidget(this);
    auto* hostLayout = new QVBoxLayout(host);
    hostLayout->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QHBoxLayout;
    m_viewButtons = new QButtonGroup(this);
    m_viewButtons->setExclusive(true);
    const QStringList labels{tr("Inspect values"), tr("Range and density"), tr("Accumulation"), tr("Stability in training"), tr("Quantization")};
    for (int i = 0; i < kViewCount; ++i) {
        auto* b = new QPushButton(labels[i], host);
        b->setCheckable(true);
        b->setObjectName(QStringLiteral("view:%1").arg(fmtId(kViews[static_cast<std::size_t>(i)])));
        m_viewButtons->addButton(b, i);
        buttons->addWidget(b);
    }
    buttons->addStretch(1);
    hostLayout->addLayout(buttons);
    m_stack = new QStackedWidget(host);
    hostLayout->addWidget(m_stack, 1);
    figureLayout()->addWidget(host);

    for (int i = 0; i < kViewCount; ++i) {
        auto* page = new QWidget(m_stack);
        page->setObjectName(QStringLiteral("page:%1").arg(fmtId(kViews[static_cast<std::size_t>(i)])));
        m_stack->addWidget(page);
    }
    buildInspectView(m_stack->widget(kInspect));
    buildRangeView(m_stack->widget(kRange));
    buildAccumulationView(m_stack->widget(kAccumulation));
    buildStabilityView(m_stack->widget(kStability));
    buildQuantizationView(m_stack->widget(kQuantization));
    hostLayout->addWidget(m_table);

    connect(m_viewButtons, &QButtonGroup::idClicked, this, [this](int id) {
        if (id != viewIndex())
            setParam("view", kViews[static_cast<std::size_t>(id)]);
    });
    connect(&m_accumWatcher, &QFutureWatcher<AccumOutcome>::finished, this, &PrecisionTab::onAccumulationFinished);
    connect(&m_quantWatcher, &QFutureWatcher<QuantOutcome>::finished, this, &PrecisionTab::onQuantizationFinished);
    m_prefetchPool.setMaxThreadCount(1);
    m_prefetchPool.setThreadPriority(QThread::IdlePriority);
    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, &PrecisionTab::onProgressTick);

    onParamsChanged({});
    // The numbers quoted were measured with these settings (seed 1); each link sets every value they depend on.
    setTryThis({
        {tr("Sum 10,000 ones in fp16, bf16 and fp32: the naive sum stops at 2048 in fp16 (relative error 0.80) and at 256 in bf16, "
            "while Kahan and pairwise summation reach 10000 in fp16 and 9984, the bf16 number nearest to 10000, in bf16."),
         {{"view", "accumulation"}, {"formats", "fp16,bf16,fp32"}, {"sum_values", "ones"}, {"sum_n", "10000"}, {"rounding", "nearest_even"}}},
        {tr("Give the gradients a typical size of 10⁻⁸ and multiply the loss by 65536: the share of gradients that fp16 flushes to zero "
            "falls from 63 % (loss scale 1) to 0.2 %, and none overflows; bf16 needs no scaling at all."),
         {{"view", "stability"}, {"grad_log10_mean", "-8"}, {"grad_log10_std", "1.5"}, {"loss_scale", "65536"}, {"rounding", "nearest_even"}, {"overflow", "ieee"},
          {"seed", "1"}}},
        {tr("Quantize to int4 in blocks of 32 instead of one scale for the whole tensor: with 0.1 % outliers of 20 σ the SQNR rises "
            "from 3.7 dB to 17.0 dB, because each outlier now only stretches the grid of its own block."),
         {{"view", "quantization"}, {"quant_format", "int4"}, {"quant_granularity", "block32"}, {"outlier_fraction", "0.001"},
          {"outlier_scale", "20"}, {"quant_rows", "256"}, {"quant_cols", "256"}, {"seed", "1"}}},
    });
}

PrecisionTab::~PrecisionTab()
{
    if (m_accumCancel)
        m_accumCancel->store(true);
    m_accumWatcher.waitForFinished();
    m_quantWatcher.waitForFinished();
}

void PrecisionTab::buildInspectView(QWidget* page)
{
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Vertical, page);
    split->setChildrenCollapsible(false);
    auto* top = new QWidget(split);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    m_bitPlot = makePlot(top, tr("Bit patterns: sign | exponent | mantissa (click a bit to flip it)"), tr("bit (most significant first)"), QString(), false, false);
    m_bitPlot->setObjectName(QStringLiteral("bitPlot"));
    m_bitMap = new QCPColorMap(m_bitPlot->xAxis, m_bitPlot->yAxis);
    m_bitMap->setInterpolate(false);
    m_bitMap->setTightBoundary(false);
    QCPColorGradient g;
    g.clearColorStops();
    // 0 empty (transparent: the plot's paper in either theme) · sign 0/1 · exponent 0/1 · mantissa 0/1 (light = 0, dark = 1)
    const QColor stops[] = {QColor(255, 255, 255, 0), QColor(0xf4, 0xc7, 0xc3), QColor(0xc0, 0x39, 0x2b), QColor(0xcd, 0xe8, 0xc5),
                            QColor(0x2e, 0x8b, 0x57), QColor(0xc6, 0xdb, 0xef), QColor(0x21, 0x66, 0xac)};
    for (int i = 0; i < 7; ++i)
        g.setColorStopAt(i / 6.0, stops[i]);
    g.setLevelCount(7);
    m_bitMap->setGradient(g);
    m_bitMap->setDataRange(QCPRange(0, 6));
    m_bitPlot->yAxis->setRangeReversed(true);
    m_bitPlot->yAxis2->setVisible(true);
    m_bitPlot->yAxis2->setRangeReversed(true);
    m_bitPlot->xAxis->grid()->setVisible(false);
    m_bitPlot->yAxis->grid()->setVisible(false);
    useTextTicker(m_bitPlot->yAxis);
    useTextTicker(m_bitPlot->yAxis2);
    QFont rowFont = m_bitPlot->yAxis->tickLabelFont();
    rowFont.setPointSizeF(8);
    m_bitPlot->yAxis->setTickLabelFont(rowFont);
    m_bitPlot->yAxis2->setTickLabelFont(rowFont);
    connect(m_bitPlot, &QCustomPlot::mousePress, this, &PrecisionTab::onBitPlotPress);
    topLayout->addWidget(m_bitPlot, 1);
    m_flipLabel = new QLabel(top);
    m_flipLabel->setObjectName(QStringLiteral("flipLabel"));
    m_flipLabel->setWordWrap(true);
    m_flipLabel->setText(tr("Click a bit in the pattern to flip it and see the value the new code encodes."));
    topLayout->addWidget(m_flipLabel);
    trackPlot(m_bitPlot);

    m_errPlot = makePlot(split, tr("Relative rounding error |stored − x| / |x|"), tr("value"), tr("relative error"), false, true);
    useTextTicker(m_errPlot->xAxis);
    connect(m_errPlot, &QCustomPlot::beforeReplot, this, [this] { fitValueLabels(m_errPlot, m_values); });
    legendBelow(m_errPlot, 7);  // inside the axes it hid the last value's markers
    trackPlot(m_errPlot);

    m_table = new QTableWidget(split);
    m_table->setObjectName(QStringLiteral("inspectTable"));
    m_table->setColumnCount(9);
    m_table->setHorizontalHeaderLabels({tr("value"), tr("format"), tr("stored"), tr("hex"), tr("bits"), tr("abs error"), tr("rel error"),
                                        tr("spacing (ULP)"), tr("via fp32 first")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Fit the columns to the first kTableFitRows rows (every format of the first values) and the visible
    // ones, not to all of 64 values × every format: each fit lays out the text of every row measured.
    // Fitted by drawInspect when a text there changes length, not by ResizeToContents at every edit.
    m_table->horizontalHeader()->setResizeContentsPrecision(kTableFitRows);
    m_table->verticalHeader()->setVisible(false);
    // The table is not part of the exported figure (it lives under the view stack, see the constructor).
    m_table->setMaximumHeight(150);
    split->addWidget(top);
    split->addWidget(m_errPlot);
    split->setSizes({640, 170});
    layout->addWidget(split);
}

void PrecisionTab::buildRangeView(QWidget* page)
{
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Vertical, page);
    split->setChildrenCollapsible(false);
    auto* row = new QSplitter(Qt::Horizontal, split);
    row->setChildrenCollapsible(false);
    m_constPlot = makePlot(row, tr("Range of each format"), QString(), tr("magnitude (log scale)"), false, false);
    useTextTicker(m_constPlot->xAxis);
    useTextTicker(m_constPlot->yAxis);
    legendBelow(m_constPlot, 2);
    m_spacingPlot = makePlot(row, tr("Spacing between neighbours (ULP) vs magnitude"), tr("|x| (log scale)"), tr("spacing (log scale)"), false, false);
    useTextTicker(m_spacingPlot->xAxis);
    useTextTicker(m_spacingPlot->yAxis);
    m_spacingPlot->legend->setVisible(true);
    m_spacingPlot->setInteractiveZoom(true);
    row->addWidget(m_constPlot);
    row->addWidget(m_spacingPlot);
    auto* lines = new QWidget(split);
    auto* linesLayout = new QVBoxLayout(lines);
    linesLayout->setContentsMargins(0, 0, 0, 0);
    m_linePlot = makePlot(lines, tr("Every code of the ≤ 8-bit formats on a number line (linear)"), tr("value"), QString(), false, false);
    m_linePlot->setInteractiveZoom(true);
    useTextTicker(m_linePlot->yAxis);
    m_symlogPlot = makePlot(lines, tr("The same codes on a symmetric-log axis"), tr("value (symmetric log: linear near 0)"), QString(), false, false);
    useTextTicker(m_symlogPlot->yAxis);
    useTextTicker(m_symlogPlot->xAxis);
    m_lineNote = new QLabel(lines);
    m_lineNote->setWordWrap(true);
    linesLayout->addWidget(m_linePlot, 1);
    linesLayout->addWidget(m_symlogPlot, 1);
    linesLayout->addWidget(m_lineNote);
    split->addWidget(row);
    split->addWidget(lines);
    split->setSizes({520, 380});
    layout->addWidget(split);
    for (auto* p : {m_constPlot, m_spacingPlot, m_linePlot, m_symlogPlot})
        trackPlot(p);
}

void PrecisionTab::buildAccumulationView(QWidget* page)
{
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_progress = new QProgressBar(page);
    m_progress->setObjectName(QStringLiteral("accumulationProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setFormat(tr("summing… %p%"));
    m_progress->hide();
    layout->addWidget(m_progress);
    m_accumPlot = makePlot(page, tr("Relative error of the sum, every addition rounded to the format"), tr("number of terms n"),
                           tr("relative error"), true, true);
    legendBelow(m_accumPlot, 6);
    m_accumPlot->setInteractiveZoom(true);
    layout->addWidget(m_accumPlot, 1);
    trackPlot(m_accumPlot);
}

void PrecisionTab::buildStabilityView(QWidget* page)
{
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Vertical, page);
    split->setChildrenCollapsible(false);
    m_softmaxPlot = makePlot(split, tr("Softmax: naive exp-normalise vs max-subtracted"), tr("logit scale"),
                             tr("max |p − p_float64|"), true, true);
    legendBelow(m_softmaxPlot, 3);
    m_gradPlot = makePlot(split, tr("Gradients × loss scale against each format's range"), tr("log10 |g · loss_scale|"), tr("gradients"), false, false);
    legendBelow(m_gradPlot, 2);
    m_gradBars = new QCPBars(m_gradPlot->xAxis, m_gradPlot->yAxis);
    m_gradBars->setName(tr("gradients"));
    m_gradBars->setPen(Qt::NoPen);
    m_gradBars->setBrush(QColor(120, 120, 120, 170));
    split->addWidget(m_softmaxPlot);
    split->addWidget(m_gradPlot);
    layout->addWidget(split);
    trackPlot(m_softmaxPlot);
    trackPlot(m_gradPlot);
}

void PrecisionTab::buildQuantizationView(QWidget* page)
{
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Vertical, page);
    split->setChildrenCollapsible(false);
    m_quantHistPlot = makePlot(split, tr("Weights and the quantization grid"), tr("weight"), tr("count"), false, false);
    m_quantHistPlot->legend->setVisible(true);
    m_quantHistPlot->setInteractiveZoom(true);
    m_quantHistBars = new QCPBars(m_quantHistPlot->xAxis, m_quantHistPlot->yAxis);
    m_quantHistBars->setName(tr("weights"));
    m_quantHistBars->setPen(Qt::NoPen);
    m_quantHistBars->setBrush(QColor(31, 119, 180, 150));
    m_quantErrPlot = makePlot(split, tr("Quantization error ŵ − w"), tr("error"), tr("count"), false, false);
    m_quantErrBars = new QCPBars(m_quantErrPlot->xAxis, m_quantErrPlot->yAxis);
    m_quantErrBars->setName(tr("error"));
    m_quantErrBars->setPen(Qt::NoPen);
    m_quantErrBars->setBrush(QColor(214, 39, 40, 150));
    split->addWidget(m_quantHistPlot);
    split->addWidget(m_quantErrPlot);
    layout->addWidget(split);
    trackPlot(m_quantHistPlot);
    trackPlot(m_quantErrPlot);
}

// ---------------------------------------------------------------------------
// Parameters → engine inputs

int PrecisionTab::viewIndex() const
{
    const auto& v = m_params.text("view");
    for (std::size_t i = 0; i < kViews.size(); ++i)
        if (kViews[i] == v)
            return static_cast<int>(i);
    return 0;
}

std::vector<nm::FloatFormat> PrecisionTab::selectedFormats() const
{
    std::vector<nm::FloatFormat> out;
    // Display order follows the declaration, whatever order the list was typed in.
    const auto& chosen = m_params.texts("formats");
    for (const auto& id : allFormatIds()) {
        if (std::find(chosen.begin(), chosen.end(), id) == chosen.end())
            continue;
        if (id == "custom")
            out.push_back(nm::customFormat(static_cast<int>(m_params.integer("custom_exponent_bits")),
                                           static_cast<int>(m_params.integer("custom_mantissa_bits"))));
        else
            out.push_back(*nm::formatById(id));
    }
    return out;
}

nm::Rounding PrecisionTab::rounding() const
{
    const auto& r = m_params.text("rounding");
    if (r == "toward_zero")
        return nm::Rounding::TowardZero;
    if (r == "stochastic")
        return nm::Rounding::Stochastic;
    return nm::Rounding::NearestEven;
}

nm::Overflow PrecisionTab::overflowMode() const
{
    return m_params.text("overflow") == "saturate" ? nm::Overflow::Saturate : nm::Overflow::Ieee;
}

void PrecisionTab::updatePanelVisibility()
{
    const int v = viewIndex();
    for (int i = 0; i < kViewCount; ++i)
        paramPanel()->setGroupVisible(kViewGroups[static_cast<std::size_t>(i)], i == v);
    const bool formatsMatter = v == kInspect || v == kRange || v == kAccumulation;
    paramPanel()->setGroupVisible("Formats", formatsMatter);
    m_stack->setCurrentIndex(v);
    m_table->setVisible(v == kInspect);
    if (auto* b = m_viewButtons->button(v)) {
        QSignalBlocker block(b);
        b->setChecked(true);
    }
}

// ---------------------------------------------------------------------------
// Recompute on change

void PrecisionTab::onParamsChanged(const std::set<std::string>& keys)
{
    auto any = [&](std::initializer_list<const char*> ks) {
        if (keys.empty())
            return true;
        for (const char* k : ks)
            if (keys.count(k))
                return true;
        return false;
    };
    beginCompute();
    const bool formatKeys = any({"formats", "rounding", "overflow", "seed", "custom_exponent_bits", "custom_mantissa_bits"});
    if (formatKeys || any({"values", "show_double_rounding"}))
        computeInspect();
    if (any({"logit_scale"}) && !m_softmaxFormats.empty())
        computeSoftmax();
    if (any({"rounding", "overflow", "seed", "grad_log10_mean", "grad_log10_std", "loss_scale"}))
        computeStability();
    if (any({"seed", "quant_format", "quant_granularity", "quant_rows", "quant_cols", "outlier_fraction", "outlier_scale"}))
        computeQuantization();
    if (formatKeys || any({"sum_n", "sum_values"}))
        startAccumulation();
    if (any({"view"})) {
        if (viewIndex() == kAccumulation)
            maybePrefetchAccumulation();
        else if (m_accumJobRunning && m_accumJobPrefetch)
            cancelAccumulationJob();
    }
    endCompute();

    updatePanelVisibility();
    // The Inspect error stays on screen for as long as the bad entry does.
    paramPanel()->setParamError("values", m_valuesError);
    showError(m_valuesError);

    if (formatKeys || any({"values", "show_double_rounding", "bits_value"}))
        drawInspect();
    if (formatKeys)
        drawRange();
    if (any({"rounding", "overflow", "seed", "logit_scale", "grad_log10_mean", "grad_log10_std", "loss_scale"}))
        drawStability();
    if (any({"seed", "quant_format", "quant_granularity", "quant_rows", "quant_cols", "outlier_fraction", "outlier_scale"}))
        if (!m_quantBusy)  // else drawn when the background result arrives
            drawQuantization();
    updateReadouts();
    updateExplanation();
}

void PrecisionTab::computeInspect()
{
    m_values.clear();
    m_valuesError.clear();
    const auto& entries = m_params.texts("values");
    QStringList bad;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const Parsed<double> r = parseReal(entries[i]);
        if (r.ok()) {
            m_values.push_back(r.value);
        } else {
            bad << tr("entry %1 \"%2\" is not a number (%3)").arg(i + 1).arg(QString::fromStdString(entries[i]), trEngine(r.why));
        }
    }
    // The first three are named; 64 bad entries made an 8 KB error banner.
    if (bad.size() > 3) {
        const qsizetype more = bad.size() - 3;
        bad = bad.mid(0, 3);
        bad << QStringLiteral("… (+%1)").arg(more);
    }
    if (!bad.isEmpty())
        m_valuesError = QStringLiteral("values: ") + bad.join(QStringLiteral("; "));

    m_rows.clear();
    const auto formats = selectedFormats();
    const bool trap = m_params.boolean("show_double_rounding");
    const auto seed = static_cast<std::uint64_t>(m_params.integer("seed"));
    for (std::size_t vi = 0; vi < m_values.size(); ++vi) {
        for (std::size_t fi = 0; fi < formats.size(); ++fi) {
            nm::Quantizer q(formats[fi], rounding(), overflowMode(), seed * 7919 + vi * 131 + fi);
            InspectRow row;
            row.valueIndex = static_cast<int>(vi);
            row.formatId = formats[fi].id;
            row.format = formats[fi];
            row.inspection = nm::inspect(q, m_values[vi]);
            m_rows.push_back(row);
            if (trap && formats[fi].mantissaBits < 23 && formats[fi].id != "e8m0") {
                nm::Quantizer toFp32(*nm::formatById("fp32"), rounding(), overflowMode(), seed);
                nm::Quantizer q2(formats[fi], rounding(), overflowMode(), seed * 7919 + vi * 131 + fi);
                const double via = q2.round(toFp32.round(m_values[vi]));
                if (!(via == row.inspection.stored) && !(std::isnan(via) && std::isnan(row.inspection.stored))) {
                    InspectRow trapRow = row;
                    trapRow.viaFp32 = true;
                    nm::Quantizer exact(formats[fi], nm::Rounding::NearestEven, overflowMode());
                    trapRow.inspection = nm::inspect(exact, via);  // describes the doubly rounded value
                    trapRow.inspection.input = m_values[vi];
                    trapRow.inspection.absError = std::fabs(via - m_values[vi]);
                    trapRow.inspection.relError = m_values[vi] != 0 ? trapRow.inspection.absError / std::fabs(m_values[vi]) : 0.0;
                    m_rows.push_back(trapRow);
                }
            }
        }
    }
    m_flipText.clear();
}

void PrecisionTab::computeSoftmax()
{
    m_softmaxNow.clear();
    std::vector<double> z = nm::softmaxBaseLogits();
    for (double& v : z)
        v *= m_params.real("logit_scale");
    for (const auto& f : m_softmaxFormats)
        m_softmaxNow.emplace_back(nm::softmaxInFormat(z, f, false), nm::softmaxInFormat(z, f, true));
}

void PrecisionTab::computeStability()
{
    // The sweep does not depend on any parameter: computed once.
    if (m_softmaxFormats.empty()) {
        m_softmaxFormats = {*nm::formatById("fp16"), *nm::formatById("bf16"), *nm::formatById("fp32")};
        m_sweep = nm::softmaxSweep(nm::softmaxBaseLogits(), m_softmaxFormats, 0.1, 1000, 121);
        computeSoftmax();
    }

    nm::GradientInput in;
    in.log10Mean = m_params.real("grad_log10_mean");
    in.log10Std = m_params.real("grad_log10_std");
    in.lossScale = std::stod(m_params.text("loss_scale"));
    in.count = 40000;  // fractions to ±0.25 % (binomial sd), fast enough to follow a slider
    in.seed = static_cast<std::uint64_t>(m_params.integer("seed"));
    in.formats = {*nm::formatById("fp16"), *nm::formatById("bf16"), *nm::formatById("fp8_e4m3"), *nm::formatById("fp8_e5m2")};
    in.rounding = rounding();
    in.overflow = overflowMode();
    m_grad = nm::gradientUnderflow(in);
}

void PrecisionTab::computeQuantization()
{
    const int rows = static_cast<int>(m_params.integer("quant_rows"));
    const int cols = static_cast<int>(m_params.integer("quant_cols"));
    // The tensor only changes with its own parameters; switching format or granularity reuses it.
    const std::vector<double> key{double(rows), double(cols), m_params.real("outlier_fraction"), m_params.real("outlier_scale"),
                                  double(m_params.integer("seed"))};
    nm::QuantFormat f = nm::QuantFormat::Int4;
    nm::QuantGranularity g = nm::QuantGranularity::Tensor;
    nm::parseQuantFormat(m_params.text("quant_format"), f);
    nm::parseQuantGranularity(m_params.text("quant_granularity"), g);
    const quint64 generation = ++m_quantGeneration;  // anything still running is stale now
    const double fraction = m_params.real("outlier_fraction"), scale = m_params.real("outlier_scale");
    const auto seed = static_cast<std::uint64_t>(m_params.integer("seed"));
    std::shared_ptr<const std::vector<double>> stale;
    if (key != m_weightsKey) {  // the held tensor is no use to this run or any later one
        stale = std::move(m_weights);
        m_weightsKey.clear();
    }
    auto job = [rows, cols, f, g, fraction, scale, seed, generation, key, stale = std::move(stale),
                weights = key == m_weightsKey ? m_weights : std::shared_ptr<const std::vector<double>>()]() mutable {
        QuantOutcome o;
        o.generation = generation;
        o.weightsKey = key;
        o.weights = weights ? weights : std::make_shared<const std::vector<double>>(nm::generateWeights(rows, cols, fraction, scale, seed));
        o.result = nm::quantize(*o.weights, rows, cols, f, g);
        // The tab shows histograms, grids and summaries, never ŵ element by element: dropped here, on the
        // worker, since the GUI thread copies the outcome out of the future (32 MB at 2048 × 2048 took
        // it ~29 ms, the longest stall of the view) and would free it again with the next result.
        std::vector<double>().swap(o.result.dequantized);
        // The tensor this run replaces is freed here too, not by the GUI thread.
        stale.reset();
        return o;
    };
    if (static_cast<long long>(rows) * cols < kAsyncQuantCells) {
        QuantOutcome o = job();
        m_weights = std::move(o.weights);
        m_weightsKey = std::move(o.weightsKey);
        m_quant = std::move(o.result);
        m_quantBusy = false;
        return;
    }
    // Millions of cells take a noticeable time: off the GUI thread; the old picture stays until then.
    m_quantBusy = true;
    m_quantWatcher.setFuture(QtConcurrent::run(std::move(job)));  // moved: the task holds the only `stale`
}

void PrecisionTab::onQuantizationFinished()
{
    QuantOutcome o = m_quantWatcher.result();
    if (o.generation != m_quantGeneration)
        return;  // stale: a newer request is on its way
    m_quantBusy = false;
    m_weights = std::move(o.weights);
    m_weightsKey = std::move(o.weightsKey);
    m_quant = std::move(o.result);
    drawQuantization();
    updateReadouts();
}

// ---------------------------------------------------------------------------
// Accumulation in the background

void PrecisionTab::startAccumulation()
{
    nm::AccumulationInput in;
    in.formats = selectedFormats();
    in.n = m_params.integer("sum_n");
    nm::parseSumValues(m_params.text("sum_values"), in.values);
    in.seed = static_cast<std::uint64_t>(m_params.integer("seed"));
    in.rounding = rounding();
    in.overflow = overflowMode();
    in.pointsPerDecade = 20;

    ++m_accumGeneration;  // anything still on its way is stale now
    m_accumWanted = in.n;
    if (!m_accumPrefix || !m_accumPrefix->sameSeries(in)) {
        cancelAccumulationJob();  // it sums another series
        // Every n the slider can reach is kept by the pass: a drag reads its curves from
        // memory instead of summing up to kSnapshotEvery − 1 terms again in every format
        // (two thirds of a drag step's CPU with every format shown).
        const ParamSpec& spec = *m_params.find("sum_n");
        std::vector<long long> sliderNs;
        sliderNs.reserve(ParamPanel::kSliderSteps + 1);
        for (int pos = 0; pos <= ParamPanel::kSliderSteps; ++pos)
            sliderNs.push_back(static_cast<long long>(ParamPanel::sliderToValue(spec, pos)));
        m_accumPrefix = std::make_shared<nm::AccumulationPrefix>(in, std::move(sliderNs));
    }
    if (in.n <= m_accumPrefix->extent()) {
        // Already summed: a slice of the kept pass plus at most kSnapshotEvery terms.
        if (m_accumJobRunning && !m_accumJobPrefetch)
            cancelAccumulationJob();  // an older request still summing on: superseded
        showAccumulation(m_accumPrefix->resultAt(in.n));
        maybePrefetchAccumulation();
        return;
    }
    m_accumBusy = true;
    m_progress->setValue(0);
    m_progressTimer.start();
    // Only show a progress bar for runs that take a noticeable time.
    if (in.n - m_accumPrefix->extent() >= 1000000)
        m_progress->show();
    // What is summed already is drawn at once (the curves up to it, on the axis of the
    // n asked for) and grows while the job sums on; the progress bar says so.
    showPartialAccumulation();
    if (m_accumJobRunning) {
        cancelAccumulationJob();  // onAccumulationFinished starts the newest request when it stops
        m_accumProgress.reset();
    } else
        launchAccumulationJob(false);
}

void PrecisionTab::launchAccumulationJob(bool prefetch)
{
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_accumCancel = cancel;
    auto progress = std::make_shared<std::atomic<double>>(0.0);
    if (!prefetch)
        m_accumProgress = progress;
    m_accumJobRunning = true;
    m_accumJobPrefetch = prefetch;
    const long long n = prefetch ? static_cast<long long>(m_params.find("sum_n")->max) : m_accumWanted;
    QThreadPool* pool = prefetch ? &m_prefetchPool : QThreadPool::globalInstance();
    m_accumWatcher.setFuture(QtConcurrent::run(pool, [prefix = m_accumPrefix, n, prefetch, cancel, progress, generation = m_accumGeneration] {
        AccumOutcome o;
        o.generation = generation;
        o.prefetch = prefetch;
        const bool done = prefix->extendTo(n, [&](double f) {
            progress->store(f);
            return !cancel->load();
        });
        if (done && !prefetch)
            o.result = prefix->resultAt(n);
        return o;
    }));
}

void PrecisionTab::cancelAccumulationJob()
{
    if (m_accumCancel)
        m_accumCancel->store(true);  // the job stops at its next snapshot; what it summed stays in the prefix
}

void PrecisionTab::showAccumulation(nm::AccumulationResult result)
{
    m_accumBusy = false;
    m_progressTimer.stop();
    m_progress->hide();
    m_progress->setFormat(tr("summing… %p%"));
    if (!result.ok)
        return;
    m_accumPartialOf = 0;
    m_accum = std::move(result);
    drawAccumulation();
}

void PrecisionTab::showPartialAccumulation()
{
    const long long have = m_accumPrefix ? m_accumPrefix->extent() : 0;
    if (!m_accumBusy || have < 1 || have >= m_accumWanted || (m_accumPartialOf == m_accumWanted && m_accum.ok && !m_accum.checkpoints.empty() && m_accum.checkpoints.back() == have))
        return;
    nm::AccumulationResult partial = m_accumPrefix->resultAt(have);  // a snapshot's n: nothing summed again
    if (!partial.ok)
        return;
    m_accum = std::move(partial);
    m_accumPartialOf = m_accumWanted;
    m_progress->setFormat(tr("summing on: the curves show the first %1 of %2 terms… %p%")
                              .arg(countText(have), countText(m_accumWanted)));
    m_progress->show();
    drawAccumulation();
    updateReadouts();
}

void PrecisionTab::maybePrefetchAccumulation()
{
    // Sum ahead only while the view is open (the other views do not need it), one job at a time.
    if (m_accumJobRunning || !m_accumPrefix || viewIndex() != kAccumulation)
        return;
    if (m_accumPrefix->extent() < static_cast<long long>(m_params.find("sum_n")->max))
        launchAccumulationJob(true);
}

void PrecisionTab::onProgressTick()
{
    if (!m_accumBusy) {
        m_progressTimer.stop();
        return;
    }
    if (m_accumProgress)
        m_progress->setValue(static_cast<int>(std::lround(m_accumProgress->load() * 1000)));
    // The growing part, about three times a second (a replot of every format's curves costs a few ms).
    if (++m_progressTicks % 3 == 0)
        showPartialAccumulation();
}

void PrecisionTab::onAccumulationFinished()
{
    AccumOutcome o = m_accumWatcher.result();
    m_accumJobRunning = false;
    if (!o.prefetch && o.generation == m_accumGeneration && o.result.ok) {
        showAccumulation(std::move(o.result));
        updateReadouts();
    } else if (m_accumBusy) {
        // The newest request is still waiting: a slice if the stopped job summed that far, else sum on.
        if (m_accumWanted <= m_accumPrefix->extent()) {
            showAccumulation(m_accumPrefix->resultAt(m_accumWanted));
            updateReadouts();
        } else {
            launchAccumulationJob(false);
            return;
        }
    }
    maybePrefetchAccumulation();
}

bool PrecisionTab::waitUntilIdle(int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while ((m_accumBusy || m_quantBusy) && t.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (m_accumBusy || m_quantBusy)
            QThread::msleep(2);
    }
    QCoreApplication::processEvents();
    return !(m_accumBusy || m_quantBusy);
}

QCPGraph* PrecisionTab::accumulationGraph(const std::string& formatId, nm::SumMethod method) const
{
    const QString name = QStringLiteral("%1 %2").arg(fmtId(formatId), methodLabel(method));
    for (int i = 0; i < m_accumPlot->graphCount(); ++i)
        if (m_accumPlot->graph(i)->name() == name)
            return m_accumPlot->graph(i);
    return nullptr;
}

// ---------------------------------------------------------------------------
// Drawing

void PrecisionTab::drawInspect()
{
    // The pattern plot shows one value's rows (one per format) unless
    // bits_value = 0; more than a dozen rows stop being legible.
    const int wanted = static_cast<int>(m_params.integer("bits_value"));
    const int valueCount = static_cast<int>(m_values.size());
    const int shown = wanted == 0 || valueCount == 0 ? 0 : std::min(wanted, valueCount);
    m_bitRows.clear();
    for (int r = 0; r < static_cast<int>(m_rows.size()); ++r)
        if (shown == 0 || m_rows[static_cast<std::size_t>(r)].valueIndex == shown - 1)
            m_bitRows.push_back(r);
    int maxBits = 1;
    for (int r : m_bitRows)
        maxBits = std::max(maxBits, m_rows[static_cast<std::size_t>(r)].format.totalBits());
    const int nRows = std::max<int>(1, static_cast<int>(m_bitRows.size()));
    m_bitMap->data()->setSize(maxBits, nRows);
    m_bitMap->data()->setRange(QCPRange(0, maxBits - 1), QCPRange(0, nRows - 1));
    m_bitMap->data()->fill(0);
    auto left = qSharedPointerCast<QCPAxisTickerText>(m_bitPlot->yAxis->ticker());
    auto right = qSharedPointerCast<QCPAxisTickerText>(m_bitPlot->yAxis2->ticker());
    left->clear();
    right->clear();
    for (int r = 0; r < static_cast<int>(m_bitRows.size()); ++r) {
        const InspectRow& row = m_rows[static_cast<std::size_t>(m_bitRows[static_cast<std::size_t>(r)])];
        const int total = row.format.totalBits();
        const int signBits = row.format.hasSign() ? 1 : 0;
        for (int b = 0; b < total; ++b) {
            const bool one = (row.inspection.code >> (total - 1 - b)) & 1u;
            int field = b < signBits ? 1 : (b < signBits + row.format.exponentBits ? 3 : 5);
            m_bitMap->data()->setCell(b, r, field + (one ? 1 : 0));
        }
        const QString name = row.viaFp32 ? tr("%1 via fp32").arg(fmtId(row.formatId)) : fmtId(row.formatId);
        left->addTick(r, QStringLiteral("%1 · %2").arg(name, real(m_values[static_cast<std::size_t>(row.valueIndex)])));
        right->addTick(r, QStringLiteral("%1 = %2").arg(fmtId(row.inspection.hex), real(row.inspection.stored)));
    }
    m_bitPlot->xAxis->setRange(-0.5, maxBits - 0.5);
    m_bitPlot->yAxis->setRange(-0.5, nRows - 0.5);
    m_bitPlot->yAxis2->setRange(-0.5, nRows - 0.5);
    m_bitPlot->replot(QCustomPlot::rpQueuedReplot);

    // Relative error per value, one series per format.
    // The same formats as on screen (a values edit): new points only; the graphs and their
    // legend entries stay (rebuilding them re-lays out the legend every time).
    const std::vector<nm::FloatFormat> formats = selectedFormats();
    bool sameFormats = m_errPlot->graphCount() == static_cast<int>(formats.size());
    for (int i = 0; sameFormats && i < m_errPlot->graphCount(); ++i)
        sameFormats = m_errPlot->graph(i)->name() == fmtId(formats[static_cast<std::size_t>(i)].id);
    if (!sameFormats)
        m_errPlot->clearGraphs();
    auto xt = qSharedPointerCast<QCPAxisTickerText>(m_errPlot->xAxis->ticker());
    xt->clear();
    for (std::size_t i = 0; i < m_values.size(); ++i)
        xt->addTick(static_cast<double>(i), real(m_values[i]));
    for (std::size_t fi = 0; fi < formats.size(); ++fi) {
        const auto& f = formats[fi];
        QCPGraph* g = sameFormats ? m_errPlot->graph(static_cast<int>(fi)) : m_errPlot->addGraph();
        if (!sameFormats) {
            g->setName(fmtId(f.id));
            g->setLineStyle(QCPGraph::lsNone);
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, palette::color(f.id), 7));
        }
        QVector<double> xs, ys;
        for (const auto& r : m_rows)
            if (r.formatId == f.id && !r.viaFp32) {
                xs.push_back(r.valueIndex);
                ys.push_back(forLogAxis(r.inspection.relError));
            }
        g->setData(xs, ys, true);
    }
    m_errPlot->xAxis->setRange(-0.5, std::max<double>(0.5, static_cast<double>(m_values.size()) - 0.5));
    m_errPlot->yAxis->setRange(kErrorFloor / 2, kErrorCeiling * 2);
    m_errPlot->replot(QCustomPlot::rpQueuedReplot);

    // Fill first, then fit the columns only if a text among the rows a fit measures changed length
    // (or the rows their number): a fit lays out every measured cell again, 25 M instructions of a
    // 120 M values edit at 64 values × every format, where ResizeToContents fitted at every edit.
    m_table->setRowCount(static_cast<int>(m_rows.size()));
    std::vector<qsizetype> longest(static_cast<std::size_t>(m_table->columnCount()), 0);
    // A fit measures the first kTableFitRows rows and the visible ones: both count (a longer value
    // edited near the bottom of a scrolled table must widen its column too).
    const int firstVisible = m_table->rowAt(0);
    const int lastVisibleAt = m_table->rowAt(m_table->viewport()->height() - 1);
    const int lastVisible = lastVisibleAt < 0 ? m_table->rowCount() - 1 : lastVisibleAt;
    // The cells are written with the model's signals blocked and announced in one dataChanged: a
    // signal per changed cell (up to 6,300 at 64 values × every format) cost 13 M instructions.
    QAbstractItemModel* model = m_table->model();
    std::optional<QSignalBlocker> quiet(std::in_place, model);
    for (int r = 0; r < static_cast<int>(m_rows.size()); ++r) {
        const auto& row = m_rows[static_cast<std::size_t>(r)];
        const auto& in = row.inspection;
        const QStringList cells{real(m_values[static_cast<std::size_t>(row.valueIndex)]),
                                row.viaFp32 ? tr("%1 via fp32").arg(fmtId(row.formatId)) : fmtId(row.formatId),
                                real(in.stored),
                                fmtId(in.hex),
                                fmtId(in.bits),
                                real(in.absError),
                                real(in.relError),
                                real(in.ulp),
                                row.viaFp32 ? tr("double rounding: differs") : QString()};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = m_table->item(r, c);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(r, c, item);
            }
            item->setText(cells[c]);
            if (r < kTableFitRows || (firstVisible >= 0 && r >= firstVisible && r <= lastVisible))
                longest[static_cast<std::size_t>(c)] = std::max(longest[static_cast<std::size_t>(c)], cells[c].size());
        }
    }
    quiet.reset();
    if (m_table->rowCount() > 0)
        emit model->dataChanged(model->index(0, 0), model->index(m_table->rowCount() - 1, m_table->columnCount() - 1));
    if (longest != m_tableFitLengths || m_table->rowCount() != m_tableFitRowCount) {
        m_tableFitLengths = longest;
        m_tableFitRowCount = m_table->rowCount();
        // A '0' of slack: a later text as long as the fitted one but of wider glyphs is not elided.
        const int slack = m_table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
        for (int c = 0; c < m_table->columnCount(); ++c) {
            m_table->resizeColumnToContents(c);
            m_table->setColumnWidth(c, m_table->columnWidth(c) + slack);
        }
    }
    m_flipLabel->setText(tr("Click a bit in the pattern to flip it and see the value the new code encodes."));
}

double PrecisionTab::flipBit(int row, int bit)
{
    if (row < 0 || row >= static_cast<int>(m_bitRows.size()))
        return std::numeric_limits<double>::quiet_NaN();
    const InspectRow& r = m_rows[static_cast<std::size_t>(m_bitRows[static_cast<std::size_t>(row)])];
    const int total = r.format.totalBits();
    if (bit < 0 || bit >= total)
        return std::numeric_limits<double>::quiet_NaN();
    const std::uint64_t code = r.inspection.code ^ (std::uint64_t{1} << (total - 1 - bit));
    const double v = nm::decode(r.format, code);
    const int signBits = r.format.hasSign() ? 1 : 0;
    const QString field = bit < signBits ? tr("sign") : bit < signBits + r.format.exponentBits ? tr("exponent") : tr("mantissa");
    m_flipText = tr("%1 of %2: flipping bit %3 (%4) turns %5 = %6 into %7 = %8")
                     .arg(fmtId(r.formatId), real(m_values[static_cast<std::size_t>(r.valueIndex)]))
                     .arg(bit)
                     .arg(field, fmtId(r.inspection.hex), real(r.inspection.stored), fmtId(nm::hexString(r.format, code)), real(v));
    m_flipLabel->setText(m_flipText + QStringLiteral("   [") + fmtId(nm::bitString(r.format, code)) + QStringLiteral("]"));
    return v;
}

QString PrecisionTab::flipText() const { return m_flipText; }

void PrecisionTab::onBitPlotPress(QMouseEvent* event)
{
    const double key = m_bitPlot->xAxis->pixelToCoord(event->pos().x());
    const double value = m_bitPlot->yAxis->pixelToCoord(event->pos().y());
    flipBit(static_cast<int>(std::lround(value)), static_cast<int>(std::lround(key)));
}

void PrecisionTab::drawRange()
{
    const auto formats = selectedFormats();
    // Constants
    m_constPlot->clearGraphs();
    auto xt = qSharedPointerCast<QCPAxisTickerText>(m_constPlot->xAxis->ticker());
    xt->clear();
    struct Metric {
        QString name;
        QCPScatterStyle::ScatterShape shape;
        double (nm::FloatFormat::*get)() const;
    };
    const Metric metrics[] = {{tr("smallest subnormal"), QCPScatterStyle::ssTriangleInverted, &nm::FloatFormat::minSubnormal},
                              {tr("smallest normal"), QCPScatterStyle::ssTriangle, &nm::FloatFormat::minNormal},
                              {tr("largest finite"), QCPScatterStyle::ssSquare, &nm::FloatFormat::maxFinite},
                              {tr("machine epsilon"), QCPScatterStyle::ssDiamond, &nm::FloatFormat::epsilon}};
    for (std::size_t f = 0; f < formats.size(); ++f)
        xt->addTick(static_cast<double>(f), fmtId(formats[f].id));
    for (std::size_t m = 0; m < 4; ++m) {
        auto* g = m_constPlot->addGraph();
        g->setName(metrics[m].name);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(metrics[m].shape, palette::category(static_cast<int>(m)), palette::category(static_cast<int>(m)), 9));
        QVector<double> xs, ys;
        for (std::size_t f = 0; f < formats.size(); ++f) {
            xs.push_back(static_cast<double>(f) + (static_cast<double>(m) - 1.5) * 0.08);
            ys.push_back(std::log10((formats[f].*metrics[m].get)()));
        }
        g->setData(xs, ys, true);
    }
    m_constPlot->xAxis->setRange(-0.5, static_cast<double>(formats.size()) - 0.5);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& f : formats) {
        lo = std::min({lo, std::log10(f.minSubnormal()), std::log10(f.epsilon())});
        hi = std::max({hi, std::log10(f.maxFinite()), std::log10(f.epsilon())});
    }
    // a margin of a tenth of the span on each side, so the extreme markers are not clipped
    const double pad = std::max(1.0, 0.08 * (hi - lo));
    m_constPlot->yAxis->setRange(lo - pad, hi + pad);
    decadeTicks(m_constPlot->yAxis, lo - pad, hi + pad);
    m_constPlot->replot(QCustomPlot::rpQueuedReplot);

    // Spacing
    m_spacingPlot->clearGraphs();
    for (const auto& f : formats) {
        const nm::SpacingCurve c = nm::spacingCurve(f);
        auto* g = m_spacingPlot->addGraph();
        g->setName(fmtId(f.id));
        g->setPen(QPen(palette::color(f.id), 1.6));
        g->setLineStyle(QCPGraph::lsStepLeft);
        QVector<double> lx, ly;
        for (std::size_t i = 0; i < c.magnitude.size(); ++i) {
            lx.push_back(std::log10(c.magnitude[i]));
            ly.push_back(std::log10(c.spacing[i]));
        }
        g->setData(lx, ly, true);
    }
    m_spacingPlot->rescaleAxes();
    decadeTicks(m_spacingPlot->xAxis, m_spacingPlot->xAxis->range().lower, m_spacingPlot->xAxis->range().upper);
    decadeTicks(m_spacingPlot->yAxis, m_spacingPlot->yAxis->range().lower, m_spacingPlot->yAxis->range().upper);
    m_spacingPlot->replot(QCustomPlot::rpQueuedReplot);

    // Number lines of the small formats
    m_linePlot->clearGraphs();
    m_symlogPlot->clearGraphs();
    auto yl = qSharedPointerCast<QCPAxisTickerText>(m_linePlot->yAxis->ticker());
    auto ys = qSharedPointerCast<QCPAxisTickerText>(m_symlogPlot->yAxis->ticker());
    yl->clear();
    ys->clear();
    std::vector<nm::FloatFormat> small;
    for (const auto& f : formats)
        if (f.totalBits() <= 8)
            small.push_back(f);
    if (small.empty()) {
        small.push_back(*nm::formatById("fp8_e4m3"));
        m_lineNote->setText(tr("No selected format has 8 bits or fewer; showing fp8_e4m3. Select fp8/fp6/fp4/e8m0 formats to compare them here."));
    } else {
        m_lineNote->setText(tr("Each tick is one code. The gaps double at every power of two: about half of all codes lie within ±2 of zero."));
    }
    double linthresh = std::numeric_limits<double>::infinity();
    double maxAbs = 0;
    for (const auto& f : small) {
        linthresh = std::min(linthresh, f.minSubnormal());
        maxAbs = std::max(maxAbs, f.maxFinite());
    }
    QPainterPath tick;
    tick.moveTo(0, -6);
    tick.lineTo(0, 6);
    for (std::size_t i = 0; i < small.size(); ++i) {
        const auto vals = nm::allFiniteValues(small[i]);
        QVector<double> xs, xsl, yv;
        for (double v : vals) {
            xs.push_back(v);
            xsl.push_back(nm::symlog(v, linthresh));
            yv.push_back(static_cast<double>(i));
        }
        for (auto* p : {m_linePlot, m_symlogPlot}) {
            auto* g = p->addGraph();
            g->setName(fmtId(small[i].id));
            g->setLineStyle(QCPGraph::lsNone);
            QCPScatterStyle ss(tick, QPen(palette::color(small[i].id), 1), Qt::NoBrush, 12);
            g->setScatterStyle(ss);
            g->setData(p == m_linePlot ? xs : xsl, yv, true);
        }
        yl->addTick(static_cast<double>(i), fmtId(small[i].id));
        ys->addTick(static_cast<double>(i), fmtId(small[i].id));
    }
    auto xs = qSharedPointerCast<QCPAxisTickerText>(m_symlogPlot->xAxis->ticker());
    xs->clear();
    xs->addTick(0, QStringLiteral("0"));
    const int k0 = static_cast<int>(std::ceil(std::log10(linthresh * 5)));
    const int k1 = static_cast<int>(std::ceil(std::log10(maxAbs)));
    const int kstep = decadeStep(k0, k1, 5);
    for (int k = static_cast<int>(std::floor(double(k1) / kstep)) * kstep; k >= k0; k -= kstep) {
        const double v = std::pow(10.0, k);
        const QString label = QStringLiteral("10") + superscript(k);
        xs->addTick(nm::symlog(v, linthresh), label);
        xs->addTick(nm::symlog(-v, linthresh), QStringLiteral("−") + label);
    }
    for (auto* p : {m_linePlot, m_symlogPlot}) {
        p->yAxis->setRange(-0.7, static_cast<double>(small.size()) - 0.3);
        p->yAxis->grid()->setVisible(false);
    }
    m_linePlot->xAxis->setRange(-maxAbs * 1.05, maxAbs * 1.05);
    const double sl = nm::symlog(maxAbs, linthresh) * 1.05;
    m_symlogPlot->xAxis->setRange(-sl, sl);
    m_linePlot->replot(QCustomPlot::rpQueuedReplot);
    m_symlogPlot->replot(QCustomPlot::rpQueuedReplot);
}

void PrecisionTab::drawAccumulation()
{
    // The same curves as on screen (a sum_n drag): new data only, the graphs and their
    // legend entries stay (rebuilding them re-lays out the legend on every step).
    bool sameCurves = m_accum.ok && m_accumPlot->graphCount() == static_cast<int>(m_accum.curves.size());
    for (int i = 0; sameCurves && i < m_accumPlot->graphCount(); ++i) {
        const auto& c = m_accum.curves[static_cast<std::size_t>(i)];
        sameCurves = m_accumPlot->graph(i)->name() == QStringLiteral("%1 %2").arg(fmtId(c.formatId), methodLabel(c.method));
    }
    if (!sameCurves)
        m_accumPlot->clearGraphs();
    if (!m_accum.ok) {
        m_accumPlot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    QVector<double> xs;
    for (long long n : m_accum.checkpoints)
        xs.push_back(static_cast<double>(n));
    // Exact sums (error 0) are drawn on the bottom edge: a decade under the smallest non-zero error.
    double smallest = std::numeric_limits<double>::infinity();
    for (const auto& c : m_accum.curves)
        for (double e : c.relError)
            if (std::isfinite(e) && e > 0)
                smallest = std::min(smallest, e);
    const double floor = std::isfinite(smallest) ? std::max(kErrorFloor, std::pow(10.0, std::floor(std::log10(smallest)) - 1)) : 1e-8;
    for (std::size_t i = 0; i < m_accum.curves.size(); ++i) {
        const auto& c = m_accum.curves[i];
        QCPGraph* g = sameCurves ? m_accumPlot->graph(static_cast<int>(i)) : m_accumPlot->addGraph();
        if (!sameCurves) {
            g->setName(QStringLiteral("%1 %2").arg(fmtId(c.formatId), methodLabel(c.method)));
            g->setPen(methodPen(palette::color(c.formatId), c.method));
        }
        QVector<double> ys;
        ys.reserve(static_cast<int>(c.relError.size()));
        for (double e : c.relError)
            ys.push_back(std::max(forLogAxis(e), floor));
        g->setData(xs, ys, true);
    }
    // While summing on, the axis already spans the n asked for: the curves grow into it.
    m_accumPlot->xAxis->setRange(1, std::max({10.0, xs.isEmpty() ? 10.0 : xs.back(), static_cast<double>(m_accumPartialOf)}));
    m_accumPlot->yAxis->setRange(floor / 2, kErrorCeiling * 2);
    m_accumPlot->replot(QCustomPlot::rpQueuedReplot);
}

void PrecisionTab::drawStability()
{
    // Softmax sweep
    m_softmaxPlot->clearGraphs();
    m_softmaxPlot->clearItems();
    QVector<double> xs(m_sweep.scales.begin(), m_sweep.scales.end());
    for (const auto& c : m_sweep.curves) {
        auto* g = m_softmaxPlot->addGraph();
        g->setName(QStringLiteral("%1 %2").arg(fmtId(c.formatId), c.stable ? tr("max-subtracted") : tr("naive")));
        QPen pen(palette::color(c.formatId), 1.6);
        if (c.stable)
            pen.setStyle(Qt::DashLine);
        g->setPen(pen);
        QVector<double> ys, failX, failY;
        for (std::size_t i = 0; i < c.maxError.size(); ++i) {
            const double e = c.maxError[i];
            if (std::isnan(e)) {
                ys.push_back(std::numeric_limits<double>::quiet_NaN());  // a gap: no number to plot
                failX.push_back(xs[static_cast<int>(i)]);
                failY.push_back(1.0);
            } else {
                ys.push_back(std::max(e, kErrorFloor));
            }
        }
        g->setData(xs, ys, true);
        if (!failX.isEmpty()) {
            auto* f = m_softmaxPlot->addGraph();
            f->setName(tr("%1 naive → inf/NaN").arg(fmtId(c.formatId)));
            f->setLineStyle(QCPGraph::lsNone);
            f->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, palette::color(c.formatId), 6));
            f->setData(failX, failY, true);
        }
    }
    auto* now = new QCPItemStraightLine(m_softmaxPlot);
    now->point1->setCoords(m_params.real("logit_scale"), 1e-20);
    now->point2->setCoords(m_params.real("logit_scale"), 1.0);
    now->setPen(QPen(Qt::black, 1, Qt::DotLine));
    m_softmaxPlot->xAxis->setRange(0.1, 1000);
    m_softmaxPlot->yAxis->setRange(kErrorFloor / 2, 3);
    m_softmaxPlot->replot(QCustomPlot::rpQueuedReplot);

    // Gradient histogram and the format boundaries
    m_gradPlot->clearGraphs();
    QVector<double> centers, counts;
    for (std::size_t i = 0; i + 1 < m_grad.binEdges.size(); ++i) {
        centers.push_back((m_grad.binEdges[i] + m_grad.binEdges[i + 1]) / 2);
        counts.push_back(m_grad.counts[i]);
    }
    if (m_grad.binEdges.size() >= 2)
        m_gradBars->setWidth(m_grad.binEdges[1] - m_grad.binEdges[0]);
    m_gradBars->setData(centers, counts, true);
    double top = 1;
    for (double c : counts)
        top = std::max(top, c);
    const double xMin = std::min(m_grad.binEdges.empty() ? -10 : m_grad.binEdges.front(), -9.0);
    const double xMax = std::max(m_grad.binEdges.empty() ? 5 : m_grad.binEdges.back(), 5.5);
    const char* ids[] = {"fp16", "bf16", "fp8_e4m3", "fp8_e5m2"};
    for (const char* id : ids) {
        const nm::FloatFormat f = *nm::formatById(id);
        const double lines[] = {std::log10(f.minSubnormal()), std::log10(f.minNormal()), std::log10(f.maxFinite())};
        auto* g = m_gradPlot->addGraph();
        const bool offScale = lines[0] < xMin && lines[2] > xMax;
        g->setName(offScale ? tr("%1: smallest subnormal | smallest normal | max (off scale: %2 … %3)")
                                  .arg(fmtId(id), formatNumber(f.minSubnormal(), 2), formatNumber(f.maxFinite(), 2))
                            : tr("%1: smallest subnormal | smallest normal | max").arg(fmtId(id)));
        g->setPen(QPen(palette::color(id), 1.5));
        g->setLineStyle(QCPGraph::lsLine);
        QVector<double> gx, gy;
        for (double x : lines) {
            gx << x << x << x;
            gy << 0 << top * 1.1 << std::numeric_limits<double>::quiet_NaN();
        }
        // keep the x order ascending for QCPGraph: the three boundaries already are
        g->setData(gx, gy, true);
    }
    m_gradPlot->xAxis->setRange(xMin, xMax);
    m_gradPlot->yAxis->setRange(0, top * 1.15);
    m_gradPlot->replot(QCustomPlot::rpQueuedReplot);
}

void PrecisionTab::drawQuantization()
{
    m_quantHistPlot->clearGraphs();
    if (!m_quant.ok)
        return;
    QVector<double> centers, counts;
    for (std::size_t i = 0; i + 1 < m_quant.histEdges.size(); ++i) {
        centers.push_back((m_quant.histEdges[i] + m_quant.histEdges[i + 1]) / 2);
        counts.push_back(m_quant.histOriginal[i]);
    }
    m_quantHistBars->setWidth(m_quant.histEdges[1] - m_quant.histEdges[0]);
    m_quantHistBars->setData(centers, counts, true);
    double top = 1;
    for (double c : counts)
        top = std::max(top, c);
    const double A = m_quant.histEdges.back();
    auto addGrid = [&](const std::vector<double>& grid, const QString& name, QColor color, double height) {
        auto* g = m_quantHistPlot->addGraph();
        g->setName(name);
        g->setLineStyle(QCPGraph::lsImpulse);
        g->setPen(QPen(color, 1));
        QVector<double> gx, gy;
        for (double v : grid)
            if (std::fabs(v) <= A * 1.02) {
                gx.push_back(v);
                gy.push_back(height);
            }
        g->setData(gx, gy, true);
    };
    addGrid(m_quant.gridFirstGroup, tr("grid of group 0"), palette::color(m_params.text("quant_format")), top * 0.35);
    if (m_quant.outlierGroup != 0)
        addGrid(m_quant.gridOutlierGroup, tr("grid of the group with max |w|"), QColor(214, 39, 40), top * 0.2);
    m_quantHistPlot->xAxis->setRange(-A * 1.05, A * 1.05);
    m_quantHistPlot->yAxis->setRange(0, top * 1.1);
    m_quantHistPlot->replot(QCustomPlot::rpQueuedReplot);

    QVector<double> ec, en;
    for (std::size_t i = 0; i + 1 < m_quant.errorEdges.size(); ++i) {
        ec.push_back((m_quant.errorEdges[i] + m_quant.errorEdges[i + 1]) / 2);
        en.push_back(m_quant.errorCounts[i]);
    }
    m_quantErrBars->setWidth(m_quant.errorEdges[1] - m_quant.errorEdges[0]);
    m_quantErrBars->setData(ec, en, true);
    m_quantErrPlot->rescaleAxes();
    m_quantErrPlot->yAxis->setRangeLower(0);
    m_quantErrPlot->replot(QCustomPlot::rpQueuedReplot);
}

// ---------------------------------------------------------------------------
// Readouts and explanations

void PrecisionTab::updateReadouts()
{
    std::vector<std::pair<QString, QString>> rows;
    switch (viewIndex()) {
    case kInspect:
    case kRange:
        for (const auto& f : selectedFormats()) {
            rows.emplace_back(tr("%1 max").arg(fmtId(f.id)), formatNumber(f.maxFinite(), 8));
            rows.emplace_back(QStringLiteral("%1 ε").arg(fmtId(f.id)), formatNumber(f.epsilon(), 8));
        }
        break;
    case kAccumulation:
        if (m_accum.ok && !m_accum.reference.empty()) {
            if (m_accumPartialOf > 0)
                rows.emplace_back(tr("n (summed so far)"), tr("%1 of %2").arg(countText(m_accum.checkpoints.back()), countText(m_accumPartialOf)));
            else
                rows.emplace_back(tr("n"), countText(m_accum.checkpoints.back()));
            rows.emplace_back(tr("reference sum"), formatNumber(m_accum.reference.back(), 12));
            for (const auto& c : m_accum.curves)
                rows.emplace_back(QStringLiteral("%1 %2").arg(fmtId(c.formatId), methodLabel(c.method)),
                                  tr("%1 (rel %2)").arg(formatNumber(c.sums.back(), 8), formatNumber(c.relError.back(), 3)));
        }
        break;
    case kStability:
        for (std::size_t i = 0; i < m_softmaxNow.size(); ++i) {
            const auto& [naive, stable] = m_softmaxNow[i];
            rows.emplace_back(tr("%1 naive softmax").arg(fmtId(m_softmaxFormats[i].id)),
                              naive.finite ? tr("error %1").arg(formatNumber(naive.maxAbsError, 3)) : tr("overflow → inf/NaN"));
            rows.emplace_back(tr("%1 max-subtracted").arg(fmtId(m_softmaxFormats[i].id)), tr("error %1").arg(formatNumber(stable.maxAbsError, 3)));
        }
        for (const auto& s : m_grad.stats) {
            rows.emplace_back(QStringLiteral("%1 → 0").arg(fmtId(s.formatId)), QStringLiteral("%1 %").arg(formatNumber(100 * s.zeroFraction, 4)));
            rows.emplace_back(tr("%1 subnormal").arg(fmtId(s.formatId)), QStringLiteral("%1 %").arg(formatNumber(100 * s.subnormalFraction, 4)));
            rows.emplace_back(tr("%1 overflow").arg(fmtId(s.formatId)), QStringLiteral("%1 %").arg(formatNumber(100 * s.overflowFraction, 4)));
        }
        break;
    case kQuantization:
        if (m_quant.ok) {
            rows.emplace_back(tr("MSE"), formatNumber(m_quant.mse, 6));
            rows.emplace_back(tr("SQNR"), QStringLiteral("%1 dB").arg(formatNumber(m_quant.sqnrDb, 4)));
            rows.emplace_back(tr("KL(P‖Q) of histograms"), tr("%1 nats").arg(formatNumber(m_quant.klDivergence, 4)));
            rows.emplace_back(tr("max |error|"), formatNumber(m_quant.maxAbsError, 6));
            rows.emplace_back(tr("groups × size"), QStringLiteral("%1 × %2").arg(countText(static_cast<long long>(m_quant.scales.size())), countText(m_quant.groupSize)));
            rows.emplace_back(tr("scale of group 0"), formatNumber(m_quant.scales.front(), 6));
            rows.emplace_back(tr("scale of the outlier's group"), formatNumber(m_quant.scales[static_cast<std::size_t>(m_quant.outlierGroup)], 6));
        }
        break;
    default: break;
    }
    readouts()->setRows(rows);
}

void PrecisionTab::updateExplanation()
{
    QString html;
    switch (viewIndex()) {
    case kInspect:
        html = tr("<p><b>x̂ = (−1)<sup>s</sup> · 2<sup>e − bias</sup> · (1 + m / 2<sup>M</sup>)</b>, and for e = 0 the subnormals "
                  "(−1)<sup>s</sup> · 2<sup>1 − bias</sup> · m / 2<sup>M</sup>.</p>"
                  "<p>Every value is rounded once to the nearest code (ties to the even mantissa); the relative error is at most "
                  "ε/2 = 2<sup>−M−1</sup> while the value is in the normal range. fp16 tops out at 65504 (70000 becomes inf) and "
                  "flushes 1e-8 to zero; bf16 keeps fp32's range with only 8 significant bits, which is why mixed-precision training "
                  "moved to it. Rounding to fp32 first and then to bf16 can land on a tie that was not there: "
                  "1 + 2<sup>−8</sup> + 2<sup>−40</sup> becomes 1 instead of 1 + 2<sup>−7</sup>.</p>");
        break;
    case kRange:
        html = tr("<p><b>spacing(x) = 2<sup>⌊log₂|x|⌋ − M</sup></b> for normal x, a constant 2<sup>1 − bias − M</sup> among the "
                  "subnormals.</p><p>The exponent bits buy range, the mantissa bits buy precision: bf16 and fp32 share a range, "
                  "fp16 trades range for three more bits. In 8-bit formats the 256 codes crowd around zero and thin out by half at "
                  "each power of two, which is why FP8 training (E4M3 forward, E5M2 gradients) needs per-tensor scales.</p>");
        break;
    case kAccumulation:
        html = tr("<p><b>s<sub>k</sub> = fl(s<sub>k−1</sub> + x<sub>k</sub>)</b>: once spacing(s) exceeds 2|x|, adding x does "
                  "nothing. In fp16, 2048 + 1 = 2049 is a tie between 2048 and 2050 and rounds to even, so a count of ones stops at "
                  "2048.</p><p>Naive error grows like n·u; Kahan carries the lost low part in a compensation term (error ≈ 2u), "
                  "pairwise summation adds in a tree (error ≈ u·log₂n). Reductions in attention and layer norm, and gradient "
                  "accumulation, are summed in fp32 for this reason even when the data is bf16.</p>");
        break;
    case kStability:
        html = tr("<p><b>softmax(z)<sub>i</sub> = e<sup>z<sub>i</sub> − max z</sup> / Σ<sub>j</sub> e<sup>z<sub>j</sub> − max z</sup></b>"
                  ": subtracting the maximum changes nothing mathematically but keeps every exponent ≤ 0. Naively, fp16 overflows "
                  "as soon as a logit passes ln 65520 ≈ 11.09, bf16 and fp32 near 88.7, and inf/inf gives NaN.</p>"
                  "<p>Small gradients flush to zero in fp16 (below 2<sup>−25</sup>); multiplying the loss by a power of two "
                  "(loss scaling) shifts the whole histogram right without changing any mantissa, and is undone before the "
                  "optimizer step. Too large a scale overflows: dynamic loss scalers halve it when they see inf.</p>");
        break;
    case kQuantization:
        html = tr("<p><b>q = round(w / s), ŵ = q · s, s = max|w| / q<sub>max</sub></b> per group; "
                  "SQNR = 10 log₁₀(Σw² / Σ(w − ŵ)²).</p><p>One outlier sets the scale of its whole group: with a single "
                  "tensor scale, int4 leaves most weights on the zero level. Smaller groups (a channel, 32 or 16 weights) confine the "
                  "damage; OCP MX shares an 8-bit power-of-two exponent (E8M0) per 32 values, NVFP4 an E4M3 scale per 16, which is "
                  "how 4-bit weights and activations stay usable in large models.</p>");
        break;
    default: break;
    }
    explanation()->setHtml(html);
}

// ---------------------------------------------------------------------------
// Export

QWidget* PrecisionTab::figure() const { return m_stack->currentWidget(); }

QJsonObject PrecisionTab::exportData() const
{
    QJsonObject root;
    root[QStringLiteral("tab")] = QStringLiteral("precision");
    root[QStringLiteral("view")] = fmtId(m_params.text("view"));
    root[QStringLiteral("rounding")] = fmtId(m_params.text("rounding"));
    root[QStringLiteral("overflow")] = fmtId(m_params.text("overflow"));

    const auto formats = selectedFormats();
    QJsonObject fmts;
    for (const auto& f : formats) {
        QJsonObject o;
        o[QStringLiteral("exponent_bits")] = f.exponentBits;
        o[QStringLiteral("mantissa_bits")] = f.mantissaBits;
        o[QStringLiteral("bias")] = f.bias;
        o[QStringLiteral("max")] = json::number(f.maxFinite());
        o[QStringLiteral("min_normal")] = json::number(f.minNormal());
        o[QStringLiteral("min_subnormal")] = json::number(f.minSubnormal());
        o[QStringLiteral("epsilon")] = json::number(f.epsilon());
        o[QStringLiteral("has_inf")] = f.hasInf();
        o[QStringLiteral("has_nan")] = f.hasNan();
        o[QStringLiteral("total_bits")] = f.totalBits();
        fmts[fmtId(f.id)] = o;
    }
    root[QStringLiteral("formats")] = fmts;

    QJsonArray values;
    for (std::size_t vi = 0; vi < m_values.size(); ++vi) {
        QJsonObject v;
        v[QStringLiteral("input")] = json::number(m_values[vi]);
        QJsonObject results;
        for (const auto& r : m_rows) {
            if (r.valueIndex != static_cast<int>(vi))
                continue;
            const auto& in = r.inspection;
            QJsonObject o;
            o[QStringLiteral("stored")] = json::number(in.stored);
            o[QStringLiteral("hex")] = fmtId(in.hex);
            o[QStringLiteral("bits")] = fmtId(in.bits);
            o[QStringLiteral("abs_error")] = json::number(in.absError);
            o[QStringLiteral("rel_error")] = json::number(in.relError);
            o[QStringLiteral("ulp")] = json::number(in.ulp);
            if (r.viaFp32) {
                QJsonObject existing = results[fmtId(r.formatId)].toObject();
                existing[QStringLiteral("via_fp32")] = o;
                results[fmtId(r.formatId)] = existing;
            } else {
                o[QStringLiteral("overflowed")] = in.overflowed;
                o[QStringLiteral("flushed_to_zero")] = in.flushedToZero;
                o[QStringLiteral("subnormal")] = in.subnormal;
                results[fmtId(r.formatId)] = o;
            }
        }
        v[QStringLiteral("results")] = results;
        values.append(v);
    }
    root[QStringLiteral("values")] = values;

    QJsonObject acc;
    acc[QStringLiteral("n")] = static_cast<double>(m_params.integer("sum_n"));
    acc[QStringLiteral("sum_values")] = fmtId(m_params.text("sum_values"));
    if (m_accum.ok) {
        QJsonArray cps;
        for (long long n : m_accum.checkpoints)
            cps.append(static_cast<double>(n));
        acc[QStringLiteral("checkpoints")] = cps;
        acc[QStringLiteral("reference")] = json::array(m_accum.reference);
        QJsonArray curves;
        for (const auto& c : m_accum.curves) {
            QJsonObject o;
            o[QStringLiteral("format")] = fmtId(c.formatId);
            o[QStringLiteral("method")] = fmtId(nm::sumMethodId(c.method));
            o[QStringLiteral("final_sum")] = json::number(c.sums.back());
            o[QStringLiteral("final_rel_error")] = json::number(c.relError.back());
            o[QStringLiteral("sums")] = json::array(c.sums);
            o[QStringLiteral("rel_error")] = json::array(c.relError);
            curves.append(o);
        }
        acc[QStringLiteral("curves")] = curves;
    }
    root[QStringLiteral("accumulation")] = acc;

    QJsonObject stab;
    QJsonObject soft;
    soft[QStringLiteral("logit_scale")] = json::number(m_params.real("logit_scale"));
    soft[QStringLiteral("base_logits")] = json::array(nm::softmaxBaseLogits());
    QJsonObject now;
    for (std::size_t i = 0; i < m_softmaxNow.size(); ++i) {
        QJsonObject o;
        for (int k = 0; k < 2; ++k) {
            const nm::SoftmaxEval& e = k == 0 ? m_softmaxNow[i].first : m_softmaxNow[i].second;
            QJsonObject r;
            r[QStringLiteral("probs")] = json::array(e.probs);
            r[QStringLiteral("finite")] = e.finite;
            r[QStringLiteral("max_abs_error")] = json::number(e.maxAbsError);
            o[k == 0 ? QStringLiteral("naive") : QStringLiteral("max_subtracted")] = r;
        }
        now[fmtId(m_softmaxFormats[i].id)] = o;
    }
    soft[QStringLiteral("at_scale")] = now;
    soft[QStringLiteral("sweep_scales")] = json::array(m_sweep.scales);
    QJsonArray sweep;
    for (const auto& c : m_sweep.curves) {
        QJsonObject o;
        o[QStringLiteral("format")] = fmtId(c.formatId);
        o[QStringLiteral("method")] = c.stable ? QStringLiteral("max_subtracted") : QStringLiteral("naive");
        o[QStringLiteral("max_abs_error")] = json::array(c.maxError);
        o[QStringLiteral("first_overflow_scale")] = json::number(c.firstFailScale);
        sweep.append(o);
    }
    soft[QStringLiteral("sweep")] = sweep;
    stab[QStringLiteral("softmax")] = soft;
    QJsonObject grad;
    grad[QStringLiteral("log10_mean")] = json::number(m_params.real("grad_log10_mean"));
    grad[QStringLiteral("log10_std")] = json::number(m_params.real("grad_log10_std"));
    grad[QStringLiteral("loss_scale")] = json::number(std::stod(m_params.text("loss_scale")));
    grad[QStringLiteral("bin_edges_log10")] = json::array(m_grad.binEdges);
    grad[QStringLiteral("counts")] = json::array(m_grad.counts);
    QJsonObject gf;
    for (const auto& s : m_grad.stats) {
        QJsonObject o;
        o[QStringLiteral("zero_fraction")] = json::number(s.zeroFraction);
        o[QStringLiteral("subnormal_fraction")] = json::number(s.subnormalFraction);
        o[QStringLiteral("normal_fraction")] = json::number(s.normalFraction);
        o[QStringLiteral("overflow_fraction")] = json::number(s.overflowFraction);
        o[QStringLiteral("safe_scale_log2")] = s.safeScaleLog2;
        gf[fmtId(s.formatId)] = o;
    }
    grad[QStringLiteral("formats")] = gf;
    stab[QStringLiteral("gradients")] = grad;
    root[QStringLiteral("stability")] = stab;

    QJsonObject qz;
    qz[QStringLiteral("format")] = fmtId(m_params.text("quant_format"));
    qz[QStringLiteral("granularity")] = fmtId(m_params.text("quant_granularity"));
    qz[QStringLiteral("rows")] = static_cast<double>(m_params.integer("quant_rows"));
    qz[QStringLiteral("cols")] = static_cast<double>(m_params.integer("quant_cols"));
    if (m_quant.ok) {
        qz[QStringLiteral("mse")] = json::number(m_quant.mse);
        qz[QStringLiteral("sqnr_db")] = json::number(m_quant.sqnrDb);
        qz[QStringLiteral("kl_divergence")] = json::number(m_quant.klDivergence);
        qz[QStringLiteral("max_abs_error")] = json::number(m_quant.maxAbsError);
        qz[QStringLiteral("group_size")] = m_quant.groupSize;
        qz[QStringLiteral("groups")] = static_cast<double>(m_quant.scales.size());
        qz[QStringLiteral("hist_edges")] = json::array(m_quant.histEdges);
        qz[QStringLiteral("hist_original")] = json::array(m_quant.histOriginal);
        qz[QStringLiteral("hist_quantized")] = json::array(m_quant.histQuantized);
        qz[QStringLiteral("error_edges")] = json::array(m_quant.errorEdges);
        qz[QStringLiteral("error_counts")] = json::array(m_quant.errorCounts);
        qz[QStringLiteral("grid_group0")] = json::array(m_quant.gridFirstGroup);
    }
    root[QStringLiteral("quantization")] = qz;
    return root;
}

QString PrecisionTab::exportCsv() const
{
    QString out = QStringLiteral("value,format,via_fp32,stored,hex,bits,abs_error,rel_error,ulp\n");
    for (const auto& r : m_rows) {
        const auto& in = r.inspection;
        out += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9\n")
                   .arg(real(m_values[static_cast<std::size_t>(r.valueIndex)]), fmtId(r.formatId), r.viaFp32 ? QStringLiteral("1") : QStringLiteral("0"),
                        real(in.stored), fmtId(in.hex), fmtId(in.bits), real(in.absError), real(in.relError), real(in.ulp));
    }
    return out;
}

}  // namespace aimath
