#pragma once
// The gradient-descent tab: optimizers racing on a loss surface (heatmap and
// contours), loss / gradient-norm / schedule curves, a local curvature readout
// with the Taylor model, and a 3D wireframe view. All numbers come from
// engine/optim; this class converts them to plot data.

#include "engine/optim/contour.h"
#include "engine/optim/descent.h"
#include "engine/optim/surface_grid.h"
#include "widgets/common/tab.h"

#include <QFutureWatcher>
#include <QPointF>
#include <qcustomplot.h>
#include <QStringList>
#include <QThreadPool>
#include <QVector>

#include <array>
#include <atomic>
#include <memory>
#include <optional>

class QCPColorMap;
class QCPColorScale;
class QCPCurve;
class QCPGraph;
class QCPItemText;
class QCPLayer;
class QCPItemStraightLine;
class QLabel;
class QSlider;
class QStackedWidget;
class QTimer;
class QToolButton;
class QMouseEvent;

namespace aimath {

class PlotView;

class DescentTab : public Tab {
    Q_OBJECT
public:
    explicit DescentTab(ParamSet params, QWidget* parent = nullptr);
    ~DescentTab() override;

    static ParamSet declareParams();
    static QString staticTitle();

    QString id() const override { return QStringLiteral("descent"); }
    QString title() const override { return staticTitle(); }
    QJsonObject exportData() const override;
    QString exportCsv() const override;
    DataWriter exportDataWriter() const override;
    /// bulk false: "trajectories" is a null placeholder (exportDataWriter streams it).
    QJsonObject exportData(bool bulk) const;
    bool waitUntilIdle(int timeoutMs) override;
    bool isBusy() const override { return m_gridBusy; }

    // For tests and the benchmark: what is currently drawn.
    PlotView* mapPlot() const { return m_map; }
    PlotView* surface3dPlot() const { return m_view3d; }
    PlotView* lossPlot() const { return m_loss; }
    PlotView* gradPlot() const { return m_grad; }
    PlotView* schedulePlot() const { return m_lr; }
    QSlider* timeSlider() const { return m_timeSlider; }
    QToolButton* playButton() const { return m_play; }
    /// The runs of the selected optimizers, in menu order.
    const std::vector<const optim::Trajectory*>& trajectories() const { return m_runs; }
    /// How many optimizer runs were computed so far (a run whose settings did not change is reused).
    int runComputeCount() const { return m_runCount; }
    /// The map's path curve of an optimizer id (null for an unknown id).
    QCPCurve* pathCurve(const std::string& optimizer) const;
    QCPColorMap* heatmap() const { return m_heat; }
    QCPCurve* contourCurve() const { return m_contourCurve; }
    int gridRecomputeCount() const { return m_gridCount; }
    /// The sampled loss surface behind the heatmap and contours (the one drawn).
    const optim::SurfaceGrid& grid() const { return m_grid; }
    /// True while a costly grid (the logistic loss, big grids) is sampled off the GUI thread.
    bool gridPending() const { return m_gridBusy; }
    /// Whether the grid being computed runs at idle priority (false once someone waits for it).
    bool gridAtIdlePriority() const { return m_gridBusy && m_gridOnIdlePool; }
    /// The "computing…" note on the map while the grid is pending.
    QCPItemText* gridNote() const { return m_gridNote; }

protected:
    void onParamsChanged(const std::set<std::string>& keys) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct OptimizerPlots {
        QCPCurve* path = nullptr;      // map
        QCPCurve* marker = nullptr;    // map, current step
        QCPCurve* path3d = nullptr;
        QCPCurve* marker3d = nullptr;
        QCPGraph* loss = nullptr;
        QCPGraph* grad = nullptr;
        QVector<double> px, py;        // the whole path, converted once per recompute
        QVector<double> pu, pv;        // the whole path projected for the 3D view
        QCPRange lossRange, gradRange; // value ranges of the loss and gradient graphs (valid when rangesFound)
        bool rangesFound = false;
        bool changed = false;          // its run (or whether it is shown) changed in the last recompute
    };

    void buildPlots();
    bool rebuildSurface();             // false: keep the last valid surface (error shown)
    void recomputeGrid();
    /// What the heatmap and contours show of a grid: computed by the worker along with a costly grid.
    struct GridPicture {
        bool log = false;
        optim::DisplayScale display;
        std::vector<double> levels;
        std::vector<double> cells;     // heatmap values, row-major like the grid
        QVector<double> cx, cy;        // the contour segments as one curve with NaN gaps
    };
    static GridPicture prepareGridPicture(const optim::SurfaceGrid& grid, bool log);
    void applyGrid(const GridPicture* prepared = nullptr);  // levels, contours and heatmap cells of m_grid
    void startGridJob(int n, const std::string& key);
    void cancelGridJob();
    void onGridFinished();
    void onGridProgress();
    void updateGridNote();
    bool gridShowsSurface() const;     // the drawn grid samples the current surface (perhaps at another size)
    void recomputeField();
    void recomputeTrajectories();
    void updateTime(bool changedOnly = false);  // changedOnly: the paths whose run changed (the time did not)
    void setHotOptimizer(int index);   // the run a learning-rate drag redraws on its own layer (-1: none)
    void updateReadouts();
    void updateTaylor();
    void update3dGeometry();           // wireframe and projected paths (surface, colour scale or rotation changed)
    void updatePanelVisibility();
    void updateExplanation();
    int shownStep() const;             // the time slider's step, clamped to the run length
    void onPlayToggled(bool on);
    void onPlayTick();
    void onTimeSliderMoved(int value);
    void onViewButton(int index);
    void onMapMousePress(QMouseEvent* e);
    void onMapMouseRelease(QMouseEvent* e);
    void onMapMouseMove(QMouseEvent* e);
    void on3dMousePress(QMouseEvent* e);
    void on3dMouseMove(QMouseEvent* e);

    // Engine state (workspaces kept between recomputes).
    std::shared_ptr<const optim::Surface> m_surface;  // shared with a grid job still running on it
    std::string m_surfaceKey;          // the parameters the surface object was built from
    std::string m_gridKey;             // … plus the grid size and colour scale
    optim::SurfaceGrid m_grid;
    optim::DisplayScale m_display;
    std::vector<double> m_levels;
    std::vector<optim::Trajectory> m_allRuns;     // one per optimizer id (menu order), storage kept between recomputes
    std::vector<std::string> m_runKeys;           // the settings each run was computed with ("" = none yet)
    std::vector<const optim::Trajectory*> m_runs; // the selected runs, menu order
    int m_runCount = 0;
    std::vector<double> m_schedule;
    std::string m_scheduleKey;         // the settings m_schedule and its graph were drawn for
    double m_lossRef = 0.0;
    int m_gridCount = 0;
    // Costly grids are sampled by a worker; a newer request makes older ones stale
    // (generation counter) and cancels them; the previous picture stays until then.
    struct GridOutcome {
        quint64 generation = 0;
        std::string key;
        std::shared_ptr<optim::SurfaceGrid> grid;
        std::shared_ptr<const GridPicture> picture;
        bool complete = false;
    };
    /// One thread at idle priority (SCHED_IDLE on Linux; the engine's helper thread inherits it): the
    /// grid never takes a core from the GUI thread, whose replots it tripled (43 ms stalls on 2 cores).
    QThreadPool m_gridPool;
    QFutureWatcher<GridOutcome> m_gridWatcher;
    quint64 m_gridGeneration = 0;
    bool m_gridBusy = false;
    /// Someone waits for the grid (waitUntilIdle: exports, tests): it runs at normal priority, as an
    /// idle-priority thread could wait for a core for as long as the machine is busy.
    bool m_hurry = false;
    bool m_gridOnIdlePool = false;
    std::string m_pendingGridKey;
    int m_pendingGridN = 0;
    std::shared_ptr<std::atomic<bool>> m_gridCancel;
    std::shared_ptr<std::atomic<double>> m_gridProgress;
    QTimer* m_gridProgressTimer = nullptr;
    QCPItemText* m_gridNote = nullptr;
    QCPItemText* m_gridNote3d = nullptr;
    QString m_surfaceError;
    std::optional<QPointF> m_cursor;   // the point under the mouse on the map, if any

    // Plots.
    QStackedWidget* m_stack = nullptr;
    std::array<QToolButton*, 2> m_viewButtons{};
    PlotView* m_map = nullptr;
    PlotView* m_view3d = nullptr;
    PlotView* m_loss = nullptr;
    PlotView* m_grad = nullptr;
    PlotView* m_lr = nullptr;
    QCPColorMap* m_heat = nullptr;
    QCPColorScale* m_colorScale = nullptr;
    QCPCurve* m_contourCurve = nullptr;
    QCPCurve* m_fieldCurve = nullptr;
    QCPCurve* m_taylorCurve = nullptr;
    QCPCurve* m_startMarker = nullptr;
    QCPCurve* m_minimaMarker = nullptr;
    QCPCurve* m_wire = nullptr;
    QCPGraph* m_lrGraph = nullptr;
    std::array<QCPItemStraightLine*, 3> m_timeLines{};
    std::vector<OptimizerPlots> m_optPlots;  // one per optimizer id, menu order
    QStringList m_shownPathNames;            // the legend entries of the paths at the last replot
    int m_hot = -1;                          // optimizer whose path and curves sit on the "hot" layers
    int m_logLossShown = -1;                 // whether the loss curves were built for a log axis (-1: not yet)

    QSlider* m_timeSlider = nullptr;
    QToolButton* m_play = nullptr;
    QLabel* m_timeLabel = nullptr;
    QLabel* m_expressionError = nullptr;
    QTimer* m_playTimer = nullptr;

    QPoint m_pressPos;
    bool m_pressed = false;
    bool m_3dDirty = true;
    double m_dragAzimuth = 0.0, m_dragElevation = 0.0;
};

}  // namespace aimath
