#include "widgets/distributions/distributions_tab.h"

#include "engine/core/parse.h"
#include "widgets/common/decade_ticker.h"
#include "widgets/common/engine_message.h"
#include "widgets/common/number_text.h"
#include "widgets/common/explanation_panel.h"
#include "widgets/common/json_util.h"
#include "widgets/common/palette.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/plot_view.h"
#include "widgets/common/readout_panel.h"
#include "widgets/distributions/curve_graph.h"
#include "widgets/distributions/distributions_params.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace aimath {

using distributions::View;
using prob::Distribution;
using prob::Family;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kCurvePoints = 600;

QColor withAlpha(QColor c, int a)
{
    c.setAlpha(a);
    return c;
}

QPen pen(const QColor& c, double width = 2.0, Qt::PenStyle style = Qt::SolidLine)
{
    QPen p(c, width, style);
    p.setCapStyle(Qt::FlatCap);
    return p;
}

PlotView* makePlot(QWidget* parent, const QString& title, const QString& xLabel, const QString& yLabel)
{
    auto* plot = new PlotView(parent);
    plot->setTitle(title);
    plot->xAxis->setLabel(xLabel);
    plot->yAxis->setLabel(yLabel);
    plot->setInteractiveZoom(true);
    return plot;
}

QCPItemText* makeLabel(QCustomPlot* plot, Qt::Alignment align)
{
    auto* t = new QCPItemText(plot);
    t->setPositionAlignment(align);
    t->setClipToAxisRect(false);
    QFont f = plot->font();
    f.setPointSizeF(9.5);
    t->setFont(f);
    return t;
}

QCPItemStraightLine* makeVLine(QCustomPlot* plot, const QPen& p)
{
    auto* l = new QCPItemStraightLine(plot);
    l->setPen(p);
    return l;
}

void placeVLine(QCPItemStraightLine* l, double x)
{
    l->point1->setCoords(x, 0);
    l->point2->setCoords(x, 1);
}

void placeHLine(QCPItemStraightLine* l, double y)
{
    l->point1->setCoords(0, y);
    l->point2->setCoords(1, y);
}

void setLegend(QCPAbstractPlottable* p, bool on)
{
    if (on)
        p->addToLegend();
    else
        p->removeFromLegend();
}

// A y-range top that ignores the infinite spike of a Beta density at an edge.
double robustTop(const QVector<double>& ys)
{
    QVector<double> v;
    v.reserve(ys.size());
    for (double y : ys)
        if (std::isfinite(y))
            v.push_back(y);
    if (v.isEmpty())
        return 1.0;
    std::sort(v.begin(), v.end());
    const double mx = v.back();
    const double q = v[static_cast<qsizetype>(0.95 * (v.size() - 1))];
    return (mx > 4.0 * q && q > 0) ? 2.0 * q : mx;
}

// The same words as the family combo box (distributions_params.cpp), so one translation serves both.
QString familyLabel(Family f)
{
    static const char* const names[] = {
        QT_TRANSLATE_NOOP("aimath::params", "Gaussian"),  QT_TRANSLATE_NOOP("aimath::params", "Laplace"),
        QT_TRANSLATE_NOOP("aimath::params", "Uniform"),   QT_TRANSLATE_NOOP("aimath::params", "Exponential"),
        QT_TRANSLATE_NOOP("aimath::params", "Beta"),      QT_TRANSLATE_NOOP("aimath::params", "Mixture of 2 Gaussians"),
        QT_TRANSLATE_NOOP("aimath::params", "Bernoulli"), QT_TRANSLATE_NOOP("aimath::params", "Binomial"),
        QT_TRANSLATE_NOOP("aimath::params", "Poisson"),   QT_TRANSLATE_NOOP("aimath::params", "Categorical")};
    return QCoreApplication::translate("aimath::params", names[static_cast<int>(f)]);
}

QString describe(const Distribution& d)
{
    auto n = [](double v) { return formatNumber(v, 4); };
    switch (d.family) {
    case Family::Gaussian: return QStringLiteral("N(%1, %2²)").arg(n(d.mu), n(d.sigma));
    case Family::Laplace: return QStringLiteral("Laplace(%1, %2)").arg(n(d.mu), n(d.scale));
    case Family::Uniform: return QStringLiteral("U(%1, %2)").arg(n(d.low), n(d.high));
    case Family::Exponential: return QStringLiteral("Exp(%1)").arg(n(d.lambda));
    case Family::Beta: return QStringLiteral("Beta(%1, %2)").arg(n(d.alpha), n(d.beta));
    case Family::Mixture: return QStringLiteral("%1·N(%2, %3²) + %4·N(%5, %6²)").arg(n(d.w), n(d.mu), n(d.sigma), n(1 - d.w), n(d.mu2), n(d.sigma2));
    case Family::Bernoulli: return QStringLiteral("Bernoulli(%1)").arg(n(d.p));
    case Family::Binomial: return QStringLiteral("Bin(%1, %2)").arg(d.n).arg(n(d.p));
    case Family::Poisson: return QStringLiteral("Poisson(%1)").arg(n(d.lambda));
    case Family::Categorical: return QCoreApplication::translate("aimath::DistributionsTab", "Categorical(%1 values)").arg(d.probs.size());
    }
    return {};
}

// The family's own parameters, as exported (categorical: normalised probabilities).
QJsonObject paramsJson(const Distribution& d)
{
    QJsonObject o;
    for (const std::string& f : distributions::familyFields(d.family)) {
        const QString k = QString::fromStdString(f);
        if (f == "mu") o[k] = json::number(d.mu);
        else if (f == "sigma") o[k] = json::number(d.sigma);
        else if (f == "mu2") o[k] = json::number(d.mu2);
        else if (f == "sigma2") o[k] = json::number(d.sigma2);
        else if (f == "w") o[k] = json::number(d.w);
        else if (f == "scale") o[k] = json::number(d.scale);
        else if (f == "low") o[k] = json::number(d.low);
        else if (f == "high") o[k] = json::number(d.high);
        else if (f == "lambda") o[k] = json::number(d.lambda);
        else if (f == "alpha") o[k] = json::number(d.alpha);
        else if (f == "beta") o[k] = json::number(d.beta);
        else if (f == "p") o[k] = json::number(d.p);
        else if (f == "n") o[k] = d.n;
        else if (f == "probs") o[k] = json::array(prob::massVector(d));
    }
    return o;
}

QJsonObject distributionJson(const Distribution& d, double entropyNats)
{
    QJsonObject o;
    o["family"] = QString::fromStdString(prob::familyId(d.family));
    o["params"] = paramsJson(d);
    o["entropy_nats"] = json::number(entropyNats);
    o["mean"] = json::number(prob::mean(d));
    o["variance"] = json::number(prob::variance(d));
    return o;
}

// Integer keys worth drawing for discrete distributions: where either has mass above 1e-6.
std::pair<int, int> discreteRange(const Distribution& a, const Distribution& b)
{
    int lo = std::numeric_limits<int>::max(), hi = 0;
    for (const Distribution* d : {&a, &b}) {
        const auto m = prob::massVector(*d);
        for (std::size_t k = 0; k < m.size(); ++k)
            if (m[k] > 1e-6) {
                lo = std::min(lo, static_cast<int>(k));
                hi = std::max(hi, static_cast<int>(k));
            }
    }
    if (lo > hi)
        return {0, 1};
    return {lo, hi};
}
}  // namespace

ParamSet DistributionsTab::declareParams() { return distributions::declareParams(); }

QString DistributionsTab::staticTitle() { return tr("Distributions and entropy"); }

DistributionsTab::DistributionsTab(ParamSet params, QWidget* parent)
    : Tab(std::move(params), parent)
{
    // View switch above the plots (not part of the exported figure).
    m_viewBar = new QWidget(this);
    auto* bar = new QHBoxLayout(m_viewBar);
    bar->setContentsMargins(0, 0, 0, 0);
    m_viewButtons = new QButtonGroup(this);
    m_viewButtons->setExclusive(true);
    const QStringList names{tr("Compare P and Q"), tr("Sampling && estimation"), tr("Next-token decoding"), tr("Joint && mutual information")};
    for (int i = 0; i < names.size(); ++i) {
        auto* b = new QPushButton(names[i], m_viewBar);
        b->setCheckable(true);
        b->setObjectName(QStringLiteral("view_") + QString::fromStdString(distributions::viewIds()[static_cast<std::size_t>(i)]));
        m_viewButtons->addButton(b, i);
        bar->addWidget(b);
    }
    bar->addStretch(1);
    connect(m_viewButtons, &QButtonGroup::idClicked, this, &DistributionsTab::onViewButton);
    figureLayout()->addWidget(m_viewBar);

    m_stack = new QStackedWidget(this);
    for (int i = 0; i < 4; ++i) {
        auto* page = new QWidget(m_stack);
        m_stack->addWidget(page);
    }
    buildCompareView(m_stack->widget(0));
    buildSamplingView(m_stack->widget(1));
    buildDecodingView(m_stack->widget(2));
    buildJointView(m_stack->widget(3));
    figureLayout()->addWidget(m_stack, 1);
    buildExtraControls();
    m_samplingWatcher = new QFutureWatcher<SamplingJob>(this);
    m_busyTitleTimer = new QTimer(this);
    m_busyTitleTimer->setSingleShot(true);
    m_busyTitleTimer->setInterval(150);
    connect(m_busyTitleTimer, &QTimer::timeout, this, [this] {
        if (!m_samplingBusy)
            return;
        m_histPlot->setTitle(tr("Drawing %1 samples from P …").arg(countText(m_params.integer("samples"))));
        m_histPlot->replot(QCustomPlot::rpQueuedReplot);
    });
    connect(m_samplingWatcher, &QFutureWatcherBase::finished, this, &DistributionsTab::onSamplingFinished);

    for (PlotView* p : {m_pqPlot, m_barPlot, m_histPlot, m_runPlot, m_bayesPlot, m_tokenPlot, m_logitPlot, m_tempPlot, m_jointPlot, m_pxPlot,
                        m_pyPlot, m_infoPlot})
        trackPlot(p);
    onParamsChanged({});

    // Each experiment sets everything its observation depends on (checked with --set and --export-data).
    setTryThis({
        {tr("Fit one Gaussian to the two-peaked mixture with reverse KL: the dashed curve locks onto one peak (μ ≈ 2, σ ≈ 0.84). "
            "Switch “Gaussian fit of P” to forward and it spreads over both (μ = 0, σ ≈ 2.1)."),
         {{"view", "compare"}, {"p_family", "mixture"}, {"p_mu", "-2"}, {"p_sigma", "0.6"}, {"p_mu2", "2"}, {"p_sigma2", "0.8"},
          {"p_w", "0.5"}, {"fit", "reverse"}}},
        {tr("Set the temperature to 0.1: the entropy of the softmax falls almost to 0 and the top token takes nearly all the "
            "probability (greedy decoding). At T = 5 the entropy climbs towards ln V."),
         {{"view", "decoding"}, {"temperature", "0.1"}}},
        {tr("Make Y a copy of X (table 1 0 / 0 1): I(X;Y) = H(X) = H(Y) = ln 2 ≈ 0.693 nats and both conditional entropies are 0. "
            "Make all four cells equal and I(X;Y) drops to 0."),
         {{"view", "joint"}, {"joint_rows", "2"}, {"joint_cols", "2"}, {"joint", "1,0,0,1"}}},
    });
}

DistributionsTab::~DistributionsTab()
{
    // The worker owns copies of everything it touches; wait so no thread outlives the tab.
    // Only while busy: after takeResult() the watcher's future is invalid and must not be waited on.
    if (m_samplingBusy)
        m_samplingWatcher->waitForFinished();
    // Hiding a focused line edit during ~QWidget emits editingFinished, and the panel would
    // then commit into m_params after Tab's members are gone: silence the editors first.
    for (QLineEdit* edit : findChildren<QLineEdit*>())
        edit->blockSignals(true);
}

QWidget* DistributionsTab::figure() const { return m_stack->currentWidget(); }

// ---------------------------------------------------------------- building

void DistributionsTab::buildCompareView(QWidget* page)
{
    auto* layout = new QHBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Horizontal, page);
    layout->addWidget(split);

    m_pqPlot = makePlot(split, tr("P and Q"), tr("x"), tr("density"));
    const QColor pc = palette::color("p"), qc = palette::color("q"), fc = palette::color("fit");
    m_pCurve = new CurveGraph(m_pqPlot->xAxis, m_pqPlot->yAxis);  // wide smooth curves: see curve_graph.h
    m_pCurve->setPen(pen(pc, 2.5));
    m_pCurve->setBrush(withAlpha(pc, 40));
    m_pCurve->setName(QStringLiteral("P"));
    m_qCurve = new CurveGraph(m_pqPlot->xAxis, m_pqPlot->yAxis);
    m_qCurve->setPen(pen(qc, 2.5));
    m_qCurve->setBrush(withAlpha(qc, 30));
    m_qCurve->setName(QStringLiteral("Q"));
    m_fitCurve = new CurveGraph(m_pqPlot->xAxis, m_pqPlot->yAxis);
    m_fitCurve->setPen(pen(fc, 2.0, Qt::DashLine));
    m_fitCurve->setName(tr("Gaussian fit"));
    m_pBars = new QCPBars(m_pqPlot->xAxis, m_pqPlot->yAxis);
    m_pBars->setName(QStringLiteral("P"));
    m_pBars->setPen(pen(pc.darker(130), 1));
    m_pBars->setBrush(withAlpha(pc, 190));
    m_pBars->setWidth(0.38);
    m_qBars = new QCPBars(m_pqPlot->xAxis, m_pqPlot->yAxis);
    m_qBars->setName(QStringLiteral("Q"));
    m_qBars->setPen(pen(qc.darker(130), 1));
    m_qBars->setBrush(withAlpha(qc, 170));
    m_qBars->setWidth(0.38);
    m_pqNote = makeLabel(m_pqPlot, Qt::AlignLeft | Qt::AlignTop);
    m_pqNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_pqNote->position->setCoords(0.01, 0.02);
    m_pqPlot->legend->setVisible(true);
    m_pqPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    m_barPlot = makePlot(split, tr("H(P,Q) = H(P) + KL(P‖Q)"), QString(), tr("nats"));
    m_barPlot->setInteractiveZoom(false);
    m_barH = new QCPBars(m_barPlot->xAxis, m_barPlot->yAxis);
    m_barH->setBrush(withAlpha(pc, 200));
    m_barH->setPen(pen(pc.darker(130), 1));
    m_barH->setName(QStringLiteral("H(P)"));
    m_barKl = new QCPBars(m_barPlot->xAxis, m_barPlot->yAxis);
    m_barKl->setBrush(withAlpha(palette::color("kl"), 200));
    m_barKl->setPen(pen(palette::color("kl").darker(130), 1));
    m_barKl->setName(QStringLiteral("KL(P‖Q)"));
    m_barCross = new QCPBars(m_barPlot->xAxis, m_barPlot->yAxis);
    m_barCross->setBrush(withAlpha(QColor(90, 90, 90), 170));
    m_barCross->setPen(pen(QColor(60, 60, 60), 1));
    m_barCross->setName(QStringLiteral("H(P,Q)"));
    for (QCPBars* b : {m_barH, m_barKl, m_barCross})
        b->setWidth(0.7);
    for (auto*& l : m_barLabels)
        l = makeLabel(m_barPlot, Qt::AlignHCenter | Qt::AlignBottom);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->setTicks(QVector<double>{1, 2, 3}, QVector<QString>{QStringLiteral("H(P)"), QStringLiteral("KL(P‖Q)"), QStringLiteral("H(P,Q)")});
    m_barPlot->xAxis->setTicker(ticker);
    m_barPlot->xAxis->setRange(0.4, 3.6);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({900, 330});
}

void DistributionsTab::buildSamplingView(QWidget* page)
{
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Vertical, page);
    layout->addWidget(split);
    const QColor pc = palette::color("p"), fc = palette::color("fit");

    m_histPlot = makePlot(split, tr("Samples from P"), tr("x"), tr("density"));
    m_histBars = new QCPBars(m_histPlot->xAxis, m_histPlot->yAxis);
    m_histBars->setName(tr("histogram of the sample"));
    m_histBars->setBrush(QColor(160, 160, 160, 150));
    m_histBars->setPen(pen(QColor(110, 110, 110), 1));
    // Axis-aligned boxes gain nothing from antialiasing, and 120 translucent antialiased
    // polygons took 14 ms of a 36 ms replot at 10^6 samples.
    m_histBars->setAntialiased(false);
    m_trueCurve = new CurveGraph(m_histPlot->xAxis, m_histPlot->yAxis);
    m_trueCurve->setName(tr("true P"));
    m_trueCurve->setPen(pen(pc, 2.5));
    m_mleCurve = new CurveGraph(m_histPlot->xAxis, m_histPlot->yAxis);
    m_mleCurve->setName(tr("maximum-likelihood fit"));
    m_mleCurve->setPen(pen(fc, 2.0, Qt::DashLine));
    m_histPlot->legend->setVisible(true);
    m_histPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    auto* bottom = new QSplitter(Qt::Horizontal, split);
    m_runPlot = makePlot(bottom, tr("Law of large numbers: running mean"), tr("samples drawn m (log)"), tr("mean of first m"));
    setDecadeAxis(m_runPlot->xAxis);  // 10ⁿ labels as on every log axis ("10000" and "100000" sat beside "10⁶")
    m_runGraph = m_runPlot->addGraph();
    m_runGraph->setName(tr("running mean"));
    m_runGraph->setPen(pen(QColor(90, 90, 90), 1.0));  // a jagged curve: 1 px takes the fast cosmetic stroker (8 → 1 ms a replot)
    m_runTrue = new CurveGraph(m_runPlot->xAxis, m_runPlot->yAxis);  // a 2 px dashed line across the plot: one polyline per dash
    m_runTrue->setName(tr("true mean E[X]"));
    m_runTrue->setPen(pen(pc, 2.0, Qt::DashLine));
    m_runPlot->legend->setVisible(true);

    m_bayesPlot = makePlot(bottom, tr("Bayes for a coin"), tr("θ = P(x = 1)"), tr("density"));
    m_prior = m_bayesPlot->addGraph();
    m_prior->setName(tr("prior Beta(α, β)"));
    m_prior->setPen(pen(palette::color("prior"), 2.0, Qt::DashLine));
    m_likelihood = m_bayesPlot->addGraph();
    m_likelihood->setName(tr("likelihood (normalised)"));
    m_likelihood->setPen(pen(palette::color("likelihood"), 2.0, Qt::DotLine));
    m_posterior = m_bayesPlot->addGraph();
    m_posterior->setName(tr("posterior"));
    m_posterior->setPen(pen(palette::color("posterior"), 2.5));
    m_posterior->setBrush(withAlpha(palette::color("posterior"), 40));
    m_mleLine = makeVLine(m_bayesPlot, pen(QColor(60, 60, 60), 1.5, Qt::DashLine));
    m_mapLine = makeVLine(m_bayesPlot, pen(palette::color("posterior").darker(140), 1.5));
    m_mleLabel = makeLabel(m_bayesPlot, Qt::AlignLeft | Qt::AlignTop);
    m_mapLabel = makeLabel(m_bayesPlot, Qt::AlignLeft | Qt::AlignTop);
    m_bayesPlot->legend->setVisible(true);
    m_bayesPlot->xAxis->setRange(0, 1);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
}

void DistributionsTab::buildDecodingView(QWidget* page)
{
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Vertical, page);
    layout->addWidget(split);
    const QColor pc = palette::color("p");

    m_tokenPlot = makePlot(split, QString(), QString(), tr("probability"));
    m_origKept = new QCPBars(m_tokenPlot->xAxis, m_tokenPlot->yAxis);
    m_origKept->setName(tr("softmax(logits / T)"));
    m_origKept->setBrush(withAlpha(pc, 90));
    m_origKept->setPen(pen(pc, 1));
    m_origCut = new QCPBars(m_tokenPlot->xAxis, m_tokenPlot->yAxis);
    m_origCut->setName(tr("cut by top-k / top-p / min-p"));
    m_origCut->setBrush(QColor(190, 190, 190, 200));
    m_origCut->setPen(pen(QColor(150, 150, 150), 1));
    m_finalBars = new QCPBars(m_tokenPlot->xAxis, m_tokenPlot->yAxis);
    m_finalBars->setName(tr("final (renormalised)"));
    m_finalBars->setBrush(withAlpha(pc.darker(120), 220));
    m_finalBars->setPen(pen(pc.darker(160), 1));
    for (QCPBars* b : {m_origKept, m_origCut, m_finalBars})
        b->setWidth(0.38);
    m_sampledGraph = m_tokenPlot->addGraph();
    m_sampledGraph->setName(tr("sampled frequency"));
    m_sampledGraph->setLineStyle(QCPGraph::lsNone);
    m_sampledGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, palette::color("sampled"), palette::color("sampled"), 9));
    m_cumCurve = new QCPCurve(m_tokenPlot->xAxis, m_tokenPlot->yAxis);
    m_cumCurve->setName(tr("cumulative (top-p order)"));
    m_cumCurve->setPen(pen(palette::color("cumulative"), 1.5));
    m_cumCurve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
    m_topPLine = new QCPItemStraightLine(m_tokenPlot);
    m_topPLine->setPen(pen(palette::color("cumulative"), 1, Qt::DashLine));
    m_tokenPlot->legend->setVisible(true);
    // Mid-right: the tail tokens' bars are short there and the cumulative line runs above.
    m_tokenPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignVCenter | Qt::AlignRight);
    m_tokenPlot->xAxis->setTickLabelRotation(40);
    m_tokenPlot->setInteractiveZoom(false);

    auto* bottom = new QSplitter(Qt::Horizontal, split);
    m_logitPlot = makePlot(bottom, tr("Logits (drag a bar up or down)"), QString(), tr("logit z"));
    m_logitPlot->setInteractiveZoom(false);
    m_logitBars = new QCPBars(m_logitPlot->xAxis, m_logitPlot->yAxis);
    m_logitBars->setName(tr("logits"));
    m_logitBars->setBrush(withAlpha(pc, 150));
    m_logitBars->setPen(pen(pc.darker(140), 1));
    m_logitBars->setWidth(0.7);
    m_logitPlot->xAxis->setTickLabelRotation(40);
    connect(m_logitPlot, &QCustomPlot::mousePress, this, &DistributionsTab::onLogitPress);
    connect(m_logitPlot, &QCustomPlot::mouseMove, this, &DistributionsTab::onLogitMove);
    connect(m_logitPlot, &QCustomPlot::mouseRelease, this, &DistributionsTab::onLogitRelease);
    m_tempPlot = makePlot(bottom, tr("Entropy of softmax(logits / T) against T"), tr("temperature T (log)"), tr("entropy (nats)"));
    setDecadeAxis(m_tempPlot->xAxis);
    m_tempGraph = m_tempPlot->addGraph();
    m_tempGraph->setName(tr("H(T)"));
    m_tempGraph->setPen(pen(pc, 2.0));
    m_tempMarker = m_tempPlot->addGraph();
    m_tempMarker->setName(tr("current T"));
    m_tempMarker->setLineStyle(QCPGraph::lsNone);
    m_tempMarker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, palette::color("q"), palette::color("q"), 10));
    m_tempLine = makeVLine(m_tempPlot, pen(palette::color("q"), 1, Qt::DashLine));
    m_lnVLine = new QCPItemStraightLine(m_tempPlot);
    m_lnVLine->setPen(pen(QColor(120, 120, 120), 1, Qt::DotLine));
    m_tempPlot->legend->setVisible(true);
    m_tempPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
}

void DistributionsTab::buildJointView(QWidget* page)
{
    auto* layout = new QHBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Horizontal, page);
    layout->addWidget(split);
    auto* left = new QWidget(split);
    auto* grid = new QGridLayout(left);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);

    m_pyPlot = makePlot(left, tr("p(y), marginal of Y"), QString(), tr("p(y)"));
    m_pyPlot->setInteractiveZoom(false);
    m_pyBars = new QCPBars(m_pyPlot->xAxis, m_pyPlot->yAxis);
    m_pyBars->setBrush(withAlpha(palette::color("y"), 200));
    m_pyBars->setPen(pen(palette::color("y").darker(130), 1));
    m_pyBars->setWidth(0.7);
    m_pyPlot->yAxis->setRange(0, 1);

    m_jointPlot = makePlot(left, tr("Joint p(x, y)"), tr("y"), tr("x"));
    m_jointPlot->setInteractiveZoom(false);
    m_jointMap = new QCPColorMap(m_jointPlot->xAxis, m_jointPlot->yAxis);
    m_jointMap->setGradient(palette::viridis());
    m_jointMap->setInterpolate(false);
    m_jointMap->setTightBoundary(false);
    m_jointPlot->yAxis->setRangeReversed(true);
    for (int i = 0; i < 16; ++i) {
        auto* t = makeLabel(m_jointPlot, Qt::AlignCenter);
        t->setClipToAxisRect(true);
        m_cellLabels.push_back(t);
    }

    m_pxPlot = makePlot(left, tr("p(x)"), tr("p(x)"), QString());
    m_pxPlot->setInteractiveZoom(false);
    m_pxBars = new QCPBars(m_pxPlot->yAxis, m_pxPlot->xAxis);
    m_pxBars->setBrush(withAlpha(palette::color("x"), 200));
    m_pxBars->setPen(pen(palette::color("x").darker(130), 1));
    m_pxBars->setWidth(0.7);
    m_pxPlot->yAxis->setRangeReversed(true);
    m_pxPlot->xAxis->setRange(0, 1);

    grid->addWidget(m_pyPlot, 0, 0);
    grid->addWidget(m_jointPlot, 1, 0);
    grid->addWidget(m_pxPlot, 1, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 3);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 1);

    m_infoPlot = makePlot(split, tr("Information diagram (to scale)"), tr("nats"), QString());
    m_infoPlot->setInteractiveZoom(false);
    m_infoSpacer = new QCPBars(m_infoPlot->yAxis, m_infoPlot->xAxis);
    m_infoSpacer->setBrush(Qt::NoBrush);
    m_infoSpacer->setPen(Qt::NoPen);
    m_infoHxy = new QCPBars(m_infoPlot->yAxis, m_infoPlot->xAxis);
    m_infoHxy->setName(QStringLiteral("H(X|Y)"));
    m_infoHxy->setBrush(withAlpha(palette::color("x"), 200));
    m_infoMi = new QCPBars(m_infoPlot->yAxis, m_infoPlot->xAxis);
    m_infoMi->setName(QStringLiteral("I(X;Y)"));
    m_infoMi->setBrush(withAlpha(palette::color("mi"), 220));
    m_infoHyx = new QCPBars(m_infoPlot->yAxis, m_infoPlot->xAxis);
    m_infoHyx->setName(QStringLiteral("H(Y|X)"));
    m_infoHyx->setBrush(withAlpha(palette::color("y"), 200));
    for (QCPBars* b : {m_infoSpacer, m_infoHxy, m_infoMi, m_infoHyx})
        b->setWidth(0.6);
    for (QCPBars* b : {m_infoHxy, m_infoMi, m_infoHyx})
        b->setPen(pen(QColor(60, 60, 60), 1));
    m_infoHxy->moveAbove(m_infoSpacer);
    m_infoMi->moveAbove(m_infoHxy);
    m_infoHyx->moveAbove(m_infoMi);
    m_infoSpacer->removeFromLegend();
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->setTicks(QVector<double>{1, 2, 3}, QVector<QString>{QStringLiteral("H(Y)"), QStringLiteral("H(X)"), QStringLiteral("H(X,Y)")});
    m_infoPlot->yAxis->setTicker(ticker);
    // H(X,Y) and H(Y) both run to the right edge: the legend goes above the top bar, where the
    // range leaves room for it (at the bottom right it covered H(Y)).
    m_infoPlot->yAxis->setRange(0.4, 4.2);
    m_infoPlot->legend->setVisible(true);
    m_infoPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
}

void DistributionsTab::buildExtraControls()
{
    // Compare: the Fit Q action.
    m_compareExtras = new QWidget(this);
    auto* cl = new QVBoxLayout(m_compareExtras);
    cl->setContentsMargins(0, 0, 0, 0);
    m_fitButton = new QPushButton(tr("Fit Q"), m_compareExtras);
    m_fitButton->setToolTip(tr("Make Q the Gaussian closest to P under the KL chosen in \"Gaussian fit of P\"."));
    m_fitNote = new QLabel(m_compareExtras);
    m_fitNote->setWordWrap(true);
    cl->addWidget(m_fitButton);
    cl->addWidget(m_fitNote);
    connect(m_fitButton, &QPushButton::clicked, this, &DistributionsTab::onFitQ);
    controlsExtraLayout()->addWidget(m_compareExtras);

    // Decoding: vocabulary table (token, logit) and the Sample action.
    m_decodingExtras = new QWidget(this);
    auto* dl = new QVBoxLayout(m_decodingExtras);
    dl->setContentsMargins(0, 0, 0, 0);
    // Word-wrapped: the control column is narrow and the translations differ in length.
    auto* vocabLabel = new QLabel(tr("Vocabulary (edit a token or its logit):"), m_decodingExtras);
    vocabLabel->setWordWrap(true);
    dl->addWidget(vocabLabel);
    m_vocab = new QTableWidget(0, 2, m_decodingExtras);
    m_vocab->setHorizontalHeaderLabels({tr("token"), tr("logit")});
    m_vocab->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_vocab->verticalHeader()->setDefaultSectionSize(22);
    m_vocab->setMinimumHeight(200);
    dl->addWidget(m_vocab);
    auto* rowButtons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add token"), m_decodingExtras);
    auto* remove = new QPushButton(tr("Remove selected"), m_decodingExtras);
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    dl->addLayout(rowButtons);
    m_sampleButton = new QPushButton(tr("Sample"), m_decodingExtras);
    m_sampleButton->setToolTip(tr("Draw \"Draws\" tokens from the final distribution and show their frequencies (again: next seed)."));
    dl->addWidget(m_sampleButton);
    connect(m_vocab, &QTableWidget::itemChanged, this, &DistributionsTab::onVocabularyEdited);
    connect(add, &QPushButton::clicked, this, &DistributionsTab::onVocabularyAdd);
    connect(remove, &QPushButton::clicked, this, &DistributionsTab::onVocabularyRemove);
    connect(m_sampleButton, &QPushButton::clicked, this, &DistributionsTab::onSample);
    controlsExtraLayout()->addWidget(m_decodingExtras);

    // Joint: shape and the table of weights.
    m_jointExtras = new QWidget(this);
    auto* jl = new QVBoxLayout(m_jointExtras);
    jl->setContentsMargins(0, 0, 0, 0);
    auto* shape = new QHBoxLayout;
    m_rowsSpin = new QSpinBox(m_jointExtras);
    m_colsSpin = new QSpinBox(m_jointExtras);
    for (QSpinBox* s : {m_rowsSpin, m_colsSpin})
        s->setRange(2, 4);
    shape->addWidget(new QLabel(tr("X values"), m_jointExtras));
    shape->addWidget(m_rowsSpin);
    shape->addWidget(new QLabel(tr("Y values"), m_jointExtras));
    shape->addWidget(m_colsSpin);
    jl->addLayout(shape);
    auto* weightsLabel = new QLabel(tr("Weights p(x, y) (normalised; rows x, columns y):"), m_jointExtras);
    weightsLabel->setWordWrap(true);
    jl->addWidget(weightsLabel);
    m_jointTable = new QTableWidget(3, 3, m_jointExtras);
    m_jointTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_jointTable->setMinimumHeight(140);
    jl->addWidget(m_jointTable);
    connect(m_rowsSpin, &QSpinBox::valueChanged, this, &DistributionsTab::onJointShapeChanged);
    connect(m_colsSpin, &QSpinBox::valueChanged, this, &DistributionsTab::onJointShapeChanged);
    connect(m_jointTable, &QTableWidget::itemChanged, this, &DistributionsTab::onJointEdited);
    controlsExtraLayout()->addWidget(m_jointExtras);
}

// ---------------------------------------------------------------- computing

void DistributionsTab::ensureCompare() const
{
    if (m_compare.valid)
        return;
    m_compare.p = distributions::distributionOf(m_params, "p");
    m_compare.q = distributions::distributionOf(m_params, "q");
    m_compare.cmp = prob::compare(m_compare.p, m_compare.q);
    const std::string& fit = m_params.text("fit");
    m_compare.fit = prob::GaussianFit{};
    if (fit != "none")
        m_compare.fit = prob::fitGaussian(m_compare.p, fit == "forward" ? prob::FitObjective::Forward : prob::FitObjective::Reverse);
    m_compare.valid = true;
}

DistributionsTab::SamplingState DistributionsTab::computeSampling(const ParamSet& params, std::vector<double>& samples, std::vector<double>& scratch,
                                                                  prob::StandardDraws& draws)
{
    SamplingState st;
    const Distribution p = distributions::distributionOf(params, "p");
    prob::drawSamples(p, static_cast<std::size_t>(params.integer("samples")), static_cast<std::uint64_t>(params.integer("seed")), draws, samples);
    st.summary = prob::summarize(samples);
    st.mle = prob::maximumLikelihood(samples, p, scratch, st.summary, &draws);  // no second summary pass; a μ/σ drag reads the quartiles off the sorted draws
    if (!prob::isDiscrete(p.family)) {
        const prob::Span span = prob::plotSpan(p);
        st.histLo = span.lo;
        st.histHi = span.hi;
        st.histBins = std::clamp(static_cast<int>(std::lround(2.0 * std::cbrt(static_cast<double>(samples.size())))), 5, 120);
        // A μ/σ drag counts the bins by searching the sorted draws (the same counts).
        prob::histogram(samples, draws, p, st.histLo, st.histHi, st.histBins, st.histCentres, st.histDensity);
    }
    st.bernoulli = p.family == Family::Bernoulli;
    if (st.bernoulli)
        st.posterior = prob::betaBernoulli(samples, params.real("prior_alpha"), params.real("prior_beta"));
    st.valid = true;
    return st;
}

void DistributionsTab::ensureSampling() const
{
    if (!m_sampling.valid)
        m_sampling = computeSampling(m_params, m_samples, m_scratch, m_draws);
}

void DistributionsTab::startSamplingJob()
{
    if (m_samplingBusy) {
        m_samplingPending = true;  // coalesce: one more job with the newest parameters when this one ends
        return;
    }
    m_samplingBusy = true;
    m_samplingPending = false;
    const int generation = m_samplingGeneration;
    m_samplingWatcher->setFuture(QtConcurrent::run(
        [params = m_params, samples = std::move(m_jobSamples), scratch = std::move(m_jobScratch), draws = std::move(m_jobDraws),
         generation]() mutable {
            SamplingJob job;
            job.state = computeSampling(params, samples, scratch, draws);
            job.samples = std::move(samples);
            job.scratch = std::move(scratch);
            job.draws = std::move(draws);
            job.generation = generation;
            return job;
        }));
    // Said only when the job takes a while: an immediate title change would replot the
    // histogram twice for every μ drag, which reuses its draws and takes milliseconds.
    m_busyTitleTimer->start();
}

void DistributionsTab::onSamplingFinished()
{
    SamplingJob job = m_samplingWatcher->future().takeResult();
    m_samplingBusy = false;
    m_busyTitleTimer->stop();
    m_jobDraws = std::move(job.draws);
    if (job.generation != m_samplingGeneration || m_sampling.valid) {
        // Stale (the parameters moved on): keep the buffers, drop the numbers.
        m_jobSamples = std::move(job.samples);
        m_jobScratch = std::move(job.scratch);
    } else {
        std::swap(m_samples, job.samples);
        std::swap(m_scratch, job.scratch);
        m_jobSamples = std::move(job.samples);
        m_jobScratch = std::move(job.scratch);
        m_sampling = job.state;
        if (distributions::viewOf(m_params) == View::Sampling)
            drawSampling();
    }
    if (m_samplingPending && !m_sampling.valid)
        startSamplingJob();
    m_samplingPending = false;
}

bool DistributionsTab::waitUntilIdle(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (m_samplingBusy) {
        if (timer.elapsed() > timeoutMs)
            return false;
        m_samplingWatcher->waitForFinished();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return Tab::waitUntilIdle(timeoutMs);
}

void DistributionsTab::ensureDecoding() const
{
    if (m_decodingValid)
        return;
    m_decoding = prob::decode(distributions::decodingOf(m_params));
    prob::entropyOverTemperature(m_params.reals("logits"), 0.01, 100.0, 300, m_tempT, m_tempH);
    m_decodingValid = true;
}

void DistributionsTab::ensureJoint() const
{
    if (m_jointValid)
        return;
    m_joint = prob::jointInformation(m_params.reals("joint"), static_cast<int>(m_params.integer("joint_rows")),
                                     static_cast<int>(m_params.integer("joint_cols")));
    m_jointValid = true;
}

// ---------------------------------------------------------------- parameters

void DistributionsTab::onParamsChanged(const std::set<std::string>& keys)
{
    // Switching P between continuous and discrete brings Q along to a sensible default.
    if (keys.count("p_family")) {
        Family p = Family::Gaussian, q = Family::Gaussian;
        prob::familyFromId(m_params.text("p_family"), p);
        prob::familyFromId(m_params.text("q_family"), q);
        if (prob::isDiscrete(p) != prob::isDiscrete(q)) {
            setParam("q_family", prob::familyId(distributions::defaultQFamilyFor(p)));
            return;  // setParam recomputed everything
        }
    }
    beginCompute();
    m_compare.valid = false;
    m_sampling.valid = false;
    ++m_samplingGeneration;
    m_decodingValid = false;
    m_jointValid = false;
    updateVisibility();
    syncEditors();
    switch (distributions::viewOf(m_params)) {
    case View::Compare: ensureCompare(); break;
    case View::Sampling:
        if (static_cast<std::size_t>(m_params.integer("samples")) >= kAsyncSampleThreshold)
            startSamplingJob();
        else
            ensureSampling();
        break;
    case View::Decoding:
        ensureDecoding();
        if (m_showSampledTokens && m_decoding.ok)
            m_sampledFreq = prob::sampleTokenFrequencies(m_decoding.finalProbs, static_cast<int>(m_params.integer("draws")),
                                                         static_cast<std::uint64_t>(m_params.integer("seed")), m_tokenUniforms);
        break;
    case View::Joint: ensureJoint(); break;
    }
    endCompute();
    switch (distributions::viewOf(m_params)) {
    case View::Compare: drawCompare(); break;
    case View::Sampling:
        if (m_sampling.valid)
            drawSampling();  // else the worker draws when it is done
        break;
    case View::Decoding: drawDecoding(); break;
    case View::Joint: drawJoint(); break;
    }
    updateExplanation();
}

void DistributionsTab::updateVisibility()
{
    const View view = distributions::viewOf(m_params);
    {
        const QSignalBlocker block(m_viewButtons);
        m_viewButtons->button(static_cast<int>(view))->setChecked(true);
    }
    m_stack->setCurrentIndex(static_cast<int>(view));
    ParamPanel* panel = paramPanel();
    panel->setGroupVisible("P", view == View::Compare || view == View::Sampling);
    panel->setGroupVisible("Q", view == View::Compare);
    panel->setGroupVisible("Compare", view == View::Compare);
    panel->setGroupVisible("Sampling", view == View::Sampling);
    panel->setGroupVisible("Random", view == View::Sampling || view == View::Decoding);
    panel->setGroupVisible("Decoding", view == View::Decoding);
    m_compareExtras->setVisible(view == View::Compare);
    m_decodingExtras->setVisible(view == View::Decoding);
    m_jointExtras->setVisible(view == View::Joint);

    // Only the fields of each side's family.
    Family pf = Family::Gaussian;
    prob::familyFromId(m_params.text("p_family"), pf);
    const Family qf = distributions::effectiveQFamily(m_params);
    for (const auto& [side, fam] : {std::pair<std::string, Family>{"p", pf}, {"q", qf}}) {
        const auto& used = distributions::familyFields(fam);
        for (const std::string& f : distributions::allFields())
            panel->setParamVisible(side + "_" + f, std::find(used.begin(), used.end(), f) != used.end());
    }
    panel->setParamVisible("prior_alpha", pf == Family::Bernoulli);
    panel->setParamVisible("prior_beta", pf == Family::Bernoulli);
    // Q's family list offers only P's kind.
    if (auto* combo = qobject_cast<QComboBox*>(panel->control("q_family"))) {
        if (auto* list = qobject_cast<QListView*>(combo->view())) {
            for (int i = 0; i < combo->count(); ++i)
                list->setRowHidden(i, prob::isDiscrete(static_cast<Family>(i)) != prob::isDiscrete(pf));
        }
    }
}

void DistributionsTab::syncEditors()
{
    m_syncing = true;
    {
        const QSignalBlocker b(m_vocab);
        const auto& tokens = m_params.texts("tokens");
        const auto& logits = m_params.reals("logits");
        m_vocab->setRowCount(static_cast<int>(tokens.size()));
        for (int i = 0; i < static_cast<int>(tokens.size()); ++i) {
            m_vocab->setItem(i, 0, new QTableWidgetItem(QString::fromStdString(tokens[static_cast<std::size_t>(i)])));
            const double l = i < static_cast<int>(logits.size()) ? logits[static_cast<std::size_t>(i)] : 0.0;
            m_vocab->setItem(i, 1, new QTableWidgetItem(QString::fromStdString(formatReal(l))));
        }
    }
    {
        const QSignalBlocker b(m_jointTable), r(m_rowsSpin), c(m_colsSpin);
        const int rows = static_cast<int>(m_params.integer("joint_rows")), cols = static_cast<int>(m_params.integer("joint_cols"));
        m_rowsSpin->setValue(rows);
        m_colsSpin->setValue(cols);
        m_jointTable->setRowCount(rows);
        m_jointTable->setColumnCount(cols);
        const auto& w = m_params.reals("joint");
        QStringList rowNames, colNames;
        for (int i = 0; i < rows; ++i)
            rowNames << QStringLiteral("x=%1").arg(i);
        for (int j = 0; j < cols; ++j)
            colNames << QStringLiteral("y=%1").arg(j);
        m_jointTable->setVerticalHeaderLabels(rowNames);
        m_jointTable->setHorizontalHeaderLabels(colNames);
        for (int i = 0; i < rows; ++i)
            for (int j = 0; j < cols; ++j) {
                const std::size_t k = static_cast<std::size_t>(i * cols + j);
                m_jointTable->setItem(i, j, new QTableWidgetItem(QString::fromStdString(formatReal(k < w.size() ? w[k] : 0.0))));
            }
    }
    m_syncing = false;
}

void DistributionsTab::onViewButton(int index)
{
    setParam("view", distributions::viewIds()[static_cast<std::size_t>(index)]);
}

void DistributionsTab::onLogitPress(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const int i = static_cast<int>(std::lround(m_logitPlot->xAxis->pixelToCoord(event->position().x())));
    if (i >= 0 && i < static_cast<int>(m_params.reals("logits").size()))
        m_dragIndex = i;
    onLogitMove(event);
}

void DistributionsTab::onLogitMove(QMouseEvent* event)
{
    if (m_dragIndex < 0)
        return;
    auto logits = m_params.reals("logits");
    if (m_dragIndex >= static_cast<int>(logits.size()))
        return;
    // Two decimals are plenty for a drag; the range is the parameter's own.
    const double y = std::round(m_logitPlot->yAxis->pixelToCoord(event->position().y()) * 100.0) / 100.0;
    logits[static_cast<std::size_t>(m_dragIndex)] = std::clamp(y, -100.0, 100.0);
    setParam("logits", logits);
}

void DistributionsTab::onLogitRelease(QMouseEvent* /*event*/)
{
    if (m_dragIndex < 0)
        return;
    m_dragIndex = -1;
    drawDecoding();  // rescale now that the drag is over
}

void DistributionsTab::onFitQ()
{
    ensureCompare();
    const prob::GaussianFit& f = m_compare.fit;
    if (!f.ok)
        return;
    const ParamSpec* muSpec = m_params.find("q_mu");
    const ParamSpec* sigmaSpec = m_params.find("q_sigma");
    const double mu = std::clamp(f.mu, muSpec->min, muSpec->max);
    const double sigma = std::clamp(f.sigma, sigmaSpec->min, sigmaSpec->max);
    const std::string e = setParams({{"q_family", std::string("gaussian")}, {"q_mu", mu}, {"q_sigma", sigma}});
    if (!e.empty())
        showError(QString::fromStdString(e));
}

void DistributionsTab::onSample()
{
    if (m_showSampledTokens) {
        // Again: a fresh draw with the next seed.
        const long long seed = m_params.integer("seed");
        setParam("seed", seed >= 2147483647 ? 0LL : seed + 1);
        return;
    }
    m_showSampledTokens = true;
    onParamsChanged({"draws"});
}

void DistributionsTab::onVocabularyEdited()
{
    if (m_syncing)
        return;
    std::vector<std::string> tokens;
    std::vector<double> logits;
    for (int i = 0; i < m_vocab->rowCount(); ++i) {
        const QTableWidgetItem* t = m_vocab->item(i, 0);
        const QTableWidgetItem* l = m_vocab->item(i, 1);
        tokens.push_back(t ? t->text().trimmed().toStdString() : std::string());
        const auto parsed = parseReal(l ? l->text().toStdString() : std::string());
        if (!parsed.ok()) {
            showError(tr("logits: row %1: %2").arg(i + 1).arg(trEngine(parsed.why)));
            syncEditors();
            return;
        }
        logits.push_back(parsed.value);
    }
    const std::string e = setParams({{"tokens", tokens}, {"logits", logits}});
    if (!e.empty()) {
        showError(QString::fromStdString(e));
        syncEditors();
    } else {
        showError({});
    }
}

void DistributionsTab::onVocabularyAdd()
{
    auto tokens = m_params.texts("tokens");
    auto logits = m_params.reals("logits");
    tokens.push_back("token" + std::to_string(tokens.size() + 1));
    logits.push_back(0.0);
    if (const std::string e = setParams({{"tokens", tokens}, {"logits", logits}}); !e.empty())
        showError(QString::fromStdString(e));
}

void DistributionsTab::onVocabularyRemove()
{
    auto tokens = m_params.texts("tokens");
    auto logits = m_params.reals("logits");
    int row = m_vocab->currentRow();
    if (row < 0)
        row = static_cast<int>(tokens.size()) - 1;
    if (tokens.size() <= 1 || row < 0 || row >= static_cast<int>(tokens.size()))
        return;
    tokens.erase(tokens.begin() + row);
    logits.erase(logits.begin() + row);
    const long long topK = std::min<long long>(m_params.integer("top_k"), static_cast<long long>(tokens.size()));
    if (const std::string e = setParams({{"tokens", tokens}, {"logits", logits}, {"top_k", topK}}); !e.empty())
        showError(QString::fromStdString(e));
}

void DistributionsTab::onJointEdited()
{
    if (m_syncing)
        return;
    std::vector<double> w;
    for (int i = 0; i < m_jointTable->rowCount(); ++i)
        for (int j = 0; j < m_jointTable->columnCount(); ++j) {
            const QTableWidgetItem* it = m_jointTable->item(i, j);
            const auto parsed = parseReal(it ? it->text().toStdString() : std::string());
            if (!parsed.ok()) {
                showError(tr("joint: cell (x=%1, y=%2): %3").arg(i).arg(j).arg(trEngine(parsed.why)));
                syncEditors();
                return;
            }
            w.push_back(parsed.value);
        }
    const std::string e = setParam("joint", w);
    if (!e.empty()) {
        showError(QString::fromStdString(e));
        syncEditors();
    } else {
        showError({});
    }
}

void DistributionsTab::onJointShapeChanged()
{
    if (m_syncing)
        return;
    // Keep the overlapping cells, fill new ones with 1.
    const int oldRows = static_cast<int>(m_params.integer("joint_rows")), oldCols = static_cast<int>(m_params.integer("joint_cols"));
    const int rows = m_rowsSpin->value(), cols = m_colsSpin->value();
    const auto& old = m_params.reals("joint");
    std::vector<double> w(static_cast<std::size_t>(rows * cols), 1.0);
    for (int i = 0; i < std::min(rows, oldRows); ++i)
        for (int j = 0; j < std::min(cols, oldCols); ++j)
            w[static_cast<std::size_t>(i * cols + j)] = old[static_cast<std::size_t>(i * oldCols + j)];
    if (const std::string e = setParams({{"joint_rows", static_cast<long long>(rows)}, {"joint_cols", static_cast<long long>(cols)}, {"joint", w}});
        !e.empty()) {
        showError(QString::fromStdString(e));
        syncEditors();
    }
}

QString DistributionsTab::entropyText(double nats) const
{
    const bool bits = m_params.text("units") == "bits";
    const double v = bits ? nats / std::numbers::ln2 : nats;
    return bits ? tr("%1 bits").arg(formatNumber(v, 6)) : tr("%1 nats").arg(formatNumber(v, 6));
}

// ---------------------------------------------------------------- drawing

void DistributionsTab::drawCompare()
{
    const CompareState& s = m_compare;
    const bool discrete = prob::isDiscrete(s.p.family);
    const bool cdf = m_params.boolean("cdf");
    const bool bits = m_params.text("units") == "bits";
    const double unit = bits ? 1.0 / std::numbers::ln2 : 1.0;
    const bool showFit = !discrete && s.fit.ok;
    Distribution fitQ;
    fitQ.family = Family::Gaussian;
    fitQ.mu = s.fit.mu;
    fitQ.sigma = s.fit.sigma;

    m_pCurve->setName(QStringLiteral("P = ") + describe(s.p));
    m_qCurve->setName(QStringLiteral("Q = ") + describe(s.q));
    m_pBars->setName(m_pCurve->name());
    m_qBars->setName(m_qCurve->name());
    m_fitCurve->setName(m_params.text("fit") == "forward" ? tr("Gaussian fit, min KL(P‖Q)") : tr("Gaussian fit, min KL(Q‖P)"));
    m_pqPlot->setTitle(cdf ? tr("Cumulative distribution functions of P and Q") : (discrete ? tr("Mass functions of P and Q") : tr("Densities of P and Q")));
    m_pqPlot->yAxis->setLabel(cdf ? tr("P(X ≤ x)") : (discrete ? tr("probability mass") : tr("density")));

    double yTop = 1.0;
    double xlo = 0, xhi = 1;
    if (!discrete) {
        const prob::Span a = prob::plotSpan(s.p), b = prob::plotSpan(s.q);
        xlo = std::min(a.lo, b.lo);
        xhi = std::max(a.hi, b.hi);
        if (showFit) {
            xlo = std::min(xlo, s.fit.mu - 3.5 * s.fit.sigma);
            xhi = std::max(xhi, s.fit.mu + 3.5 * s.fit.sigma);
        }
        m_x.resize(kCurvePoints);
        for (int i = 0; i < kCurvePoints; ++i)
            m_x[i] = xlo + (xhi - xlo) * i / (kCurvePoints - 1);
        double top = 0;
        for (auto [graph, dist, visible] : {std::tuple<QCPGraph*, const Distribution*, bool>{m_pCurve, &s.p, true}, {m_qCurve, &s.q, true},
                                             {m_fitCurve, &fitQ, showFit}}) {
            graph->setVisible(visible);
            setLegend(graph, visible);
            if (!visible) {
                graph->data()->clear();
                continue;
            }
            QVector<double> xs, ys;
            xs.reserve(kCurvePoints);
            ys.reserve(kCurvePoints);
            for (double x : m_x) {
                const double y = cdf ? prob::cdf(*dist, x) : prob::pdf(*dist, x);
                if (std::isfinite(y)) {  // a Beta density is infinite at an edge: leave that point out
                    xs.push_back(x);
                    ys.push_back(y);
                }
            }
            top = std::max(top, cdf ? 1.0 : robustTop(ys));
            graph->setData(xs, ys, true);
        }
        yTop = top > 0 ? top * 1.12 : 1.0;
        m_pCurve->setLineStyle(QCPGraph::lsLine);
        m_qCurve->setLineStyle(QCPGraph::lsLine);
        m_pCurve->setBrush(cdf ? Qt::NoBrush : QBrush(withAlpha(palette::color("p"), 40)));
        m_qCurve->setBrush(cdf ? Qt::NoBrush : QBrush(withAlpha(palette::color("q"), 30)));
        for (QCPBars* b : {m_pBars, m_qBars}) {
            b->setVisible(false);
            b->data()->clear();
            setLegend(b, false);
        }
        m_pqPlot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    } else {
        const auto [klo, khi] = discreteRange(s.p, s.q);
        xlo = klo - 0.7;
        xhi = khi + 0.7;
        m_fitCurve->setVisible(false);
        m_fitCurve->data()->clear();
        setLegend(m_fitCurve, false);
        if (cdf) {
            for (auto [graph, dist] : {std::pair<QCPGraph*, const Distribution*>{m_pCurve, &s.p}, {m_qCurve, &s.q}}) {
                QVector<double> xs, ys;
                for (int k = klo - 1; k <= khi + 1; ++k) {
                    xs.push_back(k);
                    ys.push_back(prob::cdf(*dist, k));
                }
                graph->setData(xs, ys, true);
                graph->setLineStyle(QCPGraph::lsStepLeft);
                graph->setBrush(Qt::NoBrush);
                graph->setVisible(true);
                setLegend(graph, true);
            }
            for (QCPBars* b : {m_pBars, m_qBars}) {
                b->setVisible(false);
                setLegend(b, false);
            }
            yTop = 1.08;
        } else {
            double top = 0;
            for (auto [bars, dist, offset] : {std::tuple<QCPBars*, const Distribution*, double>{m_pBars, &s.p, -0.2}, {m_qBars, &s.q, 0.2}}) {
                QVector<double> xs, ys;
                for (int k = klo; k <= khi; ++k) {
                    xs.push_back(k + offset);
                    ys.push_back(prob::pdf(*dist, k));
                    top = std::max(top, ys.back());
                }
                bars->setData(xs, ys, true);
                bars->setVisible(true);
                setLegend(bars, true);
            }
            for (QCPGraph* g : {m_pCurve, m_qCurve}) {
                g->setVisible(false);
                setLegend(g, false);
            }
            yTop = top * 1.15;
        }
        auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
        ticker->setTickStep(1.0);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        m_pqPlot->xAxis->setTicker(ticker);
    }
    m_pqPlot->xAxis->setLabel(discrete ? tr("k") : tr("x"));
    m_pqPlot->xAxis->setRange(xlo, xhi);
    m_pqPlot->yAxis->setRange(0, yTop);
    m_pqPlot->setResetViewHook([this, xlo, xhi, yTop] {
        m_pqPlot->xAxis->setRange(xlo, xhi);
        m_pqPlot->yAxis->setRange(0, yTop);
    });
    QString note;
    if (s.cmp.ok && std::isinf(s.cmp.klPQ))
        note = tr("KL(P‖Q) = ∞: P puts mass where Q has none");
    else if (s.cmp.ok && std::isinf(s.cmp.klQP))
        note = tr("KL(Q‖P) = ∞: Q puts mass where P has none");
    m_pqNote->setText(note);
    m_pqPlot->replot(QCustomPlot::rpQueuedReplot);

    // The bar figure: H(P) + KL(P‖Q) = H(P,Q), in the chosen units.
    m_barPlot->yAxis->setLabel(bits ? tr("bits") : tr("nats"));
    if (s.cmp.ok) {
        const double h = s.cmp.entropyP * unit, kl = s.cmp.klPQ * unit, ce = s.cmp.crossEntropy * unit;
        const bool inf = std::isinf(kl);
        double lo = std::min({0.0, h}), hi = std::max({0.0, h, inf ? h : ce});
        if (inf)
            hi = std::max(hi, 0.0) + std::max(1.0, std::fabs(hi - lo)) * 1.5;
        const double pad = 0.15 * std::max(hi - lo, 1e-3);
        m_barPlot->yAxis->setRange(lo - (lo < 0 ? pad : 0), hi + pad);
        const double shown = inf ? hi - h : kl;  // an infinite bar runs to the top
        m_barH->setData(QVector<double>{1}, QVector<double>{h});
        m_barKl->setBaseValue(h);
        m_barKl->setData(QVector<double>{2}, QVector<double>{shown});
        m_barCross->setData(QVector<double>{3}, QVector<double>{inf ? hi : ce});
        const double tops[3] = {std::max(h, 0.0), h + shown, inf ? hi : std::max(ce, 0.0)};
        const QString texts[3] = {formatNumber(h, 4), inf ? QStringLiteral("∞") : formatNumber(kl, 4), inf ? QStringLiteral("∞") : formatNumber(ce, 4)};
        for (int i = 0; i < 3; ++i) {
            m_barLabels[i]->position->setCoords(i + 1, std::min(tops[i], hi + 0.5 * pad));
            m_barLabels[i]->setText(texts[i]);
        }
    }
    m_barPlot->replot(QCustomPlot::rpQueuedReplot);

    // Readouts.
    std::vector<std::pair<QString, QString>> rows;
    if (!s.cmp.ok) {
        rows.push_back({tr("error"), trEngine(s.cmp.why)});
    } else {
        rows.push_back({discrete ? tr("H(P)") : tr("H(P) (differential)"), entropyText(s.cmp.entropyP)});
        rows.push_back({discrete ? tr("H(Q)") : tr("H(Q) (differential)"), entropyText(s.cmp.entropyQ)});
        rows.push_back({tr("H(P,Q) cross-entropy"), entropyText(s.cmp.crossEntropy)});
        rows.push_back({tr("KL(P‖Q)"), entropyText(s.cmp.klPQ)});
        rows.push_back({tr("KL(Q‖P)"), entropyText(s.cmp.klQP)});
        rows.push_back({tr("JS(P,Q)"), entropyText(s.cmp.js)});
        rows.push_back({tr("E[P], Var[P]"), formatNumber(prob::mean(s.p)) + QStringLiteral(", ") + formatNumber(prob::variance(s.p))});
        rows.push_back({tr("E[Q], Var[Q]"), formatNumber(prob::mean(s.q)) + QStringLiteral(", ") + formatNumber(prob::variance(s.q))});
        if (distributions::effectiveQFamily(m_params) != [&] { Family f = Family::Gaussian; prob::familyFromId(m_params.text("q_family"), f); return f; }())
            rows.push_back({tr("note"), tr("Q is %1: it must be of P's kind").arg(familyLabel(s.q.family))});
    }
    const std::string& fit = m_params.text("fit");
    if (fit != "none") {
        if (s.fit.ok) {
            rows.push_back({tr("fit μ, σ"), formatNumber(s.fit.mu) + QStringLiteral(", ") + formatNumber(s.fit.sigma)});
            rows.push_back({fit == "forward" ? tr("fit KL(P‖Q)") : tr("fit KL(Q‖P)"), entropyText(s.fit.divergence)});
            m_fitNote->setText(fit == "forward" ? tr("Forward KL: Q covers all of P's mass (moment matching).")
                                                : tr("Reverse KL: Q locks onto one mode of P."));
        } else {
            rows.push_back({tr("fit"), trEngine(s.fit.why)});
            m_fitNote->setText(trEngine(s.fit.why));
        }
    } else {
        m_fitNote->setText(tr("Choose a Gaussian fit (forward or reverse KL) to enable Fit Q."));
    }
    m_fitButton->setEnabled(fit != "none" && s.fit.ok);
    readouts()->setRows(rows);
}

void DistributionsTab::drawSampling()
{
    const SamplingState& s = m_sampling;
    const Distribution p = distributions::distributionOf(m_params, "p");
    const bool discrete = prob::isDiscrete(p.family);
    const std::size_t n = m_samples.size();
    m_histPlot->setTitle(tr("%1 samples from P = %2").arg(countText(static_cast<long long>(n)), describe(p)));
    double xlo, xhi, yTop = 0;
    if (!discrete) {
        xlo = s.histLo;
        xhi = s.histHi;
        const int bins = s.histBins;
        const std::vector<double>& centres = s.histCentres;
        const std::vector<double>& dens = s.histDensity;
        m_histBars->setWidth((xhi - xlo) / bins);
        m_histBars->setData(QVector<double>(centres.begin(), centres.end()), QVector<double>(dens.begin(), dens.end()), true);
        for (double v : dens)
            yTop = std::max(yTop, v);
        m_x.resize(kCurvePoints);
        for (int i = 0; i < kCurvePoints; ++i)
            m_x[i] = xlo + (xhi - xlo) * i / (kCurvePoints - 1);
        for (auto [graph, dist, visible] : {std::tuple<QCPGraph*, const Distribution*, bool>{m_trueCurve, &p, true}, {m_mleCurve, &s.mle.fitted, s.mle.ok}}) {
            graph->setLineStyle(QCPGraph::lsLine);
            graph->setScatterStyle(QCPScatterStyle::ssNone);
            graph->setVisible(visible);
            setLegend(graph, visible);
            QVector<double> xs, ys;
            if (visible)
                for (double x : m_x) {
                    const double y = prob::pdf(*dist, x);
                    if (std::isfinite(y)) {
                        xs.push_back(x);
                        ys.push_back(y);
                    }
                }
            if (graph == m_trueCurve)
                yTop = std::max(yTop, robustTop(ys));
            graph->setData(xs, ys, true);
        }
        m_histPlot->yAxis->setLabel(tr("density"));
        m_histPlot->xAxis->setLabel(tr("x"));
        m_histBars->setName(tr("histogram of the sample"));
    } else {
        const auto [klo, khi] = discreteRange(p, p);
        int kmax = khi;
        for (double x : m_samples)
            kmax = std::max(kmax, static_cast<int>(x));
        kmax = std::min(kmax, khi + 50);
        xlo = klo - 0.7;
        xhi = kmax + 0.7;
        std::vector<double> freq;
        prob::frequencies(m_samples, kmax, freq);
        QVector<double> ks, fs, ts, ms;
        for (int k = klo; k <= kmax; ++k) {
            ks.push_back(k);
            fs.push_back(freq[static_cast<std::size_t>(k)]);
            ts.push_back(prob::pdf(p, k));
            ms.push_back(s.mle.ok ? prob::pdf(s.mle.fitted, k) : 0.0);
            yTop = std::max({yTop, fs.back(), ts.back()});
        }
        m_histBars->setWidth(0.6);
        m_histBars->setData(ks, fs, true);
        m_histBars->setName(tr("relative frequency"));
        m_trueCurve->setLineStyle(QCPGraph::lsNone);
        m_trueCurve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, palette::color("p"), palette::color("p"), 9));
        m_trueCurve->setData(ks, ts, true);
        m_trueCurve->setVisible(true);
        setLegend(m_trueCurve, true);
        m_mleCurve->setLineStyle(QCPGraph::lsNone);
        m_mleCurve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, palette::color("fit"), 11));
        m_mleCurve->setData(ks, ms, true);
        m_mleCurve->setVisible(s.mle.ok);
        setLegend(m_mleCurve, s.mle.ok);
        m_histPlot->yAxis->setLabel(tr("probability"));
        m_histPlot->xAxis->setLabel(tr("k"));
    }
    m_histPlot->xAxis->setRange(xlo, xhi);
    m_histPlot->yAxis->setRange(0, yTop > 0 ? yTop * 1.12 : 1.0);
    m_histPlot->replot(QCustomPlot::rpQueuedReplot);

    // Running mean.
    std::vector<double> m, rm;
    prob::runningMean(m_samples, 240, m, rm);
    m_runGraph->setData(QVector<double>(m.begin(), m.end()), QVector<double>(rm.begin(), rm.end()), true);
    const double mu = prob::mean(p);
    m_runTrue->setData(QVector<double>{1.0, std::max(2.0, static_cast<double>(n))}, QVector<double>{mu, mu}, true);
    m_runPlot->xAxis->setRange(1, std::max(10.0, static_cast<double>(n)));
    double lo = mu, hi = mu;
    for (double v : rm) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    const double pad = 0.08 * std::max(hi - lo, 1e-6);
    m_runPlot->yAxis->setRange(lo - pad, hi + pad);
    m_runPlot->replot(QCustomPlot::rpQueuedReplot);

    // Bayes for a coin.
    m_bayesPlot->setVisible(s.bernoulli);
    if (s.bernoulli) {
        const prob::BetaPosterior& b = s.posterior;
        // A uniform grid plus a dense one around the posterior, which gets very narrow for large n.
        std::vector<double> grid;
        for (int i = 1; i < 400; ++i)
            grid.push_back(i / 400.0);
        const double pm = b.posteriorMean;
        const double psd = std::sqrt(b.postAlpha * b.postBeta / ((b.postAlpha + b.postBeta) * (b.postAlpha + b.postBeta) * (b.postAlpha + b.postBeta + 1)));
        for (int i = -200; i <= 200; ++i) {
            const double x = pm + psd * 8.0 * i / 200.0;
            if (x > 0 && x < 1)
                grid.push_back(x);
        }
        std::sort(grid.begin(), grid.end());
        Distribution prior, like, post;
        prior.family = like.family = post.family = Family::Beta;
        prior.alpha = b.priorAlpha;
        prior.beta = b.priorBeta;
        like.alpha = b.k + 1.0;  // the likelihood θ^k(1−θ)^(n−k), normalised, is Beta(k+1, n−k+1)
        like.beta = b.n - b.k + 1.0;
        post.alpha = b.postAlpha;
        post.beta = b.postBeta;
        double top = 0;
        for (auto [graph, dist] : {std::pair<QCPGraph*, const Distribution*>{m_prior, &prior}, {m_likelihood, &like}, {m_posterior, &post}}) {
            QVector<double> xs, ys;
            for (double x : grid) {
                const double y = prob::pdf(*dist, x);
                if (std::isfinite(y)) {
                    xs.push_back(x);
                    ys.push_back(y);
                }
            }
            top = std::max(top, robustTop(ys));
            graph->setData(xs, ys, true);
        }
        m_prior->setName(tr("prior Beta(%1, %2)").arg(formatNumber(b.priorAlpha, 4), formatNumber(b.priorBeta, 4)));
        m_posterior->setName(tr("posterior Beta(%1, %2)").arg(formatNumber(b.postAlpha, 6), formatNumber(b.postBeta, 6)));
        m_bayesPlot->yAxis->setRange(0, top * 1.12);
        // With many flips the posterior is a spike: zoom on it (the prior is nearly flat there).
        const bool zoom = 10.0 * psd < 0.25;
        m_bayesPlot->xAxis->setRange(zoom ? std::max(0.0, pm - 10.0 * psd) : 0.0, zoom ? std::min(1.0, pm + 10.0 * psd) : 1.0);
        m_bayesPlot->setTitle(zoom ? tr("Bayes for a coin (zoomed on the posterior)") : tr("Bayes for a coin"));
        m_mleLine->setVisible(b.mleDefined);
        m_mleLabel->setVisible(b.mleDefined);
        placeVLine(m_mleLine, b.mle);
        m_mleLabel->position->setCoords(b.mle, top * 0.45);
        m_mleLabel->setText(tr(" MLE k/n = %1").arg(formatNumber(b.mle, 4)));
        m_mapLine->setVisible(b.mapDefined);
        m_mapLabel->setVisible(b.mapDefined);
        placeVLine(m_mapLine, b.map);
        m_mapLabel->position->setCoords(b.map, top * 0.3);
        m_mapLabel->setText(tr(" MAP = %1").arg(formatNumber(b.map, 4)));
        m_bayesPlot->replot(QCustomPlot::rpQueuedReplot);
    }

    std::vector<std::pair<QString, QString>> rows;
    rows.push_back({tr("n"), countText(static_cast<long long>(n))});
    rows.push_back({tr("sample mean"), formatNumber(s.summary.mean)});
    rows.push_back({tr("true mean E[X]"), formatNumber(mu)});
    rows.push_back({tr("sample variance"), formatNumber(s.summary.variance)});
    rows.push_back({tr("true variance"), formatNumber(prob::variance(p))});
    if (s.mle.ok) {
        rows.push_back({tr("MLE"), describe(s.mle.fitted)});
        if (p.family == Family::Mixture && n > prob::kMixtureExactEmLimit)
            rows.push_back({tr("MLE note"), tr("EM on a 4096-bin histogram (binned MLE)")});
    } else {
        rows.push_back({tr("MLE"), trEngine(s.mle.why)});
    }
    if (s.bernoulli) {
        const prob::BetaPosterior& b = s.posterior;
        rows.push_back({tr("ones k"), countText(static_cast<long long>(b.k))});
        rows.push_back({tr("posterior"), QStringLiteral("Beta(%1, %2)").arg(formatNumber(b.postAlpha), formatNumber(b.postBeta))});
        rows.push_back({tr("MLE k/n"), b.mleDefined ? formatNumber(b.mle) : tr("undefined (n = 0)")});
        rows.push_back({tr("MAP"), b.mapDefined ? formatNumber(b.map) : tr("undefined (no interior mode)")});
        rows.push_back({tr("posterior mean"), formatNumber(b.posteriorMean)});
    }
    readouts()->setRows(rows);
}

void DistributionsTab::drawDecoding()
{
    const prob::DecodingResult& d = m_decoding;
    const auto& tokens = m_params.texts("tokens");
    const int n = static_cast<int>(tokens.size());
    m_tokenPlot->setTitle(tr("Next token after “%1 …”").arg(QString::fromStdString(m_params.text("context"))));
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < n; ++i)
        ticker->addTick(i, QString::fromStdString(tokens[static_cast<std::size_t>(i)]));
    m_tokenPlot->xAxis->setTicker(ticker);
    m_tokenPlot->xAxis->setRange(-0.6, n - 0.4);
    if (d.ok) {
        QVector<double> kx, ky, cx, cy, fx, fy;
        for (int i = 0; i < n; ++i) {
            const auto u = static_cast<std::size_t>(i);
            if (d.kept[u]) {
                kx.push_back(i - 0.2);
                ky.push_back(d.probs[u]);
                fx.push_back(i + 0.2);
                fy.push_back(d.finalProbs[u]);
            } else {
                cx.push_back(i - 0.2);
                cy.push_back(d.probs[u]);
            }
        }
        m_origKept->setData(kx, ky, true);
        m_origCut->setData(cx, cy, true);
        m_finalBars->setData(fx, fy, true);
        // Cumulative line in probability order, over the tokens top-k left.
        std::vector<int> order(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            order[static_cast<std::size_t>(d.rank[static_cast<std::size_t>(i)])] = i;
        QVector<double> ox, oy;
        for (int t : order)
            if (d.topPCumulative[static_cast<std::size_t>(t)] > 0) {
                ox.push_back(t);
                oy.push_back(d.topPCumulative[static_cast<std::size_t>(t)]);
            }
        m_cumCurve->setData(ox, oy);
        const double topP = m_params.real("top_p");
        m_cumCurve->setVisible(topP < 1.0);
        setLegend(m_cumCurve, topP < 1.0);
        m_topPLine->setVisible(topP < 1.0);
        placeHLine(m_topPLine, topP);
        const bool sampled = m_showSampledTokens && m_sampledFreq.size() == static_cast<std::size_t>(n);
        QVector<double> sx, sy;
        if (sampled)
            for (int i = 0; i < n; ++i) {
                sx.push_back(i + 0.2);
                sy.push_back(m_sampledFreq[static_cast<std::size_t>(i)]);
            }
        m_sampledGraph->setData(sx, sy, true);
        m_sampledGraph->setVisible(sampled);
        setLegend(m_sampledGraph, sampled);
        m_sampledGraph->setName(tr("sampled frequency (%1 draws)").arg(countText(m_params.integer("draws"))));
    }
    m_tokenPlot->yAxis->setRange(0, 1.05);
    m_tokenPlot->replot(QCustomPlot::rpQueuedReplot);

    const auto& logits = m_params.reals("logits");
    QVector<double> lx, ly;
    double lmin = 0, lmax = 0;
    for (int i = 0; i < n && i < static_cast<int>(logits.size()); ++i) {
        lx.push_back(i);
        ly.push_back(logits[static_cast<std::size_t>(i)]);
        lmin = std::min(lmin, ly.back());
        lmax = std::max(lmax, ly.back());
    }
    m_logitBars->setData(lx, ly, true);
    m_logitPlot->xAxis->setTicker(ticker);
    m_logitPlot->xAxis->setRange(-0.6, n - 0.4);
    if (m_dragIndex < 0) {  // a fixed scale while dragging, so the bar follows the mouse
        const double pad = std::max(1.0, 0.15 * (lmax - lmin));
        m_logitPlot->yAxis->setRange(std::max(-100.0, lmin - pad), std::min(100.0, lmax + pad));
    }
    m_logitPlot->replot(QCustomPlot::rpQueuedReplot);

    m_tempGraph->setData(QVector<double>(m_tempT.begin(), m_tempT.end()), QVector<double>(m_tempH.begin(), m_tempH.end()), true);
    const double t = m_params.real("temperature");
    const double hT = d.ok ? prob::shannonEntropy(d.probs) : 0.0;
    m_tempMarker->setData(QVector<double>{t}, QVector<double>{hT}, true);
    placeVLine(m_tempLine, t);
    const double lnV = std::log(static_cast<double>(std::max(n, 1)));
    placeHLine(m_lnVLine, lnV);
    m_tempPlot->xAxis->setRange(0.01, 100);
    m_tempPlot->yAxis->setRange(0, std::max(lnV, 0.1) * 1.1);
    m_tempPlot->replot(QCustomPlot::rpQueuedReplot);

    std::vector<std::pair<QString, QString>> rows;
    if (!d.ok) {
        // engine/prob's decoding checks are plain English: the parameters' ranges refuse first.
        rows.push_back({tr("error"), QString::fromStdString(d.message)});
    } else {
        int kept = 0, best = 0;
        for (int i = 0; i < n; ++i) {
            kept += d.kept[static_cast<std::size_t>(i)] ? 1 : 0;
            if (d.finalProbs[static_cast<std::size_t>(i)] > d.finalProbs[static_cast<std::size_t>(best)])
                best = i;
        }
        rows.push_back({tr("entropy of final"), entropyText(d.entropy)});
        rows.push_back({tr("perplexity of final"), formatNumber(d.perplexity)});
        rows.push_back({tr("entropy of softmax"), entropyText(hT)});
        rows.push_back({tr("tokens kept"), tr("%1 of %2").arg(kept).arg(n)});
        rows.push_back({tr("most likely"), QStringLiteral("%1 (%2)").arg(QString::fromStdString(tokens[static_cast<std::size_t>(best)]),
                                                                        formatNumber(d.finalProbs[static_cast<std::size_t>(best)], 4))});
        rows.push_back({tr("ln V (uniform limit)"), formatNumber(lnV)});
    }
    readouts()->setRows(rows);
}

void DistributionsTab::drawJoint()
{
    const prob::JointInfo& j = m_joint;
    if (!j.ok) {
        // engine/prob's joint checks are plain English: the parameters' ranges and constraint refuse first.
        readouts()->setRows({{tr("error"), QString::fromStdString(j.message)}});
        return;
    }
    m_jointMap->data()->setSize(j.cols, j.rows);
    m_jointMap->data()->setRange(QCPRange(0, j.cols - 1), QCPRange(0, j.rows - 1));
    double mx = 0;
    for (int x = 0; x < j.rows; ++x)
        for (int y = 0; y < j.cols; ++y) {
            const double v = j.p[static_cast<std::size_t>(x * j.cols + y)];
            m_jointMap->data()->setCell(y, x, v);
            mx = std::max(mx, v);
        }
    m_jointMap->setDataRange(QCPRange(0, mx > 0 ? mx : 1));
    for (int i = 0; i < m_cellLabels.size(); ++i) {
        const bool on = i < j.rows * j.cols;
        m_cellLabels[i]->setVisible(on);
        if (!on)
            continue;
        const int x = i / j.cols, y = i % j.cols;
        const double v = j.p[static_cast<std::size_t>(i)];
        m_cellLabels[i]->position->setCoords(y, x);
        m_cellLabels[i]->setText(formatNumber(v, 3));
        m_cellLabels[i]->setColor(v > 0.6 * mx ? Qt::black : Qt::white);
    }
    auto rowTicks = QSharedPointer<QCPAxisTickerText>::create();
    auto colTicks = QSharedPointer<QCPAxisTickerText>::create();
    for (int x = 0; x < j.rows; ++x)
        rowTicks->addTick(x, QStringLiteral("x=%1").arg(x));
    for (int y = 0; y < j.cols; ++y)
        colTicks->addTick(y, QStringLiteral("y=%1").arg(y));
    m_jointPlot->xAxis->setTicker(colTicks);
    m_jointPlot->yAxis->setTicker(rowTicks);
    m_jointPlot->xAxis->setRange(-0.5, j.cols - 0.5);
    m_jointPlot->yAxis->setRange(-0.5, j.rows - 0.5);
    m_jointPlot->replot(QCustomPlot::rpQueuedReplot);

    QVector<double> xs, ys;
    for (int y = 0; y < j.cols; ++y) {
        xs.push_back(y);
        ys.push_back(j.py[static_cast<std::size_t>(y)]);
    }
    m_pyBars->setData(xs, ys, true);
    m_pyPlot->xAxis->setTicker(colTicks);
    m_pyPlot->xAxis->setRange(-0.5, j.cols - 0.5);
    m_pyPlot->replot(QCustomPlot::rpQueuedReplot);
    xs.clear();
    ys.clear();
    for (int x = 0; x < j.rows; ++x) {
        xs.push_back(x);
        ys.push_back(j.px[static_cast<std::size_t>(x)]);
    }
    m_pxBars->setData(xs, ys, true);
    m_pxPlot->yAxis->setTicker(rowTicks);
    m_pxPlot->yAxis->setRange(-0.5, j.rows - 0.5);
    m_pxPlot->replot(QCustomPlot::rpQueuedReplot);

    // Rows: 1 = H(Y) = I + H(Y|X) (offset by H(X|Y)), 2 = H(X) = H(X|Y) + I, 3 = H(X,Y) = all three.
    const bool bits = m_params.text("units") == "bits";
    const double u = bits ? 1.0 / std::numbers::ln2 : 1.0;
    const QVector<double> keys{1, 2, 3};
    m_infoSpacer->setData(keys, {j.hxGivenY * u, 0, 0});
    m_infoHxy->setData(keys, {0, j.hxGivenY * u, j.hxGivenY * u});
    m_infoMi->setData(keys, {j.mi * u, j.mi * u, j.mi * u});
    m_infoHyx->setData(keys, {j.hyGivenX * u, 0, j.hyGivenX * u});
    m_infoPlot->xAxis->setLabel(bits ? tr("bits") : tr("nats"));
    m_infoPlot->xAxis->setRange(0, std::max(j.hxy * u, 1e-3) * 1.05);
    m_infoPlot->replot(QCustomPlot::rpQueuedReplot);

    readouts()->setRows({{tr("H(X)"), entropyText(j.hx)},
                         {tr("H(Y)"), entropyText(j.hy)},
                         {tr("H(X,Y)"), entropyText(j.hxy)},
                         {tr("H(X|Y)"), entropyText(j.hxGivenY)},
                         {tr("H(Y|X)"), entropyText(j.hyGivenX)},
                         {tr("I(X;Y)"), entropyText(j.mi)}});
}

void DistributionsTab::updateExplanation()
{
    QString html;
    switch (distributions::viewOf(m_params)) {
    case View::Compare:
        html = tr("<p><b>H(P,Q) = −∫ p(x) ln q(x) dx = H(P) + KL(P‖Q)</b>, &nbsp; KL(P‖Q) = ∫ p ln(p/q) ≥ 0, &nbsp; "
                  "JS = ½KL(P‖M) + ½KL(Q‖M), M = ½(P+Q).</p>"
                  "<p>Cross-entropy is the loss every language model is trained with: P is the data, Q the model, and since H(P) is "
                  "fixed, minimising cross-entropy minimises KL(P‖Q). KL is not symmetric and is infinite where Q gives zero "
                  "probability to something P can produce. Fitting a single Gaussian to a two-peaked P shows the difference: "
                  "forward KL(P‖Q) (maximum likelihood, moment matching) spreads Q over both peaks, reverse KL(Q‖P) "
                  "(variational inference, some RL fine-tuning objectives) locks onto one. For continuous P and Q the "
                  "entropies are differential entropies and may be negative.</p>");
        break;
    case View::Sampling:
        html = tr("<p><b>x̄ₙ = (x₁ + … + xₙ)/n → E[X]</b> &nbsp; (law of large numbers); &nbsp; MLE θ̂ = argmax Σ ln p(xᵢ | θ); "
                  "&nbsp; coin: Beta(α, β) prior → posterior Beta(α + k, β + n − k), MAP = (k + α − 1)/(n + α + β − 2).</p>"
                  "<p>The histogram of a sample approaches the density, and the running mean settles on the true mean with "
                  "fluctuations shrinking like 1/√n. Maximum likelihood is what training a model by minimising the average "
                  "negative log-likelihood (cross-entropy) computes. For a coin, the prior acts as α − 1 and β − 1 imaginary "
                  "ones and zeros; with more data the posterior narrows around the MLE.</p>");
        break;
    case View::Decoding:
        html = tr("<p><b>pᵢ = exp(zᵢ/T) / Σⱼ exp(zⱼ/T)</b>, then top-k → top-p → min-p → renormalise; "
                  "perplexity = exp(H).</p>"
                  "<p>This is how a language model picks its next token. Temperature T rescales the logits: T → 0 is greedy "
                  "decoding (entropy 0), T → ∞ the uniform distribution (entropy ln V). Top-k keeps the k most probable tokens, "
                  "top-p (nucleus sampling) the smallest set whose probability reaches p, min-p the tokens at least min-p times "
                  "as likely as the best one. Perplexity is the effective number of tokens the model is choosing among.</p>");
        break;
    case View::Joint:
        html = tr("<p><b>I(X;Y) = Σ p(x,y) ln[p(x,y) / (p(x)p(y))] = H(X) − H(X|Y) = H(X) + H(Y) − H(X,Y)</b></p>"
                  "<p>Mutual information measures how much knowing Y tells about X. It is 0 exactly when the table is the "
                  "product of its marginals, and at most min(H(X), H(Y)). The bars are the information diagram drawn to "
                  "scale: H(X,Y) splits into H(X|Y), I(X;Y) and H(Y|X). Mutual information appears in representation "
                  "learning (InfoNCE/contrastive losses bound it) and in probing what a layer knows about a label.</p>");
        break;
    }
    explanation()->setHtml(html);
}

// ---------------------------------------------------------------- export

QJsonObject DistributionsTab::exportData() const
{
    ensureCompare();
    ensureSampling();
    ensureDecoding();
    ensureJoint();
    QJsonObject o;
    o["tab"] = QStringLiteral("distributions");
    o["view"] = QString::fromStdString(m_params.text("view"));
    const CompareState& c = m_compare;
    o["p"] = distributionJson(c.p, c.cmp.entropyP);
    o["q"] = distributionJson(c.q, c.cmp.entropyQ);
    o["cross_entropy_nats"] = json::number(c.cmp.crossEntropy);
    o["kl_pq_nats"] = json::number(c.cmp.klPQ);
    o["kl_qp_nats"] = json::number(c.cmp.klQP);
    o["js_nats"] = json::number(c.cmp.js);
    if (m_params.text("fit") != "none") {
        QJsonObject f;
        f["objective"] = QString::fromStdString(m_params.text("fit"));
        f["ok"] = c.fit.ok;
        if (c.fit.ok) {
            f["mu"] = json::number(c.fit.mu);
            f["sigma"] = json::number(c.fit.sigma);
            f["divergence_nats"] = json::number(c.fit.divergence);
        } else {
            f["message"] = QString::fromStdString(c.fit.message);
        }
        o["fit"] = f;
    }

    QJsonObject s;
    s["n"] = static_cast<double>(m_sampling.summary.n);
    s["seed"] = static_cast<double>(m_params.integer("seed"));
    s["mean"] = json::number(m_sampling.summary.mean);
    s["variance"] = json::number(m_sampling.summary.variance);
    if (m_sampling.mle.ok) {
        QJsonObject mle = paramsJson(m_sampling.mle.fitted);
        mle["family"] = QString::fromStdString(prob::familyId(m_sampling.mle.fitted.family));
        s["mle"] = mle;
    } else {
        s["mle"] = QJsonObject{{"error", QString::fromStdString(m_sampling.mle.message)}};
    }
    if (m_sampling.bernoulli) {
        const prob::BetaPosterior& b = m_sampling.posterior;
        QJsonObject post;
        post["k"] = b.k;
        post["prior_alpha"] = json::number(b.priorAlpha);
        post["prior_beta"] = json::number(b.priorBeta);
        post["posterior_alpha"] = json::number(b.postAlpha);
        post["posterior_beta"] = json::number(b.postBeta);
        post["mle"] = b.mleDefined ? json::number(b.mle) : QJsonValue(QJsonValue::Null);
        post["map"] = b.mapDefined ? json::number(b.map) : QJsonValue(QJsonValue::Null);
        post["posterior_mean"] = json::number(b.posteriorMean);
        s["bayes"] = post;
    }
    o["samples"] = s;

    QJsonObject d;
    d["tokens"] = json::strings(m_params.texts("tokens"));
    d["logits"] = json::array(m_params.reals("logits"));
    d["temperature"] = json::number(m_params.real("temperature"));
    d["top_k"] = static_cast<double>(m_params.integer("top_k"));
    d["top_p"] = json::number(m_params.real("top_p"));
    d["min_p"] = json::number(m_params.real("min_p"));
    if (m_decoding.ok) {
        d["probs"] = json::array(m_decoding.probs);
        d["final_probs"] = json::array(m_decoding.finalProbs);
        QJsonArray kept;
        for (char k : m_decoding.kept)
            kept.append(k != 0);
        d["kept"] = kept;
        d["entropy_nats"] = json::number(m_decoding.entropy);
        d["perplexity"] = json::number(m_decoding.perplexity);
    }
    o["decoding"] = d;

    QJsonObject j;
    if (m_joint.ok) {
        j["rows"] = m_joint.rows;
        j["cols"] = m_joint.cols;
        j["p"] = json::array(m_joint.p);
        j["p_x"] = json::array(m_joint.px);
        j["p_y"] = json::array(m_joint.py);
        j["h_x_nats"] = json::number(m_joint.hx);
        j["h_y_nats"] = json::number(m_joint.hy);
        j["h_xy_nats"] = json::number(m_joint.hxy);
        j["h_x_given_y_nats"] = json::number(m_joint.hxGivenY);
        j["h_y_given_x_nats"] = json::number(m_joint.hyGivenX);
        j["mi_nats"] = json::number(m_joint.mi);
    }
    o["joint"] = j;
    return o;
}

}  // namespace aimath
