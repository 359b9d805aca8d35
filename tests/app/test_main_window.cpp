// The window around the test-only demo tab: controls drive plots, Reset Tab,
// sessions, settings, constraint refusals, exports with no partial files.
#include "app/main_window.h"
#include "tests/support/demo_tab.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/plot_view.h"

#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QScreen>
#include <QSettings>
#include <QSlider>
#include <QTabWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace aimath;

class TestMainWindow : public QObject {
    Q_OBJECT

    static std::vector<TabInfo> tabs() { return {makeTabInfo<DemoTab>(QStringLiteral("demo"))}; }
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AIMathLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_main_window"));
        QSettings().clear();
    }

    void sliderDrivesThePlot()
    {
        MainWindow w(tabs(), true);
        auto* tab = qobject_cast<DemoTab*>(w.tab(0));
        QVERIFY(tab);
        const double before = tab->plot()->graph(0)->data()->at(50)->value;
        auto* slider = qobject_cast<QSlider*>(tab->paramPanel()->control("amplitude"));
        slider->setValue(ParamPanel::kSliderSteps / 2);  // amplitude 5
        QCOMPARE(tab->params().real("amplitude"), 5.0);
        const double after = tab->plot()->graph(0)->data()->at(50)->value;
        QVERIFY(std::fabs(after - 5.0 * before) < 1e-12);
        QCOMPARE(w.paramsOf(0).real("amplitude"), 5.0);
    }

    void constraintKeyInEitherLanguage()
    {
        // Restoring settings resets only the key a broken constraint names; the Chinese messages use a
        // full-width colon, and reading up to ':' there reset every saved value of the tab.
        QCOMPARE(constraintKeyOf("low: must be below high"), std::string("low"));
        QCOMPARE(constraintKeyOf("heads\xEF\xBC\x9A" "3 \xE4\xB8\x8D\xE8\x83\xBD\xE6\x95\xB4\xE9\x99\xA4 d_model = 64"), std::string("heads"));
        QCOMPARE(constraintKeyOf("top_k\xEF\xBC\x9A" "a: b"), std::string("top_k"));
        QCOMPARE(constraintKeyOf("no key here"), std::string());
        QCOMPARE(constraintKeyOf(""), std::string());
    }

    void constraintRefusalKeepsState()
    {
        MainWindow w(tabs(), true);
        auto* tab = qobject_cast<DemoTab*>(w.tab(0));
        const int computed = tab->recomputeCount();
        auto* edit = tab->paramPanel()->findChild<QLineEdit*>(QStringLiteral("low_edit"));
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("3"));  // above high = 1
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(tab->params().real("low"), 0.0);
        QCOMPARE(tab->recomputeCount(), computed);
        QVERIFY(tab->currentError().startsWith(QStringLiteral("low:")));
        QCOMPARE(tab->plot()->graph(0)->data()->constBegin()->key, 0.0);
    }

    void resetAndSessionRoundTrip()
    {
        MainWindow w(tabs(), true);
        ParamSet p = w.paramsOf(0);
        QVERIFY(p.setFromString("amplitude", "7.25").empty());
        QVERIFY(p.setFromString("labels", "x\\,y,z,w").empty());
        w.applyParams(0, p);
        const QString file = m_dir.filePath(QStringLiteral("s.json"));
        QVERIFY(w.saveSession(file).ok);

        MainWindow fresh(tabs(), true);
        QCOMPARE(fresh.paramsOf(0).real("amplitude"), 1.0);
        QCOMPARE(fresh.loadSession(file), QString());
        QVERIFY(fresh.paramsOf(0).sameValues(p));
        QCOMPARE(fresh.paramsOf(0).texts("labels").front(), std::string("x,y"));

        // A broken session changes nothing and names the key.
        QFile f(m_dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format":"aimathlab-session","version":1,"tabs":{"demo":{"amplitude":1.5,"points":1}}})");
        f.close();
        const QString error = fresh.loadSession(f.fileName());
        QVERIFY2(error.contains(QStringLiteral("tabs.demo.points")), qPrintable(error));
        QCOMPARE(fresh.paramsOf(0).real("amplitude"), 7.25);
        QVERIFY(fresh.loadSession(m_dir.filePath(QStringLiteral("missing.json"))).contains(QStringLiteral("Cannot read")));
    }

    void settingsPersistEveryParameter()
    {
        {
            MainWindow w(tabs(), false);
            ParamSet p = w.paramsOf(0);
            QVERIFY(p.setFromString("frequency", "12.5").empty());
            QVERIFY(p.setFromString("style", "dots").empty());
            w.applyParams(0, p);
            w.saveSettings();
        }
        MainWindow again(tabs(), false);
        again.restoreSettings();
        QCOMPARE(again.paramsOf(0).real("frequency"), 12.5);
        QCOMPARE(again.paramsOf(0).text("style"), std::string("dots"));
        // A stored value that no longer fits falls back to the default.
        QSettings().setValue(QStringLiteral("params/demo/frequency"), QStringLiteral("1e9"));
        MainWindow third(tabs(), false);
        third.restoreSettings();
        QCOMPARE(third.paramsOf(0).real("frequency"), 1.0);
        QSettings().clear();
    }

    void closingWithAFocusedEditIsSafe()
    {
        // A focused line edit reports editingFinished while it is destroyed;
        // that must not reach a ParamSet that is already gone.
        auto* w = new MainWindow(tabs(), true);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        auto* tab = qobject_cast<DemoTab*>(w->tab(0));
        auto* edit = tab->paramPanel()->findChild<QLineEdit*>(QStringLiteral("amplitude_edit"));
        w->activateWindow();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("3"));
        QVERIFY(edit->hasFocus());
        delete w;  // must not crash (it aborted before ~ParamPanel disconnected)
    }

    void ampersandInTitles()
    {
        std::vector<TabInfo> t = tabs();
        t[0].title = [] { return QStringLiteral("Distributions & entropy"); };
        MainWindow w(t, true);
        QCOMPARE(w.findChild<QTabWidget*>()->tabText(0), QStringLiteral("Distributions && entropy"));
    }

    void lastTabReopens()
    {
        QSettings().clear();
        std::vector<TabInfo> two = tabs();
        two.push_back(makeTabInfo<DemoTab>(QStringLiteral("demo2")));
        {
            MainWindow w(two, false);
            w.restoreSettings();
            w.setCurrentIndex(1);
        }
        MainWindow again(two, false);
        again.restoreSettings();
        QCOMPARE(again.currentIndex(), 1);
        QSettings().clear();
    }

    void firstLaunchFitsTheScreen()
    {
        // No stored geometry: the window opens at 1500 x 950 only where the
        // screen has room (the offscreen test screen is far smaller).
        QSettings().clear();
        MainWindow w(tabs(), false);
        w.restoreSettings();
        const QScreen* screen = QGuiApplication::primaryScreen();
        QVERIFY(screen);
        const QSize avail = screen->availableGeometry().size();
        QVERIFY2(avail.width() < 1500 && avail.height() < 950, "the test needs a screen smaller than the default size");
        QVERIFY2(w.width() <= avail.width() && w.height() <= avail.height(),
                 qPrintable(QStringLiteral("window %1 x %2 on a %3 x %4 screen")
                                .arg(w.width()).arg(w.height()).arg(avail.width()).arg(avail.height())));
        QSettings().clear();
    }

    void exportsFromTheWindow()
    {
        MainWindow w(tabs(), true);
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        for (const char* ext : {"png", "jpg", "pdf", "svg"}) {
            const QString file = m_dir.filePath(QStringLiteral("w.") + QLatin1String(ext));
            const ExportResult r = w.exportCurrentImage(file, QSize(640, 400), 1.0);
            QVERIFY2(r.ok, qPrintable(r.message));
            QVERIFY(QFileInfo(file).size() > 100);
        }
        const ExportResult bad = w.exportCurrentImage(m_dir.filePath(QStringLiteral("x.tiff")), QSize(640, 400), 1.0);
        QVERIFY(!bad.ok);
        QVERIFY(bad.message.contains(QStringLiteral("unsupported image format")));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x.tiff"))));
        const ExportResult data = w.exportCurrentData(m_dir.filePath(QStringLiteral("d.csv")));
        QVERIFY(data.ok);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
