// Drives the real attention tab (panel controls, clicks on plots, drags in the
// toy plane) and checks what is plotted against the engine run independently.

#include "engine/attention/attention.h"
#include "engine/attention/problem.h"
#include "engine/attention/sqrt_d_curve.h"
#include "tests/support/compare.h"
#include "widgets/attention/attention_tab.h"
#include "widgets/attention/toy_plane.h"
#include "widgets/common/embedding_store.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/plot_view.h"
#include "widgets/common/readout_panel.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStackedWidget>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <cstdlib>

using namespace aimath;
namespace at = aimath::attention;

namespace {

// The engine run on the tab's current parameters, without the tab.
at::Result engineFor(const ParamSet& p, const EmbeddingTable* table = nullptr)
{
    const at::Spec spec = AttentionTab::specFromParams(p);
    const at::Prepared prep = at::prepare(spec, table);
    at::Options opt = at::optionsFor(spec);
    at::Result r;
    at::run(prep, spec, opt, r);
    return r;
}

double cell(QCPColorMap* map, int row, int col) { return map->data()->cell(col, row); }

// Max |heatmap cell − engine weight| over the whole matrix (NaN cells count as failures).
double heatmapError(QCPColorMap* map, const at::RowMatrix& w)
{
    double worst = 0;
    if (map->data()->keySize() != w.cols() || map->data()->valueSize() != w.rows())
        return 1e9;
    for (int i = 0; i < w.rows(); ++i)
        for (int j = 0; j < w.cols(); ++j) {
            const double c = cell(map, i, j);
            if (std::isnan(c))
                return 1e9;
            worst = std::max(worst, std::fabs(c - w(i, j)));
        }
    return worst;
}

QPoint cellCentre(const AttentionTab& tab, int row, int col)
{
    QCPAxisRect* rect = tab.heatmap()->keyAxis()->axisRect();
    return QPoint(qRound(rect->axis(QCPAxis::atBottom)->coordToPixel(col)), qRound(rect->axis(QCPAxis::atLeft)->coordToPixel(row)));
}

QString readout(const AttentionTab& tab, const QString& name)
{
    for (const auto& [k, v] : tab.findChild<ReadoutPanel*>()->rows())
        if (k == name)
            return v;
    return {};
}

}  // namespace

class TestAttentionTab : public QObject {
    Q_OBJECT
private slots:
    void defaultHeatmapMatchesEngine();
    void temperatureSliderUpdatesHeatmap();
    void typingASentenceRetokenizes();
    void causalMaskFromCombo();
    void scoresToggleShowsMaskedAsNan();
    void badInputKeepsLastHeatmap();
    void clickingARowSelectsTheQuery();
    void clickingAThumbnailSelectsTheHead();
    void entropyBarsAndQueryBars();
    void matricesView();
    void sqrtDViewMatchesEngineCurve();
    void toyPlaneDragMovesQuery();
    void embeddingsAreBorrowed();
    void longSequenceRunsInBackground();
    void progressShowsOnlyForLastingWork();
    void longSequenceWeightsViewLeavesTheRestForLater();
    void followUpRunsAtIdlePriority();
    void dataExportCompletesTheLayerInTheBackground();
    void staleBackgroundResultsAreDropped();
    void exportDataFollowsTheSpec();
    void hoverTextShowsExactValue();
    void draggedTemperatureGivesFreshNumbers_data();
    void draggedTemperatureGivesFreshNumbers();
};

void TestAttentionTab::defaultHeatmapMatchesEngine()
{
    AttentionTab tab(AttentionTab::declareParams());
    tab.resize(1400, 900);
    tab.show();
    QVERIFY(tab.hasResult());
    QCOMPARE(tab.currentError(), QString());
    const at::Result ref = engineFor(tab.params());
    QCOMPARE(tab.tokens().size(), std::size_t(12));  // "The animal didn't cross the street because it was too tired ."
    QCOMPARE(tab.heatmap()->data()->keySize(), 12);
    AIMATH_COMPARE_ABS(heatmapError(tab.heatmap(), ref.head[0].weights), 0.0, 1e-15);
    QCOMPARE(tab.heatmap()->dataRange().lower, 0.0);
    QCOMPARE(tab.heatmap()->dataRange().upper, 1.0);
    QVERIFY(!tab.heatmap()->interpolate());
    QVERIFY(tab.heatmap()->valueAxis()->rangeReversed());
    // Token labels on both axes.
    auto ticker = tab.heatmap()->keyAxis()->ticker().dynamicCast<QCPAxisTickerText>();
    QVERIFY(ticker);
    QCOMPARE(ticker->ticks().value(1), QStringLiteral("animal"));
}

void TestAttentionTab::temperatureSliderUpdatesHeatmap()
{
    AttentionTab tab(AttentionTab::declareParams());
    tab.show();
    const double before = cell(tab.heatmap(), 7, 7);
    auto* slider = qobject_cast<QSlider*>(tab.paramPanel()->control("temperature"));
    QVERIFY(slider);
    QSignalSpy spy(&tab, &Tab::paramsEdited);
    slider->setValue(slider->value() - 200);  // colder: sharper rows
    QCOMPARE(spy.count(), 1);
    const double t = tab.params().real("temperature");
    QVERIFY(t < 1.0);
    const at::Result ref = engineFor(tab.params());
    AIMATH_COMPARE_ABS(heatmapError(tab.heatmap(), ref.head[0].weights), 0.0, 1e-15);
    QVERIFY(cell(tab.heatmap(), 7, 7) > before);  // the diagonal (self-similarity in identity mode) grows
    AIMATH_COMPARE_REL(tab.result().factor, 1.0 / 4.0 / t, 1e-14);
}

void TestAttentionTab::typingASentenceRetokenizes()
{
    AttentionTab tab(AttentionTab::declareParams());
    tab.show();
    auto* edit = qobject_cast<QLineEdit*>(tab.paramPanel()->control("text"));
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClicks(edit, "cats chase mice, mice flee");
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(tab.params().text("text"), std::string("cats chase mice, mice flee"));
    QCOMPARE(tab.tokens(), (std::vector<std::string>{"cats", "chase", "mice", ",", "mice", "flee"}));
    QCOMPARE(tab.heatmap()->data()->keySize(), 6);
    const at::Result ref = engineFor(tab.params());
    AIMATH_COMPARE_ABS(heatmapError(tab.heatmap(), ref.head[0].weights), 0.0, 1e-15);
    // Identity mode: both "mice" share a vector, so row 2 gives columns 2 and 4 the same weight.
    AIMATH_COMPARE_REL(cell(tab.heatmap(), 2, 2), cell(tab.heatmap(), 2, 4), 1e-14);
    // The query (7) is beyond 6 tokens: clamped to the last token and said so.
    QCOMPARE(tab.displayedQuery(), 5);
    QVERIFY(readout(tab, "Selected query").contains("only 6 tokens"));
}

void TestAttentionTab::causalMaskFromCombo()
{
    AttentionTab tab(AttentionTab::declareParams());
    tab.show();
    auto* combo = qobject_cast<QComboBox*>(tab.paramPanel()->control("mask"));
    QVERIFY(combo);
    combo->setCurrentIndex(combo->findData(QStringLiteral("causal")));
    QCOMPARE(tab.params().text("mask"), std::string("causal"));
    for (int i = 0; i < 12; ++i)
        for (int j = 0; j < 12; ++j) {
            if (j > i)
                QCOMPARE(cell(tab.heatmap(), i, j), 0.0);
            else
                QVERIFY(cell(tab.heatmap(), i, j) > 0.0);
        }
    QCOMPARE(cell(tab.heatmap(), 0, 0), 1.0);
}

void TestAttentionTab::scoresToggleShowsMaskedAsNan()
{
    ParamSet p = AttentionTab::declareParams();
    p.set("mask", std::string("causal"));
    AttentionTab tab(p);
    tab.show();
    auto* combo = qobject_cast<QComboBox*>(tab.paramPanel()->control("show"));
    combo->setCurrentIndex(combo->findData(QStringLiteral("scores")));
    const at::Result ref = engineFor(tab.params());
    for (int i = 0; i < 12; ++i)
        for (int j = 0; j < 12; ++j) {
            if (j > i)
                QVERIFY(std::isnan(cell(tab.heatmap(), i, j)));
            else
                AIMATH_COMPARE_ABS(cell(tab.heatmap(), i, j), ref.head[0].scores(i, j), 1e-14);
        }
    // The colour range follows the finite scores.
    double lo = 1e300, hi = -1e300;
    for (int i = 0; i < 12; ++i)
        for (int j = 0; j <= i; ++j) {
            lo = std::min(lo, ref.head[0].scores(i, j));
            hi = std::max(hi, ref.head[0].scores(i, j));
        }
    QCOMPARE(tab.heatmap()->dataRange().lower, lo);
    QCOMPARE(tab.heatmap()->dataRange().upper, hi);
}

void TestAttentionTab::badInputKeepsLastHeatmap()
{
    AttentionTab tab(AttentionTab::declareParams());
    tab.show();
    const at::RowMatrix before = tab.result().head[0].weights;
    // Empty sentence.
    auto* edit = qobject_cast<QLineEdit*>(tab.paramPanel()->control("text"));
    edit->clear();
    QTest::keyClicks(edit, "   ");
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY2(tab.currentError().startsWith("text: "), qPrintable(tab.currentError()));
    QCOMPARE(tab.params().text("text"), AttentionTab::declareParams().text("text"));  // previous value kept
    AIMATH_COMPARE_ABS(heatmapError(tab.heatmap(), before), 0.0, 0.0);
    // Heads that do not divide d_model (typed into the value box).
    auto* headsEdit = tab.paramPanel()->findChild<QLineEdit*>(QStringLiteral("heads_edit"));
    QVERIFY(headsEdit);
    headsEdit->setText(QStringLiteral("5"));
    QTest::keyClick(headsEdit, Qt::Key_Return);
    QVERIFY2(tab.currentError().startsWith("heads: "), qPrintable(tab.currentError()));
    QCOMPARE(tab.params().integer("heads"), 4LL);
    AIMATH_COMPARE_ABS(heatmapError(tab.heatmap(), before), 0.0, 0.0);
    // Padding that hides every key.
    ParamSet p = tab.params();
    QCOMPARE(p.set("mask", std::string("padding")), std::string());
    QCOMPARE(p.set("pad", 12LL), std::string());
    QVERIFY(QString::fromStdString(p.checkConstraints()).startsWith("pad: "));
}

void TestAttentionTab::clickingARowSelectsTheQuery()
{
    AttentionTab tab(AttentionTab::declareParams());
    tab.resize(1400, 900);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    tab.heatmapPlot()->replot();
    QTest::mouseClick(tab.heatmapPlot(), Qt::LeftButton, Qt::NoModifier, cellCentre(tab, 3, 5));
    QCOMPARE(tab.params().integer("query"), 3LL);
    QCOMPARE(tab.displayedQuery(), 3);
    // The query bars show row 3 of the weights.
    const auto& w = tab.result().head[0].weights;
    auto it = tab.queryBars()->data()->constBegin();
    for (int j = 0; j < 12; ++j, ++it)
        QCOMPARE(it->value, w(3, j));
}

void TestAttentionTab::clickingAThumbnailSelectsTheHead()
{
    AttentionTab tab(AttentionTab::declareParams());
    tab.resize(1400, 900);
    tab.show();
    auto* button = tab.findChild<QPushButton*>(QStringLiteral("view_heads"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(tab.params().text("view"), std::string("heads"));
    QCOMPARE(tab.viewStack()->currentIndex(), 1);
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    tab.headsPlot()->replot();
    QCOMPARE(tab.headThumbs().size(), std::size_t(4));
    const QPoint centre = tab.headThumbs()[2].rect->rect().center();
    QTest::mouseClick(tab.headsPlot(), Qt::LeftButton, Qt::NoModifier, centre);
    QCOMPARE(tab.params().integer("head"), 2LL);
    // Thumbnails hold each head's weights (12 tokens: no pooling), the average their mean.
    const at::Result ref = engineFor(tab.params());
    for (int h = 0; h < 4; ++h)
        AIMATH_COMPARE_ABS(heatmapError(tab.headThumbs()[h].map, ref.head[h].weights), 0.0, 1e-15);
    at::RowMatrix mean = (ref.head[0].weights + ref.head[1].weights + ref.head[2].weights + ref.head[3].weights) / 4;
    AIMATH_COMPARE_ABS(heatmapError(tab.meanMap(), mean), 0.0, 1e-15);
    // Back on the weights view, the heatmap is head 2.
    QTest::mouseClick(tab.findChild<QPushButton*>(QStringLiteral("view_weights")), Qt::LeftButton);
    AIMATH_COMPARE_ABS(heatmapError(tab.heatmap(), ref.head[2].weights), 0.0, 1e-15);
}

void TestAttentionTab::entropyBarsAndQueryBars()
{
    AttentionTab tab(AttentionTab::declareParams());
    tab.show();
    const at::Result ref = engineFor(tab.params());
    auto it = tab.entropyBars()->data()->constBegin();
    QCOMPARE(tab.entropyBars()->data()->size(), 12);
    for (int i = 0; i < 12; ++i, ++it) {
        // Independent: −Σ a ln a from the engine's weights.
        double h = 0;
        for (int j = 0; j < 12; ++j)
            h -= ref.head[0].weights(i, j) * std::log(ref.head[0].weights(i, j));
        AIMATH_COMPARE_REL(it->value, h, 1e-12);
    }
    QVERIFY(readout(tab, "Its row entropy").contains("uniform: 2.485"));  // ln 12
}

void TestAttentionTab::matricesView()
{
    ParamSet p = AttentionTab::declareParams();
    p.set("view", std::string("matrices"));
    p.set("qk_mode", std::string("projected"));
    p.set("head", 1LL);
    AttentionTab tab(p);
    tab.show();
    const at::Result ref = engineFor(tab.params());
    const auto& hr = ref.head[1];
    QCPColorMap* qmap = tab.matrixMap(0).map;
    QCOMPARE(qmap->data()->keySize(), 16);   // d_k columns
    QCOMPARE(qmap->data()->valueSize(), 12); // n rows
    QCOMPARE(qmap->data()->cell(3, 5), hr.q(5, 3));
    QCPColorMap* kt = tab.matrixMap(1).map;  // Kᵀ: d_k rows × n columns
    QCOMPARE(kt->data()->keySize(), 12);
    QCOMPARE(kt->data()->cell(5, 3), hr.k(5, 3));
    QCOMPARE(tab.matrixMap(4).map->data()->cell(2, 7), hr.output(7, 2));
    QCOMPARE(tab.matrixMap(5).map->data()->keySize(), 64);
    QCOMPARE(tab.matrixMap(5).map->data()->cell(40, 1), ref.output(1, 40));
    // Signed data: symmetric colour range.
    QCOMPARE(qmap->dataRange().lower, -qmap->dataRange().upper);
}

void TestAttentionTab::sqrtDViewMatchesEngineCurve()
{
    ParamSet p = AttentionTab::declareParams();
    p.set("view", std::string("sqrt_d"));
    p.set("temperature", 0.8);
    AttentionTab tab(p);
    tab.show();
    const at::SqrtDCurve curve(12, at::sqrtDGrid(16), 1, 4);
    const auto scaled = curve.meanEntropy(true, 1.0, 0.8);
    const auto unscaled = curve.meanEntropy(false, 1.0, 0.8);
    QCOMPARE(tab.scaledCurve()->data()->size(), static_cast<int>(curve.dks().size()));
    auto s = tab.scaledCurve()->data()->constBegin();
    auto u = tab.unscaledCurve()->data()->constBegin();
    for (std::size_t i = 0; i < curve.dks().size(); ++i, ++s, ++u) {
        QCOMPARE(s->key, double(curve.dks()[i]));
        QCOMPARE(s->value, scaled[i]);
        QCOMPARE(u->value, unscaled[i]);
    }
    // d_k = 64 / 4 = 16 is on the grid (marked).
    QVERIFY(std::find(curve.dks().begin(), curve.dks().end(), 16) != curve.dks().end());
}

void TestAttentionTab::toyPlaneDragMovesQuery()
{
    ParamSet p = AttentionTab::declareParams();
    p.set("source", std::string("manual"));
    AttentionTab tab(p);
    tab.resize(1400, 900);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    ToyPlane* toy = tab.toyPlane();
    QVERIFY(toy->isVisible());
    toy->replot();
    QCOMPARE(tab.tokens(), (std::vector<std::string>{"A", "B", "C"}));
    const QPointF tip = toy->tipPixel(ToyPlane::Kind::Query, 1);
    const QPoint target(qRound(toy->xAxis->coordToPixel(-2.0)), qRound(toy->yAxis->coordToPixel(1.0)));
    QTest::mousePress(toy, Qt::LeftButton, Qt::NoModifier, tip.toPoint());
    QMouseEvent move(QEvent::MouseMove, QPointF(target), toy->mapToGlobal(QPointF(target)), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(toy, &move);
    QTest::mouseRelease(toy, Qt::LeftButton, Qt::NoModifier, target);
    const auto& mq = tab.params().reals("manual_q");
    AIMATH_COMPARE_ABS(mq[2], -2.0, 0.051);
    AIMATH_COMPARE_ABS(mq[3], 1.0, 0.051);
    QCOMPARE(tab.params().integer("query"), 1LL);
    // Row B of the heatmap follows: softmax of (q_B · k_j) / √2 by hand.
    const auto& mk = tab.params().reals("manual_k");
    double s[3], z = 0;
    for (int j = 0; j < 3; ++j) {
        s[j] = (mq[2] * mk[2 * j] + mq[3] * mk[2 * j + 1]) / std::sqrt(2.0);
        z += std::exp(s[j]);
    }
    for (int j = 0; j < 3; ++j)
        AIMATH_COMPARE_REL(cell(tab.heatmap(), 1, j), std::exp(s[j]) / z, 1e-13);
}

void TestAttentionTab::embeddingsAreBorrowed()
{
    auto table = std::make_shared<EmbeddingTable>();
    table->labels = {"cats", "mice"};
    table->vectors.resize(2, 8);
    for (int c = 0; c < 8; ++c) {
        table->vectors(0, c) = float(c + 1);
        table->vectors(1, c) = float(-c);
    }
    EmbeddingStore::instance().setCurrent(table);
    ParamSet p = AttentionTab::declareParams();
    p.set("text", std::string("cats like mice"));
    p.set("vectors", std::string("embeddings"));
    p.set("d_model", 8LL);
    p.set("heads", 1LL);
    AttentionTab tab(p);
    tab.show();
    // Identity mode: Q = X, whose row 0 is the table's "cats".
    for (int c = 0; c < 8; ++c) {
        QCOMPARE(tab.result().head[0].q(0, c), double(c + 1));
        QCOMPARE(tab.result().head[0].q(2, c), double(-c));
    }
    QVERIFY(readout(tab, "Token vectors").contains("2 of 3 from the embeddings"));
    QVERIFY(readout(tab, "Token vectors").contains("1 missing"));
    // Unloading the table falls back to hashed vectors and says so.
    EmbeddingStore::instance().setCurrent(nullptr);
    QVERIFY(readout(tab, "Token vectors").contains("no embeddings loaded"));
    QVERIFY(tab.result().head[0].q(0, 0) != 1.0);
}

void TestAttentionTab::longSequenceRunsInBackground()
{
    ParamSet p = AttentionTab::declareParams();
    AttentionTab tab(p);
    tab.show();
    ParamSet big = tab.params();
    big.set("source", std::string("random"));
    big.set("seq_len", 1500LL);
    big.set("head", 2LL);
    big.set("query", 100LL);
    tab.applyParams(big);
    QVERIFY(tab.busy());
    QVERIFY(!tab.progressBar()->isVisible());  // not before the work has lasted 100 ms
    QCOMPARE(tab.result().n, 12);  // the previous picture stays until the new one is ready
    QVERIFY(tab.waitUntilIdle(120000));
    QVERIFY(!tab.busy());
    QVERIFY(!tab.progressBar()->isVisible());
    const at::Result& r = tab.result();
    QCOMPARE(r.n, 1500);
    QVERIFY(r.head[2].stored());
    QVERIFY(!r.head[0].stored());
    // The displayed heatmap is block means of 3×3 (1500 → 500 cells).
    QCOMPARE(tab.displayPool(), 3);
    QCOMPARE(tab.heatmap()->data()->keySize(), 500);
    double s = 0;
    for (int i = 3; i < 6; ++i)
        for (int j = 9; j < 12; ++j)
            s += r.head[2].weights(i, j);
    AIMATH_COMPARE_REL(cell(tab.heatmap(), 1, 3), s / 9, 1e-12);
    // Same numbers as a direct engine run.
    at::Options opt = at::optionsFor(AttentionTab::specFromParams(tab.params()));
    const at::Prepared prep = at::prepare(AttentionTab::specFromParams(tab.params()), nullptr);
    const at::Result ref = at::computeAttention(prep.vectors.x, opt);
    QCOMPARE(r.head[2].weights(100, 7), ref.head[2].weights(100, 7));
    QCOMPARE(r.head[0].rowEntropy, ref.head[0].rowEntropy);
    // Another head needs a new background run (only the selected head is kept in full).
    big.set("head", 0LL);
    tab.applyParams(big);
    QVERIFY(tab.busy());
    QVERIFY(tab.waitUntilIdle(120000));
    QVERIFY(tab.result().head[0].stored());
}

namespace {
// Counts the show and paint events a widget receives.
class EventCounter : public QObject {
public:
    int shows = 0, paints = 0;
    bool eventFilter(QObject*, QEvent* e) override
    {
        shows += e->type() == QEvent::Show;
        paints += e->type() == QEvent::Paint;
        return false;
    }
};
}  // namespace

void TestAttentionTab::progressShowsOnlyForLastingWork()
{
    // Background work shows its progress bar once it has lasted a while (100 ms by default): a first
    // picture that comes sooner shows, lays out and paints no bar. Work that lasts shows it; the bar
    // then moves in steps of 1% or more (or back for the next job), and hides when the work is done.
    AttentionTab tab(AttentionTab::declareParams());
    tab.show();
    ParamSet p = tab.params();
    p.set("source", std::string("random"));
    p.set("seq_len", 2048LL);
    p.set("heads", 1LL);
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    QVERIFY(!tab.progressBar()->isVisible());
    // Work shorter than the delay (set long here, so that a slow machine cannot make it last longer).
    tab.setProgressDelay(60000);
    EventCounter bar;
    tab.progressBar()->installEventFilter(&bar);
    p.set("temperature", 0.4);
    tab.applyParams(p);
    QVERIFY(tab.busy());
    QTRY_VERIFY_WITH_TIMEOUT(!tab.busy(), 60000);
    QCOMPARE(tab.result().factor, 1.0 / 8.0 / 0.4);  // the new picture (d_k = 64)
    QCoreApplication::processEvents();
    QVERIFY(!tab.progressBar()->isVisible());
    QCOMPARE(bar.shows, 0);
    QCOMPARE(bar.paints, 0);

    // Work that lasts longer than the delay (2 ms here): 4,096 tokens and four heads.
    tab.setProgressDelay(2);
    QSignalSpy values(tab.progressBar(), &QProgressBar::valueChanged);
    p.set("seq_len", 4096LL);
    p.set("heads", 4LL);
    tab.applyParams(p);
    QVERIFY(!tab.progressBar()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(tab.progressBar()->isVisible() || !tab.busy(), 60000);
    QVERIFY2(tab.busy(), "4,096 tokens took under 2 ms");
    QVERIFY(bar.shows > 0);
    QVERIFY(tab.waitUntilIdle(300000));
    QVERIFY(!tab.progressBar()->isVisible());
    for (int i = 1; i < values.count(); ++i) {
        const int before = values[i - 1][0].toInt(), after = values[i][0].toInt();
        QVERIFY2(std::abs(after - before) >= 10, qPrintable(QStringLiteral("%1 → %2").arg(before).arg(after)));
    }
}

void TestAttentionTab::longSequenceWeightsViewLeavesTheRestForLater()
{
    // Above 512 tokens the weights view computes the selected head and the other heads' row
    // entropies only; the all-heads view, the matrices and an export get the rest, with the
    // numbers of a full run.
    AttentionTab tab(AttentionTab::declareParams());
    tab.show();
    ParamSet p = tab.params();
    p.set("source", std::string("random"));
    p.set("seq_len", 700LL);
    p.set("qk_mode", std::string("projected"));
    p.set("head", 1LL);
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    at::Options opt = at::optionsFor(AttentionTab::specFromParams(tab.params()));
    const at::Prepared prep = at::prepare(AttentionTab::specFromParams(tab.params()), nullptr);
    const at::Result ref = at::computeAttention(prep.vectors.x, opt);
    double meanEntropy = 0;
    for (const auto& hr : ref.head)
        meanEntropy += hr.rowEntropy.mean();
    QCOMPARE(readout(tab, "Mean row entropy, all heads"), QStringLiteral("%1 nats").arg(formatNumber(meanEntropy / 4, 4)));
    // The heads view needs the thumbnails and the mean: a new background run.
    p.set("view", std::string("heads"));
    tab.applyParams(p);
    QVERIFY(tab.busy());
    QVERIFY(tab.waitUntilIdle(120000));
    for (int h = 0; h < 4; ++h)
        QCOMPARE(tab.result().head[h].thumb, ref.head[h].thumb);
    QCOMPARE(tab.result().meanWeights, ref.meanWeights);
    QCOMPARE(heatmapError(tab.meanMap(), ref.meanWeights), 0.0);
    // Back in the weights view, a temperature change; the export completes the outputs on the spot.
    p.set("view", std::string("weights"));
    p.set("temperature", 0.5);
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    opt.temperature = 0.5;
    const at::Result ref2 = at::computeAttention(prep.vectors.x, opt);
    const QJsonObject o = tab.exportData();
    const QJsonArray heads = o.value("heads_data").toArray();
    QCOMPARE(heads.size(), 1);
    QCOMPARE(heads[0].toObject().value("output").toArray()[3].toArray()[5].toDouble(), ref2.head[1].output(3, 5));
    QCOMPARE(o.value("output").toArray()[2].toArray()[60].toDouble(), ref2.output(2, 60));
    QCOMPARE(tab.result().head[1].weights, ref2.head[1].weights);
}

void TestAttentionTab::dataExportCompletesTheLayerInTheBackground()
{
    // The weights view of a long sequence keeps the selected head only; the data file holds the
    // layer's output concat(O_h) W_O, made of every head. File > Export Data asks the tab to prepare:
    // the whole layer is computed in the background (the event loop runs, the progress shows), then
    // exportData() answers with a full run's numbers without computing anything.
    AttentionTab tab(AttentionTab::declareParams());
    tab.show();
    ParamSet p = tab.params();
    p.set("source", std::string("random"));
    p.set("seq_len", 1500LL);
    p.set("qk_mode", std::string("projected"));
    p.set("head", 2LL);
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    QSignalSpy ready(&tab, &Tab::exportDataReady);
    int ticks = 0;
    QTimer beat;
    connect(&beat, &QTimer::timeout, [&] {
        if (ready.isEmpty())
            ++ticks;
    });
    beat.start(2);
    QVERIFY(!tab.prepareExportData());
    QVERIFY(tab.busy());
    QVERIFY(tab.progressBar()->isVisible());
    QVERIFY(ready.wait(120000));
    QCOMPARE(ready.count(), 1);
    QVERIFY2(ticks > 0, "the event loop did not run while the layer was computed");
    QVERIFY(!tab.busy());
    QVERIFY(!tab.progressBar()->isVisible());
    QVERIFY(tab.prepareExportData());  // nothing left to compute
    QVERIFY(!tab.busy());
    at::Options opt = at::optionsFor(AttentionTab::specFromParams(tab.params()));
    const at::Prepared prep = at::prepare(AttentionTab::specFromParams(tab.params()), nullptr);
    const at::Result ref = at::computeAttention(prep.vectors.x, opt);
    const QJsonObject o = tab.exportData();
    QCOMPARE(o.value("output").toArray()[1400].toArray()[63].toDouble(), ref.output(1400, 63));
    QCOMPARE(o.value("heads_data").toArray()[0].toObject().value("output").toArray()[7].toArray()[3].toDouble(), ref.head[2].output(7, 3));
    // The picture did not change (same head, same block means).
    at::RowMatrix shown;
    at::poolMean(ref.head[2].weights, tab.displayPool(), shown);
    QCOMPARE(heatmapError(tab.heatmap(), shown), 0.0);

    // A change while the export waits: the file is that of the new state, completed in turn.
    ready.clear();
    p.set("temperature", 0.7);
    tab.applyParams(p);
    QVERIFY(!tab.prepareExportData());
    QVERIFY(ready.wait(120000));
    QCOMPARE(ready.count(), 1);
    QVERIFY(tab.prepareExportData());
    opt.temperature = 0.7;
    const at::Result ref2 = at::computeAttention(prep.vectors.x, opt);
    QCOMPARE(tab.exportData().value("output").toArray()[5].toArray()[9].toDouble(), ref2.output(5, 9));

    // Up to 512 tokens everything is at hand: no waiting.
    p.set("seq_len", 300LL);
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    QVERIFY(tab.prepareExportData());
}

void TestAttentionTab::followUpRunsAtIdlePriority()
{
    // The other heads' row entropies after the quick picture of a long sequence are computed on an
    // idle-priority thread; a new change cancels them, waitUntilIdle starts them again at normal
    // priority. Either way the readout is the mean of a full run's entropies.
    AttentionTab tab(AttentionTab::declareParams());
    tab.show();
    ParamSet p = tab.params();
    p.set("source", std::string("random"));
    p.set("seq_len", 640LL);
    p.set("qk_mode", std::string("projected"));
    p.set("head", 2LL);
    const auto meanEntropyOf = [](const ParamSet& ps) {
        const at::Spec spec = AttentionTab::specFromParams(ps);
        const at::Result ref = at::computeAttention(at::prepare(spec, nullptr).vectors.x, at::optionsFor(spec));
        double sum = 0;
        for (const auto& hr : ref.head)
            sum += hr.rowEntropy.mean();
        return QStringLiteral("%1 nats").arg(formatNumber(sum / 4, 4));
    };
    const auto waitForFollowUp = [&tab] {
        QElapsedTimer t;
        t.start();
        while (tab.busy() && !tab.followUpAtIdlePriority() && t.elapsed() < 120000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        return tab.followUpAtIdlePriority();
    };
    tab.applyParams(p);
    QVERIFY(waitForFollowUp());
    // A new change during the follow-up: cancelled, the new quick picture, a new follow-up.
    p.set("temperature", 0.7);
    tab.applyParams(p);
    QVERIFY(waitForFollowUp());
    // Left to finish on its own (the event loop only; waitUntilIdle only if a loaded machine
    // gives the idle thread no core for a minute).
    QElapsedTimer t;
    t.start();
    while (tab.busy() && t.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QVERIFY(tab.waitUntilIdle(120000));
    QCOMPARE(readout(tab, "Mean row entropy, all heads"), meanEntropyOf(p));
    // waitUntilIdle during a follow-up restarts it at normal priority: the same numbers.
    p.set("temperature", 1.3);
    tab.applyParams(p);
    QVERIFY(waitForFollowUp());
    QVERIFY(tab.waitUntilIdle(120000));
    QVERIFY(!tab.followUpAtIdlePriority());
    QCOMPARE(readout(tab, "Mean row entropy, all heads"), meanEntropyOf(p));
}

void TestAttentionTab::staleBackgroundResultsAreDropped()
{
    AttentionTab tab(AttentionTab::declareParams());
    tab.show();
    ParamSet p = tab.params();
    p.set("source", std::string("random"));
    p.set("seq_len", 3000LL);
    tab.applyParams(p);
    p.set("seq_len", 2000LL);
    tab.applyParams(p);
    p.set("seq_len", 700LL);
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    QCOMPARE(tab.result().n, 700);
    QCOMPARE(tab.heatmap()->data()->keySize(), 350);
    // A softmax-only change while a long job is pending must not fall back to the
    // inputs on screen (700 tokens) but apply to the requested 1200.
    p.set("seq_len", 1200LL);
    tab.applyParams(p);
    QVERIFY(tab.busy());
    auto* slider = qobject_cast<QSlider*>(tab.paramPanel()->control("temperature"));
    slider->setValue(slider->value() + 100);
    QVERIFY(tab.waitUntilIdle(120000));
    QCOMPARE(tab.result().n, 1200);
    AIMATH_COMPARE_REL(tab.result().factor, 1.0 / 4.0 / tab.params().real("temperature"), 1e-14);
    QVERIFY(tab.params().real("temperature") > 1.0);
    // A synchronous request made while a job runs wins as well.
    p.set("seq_len", 3000LL);
    tab.applyParams(p);
    QVERIFY(tab.busy());
    p.set("seq_len", 100LL);
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    QCOMPARE(tab.result().n, 100);
    QCOMPARE(tab.heatmap()->data()->keySize(), 100);
}

void TestAttentionTab::exportDataFollowsTheSpec()
{
    ParamSet p = AttentionTab::declareParams();
    p.set("mask", std::string("causal"));
    p.set("qk_mode", std::string("projected"));
    AttentionTab tab(p);
    tab.show();
    const QJsonObject o = tab.exportData();
    QCOMPARE(o.value("tab").toString(), QStringLiteral("attention"));
    QCOMPARE(o.value("tokens").toArray().size(), 12);
    QCOMPARE(o.value("d_model").toInt(), 64);
    QCOMPARE(o.value("heads").toInt(), 4);
    QCOMPARE(o.value("d_k").toInt(), 16);
    QCOMPARE(o.value("mask").toString(), QStringLiteral("causal"));
    const QJsonArray heads = o.value("heads_data").toArray();
    QCOMPARE(heads.size(), 4);
    const at::Result ref = engineFor(tab.params());
    for (int h = 0; h < 4; ++h) {
        const QJsonObject ho = heads[h].toObject();
        QCOMPARE(ho.value("head").toInt(), h);
        const QJsonArray w = ho.value("weights").toArray();
        const QJsonArray s = ho.value("scores").toArray();
        QCOMPARE(ho.value("q").toArray().size(), 12);
        QCOMPARE(ho.value("q").toArray()[0].toArray().size(), 16);
        for (int i = 0; i < 12; ++i) {
            double sum = 0;
            for (int j = 0; j < 12; ++j) {
                sum += w[i].toArray()[j].toDouble();
                if (j > i)
                    QCOMPARE(s[i].toArray()[j].toString(), QStringLiteral("-inf"));
                else
                    QCOMPARE(s[i].toArray()[j].toDouble(), ref.head[h].scores(i, j));
            }
            AIMATH_COMPARE_ABS(sum, 1.0, 1e-14);
            QCOMPARE(ho.value("row_entropy_nats").toArray()[i].toDouble(), ref.head[h].rowEntropy[i]);
        }
        QCOMPARE(ho.value("output").toArray()[3].toArray()[5].toDouble(), ref.head[h].output(3, 5));
    }
    QCOMPARE(o.value("output").toArray()[2].toArray()[60].toDouble(), ref.output(2, 60));
    // CSV: the selected head's weights with token labels.
    const QStringList lines = tab.exportCsv().split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 13);
    QVERIFY(lines[0].contains("\"didn't\""));
}

void TestAttentionTab::hoverTextShowsExactValue()
{
    AttentionTab tab(AttentionTab::declareParams());
    tab.resize(1400, 900);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    tab.heatmapPlot()->replot();
    const QString text = tab.heatmapHoverText(cellCentre(tab, 7, 0));
    QVERIFY2(text.contains("query \"it\" (7)"), qPrintable(text));
    QVERIFY(text.contains("key \"The\" (0)"));
    QVERIFY(text.contains(QString::number(tab.result().head[0].weights(7, 0), 'g', 8)));
    QCOMPARE(tab.heatmapHoverText(QPointF(-10, -10)), QString());
}

void TestAttentionTab::draggedTemperatureGivesFreshNumbers_data()
{
    QTest::addColumn<int>("tokens");
    QTest::addColumn<QString>("view");
    QTest::newRow("200 tokens, computed on the GUI thread") << 200 << "weights";
    QTest::newRow("200 tokens, all heads") << 200 << "heads";
    QTest::newRow("600 tokens, selected head first, the rest in the background") << 600 << "weights";
}

void TestAttentionTab::draggedTemperatureGivesFreshNumbers()
{
    // A temperature drag reuses the cached Q Kᵀ; every number on screen must still be that of a
    // computation from scratch, and a change of the tokens, the seed or d_model must not show old logits.
    QFETCH(int, tokens);
    QFETCH(QString, view);
    AttentionTab tab(AttentionTab::declareParams());
    tab.show();
    ParamSet p = tab.params();
    p.set("source", std::string("random"));
    p.set("seq_len", static_cast<long long>(tokens));
    p.set("qk_mode", std::string("projected"));
    p.set("head", 1LL);
    p.set("view", view.toStdString());
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    auto* slider = qobject_cast<QSlider*>(tab.paramPanel()->control("temperature"));
    QVERIFY(slider);
    const auto checkFresh = [&](const char* what) {
        const at::Spec spec = AttentionTab::specFromParams(tab.params());
        at::Options opt = at::optionsFor(spec);
        opt.threads = 1;
        const at::Prepared prep = at::prepare(spec, nullptr);
        const at::Result ref = at::computeAttention(prep.vectors.x, opt);
        const at::Result& r = tab.result();
        QVERIFY2(r.ok && ref.ok, what);
        QCOMPARE(r.n, ref.n);
        QCOMPARE(r.factor, ref.factor);
        QCOMPARE(r.head[1].weights, ref.head[1].weights);
        QCOMPARE(r.head[1].scores, ref.head[1].scores);
        for (int h = 0; h < r.heads; ++h) {
            QCOMPARE(r.head[h].rowEntropy, ref.head[h].rowEntropy);
            QCOMPARE(r.head[h].maxAbsLogit, ref.head[h].maxAbsLogit);
            QCOMPARE(r.head[h].thumb, ref.head[h].thumb);
        }
        QCOMPARE(r.output, ref.output);
        QCOMPARE(r.meanWeights, ref.meanWeights);
        // The picture: cells of the selected head (block means above 512 tokens), or of the mean over heads.
        if (view == QLatin1String("heads")) {
            QCOMPARE(heatmapError(tab.meanMap(), ref.meanWeights), 0.0);
        } else {
            at::RowMatrix shown = ref.head[1].weights;
            if (tab.displayPool() > 1)
                at::poolMean(ref.head[1].weights, tab.displayPool(), shown);
            QCOMPARE(heatmapError(tab.heatmap(), shown), 0.0);
        }
    };
    for (int step : {150, -400, 90}) {
        slider->setValue(slider->value() + step);
        QVERIFY(tab.waitUntilIdle(120000));
        checkFresh("temperature");
        if (QTest::currentTestFailed())
            return;
    }
    p = tab.params();
    p.set("seed", 5LL);
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    checkFresh("seed");
    p.set("seq_len", static_cast<long long>(tokens - 1));
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    checkFresh("tokens");
    p.set("d_model", 32LL);
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    checkFresh("d_model");
    p.set("positional", std::string("rope"));
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    checkFresh("rope");
    slider->setValue(slider->value() - 200);
    QVERIFY(tab.waitUntilIdle(120000));
    checkFresh("temperature after rope");
}

QTEST_MAIN(TestAttentionTab)
#include "test_attention_tab.moc"
