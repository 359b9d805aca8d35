#pragma once
// The attention tab: scaled dot-product self-attention head by head, from a
// sentence, random tokens or hand-placed 2-D vectors. The engine
// (engine/attention) computes; this class only turns results into plots.

#include "engine/attention/attention.h"
#include "engine/attention/problem.h"
#include "engine/attention/sqrt_d_curve.h"
#include "widgets/attention/heatmap_util.h"
#include "widgets/common/tab.h"

#include <QFutureWatcher>
#include <QVector>
#include <QThreadPool>

#include <atomic>
#include <memory>

class QButtonGroup;
class QLabel;
class QProgressBar;
class QStackedWidget;
class QTimer;
class QCPBars;
class QCPColorMap;
class QCPGraph;
class QCPItemStraightLine;
class QCPLayoutGrid;

namespace aimath {

class PlotView;
class ToyPlane;

class AttentionTab : public Tab {
    Q_OBJECT
public:
    explicit AttentionTab(ParamSet params, QWidget* parent = nullptr);
    ~AttentionTab() override;

    static ParamSet declareParams();
    static QString staticTitle();
    /// The engine's view of the parameters.
    static attention::Spec specFromParams(const ParamSet& p);

    QString id() const override { return QStringLiteral("attention"); }
    QString title() const override { return staticTitle(); }
    QJsonObject exportData() const override;
    QString exportCsv() const override;
    DataWriter exportDataWriter() const override;
    std::function<QByteArray()> exportCsvWriter() const override;
    /// A long sequence's weights view keeps the selected head only, but the data file holds the layer's
    /// output concat(O_h) W_O, made of every head: the whole layer is computed in the background first.
    bool prepareExportData() override;
    bool waitUntilIdle(int timeoutMs) override;
    bool isBusy() const override { return busy(); }

    // What is on screen, for tests.
    bool busy() const { return m_asyncRunning || m_asyncPending; }
    /// The follow-up of a quick first picture is running on the idle-priority thread.
    bool followUpAtIdlePriority() const
    {
        return m_asyncRunning && m_runningJob.background && m_idlePool.activeThreadCount() > 0;
    }
    bool hasResult() const { return m_hasResult; }
    /// The result on screen, with its outputs A V filled in if they were left for later.
    const attention::Result& result() const;
    const std::vector<std::string>& tokens() const { return m_prep.labels; }
    int displayedHead() const { return m_shownHead; }
    int displayedQuery() const { return m_shownQuery; }
    int displayPool() const { return m_displayPool; }
    PlotView* heatmapPlot() const { return m_mainPlot; }
    QCPColorMap* heatmap() const { return m_heat.map; }
    QCPBars* entropyBars() const { return m_entBars; }
    QCPBars* queryBars() const { return m_rowBars; }
    PlotView* headsPlot() const { return m_headsPlot; }
    const std::vector<attention_view::Heatmap>& headThumbs() const { return m_thumbs; }
    QCPColorMap* meanMap() const { return m_mean.map; }
    PlotView* matricesPlot() const { return m_matPlot; }
    const attention_view::Heatmap& matrixMap(int i) const { return m_mats[static_cast<std::size_t>(i)]; }
    PlotView* sqrtDPlot() const { return m_sqrtPlot; }
    QCPGraph* scaledCurve() const { return m_scaledGraph; }
    QCPGraph* unscaledCurve() const { return m_unscaledGraph; }
    ToyPlane* toyPlane() const { return m_toy; }
    QStackedWidget* viewStack() const { return m_stack; }
    QProgressBar* progressBar() const { return m_progress; }
    /// Background work shorter than this shows no progress bar (default 100 ms).
    void setProgressDelay(int ms);
    /// The hover text of a heatmap cell (what the tooltip shows), "" outside.
    QString heatmapHoverText(QPointF pixel) const;

protected:
    void onParamsChanged(const std::set<std::string>& keys) override;

private:
    enum View { kWeightsView = 0, kHeadsView, kMatricesView, kSqrtDView, kViewCount };

    void buildWeightsView(QWidget* page);
    void buildHeadsView(QWidget* page);
    void buildMatricesView(QWidget* page);
    void buildSqrtDView(QWidget* page);

    void recompute(bool inputsChanged);
    void startAsync();
    void onAsyncFinished();
    void adoptBack(attention::Result& from, attention::Prepared&& prep, const attention::Spec& spec);
    void updatePanelVisibility();
    void redrawCurrentView();
    void redrawWeights();
    void redrawHeads();
    void redrawMatrices();
    void redrawSqrtD();
    void updateReadouts();
    int viewIndex() const;
    /// O_h = A V_h, concat and output of the front result, computed on first use when the view did
    /// not need them (the same numbers; a cache of the result, not a change of what it says).
    void ensureOutputs() const;

    void onHeatmapPress(QMouseEvent* e);
    void onHeatmapMove(QMouseEvent* e);
    void onHeadsPress(QMouseEvent* e);
    void onToyDragged(int kind, int index, double x, double y);

    // Results: front is on screen; back is the next synchronous result; async belongs to the worker.
    // Shared: a data export being written holds the front result it was taken from; a compute
    // never writes into a result someone else still holds (it takes a fresh one then).
    std::shared_ptr<attention::Result> m_front, m_back, m_async;
    // Q, K, V and the logits Q Kᵀ of each path, kept apart from the results that take turns on
    // screen: a temperature drag redoes the softmax only. The worker's belongs to one job at a time.
    attention::Cache m_syncCache;
    std::shared_ptr<attention::Cache> m_asyncCache = std::make_shared<attention::Cache>();
    attention::Prepared m_prep;  ///< inputs of the front result
    /// A copy of m_prep that background jobs reusing it share (null until one does and after m_prep changes).
    std::shared_ptr<attention::Prepared> m_prepShared;
    attention::Spec m_spec;      ///< spec of the front result
    bool m_hasResult = false;
    bool m_prepValid = false;
    bool m_partial = false;  ///< the front result has the selected head only (the rest is on its way)
    /// The front result has no outputs, thumbnails or mean (a long sequence's weights view); ensureOutputs
    /// completes it with m_frontOpt.
    mutable bool m_frontLight = false;
    attention::Options m_frontOpt;
    int m_shownHead = 0;
    int m_shownQuery = 0;
    int m_displayPool = 1;

    // Background work for long sequences, with a generation counter: results of
    // anything but the latest request are dropped.
    struct Job {
        std::shared_ptr<attention::Prepared> prep;
        attention::Spec spec;
        attention::Options opt;
        quint64 generation = 0;
        bool background = false;  ///< the follow-up of a quick first picture: runs on m_idlePool
        bool completion = false;  ///< the whole layer of the picture on screen, for a data export
        bool samePrep = false;    ///< prep is a copy of m_prep (a softmax-only change): nothing to copy back
    };
    /// exportData() without "heads_data" and "output" (the outputs completed first).
    QJsonObject exportHeader() const;
    /// The front result lacks what exportData() needs and only a whole-layer run gives it.
    bool exportNeedsWholeLayer() const;
    /// A data export waits for the front result to be whole (exportDataReady() when it is).
    bool m_exportWaiting = false;
    void onIdleForExport();
    /// One thread at idle priority (SCHED_IDLE on Linux) for the follow-up job (the other heads'
    /// row entropies): it never takes a core from the GUI thread or the next change's quick picture.
    QThreadPool m_idlePool;
    bool m_hurry = false;  ///< someone waits (waitUntilIdle): background jobs run at normal priority
    QFutureWatcher<void> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    Job m_runningJob;
    Job m_pendingJob;
    bool m_asyncRunning = false;
    bool m_asyncPending = false;
    quint64 m_generation = 0;
    std::atomic<double> m_asyncProgress{0.0};
    QProgressBar* m_progress = nullptr;
    QLabel* m_progressLabel = nullptr;
    QTimer* m_progressReveal = nullptr;  ///< shows the bar once a busy spell has lasted kProgressDelayMs
    QTimer* m_progressPoll = nullptr;    ///< moves the shown bar (runs only while it is shown)
    void showProgress();
    void hideProgress();

    QButtonGroup* m_viewButtons = nullptr;
    QStackedWidget* m_stack = nullptr;
    bool m_dirty[kViewCount] = {true, true, true, true};

    PlotView* m_mainPlot = nullptr;
    attention_view::Heatmap m_heat;
    QCPAxisRect* m_entRect = nullptr;
    QCPBars* m_entBars = nullptr;
    QCPGraph* m_entMax = nullptr;
    PlotView* m_rowPlot = nullptr;
    QCPBars* m_rowBars = nullptr;
    ToyPlane* m_toy = nullptr;

    PlotView* m_headsPlot = nullptr;
    QCPLayoutGrid* m_headsGrid = nullptr;
    std::vector<attention_view::Heatmap> m_thumbs;
    PlotView* m_meanPlot = nullptr;
    attention_view::Heatmap m_mean;

    PlotView* m_matPlot = nullptr;
    std::vector<attention_view::Heatmap> m_mats;

    PlotView* m_sqrtPlot = nullptr;
    QCPGraph* m_scaledGraph = nullptr;
    QCPGraph* m_unscaledGraph = nullptr;
    QCPGraph* m_theoryGraph = nullptr;
    QCPItemStraightLine* m_dkLine = nullptr;
    std::unique_ptr<attention::SqrtDCurve> m_curve;
    std::uint64_t m_curveSeed = 0;
    int m_curveN = 0;
    int m_curveDk = 0;

    /// Where the weights view's bars sit and the entropy ceiling: fixed for a token count, pooling and mask.
    struct RowGeometry {
        int n = -1;
        int pool = 0;
        attention::Mask mask = attention::Mask::None;
        int pad = 0;
        QVector<double> barKeys, edgeKeys, ceiling, queryKeys;
        double ceilingMax = 1e-3;
    };
    RowGeometry m_rowGeometry;

    std::vector<double> m_scratch;  ///< display buffer reused between updates
    attention::RowMatrix m_pooled;
};

}  // namespace aimath
