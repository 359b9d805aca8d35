#pragma once
// The window: one page per tab (each tab built on first use), menus, the status
// bar, settings, sessions and every dialog of the app.

#include "widgets/common/figure_export.h"
#include "widgets/common/tab_registry.h"

#include <QFutureWatcher>
#include <QMainWindow>
#include <QPointer>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

class QLabel;
class QTabWidget;
class QThreadPool;
class QTimer;

namespace aimath {

class HelpWindow;
class PlotView;

/// The parameter key a constraint message starts with: "key: …" in English, "key：…" (a full-width
/// colon) in Chinese; empty if it has neither.
std::string constraintKeyOf(const std::string& message);

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// headless: never persists settings and starts every tab from its defaults.
    explicit MainWindow(std::vector<TabInfo> tabs, bool headless = false, QWidget* parent = nullptr);
    ~MainWindow() override;

    int tabCount() const { return static_cast<int>(m_infos.size()); }
    int indexOf(const QString& id) const;
    const TabInfo& info(int index) const { return m_infos[static_cast<std::size_t>(index)]; }
    int currentIndex() const;
    void setCurrentIndex(int index);
    /// The tab at index, constructed on first request.
    Tab* tab(int index);
    Tab* currentTab() { return tab(currentIndex()); }
    /// A tab's parameters whether or not it has been constructed yet.
    const ParamSet& paramsOf(int index) const;
    /// Replaces a tab's parameters (already validated).
    void applyParams(int index, const ParamSet& params);

    /// Loads a session file; on error nothing changes and the message names the file and key.
    QString loadSession(const QString& path);
    ExportResult saveSession(const QString& path) const;

    ExportResult exportCurrentImage(const QString& path, QSize size, double scale, bool whiteBackground = true);
    /// Writes the current tab's data now (headless --export-data): the same snapshot and writer
    /// as File > Export Data, on this thread.
    ExportResult exportCurrentData(const QString& path);
    /// File > Export Data once its dialog has a path: when the current tab has what the file needs
    /// (Tab::prepareExportData), takes its snapshot and writes the file in the background; the
    /// window stays live and the status bar shows the bytes written. dataExportFinished() tells the
    /// outcome. Refused (false, nothing started, the reason in *why) while another data export is
    /// prepared or written.
    bool startDataExport(const QString& path, QString* why = nullptr);
    /// A data export is waiting for its tab or being written.
    bool isExportingData() const;
    /// Blocks until a data export being written has finished (the destructor; tests).
    void waitForDataExport();

signals:
    void dataExportFinished(bool ok, const QString& message);

public:

    /// Restores window geometry, the last tab and every parameter from QSettings.
    void restoreSettings();
    void saveSettings() const;

    /// Sets a path parameter (embeddings `file`) from File > Open or a drop.
    void openDataFile(const QString& path);

    /// View > Language: installs the translation ("en" or "zh_CN"), remembers
    /// the choice (not when headless) and rebuilds menus, tab titles and the
    /// built tabs from their current parameters, keeping the current tab.
    void setLanguage(const QString& code);
    /// Help > Contents at the current tab's page; the window stays open.
    HelpWindow* showHelp();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    /// The numbers of tab `t` as JSON, or as CSV for a .csv path.
    ExportResult exportTabData(Tab* t, const QString& path);
    /// What exporting tab `t` to `path` writes, taken now; the function writes it on any thread
    /// (progress: bytes so far). Null with *refused set when there is nothing to write.
    using DataJob = std::function<ExportResult(std::atomic<qint64>* progress)>;
    DataJob dataExportJob(Tab* t, const QString& path, ExportResult* refused);
    void prepareDataExport(Tab* t, const QString& path);
    void beginDataWrite(Tab* t, const QString& path);
    void onDataExportWritten();
    void finishDataExport(const QString& path, const ExportResult& r);
    void showDataExportProgress();
    QString dataExportBusyMessage() const;
    void buildMenus();
    void onCurrentChanged(int index);
    void onExportImage();
    void onExportData();
    void onCopyImage();
    void onResetTab();
    void onOpenSession();
    void onSaveSession();
    void onOpenEmbeddings();
    void onAbout();
    void onShortcuts();
    void retranslateUi();
    void onTiming(double computeMs, double replotMs);
    void onPlotRequest(PlotView* plot, int request);
    /// The remembered "White background (for papers)" choice of image exports (default on).
    static bool exportOnWhite();
    void showFailure(const QString& message);

    std::vector<TabInfo> m_infos;
    std::vector<ParamSet> m_params;   // authoritative until the tab exists
    std::vector<Tab*> m_tabs;         // nullptr until first use
    std::vector<QWidget*> m_pages;
    QTabWidget* m_tabWidget = nullptr;
    QLabel* m_timing = nullptr;
    QTimer* m_saveTimer = nullptr;
    bool m_headless = false;
    QPointer<HelpWindow> m_help;
    // File > Export Data in the background: one at a time, on a thread of its own.
    QThreadPool* m_exportPool = nullptr;
    QFutureWatcher<ExportResult>* m_dataWrite = nullptr;
    QPointer<Tab> m_dataExportWaitsFor;  ///< the tab finishing what the file needs (prepareExportData)
    QString m_dataExportWaitsPath;       ///< the file it will go to
    QString m_dataExportPath;            ///< the file being written ("" when none)
    std::shared_ptr<std::atomic<qint64>> m_dataExportBytes = std::make_shared<std::atomic<qint64>>(0);
    QTimer* m_dataExportPoll = nullptr;
    bool m_closeAfterExport = false;  ///< the window was closed while the file was written
};

}  // namespace aimath
