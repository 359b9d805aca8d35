// The precision tab driven through its real controls: typing values (with a bad
// entry), clicking a bit, picking choices, a background sum cancelled by a newer
// change; assertions on what the plots hold, checked against the engine and
// hand-worked values.

#include "widgets/precision/precision_tab.h"

#include "engine/core/parse.h"
#include "engine/numerics/float_format.h"
#include "tests/support/compare.h"
#include "widgets/common/figure_export.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/plot_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStackedWidget>
#include <QStyle>
#include <QTableWidget>
#include <QTest>
#include <qcustomplot.h>

#include <bit>
#include <cmath>

using namespace aimath;
namespace nm = aimath::numerics;

namespace {

ParamSet withValues(std::initializer_list<std::pair<const char*, const char*>> kv)
{
    ParamSet p = PrecisionTab::declareParams();
    for (const auto& [k, v] : kv) {
        const std::string e = p.setFromString(k, v);
        if (!e.empty())
            qFatal("%s", e.c_str());
    }
    return p;
}

int rowOf(const PrecisionTab& tab, double value, const std::string& format, bool via = false)
{
    const auto& rows = tab.inspectRows();
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (tab.parsedValues()[static_cast<std::size_t>(rows[i].valueIndex)] == value && rows[i].formatId == format && rows[i].viaFp32 == via)
            return static_cast<int>(i);
    return -1;
}

void typeInto(QLineEdit* edit, const QString& text)
{
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

}  // namespace

class TestPrecisionTab : public QObject {
    Q_OBJECT
private slots:
    void defaultsShowTheTeachingValues()
    {
        PrecisionTab tab(PrecisionTab::declareParams());
        tab.resize(1400, 900);
        QVERIFY(tab.waitUntilIdle(60000));
        QVERIFY(tab.currentError().isEmpty());
        QCOMPARE(tab.parsedValues().size(), std::size_t(8));
        // bf16 · 0.1 → 0x3dcd (worked by hand in the engine test)
        const int r = rowOf(tab, 0.1, "bf16");
        QVERIFY(r >= 0);
        QCOMPARE(QString::fromStdString(tab.inspectRows()[static_cast<std::size_t>(r)].inspection.hex), QStringLiteral("0x3dcd"));
        // The bit map row shows those bits: 0 01111011 1001101 → sign light, exponent 0/1 = 3/4, mantissa 5/6
        const char* bits = "0011110111001101";
        for (int b = 0; b < 16; ++b) {
            const int base = b == 0 ? 1 : b < 9 ? 3 : 5;
            QCOMPARE(tab.bitMap()->data()->cell(b, r), double(base + (bits[b] == '1')));
        }
        // fp16 · 70000 overflows to inf, 65504 is exact
        const int big = rowOf(tab, 70000, "fp16");
        QVERIFY(std::isinf(tab.inspectRows()[static_cast<std::size_t>(big)].inspection.stored));
        QCOMPARE(tab.inspectRows()[static_cast<std::size_t>(rowOf(tab, 65504, "fp16"))].inspection.absError, 0.0);
        // The double-rounding trap row appears for 1 + 2^-8 + 2^-40 in bf16: 1 instead of 1 + 2^-7.
        const double trapValue = 1.0 + 0x1p-8 + 0x1p-40;
        QCOMPARE(tab.inspectRows()[static_cast<std::size_t>(rowOf(tab, trapValue, "bf16"))].inspection.stored, 1.0 + 0x1p-7);
        const int trap = rowOf(tab, trapValue, "bf16", true);
        QVERIFY(trap >= 0);
        QCOMPARE(tab.inspectRows()[static_cast<std::size_t>(trap)].inspection.stored, 1.0);
        // the relative-error plot has one series per format with one point per value
        QCOMPARE(tab.inspectErrorPlot()->graphCount(), 4);
        QCOMPARE(tab.inspectErrorPlot()->graph(0)->dataCount(), 8);
        // data export carries the same numbers
        const QJsonObject data = tab.exportData();
        QCOMPARE(data[QStringLiteral("tab")].toString(), QStringLiteral("precision"));
        QCOMPARE(data[QStringLiteral("formats")].toObject().keys().size(), 4);
        QCOMPARE(data[QStringLiteral("formats")].toObject()[QStringLiteral("bf16")].toObject()[QStringLiteral("bias")].toInt(), 127);
        const QJsonObject first = data[QStringLiteral("values")].toArray()[0].toObject();
        QCOMPARE(first[QStringLiteral("input")].toDouble(), 0.1);
        QCOMPARE(first[QStringLiteral("results")].toObject()[QStringLiteral("bf16")].toObject()[QStringLiteral("bits")].toString(),
                 QStringLiteral("0 01111011 1001101"));
        const QJsonObject seventy = data[QStringLiteral("values")].toArray()[3].toObject();
        QCOMPARE(seventy[QStringLiteral("results")].toObject()[QStringLiteral("fp16")].toObject()[QStringLiteral("stored")].toString(),
                 QStringLiteral("inf"));
    }

    void longValueLabelsAreCutOnlyWhenCrowded()
    {
        // The default values at a narrow plot: the long ones (1/3, pi, the double-rounding trap) are
        // cut to 6 significant digits and an ellipsis; at a wide plot every label is the value as typed.
        PrecisionTab tab(PrecisionTab::declareParams());
        tab.resize(1400, 900);
        QVERIFY(tab.waitUntilIdle(60000));
        PlotView* plot = tab.inspectErrorPlot();
        const auto labels = [plot] {
            plot->replot(QCustomPlot::rpImmediateRefresh);
            plot->replot(QCustomPlot::rpImmediateRefresh);  // the second uses the first's layout
            return qSharedPointerCast<QCPAxisTickerText>(plot->xAxis->ticker())->ticks();
        };
        plot->setViewport(QRect(0, 0, 500, 300));  // what an export at that size lays out
        QMap<double, QString> narrow = labels();
        QCOMPARE(narrow.size(), 8);
        QCOMPARE(narrow.value(1), QStringLiteral("0.333333…"));
        QCOMPARE(narrow.value(6), QStringLiteral("3.14159…"));
        QCOMPARE(narrow.value(7), QStringLiteral("1.00391…"));
        QCOMPARE(narrow.value(0), QStringLiteral("0.1"));
        QCOMPARE(narrow.value(2), QStringLiteral("65504"));
        plot->setViewport(QRect(0, 0, 4000, 300));
        QMap<double, QString> wide = labels();
        for (std::size_t i = 0; i < tab.parsedValues().size(); ++i)
            QCOMPARE(wide.value(static_cast<double>(i)), QString::fromStdString(formatReal(tab.parsedValues()[i])));
        QCOMPARE(wide.value(7), QStringLiteral("1.0039062500009095"));
    }

    void typingABadValueMarksItAndKeepsTheRest()
    {
        PrecisionTab tab(PrecisionTab::declareParams());
        auto* edit = qobject_cast<QLineEdit*>(tab.paramPanel()->control("values"));
        QVERIFY(edit);
        typeInto(edit, QStringLiteral("0.5, abc, 2"));
        QCOMPARE(tab.parsedValues(), (std::vector<double>{0.5, 2.0}));
        QVERIFY(tab.currentError().contains(QStringLiteral("entry 2")));
        QVERIFY(tab.currentError().contains(QStringLiteral("abc")));
        QCOMPARE(tab.inspectRows().size(), std::size_t(2 * 4));
        // fixing it clears the error
        typeInto(edit, QStringLiteral("0.5, 3, 2"));
        QVERIFY(tab.currentError().isEmpty());
        QCOMPARE(tab.parsedValues().size(), std::size_t(3));
    }

    // The columns are fitted again only when a text changes length: they must still hold every
    // text of the rows a fit measures after edits that lengthen, keep and shorten them.
    void tableColumnsFollowTheirTexts()
    {
        PrecisionTab tab(withValues({{"values", "1, 2"}, {"formats", "fp16,bf16"}}));
        tab.resize(1400, 900);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        auto* edit = qobject_cast<QLineEdit*>(tab.paramPanel()->control("values"));
        QTableWidget* table = tab.inspectTable();
        const auto textsFit = [table] {
            const QFontMetrics fm(table->font());
            // What the item delegate leaves for the text: the cell less a focus-frame margin + 1 on each side.
            const int margins = 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1);
            for (int r = 0; r < std::min(table->rowCount(), 100); ++r)
                for (int c = 0; c < table->columnCount(); ++c)
                    if (const QTableWidgetItem* item = table->item(r, c); item && fm.horizontalAdvance(item->text()) + margins > table->columnWidth(c))
                        return QStringLiteral("row %1 column %2: '%3' (%4 px) in %5 px")
                            .arg(r)
                            .arg(c)
                            .arg(item->text())
                            .arg(fm.horizontalAdvance(item->text()))
                            .arg(table->columnWidth(c));
            return QString();
        };
        QCOMPARE(textsFit(), QString());
        const int narrow = table->columnWidth(0);
        QSignalSpy changed(table->model(), &QAbstractItemModel::dataChanged);
        typeInto(edit, QStringLiteral("0.1234567890123, -2.5e-7"));  // longer texts: the columns grow
        QCOMPARE(textsFit(), QString());
        // The cells are written quietly and announced at once: the view hears of every row.
        QVERIFY(!changed.isEmpty());
        QCOMPARE(changed.last().at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.last().at(1).toModelIndex().row(), table->rowCount() - 1);
        QCOMPARE(changed.last().at(1).toModelIndex().column(), table->columnCount() - 1);
        QVERIFY(table->columnWidth(0) > narrow);
        const int wide = table->columnWidth(0);
        typeInto(edit, QStringLiteral("0.9876543210987, -8.8e-8"));  // as long: the columns stay and still hold them
        QCOMPARE(textsFit(), QString());
        QCOMPARE(table->columnWidth(0), wide);
        typeInto(edit, QStringLiteral("3, 4"));  // shorter: fitted again, narrower
        QCOMPARE(textsFit(), QString());
        QVERIFY(table->columnWidth(0) < wide);
    }

    // Beyond the first 100 rows the visible ones count too: a longer value edited at the bottom of a
    // scrolled table widens its column (only the first 100 rows were tracked, and it was elided).
    void scrolledRowsWidenTheirColumns()
    {
        QStringList ones;
        for (int i = 0; i < 60; ++i)
            ones << QStringLiteral("1");
        const std::string sixtyOnes = ones.join(QStringLiteral(", ")).toStdString();
        PrecisionTab tab(withValues({{"values", sixtyOnes.c_str()}, {"formats", "fp16,bf16,fp32"}}));
        tab.resize(1400, 900);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QTableWidget* table = tab.inspectTable();
        QCOMPARE(table->rowCount(), 180);
        table->scrollToBottom();
        QCoreApplication::processEvents();
        const int narrow = table->columnWidth(0);
        ones.last() = QStringLiteral("0.1234567890123");
        typeInto(qobject_cast<QLineEdit*>(tab.paramPanel()->control("values")), ones.join(QStringLiteral(", ")));
        QCOMPARE(table->item(179, 0)->text(), QStringLiteral("0.1234567890123"));
        const QFontMetrics fm(table->font());
        QVERIFY2(table->columnWidth(0) > narrow && table->columnWidth(0) >= fm.horizontalAdvance(table->item(179, 0)->text()),
                 qPrintable(QStringLiteral("%1 px for '%2' (%3 px)").arg(table->columnWidth(0)).arg(table->item(179, 0)->text()).arg(fm.horizontalAdvance(table->item(179, 0)->text()))));
    }

    // The error plot's log axis gets as many decade labels as its height holds: at a short plot
    // (the default window gives it about 100 px) neighbouring labels are at least a label apart;
    // a tall one keeps QCPAxisTickerLog's default (a label every second decade for 17 decades).
    void logAxisLabelsDoNotTouch()
    {
        PrecisionTab tab(PrecisionTab::declareParams());
        QCustomPlot* plot = tab.inspectErrorPlot();
        const auto gaps = [plot] {
            for (int i = 0; i < 3; ++i) {  // the tick count follows the height at the replot after a layout
                plot->replot();
                QCoreApplication::processEvents();
            }
            const QVector<double> ticks = plot->yAxis->tickVector();
            const QCPRange r = plot->yAxis->range();
            QVector<double> px;
            for (double t : ticks)
                if (r.contains(t))
                    px << plot->yAxis->coordToPixel(t);
            double smallest = 1e9;
            for (int i = 1; i < px.size(); ++i)
                smallest = std::min(smallest, std::abs(px[i] - px[i - 1]));
            return std::make_pair(static_cast<int>(px.size()), smallest);
        };
        const int label = QFontMetrics(plot->yAxis->tickLabelFont()).height();
        plot->setFixedHeight(230);  // about 100 px of axis rect under the title and the legend row
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        const auto [shortCount, shortGap] = gaps();
        QVERIFY2(shortCount >= 3, qPrintable(QString::number(shortCount)));
        QVERIFY2(shortGap >= 1.3 * label, qPrintable(QStringLiteral("%1 px between labels %2 px high").arg(shortGap).arg(label)));
        plot->setFixedHeight(900);
        const auto [tallCount, tallGap] = gaps();
        QVERIFY2(tallCount >= 8, qPrintable(QString::number(tallCount)));  // 10^-16 … 10^0 every second decade
        QVERIFY(tallGap >= 1.3 * label);
    }

    // A headless export lays the plots out at the export size in the export itself: the error plot's
    // decade labels follow that layout's height at once (the step used to be set after a layout and
    // apply from the next replot, so a first export at a small size drew 9 labels in ~70 px, touching).
    void firstSmallExportKeepsLogLabelsApart()
    {
        PrecisionTab tab(PrecisionTab::declareParams());
        tab.resize(1400, 900);  // never shown, as with --export-image
        QVERIFY(tab.waitUntilIdle(60000));
        QCustomPlot* plot = tab.inspectErrorPlot();
        QVector<double> px;
        int height = 0;
        connect(plot, &QCustomPlot::afterLayout, &tab, [&] {
            px.clear();
            const QCPRange r = plot->yAxis->range();
            for (double t : plot->yAxis->tickVector())
                if (r.contains(t))
                    px << plot->yAxis->coordToPixel(t);
            height = plot->yAxis->axisRect()->height();
        });
        const QImage image = renderFigure(tab.figure(), QSize(900, 560), 1.0);
        QVERIFY(!image.isNull());
        QVERIFY2(height > 20 && height < 160, qPrintable(QString::number(height)));  // a short axis, as in the default window
        const int label = QFontMetrics(plot->yAxis->tickLabelFont()).height();
        QVERIFY2(px.size() >= 2, qPrintable(QString::number(px.size())));
        for (int i = 1; i < px.size(); ++i)
            QVERIFY2(std::abs(px[i] - px[i - 1]) >= 1.3 * label,
                     qPrintable(QStringLiteral("%1 px between labels %2 px high (%3 labels in %4 px)").arg(std::abs(px[i] - px[i - 1])).arg(label).arg(px.size()).arg(height)));
    }

    void clickingABitFlipsIt()
    {
        PrecisionTab tab(withValues({{"values", "1"}, {"formats", "fp16"}, {"show_double_rounding", "false"}}));
        tab.resize(1400, 900);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QCOMPARE(tab.inspectRows().size(), std::size_t(1));
        // 1.0 = 0x3c00; the exponent MSB (bit 1) makes it 0x7c00 = inf; the sign bit gives −1; the mantissa LSB 1 + 2^-10
        QCOMPARE(tab.flipBit(0, 1), std::numeric_limits<double>::infinity());
        QCOMPARE(tab.flipBit(0, 0), -1.0);
        QCOMPARE(tab.flipBit(0, 15), 1.0 + 0x1p-10);
        // The same through a real mouse click on the cell of bit 0
        tab.bitPlot()->replot();
        const int px = qRound(tab.bitPlot()->xAxis->coordToPixel(0));
        const int py = qRound(tab.bitPlot()->yAxis->coordToPixel(0));
        tab.flipBit(0, 15);
        QTest::mouseClick(tab.bitPlot(), Qt::LeftButton, Qt::NoModifier, QPoint(px, py));
        QVERIFY2(tab.flipText().contains(QStringLiteral("into 0xbc00 = -1")), qPrintable(tab.flipText()));
    }

    void accumulationShowsTheFp16Stall()
    {
        PrecisionTab tab(withValues({{"view", "accumulation"}, {"formats", "fp16,fp32"}, {"sum_n", "5000"}}));
        QVERIFY(tab.waitUntilIdle(60000));
        QCOMPARE(tab.viewStack()->currentIndex(), 2);
        QCPGraph* naive = tab.accumulationGraph("fp16", nm::SumMethod::Naive);
        QVERIFY(naive);
        QCOMPARE(naive->dataCount(), static_cast<int>(tab.accumulation().checkpoints.size()));
        // last point: n = 5000, stalled sum 2048 → (5000 − 2048)/5000
        const auto last = naive->data()->at(naive->dataCount() - 1);
        QCOMPARE(last->key, 5000.0);
        AIMATH_COMPARE_REL(last->value, (5000.0 - 2048.0) / 5000.0, 1e-15);
        // fp32 counts exactly: error 0, drawn on the bottom edge, under every non-zero error and inside the axis
        QCPGraph* f32 = tab.accumulationGraph("fp32", nm::SumMethod::Naive);
        const double bottom = f32->data()->at(f32->dataCount() - 1)->value;
        double smallestNonZero = 1e300;
        for (const auto& c : tab.accumulation().curves)
            for (double e : c.relError)
                if (e > 0)
                    smallestNonZero = std::min(smallestNonZero, e);
        QVERIFY(bottom < smallestNonZero);
        QVERIFY(tab.accumulationPlot()->yAxis->range().contains(bottom));
        QCOMPARE(tab.accumulationPlot()->graphCount(), 6);  // 2 formats × 3 methods

        // A new value typed into sum_n while nothing runs recomputes in the background.
        auto* edit = tab.paramPanel()->findChild<QLineEdit*>(QStringLiteral("sum_n_edit"));
        QVERIFY(edit);
        typeInto(edit, QStringLiteral("3000"));
        QVERIFY(tab.waitUntilIdle(60000));
        QCOMPARE(tab.accumulation().checkpoints.back(), 3000LL);
    }

    // Whatever path a sum_n value takes (a background job, a slice of the kept pass on
    // the GUI thread, a pass rebuilt after the series changed), the tab shows exactly
    // accumulate()'s numbers for it, bit for bit.
    void accumulationSlicesEqualTheDirectSum()
    {
        PrecisionTab tab(withValues({{"view", "accumulation"}, {"formats", "fp16,bf16"}, {"sum_values", "uniform"}, {"rounding", "stochastic"},
                                     {"sum_n", "60000"}}));
        tab.resize(1200, 800);
        tab.show();
        QVERIFY(tab.waitUntilIdle(60000));
        const auto direct = [&] {
            const ParamSet& p = tab.params();
            nm::AccumulationInput in;
            for (const std::string& id : p.texts("formats"))
                in.formats.push_back(*nm::formatById(id));
            in.n = p.integer("sum_n");
            nm::parseSumValues(p.text("sum_values"), in.values);
            in.seed = static_cast<std::uint64_t>(p.integer("seed"));
            in.rounding = p.text("rounding") == "stochastic" ? nm::Rounding::Stochastic : nm::Rounding::NearestEven;
            return nm::accumulate(in);
        };
        const auto sameBits = [](const std::vector<double>& a, const std::vector<double>& b) {
            if (a.size() != b.size())
                return false;
            for (std::size_t i = 0; i < a.size(); ++i)
                if (std::bit_cast<std::uint64_t>(a[i]) != std::bit_cast<std::uint64_t>(b[i]))
                    return false;
            return true;
        };
        const auto check = [&](const char* what) {
            const nm::AccumulationResult want = direct();
            const nm::AccumulationResult& got = tab.accumulation();
            QVERIFY2(got.ok && got.checkpoints == want.checkpoints, what);
            QVERIFY2(sameBits(got.reference, want.reference), what);
            QCOMPARE(got.curves.size(), want.curves.size());
            for (std::size_t c = 0; c < want.curves.size(); ++c) {
                QVERIFY2(got.curves[c].formatId == want.curves[c].formatId && got.curves[c].method == want.curves[c].method, what);
                QVERIFY2(sameBits(got.curves[c].sums, want.curves[c].sums), what);
                QVERIFY2(sameBits(got.curves[c].relError, want.curves[c].relError), what);
            }
            // and the plot holds those errors
            QCPGraph* g = tab.accumulationGraph("fp16", nm::SumMethod::Pairwise);
            QVERIFY2(g && g->dataCount() == static_cast<int>(want.checkpoints.size()), what);
        };
        check("first sum, from a background job");

        auto* slider = qobject_cast<QSlider*>(tab.paramPanel()->control("sum_n"));
        QVERIFY(slider);
        const ParamSpec& spec = *tab.params().find("sum_n");
        // Below what was summed: answered on the spot, no job.
        for (double n : {1000.0, 45000.0, 150.0, 59000.0}) {
            slider->setValue(ParamPanel::valueToSlider(spec, n));
            QVERIFY(!tab.accumulationBusy());
            check("a slice of the kept pass");
        }
        // Beyond it: summed on in the background, then sliced.
        slider->setValue(ParamPanel::valueToSlider(spec, 150000.0));
        QVERIFY(tab.waitUntilIdle(60000));
        check("summed on");

        // Far beyond it: what is summed so far is drawn at once, on the axis of the n asked
        // for, and says so; those numbers are accumulate()'s for that shorter n.
        const long long summed = tab.params().integer("sum_n");
        slider->setValue(ParamPanel::kSliderSteps);
        const long long asked = tab.params().integer("sum_n");
        QCOMPARE(asked, 10000000LL);
        QVERIFY(tab.accumulationBusy());
        QCOMPARE(tab.accumulationPartialOf(), asked);
        const long long shown = tab.accumulation().checkpoints.back();
        QVERIFY2(shown >= summed && shown < asked, qPrintable(QString::number(shown)));
        {
            nm::AccumulationInput in;
            for (const std::string& id : tab.params().texts("formats"))
                in.formats.push_back(*nm::formatById(id));
            in.n = shown;
            in.values = nm::SumValues::Uniform;
            in.seed = static_cast<std::uint64_t>(tab.params().integer("seed"));
            in.rounding = nm::Rounding::Stochastic;
            const nm::AccumulationResult want = nm::accumulate(in);
            const nm::AccumulationResult& got = tab.accumulation();
            QVERIFY(got.ok && got.checkpoints == want.checkpoints && sameBits(got.reference, want.reference));
            for (std::size_t c = 0; c < want.curves.size(); ++c)
                QVERIFY(sameBits(got.curves[c].sums, want.curves[c].sums));
        }
        QVERIFY(tab.accumulationPlot()->xAxis->range().upper >= static_cast<double>(asked));
        QVERIFY(tab.progressBar()->isVisible());
        QVERIFY2(tab.progressBar()->format().contains(QLocale().toString(shown)), qPrintable(tab.progressBar()->format()));
        QCPGraph* naive = tab.accumulationGraph("fp16", nm::SumMethod::Naive);
        QVERIFY(naive && naive->dataCount() > 0 && naive->data()->at(naive->dataCount() - 1)->key == static_cast<double>(shown));
        // Back within what is summed: the whole answer at once, no partial left.
        slider->setValue(ParamPanel::valueToSlider(spec, 1000.0));
        QVERIFY(!tab.accumulationBusy());
        QCOMPARE(tab.accumulationPartialOf(), 0LL);
        QVERIFY(!tab.progressBar()->isVisible());
        check("back to a slice");

        // Each change of the series makes the kept pass useless: the numbers follow the new series.
        for (auto [key, value] : std::initializer_list<std::pair<const char*, const char*>>{
                 {"seed", "2"}, {"formats", "fp16,fp8_e5m2"}, {"sum_values", "normal"}, {"rounding", "nearest_even"}}) {
            ParamSet p = tab.params();
            QVERIFY(p.setFromString(key, value).empty());
            tab.applyParams(p);
            QVERIFY(tab.waitUntilIdle(60000));
            check(key);
        }
    }

    void newerChangeCancelsARunningSum()
    {
        PrecisionTab tab(withValues({{"view", "accumulation"}, {"formats", "fp16,bf16,fp8_e4m3"}, {"sum_n", "100"}}));
        tab.resize(1200, 800);
        tab.show();
        QVERIFY(tab.waitUntilIdle(60000));
        const quint64 g0 = tab.accumulationGeneration();
        ParamSet big = tab.params();
        big.setFromString("sum_n", "10000000");
        tab.applyParams(big);
        QVERIFY(tab.accumulationBusy());
        QVERIFY(tab.progressBar()->isVisible());  // ten million terms show progress
        ParamSet small = tab.params();
        small.setFromString("sum_n", "1000");
        tab.applyParams(small);
        QCOMPARE(tab.accumulationGeneration(), g0 + 2);
        QElapsedTimer t;
        t.start();
        QVERIFY(tab.waitUntilIdle(60000));
        // The 10M run was cancelled and its result dropped: what is shown is the 1000-term sum,
        // and it arrived long before ten million soft-float additions could have finished.
        QCOMPARE(tab.accumulation().checkpoints.back(), 1000LL);
        QVERIFY(!tab.progressBar()->isVisible());
        QVERIFY(t.elapsed() < 20000);
    }

    void quantizationGranularityFromTheCombo()
    {
        PrecisionTab tab(withValues({{"view", "quantization"}}));
        const double tensorSqnr = tab.quantization().sqnrDb;
        QCOMPARE(tab.quantHistBars()->data()->size(), 121);
        auto* combo = qobject_cast<QComboBox*>(tab.paramPanel()->control("quant_granularity"));
        QVERIFY(combo);
        combo->setCurrentIndex(combo->findData(QStringLiteral("block32")));
        QCOMPARE(QString::fromStdString(tab.params().text("quant_granularity")), QStringLiteral("block32"));
        // With outliers of 20σ, per-tensor int4 has step 20/7 ≈ 2.9 σ; blocks of 32 bring it near 2.5σ/7
        QVERIFY(tab.quantization().sqnrDb > tensorSqnr + 6.0);
        QCOMPARE(tab.quantization().groupSize, 32);
        // the histogram drawn is the engine's histogram of the weights
        double total = 0;
        for (auto it = tab.quantHistBars()->data()->constBegin(); it != tab.quantHistBars()->data()->constEnd(); ++it)
            total += it->value;
        QCOMPARE(total, 256.0 * 256.0);
    }

    // A 1024 × 1024 tensor is quantized off the GUI thread: the old picture stays
    // until the result arrives, and the result is the engine's, number for number.
    void largeQuantizationRunsInBackground()
    {
        PrecisionTab tab(withValues({{"view", "quantization"}}));
        tab.show();
        QVERIFY(tab.waitUntilIdle(60000));  // the accumulation view's sum also starts in the background
        QVERIFY(!tab.isBusy());
        const double smallSqnr = tab.quantization().sqnrDb;
        ParamSet p = tab.params();
        p.set("quant_rows", 1024LL);
        p.set("quant_cols", 1024LL);
        p.set("quant_granularity", std::string("block32"));
        tab.applyParams(p);
        QVERIFY(tab.isBusy());
        QCOMPARE(tab.quantization().sqnrDb, smallSqnr);  // still the 256 × 256 result
        QVERIFY(tab.waitUntilIdle(60000));
        QVERIFY(!tab.isBusy());
        const std::vector<double> w = numerics::generateWeights(1024, 1024, p.real("outlier_fraction"), p.real("outlier_scale"),
                                                                static_cast<std::uint64_t>(p.integer("seed")));
        numerics::QuantFormat f = numerics::QuantFormat::Int4;
        numerics::parseQuantFormat(p.text("quant_format"), f);
        const numerics::QuantizationResult ref = numerics::quantize(w, 1024, 1024, f, numerics::QuantGranularity::Block32);
        QVERIFY(tab.quantization().ok);
        QCOMPARE(tab.quantization().sqnrDb, ref.sqnrDb);
        QCOMPARE(tab.quantization().mse, ref.mse);
        QCOMPARE(tab.quantization().groupSize, 32);
        // Everything the view draws arrives from the worker; the per-element ŵ (8 MB here) does not,
        // so the GUI thread neither copies it out of the future nor frees it later.
        QCOMPARE(tab.quantization().histOriginal, ref.histOriginal);
        QCOMPARE(tab.quantization().errorCounts, ref.errorCounts);
        QCOMPARE(tab.quantization().scales, ref.scales);
        QCOMPARE(tab.quantization().gridOutlierGroup, ref.gridOutlierGroup);
        QVERIFY(tab.quantization().dequantized.empty());
        double total = 0;
        for (auto it = tab.quantHistBars()->data()->constBegin(); it != tab.quantHistBars()->data()->constEnd(); ++it)
            total += it->value;
        QCOMPARE(total, 1024.0 * 1024.0);
        // Another format on the same tensor, then a new tensor size and back: each result is still the engine's.
        p.set("quant_format", std::string("int8"));
        tab.applyParams(p);
        QVERIFY(tab.waitUntilIdle(60000));
        numerics::parseQuantFormat("int8", f);
        QCOMPARE(tab.quantization().sqnrDb, numerics::quantize(w, 1024, 1024, f, numerics::QuantGranularity::Block32).sqnrDb);
        p.set("quant_cols", 768LL);
        tab.applyParams(p);
        QVERIFY(tab.waitUntilIdle(60000));
        p.set("quant_cols", 1024LL);
        tab.applyParams(p);
        QVERIFY(tab.isBusy());
        QVERIFY(tab.waitUntilIdle(60000));
        QCOMPARE(tab.quantization().sqnrDb, numerics::quantize(w, 1024, 1024, f, numerics::QuantGranularity::Block32).sqnrDb);
    }

    void lossScaleShiftsTheHistogram()
    {
        PrecisionTab tab(withValues({{"view", "stability"}}));
        const double before = tab.gradientBars()->data()->at(0)->key;
        const double zeroBefore = tab.gradients().stats[0].zeroFraction;  // fp16
        auto* combo = qobject_cast<QComboBox*>(tab.paramPanel()->control("loss_scale"));
        QVERIFY(combo);
        combo->setCurrentIndex(combo->findData(QStringLiteral("1024")));
        const double after = tab.gradientBars()->data()->at(0)->key;
        AIMATH_COMPARE_REL(after - before, std::log10(1024.0), 1e-9);
        QVERIFY(tab.gradients().stats[0].zeroFraction < zeroBefore);
        // softmax: at the default scale 10 the naive fp16 curve has overflow markers, the stable one none
        bool sawFail = false;
        for (int i = 0; i < tab.softmaxPlot()->graphCount(); ++i)
            sawFail |= tab.softmaxPlot()->graph(i)->name().contains(QStringLiteral("fp16 naive → inf/NaN"));
        QVERIFY(sawFail);
    }

    void rangeViewAndViewButtons()
    {
        PrecisionTab tab(withValues({{"formats", "fp16,fp8_e4m3,fp4_e2m1"}}));
        auto* button = tab.findChild<QPushButton*>(QStringLiteral("view:range"));
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(QString::fromStdString(tab.params().text("view")), QStringLiteral("range"));
        QCOMPARE(tab.viewStack()->currentIndex(), 1);
        // largest-finite markers (plotted as log10, the axis is labelled in decades): 65504, 448, 6
        QCPGraph* maxes = tab.constantsPlot()->graph(2);
        QCOMPARE(maxes->dataCount(), 3);
        QCOMPARE(maxes->data()->at(0)->value, std::log10(65504.0));
        QCOMPARE(maxes->data()->at(1)->value, std::log10(448.0));
        QCOMPARE(maxes->data()->at(2)->value, std::log10(6.0));
        // fp64's whole range (4.9e-324 … 1.8e308) fits on the axis too
        ParamSet wide = tab.params();
        wide.setFromString("formats", "fp64,fp4_e2m1");
        tab.applyParams(wide);
        QVERIFY(tab.constantsPlot()->yAxis->range().contains(std::log10(4.9406564584124654e-324)));
        QVERIFY(tab.constantsPlot()->yAxis->range().contains(std::log10(1.7976931348623157e308)));
        wide.setFromString("formats", "fp16,fp8_e4m3,fp4_e2m1");
        tab.applyParams(wide);
        // number line: every finite code of the two small formats (253 and 15 values)
        QCOMPARE(tab.numberLinePlot()->graphCount(), 2);
        QCOMPARE(tab.numberLinePlot()->graph(0)->dataCount(), 253);
        QCOMPARE(tab.numberLinePlot()->graph(1)->dataCount(), 15);
        // ticking fp16 off in the formats list updates the plots
        auto* box = tab.paramPanel()->findChild<QCheckBox*>(QStringLiteral("formats:fp16"));
        QVERIFY(box);
        box->click();
        QCOMPARE(tab.constantsPlot()->graph(2)->dataCount(), 2);
        QCOMPARE(tab.spacingPlot()->graphCount(), 2);
    }
    void tryThisExperimentsHoldTheirClaims()
    {
        // The "Try this" links apply cleanly, and what each text promises is what the tab then holds.
        PrecisionTab tab(PrecisionTab::declareParams());
        QVERIFY(tab.waitUntilIdle(60000));
        QCOMPARE(tab.tryThis().size(), std::size_t(3));
        auto finalSum = [&](const std::string& format, nm::SumMethod method) {
            for (const auto& c : tab.accumulation().curves)
                if (c.formatId == format && c.method == method)
                    return c.sums.back();
            return std::nan("");
        };
        auto stats = [&](const std::string& format) {
            for (const auto& s : tab.gradients().stats)
                if (s.formatId == format)
                    return s;
            return decltype(tab.gradients().stats)::value_type{};
        };

        // 1. Ten thousand ones: fp16 stalls at 2048 = 2¹¹ (2048 + 1 is a tie, rounded to even), bf16 at 256 = 2⁸;
        //    compensated sums reach 10000 in fp16 (exact there) and 9984 = 156 · 64 in bf16 (its spacing is 64 above 8192).
        QCOMPARE(tab.applyTryThis(0), std::string());
        QVERIFY(tab.waitUntilIdle(60000));
        QCOMPARE(tab.viewStack()->currentIndex(), 2);
        QCOMPARE(finalSum("fp16", nm::SumMethod::Naive), 2048.0);
        QCOMPARE(finalSum("bf16", nm::SumMethod::Naive), 256.0);
        for (auto m : {nm::SumMethod::Kahan, nm::SumMethod::Pairwise}) {
            QCOMPARE(finalSum("fp16", m), 10000.0);
            QCOMPARE(finalSum("bf16", m), 9984.0);
        }
        const QCPGraph* stalled = tab.accumulationGraph("fp16", nm::SumMethod::Naive);
        QVERIFY(stalled && std::fabs(stalled->data()->at(stalled->dataCount() - 1)->value - 0.80) < 0.005);  // "relative error 0.80"

        // 2. log10|g| ~ N(−8, 1.5²): fp16 flushes |g| < 2⁻²⁵ (log10 = −7.526) to zero, Φ((−7.526 + 8)/1.5) = Φ(0.316) = 0.624
        //    of them at loss scale 1; times 2¹⁶ the threshold drops to 2⁻⁴¹ (−12.343): Φ(−2.895) = 0.0019.
        QCOMPARE(tab.applyTryThis(1), std::string());
        QCOMPARE(tab.viewStack()->currentIndex(), 3);
        QVERIFY2(stats("fp16").zeroFraction < 0.005, qPrintable(QString::number(stats("fp16").zeroFraction)));  // "0.2 %"
        QCOMPARE(stats("fp16").overflowFraction, 0.0);
        QCOMPARE(stats("bf16").zeroFraction, 0.0);
        ParamSet unscaled = tab.params();
        QVERIFY(unscaled.setFromString("loss_scale", "1").empty());
        tab.applyParams(unscaled);
        QVERIFY2(std::fabs(stats("fp16").zeroFraction - 0.63) < 0.01, qPrintable(QString::number(stats("fp16").zeroFraction)));  // "63 %"
        QCOMPARE(stats("bf16").zeroFraction, 0.0);  // "bf16 needs no scaling at all"

        // 3. int4 in blocks of 32 against one tensor scale, same tensor: SQNR 17.0 dB against 3.7 dB.
        QCOMPARE(tab.applyTryThis(2), std::string());
        QVERIFY(tab.waitUntilIdle(60000));
        QCOMPARE(tab.viewStack()->currentIndex(), 4);
        QCOMPARE(tab.quantization().groupSize, 32);
        QVERIFY2(std::fabs(tab.quantization().sqnrDb - 17.0) < 0.05, qPrintable(QString::number(tab.quantization().sqnrDb)));
        ParamSet tensor = tab.params();
        QVERIFY(tensor.setFromString("quant_granularity", "tensor").empty());
        tab.applyParams(tensor);
        QVERIFY(tab.waitUntilIdle(60000));
        QVERIFY2(std::fabs(tab.quantization().sqnrDb - 3.7) < 0.05, qPrintable(QString::number(tab.quantization().sqnrDb)));
    }
};

QTEST_MAIN(TestPrecisionTab)
#include "test_precision_tab.moc"
