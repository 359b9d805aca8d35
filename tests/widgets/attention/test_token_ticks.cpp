// Token labels on the attention tab's axes: as many as fit without touching, every token when they
// all fit, and the same labels (nothing laid out again) when only the softmax changes.
// Overlap is checked on the rectangles QCustomPlot draws the labels in (its text bounds, rotation and
// anchor rule, QCPAxisPainterPrivate::getTickLabelDrawOffset), not on the ticker's own arithmetic.

#include "widgets/attention/attention_tab.h"
#include "widgets/attention/heatmap_util.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/plot_view.h"

#include <QSlider>
#include <QTest>
#include <QTransform>

#include <array>
#include <cmath>

using namespace aimath;

namespace {

// The tab's size inside the app's default 1500 × 950 window (menu bar, tab bar and status bar taken off).
const QSize kDefaultTabSize(1496, 866);

using Quad = std::array<QPointF, 4>;

// The rectangle a tick label of `text` occupies on `axis`, placed as QCustomPlot places it (outside
// labels on a bottom or left axis): text bounds of the tick label font (+0.05 pt, as QCustomPlot
// measures), rotated about its anchor corner, the anchor next to the tick.
Quad labelQuad(QCPAxis* axis, double tickPixel, const QString& text)
{
    QFont f = axis->tickLabelFont();
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() + 0.05);
    const QRect b = QFontMetrics(f).boundingRect(0, 0, 0, 0, Qt::TextDontClip | Qt::AlignHCenter, text);
    const double w = b.width(), h = b.height();
    const double rot = axis->tickLabelRotation();
    const double rad = rot / 180.0 * M_PI;
    const QRect r = axis->axisRect()->rect();
    QPointF anchor, offset;
    if (axis->axisType() == QCPAxis::atBottom) {
        anchor = QPointF(tickPixel, r.bottom());
        offset = std::abs(rot) < 1e-9 ? QPointF(-w / 2, 0) : QPointF(std::sin(rad) * h / 2, 0);
        if (rot < 0)
            qFatal("negative rotation not used by the tab");
    } else {
        anchor = QPointF(r.left(), tickPixel);
        if (std::abs(rot) > 1e-9)
            qFatal("rotated left labels not used by the tab");
        offset = QPointF(-w, -h / 2);
    }
    QTransform t;
    t.translate(anchor.x() + offset.x(), anchor.y() + offset.y());
    t.rotate(rot);
    return {t.map(QPointF(0, 0)), t.map(QPointF(w, 0)), t.map(QPointF(w, h)), t.map(QPointF(0, h))};
}

// Separating axis test for two convex quadrilaterals: they overlap by more than `slack` pixels
// along every edge normal of both.
bool overlap(const Quad& a, const Quad& b, double slack = 0.5)
{
    for (const Quad* q : {&a, &b})
        for (int i = 0; i < 4; ++i) {
            const QPointF e = (*q)[(i + 1) % 4] - (*q)[i];
            const QPointF n(-e.y(), e.x());
            const double len = std::hypot(n.x(), n.y());
            if (len < 1e-12)
                continue;
            double a0 = 1e300, a1 = -1e300, b0 = 1e300, b1 = -1e300;
            for (const QPointF& p : a) {
                const double s = (p.x() * n.x() + p.y() * n.y()) / len;
                a0 = std::min(a0, s);
                a1 = std::max(a1, s);
            }
            for (const QPointF& p : b) {
                const double s = (p.x() * n.x() + p.y() * n.y()) / len;
                b0 = std::min(b0, s);
                b1 = std::max(b1, s);
            }
            if (a1 <= b0 + slack || b1 <= a0 + slack)
                return false;
        }
    return true;
}

// The first pair of shown labels of `axis` that overlap, "" when none do.
QString firstOverlap(QCPAxis* axis)
{
    const QVector<double> ticks = axis->tickVector();
    const QVector<QString> labels = axis->tickVectorLabels();
    std::vector<Quad> quads;
    for (int i = 0; i < ticks.size(); ++i)
        quads.push_back(labelQuad(axis, axis->coordToPixel(ticks[i]), labels[i]));
    for (std::size_t i = 0; i < quads.size(); ++i)
        for (std::size_t j = i + 1; j < quads.size(); ++j)
            if (overlap(quads[i], quads[j]))
                return labels[static_cast<int>(i)] + QStringLiteral(" / ") + labels[static_cast<int>(j)];
    return {};
}

void replotNow(QCustomPlot* plot) { plot->replot(QCustomPlot::rpImmediateRefresh); }

}  // namespace

class TestTokenTicks : public QObject {
    Q_OBJECT
private slots:
    void longSequenceLabelsDoNotOverlap_data();
    void longSequenceLabelsDoNotOverlap();
    void shortSentenceHasEveryLabel();
    void labelsFollowTheAxisLength();
    void softmaxChangeKeepsTheLabels();
    void overlapCheckCanFail();
};

void TestTokenTicks::longSequenceLabelsDoNotOverlap_data()
{
    QTest::addColumn<int>("tokens");
    QTest::addColumn<QSize>("size");
    QTest::newRow("2,048 tokens, default window") << 2048 << kDefaultTabSize;
    QTest::newRow("2,048 tokens, headless export layout") << 2048 << QSize(1940, 1240);
    QTest::newRow("600 tokens, small window") << 600 << QSize(1000, 640);
    QTest::newRow("60-word sentence, default window") << -60 << kDefaultTabSize;
}

void TestTokenTicks::longSequenceLabelsDoNotOverlap()
{
    QFETCH(int, tokens);
    QFETCH(QSize, size);
    AttentionTab tab(AttentionTab::declareParams());
    tab.resize(size);
    tab.show();
    ParamSet p = tab.params();
    if (tokens > 0) {
        p.set("source", std::string("random"));
        p.set("seq_len", static_cast<long long>(tokens));
    } else {
        std::string text;
        for (int i = 0; i < -tokens; ++i)
            text += (i ? " " : "") + std::string(i % 3 ? "word" : "longerword") + std::to_string(i);
        p.set("text", text);
    }
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    replotNow(tab.heatmapPlot());
    QCPAxis* hx = tab.heatmap()->keyAxis();
    QCPAxis* hy = tab.heatmap()->valueAxis();
    auto* rowPlot = qobject_cast<QCustomPlot*>(tab.queryBars()->parentPlot());
    QVERIFY(rowPlot);
    replotNow(rowPlot);
    QCPAxis* rx = tab.queryBars()->keyAxis();
    const int n = static_cast<int>(tab.tokens().size());
    for (QCPAxis* a : {hx, hy, rx}) {
        const QString o = firstOverlap(a);
        QVERIFY2(o.isEmpty(), qPrintable(QStringLiteral("overlapping labels %1 on the %2 axis").arg(o, a->label())));
        // Enough labels to find a row by.
        const QVector<QString> labels = a->tickVectorLabels();
        QVERIFY2(labels.size() >= 6, qPrintable(QString::number(labels.size())));
        QVERIFY(labels.size() < n);
        // Labels are tokens, in order, the first token of their cell.
        const auto* ticker = dynamic_cast<attention_view::TokenTicker*>(a->ticker().data());
        QVERIFY(ticker);
        const int pool = a == rx ? 1 : tab.displayPool();
        const QVector<double> ticks = a->tickVector();
        for (int i = 0; i < ticks.size(); ++i) {
            const int cell = static_cast<int>(ticks[i]);
            QCOMPARE(labels[i], QString::fromStdString(tab.tokens()[static_cast<std::size_t>(cell * pool)]));
            QCOMPARE(cell % ticker->step(), 0);
        }
        // One step less would overlap somewhere or the step is already 1: the labels are as many as fit.
        const double pxPerCell = std::abs(a->coordToPixel(1) - a->coordToPixel(0));
        QVERIFY2(ticker->step() == 1 || (ticker->step() - 1) * pxPerCell < 2.5 * QFontMetrics(a->tickLabelFont()).height(),
                 qPrintable(QStringLiteral("step %1, %2 px per cell").arg(ticker->step()).arg(pxPerCell)));
    }
}

void TestTokenTicks::shortSentenceHasEveryLabel()
{
    AttentionTab tab(AttentionTab::declareParams());
    tab.resize(kDefaultTabSize);
    tab.show();
    QVERIFY(tab.waitUntilIdle(10000));
    replotNow(tab.heatmapPlot());
    auto* rowPlot = qobject_cast<QCustomPlot*>(tab.queryBars()->parentPlot());
    replotNow(rowPlot);
    QVector<QString> tokens;
    for (const auto& t : tab.tokens())
        tokens.push_back(QString::fromStdString(t));
    QCOMPARE(tokens.size(), 12);
    for (QCPAxis* a : {tab.heatmap()->keyAxis(), tab.heatmap()->valueAxis(), tab.queryBars()->keyAxis()}) {
        QCOMPARE(a->tickVectorLabels(), tokens);
        QCOMPARE(firstOverlap(a), QString());
    }
}

void TestTokenTicks::labelsFollowTheAxisLength()
{
    AttentionTab tab(AttentionTab::declareParams());
    tab.resize(kDefaultTabSize);
    tab.show();
    ParamSet p = tab.params();
    p.set("source", std::string("random"));
    p.set("seq_len", 2048LL);
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    QCustomPlot* plot = tab.heatmapPlot();
    QCPAxis* hy = tab.heatmap()->valueAxis();
    replotNow(plot);
    const int onScreen = hy->tickVectorLabels().size();
    // A taller figure (an export at twice the height): more labels, still apart, laid out in that same draw.
    const QPixmap tall = plot->toPixmap(plot->width(), plot->height() * 2);
    QVERIFY(!tall.isNull());
    const int tallCount = hy->tickVectorLabels().size();
    QVERIFY2(tallCount > onScreen * 3 / 2, qPrintable(QStringLiteral("%1 → %2").arg(onScreen).arg(tallCount)));
    QCOMPARE(firstOverlap(hy), QString());
    // A small one: fewer, still apart.
    const QPixmap small = plot->toPixmap(plot->width(), plot->height() / 2);
    QVERIFY(!small.isNull());
    QVERIFY(hy->tickVectorLabels().size() < onScreen);
    QCOMPARE(firstOverlap(hy), QString());
    QCOMPARE(firstOverlap(tab.heatmap()->keyAxis()), QString());
    // Back on screen, as before.
    replotNow(plot);
    QCOMPARE(hy->tickVectorLabels().size(), onScreen);
    QCOMPARE(firstOverlap(hy), QString());
}

void TestTokenTicks::softmaxChangeKeepsTheLabels()
{
    AttentionTab tab(AttentionTab::declareParams());
    tab.resize(kDefaultTabSize);
    tab.show();
    ParamSet p = tab.params();
    p.set("source", std::string("random"));
    p.set("seq_len", 700LL);
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    replotNow(tab.heatmapPlot());
    QCPAxis* hy = tab.heatmap()->valueAxis();
    const QSharedPointer<QCPAxisTicker> before = hy->ticker();
    const QVector<QString> labels = hy->tickVectorLabels();
    auto* ticker = dynamic_cast<attention_view::TokenTicker*>(before.data());
    QVERIFY(ticker);
    auto* slider = qobject_cast<QSlider*>(tab.paramPanel()->control("temperature"));
    slider->setValue(slider->value() - 150);
    QVERIFY(tab.waitUntilIdle(120000));
    replotNow(tab.heatmapPlot());
    QCOMPARE(hy->ticker(), before);  // the same ticker, not a new one
    QCOMPARE(hy->tickVectorLabels(), labels);
    QVERIFY(!ticker->setTokens(tab.tokens(), tab.displayPool(), tab.heatmap()->data()->valueSize()));  // nothing to redo
    // Other tokens: other labels.
    p = tab.params();
    p.set("seed", 7LL);
    p.set("seq_len", 900LL);
    tab.applyParams(p);
    QVERIFY(tab.waitUntilIdle(120000));
    replotNow(tab.heatmapPlot());
    QVERIFY(hy->tickVectorLabels() != labels);
    QCOMPARE(firstOverlap(hy), QString());
}

void TestTokenTicks::overlapCheckCanFail()
{
    // The check itself: labels one pixel apart on a left axis overlap, labels far apart do not.
    QCustomPlot plot;
    plot.resize(400, 300);
    plot.replot(QCustomPlot::rpImmediateRefresh);
    QCPAxis* y = plot.yAxis;
    QVERIFY(overlap(labelQuad(y, 100, QStringLiteral("#12")), labelQuad(y, 101, QStringLiteral("#16"))));
    QVERIFY(!overlap(labelQuad(y, 100, QStringLiteral("#12")), labelQuad(y, 160, QStringLiteral("#16"))));
    QCPAxis* x = plot.xAxis;
    x->setTickLabelRotation(60);
    QVERIFY(overlap(labelQuad(x, 100, QStringLiteral("#1200")), labelQuad(x, 104, QStringLiteral("#1600"))));
    QVERIFY(!overlap(labelQuad(x, 100, QStringLiteral("#1200")), labelQuad(x, 140, QStringLiteral("#1600"))));
}

QTEST_MAIN(TestTokenTicks)
#include "test_token_ticks.moc"
