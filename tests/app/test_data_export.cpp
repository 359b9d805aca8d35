// File > Export Data in the background (MainWindow::startDataExport), on the real tabs:
// - every tab's file at default settings is byte for byte what the old path wrote
//   (QJsonDocument(tab->exportData()).toJson(Indented), exportCsv() for .csv), and
//   the headless path (exportCurrentData) writes the same bytes;
// - a failed write (a missing directory, a file size limit hit half way) reports the
//   file and the reason, keeps the previous file and leaves no temporary file;
// - parameter changes right after the export started do not change what is written;
// - while it writes, a second export is refused, the status bar says so, and closing
//   the window waits for the file and then closes.
// A FIFO as the target holds the writer still (it blocks once the pipe is full) so the
// changes and the close happen while it writes, every time, not by chance.
#include "app/builtin_tabs.h"
#include "app/main_window.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace aimath;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

QByteArray oldJson(Tab* t) { return QJsonDocument(t->exportData()).toJson(QJsonDocument::Indented); }

/// Reads a FIFO opened non-blocking until its writer closes it, running the event loop meanwhile.
QByteArray drain(int fd)
{
    QByteArray all;
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0) {
            all.append(buf, n);
        } else if (n == 0 && !all.isEmpty()) {
            return all;  // the writer has closed it
        } else if (n == 0 || errno == EAGAIN) {  // (0 before the writer has opened it)
            QCoreApplication::processEvents();
            QThread::msleep(1);
        } else {
            return all + "<read error>";
        }
    }
}

/// The reading end of a FIFO: whatever happens to the test, the writer is let finish (read to
/// the end) before the window that waits for it is destroyed.
struct FifoReader {
    int fd = -1;
    bool drained = false;
    QByteArray readToEnd()
    {
        drained = true;
        QByteArray all = drain(fd);
        ::close(fd);
        return all;
    }
    ~FifoReader()
    {
        if (!drained && fd >= 0)
            readToEnd();
    }
};

}  // namespace

class TestDataExport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<MainWindow> window(const QString& tab)
    {
        auto w = std::make_unique<MainWindow>(builtinTabs(), true);
        w->setAttribute(Qt::WA_DontShowOnScreen);
        w->resize(1400, 900);
        w->show();
        w->setCurrentIndex(w->indexOf(tab));
        QApplication::processEvents();
        return w;
    }

    /// Starts an export and waits for its outcome.
    static std::pair<bool, QString> exportAndWait(MainWindow& w, const QString& path)
    {
        QSignalSpy done(&w, &MainWindow::dataExportFinished);
        QString why;
        if (!w.startDataExport(path, &why))
            return {false, QStringLiteral("refused: ") + why};
        if (!done.wait(120000))
            return {false, QStringLiteral("no outcome within 2 minutes")};
        return {done.first().at(0).toBool(), done.first().at(1).toString()};
    }

    /// A FIFO with its reading end open (non-blocking): a writer blocks once 64 KiB wait in it.
    QString fifo(const QString& name, int* readFd)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        if (::mkfifo(QFile::encodeName(path).constData(), 0600) != 0)
            qFatal("mkfifo failed");
        *readFd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK);
        if (*readFd < 0)
            qFatal("cannot open the fifo");
        return path;
    }

    /// 512 random tokens: every head stored, ~40 MB of JSON (the writer holds the result on screen).
    std::unique_ptr<MainWindow> attention512()
    {
        auto w = window(QStringLiteral("attention"));
        ParamSet p = w->paramsOf(w->currentIndex());
        if (!p.trySetFromString("source", "random").empty() || !p.trySetFromString("seq_len", "512").empty())
            qFatal("cannot set the attention parameters");
        w->applyParams(w->currentIndex(), p);
        if (!w->currentTab()->waitUntilIdle(120000))
            qFatal("attention did not finish");
        QApplication::processEvents();
        return w;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AIMathLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_data_export"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
    }

    void sameBytesAsBefore_data()
    {
        QTest::addColumn<QString>("tab");
        for (const char* t : {"attention", "descent", "distributions", "precision", "embeddings"})
            QTest::newRow(t) << QString::fromLatin1(t);
    }
    void sameBytesAsBefore()
    {
        QFETCH(QString, tab);
        auto w = window(tab);
        Tab* t = w->currentTab();
        QVERIFY(t->waitUntilIdle(120000));
        QApplication::processEvents();
        const QByteArray expected = oldJson(t);
        QVERIFY(expected.size() > 100);

        const QString path = m_dir.filePath(tab + QStringLiteral(".json"));
        const auto [ok, message] = exportAndWait(*w, path);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(readAll(path), expected);

        const QString headless = m_dir.filePath(tab + QStringLiteral("-headless.json"));
        QVERIFY(w->exportCurrentData(headless).ok);
        QCOMPARE(readAll(headless), expected);

        const QString csv = t->exportCsv();
        if (!csv.isEmpty()) {
            const QString csvPath = m_dir.filePath(tab + QStringLiteral(".csv"));
            const auto [csvOk, csvMessage] = exportAndWait(*w, csvPath);
            QVERIFY2(csvOk, qPrintable(csvMessage));
            QCOMPARE(readAll(csvPath), csv.toUtf8());
        }
    }

    void missingDirectoryNamesTheFile()
    {
        auto w = window(QStringLiteral("descent"));
        const QString path = m_dir.filePath(QStringLiteral("no/such/dir/out.json"));
        const auto [ok, message] = exportAndWait(*w, path);
        QVERIFY(!ok);
        QVERIFY2(message.contains(QDir::toNativeSeparators(path)), qPrintable(message));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("no"))));
        QVERIFY(!w->isExportingData());
    }

    void failureHalfWayKeepsTheOldFileAndNoTemporary()
    {
        // A file size limit (RLIMIT_FSIZE, SIGXFSZ ignored) makes the write fail after 64 KiB,
        // once the temporary file exists: what a full disk does.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("attention.json"));
        const QByteArray previous = "the previous export, which must survive\n";
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(previous);
        }
        auto w = window(QStringLiteral("attention"));
        QVERIFY(w->currentTab()->waitUntilIdle(120000));
        QVERIFY(oldJson(w->currentTab()).size() > 2 * 65536);  // the limit is hit half way
        struct rlimit old{};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &old), 0);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit small = old;
        small.rlim_cur = 65536;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        const auto [ok, message] = exportAndWait(*w, path);
        ::setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, oldHandler);
        QVERIFY(!ok);
        // The reason is the system's (EFBIG, in the process's language), not a guess.
        QVERIFY2(message.contains(QDir::toNativeSeparators(path)) && message.contains(QString::fromLocal8Bit(std::strerror(EFBIG))), qPrintable(message));
        QCOMPARE(readAll(path), previous);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("attention.json")});
    }

    void laterChangesDoNotReachTheFile()
    {
        auto w = attention512();
        Tab* t = w->currentTab();
        const QByteArray expected = oldJson(t);
        QVERIFY(expected.size() > (8 << 20));  // far more than the writer's buffer and the pipe hold

        FifoReader reader;
        const QString path = fifo(QStringLiteral("changes.json"), &reader.fd);
        QSignalSpy done(w.get(), &MainWindow::dataExportFinished);
        QVERIFY(w->startDataExport(path));
        // The writer now waits on the full pipe, holding the result it was given. Three new
        // results: the third is computed into whatever the tab would reuse for it.
        for (const char* temperature : {"0.5", "2", "0.25"}) {
            ParamSet p = w->paramsOf(w->currentIndex());
            QVERIFY(p.trySetFromString("temperature", temperature).empty());
            w->applyParams(w->currentIndex(), p);
            QVERIFY(t->waitUntilIdle(120000));
            QApplication::processEvents();
        }
        QVERIFY2(w->isExportingData(), "the export should still be held by the pipe");
        QVERIFY(oldJson(t) != expected);  // the tab did change
        const QByteArray written = reader.readToEnd();
        QVERIFY(done.wait(60000) || done.count() == 1);
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        QCOMPARE(written.size(), expected.size());
        QVERIFY(written == expected);
    }

    void whileWritingRefusedShownAndCloseWaits()
    {
        auto w = attention512();
        const QByteArray expected = oldJson(w->currentTab());
        FifoReader reader;
        const QString path = fifo(QStringLiteral("close.json"), &reader.fd);
        QSignalSpy done(w.get(), &MainWindow::dataExportFinished);
        QVERIFY(w->startDataExport(path));
        QTRY_VERIFY_WITH_TIMEOUT(w->statusBar()->currentMessage().startsWith(QStringLiteral("Writing ") + path), 5000);

        QString why;
        QVERIFY(!w->startDataExport(m_dir.filePath(QStringLiteral("second.json")), &why));
        QVERIFY2(why.contains(path), qPrintable(why));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("second.json"))));

        QVERIFY(!w->close());  // refused for now: the file is not written yet
        QVERIFY(w->isVisible());
        const QByteArray written = reader.readToEnd();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 60000);
        QVERIFY(done.first().at(0).toBool());
        QVERIFY(written == expected);
        QTRY_VERIFY_WITH_TIMEOUT(!w->isVisible(), 5000);  // and then it closed
    }

    void waitedForExportIsReportedOnceAndPercentInTheNameIsKept()
    {
        // waitForDataExport() reports the outcome; the watcher's own finished event, which still
        // arrives afterwards, must not report it again (it emitted twice and showed "Saved " with no
        // file). A "%2" in the file name is part of the name, not the MB placeholder.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run%2b.json"));
        auto w = window(QStringLiteral("attention"));
        QSignalSpy done(w.get(), &MainWindow::dataExportFinished);
        QVERIFY(w->startDataExport(path));
        QVERIFY2(w->statusBar()->currentMessage().startsWith(QStringLiteral("Writing ") + path + QStringLiteral("… ")),
                 qPrintable(w->statusBar()->currentMessage()));
        w->waitForDataExport();
        QCOMPARE(done.count(), 1);
        QVERIFY(done.first().at(0).toBool());
        for (int i = 0; i < 20; ++i) {
            QApplication::processEvents();
            QThread::msleep(5);
        }
        QCOMPARE(done.count(), 1);
        QCOMPARE(w->statusBar()->currentMessage(), QStringLiteral("Saved ") + path);
        QVERIFY(readAll(path) == oldJson(w->currentTab()));
    }

    void anExportWaitingForItsTabFollowsALanguageSwitch()
    {
        // The export is asked for while the tab still computes, so it waits for the tab; a language
        // switch then rebuilds the tab (same parameters). The file must still be written, from the
        // rebuilt tab (it was dropped without a word).
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("attention.json"));
        auto w = window(QStringLiteral("attention"));
        ParamSet p = w->paramsOf(w->currentIndex());
        QVERIFY(p.trySetFromString("source", "random").empty() && p.trySetFromString("seq_len", "520").empty());  // > 512: computed in the background
        w->applyParams(w->currentIndex(), p);
        QSignalSpy done(w.get(), &MainWindow::dataExportFinished);
        QVERIFY(w->startDataExport(path));
        QVERIFY2(w->isExportingData() && !w->statusBar()->currentMessage().startsWith(QStringLiteral("Writing")),
                 "the export should be waiting for the tab, not writing yet");
        Tab* const before = w->currentTab();
        w->setLanguage(QStringLiteral("zh_CN"));
        QVERIFY(w->currentTab() != before);
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 30000);
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        QVERIFY(!w->isExportingData());
        QVERIFY(w->currentTab()->waitUntilIdle(120000));
        QVERIFY(readAll(path) == oldJson(w->currentTab()));
        w->setLanguage(QStringLiteral("en"));
    }

    void closingWaitsForARegularFile()
    {
        // Closed right after the start: the file is complete and no temporary is left.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("attention.json"));
        auto w = attention512();
        const QByteArray expected = oldJson(w->currentTab());
        QSignalSpy done(w.get(), &MainWindow::dataExportFinished);
        QVERIFY(w->startDataExport(path));
        w->close();
        QTRY_VERIFY_WITH_TIMEOUT(!w->isVisible(), 120000);
        QCOMPARE(done.count(), 1);
        QVERIFY(readAll(path) == expected);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("attention.json")});
    }
};

QTEST_MAIN(TestDataExport)
#include "test_data_export.moc"
