#include "widgets/descent/descent_tab.h"

#include "engine/core/parse.h"
#include "engine/optim/analysis.h"
#include "engine/optim/projection.h"
#include "widgets/common/decade_ticker.h"
#include "widgets/common/engine_message.h"
#include "widgets/common/number_text.h"
#include "widgets/common/explanation_panel.h"
#include "widgets/common/json_util.h"
#include "widgets/common/json_writer.h"
#include "widgets/common/palette.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/plot_view.h"
#include "widgets/common/readout_panel.h"

#include <QButtonGroup>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QMouseEvent>
#include <QSignalBlocker>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <limits>

namespace aimath {

namespace {
constexpr int kContourLevels = 14;
constexpr int kFieldLattice = 22;
constexpr int kTaylorGrid = 81;
constexpr int kWireLines = 31;
constexpr int kWireSamples = 61;
constexpr int kWidePathSteps = 2000;  // paths of more points are drawn with a 1-px pen (dense: several times faster)
const QString kMovingLayer = QStringLiteral("moving");  // paths, markers, step lines (buffered)
const QString kHotLayer = QStringLiteral("hot");        // the map's path and marker of the run being dragged (buffered)
// Grids whose n²·valueCost() reaches this are sampled off the GUI thread (about 10 ms of work
// on this project's VM): any logistic grid, Rastrigin/Ackley from 512², polynomials at 1024².
constexpr double kAsyncGridWork = 600000.0;
constexpr double kLogFloor = 1e-30;  // f − f* = 0 exactly (a converged run) is drawn at this floor on log axes
const double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* optimizerLabel(const std::string& id)
{
    static const std::pair<const char*, const char*> kLabels[] = {{"sgd", "SGD"},         {"momentum", "Momentum"}, {"nesterov", "Nesterov"},
                                                                  {"adagrad", "Adagrad"}, {"rmsprop", "RMSprop"},   {"adam", "Adam"},
                                                                  {"adamw", "AdamW"}};
    for (const auto& [k, v] : kLabels)
        if (id == k)
            return v;
    return "?";
}

/// Segments (x0, y0, x1, y1, …) → one curve's data with NaN gaps between segments (QCustomPlot draws gaps at NaN).
void segmentsToCurve(const std::vector<double>& seg, QVector<double>& x, QVector<double>& y)
{
    for (std::size_t k = 0; k + 3 < seg.size(); k += 4) {
        x << seg[k] << seg[k + 2] << kNaN;
        y << seg[k + 1] << seg[k + 3] << kNaN;
    }
}

QCPCurve* makeCurve(QCustomPlot* plot, const QPen& pen, const QString& name = {})
{
    auto* c = new QCPCurve(plot->xAxis, plot->yAxis);
    c->setPen(pen);
    c->setName(name);
    c->setAntialiased(true);
    if (name.isEmpty())
        c->removeFromLegend();
    return c;
}

QCPCurve* makeMarker(QCustomPlot* plot, QCPScatterStyle style, const QString& name = {})
{
    auto* c = new QCPCurve(plot->xAxis, plot->yAxis);
    c->setLineStyle(QCPCurve::lsNone);
    c->setScatterStyle(style);
    c->setName(name);
    if (name.isEmpty())
        c->removeFromLegend();
    return c;
}

void setLogAxis(QCPAxis* axis, bool log)
{
    if (log && axis->scaleType() != QCPAxis::stLogarithmic) {
        setDecadeAxis(axis);
    } else if (!log && axis->scaleType() != QCPAxis::stLinear) {
        axis->setScaleType(QCPAxis::stLinear);
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        axis->setNumberFormat(QStringLiteral("gb"));
        axis->setNumberPrecision(6);
    }
}
}  // namespace

DescentTab::DescentTab(ParamSet params, QWidget* parent)
    : Tab(std::move(params), parent)
{
    buildPlots();
    onParamsChanged({});

    // Each experiment sets everything its observation depends on, so it holds whatever was changed before.
    const std::vector<std::pair<std::string, std::string>> plain{{"schedule", "constant"}, {"noise", "0"}, {"weight_decay", "0"},
                                                                 {"steps", "500"}, {"time", "10000"}, {"view", "map"}};
    auto with = [&plain](std::vector<std::pair<std::string, std::string>> set) {
        set.insert(set.end(), plain.begin(), plain.end());
        return set;
    };
    setTryThis({
        {tr("A bowl with condition number κ = 50: its largest curvature is 50, so plain gradient descent is stable only for "
            "lr < 2/50 = 0.04 (readout “Largest stable GD lr”). SGD at lr 0.041 zig-zags ever wider and diverges at step 228; "
            "set its lr to 0.039 and it converges to the minimum."),
         with({{"surface", "quadratic"}, {"condition", "50"}, {"angle", "30"}, {"optimizers", "sgd"}, {"lr_sgd", "0.041"},
               {"start_x", "-2.5"}, {"start_y", "2"}, {"clip_norm", "0"}})},
        {tr("Rosenbrock with SGD at lr 0.01 and Clip norm 1: the gradient at the start has norm 233, clipped to 1, and the run "
            "ends near f ≈ 0.09 after 500 steps. Set Clip norm to 0 and the same lr diverges at step 3."),
         with({{"surface", "rosenbrock"}, {"optimizers", "sgd"}, {"lr_sgd", "0.01"}, {"start_x", "-1.2"}, {"start_y", "1"},
               {"clip_norm", "1"}})},
        {tr("The saddle x² − y², starting just off the ridge at (−2, 0.01): after 500 steps SGD has barely left y = 0 "
            "(y ≈ 0.03), Momentum escapes after about 280 steps and Adam after about 20, because it moves every coordinate by "
            "about lr per step however small its gradient."),
         with({{"surface", "saddle"}, {"optimizers", "sgd,momentum,adam"}, {"lr_sgd", "0.001"}, {"lr_momentum", "0.001"},
               {"lr_adam", "0.05"}, {"momentum", "0.9"}, {"beta1", "0.9"}, {"beta2", "0.999"}, {"eps", "1e-08"},
               {"start_x", "-2"}, {"start_y", "0.01"}, {"clip_norm", "0"}})},
    });
}

DescentTab::~DescentTab()
{
    if (m_gridCancel)
        m_gridCancel->store(true);
    m_gridWatcher.waitForFinished();  // at most one row of work after the cancel
}

void DescentTab::buildPlots()
{
    // Inner views: the map or the 3D wireframe in the main area.
    auto* viewRow = new QHBoxLayout;
    viewRow->setContentsMargins(0, 0, 0, 0);
    auto* group = new QButtonGroup(this);
    const QString viewNames[2] = {tr("Map"), tr("3D")};
    for (int i = 0; i < 2; ++i) {
        auto* b = new QToolButton(this);
        b->setText(viewNames[i]);
        b->setCheckable(true);
        b->setAutoRaise(false);
        b->setMinimumWidth(70);
        group->addButton(b, i);
        viewRow->addWidget(b);
        m_viewButtons[static_cast<std::size_t>(i)] = b;
    }
    viewRow->addStretch(1);
    connect(group, &QButtonGroup::idClicked, this, &DescentTab::onViewButton);
    figureLayout()->addLayout(viewRow);

    auto* split = new QSplitter(Qt::Horizontal);
    split->setChildrenCollapsible(false);
    figureLayout()->addWidget(split, 1);

    auto* left = new QWidget(split);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(left);
    leftLayout->addWidget(m_stack, 1);

    // The map: heatmap, contours, gradient field, Taylor model, paths, markers.
    m_map = new PlotView(m_stack);
    m_map->setTitle(tr("Loss surface and optimizer paths"));
    m_heat = new QCPColorMap(m_map->xAxis, m_map->yAxis);
    m_heat->setInterpolate(true);
    m_heat->setTightBoundary(false);
    m_heat->removeFromLegend();
    m_colorScale = new QCPColorScale(m_map);
    m_map->plotLayout()->addElement(1, 1, m_colorScale);
    m_colorScale->setType(QCPAxis::atRight);
    m_colorScale->setBarWidth(14);
    m_heat->setColorScale(m_colorScale);
    QCPColorGradient grad = palette::viridis();
    grad.setNanHandling(QCPColorGradient::nhTransparent);  // cells where f is undefined stay blank
    m_heat->setGradient(grad);
    auto* margins = new QCPMarginGroup(m_map);
    m_map->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_colorScale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    // Tens of thousands of short segments: thin, not antialiased, so a replot stays fast.
    m_contourCurve = makeCurve(m_map, QPen(QColor(255, 255, 255, 150), 1));
    m_contourCurve->setAntialiased(false);
    m_fieldCurve = makeCurve(m_map, QPen(QColor(255, 255, 255, 200), 1));
    m_fieldCurve->setAntialiased(false);
    QPen taylorPen(QColor(0xff, 0x8c, 0x00), 2, Qt::DashLine);
    m_taylorCurve = makeCurve(m_map, taylorPen, tr("Taylor model"));
    m_minimaMarker = makeMarker(m_map, QCPScatterStyle(QCPScatterStyle::ssStar, QPen(Qt::white, 2), Qt::white, 14), tr("known minima"));
    m_startMarker = makeMarker(m_map, QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QPen(Qt::white, 2), Qt::NoBrush, 14), tr("start"));
    m_map->setInteractiveZoom(true);
    m_map->setResetViewHook([this] {
        if (!m_surface)
            return;
        const auto b = m_surface->bounds();
        m_map->xAxis->setRange(b.xMin, b.xMax);
        m_map->yAxis->setRange(b.yMin, b.yMax);
        m_map->replot(QCustomPlot::rpQueuedReplot);
    });
    m_map->legend->setVisible(true);
    m_map->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    m_map->setMouseTracking(true);
    m_map->installEventFilter(this);
    connect(m_map, &QCustomPlot::mousePress, this, &DescentTab::onMapMousePress);
    connect(m_map, &QCustomPlot::mouseRelease, this, &DescentTab::onMapMouseRelease);
    connect(m_map, &QCustomPlot::mouseMove, this, &DescentTab::onMapMouseMove);
    m_stack->addWidget(m_map);

    // The 3D view: no axes, a wireframe and the paths, projected by the engine.
    m_view3d = new PlotView(m_stack);
    m_view3d->setTitle(tr("Loss surface in 3D (drag to rotate)"));
    m_view3d->xAxis->setVisible(false);
    m_view3d->yAxis->setVisible(false);
    m_view3d->xAxis->grid()->setVisible(false);
    m_view3d->yAxis->grid()->setVisible(false);
    m_wire = makeCurve(m_view3d, QPen(QColor(60, 70, 110, 150), 1));
    m_view3d->legend->setVisible(true);
    // Equal scales on both screen axes (so a rotation never shears), kept after every layout, exports included.
    connect(m_view3d, &QCustomPlot::afterLayout, this, [this] {
        if (m_view3d->axisRect()->width() > 0 && m_view3d->axisRect()->height() > 0)
            m_view3d->yAxis->setScaleRatio(m_view3d->xAxis, 1.0);
    });
    connect(m_view3d, &QCustomPlot::mousePress, this, &DescentTab::on3dMousePress);
    connect(m_view3d, &QCustomPlot::mouseMove, this, &DescentTab::on3dMouseMove);
    m_stack->addWidget(m_view3d);

    // The time slider and Play button under the main view.
    auto* timeRow = new QHBoxLayout;
    m_play = new QToolButton(left);
    m_play->setCheckable(true);
    m_play->setText(tr("▶ Play"));
    m_play->setToolTip(tr("Animate the optimizers step by step"));
    m_timeSlider = new QSlider(Qt::Horizontal, left);
    m_timeSlider->setObjectName(QStringLiteral("time"));  // the parameter it drives (tests, the benchmark)
    m_timeSlider->setToolTip(tr("Scrub through the steps"));
    m_timeLabel = new QLabel(left);
    m_timeLabel->setMinimumWidth(110);
    timeRow->addWidget(m_play);
    timeRow->addWidget(m_timeSlider, 1);
    timeRow->addWidget(m_timeLabel);
    leftLayout->addLayout(timeRow);
    m_playTimer = new QTimer(this);
    m_playTimer->setInterval(33);
    connect(m_playTimer, &QTimer::timeout, this, &DescentTab::onPlayTick);
    connect(m_play, &QToolButton::toggled, this, &DescentTab::onPlayToggled);
    connect(m_timeSlider, &QSlider::valueChanged, this, &DescentTab::onTimeSliderMoved);

    // Loss, gradient norm and schedule, stacked on the right.
    auto* side = new QSplitter(Qt::Vertical, split);
    side->setChildrenCollapsible(false);
    m_loss = new PlotView(side);
    m_loss->setTitle(tr("Loss per step"));
    m_loss->xAxis->setLabel(tr("step"));
    m_grad = new PlotView(side);
    m_grad->setTitle(tr("Gradient norm per step"));
    m_grad->xAxis->setLabel(tr("step"));
    m_grad->yAxis->setLabel(tr("‖∇f‖"));
    setLogAxis(m_grad->yAxis, true);
    m_lr = new PlotView(side);
    m_lr->setTitle(tr("Learning-rate schedule"));
    m_lr->xAxis->setLabel(tr("step t"));
    m_lr->yAxis->setLabel(tr("s(t) = lrₜ / lr"));
    m_lrGraph = m_lr->addGraph();
    m_lrGraph->setPen(QPen(QColor(40, 40, 40), 2));
    m_lrGraph->setName(tr("s(t)"));
    for (PlotView* p : {m_loss, m_grad})
        p->legend->setVisible(true);
    int li = 0;
    for (PlotView* p : {m_loss, m_grad, m_lr}) {
        auto* line = new QCPItemStraightLine(p);
        line->setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
        m_timeLines[static_cast<std::size_t>(li++)] = line;
        p->setInteractiveZoom(true);
        trackPlot(p);
    }
    trackPlot(m_map);
    trackPlot(m_view3d);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({900, 520});

    // One set of plottables per optimizer, in menu order; unselected ones are hidden.
    for (const auto& id : optim::optimizerIds()) {
        OptimizerPlots op;
        const QColor c = palette::color(id);
        const QString name = QString::fromLatin1(optimizerLabel(id));
        op.path = makeCurve(m_map, QPen(c, 2), name);
        // ssCircle takes the brush (ssDisc would fill with the pen colour): a coloured disc with a white rim.
        op.marker = makeMarker(m_map, QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::white, 1.5), c, 12));
        op.path3d = makeCurve(m_view3d, QPen(c, 2), name);
        op.marker3d = makeMarker(m_view3d, QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 1), c, 11));
        op.loss = m_loss->addGraph();
        op.loss->setPen(QPen(c, 1));
        op.loss->setName(name);
        op.grad = m_grad->addGraph();
        op.grad->setPen(QPen(c, 1));
        op.grad->setName(name);
        m_optPlots.push_back(std::move(op));
    }
    // What a time scrub or a learning-rate drag moves (paths, markers, the step
    // lines) lives on its own buffered layer: such a change redraws that layer
    // alone, not the heatmap and the contours underneath (onParamsChanged).
    for (PlotView* p : {m_map, m_loss, m_grad, m_lr}) {
        p->addLayer(kMovingLayer, p->layer(QStringLiteral("main")), QCustomPlot::limAbove);
        p->layer(kMovingLayer)->setMode(QCPLayer::lmBuffered);
    }
    for (OptimizerPlots& op : m_optPlots) {
        op.path->setLayer(kMovingLayer);
        op.marker->setLayer(kMovingLayer);
    }
    // The run whose learning rate is being dragged is drawn on a buffered layer of its own on
    // the map, and on the moving layer (beside the step line) of both curve plots, so a drag
    // redraws one path and its curves, not all seven. (Each buffered layer is one more image
    // to compose at every repaint: the curve plots do without a layer of their own.)
    // It is buffered from the first drag on (setHotOptimizer): until then it costs no image.
    m_map->addLayer(kHotLayer, m_map->layer(kMovingLayer), QCustomPlot::limAbove);
    m_startMarker->setLayer(kMovingLayer);
    for (auto* line : m_timeLines)
        line->setLayer(kMovingLayer);

    // While a costly grid is sampled off the GUI thread: a note with its progress over the map and the 3D view.
    for (PlotView* p : {m_map, m_view3d}) {
        auto* note = new QCPItemText(p);
        note->setLayer(QStringLiteral("overlay"));
        note->position->setType(QCPItemPosition::ptAxisRectRatio);
        note->position->setCoords(0.5, 0.5);
        note->setPositionAlignment(Qt::AlignCenter);
        note->setTextAlignment(Qt::AlignCenter);
        note->setPadding(QMargins(12, 8, 12, 8));
        note->setBrush(QColor(255, 255, 255, 230));
        note->setPen(QPen(QColor(120, 120, 120)));
        QFont f = note->font();
        f.setPointSizeF(f.pointSizeF() * 1.2);
        note->setFont(f);
        note->setVisible(false);
        (p == m_map ? m_gridNote : m_gridNote3d) = note;
    }
    m_gridProgressTimer = new QTimer(this);
    m_gridProgressTimer->setInterval(200);
    connect(m_gridProgressTimer, &QTimer::timeout, this, &DescentTab::onGridProgress);
    connect(&m_gridWatcher, &QFutureWatcher<GridOutcome>::finished, this, &DescentTab::onGridFinished);
    m_gridPool.setMaxThreadCount(1);
    m_gridPool.setThreadPriority(QThread::IdlePriority);

    // Expression errors right under the controls, beside the field they concern.
    m_expressionError = new QLabel(this);
    m_expressionError->setWordWrap(true);
    m_expressionError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_expressionError->setStyleSheet(QStringLiteral("QLabel { color: #e0443e; }"));
    m_expressionError->hide();
    controlsExtraLayout()->addWidget(m_expressionError);
}

QCPCurve* DescentTab::pathCurve(const std::string& optimizer) const
{
    const auto& ids = optim::optimizerIds();
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (ids[i] == optimizer)
            return m_optPlots[i].path;
    return nullptr;
}

void DescentTab::onParamsChanged(const std::set<std::string>& keys)
{
    beginCompute();
    // What the curve plots showed before: if a learning-rate drag leaves their axes as they were,
    // only the dragged run's layer is redrawn.
    const auto axesState = [this] {
        return std::array<QCPRange, 4>{m_loss->xAxis->range(), m_loss->yAxis->range(), m_grad->xAxis->range(), m_grad->yAxis->range()};
    };
    const auto axesBefore = axesState();
    const auto lossScaleBefore = m_loss->yAxis->scaleType();
    auto has = [&keys](std::initializer_list<const char*> ks) {
        if (keys.empty())
            return true;
        for (const char* k : ks)
            if (keys.count(k))
                return true;
        return false;
    };
    bool runsChanged = has({"optimizers", "start_x", "start_y", "steps", "momentum", "beta1", "beta2", "eps", "rms_alpha",
                            "weight_decay", "noise", "clip_norm", "schedule", "step_size", "gamma", "warmup", "seed"});
    for (const auto& k : keys)
        if (k.rfind("lr_", 0) == 0)
            runsChanged = true;

    const bool surfaceChanged = has({"surface", "condition", "angle", "expression", "batch"}) && rebuildSurface();
    if (!m_surface) {
        endCompute();
        return;
    }
    const bool gridChanged = surfaceChanged || has({"grid", "log_scale"});
    if (gridChanged)
        recomputeGrid();
    if (surfaceChanged || has({"show_field"}))
        recomputeField();
    if (surfaceChanged || runsChanged)
        recomputeTrajectories();
    if (surfaceChanged || gridChanged || runsChanged || has({"azimuth", "elevation"}))
        m_3dDirty = true;
    if (has({"view"})) {
        const bool is3d = m_params.text("view") == "3d";
        m_stack->setCurrentIndex(is3d ? 1 : 0);
        m_viewButtons[is3d ? 1 : 0]->setChecked(true);
    }
    if (m_3dDirty && m_params.text("view") == "3d")
        update3dGeometry();
    if (surfaceChanged || has({"time", "view"}))
        updateTime();
    else if (runsChanged)
        updateTime(true);
    if (surfaceChanged || gridChanged || has({"start_x", "start_y", "show_taylor"}))
        updateTaylor();
    if (surfaceChanged || runsChanged)
        updateReadouts();
    if (has({"surface", "schedule", "optimizers"}))
        updatePanelVisibility();
    if (surfaceChanged || has({"optimizers"}))
        updateExplanation();
    endCompute();
    // A time scrub moves only what is on the moving and hot layers; a learning-rate
    // drag changes one run: its path and curves are on the hot layers, redrawn alone
    // unless the legend (a run diverged) or the curve plots' axes changed. The heatmap
    // and contours stay in their buffer.
    bool timeOnly = !keys.empty(), lrOnly = !keys.empty();
    for (const auto& k : keys) {
        timeOnly = timeOnly && k == "time";
        lrOnly = lrOnly && k.rfind("lr_", 0) == 0;
    }
    int dragged = -1;
    if (keys.size() == 1 && lrOnly) {
        const auto& ids = optim::optimizerIds();
        for (std::size_t i = 0; i < ids.size(); ++i)
            if ("lr_" + ids[i] == *keys.begin())
                dragged = static_cast<int>(i);
    }
    const bool relayered = dragged >= 0 && dragged != m_hot;
    if (relayered)
        setHotOptimizer(dragged);  // the layers it leaves and joins are redrawn in full once
    QStringList names;
    for (const OptimizerPlots& op : m_optPlots)
        names << op.path->name();
    const bool legendSame = names == m_shownPathNames;
    m_shownPathNames = names;
    const bool axesSame = axesState() == axesBefore && m_loss->yAxis->scaleType() == lossScaleBefore;
    for (PlotView* p : {m_map, m_view3d, m_loss, m_grad, m_lr}) {
        if (!(p->isVisible() || !isVisible()))
            continue;
        if (lrOnly && p == m_lr)
            continue;  // the schedule s(t) and the step line do not depend on a learning rate
        const bool curves = p == m_loss || p == m_grad;
        QStringList layers;  // empty: a full replot
        const QStringList mapMoving = m_hot >= 0 ? QStringList{kMovingLayer, kHotLayer} : QStringList{kMovingLayer};
        if (timeOnly && p == m_map)
            layers = mapMoving;
        else if (timeOnly && p != m_view3d)
            layers = {kMovingLayer};
        else if (lrOnly && !relayered && p == m_map && legendSame)
            layers = dragged >= 0 ? QStringList{kHotLayer} : mapMoving;
        else if (lrOnly && dragged >= 0 && !relayered && curves && axesSame)
            layers = {kMovingLayer};
        if (layers.isEmpty()) {
            p->replot(QCustomPlot::rpQueuedReplot);
            continue;
        }
        for (const QString& l : layers)
            p->layer(l)->replot();  // a full replot when the buffers are not drawn yet
    }
}

void DescentTab::setHotOptimizer(int index)
{
    m_hot = index;
    m_map->layer(kHotLayer)->setMode(index >= 0 ? QCPLayer::lmBuffered : QCPLayer::lmLogical);
    // Every run is put back in menu order so that the drawing order within a layer stays the same.
    for (std::size_t i = 0; i < m_optPlots.size(); ++i) {
        const bool hot = static_cast<int>(i) == index;
        OptimizerPlots& op = m_optPlots[i];
        op.path->setLayer(hot ? kHotLayer : kMovingLayer);
        op.marker->setLayer(hot ? kHotLayer : kMovingLayer);
        op.loss->setLayer(hot ? kMovingLayer : QStringLiteral("main"));
        op.grad->setLayer(hot ? kMovingLayer : QStringLiteral("main"));
    }
    m_startMarker->setLayer(kMovingLayer);
}

bool DescentTab::rebuildSurface()
{
    const std::string id = m_params.text("surface");
    optim::SurfaceSettings ss;
    ss.condition = m_params.real("condition");
    ss.angleDeg = m_params.real("angle");
    ss.expression = m_params.text("expression");
    ss.batch = static_cast<int>(m_params.integer("batch"));
    std::string key = id;
    if (id == "quadratic")
        key += "|" + formatReal(ss.condition) + "|" + formatReal(ss.angleDeg);
    else if (id == "custom")
        key += "|" + ss.expression;
    else if (id == "logistic")
        key += "|batch=" + std::to_string(ss.batch);
    if (m_surface && key == m_surfaceKey) {
        // Same surface; a previous expression error may have been corrected back to the shown one.
        if (!m_surfaceError.isEmpty()) {
            m_surfaceError.clear();
            m_expressionError->hide();
            paramPanel()->setParamError("expression", {});
            showError({});
        }
        return false;
    }
    Message error;
    auto s = optim::makeSurface(id, ss, &error);
    if (!s) {
        m_surfaceError = trEngine(error);
        m_expressionError->setText(tr("%1 (the last valid surface stays shown)").arg(m_surfaceError));
        m_expressionError->show();
        paramPanel()->setParamError("expression", m_surfaceError);
        showError(m_surfaceError);
        if (m_surface)
            return false;
        // Nothing valid to keep yet (an invalid expression restored from a session): show the default expression's surface.
        ss.expression = std::get<std::string>(m_params.find("expression")->defaultValue);
        s = optim::makeSurface(id, ss);
        key = id + "|" + ss.expression;
        if (!s)
            return false;
    } else if (!m_surfaceError.isEmpty()) {
        m_surfaceError.clear();
        m_expressionError->hide();
        paramPanel()->setParamError("expression", {});
        showError({});
    }
    const bool sameKind = m_surface && m_surface->id() == s->id();
    m_surface = std::move(s);
    m_surfaceKey = key;
    m_lossRef = optim::lossReference(*m_surface);
    if (!sameKind) {
        const auto b = m_surface->bounds();
        m_map->xAxis->setRange(b.xMin, b.xMax);
        m_map->yAxis->setRange(b.yMin, b.yMax);
        const bool logistic = m_surface->id() == "logistic";
        m_map->xAxis->setLabel(logistic ? tr("weight w") : tr("x"));
        m_map->yAxis->setLabel(logistic ? tr("bias b") : tr("y"));
    }
    QVector<double> mx, my;
    for (const auto& m : m_surface->minima()) {
        mx << m.x;
        my << m.y;
    }
    m_minimaMarker->setData(mx, my);
    m_minimaMarker->setVisible(!mx.isEmpty());
    if (mx.isEmpty())
        m_minimaMarker->removeFromLegend();
    else
        m_minimaMarker->addToLegend();
    return true;
}

/// The part of a surface key that decides its values (not the minibatch size: that only changes the step gradients).
static std::string gridValueKey(const std::string& surfaceKey) { return surfaceKey.substr(0, surfaceKey.find("|batch=")); }

void DescentTab::recomputeGrid()
{
    const int n = static_cast<int>(m_params.integer("grid"));
    const std::string key = gridValueKey(m_surfaceKey) + "#" + std::to_string(n);
    if (key != m_gridKey) {
        if (static_cast<double>(n) * n * m_surface->valueCost() >= kAsyncGridWork) {
            // The drawn grid stays (or the map says it is computing) until the worker delivers;
            // a log-scale toggle meanwhile is applied to the delivered grid.
            if (!m_gridBusy || key != m_pendingGridKey)
                startGridJob(n, key);
            updateGridNote();
            if (gridShowsSurface() && m_display.log != m_params.boolean("log_scale"))
                applyGrid();  // the grid shown meanwhile follows a colour-scale toggle too
            return;
        }
        cancelGridJob();
        optim::sampleSurface(*m_surface, m_surface->bounds(), n, m_grid);
        m_gridKey = key;
        ++m_gridCount;
    } else {
        cancelGridJob();  // back to the drawn grid while another one was computing
    }
    updateGridNote();
    applyGrid();
}

void DescentTab::startGridJob(int n, const std::string& key)
{
    cancelGridJob();
    const quint64 generation = ++m_gridGeneration;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    auto progress = std::make_shared<std::atomic<double>>(0.0);
    m_gridCancel = cancel;
    m_gridProgress = progress;
    m_gridBusy = true;
    m_pendingGridKey = key;
    m_pendingGridN = n;
    m_gridProgressTimer->start();
    const bool log = m_params.boolean("log_scale");
    m_gridOnIdlePool = !m_hurry;
    QThreadPool* pool = m_gridOnIdlePool ? &m_gridPool : QThreadPool::globalInstance();
    m_gridWatcher.setFuture(QtConcurrent::run(pool, [surface = m_surface, n, key, generation, cancel, progress, log] {
        GridOutcome o;
        o.generation = generation;
        o.key = key;
        o.grid = std::make_shared<optim::SurfaceGrid>();
        o.complete = optim::sampleSurface(*surface, surface->bounds(), n, *o.grid, [&](double f) {
            progress->store(f);
            return !cancel->load();
        });
        if (o.complete)  // levels, contours and colours too: little is left for the GUI thread
            o.picture = std::make_shared<const GridPicture>(prepareGridPicture(*o.grid, log));
        return o;
    }));
}

void DescentTab::cancelGridJob()
{
    if (!m_gridBusy)
        return;
    m_gridCancel->store(true);  // the worker stops after its current row; its result is dropped
    ++m_gridGeneration;
    m_gridBusy = false;
    m_pendingGridKey.clear();
    m_gridProgressTimer->stop();
}

void DescentTab::onGridFinished()
{
    GridOutcome o = m_gridWatcher.result();
    if (o.generation != m_gridGeneration || !o.complete || !m_gridBusy)
        return;  // stale or cancelled: a newer request is on its way
    beginCompute();
    m_gridBusy = false;
    m_pendingGridKey.clear();
    m_gridProgressTimer->stop();
    std::swap(m_grid, *o.grid);
    m_gridKey = o.key;
    ++m_gridCount;
    updateGridNote();
    applyGrid(o.picture.get());
    // What depends on the grid's range: the Taylor model's levels and the 3D box.
    updateTaylor();
    m_3dDirty = true;
    if (m_params.text("view") == "3d") {
        update3dGeometry();
        updateTime();
    }
    endCompute();
    m_map->replot(QCustomPlot::rpQueuedReplot);
    m_view3d->replot(QCustomPlot::rpQueuedReplot);
}

void DescentTab::onGridProgress()
{
    if (!m_gridBusy)
        return;
    updateGridNote();
    m_map->layer(QStringLiteral("overlay"))->replot();
    m_view3d->layer(QStringLiteral("overlay"))->replot();
}

bool DescentTab::gridShowsSurface() const
{
    const std::string valueKey = gridValueKey(m_surfaceKey);
    return m_gridKey.compare(0, valueKey.size() + 1, valueKey + "#") == 0;
}

void DescentTab::updateGridNote()
{
    const bool same = gridShowsSurface();
    if (m_gridBusy) {
        const int percent = static_cast<int>(std::lround(100.0 * (m_gridProgress ? m_gridProgress->load() : 0.0)));
        const QString text = same ? tr("Computing the %1 × %1 grid… %2 %\n(the %3 × %3 grid is shown meanwhile)")
                                        .arg(m_pendingGridN)
                                        .arg(percent)
                                        .arg(m_grid.nx)
                                  : tr("Computing the loss surface on a %1 × %1 grid… %2 %").arg(m_pendingGridN).arg(percent);
        for (QCPItemText* note : {m_gridNote, m_gridNote3d}) {
            note->setText(text);
            note->setVisible(true);
        }
    } else {
        m_gridNote->setVisible(false);
        m_gridNote3d->setVisible(false);
    }
    // Never a picture of another surface under the new one's axes: without a grid of this surface
    // the heatmap, contours and colour scale are hidden until the worker delivers.
    const bool show = same;
    m_heat->setVisible(show);
    m_contourCurve->setVisible(show);
    m_colorScale->setVisible(show);
    m_wire->setVisible(show);
}

DescentTab::GridPicture DescentTab::prepareGridPicture(const optim::SurfaceGrid& g, bool log)
{
    GridPicture p;
    p.log = log;
    p.display = optim::DisplayScale{g.fMin, g.fMax, log};
    p.levels = optim::contourLevels(g.fMin, g.fMax, kContourLevels, log);
    const auto& b = g.bounds;
    const double dx = (b.xMax - b.xMin) / (g.nx - 1), dy = (b.yMax - b.yMin) / (g.ny - 1);
    const auto contours = optim::marchingSquares(g.values.data(), g.nx, g.ny, b.xMin, dx, b.yMin, dy, p.levels);
    p.cells.resize(g.values.size());
    for (std::size_t k = 0; k < g.values.size(); ++k)
        p.cells[k] = std::isnan(g.values[k]) ? kNaN : p.display(g.values[k]);
    std::size_t total = 0;
    for (const auto& l : contours)
        total += l.segments.size() / 4 * 3;
    p.cx.reserve(static_cast<qsizetype>(total));
    p.cy.reserve(static_cast<qsizetype>(total));
    for (const auto& l : contours)
        segmentsToCurve(l.segments, p.cx, p.cy);
    return p;
}

void DescentTab::applyGrid(const GridPicture* prepared)
{
    const bool log = m_params.boolean("log_scale");
    // The worker prepared the picture for the colour scale chosen when it started; a toggle since is redone here.
    GridPicture local;
    if (!prepared || prepared->log != log)
        local = prepareGridPicture(m_grid, log);
    const GridPicture& picture = prepared && prepared->log == log ? *prepared : local;
    m_display = picture.display;
    m_levels = picture.levels;
    const auto& b = m_grid.bounds;
    QCPColorMapData* data = m_heat->data();
    data->setSize(m_grid.nx, m_grid.ny);
    data->setRange(QCPRange(b.xMin, b.xMax), QCPRange(b.yMin, b.yMax));
    for (int j = 0; j < m_grid.ny; ++j)
        for (int i = 0; i < m_grid.nx; ++i)
            data->setCell(i, j, picture.cells[static_cast<std::size_t>(j) * m_grid.nx + i]);
    m_heat->rescaleDataRange(true);
    m_colorScale->axis()->setLabel(log ? tr("log₁₀(f − fₘᵢₙ + δ)") : tr("f"));
    m_contourCurve->setData(picture.cx, picture.cy);
}

void DescentTab::recomputeField()
{
    const bool on = m_params.boolean("show_field");
    QVector<double> x, y;
    if (on)
        segmentsToCurve(optim::gradientField(*m_surface, m_surface->bounds(), kFieldLattice), x, y);
    m_fieldCurve->setData(x, y);
    m_fieldCurve->setVisible(on);
}

void DescentTab::recomputeTrajectories()
{
    optim::RunSettings rs;
    rs.startX = m_params.real("start_x");
    rs.startY = m_params.real("start_y");
    rs.steps = static_cast<int>(m_params.integer("steps"));
    rs.noise = m_params.real("noise");
    rs.clipNorm = m_params.real("clip_norm");
    rs.seed = static_cast<std::uint64_t>(m_params.integer("seed"));
    optim::parseScheduleKind(m_params.text("schedule"), &rs.schedule.kind);
    rs.schedule.stepSize = static_cast<int>(m_params.integer("step_size"));
    rs.schedule.gamma = m_params.real("gamma");
    rs.schedule.warmup = static_cast<int>(m_params.integer("warmup"));
    rs.schedule.total = rs.steps;
    rs.optimizer.momentum = m_params.real("momentum");
    rs.optimizer.beta1 = m_params.real("beta1");
    rs.optimizer.beta2 = m_params.real("beta2");
    rs.optimizer.eps = m_params.real("eps");
    rs.optimizer.rmsAlpha = m_params.real("rms_alpha");
    rs.optimizer.weightDecay = m_params.real("weight_decay");

    // A run is recomputed only when something it depends on changed: dragging one learning rate reruns one optimizer.
    std::string common = m_surfaceKey;
    for (const char* k : {"start_x", "start_y", "steps", "noise", "clip_norm", "seed", "schedule", "step_size", "gamma", "warmup",
                          "momentum", "beta1", "beta2", "eps", "rms_alpha", "weight_decay"})
        common += "|" + m_params.toString(k);
    const auto& selected = m_params.texts("optimizers");
    const auto& ids = optim::optimizerIds();
    m_allRuns.resize(ids.size());
    m_runKeys.resize(ids.size());
    m_runs.clear();
    for (std::size_t i = 0; i < ids.size(); ++i) {
        OptimizerPlots& op = m_optPlots[i];
        const bool on = std::find(selected.begin(), selected.end(), ids[i]) != selected.end();
        op.changed = on != op.path->visible();
        for (QCPAbstractPlottable* p : {static_cast<QCPAbstractPlottable*>(op.path), static_cast<QCPAbstractPlottable*>(op.marker),
                                        static_cast<QCPAbstractPlottable*>(op.path3d), static_cast<QCPAbstractPlottable*>(op.marker3d),
                                        static_cast<QCPAbstractPlottable*>(op.loss), static_cast<QCPAbstractPlottable*>(op.grad)})
            p->setVisible(on);
        for (QCPAbstractPlottable* p : {static_cast<QCPAbstractPlottable*>(op.path), static_cast<QCPAbstractPlottable*>(op.path3d),
                                        static_cast<QCPAbstractPlottable*>(op.loss), static_cast<QCPAbstractPlottable*>(op.grad)})
            on ? (void)p->addToLegend() : (void)p->removeFromLegend();
        if (!on) {
            op.px.clear();
            op.py.clear();
            op.loss->data()->clear();
            op.grad->data()->clear();
            continue;
        }
        optim::Trajectory& t = m_allRuns[i];
        m_runs.push_back(&t);
        const std::string key = common + "|" + ids[i] + "|" + m_params.toString("lr_" + ids[i]);
        if (key == m_runKeys[i] && op.px.size() == static_cast<qsizetype>(t.size()))
            continue;  // unchanged: keep the run and its plot data
        optim::runTrajectory(*m_surface, ids[i], m_params.real("lr_" + ids[i]), rs, t);
        m_runKeys[i] = key;
        ++m_runCount;
        op.changed = true;
        op.px.clear();
        op.py.clear();
        const qsizetype n = static_cast<qsizetype>(t.size());
        op.px.reserve(n);
        op.py.reserve(n);
        for (qsizetype k = 0; k < n; ++k) {
            op.px << t.x[static_cast<std::size_t>(k)];
            op.py << t.y[static_cast<std::size_t>(k)];
        }
        // Long paths are dense: a 1-pixel pen draws them several times faster than a wide one.
        const int width = t.size() > kWidePathSteps ? 1 : 2;
        op.path->setPen(QPen(palette::color(ids[i]), width));
        op.path3d->setPen(QPen(palette::color(ids[i]), width));
        const QString name = QString::fromLatin1(optimizerLabel(ids[i]));
        const QString label = t.diverged ? tr("%1 (diverged at step %2)").arg(name, countText(t.divergedAt)) : name;
        op.path->setName(label);
        op.path3d->setName(label);
    }

    // 2-px paths are drawn a segment at a time: a wide antialiased polyline is stroked as one outline,
    // and a path that zig-zags across the map (Adam at a large lr) crosses itself on every scanline:
    // 22 M instructions for 500 steps, 3.5 M segment by segment. A 1-px path is fastest as one
    // polyline (10,000 segments drawn one by one made a stress time scrub 30% slower). The contours
    // and the field are separate segments either way; the dashed Taylor curve keeps its polyline.
    bool allWide = true;
    for (const auto* t : m_runs)
        allWide = allWide && t->size() <= static_cast<std::size_t>(kWidePathSteps);
    m_map->setPlottingHint(QCP::phFastPolylines, allWide);

    // Loss curves: f − f* on a log axis when the minimum is known (else f, on a log axis only if positive).
    const bool haveRef = std::isfinite(m_lossRef);
    bool allPositive = true;
    for (const auto* t : m_runs)
        for (double f : t->f)
            if (!haveRef && !(f > 0))
                allPositive = false;
    const bool logLoss = haveRef || allPositive;
    // The curves of unchanged runs stay as they are, unless the axis type they were built for changed.
    const bool rebuildAll = m_logLossShown != static_cast<int>(logLoss);
    m_logLossShown = static_cast<int>(logLoss);
    setLogAxis(m_loss->yAxis, logLoss);
    m_loss->yAxis->setLabel(haveRef ? tr("f − f*  (f* = %1)").arg(formatNumber(m_lossRef)) : tr("f"));
    for (std::size_t i = 0; i < ids.size(); ++i) {
        OptimizerPlots& op = m_optPlots[i];
        if (!op.loss->visible() || !(op.changed || rebuildAll))
            continue;
        const optim::Trajectory& t = m_allRuns[i];
        QVector<double> steps, loss, gn;
        const qsizetype n = static_cast<qsizetype>(t.size());
        steps.reserve(n);
        loss.reserve(n);
        gn.reserve(n);
        for (qsizetype k = 0; k < n; ++k) {
            const std::size_t u = static_cast<std::size_t>(k);
            steps << static_cast<double>(k);
            const double v = haveRef ? t.f[u] - m_lossRef : t.f[u];
            loss << (logLoss ? std::max(v, kLogFloor) : v);
            gn << std::max(t.gradNorm[u], kLogFloor);
        }
        op.loss->setData(steps, loss, true);
        op.grad->setData(steps, gn, true);
        bool lossOk = false, gradOk = false;
        op.lossRange = op.loss->getValueRange(lossOk, QCP::sdBoth);
        op.gradRange = op.grad->getValueRange(gradOk, QCP::sdBoth);
        op.rangesFound = lossOk && gradOk;
    }
    const int stepsTotal = rs.steps;
    for (PlotView* p : {m_loss, m_grad}) {
        bool found = false;
        QCPRange range;
        for (const OptimizerPlots& op : m_optPlots) {
            QCPGraph* g = p == m_loss ? op.loss : op.grad;
            if (!g->visible() || g->dataCount() == 0 || !op.rangesFound)
                continue;
            const QCPRange gr = p == m_loss ? op.lossRange : op.gradRange;
            range = found ? QCPRange(std::min(range.lower, gr.lower), std::max(range.upper, gr.upper)) : gr;
            found = true;
        }
        if (found) {
            // Log axes end on whole decades (with at least a factor 2 of margin): the ends move only when
            // a run crosses a decade, so a learning-rate drag redraws the dragged curve alone, not the
            // whole plot at every step (a diverging Adam's peak loss changed them at every value).
            if (p->yAxis->scaleType() == QCPAxis::stLogarithmic)
                p->yAxis->setRange(std::pow(10.0, std::floor(std::log10(range.lower / 2))), std::pow(10.0, std::ceil(std::log10(range.upper * 2))));
            else
                p->yAxis->setRange(range.lower - 0.05 * (range.size() + 1e-12), range.upper + 0.05 * (range.size() + 1e-12));
        }
        p->xAxis->setRange(0, std::max(1, stepsTotal));
    }

    std::string scheduleKey;
    for (const char* k : {"schedule", "step_size", "gamma", "warmup", "steps"})
        scheduleKey += m_params.toString(k) + "|";
    if (scheduleKey == m_scheduleKey)
        return;  // a learning rate does not change s(t)
    m_scheduleKey = scheduleKey;
    optim::scheduleCurve(rs.schedule, stepsTotal, m_schedule);
    QVector<double> st, sv;
    st.reserve(stepsTotal);
    sv.reserve(stepsTotal);
    for (int k = 0; k < stepsTotal; ++k) {
        st << k;
        sv << m_schedule[static_cast<std::size_t>(k)];
    }
    m_lrGraph->setData(st, sv, true);
    m_lr->xAxis->setRange(0, std::max(1, stepsTotal));
    m_lr->yAxis->setRange(0, 1.08);
}

int DescentTab::shownStep() const
{
    return static_cast<int>(std::min(m_params.integer("time"), m_params.integer("steps")));
}

void DescentTab::updateTime(bool changedOnly)
{
    const int steps = static_cast<int>(m_params.integer("steps"));
    const int t = shownStep();
    {
        const QSignalBlocker block(m_timeSlider);
        m_timeSlider->setRange(0, steps);
        m_timeSlider->setValue(t);
    }
    m_timeLabel->setText(tr("step %1 / %2").arg(countText(t), countText(steps)));
    const bool threeD = m_params.text("view") == "3d";
    for (auto& op : m_optPlots) {
        if (!op.path->visible() || (changedOnly && !op.changed))
            continue;
        const qsizetype n = std::min<qsizetype>(t + 1, op.px.size());
        op.path->setData(op.px.mid(0, n), op.py.mid(0, n));
        if (n > 0)
            op.marker->setData({op.px[n - 1]}, {op.py[n - 1]});
        else
            op.marker->data()->clear();
        if (threeD) {
            const qsizetype m = std::min<qsizetype>(t + 1, op.pu.size());
            op.path3d->setData(op.pu.mid(0, m), op.pv.mid(0, m));
            if (m > 0)
                op.marker3d->setData({op.pu[m - 1]}, {op.pv[m - 1]});
            else
                op.marker3d->data()->clear();
        }
    }
    m_startMarker->setData({m_params.real("start_x")}, {m_params.real("start_y")});
    for (auto* line : m_timeLines) {
        line->point1->setCoords(t, 0);
        line->point2->setCoords(t, 1);
    }
}

void DescentTab::updateTaylor()
{
    // Its contours are drawn at the heatmap's levels: none while the grid of a new surface is computing.
    const bool on = m_params.boolean("show_taylor") && gridShowsSurface();
    QVector<double> x, y;
    if (on) {
        const auto a = optim::analyzePoint(*m_surface, m_params.real("start_x"), m_params.real("start_y"));
        const auto b = m_surface->bounds();
        const double radius = 0.2 * std::min(b.xMax - b.xMin, b.yMax - b.yMin);
        for (const auto& l : optim::taylorContours(a, radius, kTaylorGrid, m_levels))
            segmentsToCurve(l.segments, x, y);
    }
    m_taylorCurve->setData(x, y);
    m_taylorCurve->setVisible(on);
    on ? (void)m_taylorCurve->addToLegend() : (void)m_taylorCurve->removeFromLegend();
}

void DescentTab::updateReadouts()
{
    if (!m_surface)
        return;
    const bool atCursor = m_cursor.has_value();
    const double x = atCursor ? m_cursor->x() : m_params.real("start_x");
    const double y = atCursor ? m_cursor->y() : m_params.real("start_y");
    const auto a = optim::analyzePoint(*m_surface, x, y);
    std::vector<std::pair<QString, QString>> rows;
    rows.emplace_back(atCursor ? tr("At the cursor") : tr("At the start"), QStringLiteral("(%1, %2)").arg(formatNumber(x, 5), formatNumber(y, 5)));
    rows.emplace_back(tr("f"), formatNumber(a.f));
    rows.emplace_back(tr("∇f"), QStringLiteral("(%1, %2)").arg(formatNumber(a.grad.x()), formatNumber(a.grad.y())));
    rows.emplace_back(tr("‖∇f‖"), formatNumber(a.grad.norm()));
    if (a.hessianFinite) {
        rows.emplace_back(tr("Hessian eigenvalues"), QStringLiteral("%1, %2").arg(formatNumber(a.eigMin), formatNumber(a.eigMax)));
        rows.emplace_back(tr("Condition number"), formatNumber(a.condition));
        rows.emplace_back(tr("Largest stable GD lr (2/λmax)"), std::isinf(a.maxStableLr) ? tr("∞ (no positive curvature)") : formatNumber(a.maxStableLr));
    } else {
        rows.emplace_back(tr("Hessian"), tr("undefined here (f is not twice differentiable)"));
    }
    const auto& ids = optim::optimizerIds();
    for (std::size_t i = 0; i < ids.size() && i < m_allRuns.size(); ++i) {
        if (!m_optPlots[i].path->visible())
            continue;
        const auto& t = m_allRuns[i];
        const QString name = QString::fromLatin1(optimizerLabel(ids[i]));
        if (t.diverged)
            rows.emplace_back(name, tr("diverged at step %1").arg(countText(t.divergedAt)));
        else if (!t.f.empty())
            rows.emplace_back(name, tr("f = %1 after %2 steps at (%3, %4)")
                                        .arg(formatNumber(t.f.back()))
                                        .arg(countText(static_cast<long long>(t.size()) - 1))
                                        .arg(formatNumber(t.x.back(), 5), formatNumber(t.y.back(), 5)));
    }
    readouts()->setRows(rows);
}

void DescentTab::update3dGeometry()
{
    if (!gridShowsSurface()) {
        // The box's height comes from the grid's range: wait for this surface's grid.
        m_wire->data()->clear();
        for (OptimizerPlots& op : m_optPlots) {
            op.pu.clear();
            op.pv.clear();
        }
        return;
    }
    m_3dDirty = false;
    optim::SceneBox box;
    box.bounds = m_surface->bounds();
    box.scale = m_display;
    box.zLo = m_display(m_grid.fMin);
    box.zHi = m_display(m_grid.fMax);
    const Eigen::Matrix3d rot = optim::viewRotation(m_params.real("azimuth"), m_params.real("elevation"));
    QVector<double> u, v;
    for (const auto& line : optim::projectWireframe(*m_surface, box, rot, kWireLines, kWireSamples)) {
        for (std::size_t k = 0; k < line.u.size(); ++k) {
            u << line.u[k];
            v << line.v[k];
        }
        u << kNaN;
        v << kNaN;
    }
    m_wire->setData(u, v);
    for (std::size_t i = 0; i < m_optPlots.size(); ++i) {
        OptimizerPlots& op = m_optPlots[i];
        op.pu.clear();
        op.pv.clear();
        if (!op.path->visible() || i >= m_allRuns.size())
            continue;
        const auto& t = m_allRuns[i];
        const auto p = optim::projectPath(t.x.data(), t.y.data(), t.f.data(), t.size(), box, rot);
        op.pu = QVector<double>(p.u.begin(), p.u.end());
        op.pv = QVector<double>(p.v.begin(), p.v.end());
    }
    m_view3d->xAxis->setRange(-1.75, 1.75);
    m_view3d->yAxis->setRange(-1.5, 1.5);
}

void DescentTab::updatePanelVisibility()
{
    const std::string s = m_params.text("surface");
    ParamPanel* p = paramPanel();
    p->setParamVisible("condition", s == "quadratic");
    p->setParamVisible("angle", s == "quadratic");
    p->setParamVisible("expression", s == "custom");
    p->setParamVisible("batch", s == "logistic");
    const std::string sch = m_params.text("schedule");
    p->setParamVisible("step_size", sch == "step");
    p->setParamVisible("gamma", sch == "exponential");
    p->setParamVisible("warmup", sch == "warmup_cosine");
    const auto& sel = m_params.texts("optimizers");
    auto any = [&sel](std::initializer_list<const char*> ids) {
        for (const char* id : ids)
            if (std::find(sel.begin(), sel.end(), id) != sel.end())
                return true;
        return false;
    };
    for (const auto& id : optim::optimizerIds())
        p->setParamVisible("lr_" + id, std::find(sel.begin(), sel.end(), id) != sel.end());
    p->setParamVisible("momentum", any({"momentum", "nesterov"}));
    p->setParamVisible("beta1", any({"adam", "adamw"}));
    p->setParamVisible("beta2", any({"adam", "adamw"}));
    p->setParamVisible("eps", any({"rmsprop", "adam", "adamw"}));
    p->setParamVisible("rms_alpha", any({"rmsprop"}));
    if (!m_surfaceError.isEmpty() && s != "custom") {
        // The error concerned the custom expression; leaving that surface clears it.
        m_surfaceError.clear();
        m_expressionError->hide();
        p->setParamError("expression", {});
        showError({});
    }
}

void DescentTab::updateExplanation()
{
    const QString formula = QString::fromStdString(m_surface->formula()).toHtmlEscaped();
    explanation()->setHtml(
        tr("<p><b>%1</b></p>"
           "<p><b>Gradient descent</b> moves against the gradient: θ<sub>t</sub> = θ<sub>t−1</sub> − η<sub>t</sub>·g<sub>t</sub>. "
           "<b>Momentum</b> accumulates b<sub>t</sub> = μ·b<sub>t−1</sub> + g<sub>t</sub> and steps along b; "
           "<b>Adam</b> divides a running mean of g by the root of a running mean of g² (with bias correction), so every "
           "coordinate moves at about η per step whatever its curvature. The updates are PyTorch's torch.optim rules in float64.</p>"
           "<p>Near a minimum f ≈ f* + ½dᵀHd: plain gradient descent is stable only for η &lt; 2/λ<sub>max</sub>(H), and "
           "converges slowly along directions with small λ — the condition number λ<sub>max</sub>/λ<sub>min</sub> measures "
           "how elongated the valley is. Large models are trained with AdamW, a warm-up then cosine learning-rate schedule "
           "and gradient clipping at norm 1: all of them are here to try.</p>")
            .arg(formula));
}

bool DescentTab::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_map && event->type() == QEvent::Leave && m_cursor) {
        m_cursor.reset();
        updateReadouts();
    }
    return Tab::eventFilter(watched, event);
}

void DescentTab::onMapMousePress(QMouseEvent* e)
{
    m_pressed = e->button() == Qt::LeftButton;
    m_pressPos = e->pos();
}

void DescentTab::onMapMouseRelease(QMouseEvent* e)
{
    if (!m_pressed || e->button() != Qt::LeftButton)
        return;
    m_pressed = false;
    if ((e->pos() - m_pressPos).manhattanLength() > 4)
        return;  // a drag pans the view; only a click moves the start
    if (!m_map->axisRect()->rect().contains(e->pos()))
        return;
    const ParamSpec* sx = m_params.find("start_x");
    const ParamSpec* sy = m_params.find("start_y");
    const double x = std::clamp(m_map->xAxis->pixelToCoord(e->pos().x()), sx->min, sx->max);
    const double y = std::clamp(m_map->yAxis->pixelToCoord(e->pos().y()), sy->min, sy->max);
    const std::string err = setParams({{"start_x", x}, {"start_y", y}});
    if (!err.empty())
        showError(QString::fromStdString(err));
}

void DescentTab::onMapMouseMove(QMouseEvent* e)
{
    if (!m_surface || !m_map->axisRect()->rect().contains(e->pos())) {
        if (m_cursor) {
            m_cursor.reset();
            updateReadouts();
        }
        return;
    }
    m_cursor = QPointF(m_map->xAxis->pixelToCoord(e->pos().x()), m_map->yAxis->pixelToCoord(e->pos().y()));
    updateReadouts();
}

void DescentTab::on3dMousePress(QMouseEvent* e)
{
    m_pressPos = e->pos();
    m_dragAzimuth = m_params.real("azimuth");
    m_dragElevation = m_params.real("elevation");
}

void DescentTab::on3dMouseMove(QMouseEvent* e)
{
    if (!(e->buttons() & Qt::LeftButton))
        return;
    const QPoint d = e->pos() - m_pressPos;
    double az = m_dragAzimuth - 0.5 * d.x();
    az = std::remainder(az, 360.0);  // into [−180, 180]
    const double el = std::clamp(m_dragElevation + 0.5 * d.y(), 0.0, 90.0);
    setParams({{"azimuth", az}, {"elevation", el}});
}

void DescentTab::onPlayToggled(bool on)
{
    m_play->setText(on ? tr("⏸ Pause") : tr("▶ Play"));
    if (on) {
        if (shownStep() >= m_params.integer("steps"))
            setParam("time", 0LL);
        m_playTimer->start();
    } else {
        m_playTimer->stop();
    }
}

void DescentTab::onPlayTick()
{
    const long long steps = m_params.integer("steps");
    const long long t = shownStep();
    if (t >= steps) {
        m_play->setChecked(false);
        return;
    }
    const long long stride = std::max<long long>(1, steps / 150);  // about five seconds for any run length
    setParam("time", std::min(steps, t + stride));
}

void DescentTab::onTimeSliderMoved(int value) { setParam("time", static_cast<long long>(value)); }

void DescentTab::onViewButton(int index) { setParam("view", std::string(index == 1 ? "3d" : "map")); }

bool DescentTab::waitUntilIdle(int timeoutMs)
{
    // A grid at idle priority is cancelled (within a row) and started again at normal priority.
    m_hurry = timeoutMs > 0;
    if (m_hurry && m_gridBusy && m_gridOnIdlePool) {
        const int n = m_pendingGridN;
        const std::string key = m_pendingGridKey;
        startGridJob(n, key);
    }
    struct Calm {
        bool& hurry;
        ~Calm() { hurry = false; }
    } calm{m_hurry};
    QElapsedTimer timer;
    timer.start();
    while (m_gridBusy) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (m_gridBusy)
            QThread::msleep(5);
    }
    QCoreApplication::processEvents();
    return true;
}

namespace {

/// A run of exportData()'s "trajectories" but its points and gradient norms.
QJsonObject runHeader(const optim::Trajectory& t)
{
    QJsonObject r;
    r[QStringLiteral("optimizer")] = QString::fromStdString(t.optimizer);
    r[QStringLiteral("lr")] = json::number(t.lr);
    r[QStringLiteral("diverged")] = t.diverged;
    r[QStringLiteral("diverged_at")] = t.diverged ? QJsonValue(t.divergedAt) : QJsonValue(QJsonValue::Null);
    return r;
}

}  // namespace

Tab::DataWriter DescentTab::exportDataWriter() const
{
    // exportData()'s bytes; the runs are copied now (7 x 10,000 steps: 2.2 MB, a few ms; as a
    // QJsonObject they were ~35 ms of GUI time) and written as text on the writer's thread.
    QJsonObject o = exportData(false);
    std::vector<optim::Trajectory> runs;
    runs.reserve(m_runs.size());
    for (const auto* run : m_runs)
        runs.push_back(*run);
    return [o, runs = std::move(runs)](JsonWriter& w) {
        return w.document(o, [&runs](JsonWriter& w, const QString& key) {
            if (key != QLatin1String("trajectories"))
                return false;
            w.beginArray();
            for (const optim::Trajectory& t : runs) {
                QJsonObject r = runHeader(t);
                r[QStringLiteral("points")] = QJsonValue();
                r[QStringLiteral("grad_norm")] = QJsonValue();
                w.object(r, [&t](JsonWriter& w, const QString& k) {
                    if (k == QLatin1String("grad_norm")) {
                        w.numbers(t.gradNorm);
                        return true;
                    }
                    if (k != QLatin1String("points"))
                        return false;
                    w.beginArray();
                    for (std::size_t i = 0; i < t.size(); ++i) {
                        w.beginArray();
                        w.number(t.x[i]);
                        w.number(t.y[i]);
                        w.number(t.f[i]);
                        w.endArray();
                    }
                    w.endArray();
                    return true;
                });
            }
            w.endArray();
            return true;
        });
    };
}

QJsonObject DescentTab::exportData() const { return exportData(true); }

QJsonObject DescentTab::exportData(bool bulk) const
{
    QJsonObject o;
    o[QStringLiteral("tab")] = QStringLiteral("descent");
    o[QStringLiteral("surface")] = QString::fromStdString(m_params.text("surface"));
    if (m_surface)
        o[QStringLiteral("formula")] = QString::fromStdString(m_surface->formula());
    if (m_params.text("surface") == "custom")
        o[QStringLiteral("expression")] = QString::fromStdString(m_params.text("expression"));
    o[QStringLiteral("start")] = QJsonArray{json::number(m_params.real("start_x")), json::number(m_params.real("start_y"))};
    o[QStringLiteral("steps")] = static_cast<qint64>(m_params.integer("steps"));
    o[QStringLiteral("schedule")] = QString::fromStdString(m_params.text("schedule"));
    o[QStringLiteral("lr_schedule")] = json::array(m_schedule);
    QJsonArray minima;
    if (m_surface)
        for (const auto& m : m_surface->minima())
            minima.append(QJsonObject{{QStringLiteral("x"), json::number(m.x)},
                                      {QStringLiteral("y"), json::number(m.y)},
                                      {QStringLiteral("f"), json::number(m.f)},
                                      {QStringLiteral("global"), m.global}});
    o[QStringLiteral("known_minima")] = minima;
    if (!bulk) {
        o[QStringLiteral("trajectories")] = QJsonValue();  // (null: the writer's placeholder)
        return o;
    }
    QJsonArray runs;
    for (const auto* run : m_runs) {
        const optim::Trajectory& t = *run;
        QJsonObject r = runHeader(t);
        QJsonArray pts;
        for (std::size_t k = 0; k < t.size(); ++k)
            pts.append(QJsonArray{json::number(t.x[k]), json::number(t.y[k]), json::number(t.f[k])});
        r[QStringLiteral("points")] = pts;
        r[QStringLiteral("grad_norm")] = json::array(t.gradNorm);
        runs.append(r);
    }
    o[QStringLiteral("trajectories")] = runs;
    return o;
}

QString DescentTab::exportCsv() const
{
    QString s = QStringLiteral("optimizer,lr,step,x,y,f,grad_norm\n");
    for (const auto* run : m_runs) {
        const optim::Trajectory& t = *run;
        const QString name = QString::fromStdString(t.optimizer);
        const QString lr = QString::fromStdString(formatReal(t.lr));
        for (std::size_t k = 0; k < t.size(); ++k)
            s += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                     .arg(name, lr)
                     .arg(k)
                     .arg(QString::fromStdString(formatReal(t.x[k])), QString::fromStdString(formatReal(t.y[k])),
                          QString::fromStdString(formatReal(t.f[k])), QString::fromStdString(formatReal(t.gradNorm[k])));
    }
    return s;
}

}  // namespace aimath
