#pragma once
// The base of every tab. A tab owns its ParamSet (declared once, see
// engine/core/params.h), lays itself out with the one grammar of the app
// (controls left, figure centre, explanation below) and answers the app's
// questions: what to export as an image, what to export as data.

#include "engine/core/cpu_state.h"
#include "engine/core/params.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QString>
#include <QWidget>

#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

class QCustomPlot;
class QLabel;
class QSplitter;
class QVBoxLayout;

namespace aimath {

class JsonWriter;
class ParamPanel;
class ExplanationPanel;
class ReadoutPanel;

/// One guided experiment of a tab's "Try this" list: the instruction with its
/// expected observation (translated), and the parameter values it sets, as the
/// strings `--set key=value` accepts.
struct TryThis {
    QString text;
    std::vector<std::pair<std::string, std::string>> set;
};

class Tab : public QWidget {
    Q_OBJECT
public:
    explicit Tab(ParamSet params, QWidget* parent = nullptr);
    ~Tab() override;

    virtual QString id() const = 0;     ///< "attention", ...
    virtual QString title() const = 0;  ///< translated tab title

    const ParamSet& params() const { return m_params; }
    /// Replaces every value at once (command line, session, reset), refreshes the
    /// controls without feedback loops and recomputes. The caller has validated it.
    void applyParams(const ParamSet& params);

    /// The widget whose visible plots make up "the figure" for Export Image / Copy Image.
    virtual QWidget* figure() const;
    /// The numbers behind the current view (File > Export Data, --export-data).
    virtual QJsonObject exportData() const = 0;
    /// A table form of the data for .csv exports; empty when the tab has none.
    virtual QString exportCsv() const { return {}; }
    /// File > Export Data and --export-data write through these: taken on the GUI thread at the
    /// moment of the export, the function writes the file on any thread later. It holds copies or
    /// shared data nobody changes, never the tab (a slider moved meanwhile changes nothing written).
    /// The JSON is exportData()'s, byte for byte as QJsonDocument::toJson(Indented) writes it.
    using DataWriter = std::function<bool(JsonWriter&)>;
    /// Default: exportData() built now, streamed later. A tab with big data overrides it to stream
    /// its matrices from shared results instead.
    virtual DataWriter exportDataWriter() const;
    /// The CSV bytes, or a null function when the tab has no table. Default: exportCsv() now.
    virtual std::function<QByteArray()> exportCsvWriter() const;
    /// File > Export Data asks first: true when exportData() can answer now; false when the tab
    /// first computes in the background what the file needs (showing its progress, the window
    /// stays live) and emits exportDataReady() when it has. exportData() itself never waits for
    /// that: called directly (headless export, tests) it computes what is missing on the spot.
    virtual bool prepareExportData() { return true; }
    /// Headless export waits here until background work has produced the
    /// current result (or timeoutMs passed); returns false on timeout.
    virtual bool waitUntilIdle(int timeoutMs);
    /// True while background work for the current parameters is still running
    /// (the benchmark runs the event loop until it ends, without blocking it).
    virtual bool isBusy() const { return false; }
    /// An error that makes the current state unexportable ("" when fine).
    virtual QString currentError() const { return m_error; }
    /// Exit code of the command line when currentError() is set after the
    /// parameters were accepted: 2 for bad input (default), 1 for I/O (a bad file).
    virtual int currentErrorExitCode() const { return 2; }

    ParamPanel* paramPanel() const { return m_panel; }

    const std::vector<TryThis>& tryThis() const { return m_tryThis; }
    /// Applies every value of experiment `index` at once (what clicking its link
    /// does). On a bad value or a broken constraint nothing changes and the
    /// message is returned and shown.
    std::string applyTryThis(int index);

signals:
    /// What prepareExportData() started has finished: exportData() answers at once.
    void exportDataReady();
    /// compute and replot durations of the last update, for the status bar.
    void timingChanged(double computeMs, double replotMs);
    /// the user changed a parameter through this tab (the app persists it).
    void paramsEdited();

protected:
    /// Called after one or more parameters changed (keys empty = everything).
    /// Recompute what depends on them and replot with rpQueuedReplot.
    virtual void onParamsChanged(const std::set<std::string>& keys) = 0;

    /// Lets a tab change parameters from its own controls (a drag on a plot, an
    /// action button); the panel follows. Returns the validation error, in the window's language, or "".
    std::string setParam(const std::string& key, const ParamValue& v);
    std::string setParams(const std::vector<std::pair<std::string, ParamValue>>& changes);

    /// The "Try this" list shown under the explanation (three experiments a tab).
    void setTryThis(std::vector<TryThis> items);

    /// The layout regions to fill.
    QVBoxLayout* figureLayout() const { return m_figureLayout; }     ///< centre (put plots here)
    QVBoxLayout* controlsExtraLayout() const { return m_extraLayout; } ///< under the panel, above the readouts
    ReadoutPanel* readouts() const { return m_readouts; }
    ExplanationPanel* explanation() const { return m_explanation; }

    /// Shows an error in place (above the figure) and remembers it; "" clears it.
    void showError(const QString& message);

    /// Registers a plot so its replot time reaches the status bar.
    void trackPlot(QCustomPlot* plot);
    /// Marks the start and end of a recompute (for the status bar).
    void beginCompute()
    {
        clearUpperVectorState();  // see engine/core/cpu_state.h: a 10× slowdown otherwise
        m_computeTimer.start();
    }
    void endCompute() { m_lastComputeMs = m_computeTimer.nsecsElapsed() / 1e6; }

    ParamSet m_params;

private:
    ParamSet m_lastValid;
    void onPanelEdited(const std::string& key);

    ParamPanel* m_panel = nullptr;
    ReadoutPanel* m_readouts = nullptr;
    ExplanationPanel* m_explanation = nullptr;
    QWidget* m_figureHost = nullptr;
    QVBoxLayout* m_figureLayout = nullptr;
    QVBoxLayout* m_extraLayout = nullptr;
    QLabel* m_errorLabel = nullptr;
    QString m_error;
    QElapsedTimer m_computeTimer;
    double m_lastComputeMs = 0.0;
    std::vector<TryThis> m_tryThis;
};

}  // namespace aimath
