// Nothing lost on failure (issue 9 §4), around the test-only demo tab:
// - image and data exports and sessions written where they cannot be (a
//   directory that does not exist, a read-only directory, a path that is a
//   directory, /dev/full) fail with a message and leave what was there byte for
//   byte; on the command line they exit 1;
// - corrupt, truncated, future-version and hand-edited sessions are refused
//   with a message naming the problem and change nothing;
// - saved settings out of range or of the wrong type fall back to their
//   defaults, only for those keys.
//
// Read-only directory: the tests run as root, for whom mode 0555 is no
// obstacle. The write is then made with the effective user id dropped to
// nobody (seteuid(65534), in process; setuid in the child for the command
// line), so the directory permission is what refuses it. As another user the
// chmod alone does it.
// /dev/full: written through a device node with its numbers (1, 7) made in the
// temporary directory when we may (root), so that a regression (Qt's QSaveFile
// renaming a regular file over the device) destroys only that copy; otherwise
// the real /dev/full, whose directory an ordinary user cannot write anyway.
#include "app/main_window.h"
#include "tests/support/demo_tab.h"
#include "tests/support/run_process.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace aimath;

namespace {

constexpr uid_t kNobody = 65534;

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

bool isCharDevice(const QString& path)
{
    struct stat st{};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && S_ISCHR(st.st_mode);
}

/// Runs f with the effective user id of nobody when we are root.
template <class F>
auto asNobody(F f)
{
    const bool root = ::geteuid() == 0;
    if (root && ::seteuid(kNobody) != 0)
        qFatal("seteuid(nobody) failed");
    auto r = f();
    if (root && ::seteuid(0) != 0)
        qFatal("seteuid(0) failed");
    return r;
}

}  // namespace

class TestNothingLost : public QObject {
    Q_OBJECT

    static std::vector<TabInfo> tabs()
    {
        std::vector<TabInfo> t{makeTabInfo<DemoTab>(QStringLiteral("demo"))};
        t.push_back(makeTabInfo<DemoTab>(QStringLiteral("demo2")));
        return t;
    }

    QTemporaryDir m_tmp;
    QString m_root;      // world-traversable, so nobody can reach it
    QString m_readOnly;  // 0555, holds an existing 0666 file
    QString m_isDir;     // a directory where a file is asked for
    QString m_full;      // directory of the /dev/full stand-ins (see fullDevice())
    QByteArray m_oldBytes = "the previous export, which must survive\n";

    QString target(const QString& kind, const QString& ext) const
    {
        if (kind == QLatin1String("missing dir"))
            return m_root + QStringLiteral("/no/such/dir/out.") + ext;
        if (kind == QLatin1String("read-only dir"))
            return m_readOnly + QStringLiteral("/out.") + ext;
        if (kind == QLatin1String("is a dir"))
            return m_isDir;
        return fullDevice(ext);
    }

    /// /dev/full under a name with the extension the export needs: a copy of
    /// its node when we may make one (root), else a symbolic link to it.
    QString fullDevice(const QString& ext) const
    {
        const QString path = m_full + QStringLiteral("/full.") + ext;
        if (QFileInfo::exists(path))
            return path;
        if (::geteuid() == 0) {
            if (::mknod(QFile::encodeName(path).constData(), S_IFCHR | 0666, makedev(1, 7)) != 0 ||
                ::chmod(QFile::encodeName(path).constData(), 0666) != 0)  // past the umask, like /dev/full
                qFatal("mknod %s failed", qPrintable(path));
        } else if (!QFile::link(QStringLiteral("/dev/full"), path)) {
            qFatal("cannot link %s to /dev/full", qPrintable(path));
        }
        return path;
    }

    /// Puts the "existing file" in place and returns a check that it survived.
    std::function<QString()> snapshot(const QString& kind, const QString& path)
    {
        if (kind == QLatin1String("read-only dir")) {
            QFile::remove(path);
            ::chmod(QFile::encodeName(m_readOnly).constData(), 0755);
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly) || f.write(m_oldBytes) != m_oldBytes.size())
                qFatal("cannot prepare %s", qPrintable(path));
            f.close();
            ::chmod(QFile::encodeName(path).constData(), 0666);  // only the directory forbids the atomic write
            ::chmod(QFile::encodeName(m_readOnly).constData(), 0555);
            const QStringList before = QDir(m_readOnly).entryList(QDir::Files | QDir::Hidden);
            return [this, path, before] {
                const QByteArray now = readAll(path);
                const QStringList left = QDir(m_readOnly).entryList(QDir::Files | QDir::Hidden);
                if (now != m_oldBytes)
                    return QStringLiteral("existing file changed to \"%1\"").arg(QString::fromUtf8(now.left(60)));
                if (left != before)
                    return QStringLiteral("directory now holds %1").arg(left.join(QLatin1Char(' ')));
                return QString();
            };
        }
        if (kind == QLatin1String("is a dir"))
            return [path] {
                const QFileInfo fi(path);
                if (!fi.isDir())
                    return QStringLiteral("the directory was replaced");
                const QStringList in = QDir(path).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
                return in == QStringList{QStringLiteral("keep.txt")} ? QString() : QStringLiteral("directory holds %1").arg(in.join(' '));
            };
        if (kind == QLatin1String("missing dir"))
            return [this] { return QDir(m_root + QStringLiteral("/no")).exists() ? QStringLiteral("the directory was created") : QString(); };
        return [path] {
            if (!isCharDevice(path))
                return QStringLiteral("%1 is no longer a character device").arg(path);
            const QStringList junk = QDir(QFileInfo(path).absolutePath()).entryList({QFileInfo(path).fileName() + QStringLiteral(".*")}, QDir::Files | QDir::Hidden | QDir::System);
            return junk.isEmpty() ? QString() : QStringLiteral("temporary files left: %1").arg(junk.join(' '));
        };
    }

    static void kinds()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("what");
        for (const char* kind : {"missing dir", "read-only dir", "is a dir", "dev full"})
            for (const char* what : {"png", "svg", "pdf", "json", "csv", "session"})
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(kind), QLatin1String(what)))) << QString::fromLatin1(kind)
                                                                                                            << QString::fromLatin1(what);
    }

    using Run = aimath::test::ProcessResult;

    Run runShell(const QStringList& args, bool dropToNobody)
    {
        aimath::test::ProcessSetup setup = aimath::test::offscreen()
                                               .set(QStringLiteral("XDG_CONFIG_HOME"), m_root + QStringLiteral("/config"))
                                               .set(QStringLiteral("HOME"), m_root + QStringLiteral("/config"))
                                               .timeout(60000);
        if (dropToNobody && ::geteuid() == 0) {
            setup.set(QStringLiteral("XDG_RUNTIME_DIR"), m_root + QStringLiteral("/runtime"));
            setup.childModifier = [] {
                if (::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)
                    ::_exit(99);
            };
        }
        return aimath::test::runProcess(QStringLiteral(AIMATH_TESTSHELL_BIN), args, setup);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AIMathLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_nothing_lost"));
        QSettings().clear();
        QVERIFY(m_tmp.isValid());
        m_root = m_tmp.path();
        QVERIFY(::chmod(QFile::encodeName(m_root).constData(), 0755) == 0);
        QVERIFY(QDir(m_root).mkpath(QStringLiteral("config")));
        QVERIFY(QDir(m_root).mkpath(QStringLiteral("runtime")));
        ::chmod(QFile::encodeName(m_root + QStringLiteral("/config")).constData(), 0777);
        ::chmod(QFile::encodeName(m_root + QStringLiteral("/runtime")).constData(), 0700);
        ::chown(QFile::encodeName(m_root + QStringLiteral("/runtime")).constData(), kNobody, kNobody);
        m_readOnly = m_root + QStringLiteral("/readonly");
        QVERIFY(QDir().mkpath(m_readOnly));
        m_isDir = m_root + QStringLiteral("/adir");
        QVERIFY(QDir().mkpath(m_isDir));
        QFile keep(m_isDir + QStringLiteral("/keep.txt"));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.write("keep");
        keep.close();
        m_full = m_root + QStringLiteral("/dev");
        QVERIFY(QDir().mkpath(m_full));
        QVERIFY(isCharDevice(fullDevice(QStringLiteral("png"))));
        qInfo("read-only directory: %s; /dev/full: %s", ::geteuid() == 0 ? "mode 0555, written as uid 65534 (nobody)" : "mode 0555",
              ::geteuid() == 0 ? "copies of its node (1, 7)" : "symbolic links to it");
    }

    void writesFailWithoutLoss_data() { kinds(); }

    /// In process: the window's export and session functions.
    void writesFailWithoutLoss()
    {
        QFETCH(QString, kind);
        QFETCH(QString, what);
        MainWindow w(tabs(), true);
        w.setAttribute(Qt::WA_DontShowOnScreen);
        w.resize(900, 600);
        w.show();
        QApplication::processEvents();
        const QString ext = what == QLatin1String("session") ? QStringLiteral("json") : what;
        const QString path = target(kind, ext);
        const auto unchanged = snapshot(kind, path);
        const auto write = [&] {
            if (what == QLatin1String("session"))
                return w.saveSession(path);
            if (what == QLatin1String("json") || what == QLatin1String("csv"))
                return w.exportCurrentData(path);
            return w.exportCurrentImage(path, QSize(640, 400), 1.0);
        };
        const ExportResult r = kind == QLatin1String("read-only dir") ? asNobody(write) : write();
        QVERIFY2(!r.ok, qPrintable(path + QStringLiteral(" was written")));
        QVERIFY2(r.message.startsWith(QStringLiteral("Cannot write ")) && r.message.contains(QFileInfo(path).fileName()), qPrintable(r.message));
        QVERIFY2(r.message.size() > QStringLiteral("Cannot write %1: ").arg(path).size(), qPrintable(r.message));  // says why
        if (kind == QLatin1String("dev full"))  // failed for the right reason: the write, not the name
            QVERIFY2(r.message.contains(QStringLiteral("No space left on device")), qPrintable(r.message));
        const QString damage = unchanged();
        QVERIFY2(damage.isEmpty(), qPrintable(damage));
    }

    void commandLineExitsOne_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("what");
        for (const char* kind : {"missing dir", "read-only dir", "is a dir", "dev full"})
            for (const char* what : {"png", "json"})
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(kind), QLatin1String(what)))) << QString::fromLatin1(kind)
                                                                                                            << QString::fromLatin1(what);
    }

    /// The real command line (the demo shell), as nobody for the read-only directory.
    void commandLineExitsOne()
    {
        QFETCH(QString, kind);
        QFETCH(QString, what);
        const QString path = target(kind, what);
        const auto unchanged = snapshot(kind, path);
        const QString option = what == QLatin1String("png") ? QStringLiteral("--export-image") : QStringLiteral("--export-data");
        // "is a dir" needs a suffix the command line accepts before it gets to writing.
        if (kind == QLatin1String("is a dir"))
            QVERIFY(QDir().mkpath(m_isDir + QStringLiteral("/d.") + what));
        const QString actual = kind == QLatin1String("is a dir") ? m_isDir + QStringLiteral("/d.") + what : path;
        const Run r = runShell({QStringLiteral("--tab"), QStringLiteral("demo"), option, actual}, kind == QLatin1String("read-only dir"));
        QVERIFY2(r.code == 1, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.err)));
        QVERIFY2(r.err.contains(QStringLiteral("Cannot write")) && r.err.contains(QFileInfo(actual).fileName()), qPrintable(r.err));
        if (kind == QLatin1String("dev full"))
            QVERIFY2(r.err.contains(QStringLiteral("No space left on device")), qPrintable(r.err));
        if (kind == QLatin1String("is a dir")) {
            QVERIFY(QFileInfo(actual).isDir());
            QVERIFY(QDir(actual).isEmpty());
        } else {
            const QString damage = unchanged();
            QVERIFY2(damage.isEmpty(), qPrintable(damage));
        }
    }

    void badSessionsChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expect");
        const QByteArray good = R"({"format":"aimathlab-session","version":1,"tab":"demo","tabs":{"demo":{"amplitude":2.5,"style":"dots"}}})";
        QTest::newRow("empty file") << QByteArray() << "not valid JSON";
        QTest::newRow("truncated") << good.left(good.size() / 2) << "not valid JSON at byte";
        QTest::newRow("binary garbage") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << "not valid JSON";
        QTest::newRow("top level array") << QByteArray("[1,2,3]") << "top level is not a JSON object";
        QTest::newRow("other format") << QByteArray(R"({"format":"something-else","version":1,"tabs":{}})") << "not an AI Math Lab session";
        QTest::newRow("future version") << QByteArray(R"({"format":"aimathlab-session","version":2,"tabs":{"demo":{"amplitude":3}}})")
                                        << "session version 2 is newer than this program understands (1)";
        QTest::newRow("version text") << QByteArray(R"({"format":"aimathlab-session","version":"1","tabs":{}})") << "\"version\"";
        QTest::newRow("unknown tab") << QByteArray(R"({"format":"aimathlab-session","version":1,"tabs":{"demo":{"amplitude":3},"spectra":{}}})")
                                     << "tabs.spectra: unknown tab";
        QTest::newRow("unknown key") << QByteArray(R"({"format":"aimathlab-session","version":1,"tabs":{"demo":{"amplitude":3,"amplitud":4}}})")
                                     << "tabs.demo.amplitud: unknown parameter";
        QTest::newRow("wrong type") << QByteArray(R"({"format":"aimathlab-session","version":1,"tabs":{"demo":{"amplitude":"loud"}}})")
                                    << "tabs.demo.amplitude: expected a number";
        QTest::newRow("out of range") << QByteArray(R"({"format":"aimathlab-session","version":1,"tabs":{"demo":{"amplitude":3,"frequency":1000}}})")
                                      << "tabs.demo.frequency: 1000 is out of range [0.1, 100]";
        QTest::newRow("fractional integer") << QByteArray(R"({"format":"aimathlab-session","version":1,"tabs":{"demo":{"points":20.5}}})")
                                            << "tabs.demo.points: expected an integer";
        QTest::newRow("list of wrong things") << QByteArray(R"({"format":"aimathlab-session","version":1,"tabs":{"demo":{"weights":[1,"2"]}}})")
                                              << "tabs.demo.weights: expected an array of numbers";
        QTest::newRow("constraint broken") << QByteArray(R"({"format":"aimathlab-session","version":1,"tabs":{"demo":{"low":5,"high":2}}})")
                                           << "tabs.demo.low";
        QTest::newRow("unknown current tab") << QByteArray(R"({"format":"aimathlab-session","version":1,"tab":"nope","tabs":{}})")
                                             << "\"tab\": unknown tab \"nope\"";
        QTest::newRow("tabs not an object") << QByteArray(R"({"format":"aimathlab-session","version":1,"tabs":[]})") << "\"tabs\"";
    }

    /// A bad session names what is wrong, and the window keeps every value and its current tab.
    void badSessionsChangeNothing()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expect);
        MainWindow w(tabs(), true);
        ParamSet p = w.paramsOf(0);
        QVERIFY(p.setFromString("amplitude", "7.25").empty());
        QVERIFY(p.setFromString("labels", "\\ x,y").empty());
        w.applyParams(0, p);
        w.setCurrentIndex(1);
        const ParamSet before0 = w.paramsOf(0);
        const ParamSet before1 = w.paramsOf(1);
        const QString file = m_tmp.filePath(QStringLiteral("bad-session.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        const QString error = w.loadSession(file);
        QVERIFY2(error.contains(expect), qPrintable(error));
        QVERIFY2(error.contains(file), qPrintable(error));
        QVERIFY(w.paramsOf(0).sameValues(before0));
        QVERIFY(w.paramsOf(1).sameValues(before1));
        QCOMPARE(w.currentIndex(), 1);
        QCOMPARE(w.paramsOf(0).texts("labels").front(), std::string(" x"));
    }

    void hugeSessionIsRefusedUnread()
    {
        // A sparse 100 MiB file: refused by its size before anything is read.
        const QString file = m_tmp.filePath(QStringLiteral("huge.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(100 * 1024 * 1024));
        f.close();
        MainWindow w(tabs(), true);
        const ParamSet before = w.paramsOf(0);
        const QString error = w.loadSession(file);
        QVERIFY2(error.contains(QStringLiteral("larger than 64 MiB")), qPrintable(error));
        QVERIFY(w.paramsOf(0).sameValues(before));
        QFile::remove(file);
    }

    void sessionRoundTripKeepsBlanks()
    {
        // Text-list entries with blanks at their ends survive a session and the settings.
        MainWindow w(tabs(), true);
        ParamSet p = w.paramsOf(0);
        QVERIFY(p.set("labels", std::vector<std::string>{" the", "cat ", "a,b"}).empty());
        w.applyParams(0, p);
        const QString file = m_tmp.filePath(QStringLiteral("blanks.json"));
        QVERIFY(w.saveSession(file).ok);
        MainWindow again(tabs(), true);
        QCOMPARE(again.loadSession(file), QString());
        QCOMPARE(again.paramsOf(0).texts("labels"), (std::vector<std::string>{" the", "cat ", "a,b"}));
    }

    void badSettingsFallBackPerKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("stored");
        QTest::newRow("real out of range") << "amplitude" << QVariant(QStringLiteral("11"));
        QTest::newRow("real not a number") << "amplitude" << QVariant(QStringLiteral("loud"));
        QTest::newRow("real nan") << "amplitude" << QVariant(QStringLiteral("nan"));
        QTest::newRow("integer fraction") << "points" << QVariant(QStringLiteral("20.5"));
        QTest::newRow("integer huge") << "points" << QVariant(QStringLiteral("1e30"));
        QTest::newRow("choice unknown") << "style" << QVariant(QStringLiteral("dashes"));
        QTest::newRow("bool word") << "show_grid" << QVariant(QStringLiteral("sometimes"));
        QTest::newRow("list too long") << "weights" << QVariant(QStringLiteral("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17"));
        QTest::newRow("list as string list of numbers out of range") << "weights" << QVariant(QStringList{QStringLiteral("1"), QStringLiteral("5000")});
        QTest::newRow("text as a map") << "note" << QVariant(QVariantMap{{QStringLiteral("a"), 1}});
        QTest::newRow("labels empty") << "labels" << QVariant(QString());
        QTest::newRow("low above the saved high") << "low" << QVariant(QStringLiteral("70"));  // breaks low < high: only low falls back
    }

    /// One bad stored value falls back to its default; every other saved value is kept.
    void badSettingsFallBackPerKey()
    {
        QFETCH(QString, key);
        QFETCH(QVariant, stored);
        QSettings().clear();
        {
            MainWindow w(tabs(), false);
            ParamSet p = w.paramsOf(0);
            QVERIFY(p.setFromString("frequency", "12.5").empty());
            QVERIFY(p.setFromString("labels", "x,y,z").empty());
            QVERIFY(p.setFromString("note", "kept").empty());
            QVERIFY(p.setFromString("high", "60").empty());
            w.applyParams(0, p);
            w.saveSettings();
        }
        QSettings().setValue(QStringLiteral("params/demo/") + key, stored);
        QSettings().sync();
        MainWindow again(tabs(), false);
        again.restoreSettings();
        const ParamSet& got = again.paramsOf(0);
        const ParamSet declared = DemoTab::declareParams();
        QVERIFY2(got.value(key.toStdString()) == declared.value(key.toStdString()), qPrintable(key + QStringLiteral(" = ") + QString::fromStdString(got.toString(key.toStdString()))));
        if (key != QLatin1String("frequency"))
            QCOMPARE(got.real("frequency"), 12.5);
        if (key != QLatin1String("labels"))
            QCOMPARE(got.texts("labels"), (std::vector<std::string>{"x", "y", "z"}));
        if (key != QLatin1String("note"))
            QCOMPARE(got.text("note"), std::string("kept"));
        if (key != QLatin1String("high"))
            QCOMPARE(got.real("high"), 60.0);
        QSettings().clear();
    }

    void handEditedListInSettingsIsRead()
    {
        // An ini edited by hand, "weights = 4, 5" without quotes, reads back as a string list.
        QSettings().clear();
        QSettings().setValue(QStringLiteral("params/demo/weights"), QStringList{QStringLiteral("4"), QStringLiteral(" 5")});
        QSettings().setValue(QStringLiteral("params/demo/labels"), QStringLiteral("p,q"));  // one label per weight
        MainWindow w(tabs(), false);
        w.restoreSettings();
        QCOMPARE(w.paramsOf(0).reals("weights"), (std::vector<double>{4, 5}));
        QSettings().clear();
    }
};

QTEST_MAIN(TestNothingLost)
#include "test_nothing_lost.moc"
