// Light and dark: switching the theme restyles a real tab's plots from the
// palette (no tab code involved), "White background (for papers)" exports in
// the light style while the screen is dark, and --theme is checked.
#include "app/main_window.h"
#include "app/theme_menu.h"
#include "tests/support/run_process.h"
#include "widgets/attention/attention_tab.h"
#include "widgets/embeddings/embeddings_tab.h"
#include "widgets/common/plot_view.h"
#include "widgets/common/theme.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QElapsedTimer>
#include <QImage>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace aimath;

namespace {

std::vector<TabInfo> tabs() { return {makeTabInfo<AttentionTab>(QStringLiteral("attention"))}; }

/// Every plot of the tab, each replotted now (a replot styles it).
QList<PlotView*> replottedPlots(Tab* tab)
{
    QCoreApplication::processEvents();
    QList<PlotView*> plots = tab->findChildren<PlotView*>();
    for (PlotView* p : plots)
        p->replot();
    return plots;
}

/// The plot's background as drawn: a corner pixel (outside every axis rect).
QColor paperOf(PlotView* plot) { return plot->toPixmap(200, 150).toImage().pixelColor(1, 1); }

QList<QCPAxis*> axesOf(PlotView* plot)
{
    QList<QCPAxis*> axes;
    for (QCPAxisRect* r : plot->axisRects())
        axes << r->axes();
    return axes;
}

QCPTextElement* titleOf(PlotView* plot)
{
    for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
        if (auto* t = qobject_cast<QCPTextElement*>(e))
            return t;
    return nullptr;
}

struct Inks {
    int dark = 0;   // HSL lightness below 25%
    int light = 0;  // above 75%
};
Inks countInks(const QImage& image)
{
    Inks n;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            if (c.lightnessF() < 0.25)
                ++n.dark;
            else if (c.lightnessF() > 0.75)
                ++n.light;
        }
    return n;
}

/// A pen drawn in `ink`, or not drawn at all (a tab may hide an axis line or a grid).
bool inkOrHidden(const QPen& pen, const QColor& ink) { return pen.style() == Qt::NoPen || pen.color() == ink; }

QList<QColor> corners(const QImage& image)
{
    const int w = image.width() - 1, h = image.height() - 1;
    return {image.pixelColor(0, 0), image.pixelColor(w, 0), image.pixelColor(0, h), image.pixelColor(w, h)};
}

/// Shows `w` off screen with its first tab computed, then turns the theme dark.
bool showDark(MainWindow& w)
{
    w.resize(1400, 900);
    w.setAttribute(Qt::WA_DontShowOnScreen);
    w.show();
    if (!w.tab(0)->waitUntilIdle(60000))
        return false;
    theme::apply(theme::Mode::Dark);
    QCoreApplication::processEvents();
    return true;
}

}  // namespace

class TestTheme : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        Q_INIT_RESOURCE(aimathlab);
        QVERIFY(m_dir.isValid());
    }
    void cleanup() { theme::apply(theme::Mode::Light); }

    void modeIds()
    {
        for (theme::Mode m : {theme::Mode::System, theme::Mode::Light, theme::Mode::Dark})
            QCOMPARE(theme::modeFromId(theme::modeId(m)), std::optional<theme::Mode>(m));
        QVERIFY(!theme::modeFromId(QStringLiteral("Dark")));
        QVERIFY(!theme::modeFromId(QString()));
    }

    void paletteDecidesDark()
    {
        QVERIFY(theme::isDark(theme::darkPalette()));
        QVERIFY(!theme::isDark(theme::lightPalette()));
        theme::apply(theme::Mode::Dark);
        QVERIFY(theme::isDark(QApplication::palette()));
        QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
        theme::apply(theme::Mode::Light);
        QVERIFY(!theme::isDark(QApplication::palette()));
    }

    void adaptInkMapsNeutralsOnly()
    {
        const QPalette dark = theme::darkPalette();
        const QColor paper = theme::plotPaper(dark), ink = theme::plotInk(dark);
        // Black ink becomes the text colour, white paper the plot background, alpha kept.
        QCOMPARE(theme::adaptInk(QColor(0, 0, 0), dark), ink);
        QCOMPARE(theme::adaptInk(QColor(255, 255, 255, 220), dark), QColor(paper.red(), paper.green(), paper.blue(), 220));
        // A 50% grey lands halfway: (0x1e + 0xe6) / 2 = 0x82, within rounding.
        QVERIFY(std::abs(theme::adaptInk(QColor(127, 127, 127), dark).red() - 0x82) <= 1);
        // Concept colours readable on dark stay; light palettes change nothing.
        QCOMPARE(theme::adaptInk(QColor(0xd6, 0x27, 0x28), dark), QColor(0xd6, 0x27, 0x28));
        QCOMPARE(theme::adaptInk(QColor(0, 0, 0), theme::lightPalette()), QColor(0, 0, 0));
        // fp64's navy (#173f5f, contrast 1.5:1 on #1e1e1e) is lightened, same hue.
        const QColor navy(0x17, 0x3f, 0x5f);
        const QColor lifted = theme::adaptInk(navy, dark);
        QVERIFY(lifted.lightnessF() > navy.lightnessF() + 0.1);
        QVERIFY(std::abs(lifted.hslHueF() - navy.hslHueF()) < 0.02);
    }

    void viewThemeMenuAppliesAndRemembers()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("AIMathLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_theme"));
        QSettings().remove(QLatin1String(kThemeSettingsKey));
        MainWindow w(tabs(), false);
        QMenu* themeMenu = nullptr;
        for (QMenu* m : w.menuBar()->findChildren<QMenu*>())
            for (QAction* a : m->actions())
                if (a->menu() && a->menu()->actions().size() == 3 && a->menu()->actions().at(2)->data() == QLatin1String("dark"))
                    themeMenu = a->menu();
        QVERIFY(themeMenu);
        const QList<QAction*> actions = themeMenu->actions();
        QCOMPARE(actions.at(0)->data().toString(), QStringLiteral("system"));
        QVERIFY(actions.at(1)->isChecked());  // cleanup() applied Light
        actions.at(2)->trigger();
        QVERIFY(theme::isDark(QApplication::palette()));
        QCOMPARE(theme::current(), theme::Mode::Dark);
        QCOMPARE(QSettings().value(QLatin1String(kThemeSettingsKey)).toString(), QStringLiteral("dark"));
        actions.at(1)->trigger();
        QVERIFY(!theme::isDark(QApplication::palette()));
        // The next start applies what was chosen; nonsense falls back to System.
        applyRememberedTheme();
        QCOMPARE(theme::current(), theme::Mode::Light);
        QSettings().setValue(QLatin1String(kThemeSettingsKey), QStringLiteral("sepia"));
        applyRememberedTheme();
        QCOMPARE(theme::current(), theme::Mode::System);
        QSettings().remove(QLatin1String(kThemeSettingsKey));
    }

    void switchingRestylesARealTab()
    {
        MainWindow w(tabs(), true);
        Tab* tab = w.tab(0);
        QVERIFY(tab);
        const QList<PlotView*> plots = replottedPlots(tab);
        QVERIFY(plots.size() >= 2);
        // Light (the offscreen platform's palette): what QCustomPlot and the tab authored.
        for (PlotView* p : plots) {
            QCOMPARE(paperOf(p), QApplication::palette().color(QPalette::Base));
            for (QCPAxisRect* r : p->axisRects())
                QCOMPARE(r->axis(QCPAxis::atBottom)->tickLabelColor(), QColor(Qt::black));
        }

        theme::apply(theme::Mode::Dark);
        const QPalette pal = QApplication::palette();
        const QColor paper = theme::plotPaper(pal), ink = theme::plotInk(pal);
        QVERIFY(paper.lightnessF() < 0.2 && ink.lightnessF() > 0.8);
        int titles = 0, legends = 0;
        for (PlotView* p : replottedPlots(tab)) {
            QCOMPARE(paperOf(p), paper);
            for (QCPAxis* a : axesOf(p)) {
                QVERIFY(inkOrHidden(a->basePen(), ink));
                QVERIFY(inkOrHidden(a->tickPen(), ink));
                QCOMPARE(a->tickLabelColor(), ink);
                QCOMPARE(a->labelColor(), ink);
                // QCustomPlot's light grey grid (200, 200, 200) sits just above the dark paper.
                QVERIFY(inkOrHidden(a->grid()->pen(), theme::adaptInk(QColor(200, 200, 200), pal)));
                QVERIFY(a->grid()->pen().color().lightnessF() > paper.lightnessF() || a->grid()->pen().style() == Qt::NoPen);
            }
            if (p->legend) {
                QCOMPARE(p->legend->brush().color().rgb(), paper.rgb());
                QCOMPARE(p->legend->borderPen().color(), ink);
                for (int i = 0; i < p->legend->itemCount(); ++i)
                    QCOMPARE(p->legend->item(i)->textColor(), ink);
                legends += p->legend->visible() ? 1 : 0;
            }
            if (QCPTextElement* t = titleOf(p)) {
                QCOMPARE(t->textColor(), ink);
                ++titles;
            }
        }
        QVERIFY(titles >= 2);
        QVERIFY(legends >= 1);

        // Back to light: every colour is the authored one again.
        theme::apply(theme::Mode::Light);
        for (PlotView* p : replottedPlots(tab)) {
            QCOMPARE(paperOf(p), QApplication::palette().color(QPalette::Base));
            for (QCPAxis* a : axesOf(p)) {
                QCOMPARE(a->tickLabelColor(), QColor(Qt::black));
                QVERIFY(inkOrHidden(a->grid()->pen(), QColor(200, 200, 200)));
            }
            if (p->legend)
                QCOMPARE(p->legend->brush().color(), QColor(255, 255, 255, 220));
            if (QCPTextElement* t = titleOf(p))
                QCOMPARE(t->textColor(), QColor(Qt::black));
        }
    }

    void darkRestyleIsCheap()
    {
        // Dark plots are checked before every replot: on the embeddings
        // scatter (one text item per word) that pass must stay far below a frame.
        MainWindow w({makeTabInfo<EmbeddingsTab>(QStringLiteral("embeddings"))}, true);
        Tab* tab = w.tab(0);
        QVERIFY(tab->waitUntilIdle(60000));
        theme::apply(theme::Mode::Dark);
        PlotView* busiest = nullptr;
        for (PlotView* p : replottedPlots(tab))
            if (!busiest || p->itemCount() > busiest->itemCount())
                busiest = p;
        QVERIFY(busiest && busiest->itemCount() >= 100);
        const QPalette pal = QApplication::palette();
        constexpr int kRuns = 50;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < kRuns; ++i)
            busiest->applyPlotPalette(pal);
        const double ms = t.nsecsElapsed() / 1e6 / kRuns;
        qInfo("dark restyle of a plot with %d items and %d plottables: %.3f ms", busiest->itemCount(), busiest->plottableCount(), ms);
        QVERIFY2(ms < 8.0, qPrintable(QString::number(ms)));
    }

    void colourMapsKeepTheirOverlays()
    {
        // Text drawn on a heatmap stands on the map's colours: the theme leaves it.
        PlotView plot;
        auto* map = new QCPColorMap(plot.xAxis, plot.yAxis);
        map->data()->setSize(2, 2);
        auto* onMap = new QCPItemText(&plot);
        onMap->position->setType(QCPItemPosition::ptPlotCoords);
        onMap->setColor(Qt::black);
        auto* rect2 = new QCPAxisRect(&plot);
        plot.plotLayout()->addElement(1, 0, rect2);
        auto* offMap = new QCPItemText(&plot);
        offMap->setClipAxisRect(rect2);
        offMap->position->setAxes(rect2->axis(QCPAxis::atBottom), rect2->axis(QCPAxis::atLeft));
        offMap->setColor(Qt::black);
        plot.applyPlotPalette(theme::darkPalette());
        QCOMPARE(onMap->color(), QColor(Qt::black));
        QCOMPARE(offMap->color(), theme::plotInk(theme::darkPalette()));
        // A colour the tab sets later is taken as authored, and styled again.
        offMap->setColor(QColor(128, 128, 128));
        plot.applyPlotPalette(theme::darkPalette());
        QCOMPARE(offMap->color(), theme::adaptInk(QColor(128, 128, 128), theme::darkPalette()));
        plot.applyPlotPalette(theme::lightPalette());
        QCOMPARE(offMap->color(), QColor(128, 128, 128));
    }

    void whiteBackgroundExportWhileDark()
    {
        MainWindow w(tabs(), true);
        QVERIFY(showDark(w));

        const QString white = m_dir.filePath(QStringLiteral("white.png"));
        QVERIFY(w.exportCurrentImage(white, QSize(1000, 640), 1.0, true).ok);
        const QImage a(white);
        QCOMPARE(a.size(), QSize(1000, 640));
        for (const QColor& c : corners(a))
            QCOMPARE(c.rgb(), QColor(Qt::white).rgb());
        const Inks inkA = countInks(a);
        QVERIFY2(inkA.dark > 2000, qPrintable(QStringLiteral("dark ink pixels: %1").arg(inkA.dark)));
        // The screen stays dark after the export.
        for (PlotView* p : replottedPlots(w.tab(0)))
            QCOMPARE(paperOf(p), theme::plotPaper(QApplication::palette()));

        const QString screen = m_dir.filePath(QStringLiteral("screen.png"));
        QVERIFY(w.exportCurrentImage(screen, QSize(1000, 640), 1.0, false).ok);
        const QImage b(screen);
        for (const QColor& c : corners(b))
            QVERIFY2(c.lightnessF() < 0.25, qPrintable(c.name()));
        const Inks inkB = countInks(b);
        QVERIFY2(inkB.light > 1000, qPrintable(QStringLiteral("light ink pixels: %1").arg(inkB.light)));
        QVERIFY(inkB.dark > inkA.dark * 3);
    }

    /// Edit > Copy Image and a plot's own "Copy image" follow the export dialog's
    /// "White background (for papers)" choice, as saving does: on by default.
    void copiesFollowTheWhiteBackgroundChoice()
    {
        MainWindow w(tabs(), true);
        QVERIFY(showDark(w));
        QAction* copyFigure = nullptr;
        for (QAction* a : w.findChildren<QAction*>())
            if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C))
                copyFigure = a;
        QVERIFY(copyFigure);
        const QList<PlotView*> plots = replottedPlots(w.tab(0));
        QVERIFY(!plots.isEmpty());
        PlotView* plot = plots.front();
        // The plot's context menu, second entry ("Copy image").
        auto copyFromPlotMenu = [plot] {
            QTimer::singleShot(0, [] {
                QWidget* popup = QApplication::activePopupWidget();
                if (!popup)
                    return;
                QTest::keyClick(popup, Qt::Key_Down);
                QTest::keyClick(popup, Qt::Key_Down);
                QTest::keyClick(popup, Qt::Key_Return);
            });
            QContextMenuEvent event(QContextMenuEvent::Mouse, QPoint(20, 20), plot->mapToGlobal(QPoint(20, 20)));
            QApplication::sendEvent(plot, &event);
            return QApplication::clipboard()->image();
        };
        QSettings settings;
        settings.remove(QStringLiteral("export/white"));
        for (const bool white : {true, false}) {
            if (!white)
                settings.setValue(QStringLiteral("export/white"), false);
            QApplication::clipboard()->clear();
            copyFigure->trigger();
            const QImage figure = QApplication::clipboard()->image();
            QApplication::clipboard()->clear();
            const QImage single = copyFromPlotMenu();
            QVERIFY2(!figure.isNull() && !single.isNull(), white ? "white" : "screen");
            QCOMPARE(single.size(), plot->size() * 2);
            for (const QImage& image : {figure, single})
                for (const QColor& c : corners(image))
                    QVERIFY2(white ? c.rgb() == QColor(Qt::white).rgb() : c.lightnessF() < 0.25, qPrintable(c.name()));
        }
        settings.remove(QStringLiteral("export/white"));
    }

    void commandLineTheme()
    {
        auto run = [](const QStringList& args, QString* err = nullptr) {
            const aimath::test::ProcessResult r = aimath::test::runProcess(QStringLiteral(AIMATHLAB_BIN), args, aimath::test::ProcessSetup{});
            if (err)
                *err = r.err;
            return r.code;
        };
        QString err;
        const QString bad = m_dir.filePath(QStringLiteral("bad.png"));
        QCOMPARE(run({QStringLiteral("--theme"), QStringLiteral("purple"), QStringLiteral("--tab"), QStringLiteral("attention"),
                      QStringLiteral("--export-image"), bad},
                     &err),
                 2);
        QVERIFY2(err.contains(QLatin1String("--theme")) && err.contains(QLatin1String("purple")), qPrintable(err));
        QVERIFY(!QFile::exists(bad));

        // Headless exports are light unless --theme dark.
        const QString light = m_dir.filePath(QStringLiteral("cli-light.png"));
        const QString dark = m_dir.filePath(QStringLiteral("cli-dark.png"));
        const QStringList common{QStringLiteral("--tab"), QStringLiteral("attention"), QStringLiteral("--size"), QStringLiteral("800x500")};
        QCOMPARE(run(common + QStringList{QStringLiteral("--export-image"), light}), 0);
        QCOMPARE(run(common + QStringList{QStringLiteral("--theme"), QStringLiteral("dark"), QStringLiteral("--export-image"), dark}), 0);
        for (const QColor& c : corners(QImage(light)))
            QCOMPARE(c.rgb(), QColor(Qt::white).rgb());
        for (const QColor& c : corners(QImage(dark)))
            QVERIFY2(c.lightnessF() < 0.25, qPrintable(c.name()));
    }
};

QTEST_MAIN(TestTheme)
#include "test_theme.moc"
