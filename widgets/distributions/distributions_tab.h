#pragma once
// The distributions & entropy tab: four inner views (compare P and Q, sampling
// and estimation, next-token decoding, joint distribution and mutual
// information). All numbers come from engine/prob; this class only lays out,
// converts to QVector and draws.

#include "engine/prob/decoding.h"
#include "engine/prob/divergence.h"
#include "engine/prob/joint.h"
#include "engine/prob/sampling.h"
#include "widgets/common/tab.h"

#include <QFutureWatcher>
#include <QVector>

class QButtonGroup;
class QCPBars;
class QCPColorMap;
class QCPCurve;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QLabel;
class QMouseEvent;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;
class QTimer;
class QWidget;

namespace aimath {

class PlotView;

class DistributionsTab : public Tab {
    Q_OBJECT
public:
    static ParamSet declareParams();
    static QString staticTitle();
    explicit DistributionsTab(ParamSet params, QWidget* parent = nullptr);
    ~DistributionsTab() override;

    QString id() const override { return QStringLiteral("distributions"); }
    QString title() const override { return staticTitle(); }
    QWidget* figure() const override;
    QJsonObject exportData() const override;
    /// Waits for a large sample being drawn off the GUI thread.
    bool waitUntilIdle(int timeoutMs) override;
    bool isBusy() const override { return m_samplingBusy; }

    /// From this many samples on, drawing and estimating run on a worker thread.
    static constexpr std::size_t kAsyncSampleThreshold = 50000;

    // For tests and the lead's screenshots: the plots of each view.
    PlotView* comparePlot() const { return m_pqPlot; }
    PlotView* entropyBarPlot() const { return m_barPlot; }
    PlotView* histogramPlot() const { return m_histPlot; }
    PlotView* runningMeanPlot() const { return m_runPlot; }
    PlotView* bayesPlot() const { return m_bayesPlot; }
    PlotView* tokenPlot() const { return m_tokenPlot; }
    PlotView* temperaturePlot() const { return m_tempPlot; }
    PlotView* logitPlot() const { return m_logitPlot; }
    PlotView* jointPlot() const { return m_jointPlot; }
    PlotView* informationPlot() const { return m_infoPlot; }
    QPushButton* fitButton() const { return m_fitButton; }
    QPushButton* sampleButton() const { return m_sampleButton; }
    QTableWidget* vocabularyTable() const { return m_vocab; }
    QTableWidget* jointTable() const { return m_jointTable; }

protected:
    void onParamsChanged(const std::set<std::string>& keys) override;

private:
    struct CompareState {
        bool valid = false;
        prob::Distribution p, q;
        prob::Comparison cmp;
        prob::GaussianFit fit;
    };
    struct SamplingState {
        bool valid = false;
        prob::SampleSummary summary;
        prob::MleResult mle;
        prob::BetaPosterior posterior;
        bool bernoulli = false;
        // A continuous P's histogram on P's plot span (counted with the job, off the GUI thread).
        double histLo = 0.0, histHi = 0.0;
        int histBins = 0;
        std::vector<double> histCentres, histDensity;
    };

    struct SamplingJob {
        SamplingState state;
        std::vector<double> samples, scratch;
        prob::StandardDraws draws;
        int generation = 0;
    };
    static SamplingState computeSampling(const ParamSet& params, std::vector<double>& samples, std::vector<double>& scratch,
                                         prob::StandardDraws& draws);
    void startSamplingJob();
    void onSamplingFinished();

    void buildCompareView(QWidget* page);
    void buildSamplingView(QWidget* page);
    void buildDecodingView(QWidget* page);
    void buildJointView(QWidget* page);
    void buildExtraControls();

    void ensureCompare() const;
    void ensureSampling() const;
    void ensureDecoding() const;
    void ensureJoint() const;

    void drawCompare();
    void drawSampling();
    void drawDecoding();
    void drawJoint();
    void updateVisibility();
    void updateExplanation();
    void syncEditors();

    void onViewButton(int index);
    void onLogitPress(QMouseEvent* event);
    void onLogitMove(QMouseEvent* event);
    void onLogitRelease(QMouseEvent* event);
    void onFitQ();
    void onSample();
    void onVocabularyEdited();
    void onVocabularyAdd();
    void onVocabularyRemove();
    void onJointEdited();
    void onJointShapeChanged();

    QString entropyText(double nats) const;

    // Cached results (mutable: exportData() computes what the current view did not).
    mutable CompareState m_compare;
    mutable SamplingState m_sampling;
    mutable bool m_decodingValid = false;
    mutable prob::DecodingResult m_decoding;
    mutable std::vector<double> m_tempT, m_tempH;
    mutable bool m_jointValid = false;
    mutable prob::JointInfo m_joint;
    // Workspaces kept between recomputes (no big allocation per slider move).
    mutable std::vector<double> m_samples, m_scratch;
    mutable prob::StandardDraws m_draws;  // moving μ or σ reuses the random numbers
    // The worker's own workspaces (handed over and back, reused), and the job bookkeeping:
    // a result whose generation is not the latest is stale and dropped, never drawn.
    std::vector<double> m_jobSamples, m_jobScratch;
    prob::StandardDraws m_jobDraws;
    QFutureWatcher<SamplingJob>* m_samplingWatcher = nullptr;
    int m_samplingGeneration = 0;
    bool m_samplingBusy = false;
    bool m_samplingPending = false;
    QTimer* m_busyTitleTimer = nullptr;  ///< "Drawing n samples …" only for a job that takes a while (not on every μ drag)
    bool m_showSampledTokens = false;
    std::vector<double> m_sampledFreq;
    prob::TokenUniforms m_tokenUniforms;  // a temperature or top-p drag reuses the seed's uniforms

    QVector<double> m_x, m_y, m_y2;  // plotting scratch

    QWidget* m_viewBar = nullptr;
    QButtonGroup* m_viewButtons = nullptr;
    QStackedWidget* m_stack = nullptr;

    PlotView* m_pqPlot = nullptr;
    QCPGraph* m_pCurve = nullptr;
    QCPGraph* m_qCurve = nullptr;
    QCPGraph* m_fitCurve = nullptr;
    QCPBars* m_pBars = nullptr;
    QCPBars* m_qBars = nullptr;
    QCPItemText* m_pqNote = nullptr;
    PlotView* m_barPlot = nullptr;
    QCPBars* m_barH = nullptr;
    QCPBars* m_barKl = nullptr;
    QCPBars* m_barCross = nullptr;
    QCPItemText* m_barLabels[3] = {nullptr, nullptr, nullptr};

    PlotView* m_histPlot = nullptr;
    QCPBars* m_histBars = nullptr;
    QCPGraph* m_trueCurve = nullptr;
    QCPGraph* m_mleCurve = nullptr;
    PlotView* m_runPlot = nullptr;
    QCPGraph* m_runGraph = nullptr;
    QCPGraph* m_runTrue = nullptr;
    PlotView* m_bayesPlot = nullptr;
    QCPGraph* m_prior = nullptr;
    QCPGraph* m_likelihood = nullptr;
    QCPGraph* m_posterior = nullptr;
    QCPItemStraightLine* m_mleLine = nullptr;
    QCPItemStraightLine* m_mapLine = nullptr;
    QCPItemText* m_mleLabel = nullptr;
    QCPItemText* m_mapLabel = nullptr;

    PlotView* m_tokenPlot = nullptr;
    QCPBars* m_origKept = nullptr;
    QCPBars* m_origCut = nullptr;
    QCPBars* m_finalBars = nullptr;
    QCPGraph* m_sampledGraph = nullptr;
    QCPCurve* m_cumCurve = nullptr;
    QCPItemStraightLine* m_topPLine = nullptr;
    PlotView* m_logitPlot = nullptr;
    QCPBars* m_logitBars = nullptr;
    int m_dragIndex = -1;  ///< token whose logit bar is being dragged, −1 when none
    PlotView* m_tempPlot = nullptr;
    QCPGraph* m_tempGraph = nullptr;
    QCPGraph* m_tempMarker = nullptr;
    QCPItemStraightLine* m_tempLine = nullptr;
    QCPItemStraightLine* m_lnVLine = nullptr;

    PlotView* m_jointPlot = nullptr;
    QCPColorMap* m_jointMap = nullptr;
    QVector<QCPItemText*> m_cellLabels;
    PlotView* m_pxPlot = nullptr;
    QCPBars* m_pxBars = nullptr;
    PlotView* m_pyPlot = nullptr;
    QCPBars* m_pyBars = nullptr;
    PlotView* m_infoPlot = nullptr;
    QCPBars* m_infoSpacer = nullptr;
    QCPBars* m_infoHxy = nullptr;
    QCPBars* m_infoMi = nullptr;
    QCPBars* m_infoHyx = nullptr;

    QWidget* m_compareExtras = nullptr;
    QPushButton* m_fitButton = nullptr;
    QLabel* m_fitNote = nullptr;
    QWidget* m_decodingExtras = nullptr;
    QTableWidget* m_vocab = nullptr;
    QPushButton* m_sampleButton = nullptr;
    QWidget* m_jointExtras = nullptr;
    QSpinBox* m_rowsSpin = nullptr;
    QSpinBox* m_colsSpin = nullptr;
    QTableWidget* m_jointTable = nullptr;
    bool m_syncing = false;
};

}  // namespace aimath
