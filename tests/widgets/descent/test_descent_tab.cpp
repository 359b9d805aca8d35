// The descent tab driven through its real controls: sliders change the runs as
// the engine says, a click on the map moves the start, the grid is recomputed
// only when the surface changes, the time slider only moves the markers, a bad
// expression is reported and the last valid surface stays.
#include "engine/optim/descent.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/plot_view.h"
#include "widgets/common/readout_panel.h"
#include "widgets/descent/descent_tab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSlider>
#include <QToolButton>
#include <QtTest>
#include <qcustomplot.h>

#include <cmath>

using namespace aimath;

namespace {
/// The engine's own run for the tab's current parameters (an independent call, not the tab's copy).
optim::Trajectory engineRun(const ParamSet& p, const std::string& optimizer)
{
    optim::SurfaceSettings ss;
    ss.condition = p.real("condition");
    ss.angleDeg = p.real("angle");
    ss.expression = p.text("expression");
    ss.batch = static_cast<int>(p.integer("batch"));
    auto s = optim::makeSurface(p.text("surface"), ss);
    optim::RunSettings rs;
    rs.startX = p.real("start_x");
    rs.startY = p.real("start_y");
    rs.steps = static_cast<int>(p.integer("steps"));
    rs.seed = static_cast<std::uint64_t>(p.integer("seed"));
    rs.noise = p.real("noise");
    rs.clipNorm = p.real("clip_norm");
    rs.schedule.total = rs.steps;
    rs.optimizer.momentum = p.real("momentum");
    optim::Trajectory t;
    optim::runTrajectory(*s, optimizer, p.real("lr_" + optimizer), rs, t);
    return t;
}

std::vector<double> graphValues(QCPGraph* g)
{
    std::vector<double> v;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        v.push_back(it->value);
    return v;
}

std::vector<double> curveY(QCPCurve* c)
{
    std::vector<double> v;
    for (auto it = c->data()->constBegin(); it != c->data()->constEnd(); ++it)
        v.push_back(it->value);
    return v;
}

std::vector<double> curveX(QCPCurve* c)
{
    std::vector<double> v;
    for (auto it = c->data()->constBegin(); it != c->data()->constEnd(); ++it)
        v.push_back(it->key);
    return v;
}
}  // namespace

class TestDescentTab : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<DescentTab> m_tab;
    template <class W>
    W* control(const std::string& key)
    {
        auto* w = qobject_cast<W*>(m_tab->paramPanel()->control(key));
        if (!w)
            w = m_tab->paramPanel()->findChild<W*>(QString::fromStdString(key));
        return w;
    }

private slots:
    void init()
    {
        m_tab = std::make_unique<DescentTab>(DescentTab::declareParams());
        m_tab->resize(1500, 950);
        m_tab->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
    }
    void cleanup() { m_tab.reset(); }

    void defaultsShowTheRace()
    {
        const auto& runs = m_tab->trajectories();
        QCOMPARE(runs.size(), std::size_t(3));  // sgd, momentum, adam
        const auto ref = engineRun(m_tab->params(), "adam");
        QCOMPARE(runs[2]->optimizer, std::string("adam"));
        QCOMPARE(runs[2]->x, ref.x);
        QCOMPARE(runs[2]->y, ref.y);
        // The drawn path is the run (time slider at the end): steps + 1 points.
        QCPCurve* path = m_tab->pathCurve("adam");
        QCOMPARE(path->dataCount(), 501);
        QCOMPARE(curveX(path), ref.x);
        QVERIFY(!m_tab->pathCurve("nesterov")->visible());
        // The heatmap holds grid × grid cells, contours were extracted.
        QCOMPARE(m_tab->heatmap()->data()->keySize(), 256);
        QVERIFY(m_tab->contourCurve()->dataCount() > 100);
        // Loss plot: one graph per selected optimizer with steps + 1 points.
        int visible = 0;
        for (int g = 0; g < m_tab->lossPlot()->graphCount(); ++g)
            if (m_tab->lossPlot()->graph(g)->visible()) {
                ++visible;
                QCOMPARE(m_tab->lossPlot()->graph(g)->dataCount(), 501);
            }
        QCOMPARE(visible, 3);
    }

    // The colour bar names its scale with a subscript, not "f_min" (an ASCII underscore in a plot label).
    void colourScaleLabelUsesSubscripts()
    {
        QCPColorScale* scale = m_tab->heatmap()->colorScale();
        QVERIFY(scale);
        QVERIFY(m_tab->params().boolean("log_scale"));
        QCOMPARE(scale->axis()->label(), QStringLiteral("log₁₀(f − fₘᵢₙ + δ)"));
        QVERIFY(!scale->axis()->label().contains(QLatin1Char('_')));
        QCheckBox* log = control<QCheckBox>("log_scale");
        QVERIFY(log);
        log->setChecked(false);
        QCOMPARE(scale->axis()->label(), QStringLiteral("f"));
        QCOMPARE(m_tab->schedulePlot()->yAxis->label(), QStringLiteral("s(t) = lrₜ / lr"));
    }

    void learningRateSliderChangesTheRun()
    {
        QSlider* slider = control<QSlider>("lr_sgd");
        QVERIFY(slider);
        const int gridsBefore = m_tab->gridRecomputeCount();
        const int runsBefore = m_tab->runComputeCount();
        const auto before = m_tab->trajectories()[0]->x;
        const auto adamBefore = m_tab->trajectories()[2]->x;
        slider->setValue(slider->value() + slider->maximum() / 20);
        const double lr = m_tab->params().real("lr_sgd");
        QVERIFY(lr > 1e-3);
        const auto ref = engineRun(m_tab->params(), "sgd");
        QCOMPARE(m_tab->trajectories()[0]->lr, lr);
        QCOMPARE(m_tab->trajectories()[0]->x, ref.x);
        QVERIFY(m_tab->trajectories()[0]->x != before);
        QCOMPARE(curveX(m_tab->pathCurve("sgd")), ref.x);
        // Only SGD's run was recomputed: not the other runs, not the grid.
        QCOMPARE(m_tab->gridRecomputeCount(), gridsBefore);
        QCOMPARE(m_tab->runComputeCount(), runsBefore + 1);
        QCOMPARE(m_tab->trajectories()[2]->x, adamBefore);
        // A shared setting (the start) reruns all three.
        control<QSlider>("start_y")->setValue(control<QSlider>("start_y")->value() + 10);
        QCOMPARE(m_tab->runComputeCount(), runsBefore + 4);
    }

    // Dragging lr_adam (read by Adam alone; AdamW has lr_adamw) reruns Adam only: every other
    // run and its drawn path and curves stay bit-identical, Adam's equals a fresh engine run, and
    // the whole picture (curve data and axis ranges) equals that of a tab built afresh.
    void draggingLrAdamRecomputesAdamOnly()
    {
        ParamSet p = DescentTab::declareParams();
        QVERIFY(p.setFromString("optimizers", "sgd,momentum,nesterov,adagrad,rmsprop,adam,adamw").empty());
        QVERIFY(p.setFromString("steps", "300").empty());
        m_tab->applyParams(p);
        const auto& ids = optim::optimizerIds();
        const std::size_t adam = static_cast<std::size_t>(std::find(ids.begin(), ids.end(), "adam") - ids.begin());
        QCOMPARE(m_tab->trajectories().size(), ids.size());
        struct Snapshot {
            optim::Trajectory run;
            std::vector<double> pathX, pathY, loss, grad;
        };
        auto snapshot = [&](std::size_t i) {
            return Snapshot{*m_tab->trajectories()[i], curveX(m_tab->pathCurve(ids[i])), curveY(m_tab->pathCurve(ids[i])),
                            graphValues(m_tab->lossPlot()->graph(static_cast<int>(i))),
                            graphValues(m_tab->gradPlot()->graph(static_cast<int>(i)))};
        };
        std::vector<Snapshot> before;
        for (std::size_t i = 0; i < ids.size(); ++i)
            before.push_back(snapshot(i));
        QSlider* slider = control<QSlider>("lr_adam");
        QVERIFY(slider);
        const int gridsBefore = m_tab->gridRecomputeCount();
        const int runsBefore = m_tab->runComputeCount();
        const int drags = 12;
        for (int k = 1; k <= drags; ++k) {
            // Back and forth over most of the range, as a hand would (some values make Adam diverge).
            slider->setValue(slider->maximum() / 10 + (k * 37 % 80) * slider->maximum() / 100);
            QCoreApplication::processEvents();
        }
        QCOMPARE(m_tab->runComputeCount(), runsBefore + drags);
        QCOMPARE(m_tab->gridRecomputeCount(), gridsBefore);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (i == adam)
                continue;
            const Snapshot now = snapshot(i);
            QCOMPARE(now.run.x, before[i].run.x);
            QCOMPARE(now.run.y, before[i].run.y);
            QCOMPARE(now.run.f, before[i].run.f);
            QCOMPARE(now.run.gradNorm, before[i].run.gradNorm);
            QCOMPARE(now.pathX, before[i].pathX);
            QCOMPARE(now.pathY, before[i].pathY);
            QCOMPARE(now.loss, before[i].loss);
            QCOMPARE(now.grad, before[i].grad);
        }
        const optim::Trajectory ref = engineRun(m_tab->params(), "adam");
        const optim::Trajectory& t = *m_tab->trajectories()[adam];
        QCOMPARE(t.lr, m_tab->params().real("lr_adam"));
        QCOMPARE(t.x, ref.x);
        QCOMPARE(t.y, ref.y);
        QCOMPARE(t.f, ref.f);
        QCOMPARE(t.gradNorm, ref.gradNorm);
        QCOMPARE(curveX(m_tab->pathCurve("adam")), ref.x);
        // The dragged run is drawn on its own buffered layer of the map.
        QCOMPARE(m_tab->pathCurve("adam")->layer()->name(), QStringLiteral("hot"));
        QCOMPARE(m_tab->pathCurve("adam")->layer()->mode(), QCPLayer::lmBuffered);

        // The same parameters in a fresh tab: the same curves, the same axes, the same legend.
        DescentTab fresh(m_tab->params());
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const int g = static_cast<int>(i);
            QCOMPARE(graphValues(m_tab->lossPlot()->graph(g)), graphValues(fresh.lossPlot()->graph(g)));
            QCOMPARE(graphValues(m_tab->gradPlot()->graph(g)), graphValues(fresh.gradPlot()->graph(g)));
            QCOMPARE(curveX(m_tab->pathCurve(ids[i])), curveX(fresh.pathCurve(ids[i])));
            QCOMPARE(m_tab->pathCurve(ids[i])->name(), fresh.pathCurve(ids[i])->name());
        }
        for (auto [a, b] : {std::pair{m_tab->lossPlot(), fresh.lossPlot()}, std::pair{m_tab->gradPlot(), fresh.gradPlot()}}) {
            QCOMPARE(a->yAxis->range().lower, b->yAxis->range().lower);
            QCOMPARE(a->yAxis->range().upper, b->yAxis->range().upper);
            QCOMPARE(a->xAxis->range().upper, b->xAxis->range().upper);
            QCOMPARE(a->yAxis->scaleType(), b->yAxis->scaleType());
        }
    }

    // The logistic loss over a grid costs 200 exp + 200 log1p a point: it is sampled by a
    // worker. Meanwhile the map says so (no picture of the previous surface under the new
    // axes); the export's wait ends with the grid a synchronous computation gives.
    void logisticSurfaceIsComputedInTheBackground()
    {
        QComboBox* surface = control<QComboBox>("surface");
        const int gridsBefore = m_tab->gridRecomputeCount();
        surface->setCurrentIndex(surface->findData(QStringLiteral("logistic")));
        QVERIFY(m_tab->gridPending());
        QVERIFY(m_tab->isBusy());
        QVERIFY(m_tab->gridNote()->visible());
        QVERIFY(m_tab->gridNote()->text().contains(QStringLiteral("256 × 256")));
        QVERIFY(!m_tab->heatmap()->visible());
        QVERIFY(!m_tab->contourCurve()->visible());
        // The runs on the new surface are there already (they are cheap).
        QCOMPARE(m_tab->trajectories()[0]->x, engineRun(m_tab->params(), "sgd").x);
        QCOMPARE(m_tab->gridRecomputeCount(), gridsBefore);

        // A drag's grid yields to interactive work; one that someone waits for (the headless export)
        // does not, as an idle-priority thread could wait for a core as long as the machine is busy.
        QVERIFY(m_tab->gridAtIdlePriority());
        bool hurriedWhileWaiting = false;
        QTimer::singleShot(0, m_tab.get(), [&] { hurriedWhileWaiting = m_tab->gridPending() && !m_tab->gridAtIdlePriority(); });
        QVERIFY(m_tab->waitUntilIdle(120000));  // what the headless export does before drawing
        QVERIFY(hurriedWhileWaiting);
        QVERIFY(!m_tab->gridPending());
        QCOMPARE(m_tab->gridRecomputeCount(), gridsBefore + 1);
        QVERIFY(!m_tab->gridNote()->visible());
        QVERIFY(m_tab->heatmap()->visible());
        QVERIFY(m_tab->contourCurve()->dataCount() > 100);
        auto s = optim::makeSurface("logistic", {});
        optim::SurfaceGrid sync;
        QVERIFY(optim::sampleSurface(*s, s->bounds(), 256, sync));
        QCOMPARE(m_tab->grid().nx, 256);
        QCOMPARE(m_tab->grid().values, sync.values);
        QCOMPARE(m_tab->grid().fMin, sync.fMin);
        QCOMPARE(m_tab->grid().fMax, sync.fMax);
        // The heatmap shows it (log colour scale by default): cell (i, j) = log₁₀(f − f_min + 10⁻⁴(f_max − f_min)).
        const optim::DisplayScale ds{sync.fMin, sync.fMax, m_tab->params().boolean("log_scale")};
        for (auto [i, j] : {std::pair{0, 0}, std::pair{37, 200}, std::pair{255, 255}})
            QCOMPARE(m_tab->heatmap()->data()->cell(i, j), ds(sync.values[static_cast<std::size_t>(j) * 256 + i]));
    }

    void staleLogisticGridIsDropped()
    {
        QComboBox* surface = control<QComboBox>("surface");
        surface->setCurrentIndex(surface->findData(QStringLiteral("logistic")));
        QVERIFY(m_tab->gridPending());
        // A cheap surface chosen before the worker delivers: drawn at once, the worker's grid never.
        surface->setCurrentIndex(surface->findData(QStringLiteral("himmelblau")));
        QVERIFY(!m_tab->gridPending());
        QVERIFY(!m_tab->gridNote()->visible());
        QVERIFY(m_tab->heatmap()->visible());
        const int grids = m_tab->gridRecomputeCount();
        const std::vector<double> himmelblau = m_tab->grid().values;
        QTest::qWait(1500);
        QCOMPARE(m_tab->gridRecomputeCount(), grids);
        QCOMPARE(m_tab->grid().values, himmelblau);
        QCOMPARE(m_tab->grid().values[0], optim::makeSurface("himmelblau", {})->value(-5, -5));

        // A bigger grid of the same logistic surface: the drawn one stays, with a note, until the new one arrives.
        surface->setCurrentIndex(surface->findData(QStringLiteral("logistic")));
        QVERIFY(m_tab->waitUntilIdle(120000));
        QCOMPARE(m_tab->grid().nx, 256);
        QLineEdit* grid = m_tab->paramPanel()->findChild<QLineEdit*>(QStringLiteral("grid_edit"));
        QVERIFY(grid);
        grid->clear();
        QTest::keyClicks(grid, QStringLiteral("300"));
        QTest::keyClick(grid, Qt::Key_Return);
        QCOMPARE(m_tab->params().integer("grid"), 300LL);
        QVERIFY(m_tab->gridPending());
        QVERIFY(m_tab->heatmap()->visible());
        QVERIFY(m_tab->gridNote()->visible());
        QCOMPARE(m_tab->grid().nx, 256);
        // The colour scale switched to linear meanwhile: the shown grid follows at once, the delivered one too
        // (the worker prepared log colours; they are redone).
        control<QCheckBox>("log_scale")->click();
        QVERIFY(!m_tab->params().boolean("log_scale"));
        QVERIFY(m_tab->gridPending());
        QCOMPARE(m_tab->heatmap()->data()->cell(3, 5), m_tab->grid().values[5 * 256 + 3]);
        QVERIFY(m_tab->waitUntilIdle(120000));
        QCOMPARE(m_tab->grid().nx, 300);
        QCOMPARE(m_tab->heatmap()->data()->keySize(), 300);
        QCOMPARE(m_tab->heatmap()->data()->cell(3, 5), m_tab->grid().values[5 * 300 + 3]);
        auto s = optim::makeSurface("logistic", {});
        QCOMPARE(m_tab->grid().values[5 * 300 + 3], s->value(s->bounds().xMin + 3 * 8.0 / 299, s->bounds().yMin + 5 * 8.0 / 299));
    }

    void stepsSliderAndOptimizerSwitch()
    {
        QLineEdit* steps = m_tab->paramPanel()->findChild<QLineEdit*>(QStringLiteral("steps_edit"));
        QVERIFY(steps);
        steps->clear();
        QTest::keyClicks(steps, QStringLiteral("40"));
        QTest::keyClick(steps, Qt::Key_Return);
        QCOMPARE(m_tab->params().integer("steps"), 40LL);
        for (const auto* t : m_tab->trajectories())
            QCOMPARE(t->size(), std::size_t(41));
        // Turning Nesterov on adds its run and its path.
        QCheckBox* nesterov = nullptr;
        for (auto* box : m_tab->paramPanel()->findChildren<QCheckBox*>())
            if (box->text() == QStringLiteral("Nesterov"))
                nesterov = box;
        QVERIFY(nesterov);
        nesterov->click();
        QCOMPARE(m_tab->trajectories().size(), std::size_t(4));
        QVERIFY(m_tab->pathCurve("nesterov")->visible());
        QCOMPARE(m_tab->pathCurve("nesterov")->dataCount(), 41);
    }

    void clickingTheMapSetsTheStart()
    {
        PlotView* map = m_tab->mapPlot();
        map->replot();
        const QPoint px(qRound(map->xAxis->coordToPixel(0.5)), qRound(map->yAxis->coordToPixel(2.0)));
        const int gridsBefore = m_tab->gridRecomputeCount();
        QTest::mouseClick(map, Qt::LeftButton, Qt::NoModifier, px);
        const double x = m_tab->params().real("start_x"), y = m_tab->params().real("start_y");
        // Within one pixel of the clicked coordinates.
        const double xPerPx = map->xAxis->range().size() / map->axisRect()->width();
        const double yPerPx = map->yAxis->range().size() / map->axisRect()->height();
        QVERIFY2(std::fabs(x - 0.5) <= xPerPx && std::fabs(y - 2.0) <= yPerPx, qPrintable(QStringLiteral("start (%1, %2)").arg(x).arg(y)));
        for (const auto* t : m_tab->trajectories()) {
            QCOMPARE(t->x[0], x);
            QCOMPARE(t->y[0], y);
        }
        QCOMPARE(curveX(m_tab->pathCurve("momentum")).front(), x);
        QCOMPARE(m_tab->gridRecomputeCount(), gridsBefore);
    }

    void timeSliderMovesMarkersOnly()
    {
        QSlider* time = m_tab->timeSlider();
        QCOMPARE(time->maximum(), 500);
        QCOMPARE(time->value(), 500);
        const auto runsBefore = m_tab->trajectories()[1]->x;
        time->setValue(120);
        QCOMPARE(m_tab->params().integer("time"), 120LL);
        QCOMPARE(m_tab->pathCurve("momentum")->dataCount(), 121);
        QCOMPARE(m_tab->trajectories()[1]->x, runsBefore);
        QCOMPARE(curveX(m_tab->pathCurve("momentum")).back(), runsBefore[120]);
        // What a scrub moves sits on its own buffered layer, above the heatmap and
        // contours (which a scrub does not redraw), below the legend.
        QCPLayer* moving = m_tab->pathCurve("momentum")->layer();
        QCOMPARE(moving->name(), QStringLiteral("moving"));
        QCOMPARE(moving->mode(), QCPLayer::lmBuffered);
        QVERIFY(m_tab->heatmap()->layer()->index() < moving->index());
        QVERIFY(m_tab->contourCurve()->layer()->index() < moving->index());
        QVERIFY(moving->index() < m_tab->mapPlot()->layer(QStringLiteral("legend"))->index());
        // Play advances the time from there.
        m_tab->playButton()->click();
        QTRY_VERIFY(m_tab->params().integer("time") > 120);
        m_tab->playButton()->click();
        QVERIFY(!m_tab->playButton()->isChecked());
    }

    void surfaceChangeRecomputesGrid()
    {
        QComboBox* surface = control<QComboBox>("surface");
        QVERIFY(surface);
        const int before = m_tab->gridRecomputeCount();
        surface->setCurrentIndex(surface->findData(QStringLiteral("himmelblau")));
        QCOMPARE(m_tab->params().text("surface"), std::string("himmelblau"));
        QCOMPARE(m_tab->gridRecomputeCount(), before + 1);
        QCOMPARE(m_tab->mapPlot()->xAxis->range().lower, -5.0);
        const auto ref = engineRun(m_tab->params(), "sgd");
        QCOMPARE(m_tab->trajectories()[0]->x, ref.x);
        // The colour scale toggle redraws without resampling.
        control<QCheckBox>("log_scale")->click();
        QCOMPARE(m_tab->gridRecomputeCount(), before + 1);
    }

    void badExpressionKeepsLastSurface()
    {
        QComboBox* surface = control<QComboBox>("surface");
        surface->setCurrentIndex(surface->findData(QStringLiteral("custom")));
        QVERIFY(m_tab->currentError().isEmpty());
        const double cellBefore = m_tab->heatmap()->data()->cell(10, 20);
        QLineEdit* expr = qobject_cast<QLineEdit*>(m_tab->paramPanel()->control("expression"));
        QVERIFY(expr);
        expr->clear();
        QTest::keyClicks(expr, QStringLiteral("x^2 + (y"));
        QTest::keyClick(expr, Qt::Key_Return);
        QVERIFY2(m_tab->currentError().contains(QStringLiteral("column 9")), qPrintable(m_tab->currentError()));
        QVERIFY(m_tab->currentError().contains(QStringLiteral("expected ')'")));
        QCOMPARE(m_tab->heatmap()->data()->cell(10, 20), cellBefore);
        // The typed text stays in the field so it can be corrected.
        QCOMPARE(expr->text(), QStringLiteral("x^2 + (y"));
        expr->clear();
        QTest::keyClicks(expr, QStringLiteral("x^2 + y^2"));
        QTest::keyClick(expr, Qt::Key_Return);
        QVERIFY(m_tab->currentError().isEmpty());
        // f = x² + y² on [−3, 3]²: cell (i, j) of the 256 grid is at x = −3 + 6i/255; the grid's lowest value is
        // 2·(3/255)² (at i, j = 127 or 128), its highest 18; the colour is log₁₀(f − f_min + 10⁻⁴(f_max − f_min)).
        const double x = -3 + 6.0 * 10 / 255, y = -3 + 6.0 * 20 / 255;
        const double fmin = 2 * (3.0 / 255) * (3.0 / 255), fmax = 18.0;
        const double expected = std::log10(x * x + y * y - fmin + 1e-4 * (fmax - fmin));
        QVERIFY(std::fabs(m_tab->heatmap()->data()->cell(10, 20) - expected) < 1e-12);
    }

    void divergenceIsReportedAndClean()
    {
        QLineEdit* lr = m_tab->paramPanel()->findChild<QLineEdit*>(QStringLiteral("lr_sgd_edit"));
        QVERIFY(lr);
        lr->clear();
        QTest::keyClicks(lr, QStringLiteral("0.5"));
        QTest::keyClick(lr, Qt::Key_Return);
        const auto& t = *m_tab->trajectories()[0];
        QVERIFY(t.diverged);
        QVERIFY(t.divergedAt > 0);
        for (double v : curveX(m_tab->pathCurve("sgd")))
            QVERIFY(std::isfinite(v));
        bool reported = false;
        for (const auto& row : m_tab->findChild<ReadoutPanel*>()->rows())
            if (row.first == QStringLiteral("SGD") && row.second.contains(QStringLiteral("diverged at step %1").arg(t.divergedAt)))
                reported = true;
        QVERIFY(reported);
        const QJsonObject o = m_tab->exportData();
        const QJsonObject sgd = o.value(QStringLiteral("trajectories")).toArray().at(0).toObject();
        QCOMPARE(sgd.value(QStringLiteral("diverged")).toBool(), true);
        QCOMPARE(sgd.value(QStringLiteral("diverged_at")).toInt(), t.divergedAt);
        QCOMPARE(sgd.value(QStringLiteral("points")).toArray().size(), qsizetype(t.divergedAt));
    }

    void readoutAtTheStart()
    {
        // Rosenbrock at (−1.2, 1): f = 4.84 + 100·0.1936 = 24.2, ∇f = (−215.6, −88).
        bool sawF = false, sawGrad = false;
        for (const auto& row : m_tab->findChild<ReadoutPanel*>()->rows()) {
            if (row.first == QStringLiteral("f"))
                sawF = row.second == QStringLiteral("24.2");
            if (row.first == QStringLiteral("∇f"))
                sawGrad = row.second == QStringLiteral("(−215.6, −88)");
        }
        QVERIFY(sawF);
        QVERIFY(sawGrad);
    }

    void threeDViewRotatesByDrag()
    {
        auto buttons = m_tab->findChildren<QToolButton*>();
        QToolButton* b3d = nullptr;
        for (auto* b : buttons)
            if (b->text() == QStringLiteral("3D"))
                b3d = b;
        QVERIFY(b3d);
        b3d->click();
        QCOMPARE(m_tab->params().text("view"), std::string("3d"));
        PlotView* v = m_tab->surface3dPlot();
        QVERIFY(v->isVisible());
        QVERIFY(m_tab->pathCurve("adam")->dataCount() > 0);
        // A marker (one filled circle) at the current step of each selected run.
        int markers = 0;
        for (int i = 0; i < v->plottableCount(); ++i)
            if (auto* c = qobject_cast<QCPCurve*>(v->plottable(i)); c && c->visible() && c->scatterStyle().shape() == QCPScatterStyle::ssCircle) {
                QCOMPARE(c->dataCount(), 1);
                ++markers;
            }
        QCOMPARE(markers, 3);

        const double az = m_tab->params().real("azimuth");
        const QPoint c = v->rect().center();
        QTest::mousePress(v, Qt::LeftButton, Qt::NoModifier, c);
        QMouseEvent move(QEvent::MouseMove, QPointF(c + QPoint(40, 0)), v->mapToGlobal(QPointF(c + QPoint(40, 0))), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(v, &move);
        QTest::mouseRelease(v, Qt::LeftButton, Qt::NoModifier, c + QPoint(40, 0));
        QCOMPARE(m_tab->params().real("azimuth"), az - 20.0);
    }

    void exportMatchesSpec()
    {
        const QJsonObject o = m_tab->exportData();
        QCOMPARE(o.value(QStringLiteral("tab")).toString(), QStringLiteral("descent"));
        QCOMPARE(o.value(QStringLiteral("surface")).toString(), QStringLiteral("rosenbrock"));
        const QJsonArray runs = o.value(QStringLiteral("trajectories")).toArray();
        QCOMPARE(runs.size(), 3);
        const QJsonObject adam = runs.at(2).toObject();
        QCOMPARE(adam.value(QStringLiteral("optimizer")).toString(), QStringLiteral("adam"));
        QCOMPARE(adam.value(QStringLiteral("lr")).toDouble(), 0.05);
        QVERIFY(adam.value(QStringLiteral("diverged_at")).isNull());
        const QJsonArray pts = adam.value(QStringLiteral("points")).toArray();
        QCOMPARE(pts.size(), 501);
        QCOMPARE(pts.at(0).toArray().at(0).toDouble(), -1.2);
        QCOMPARE(pts.at(0).toArray().at(2).toDouble(), 24.2);  // f(−1.2, 1) = 2.2² + 100·0.44² = 4.84 + 19.36
        const QString csv = m_tab->exportCsv();
        QVERIFY(csv.startsWith(QStringLiteral("optimizer,lr,step,x,y,f,grad_norm\n")));
        QCOMPARE(csv.count(QLatin1Char('\n')), 1 + 3 * 501);
    }
};

QTEST_MAIN(TestDescentTab)
#include "test_descent_tab.moc"
