// Drives the real distributions tab: moves sliders, picks choices, edits the
// tables, presses the action buttons, and checks that the plotted data and the
// readouts are what the engine computes for the new parameters.

#include "engine/prob/decoding.h"
#include "engine/prob/divergence.h"
#include "engine/prob/joint.h"
#include "tests/support/compare.h"
#include "engine/core/parse.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/plot_view.h"
#include "widgets/common/readout_panel.h"
#include "widgets/distributions/distributions_params.h"
#include "widgets/distributions/distributions_tab.h"

#include <QComboBox>
#include <QMouseEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSlider>
#include <QTableWidget>
#include <QSpinBox>
#include <QTest>

#include <cmath>
#include <numbers>

using namespace aimath;

namespace {
QString readout(const Tab& tab, const QString& name)
{
    const auto* panel = tab.findChild<ReadoutPanel*>();
    for (const auto& [k, v] : panel->rows())
        if (k == name)
            return v;
    return QStringLiteral("<missing %1>").arg(name);
}

QCPAbstractPlottable* plottableNamed(QCustomPlot* plot, const QString& prefix)
{
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (plot->plottable(i)->name().startsWith(prefix) && plot->plottable(i)->visible())
            return plot->plottable(i);
    return nullptr;
}

// Every (key, value) of a graph.
std::vector<std::pair<double, double>> points(QCPGraph* g)
{
    std::vector<std::pair<double, double>> v;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        v.push_back({it->key, it->value});
    return v;
}

std::vector<std::pair<double, double>> points(QCPBars* b)
{
    std::vector<std::pair<double, double>> v;
    for (auto it = b->data()->constBegin(); it != b->data()->constEnd(); ++it)
        v.push_back({it->key, it->value});
    return v;
}

void setCombo(ParamPanel* panel, const std::string& key, const QString& id)
{
    auto* combo = qobject_cast<QComboBox*>(panel->control(key));
    QVERIFY(combo);
    const int i = combo->findData(id);
    QVERIFY(i >= 0);
    combo->setCurrentIndex(i);
}

void typeValue(ParamPanel* panel, const std::string& key, const QString& text)
{
    auto* edit = panel->findChild<QLineEdit*>(QString::fromStdString(key) + QStringLiteral("_edit"));
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

void clickView(DistributionsTab& tab, const char* id)
{
    auto* b = tab.findChild<QPushButton*>(QStringLiteral("view_") + QLatin1String(id));
    QVERIFY(b);
    QTest::mouseClick(b, Qt::LeftButton);
}
}  // namespace

class TestDistributionsTab : public QObject {
    Q_OBJECT
private slots:
    void defaultsShowTheMixtureAgainstAGaussian()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        tab.resize(1400, 900);
        tab.show();
        auto* p = dynamic_cast<QCPGraph*>(plottableNamed(tab.comparePlot(), QStringLiteral("P = ")));
        auto* q = dynamic_cast<QCPGraph*>(plottableNamed(tab.comparePlot(), QStringLiteral("Q = ")));
        QVERIFY(p && q);
        const prob::Distribution pd = distributions::distributionOf(tab.params(), "p");
        const prob::Distribution qd = distributions::distributionOf(tab.params(), "q");
        QCOMPARE(pd.family, prob::Family::Mixture);
        const auto pts = points(p);
        QVERIFY(pts.size() > 100);
        for (std::size_t i = 0; i < pts.size(); i += 37)
            AIMATH_COMPARE_REL(pts[i].second, prob::pdf(pd, pts[i].first), 1e-15);
        const prob::Comparison c = prob::compare(pd, qd);
        QCOMPARE(readout(tab, QStringLiteral("KL(P‖Q)")), formatNumber(c.klPQ, 6) + QStringLiteral(" nats"));
        QCOMPARE(readout(tab, QStringLiteral("JS(P,Q)")), formatNumber(c.js, 6) + QStringLiteral(" nats"));
        // The bar figure: H(P) then KL floating on it, then H(P,Q).
        QCOMPARE(points(dynamic_cast<QCPBars*>(plottableNamed(tab.entropyBarPlot(), QStringLiteral("KL(P‖Q)"))))[0].second, c.klPQ);
        QCOMPARE(dynamic_cast<QCPBars*>(plottableNamed(tab.entropyBarPlot(), QStringLiteral("KL(P‖Q)")))->baseValue(), c.entropyP);
    }

    void movingASliderMovesTheCurveAndTheReadouts()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        tab.show();
        auto* slider = qobject_cast<QSlider*>(tab.paramPanel()->control("q_mu"));
        QVERIFY(slider);
        QSignalSpy edited(&tab, &Tab::paramsEdited);
        const double before = tab.params().real("q_mu");
        slider->setValue(slider->maximum() * 3 / 4);
        QCOMPARE(edited.count(), 1);
        const double after = tab.params().real("q_mu");
        QVERIFY(after != before);
        const prob::Distribution pd = distributions::distributionOf(tab.params(), "p");
        const prob::Distribution qd = distributions::distributionOf(tab.params(), "q");
        QCOMPARE(qd.mu, after);
        auto* q = dynamic_cast<QCPGraph*>(plottableNamed(tab.comparePlot(), QStringLiteral("Q = ")));
        for (const auto& [x, y] : points(q))
            AIMATH_COMPARE_REL(y, prob::pdf(qd, x), 1e-15);
        const prob::Comparison c = prob::compare(pd, qd);
        QCOMPARE(readout(tab, QStringLiteral("KL(Q‖P)")), formatNumber(c.klQP, 6) + QStringLiteral(" nats"));
        // Units: the same numbers in bits.
        setCombo(tab.paramPanel(), "units", QStringLiteral("bits"));
        QCOMPARE(readout(tab, QStringLiteral("KL(Q‖P)")), formatNumber(c.klQP / std::numbers::ln2, 6) + QStringLiteral(" bits"));
    }

    void infiniteKlShowsAsInfinityNeverNan()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        tab.show();
        setCombo(tab.paramPanel(), "q_family", QStringLiteral("uniform"));
        QCOMPARE(readout(tab, QStringLiteral("KL(P‖Q)")), QStringLiteral("∞ nats"));
        QVERIFY(!readout(tab, QStringLiteral("KL(Q‖P)")).contains(QStringLiteral("∞")));
        for (QCPAbstractPlottable* pl : {plottableNamed(tab.entropyBarPlot(), QStringLiteral("KL")), plottableNamed(tab.entropyBarPlot(), QStringLiteral("H(P,Q)"))})
            for (const auto& [k, v] : points(dynamic_cast<QCPBars*>(pl)))
                QVERIFY(std::isfinite(k) && std::isfinite(v));
        const QJsonObject o = tab.exportData();
        QCOMPARE(o["kl_pq_nats"].toString(), QStringLiteral("inf"));
        QVERIFY(!QJsonDocument(o).toJson().contains("\"nan\""));
    }

    void switchingPsKindBringsQAlong()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        tab.show();
        setCombo(tab.paramPanel(), "p_family", QStringLiteral("poisson"));
        QCOMPARE(QString::fromStdString(tab.params().text("q_family")), QStringLiteral("poisson"));
        auto* bars = dynamic_cast<QCPBars*>(plottableNamed(tab.comparePlot(), QStringLiteral("P = ")));
        QVERIFY(bars);
        const prob::Distribution pd = distributions::distributionOf(tab.params(), "p");
        for (const auto& [k, v] : points(bars))
            AIMATH_COMPARE_REL(v, prob::pdf(pd, std::round(k + 0.2)), 1e-15);
        setCombo(tab.paramPanel(), "p_family", QStringLiteral("beta"));
        QCOMPARE(QString::fromStdString(tab.params().text("q_family")), QStringLiteral("gaussian"));
    }

    void fitQMakesQTheReverseFit()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        tab.show();
        QVERIFY(!tab.fitButton()->isEnabled());  // fit = none
        setCombo(tab.paramPanel(), "fit", QStringLiteral("reverse"));
        QVERIFY(tab.fitButton()->isEnabled());
        const prob::GaussianFit f = prob::fitGaussian(distributions::distributionOf(tab.params(), "p"), prob::FitObjective::Reverse);
        auto* fit = dynamic_cast<QCPGraph*>(plottableNamed(tab.comparePlot(), QStringLiteral("Gaussian fit")));
        QVERIFY(fit && fit->data()->size() > 100);
        QTest::mouseClick(tab.fitButton(), Qt::LeftButton);
        AIMATH_COMPARE_REL(tab.params().real("q_mu"), f.mu, 1e-12);
        AIMATH_COMPARE_REL(tab.params().real("q_sigma"), f.sigma, 1e-12);
        QVERIFY(std::fabs(std::fabs(f.mu) - 2.0) < 0.2);  // on one of the default mixture's modes
    }

    void typedOutOfRangeValueIsRefused()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        tab.show();
        QSignalSpy rejected(tab.paramPanel(), &ParamPanel::rejected);
        typeValue(tab.paramPanel(), "q_sigma", QStringLiteral("-1"));
        QCOMPARE(tab.params().real("q_sigma"), 1.5);
        QCOMPARE(rejected.count(), 1);
        // low ≥ high breaks the constraint: refused, previous state kept, error shown.
        setCombo(tab.paramPanel(), "q_family", QStringLiteral("uniform"));
        typeValue(tab.paramPanel(), "q_low", QStringLiteral("5"));
        QCOMPARE(tab.params().real("q_low"), -2.0);
        QVERIFY(tab.currentError().startsWith(QStringLiteral("q_high")));
    }

    void samplingViewFollowsSamplesAndSeed()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        tab.show();
        clickView(tab, "sampling");
        QCOMPARE(QString::fromStdString(tab.params().text("view")), QStringLiteral("sampling"));
        QCOMPARE(tab.figure()->findChild<PlotView*>() != nullptr, true);
        typeValue(tab.paramPanel(), "samples", QStringLiteral("5000"));
        std::vector<double> xs;
        prob::drawSamples(distributions::distributionOf(tab.params(), "p"), 5000, 42, xs);
        const prob::SampleSummary s = prob::summarize(xs);
        QCOMPARE(readout(tab, QStringLiteral("sample mean")), formatNumber(s.mean));
        QCOMPARE(readout(tab, QStringLiteral("n")), QStringLiteral("5000"));
        QVERIFY2(tab.histogramPlot()->title().startsWith(QStringLiteral("5000 samples from P = ")), qPrintable(tab.histogramPlot()->title()));
        auto* run = dynamic_cast<QCPGraph*>(plottableNamed(tab.runningMeanPlot(), QStringLiteral("running mean")));
        AIMATH_COMPARE_REL(points(run).back().second, s.mean, 1e-9);
        QCOMPARE(points(run).back().first, 5000.0);
        // Histogram bars integrate to (almost) 1.
        auto* hist = dynamic_cast<QCPBars*>(plottableNamed(tab.histogramPlot(), QStringLiteral("histogram")));
        double area = 0;
        for (const auto& [k, v] : points(hist))
            area += v * hist->width();
        QVERIFY(area > 0.99 && area <= 1.0 + 1e-12);
        // A coin: the Bayes plot appears with the posterior the engine gives.
        QVERIFY(!tab.bayesPlot()->isVisibleTo(&tab));
        setCombo(tab.paramPanel(), "p_family", QStringLiteral("bernoulli"));
        QVERIFY(tab.bayesPlot()->isVisibleTo(&tab));
        prob::drawSamples(distributions::distributionOf(tab.params(), "p"), 5000, 42, xs);
        const prob::BetaPosterior b = prob::betaBernoulli(xs, 2, 2);
        QCOMPARE(readout(tab, QStringLiteral("MAP")), formatNumber(b.map));
        QCOMPARE(readout(tab, QStringLiteral("ones k")), QString::number(b.k));
    }

    // Log axes label every decade as 10ⁿ, as descent's and precision's do: the running mean's axis
    // read "10000", "100000" and then "10⁶" (QCustomPlot's "g" format turns to an exponent at 10⁶).
    void logAxesLabelDecadesAsPowersOfTen()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        tab.resize(1500, 950);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        clickView(tab, "sampling");
        typeValue(tab.paramPanel(), "samples", QStringLiteral("1000000"));
        QVERIFY(tab.waitUntilIdle(60000));
        const auto labelsOf = [](QCustomPlot* plot) {
            plot->replot();
            QStringList shown;
            const QVector<double> ticks = plot->xAxis->tickVector();
            const QVector<QString> labels = plot->xAxis->tickVectorLabels();
            for (int i = 0; i < ticks.size(); ++i)
                if (plot->xAxis->range().contains(ticks[i]))
                    shown << labels[i];
            return shown;
        };
        // "1e+04" with the "b" of "eb" is drawn as 10 with a superscript exponent.
        const QRegularExpression power(QStringLiteral("^1e[+-]\\d+$"));
        const QStringList run = labelsOf(tab.runningMeanPlot());
        QCOMPARE(tab.runningMeanPlot()->xAxis->numberFormat(), QStringLiteral("eb"));
        QVERIFY2(run.size() >= 3 && run.contains(QStringLiteral("1e+06")), qPrintable(run.join(QLatin1Char(' '))));
        for (const QString& l : run)
            QVERIFY2(power.match(l).hasMatch(), qPrintable(run.join(QLatin1Char(' '))));
        clickView(tab, "decoding");
        QVERIFY(tab.waitUntilIdle(60000));
        const QStringList temp = labelsOf(tab.temperaturePlot());
        QCOMPARE(tab.temperaturePlot()->xAxis->numberFormat(), QStringLiteral("eb"));
        QVERIFY2(temp.contains(QStringLiteral("1e-02")) && temp.contains(QStringLiteral("1e+02")), qPrintable(temp.join(QLatin1Char(' '))));
        for (const QString& l : temp)
            QVERIFY2(power.match(l).hasMatch(), qPrintable(temp.join(QLatin1Char(' '))));
    }

    void largeSamplesAreDrawnOffTheGuiThread()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        tab.show();
        clickView(tab, "sampling");
        setCombo(tab.paramPanel(), "p_family", QStringLiteral("laplace"));
        typeValue(tab.paramPanel(), "samples", QStringLiteral("300000"));
        QVERIFY(300000 >= DistributionsTab::kAsyncSampleThreshold);
        // A newer request while the first is running: only the newest result may be drawn.
        typeValue(tab.paramPanel(), "seed", QStringLiteral("9"));
        QVERIFY(tab.waitUntilIdle(60000));
        std::vector<double> xs;
        prob::drawSamples(distributions::distributionOf(tab.params(), "p"), 300000, 9, xs);
        const prob::SampleSummary s = prob::summarize(xs);
        // Counts of 5 digits and more with group separators (whatever LANG is), 4 digits as they are.
        QCOMPARE(readout(tab, QStringLiteral("n")), QStringLiteral("300,000"));
        QVERIFY2(tab.histogramPlot()->title().startsWith(QStringLiteral("300,000 samples from P = ")), qPrintable(tab.histogramPlot()->title()));
        QCOMPARE(readout(tab, QStringLiteral("sample mean")), formatNumber(s.mean));
        auto* run = dynamic_cast<QCPGraph*>(plottableNamed(tab.runningMeanPlot(), QStringLiteral("running mean")));
        AIMATH_COMPARE_REL(points(run).back().second, s.mean, 1e-9);
        const QJsonObject o = tab.exportData();
        QCOMPARE(o["samples"].toObject()["n"].toDouble(), 300000.0);
        QCOMPARE(o["samples"].toObject()["seed"].toDouble(), 9.0);
    }

    void decodingFiltersAndSample()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        tab.show();
        clickView(tab, "decoding");
        auto* topK = qobject_cast<QSlider*>(tab.paramPanel()->control("top_k"));
        QVERIFY(topK);
        typeValue(tab.paramPanel(), "top_k", QStringLiteral("3"));
        QCOMPARE(tab.params().integer("top_k"), 3LL);
        const prob::DecodingResult d = prob::decode(distributions::decodingOf(tab.params()));
        auto* fin = dynamic_cast<QCPBars*>(plottableNamed(tab.tokenPlot(), QStringLiteral("final")));
        const auto fp = points(fin);
        QCOMPARE(fp.size(), std::size_t(3));
        for (const auto& [k, v] : fp)
            QCOMPARE(v, d.finalProbs[std::size_t(std::lround(k - 0.2))]);
        auto* cut = dynamic_cast<QCPBars*>(plottableNamed(tab.tokenPlot(), QStringLiteral("cut")));
        QCOMPARE(points(cut).size(), std::size_t(9));
        QCOMPARE(readout(tab, QStringLiteral("perplexity of final")), formatNumber(d.perplexity));
        // Sample: empirical frequencies of the final distribution appear.
        QTest::mouseClick(tab.sampleButton(), Qt::LeftButton);
        auto* sampled = dynamic_cast<QCPGraph*>(plottableNamed(tab.tokenPlot(), QStringLiteral("sampled")));
        QVERIFY(sampled);
        const auto f = prob::sampleTokenFrequencies(d.finalProbs, 1000, 42);
        const auto sp = points(sampled);
        QCOMPARE(sp.size(), f.size());
        for (const auto& [k, v] : sp)
            QCOMPARE(v, f[std::size_t(std::lround(k - 0.2))]);
        // Temperature curve marker sits on the curve at the current T.
        auto* marker = dynamic_cast<QCPGraph*>(plottableNamed(tab.temperaturePlot(), QStringLiteral("current T")));
        AIMATH_COMPARE_REL(points(marker)[0].second, prob::shannonEntropy(prob::softmax(tab.params().reals("logits"), 1.0)), 1e-14);
    }

    void draggingALogitBarEditsThatLogit()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        tab.resize(1400, 900);
        tab.show();
        clickView(tab, "decoding");
        PlotView* plot = tab.logitPlot();
        plot->replot();  // lay the axes out so pixel ↔ coordinate is defined
        const QPointF start(plot->xAxis->coordToPixel(2), plot->yAxis->coordToPixel(2.9));
        const double target = std::round((plot->yAxis->range().lower + 0.8 * plot->yAxis->range().size()) * 100) / 100;
        const QPointF end(start.x(), plot->yAxis->coordToPixel(target));
        QMouseEvent press(QEvent::MouseButtonPress, start, plot->mapToGlobal(start), Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(plot, &press);
        QMouseEvent move(QEvent::MouseMove, end, plot->mapToGlobal(end), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(plot, &move);
        QMouseEvent release(QEvent::MouseButtonRelease, end, plot->mapToGlobal(end), Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(plot, &release);
        const auto& logits = tab.params().reals("logits");
        // Pixel rounding: within one pixel's worth of logit of the target.
        const double perPixel = plot->yAxis->range().size() / plot->axisRect()->height();
        QVERIFY2(std::fabs(logits[2] - target) <= perPixel + 0.01, qPrintable(QString("%1 vs %2").arg(logits[2]).arg(target)));
        QCOMPARE(logits[0], 4.1);  // the others are untouched
        QCOMPARE(tab.vocabularyTable()->item(2, 1)->text(), QString::fromStdString(formatReal(logits[2])));
        // The probability bars follow.
        const prob::DecodingResult d = prob::decode(distributions::decodingOf(tab.params()));
        auto* orig = dynamic_cast<QCPBars*>(plottableNamed(tab.tokenPlot(), QStringLiteral("softmax")));
        QCOMPARE(points(orig)[0].second, d.probs[0]);
    }

    void vocabularyTableEditsTokensAndLogitsTogether()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        tab.show();
        clickView(tab, "decoding");
        QTableWidget* t = tab.vocabularyTable();
        QCOMPARE(t->rowCount(), 12);
        t->item(0, 1)->setText(QStringLiteral("-3"));
        QCOMPARE(tab.params().reals("logits")[0], -3.0);
        t->item(1, 0)->setText(QStringLiteral("carpet"));
        QCOMPARE(QString::fromStdString(tab.params().texts("tokens")[1]), QStringLiteral("carpet"));
        // A bad logit is refused, named, and the previous state kept.
        t->item(2, 1)->setText(QStringLiteral("abc"));
        QCOMPARE(tab.params().reals("logits")[2], 2.9);
        QCOMPARE(tab.currentError(), QStringLiteral("logits: row 3: ") + QString::fromStdString(parseReal("abc").error));
        QCOMPARE(t->item(2, 1)->text(), QStringLiteral("2.9"));
    }

    void jointTableDrivesTheInformationReadouts()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        tab.show();
        clickView(tab, "joint");
        QTableWidget* t = tab.jointTable();
        QCOMPARE(t->rowCount(), 3);
        // Make it independent: all ones → I = 0.
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                t->item(i, j)->setText(QStringLiteral("1"));
        QCOMPARE(readout(tab, QStringLiteral("I(X;Y)")), formatNumber(0.0) + QStringLiteral(" nats"));
        t->item(0, 0)->setText(QStringLiteral("10"));
        const prob::JointInfo j = prob::jointInformation(tab.params().reals("joint"), 3, 3);
        QCOMPARE(readout(tab, QStringLiteral("I(X;Y)")), formatNumber(j.mi) + QStringLiteral(" nats"));
        QCOMPARE(readout(tab, QStringLiteral("H(X|Y)")), formatNumber(j.hxGivenY) + QStringLiteral(" nats"));
        // A cell that is not a number is refused, named by its position, and the table kept.
        t->item(1, 2)->setText(QStringLiteral("1,5"));
        QCOMPARE(tab.currentError(), QStringLiteral("joint: cell (x=1, y=2): ") + QString::fromStdString(parseReal("1,5").error));
        QCOMPARE(tab.params().reals("joint")[5], 1.0);
        QCOMPARE(t->item(1, 2)->text(), QStringLiteral("1"));
        QCOMPARE(readout(tab, QStringLiteral("I(X;Y)")), formatNumber(j.mi) + QStringLiteral(" nats"));
        auto* mi = dynamic_cast<QCPBars*>(plottableNamed(tab.informationPlot(), QStringLiteral("I(X;Y)")));
        QCOMPARE(points(mi)[0].second, j.mi);
        // Shrinking the table keeps the overlapping cells.
        const auto rows = tab.findChildren<QSpinBox*>();
        QVERIFY(!rows.isEmpty());
        tab.jointTable()->setFocus();
        QSpinBox* rowSpin = nullptr;
        for (QSpinBox* s : rows)
            if (s->value() == 3 && s->maximum() == 4)
                rowSpin = s;
        QVERIFY(rowSpin);
        rowSpin->setValue(2);
        QCOMPARE(tab.params().reals("joint").size(), std::size_t(tab.params().integer("joint_rows") * tab.params().integer("joint_cols")));
        QCOMPARE(tab.params().reals("joint")[0], 10.0);
    }

    void exportHasEveryKeyAndNoNan()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        const QJsonObject o = tab.exportData();
        for (const char* k : {"tab", "p", "q", "cross_entropy_nats", "kl_pq_nats", "kl_qp_nats", "js_nats", "samples", "decoding", "joint"})
            QVERIFY2(o.contains(QLatin1String(k)), k);
        QCOMPARE(o["tab"].toString(), QStringLiteral("distributions"));
        QCOMPARE(o["p"].toObject()["family"].toString(), QStringLiteral("mixture"));
        QCOMPARE(o["decoding"].toObject()["final_probs"].toArray().size(), 12);
        QVERIFY(!QJsonDocument(o).toJson().contains("\"nan\""));
    }

    // The three "Try this" experiments do what their text promises, even after the user moved things.
    void tryThisExperimentsShowWhatTheySay()
    {
        DistributionsTab tab(DistributionsTab::declareParams());
        QCOMPARE(tab.tryThis().size(), std::size_t(3));
        setCombo(tab.paramPanel(), "p_family", QStringLiteral("uniform"));
        clickView(tab, "decoding");

        // 1. Reverse fit of 0.5·N(−2, 0.6²) + 0.5·N(2, 0.8²) sits on one peak (the wider one, μ ≈ 2, σ ≈ 0.84);
        //    the forward fit is moment matching: μ = 0, σ² = ½(0.36 + 4) + ½(0.64 + 4) = 4.5.
        QCOMPARE(tab.applyTryThis(0), std::string());
        QCOMPARE(QString::fromStdString(tab.params().text("view")), QStringLiteral("compare"));
        QJsonObject fit = tab.exportData()["fit"].toObject();
        QCOMPARE(fit["objective"].toString(), QStringLiteral("reverse"));
        QVERIFY2(std::fabs(fit["mu"].toDouble() - 2.0) < 0.1, qPrintable(QString::number(fit["mu"].toDouble())));
        QVERIFY2(fit["sigma"].toDouble() > 0.78 && fit["sigma"].toDouble() < 0.9, qPrintable(QString::number(fit["sigma"].toDouble())));
        setCombo(tab.paramPanel(), "fit", QStringLiteral("forward"));
        fit = tab.exportData()["fit"].toObject();
        QVERIFY(std::fabs(fit["mu"].toDouble()) < 1e-9);
        AIMATH_COMPARE_REL(fit["sigma"].toDouble(), std::sqrt(4.5), 1e-9);

        // 2. T = 0.1 on the default logits (top gap 4.1 − 3.2 = 0.9, i.e. 9 after scaling): H ≈ 10·e⁻⁹ ≈ 0.0013 nats.
        QCOMPARE(tab.applyTryThis(1), std::string());
        QCOMPARE(QString::fromStdString(tab.params().text("view")), QStringLiteral("decoding"));
        auto softmaxEntropy = [&] {
            double h = 0, top = 0;
            for (const QJsonValue v : tab.exportData()["decoding"].toObject()["probs"].toArray()) {
                const double p = v.toDouble();
                top = std::max(top, p);
                if (p > 0)
                    h -= p * std::log(p);
            }
            return std::pair{h, top};
        };
        const auto [hCold, topCold] = softmaxEntropy();
        QVERIFY2(hCold < 0.01, qPrintable(QString::number(hCold)));
        QVERIFY(topCold > 0.999);
        typeValue(tab.paramPanel(), "temperature", QStringLiteral("5"));
        const double lnV = std::log(12.0);
        const auto [hHot, topHot] = softmaxEntropy();
        QVERIFY2(hHot > lnV - 0.1 && hHot < lnV, qPrintable(QString::number(hHot)));

        // 3. A perfect copy: I(X;Y) = H(X) = H(Y) = ln 2, no conditional entropy; equal cells: I = 0.
        QCOMPARE(tab.applyTryThis(2), std::string());
        const QJsonObject j = tab.exportData()["joint"].toObject();
        AIMATH_COMPARE_REL(j["mi_nats"].toDouble(), std::numbers::ln2, 1e-12);
        AIMATH_COMPARE_REL(j["h_x_nats"].toDouble(), std::numbers::ln2, 1e-12);
        AIMATH_COMPARE_REL(j["h_y_nats"].toDouble(), std::numbers::ln2, 1e-12);
        QCOMPARE(j["h_x_given_y_nats"].toDouble(), 0.0);
        QCOMPARE(j["h_y_given_x_nats"].toDouble(), 0.0);
        QCOMPARE(readout(tab, QStringLiteral("I(X;Y)")), formatNumber(std::numbers::ln2, 6) + QStringLiteral(" nats"));
    }
};

QTEST_MAIN(TestDistributionsTab)
#include "test_distributions_tab.moc"
