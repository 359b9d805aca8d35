#pragma once
// The embeddings tab: load a table of vectors (shipped sets or a user's file),
// run PCA step by step (scree, loadings, covariance, reconstruction error),
// project on two or three components, and explore neighbours and analogies.
// The engine (engine/io, engine/linalg) computes; this class only draws.

#include "engine/core/embedding_table.h"
#include "engine/io/embedding_loader.h"
#include "engine/linalg/neighbors.h"
#include "engine/linalg/pca.h"
#include "widgets/common/tab.h"

#include <QFutureWatcher>
#include <QStringList>
#include <QVector>

#include <memory>
#include <vector>

class QCPBars;
class QCPBarsGroup;
class QCPColorMap;
class QCPColorScale;
class QCPGraph;
class QCPItemLine;
class QCPItemStraightLine;
class QCPItemText;
class QLabel;
class QMouseEvent;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace aimath {

class PlotView;

/// A loaded data set with its PCA: built on a worker thread, then only read.
struct EmbeddingsPrepared {
    std::shared_ptr<const EmbeddingTable> table;
    std::shared_ptr<const linalg::Normalization> normalized;  ///< how table rows become PCA rows
    linalg::PcaResult pca;
    Eigen::VectorXd norms;       ///< row norms of the original vectors (neighbours)
    std::string loadKey;         ///< which data set (dataset|file|format|metadata)
    std::string pcaKey;          ///< loadKey + normalize + method
    std::string error;           ///< load or PCA failure ("" when fine)
    bool ioError = false;        ///< the error comes from a file (command line exit 1)
    bool cancelled = false;
    double loadMs = 0.0;
    double pcaMs = 0.0;
};

class EmbeddingsTab : public Tab {
    Q_OBJECT
public:
    explicit EmbeddingsTab(ParamSet params, QWidget* parent = nullptr);
    ~EmbeddingsTab() override;

    static ParamSet declareParams();
    static QString staticTitle();

    QString id() const override { return QStringLiteral("embeddings"); }
    QString title() const override { return staticTitle(); }
    QJsonObject exportData() const override;
    QString exportCsv() const override;
    DataWriter exportDataWriter() const override;
    /// bulk false: "labels" and "projection" are null placeholders (exportDataWriter streams them).
    QJsonObject exportData(bool bulk) const;
    bool waitUntilIdle(int timeoutMs) override;
    bool isBusy() const override { return m_running; }
    int currentErrorExitCode() const override { return m_errorIsIo ? 1 : 2; }

    // What is on screen, for tests.
    bool busy() const { return m_running; }
    const EmbeddingsPrepared* data() const { return m_data.get(); }
    PlotView* projectionPlot() const { return m_proj; }
    PlotView* screePlot() const { return m_scree; }
    QCPBars* screeBars() const { return m_screeBars; }
    QCPGraph* cumulativeGraph() const { return m_cumulative; }
    QCPColorMap* covarianceMap() const { return m_covMap; }
    QCPGraph* reconstructionGraph() const { return m_reconGraph; }
    const std::vector<QCPBars*>& loadingBars() const { return m_loadingBars; }
    /// Every point graph of the projection (one per class and depth layer).
    const std::vector<QCPGraph*>& pointGraphs() const { return m_pointGraphs; }
    QCPGraph* selectionGraph() const { return m_selGraph; }
    QCPGraph* searchGraph() const { return m_searchGraph; }
    int shownPoints() const { return static_cast<int>(m_sample.size()); }
    int neighborLineCount() const;
    const std::vector<linalg::Neighbor>& neighbors() const { return m_neighbors; }
    const linalg::AnalogyResult& analogyResult() const { return m_analogy; }
    int selectedRow() const { return m_selected; }
    int searchMatches() const { return static_cast<int>(m_matches.size()); }
    /// Screen position (plot coordinates) of a row in the projection.
    QPointF plotPosition(int row) const;
    /// A note that is not fatal (unknown analogy word, bad regular expression): "" when none.
    QString note() const { return m_note; }

protected:
    void onParamsChanged(const std::set<std::string>& keys) override;

private:
    std::string loadKeyOf(const ParamSet& p) const;
    std::string pcaKeyOf(const ParamSet& p) const;
    void startPrepare(bool reload);
    void onPrepared();
    void onCancelLoad();
    void onProgressTick();
    void accept(std::shared_ptr<EmbeddingsPrepared> prepared);

    void updateProjection();   ///< coordinates of every row on the chosen axes
    void updateSample();
    void updateView(bool rescale);  ///< 2-D or rotated 3-D screen coordinates, point graphs
    void updateQueries();      ///< search, selection, neighbours, analogy
    void updateOverlays();     ///< highlight graphs, lines, arrows, labels
    void updatePcaPlots();
    void updateLoadings();     ///< the loadings of the shown components (part of updatePcaPlots)
    void updateDetailPlot();
    void updateReadouts();
    void replotAll();
    void replot(std::initializer_list<PlotView*> plots);
    void joinNotes();          ///< m_note from the projection's and the queries' notes

    void rebuildPointGraphs(int classes, int layers);
    QPointF screenOf(int row, double* depth = nullptr) const;
    int pickRow(const QPoint& pixel, double maxDistance) const;
    QString rowName(int row) const;
    void onProjectionMouseMove(QMouseEvent* event);
    void onProjectionMousePress(QMouseEvent* event);
    void onProjectionMouseRelease(QMouseEvent* event);

    // Data (replaced as a whole when a new set or PCA is accepted).
    std::shared_ptr<const EmbeddingsPrepared> m_data;
    QStringList m_labelStrings;           ///< labels as QString (search)
    std::vector<int> m_classOf;           ///< class index per row
    QStringList m_classNames;

    // Background work.
    QFutureWatcher<std::shared_ptr<EmbeddingsPrepared>>* m_watcher = nullptr;
    std::shared_ptr<io::LoadControl> m_control;
    quint64 m_generation = 0;
    quint64 m_runningGeneration = 0;
    bool m_running = false;
    bool m_pendingRestart = false;
    bool m_errorIsIo = false;
    QString m_lastFailure;
    std::string m_failedLoadKey;   ///< the data set whose load failed (not retried until asked again)
    std::string m_runningLoadKey, m_runningPcaKey;
    QTimer* m_progressTimer = nullptr;
    QWidget* m_progressBox = nullptr;
    QLabel* m_progressLabel = nullptr;
    QProgressBar* m_progressBar = nullptr;
    QPushButton* m_cancelButton = nullptr;
    ParamSet m_prev;  ///< values seen by the last onParamsChanged (to know what changed)
    bool m_firstUpdate = true;

    // Workspaces kept between updates.
    linalg::RowMatrixF m_coords;          ///< n × 2 or 3: every row on the chosen axes
    std::vector<int> m_axes;              ///< 0-based component (or raw column) per axis
    bool m_raw = false;
    bool m_3d = false;
    std::vector<int> m_sample;            ///< rows drawn
    linalg::RowMatrixF m_sampleCoords;    ///< m_sample.size() × 3
    std::vector<double> m_sx, m_sy, m_sdepth;
    Eigen::Matrix3d m_rotation = Eigen::Matrix3d::Identity();
    std::vector<QVector<double>> m_bufX, m_bufY;
    double m_viewRadius = 1.0;

    // Queries.
    std::vector<int> m_matches;
    int m_selected = -1;
    std::vector<linalg::Neighbor> m_neighbors;
    linalg::AnalogyResult m_analogy;
    QString m_note;
    QString m_projectionNote, m_queryNote;

    // Plots.
    PlotView* m_proj = nullptr;
    PlotView* m_scree = nullptr;
    PlotView* m_loadings = nullptr;
    PlotView* m_cov = nullptr;
    PlotView* m_recon = nullptr;
    QStackedWidget* m_detailStack = nullptr;
    std::vector<QCPGraph*> m_pointGraphs;
    int m_graphClasses = -1;
    int m_graphLayers = -1;
    QCPGraph* m_searchGraph = nullptr;
    QCPGraph* m_neighborGraph = nullptr;
    QCPGraph* m_selGraph = nullptr;
    QCPGraph* m_analogyGraph = nullptr;
    std::vector<QCPItemLine*> m_lines;
    std::vector<QCPItemText*> m_texts;
    std::vector<QCPItemLine*> m_axisLines;
    std::vector<QCPItemText*> m_axisTexts;
    QCPBars* m_screeBars = nullptr;
    QCPGraph* m_cumulative = nullptr;
    std::vector<QCPBars*> m_loadingBars;
    QCPBarsGroup* m_loadingGroup = nullptr;
    QCPColorMap* m_covMap = nullptr;
    QCPColorScale* m_covScale = nullptr;
    QCPGraph* m_reconGraph = nullptr;
    QCPGraph* m_reconMarker = nullptr;
    QCPItemStraightLine* m_reconLine = nullptr;

    // Mouse.
    QPoint m_pressPos;
    bool m_pressed = false;
    bool m_dragged = false;
    double m_pressYaw = 0.0, m_pressPitch = 0.0;
};

}  // namespace aimath
