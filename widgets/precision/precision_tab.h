#pragma once
// The floating-point precision tab: formats bit by bit, range and density,
// accumulation error, stability in training and weight quantization. All
// arithmetic is engine/numerics; this class turns its results into plots.

#include "engine/numerics/accumulation.h"
#include "engine/numerics/float_format.h"
#include "engine/numerics/quantization.h"
#include "engine/numerics/stability.h"
#include "widgets/common/tab.h"

#include <QFutureWatcher>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

class QCPColorMap;
class QCPGraph;
class QCPBars;
class QLabel;
class QProgressBar;
class QStackedWidget;
class QTableWidget;
class QButtonGroup;

namespace aimath {

class PlotView;

class PrecisionTab : public Tab {
    Q_OBJECT
public:
    explicit PrecisionTab(ParamSet params, QWidget* parent = nullptr);
    ~PrecisionTab() override;

    static ParamSet declareParams();
    static QString staticTitle();

    QString id() const override { return QStringLiteral("precision"); }
    QString title() const override { return staticTitle(); }
    QWidget* figure() const override;
    QJsonObject exportData() const override;
    QString exportCsv() const override;
    bool waitUntilIdle(int timeoutMs) override;
    bool isBusy() const override { return m_accumBusy || m_quantBusy; }

    // What is on screen, for tests.
    struct InspectRow {
        int valueIndex = 0;     ///< index into parsedValues()
        std::string formatId;
        bool viaFp32 = false;   ///< the double-rounding row
        numerics::FloatFormat format;
        numerics::Inspection inspection;
    };
    const std::vector<double>& parsedValues() const { return m_values; }
    const std::vector<InspectRow>& inspectRows() const { return m_rows; }
    /// Flips one bit (0 = most significant) of an Inspect row and returns the value the code then encodes.
    /// Flips `bit` of the pattern plot's `row` (a row as drawn, see bits_value); returns the value the new code encodes.
    double flipBit(int row, int bit);
    QString flipText() const;
    PlotView* bitPlot() const { return m_bitPlot; }
    QCPColorMap* bitMap() const { return m_bitMap; }
    PlotView* inspectErrorPlot() const { return m_errPlot; }
    QTableWidget* inspectTable() const { return m_table; }
    PlotView* constantsPlot() const { return m_constPlot; }
    PlotView* spacingPlot() const { return m_spacingPlot; }
    PlotView* numberLinePlot() const { return m_linePlot; }
    PlotView* symlogLinePlot() const { return m_symlogPlot; }
    PlotView* accumulationPlot() const { return m_accumPlot; }
    PlotView* softmaxPlot() const { return m_softmaxPlot; }
    PlotView* gradientPlot() const { return m_gradPlot; }
    QCPBars* gradientBars() const { return m_gradBars; }
    PlotView* quantHistPlot() const { return m_quantHistPlot; }
    PlotView* quantErrorPlot() const { return m_quantErrPlot; }
    QCPBars* quantHistBars() const { return m_quantHistBars; }
    QProgressBar* progressBar() const { return m_progress; }
    QStackedWidget* viewStack() const { return m_stack; }
    bool accumulationBusy() const { return m_accumBusy; }
    quint64 accumulationGeneration() const { return m_accumGeneration; }
    /// While summing on: the n asked for, of which accumulation() shows the part summed so far; 0 otherwise.
    long long accumulationPartialOf() const { return m_accumPartialOf; }
    const numerics::AccumulationResult& accumulation() const { return m_accum; }
    /// The latest quantization, without its per-element `dequantized` values (the view shows none of them).
    const numerics::QuantizationResult& quantization() const { return m_quant; }
    const numerics::GradientResult& gradients() const { return m_grad; }
    const numerics::SoftmaxSweep& softmaxSweepResult() const { return m_sweep; }
    /// The graph of a (format, method) accumulation curve, nullptr when absent.
    QCPGraph* accumulationGraph(const std::string& formatId, numerics::SumMethod method) const;

protected:
    void onParamsChanged(const std::set<std::string>& keys) override;

private:
    enum View { kInspect = 0, kRange, kAccumulation, kStability, kQuantization, kViewCount };

    struct AccumOutcome {
        quint64 generation = 0;
        bool prefetch = false;  ///< summing ahead to the slider's maximum: no result to show
        numerics::AccumulationResult result;
    };
    struct QuantOutcome {
        quint64 generation = 0;
        std::shared_ptr<const std::vector<double>> weights;
        std::vector<double> weightsKey;
        numerics::QuantizationResult result;
    };
    void onQuantizationFinished();

    void buildInspectView(QWidget* page);
    void buildRangeView(QWidget* page);
    void buildAccumulationView(QWidget* page);
    void buildStabilityView(QWidget* page);
    void buildQuantizationView(QWidget* page);

    std::vector<numerics::FloatFormat> selectedFormats() const;
    numerics::Rounding rounding() const;
    numerics::Overflow overflowMode() const;
    int viewIndex() const;
    void updatePanelVisibility();
    void updateReadouts();
    void updateExplanation();

    void computeInspect();
    void computeSoftmax();    ///< the softmax at the current logit_scale
    void computeStability();  ///< the gradient histogram (and, once, the softmax sweep)
    void computeQuantization();
    void startAccumulation();
    void launchAccumulationJob(bool prefetch);
    void cancelAccumulationJob();
    void showAccumulation(numerics::AccumulationResult result);
    void showPartialAccumulation();  ///< while summing on: the curves up to what is summed so far
    void maybePrefetchAccumulation();
    void onAccumulationFinished();
    void onProgressTick();

    void drawInspect();
    void drawRange();
    void drawAccumulation();
    void drawStability();
    void drawQuantization();
    void onBitPlotPress(QMouseEvent* event);

    // Inspect
    std::vector<double> m_values;
    QString m_valuesError;
    std::vector<InspectRow> m_rows;
    std::vector<int> m_bitRows;  ///< indices into m_rows drawn in the bit-pattern plot, top to bottom
    QString m_flipText;
    PlotView* m_bitPlot = nullptr;
    QCPColorMap* m_bitMap = nullptr;
    QLabel* m_flipLabel = nullptr;
    PlotView* m_errPlot = nullptr;
    QTableWidget* m_table = nullptr;
    static constexpr int kTableFitRows = 100;     ///< the rows a column fit measures (and the visible ones)
    std::vector<qsizetype> m_tableFitLengths;      ///< per column, the longest text among those rows at the last fit
    int m_tableFitRowCount = -1;                   ///< the table's rows at the last fit

    // Range
    PlotView* m_constPlot = nullptr;
    PlotView* m_spacingPlot = nullptr;
    PlotView* m_linePlot = nullptr;
    PlotView* m_symlogPlot = nullptr;
    QLabel* m_lineNote = nullptr;

    // Accumulation (background)
    PlotView* m_accumPlot = nullptr;
    QProgressBar* m_progress = nullptr;
    numerics::AccumulationResult m_accum;
    QFutureWatcher<AccumOutcome> m_accumWatcher;
    std::shared_ptr<std::atomic<bool>> m_accumCancel;
    std::shared_ptr<std::atomic<double>> m_accumProgress;
    quint64 m_accumGeneration = 0;
    bool m_accumBusy = false;  ///< the latest sum_n is not on screen yet
    long long m_accumPartialOf = 0;  ///< m_accum is the part summed so far of this n (0: m_accum is the n asked for)
    int m_progressTicks = 0;
    // Every n of one series (formats, terms, seed, rounding) is a slice of one pass
    // (numerics::AccumulationPrefix): dragging sum_n within what is summed is answered
    // on the GUI thread in about a millisecond; beyond it one background job sums on,
    // and while the view is open a job sums ahead to the slider's maximum. At most one
    // job holds the prefix's extending side; a newer request cancels it (what it summed stays).
    std::shared_ptr<numerics::AccumulationPrefix> m_accumPrefix;
    long long m_accumWanted = 0;
    bool m_accumJobRunning = false;
    bool m_accumJobPrefetch = false;
    QThreadPool m_prefetchPool;  ///< one thread at idle priority (SCHED_IDLE on Linux): summing ahead never takes a core from anything else
    QTimer m_progressTimer;

    // Stability
    numerics::SoftmaxSweep m_sweep;
    std::vector<std::pair<numerics::SoftmaxEval, numerics::SoftmaxEval>> m_softmaxNow;  ///< (naive, stable) per stability format
    std::vector<numerics::FloatFormat> m_softmaxFormats;
    numerics::GradientResult m_grad;
    PlotView* m_softmaxPlot = nullptr;
    PlotView* m_gradPlot = nullptr;
    QCPBars* m_gradBars = nullptr;

    // Quantization
    std::shared_ptr<const std::vector<double>> m_weights;  // shared with a background job
    std::vector<double> m_weightsKey;  ///< rows, cols, outlier fraction/scale, seed of m_weights
    numerics::QuantizationResult m_quant;
    // Tensors from kAsyncQuantCells cells on are quantized in the background;
    // a result whose generation is not the latest is dropped.
    static constexpr long long kAsyncQuantCells = 512 * 512;
    QFutureWatcher<QuantOutcome> m_quantWatcher;
    quint64 m_quantGeneration = 0;
    bool m_quantBusy = false;
    PlotView* m_quantHistPlot = nullptr;
    PlotView* m_quantErrPlot = nullptr;
    QCPBars* m_quantHistBars = nullptr;
    QCPBars* m_quantErrBars = nullptr;

    QStackedWidget* m_stack = nullptr;
    QButtonGroup* m_viewButtons = nullptr;
};

}  // namespace aimath
