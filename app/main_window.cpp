#include "app/main_window.h"

#include "app/export_dialog.h"
#include "app/help_window.h"
#include "app/language.h"
#include "app/session.h"
#include "app/theme_menu.h"
#include "widgets/common/engine_message.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/plot_view.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <QVBoxLayout>

#include <Eigen/Core>
#include <qcustomplot.h>

#include <algorithm>

namespace aimath {

std::string constraintKeyOf(const std::string& message)
{
    const std::size_t ascii = message.find(':');
    const std::size_t wide = message.find("\xEF\xBC\x9A");  // U+FF1A FULLWIDTH COLON
    const std::size_t end = std::min(ascii, wide);
    return end == std::string::npos ? std::string() : message.substr(0, end);
}

namespace {
QString settingsKey(const QString& tab, const std::string& key) { return QStringLiteral("params/%1/%2").arg(tab, QString::fromStdString(key)); }
}  // namespace

MainWindow::MainWindow(std::vector<TabInfo> tabs, bool headless, QWidget* parent)
    : QMainWindow(parent)
    , m_infos(std::move(tabs))
    , m_headless(headless)
{
    QGuiApplication::setApplicationDisplayName(tr("AI Math Lab"));
    setWindowTitle(tr("AI Math Lab"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/aimathlab.svg")));
    setAcceptDrops(true);
    m_tabWidget = new QTabWidget(this);
    m_tabWidget->setDocumentMode(true);
    setCentralWidget(m_tabWidget);
    for (const TabInfo& info : m_infos) {
        m_params.push_back(info.declareParams());
        m_tabs.push_back(nullptr);
        auto* page = new QWidget(m_tabWidget);
        auto* layout = new QVBoxLayout(page);
        layout->setContentsMargins(0, 0, 0, 0);
        m_pages.push_back(page);
        QString title = info.title();
        m_tabWidget->addTab(page, title.replace(QLatin1Char('&'), QLatin1String("&&")));  // '&' is not a mnemonic
    }
    m_saveTimer = new QTimer(this);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(500);
    connect(m_saveTimer, &QTimer::timeout, this, &MainWindow::saveSettings);
    m_exportPool = new QThreadPool(this);
    m_exportPool->setMaxThreadCount(1);
    m_dataWrite = new QFutureWatcher<ExportResult>(this);
    connect(m_dataWrite, &QFutureWatcher<ExportResult>::finished, this, &MainWindow::onDataExportWritten);
    m_dataExportPoll = new QTimer(this);
    m_dataExportPoll->setInterval(250);
    connect(m_dataExportPoll, &QTimer::timeout, this, &MainWindow::showDataExportProgress);
    m_timing = new QLabel(this);
    statusBar()->addPermanentWidget(m_timing);
    buildMenus();
    connect(m_tabWidget, &QTabWidget::currentChanged, this, &MainWindow::onCurrentChanged);
    // 1500 × 950 where the screen has room; on a smaller screen (a 1366 × 768
    // laptop) the window starts at what the screen offers instead of running
    // off its edge.
    QSize initial(1500, 950);
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        initial = initial.boundedTo(screen->availableGeometry().size() * 0.96);
    resize(initial);

    // Widgets never open dialogs; the app answers their requests.
    PlotView::setRequestHandler([this](PlotView* plot, PlotView::Request r) { onPlotRequest(plot, static_cast<int>(r)); });
    ParamPanel::setPathRequestHandler([this](const ParamSpec& spec, const QString& current) {
        return QFileDialog::getOpenFileName(this, QCoreApplication::translate("aimath::params", spec.label.c_str()), current);
    });
    // No tab is built here: the caller picks one (the last used, --tab, a
    // session) and only that one computes.
}

MainWindow::~MainWindow()
{
    // A data export still being written is finished, never cut off (no partial file, no temporary);
    // a window being destroyed opens no dialog and emits nothing about it.
    if (!m_dataExportPath.isEmpty())
        m_dataWrite->waitForFinished();
    m_dataExportPath.clear();
    m_closeAfterExport = false;
    // The handlers capture this window; nothing may call them after it is gone.
    PlotView::setRequestHandler({});
    ParamPanel::setPathRequestHandler({});
}

int MainWindow::indexOf(const QString& id) const
{
    for (std::size_t i = 0; i < m_infos.size(); ++i)
        if (m_infos[i].id == id)
            return static_cast<int>(i);
    return -1;
}

int MainWindow::currentIndex() const { return m_tabWidget->currentIndex(); }

void MainWindow::setCurrentIndex(int index)
{
    if (index >= 0 && index < tabCount())
        m_tabWidget->setCurrentIndex(index);
    tab(index);
}

Tab* MainWindow::tab(int index)
{
    if (index < 0 || index >= tabCount())
        return nullptr;
    const auto i = static_cast<std::size_t>(index);
    if (!m_tabs[i]) {
        Tab* t = m_infos[i].create(m_params[i]);
        m_pages[i]->layout()->addWidget(t);
        m_tabs[i] = t;
        connect(t, &Tab::timingChanged, this, &MainWindow::onTiming);
        connect(t, &Tab::paramsEdited, this, [this, i] {
            m_params[i] = m_tabs[i]->params();
            // A drag edits many times a second: persist once it pauses.
            if (!m_headless)
                m_saveTimer->start();
        });
    }
    return m_tabs[i];
}

const ParamSet& MainWindow::paramsOf(int index) const
{
    const auto i = static_cast<std::size_t>(index);
    return m_tabs[i] ? m_tabs[i]->params() : m_params[i];
}

void MainWindow::applyParams(int index, const ParamSet& params)
{
    const auto i = static_cast<std::size_t>(index);
    m_params[i] = params;
    if (m_tabs[i])
        m_tabs[i]->applyParams(params);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Open &Session…"), QKeySequence::Open, this, &MainWindow::onOpenSession);
    file->addAction(tr("Save Session &As…"), QKeySequence::Save, this, &MainWindow::onSaveSession);
    if (indexOf(QStringLiteral("embeddings")) >= 0)
        file->addAction(tr("Open &Embeddings…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, &MainWindow::onOpenEmbeddings);
    file->addSeparator();
    file->addAction(tr("&Export Image…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::onExportImage);
    file->addAction(tr("Export &Data…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this, &MainWindow::onExportData);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Copy Image"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this, &MainWindow::onCopyImage);
    edit->addAction(tr("&Reset Tab"), this, &MainWindow::onResetTab);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < tabCount() && i < 9; ++i) {
        view->addAction(m_infos[static_cast<std::size_t>(i)].title(), QKeySequence(Qt::CTRL | (Qt::Key_1 + i)), this,
                        [this, i] { setCurrentIndex(i); });
    }
    view->addSeparator();
    addThemeMenu(view, !m_headless);

    // Each language is named in itself, so either can be found whatever is shown.
    QMenu* language = view->addMenu(tr("&Language"));
    auto* languages = new QActionGroup(language);
    for (const QString& code : supportedLanguages()) {
        QAction* a = language->addAction(languageDisplayName(code));
        a->setCheckable(true);
        a->setChecked(code == currentLanguage());
        a->setData(code);
        languages->addAction(a);
        // Queued: the switch replaces the menu bar this action lives in.
        connect(a, &QAction::triggered, this, [this, code] { setLanguage(code); }, Qt::QueuedConnection);
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Contents"), QKeySequence::HelpContents, this, [this] { showHelp(); });
    help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::onShortcuts);
    help->addSeparator();
    help->addAction(tr("&About AI Math Lab"), this, &MainWindow::onAbout);
}

void MainWindow::setLanguage(const QString& code)
{
    if (!isSupportedLanguage(code))
        return;
    if (!m_headless)
        rememberLanguage(code);  // an explicit choice beats the system locale
    if (code == currentLanguage())
        return;
    installLanguage(code);
    retranslateUi();
}

void MainWindow::retranslateUi()
{
    // Qt appends the display name to every window title unless they are equal.
    QGuiApplication::setApplicationDisplayName(tr("AI Math Lab"));
    setWindowTitle(tr("AI Math Lab"));
    // A new menu bar (the old one goes with its actions and shortcuts).
    setMenuBar(new QMenuBar(this));
    buildMenus();
    for (int i = 0; i < tabCount(); ++i) {
        QString title = m_infos[static_cast<std::size_t>(i)].title();
        m_tabWidget->setTabText(i, title.replace(QLatin1Char('&'), QLatin1String("&&")));
    }
    m_timing->clear();
    statusBar()->clearMessage();
    // Tabs build every string when constructed: rebuild each built tab from its
    // current parameters (same values, same errors); unbuilt ones are built in
    // the new language on first use. Only the current tab is rebuilt now.
    const int current = currentIndex();
    // An export still waiting for its tab to finish what the file needs moves to the rebuilt tab
    // (same parameters), instead of waiting for a tab that is gone.
    int exportWaits = -1;
    const QString exportWaitsPath = m_dataExportWaitsPath;
    for (std::size_t i = 0; i < m_tabs.size(); ++i)
        if (m_dataExportWaitsFor && m_tabs[i] == m_dataExportWaitsFor)
            exportWaits = static_cast<int>(i);
    m_dataExportWaitsFor = nullptr;
    m_dataExportWaitsPath.clear();
    for (std::size_t i = 0; i < m_tabs.size(); ++i) {
        Tab* t = m_tabs[i];
        if (!t)
            continue;
        m_params[i] = t->params();
        disconnect(t, nullptr, this, nullptr);
        m_pages[i]->layout()->removeWidget(t);
        t->hide();
        t->deleteLater();
        m_tabs[i] = nullptr;
    }
    tab(current);
    if (exportWaits >= 0) {
        if (Tab* t = tab(exportWaits))
            prepareDataExport(t, exportWaitsPath);
        else
            finishDataExport(exportWaitsPath, {false, tr("Nothing was written to %1: its tab could not be rebuilt").arg(exportWaitsPath)});
    }
    if (m_help)
        m_help->retranslate();
}

HelpWindow* MainWindow::showHelp()
{
    if (!m_help) {
        m_help = new HelpWindow(m_infos, this);
        m_help->setAttribute(Qt::WA_DeleteOnClose);
    }
    const int i = currentIndex();
    m_help->showPage(i >= 0 ? m_infos[static_cast<std::size_t>(i)].id : QStringLiteral("index"));
    m_help->show();
    m_help->raise();
    m_help->activateWindow();
    return m_help;
}

void MainWindow::onShortcuts()
{
    ShortcutsDialog dialog(this, this);
    dialog.exec();
}

void MainWindow::onCurrentChanged(int index)
{
    if (index < 0)
        return;
    tab(index);
    if (!m_headless)
        QSettings().setValue(QStringLiteral("window/lastTab"), m_infos[static_cast<std::size_t>(index)].id);
}

void MainWindow::restoreSettings()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    for (std::size_t i = 0; i < m_infos.size(); ++i) {
        // Each stored value is checked as if typed on the command line; a value
        // that no longer fits (a range changed) falls back to its default.
        const ParamSet declared = m_infos[i].declareParams();
        ParamSet params = declared;
        for (const ParamSpec& spec : params.specs()) {
            const QVariant v = s.value(settingsKey(m_infos[i].id, spec.key));
            // A hand-edited ini turns an unquoted "a, b" into a string list;
            // anything else that is not text (a map, a blob) keeps the default.
            QString text;
            if (v.typeId() == QMetaType::QStringList)
                text = v.toStringList().join(QLatin1Char(','));
            else if (v.isValid() && v.canConvert<QString>())
                text = v.toString();
            else
                continue;
            ParamSet trial = params;
            if (trial.setFromString(spec.key, text.toStdString()).empty())
                params = trial;
        }
        // Values that break a cross-parameter rule: the key the message names
        // falls back to its default, the others stay as saved.
        for (std::size_t tries = 0; tries <= params.specs().size(); ++tries) {
            const std::string e = params.checkConstraints();
            if (e.empty())
                break;
            const std::string key = constraintKeyOf(e);
            if (!params.has(key) || params.value(key) == declared.value(key)) {
                params = declared;  // no way to tell which value is at fault
                break;
            }
            params.set(key, declared.value(key));
        }
        if (params.checkConstraints().empty())
            applyParams(static_cast<int>(i), params);
    }
    const int last = indexOf(s.value(QStringLiteral("window/lastTab")).toString());
    if (last >= 0)
        setCurrentIndex(last);
}

void MainWindow::saveSettings() const
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    for (int i = 0; i < tabCount(); ++i) {
        const ParamSet& params = paramsOf(i);
        for (const ParamSpec& spec : params.specs())
            s.setValue(settingsKey(m_infos[static_cast<std::size_t>(i)].id, spec.key), QString::fromStdString(params.toString(spec.key)));
    }
}

QString MainWindow::loadSession(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return tr("Cannot read session %1: %2").arg(path, f.errorString());
    if (f.size() > 64 * 1024 * 1024)
        return tr("Cannot read session %1: the file is larger than 64 MiB").arg(path);
    std::map<QString, ParamSet> declared;
    for (std::size_t i = 0; i < m_infos.size(); ++i)
        declared.emplace(m_infos[i].id, m_infos[i].declareParams());
    const SessionLoad load = sessionFromJson(f.readAll(), declared);
    if (!load.error.isEmpty())
        return tr("Session %1: %2").arg(path, load.error);
    for (const auto& [id, params] : load.tabs)
        applyParams(indexOf(id), params);
    if (!load.currentTab.isEmpty())
        setCurrentIndex(indexOf(load.currentTab));
    return {};
}

ExportResult MainWindow::saveSession(const QString& path) const
{
    std::map<QString, const ParamSet*> tabs;
    for (int i = 0; i < tabCount(); ++i)
        tabs.emplace(m_infos[static_cast<std::size_t>(i)].id, &paramsOf(i));
    const int cur = currentIndex();
    return writeJsonAtomic(path, sessionToJson(tabs, cur >= 0 ? m_infos[static_cast<std::size_t>(cur)].id : QString()));
}

ExportResult MainWindow::exportCurrentImage(const QString& path, QSize size, double scale, bool whiteBackground)
{
    Tab* t = currentTab();
    if (!t)
        return {false, tr("Cannot write %1: no tab is open").arg(path)};
    return exportFigure(t->figure(), path, size, scale, whiteBackground);
}

ExportResult MainWindow::exportCurrentData(const QString& path)
{
    Tab* t = currentTab();
    if (!t)
        return {false, tr("Cannot write %1: no tab is open").arg(path)};
    return exportTabData(t, path);
}

ExportResult MainWindow::exportTabData(Tab* t, const QString& path)
{
    ExportResult refused;
    const DataJob job = dataExportJob(t, path, &refused);
    return job ? job(nullptr) : refused;
}

MainWindow::DataJob MainWindow::dataExportJob(Tab* t, const QString& path, ExportResult* refused)
{
    if (QFileInfo(path).suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0) {
        std::function<QByteArray()> csv = t->exportCsvWriter();
        if (!csv) {
            *refused = {false, tr("Cannot write %1: the %2 tab has no table to write as CSV; use .json").arg(path, t->id())};
            return {};
        }
        return [path, csv = std::move(csv)](std::atomic<qint64>* progress) {
            const QByteArray bytes = csv();
            const ExportResult r = writeFileAtomic(path, bytes);
            if (progress && r.ok)
                progress->store(bytes.size());
            return r;
        };
    }
    return [path, write = t->exportDataWriter()](std::atomic<qint64>* progress) { return writeJsonAtomic(path, write, progress); };
}

bool MainWindow::isExportingData() const { return m_dataExportWaitsFor || !m_dataExportPath.isEmpty(); }

QString MainWindow::dataExportBusyMessage() const
{
    if (m_dataExportPath.isEmpty())
        return tr("The previous data export is still being prepared; Export Data is available again once it is written.");
    return tr("%1 is still being written; Export Data is available again once it is.").arg(QDir::toNativeSeparators(m_dataExportPath));
}

bool MainWindow::startDataExport(const QString& path, QString* why)
{
    if (isExportingData()) {
        if (why)
            *why = dataExportBusyMessage();
        return false;
    }
    Tab* t = currentTab();
    if (!t) {
        if (why)
            *why = tr("Cannot write %1: no tab is open").arg(path);
        return false;
    }
    prepareDataExport(t, path);
    return true;
}

void MainWindow::prepareDataExport(Tab* t, const QString& path)
{
    // A tab may first finish in the background what the file needs (its progress shows meanwhile).
    if (t->prepareExportData()) {
        beginDataWrite(t, path);
        return;
    }
    m_dataExportWaitsFor = t;
    m_dataExportWaitsPath = path;
    connect(
        t, &Tab::exportDataReady, this,
        [this, t, path] {
            if (m_dataExportWaitsFor != t)
                return;
            m_dataExportWaitsFor = nullptr;
            m_dataExportWaitsPath.clear();
            beginDataWrite(t, path);
        },
        Qt::SingleShotConnection);
}

void MainWindow::beginDataWrite(Tab* t, const QString& path)
{
    // The snapshot is taken here, on the GUI thread: what the file holds is the view of this moment.
    ExportResult refused;
    DataJob job = dataExportJob(t, path, &refused);
    if (!job) {
        finishDataExport(path, refused);
        return;
    }
    m_dataExportPath = path;
    m_dataExportBytes->store(0);
    const std::shared_ptr<std::atomic<qint64>> bytes = m_dataExportBytes;
    m_dataWrite->setFuture(QtConcurrent::run(m_exportPool, [job = std::move(job), bytes] { return job(bytes.get()); }));
    showDataExportProgress();
    m_dataExportPoll->start();
}

void MainWindow::showDataExportProgress()
{
    if (m_dataExportPath.isEmpty())
        return;
    const double mb = static_cast<double>(m_dataExportBytes->load(std::memory_order_relaxed)) / 1e6;
    // One arg() call: a "%2" inside the file name is not a placeholder.
    statusBar()->showMessage(tr("Writing %1… %2 MB").arg(QDir::toNativeSeparators(m_dataExportPath), QString::number(mb, 'f', mb < 10 ? 1 : 0)));
}

void MainWindow::onDataExportWritten()
{
    // After waitForDataExport() the watcher's finished event still arrives: the export was reported.
    if (m_dataExportPath.isEmpty() || !m_dataWrite->isFinished())
        return;
    m_dataExportPoll->stop();
    const QString path = m_dataExportPath;
    m_dataExportPath.clear();
    finishDataExport(path, m_dataWrite->result());
}

void MainWindow::finishDataExport(const QString& path, const ExportResult& r)
{
    if (r.ok)
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    else
        statusBar()->clearMessage();
    emit dataExportFinished(r.ok, r.message);
    if (!r.ok)
        showFailure(r.message);
    if (m_closeAfterExport && !isExportingData()) {
        m_closeAfterExport = false;
        close();
    }
}

void MainWindow::waitForDataExport()
{
    if (m_dataExportPath.isEmpty())
        return;
    m_dataWrite->waitForFinished();
    onDataExportWritten();
}

void MainWindow::openDataFile(const QString& path)
{
    const int index = indexOf(QStringLiteral("embeddings"));
    if (index < 0)
        return;
    ParamSet params = paramsOf(index);
    if (const Message e = params.trySetFromString("file", path.toStdString()); !e.empty()) {
        showFailure(trEngine(e));
        return;
    }
    setCurrentIndex(index);
    applyParams(index, params);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (isExportingData()) {
        // The file is finished first (never a partial file or a temporary left); the window
        // closes when it is written, and stays open to show the message if that failed.
        m_closeAfterExport = true;
        statusBar()->showMessage(tr("The window closes once the data export is written…"));
        event->ignore();
        return;
    }
    if (!m_headless)
        saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() && indexOf(QStringLiteral("embeddings")) >= 0)
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        event->acceptProposedAction();
        openDataFile(urls.first().toLocalFile());
    }
}

void MainWindow::onExportImage()
{
    Tab* t = currentTab();
    if (!t)
        return;
    ExportDialog dialog(QStringLiteral("aimathlab-") + t->id(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.remember();
    const ExportResult r = exportCurrentImage(dialog.path(), dialog.size(), dialog.scale(), dialog.whiteBackground());
    if (!r.ok)
        showFailure(r.message);
    else
        statusBar()->showMessage(tr("Saved %1").arg(dialog.path()), 5000);
}

void MainWindow::onExportData()
{
    Tab* t = currentTab();
    if (!t)
        return;
    if (isExportingData()) {
        showFailure(dataExportBusyMessage());
        return;
    }
    QSettings s;
    const QString dir = s.value(QStringLiteral("export/dataDir")).toString();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Data"), QDir(dir).filePath(QStringLiteral("aimathlab-") + t->id() + QStringLiteral(".json")),
                                                      tr("JSON (*.json);;CSV table (*.csv)"));
    if (path.isEmpty())
        return;
    s.setValue(QStringLiteral("export/dataDir"), QFileInfo(path).absolutePath());
    QString why;
    if (!startDataExport(path, &why))
        showFailure(why);
}

void MainWindow::onCopyImage()
{
    Tab* t = currentTab();
    if (!t)
        return;
    const QSize size = t->figure()->size().isEmpty() ? QSize(1600, 1000) : t->figure()->size();
    QApplication::clipboard()->setImage(renderFigure(t->figure(), size, 2.0, exportOnWhite()));
    statusBar()->showMessage(tr("Figure copied to the clipboard"), 3000);
}

void MainWindow::onResetTab()
{
    const int i = currentIndex();
    if (i < 0)
        return;
    applyParams(i, m_infos[static_cast<std::size_t>(i)].declareParams());
    if (!m_headless)
        saveSettings();
}

void MainWindow::onOpenSession()
{
    QSettings s;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Session"), s.value(QStringLiteral("session/dir")).toString(),
                                                      tr("AI Math Lab session (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    s.setValue(QStringLiteral("session/dir"), QFileInfo(path).absolutePath());
    const QString error = loadSession(path);
    if (!error.isEmpty())
        showFailure(error);
}

void MainWindow::onSaveSession()
{
    QSettings s;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Session"),
                                                      QDir(s.value(QStringLiteral("session/dir")).toString()).filePath(QStringLiteral("session.json")),
                                                      tr("AI Math Lab session (*.json)"));
    if (path.isEmpty())
        return;
    s.setValue(QStringLiteral("session/dir"), QFileInfo(path).absolutePath());
    const ExportResult r = saveSession(path);
    if (!r.ok)
        showFailure(r.message);
}

void MainWindow::onOpenEmbeddings()
{
    QSettings s;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Embeddings"), s.value(QStringLiteral("embeddings/dir")).toString(),
        tr("Embedding files (*.txt *.vec *.bin *.tsv *.csv *.npy);;All files (*)"));
    if (path.isEmpty())
        return;
    s.setValue(QStringLiteral("embeddings/dir"), QFileInfo(path).absolutePath());
    openDataFile(path);
}

void MainWindow::onAbout()
{
    QMessageBox::about(this, tr("About AI Math Lab"),
                       tr("<h3>AI Math Lab %1</h3><p>See the mathematics behind large models: embeddings and PCA, attention, "
                          "gradient descent, distributions and entropy, floating-point precision.</p>"
                          "<p>Qt %2 (built with %3) · Eigen %4.%5.%6 · QCustomPlot %7</p>"
                          "<p>Free software under the GNU General Public License, version 3 or later.</p>")
                           .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR))
                           .arg(EIGEN_WORLD_VERSION)
                           .arg(EIGEN_MAJOR_VERSION)
                           .arg(EIGEN_MINOR_VERSION)
                           .arg(QStringLiteral(QCUSTOMPLOT_VERSION_STR)));
}

void MainWindow::onTiming(double computeMs, double replotMs)
{
    m_timing->setText(tr("compute %1 ms · replot %2 ms").arg(computeMs, 0, 'f', 1).arg(replotMs, 0, 'f', 1));
}

bool MainWindow::exportOnWhite()
{
    // The export dialog's "White background (for papers)", on until the user turns it off:
    // every image that leaves the app (save, copy, a plot's own menu) follows it.
    return QSettings().value(QStringLiteral("export/white"), true).toBool();
}

void MainWindow::onPlotRequest(PlotView* plot, int request)
{
    QSettings s;
    const QString dir = s.value(QStringLiteral("export/dir")).toString();
    const QString base = plot->title().isEmpty() ? QStringLiteral("plot") : plot->title().section(QLatin1Char(' '), 0, 2).replace(QLatin1Char(' '), QLatin1Char('-'));
    if (request == static_cast<int>(PlotView::Request::SaveImage)) {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Image"), QDir(dir).filePath(base + QStringLiteral(".png")),
                                                          tr("PNG image (*.png);;JPEG image (*.jpg *.jpeg);;PDF document (*.pdf);;SVG drawing (*.svg)"));
        if (path.isEmpty())
            return;
        s.setValue(QStringLiteral("export/dir"), QFileInfo(path).absolutePath());
        const QSize size = plot->size();
        const ExportResult r = exportFigure(plot, path, size, 2.0, exportOnWhite());
        if (!r.ok)
            showFailure(r.message);
    } else if (request == static_cast<int>(PlotView::Request::CopyImage)) {
        plot->copyImage(exportOnWhite());
        statusBar()->showMessage(tr("Plot copied to the clipboard"), 3000);
    } else {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Plot Data"), QDir(dir).filePath(base + QStringLiteral(".csv")), tr("CSV table (*.csv)"));
        if (path.isEmpty())
            return;
        const ExportResult r = writeFileAtomic(path, plot->plotCsv().toUtf8());
        if (!r.ok)
            showFailure(r.message);
    }
}

void MainWindow::showFailure(const QString& message)
{
    if (m_headless)
        return;
    QMessageBox::warning(this, tr("AI Math Lab"), message);
}

}  // namespace aimath
