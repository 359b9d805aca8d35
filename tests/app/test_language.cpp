// The window in Simplified Chinese and back: translated tab titles, menus and
// axis labels; a switch keeps every parameter and the current tab; the choice
// is remembered; the system locale and --lang pick the language of the real
// binary.
#include "app/builtin_tabs.h"
#include "app/help_window.h"
#include "app/language.h"
#include "app/main_window.h"
#include "tests/support/demo_tab.h"
#include "tests/support/run_process.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QXmlStreamReader>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTest>
#include <qcustomplot.h>

using namespace aimath;

namespace {

bool hasHan(const QString& s)
{
    static const QRegularExpression han(QStringLiteral("\\p{Han}"));
    return han.match(s).hasMatch();
}

QStringList tabTexts(MainWindow& w)
{
    auto* tw = w.findChild<QTabWidget*>();
    QStringList out;
    for (int i = 0; i < tw->count(); ++i)
        out << tw->tabText(i);
    return out;
}

/// Every axis label of every plot inside w.
QStringList axisLabels(QWidget* w)
{
    QStringList out;
    for (QCustomPlot* plot : w->findChildren<QCustomPlot*>())
        for (QCPAxisRect* rect : plot->axisRects())
            for (QCPAxis* axis : rect->axes())
                if (!axis->label().isEmpty())
                    out << axis->label();
    return out;
}

/// Same value for every key (ParamSet has no operator==).
bool sameValues(const ParamSet& a, const ParamSet& b)
{
    if (a.specs().size() != b.specs().size())
        return false;
    for (const ParamSpec& s : a.specs())
        if (!b.has(s.key) || a.toString(s.key) != b.toString(s.key))
            return false;
    return true;
}

/// Source text → translation of every finished, non-plural message of every
/// committed translations/*_zh_CN.ts.
QHash<QString, QString> committedTranslations()
{
    QHash<QString, QString> out;
    const QDir dir(QStringLiteral(AIMATH_SOURCE_DIR "/translations"));
    for (const QString& name : dir.entryList({QStringLiteral("*_zh_CN.ts")}, QDir::Files)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        QXmlStreamReader xml(&f);
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                const bool finished = xml.attributes().value(QLatin1String("type")).isEmpty();
                const QString text = xml.readElementText(QXmlStreamReader::SkipChildElements);
                if (finished && !text.isEmpty() && text != source)
                    out.insert(source, text);
            }
        }
    }
    return out;
}

/// The texts a user reads in w: labels, buttons, group titles, combo items,
/// tooltips, plot titles, axis labels and legend entries.
QStringList shownTexts(QWidget* w)
{
    QStringList out;
    QList<QWidget*> all = w->findChildren<QWidget*>();
    all << w;
    for (QWidget* c : all) {
        if (!c->toolTip().isEmpty())
            out << c->toolTip();
        if (auto* l = qobject_cast<QLabel*>(c))
            out << l->text();
        else if (auto* b = qobject_cast<QAbstractButton*>(c))
            out << b->text();
        else if (auto* g = qobject_cast<QGroupBox*>(c))
            out << g->title();
        else if (auto* cb = qobject_cast<QComboBox*>(c))
            for (int i = 0; i < cb->count(); ++i)
                out << cb->itemText(i);
        else if (auto* plot = qobject_cast<QCustomPlot*>(c)) {
            for (QCPAxisRect* rect : plot->axisRects())
                for (QCPAxis* axis : rect->axes())
                    out << axis->label();
            for (int i = 0; i < plot->plottableCount(); ++i)
                out << plot->plottable(i)->name();
            for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
                if (auto* t = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i)))
                    out << t->text();
        }
    }
    out.removeAll(QString());
    return out;
}

QStringList menuTitles(MainWindow& w)
{
    QStringList out;
    for (QAction* a : w.menuBar()->actions())
        out << a->text();
    return out;
}

QAction* findAction(QMenuBar* bar, const QString& text)
{
    for (QMenu* m : bar->findChildren<QMenu*>())
        for (QAction* a : m->actions())
            if (a->text() == text)
                return a;
    return nullptr;
}

}  // namespace

class TestLanguage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList m_englishTitles;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AIMathLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_language"));
        QSettings().clear();
        installLanguage(QStringLiteral("en"));
        for (const TabInfo& t : builtinTabs())
            m_englishTitles << t.title();
    }

    void cleanup() { installLanguage(QStringLiteral("en")); }

    void supportedLanguages_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("ok");
        QTest::newRow("en") << QStringLiteral("en") << true;
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << true;
        QTest::newRow("zh") << QStringLiteral("zh") << false;
        QTest::newRow("fr") << QStringLiteral("fr") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void supportedLanguages()
    {
        QFETCH(QString, code);
        QFETCH(bool, ok);
        QCOMPARE(isSupportedLanguage(code), ok);
    }

    void catalogsAreEmbedded()
    {
        QVERIFY(installLanguage(QStringLiteral("zh_CN")) >= 2);  // at least app and common
        QCOMPARE(currentLanguage(), QStringLiteral("zh_CN"));
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/app_zh_CN.qm")));
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/common_zh_CN.qm")));
        QCOMPARE(installLanguage(QStringLiteral("en")), 0);
    }

    void startsInChinese()
    {
        installLanguage(QStringLiteral("zh_CN"));
        MainWindow w(builtinTabs(), true);
        const QStringList titles = tabTexts(w);
        QCOMPARE(titles.size(), m_englishTitles.size());
        for (int i = 0; i < titles.size(); ++i)
            QVERIFY2(hasHan(titles[i]), qPrintable(QStringLiteral("tab %1 title \"%2\" is not translated").arg(w.info(i).id, titles[i])));
        QVERIFY2(titles[w.indexOf(QStringLiteral("attention"))].contains(QStringLiteral("注意力")), qPrintable(titles.join(QLatin1Char(','))));
        QVERIFY(hasHan(w.windowTitle()));
        for (const QString& m : menuTitles(w))
            QVERIFY2(hasHan(m), qPrintable(QStringLiteral("menu \"%1\" is not translated").arg(m)));

        const int att = w.indexOf(QStringLiteral("attention"));
        w.setCurrentIndex(att);
        const QStringList labels = axisLabels(w.tab(att));
        QVERIFY(!labels.isEmpty());
        QVERIFY2(std::any_of(labels.begin(), labels.end(), hasHan), qPrintable(labels.join(QStringLiteral(" | "))));
    }

    // A string that has a translation but reaches the screen in English was
    // looked up under another context (or not through tr() at all).
    void everyShownStringIsTranslated_data()
    {
        QTest::addColumn<QString>("tab");
        for (const TabInfo& t : builtinTabs())
            QTest::newRow(qPrintable(t.id)) << t.id;
    }
    void everyShownStringIsTranslated()
    {
        QFETCH(QString, tab);
        const QHash<QString, QString> translations = committedTranslations();
        QVERIFY(translations.size() > 50);
        installLanguage(QStringLiteral("zh_CN"));
        MainWindow w(builtinTabs(), true);
        const int i = w.indexOf(tab);
        w.setCurrentIndex(i);
        w.resize(1500, 950);
        w.setAttribute(Qt::WA_DontShowOnScreen);
        w.show();
        QVERIFY(w.tab(i)->waitUntilIdle(120000));
        QCoreApplication::processEvents();
        QStringList english;
        int checked = 0;
        for (const QString& text : shownTexts(w.tab(i))) {
            ++checked;
            if (translations.contains(text))
                english << QStringLiteral("  \"%1\" (translated as \"%2\")").arg(text.left(100), translations.value(text).left(60));
        }
        english.removeDuplicates();
        QVERIFY(checked > 20);
        if (!english.isEmpty())
            QFAIL(qPrintable(QStringLiteral("the %1 tab shows %2 translated strings in English:\n%3").arg(tab).arg(english.size()).arg(english.join(QLatin1Char('\n')))));
    }

    void switchesBackAndKeepsParameters()
    {
        installLanguage(QStringLiteral("en"));
        MainWindow w(builtinTabs(), true);
        QCOMPARE(tabTexts(w), m_englishTitles);
        const int att = w.indexOf(QStringLiteral("attention"));
        const int desc = w.indexOf(QStringLiteral("descent"));
        QVERIFY(att >= 0 && desc >= 0);
        // A built tab with edited values, and the current one elsewhere.
        w.setCurrentIndex(att);
        ParamSet p = w.paramsOf(att);
        ParamSet edited = p;
        for (const ParamSpec& s : p.specs()) {
            if (s.type == ParamType::Real && s.max > s.min) {
                const double v = s.min + 0.375 * (s.max - s.min);
                QVERIFY(edited.setFromString(s.key, QByteArray::number(v, 'g', 17).toStdString()).empty());
                break;
            }
        }
        QVERIFY(edited.checkConstraints().empty());
        w.applyParams(att, edited);
        w.setCurrentIndex(desc);
        Tab* oldDescent = w.tab(desc);
        const ParamSet descentBefore = w.paramsOf(desc);
        const ParamSet attentionBefore = w.paramsOf(att);
        QVERIFY(!sameValues(attentionBefore, p));
        const QStringList englishLabels = axisLabels(w.tab(att));
        QVERIFY(std::none_of(englishLabels.begin(), englishLabels.end(), hasHan));

        w.setLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(currentLanguage(), QStringLiteral("zh_CN"));
        QCOMPARE(w.currentIndex(), desc);
        QVERIFY(sameValues(w.paramsOf(att), attentionBefore));
        QVERIFY(sameValues(w.paramsOf(desc), descentBefore));
        QVERIFY(w.tab(desc) != oldDescent);  // rebuilt in the new language
        QVERIFY(sameValues(w.tab(desc)->params(), descentBefore));
        QVERIFY(hasHan(tabTexts(w)[att]));
        const QStringList chineseLabels = axisLabels(w.tab(att));
        QVERIFY(std::any_of(chineseLabels.begin(), chineseLabels.end(), hasHan));
        QVERIFY(sameValues(w.tab(att)->params(), attentionBefore));

        w.setLanguage(QStringLiteral("en"));
        QCOMPARE(tabTexts(w), m_englishTitles);
        QCOMPARE(axisLabels(w.tab(att)), englishLabels);
        QVERIFY(sameValues(w.paramsOf(att), attentionBefore));
        QCOMPARE(w.currentIndex(), desc);
        for (const QString& m : menuTitles(w))
            QVERIFY2(!hasHan(m), qPrintable(m));
    }

    void menuChoiceIsRememberedAndBeatsTheSystem()
    {
        QSettings().clear();
        installLanguage(QStringLiteral("en"));
        MainWindow w(builtinTabs(), false);
        w.setCurrentIndex(0);
        QAction* zh = findAction(w.menuBar(), QStringLiteral("简体中文"));
        QVERIFY(zh);
        QVERIFY(!zh->isChecked());
        zh->trigger();
        QTRY_COMPARE(currentLanguage(), QStringLiteral("zh_CN"));
        QCOMPARE(preferredLanguage(), QStringLiteral("zh_CN"));
        QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("zh_CN"));
        // The new menu shows the choice, and English is still named in English.
        QAction* en = findAction(w.menuBar(), QStringLiteral("English"));
        QVERIFY(en);
        QVERIFY(findAction(w.menuBar(), QStringLiteral("简体中文"))->isChecked());
        en->trigger();
        QTRY_COMPARE(currentLanguage(), QStringLiteral("en"));
        QCOMPARE(preferredLanguage(), QStringLiteral("en"));
        QSettings().clear();
    }

    void helpFollowsLanguageAndTab()
    {
        installLanguage(QStringLiteral("en"));
        MainWindow w(builtinTabs(), true);
        w.setCurrentIndex(w.indexOf(QStringLiteral("descent")));
        HelpWindow* help = w.showHelp();
        QVERIFY(help);
        QCOMPARE(help->currentPage(), QStringLiteral("descent"));
        QVERIFY(!help->currentMarkdown().isEmpty());
        help->showPage(QStringLiteral("index"));
        QVERIFY(help->currentMarkdown().contains(QStringLiteral("AI Math Lab")));
        // The overview links to the tab pages by file name.
        QVERIFY(help->currentMarkdown().contains(QStringLiteral("(attention.md)")));
        auto* browser = help->findChild<QTextBrowser*>();
        QVERIFY(browser);
        emit browser->anchorClicked(QUrl(QStringLiteral("attention.md")));
        QCOMPARE(help->currentPage(), QStringLiteral("attention"));
        help->showPage(QStringLiteral("index"));
        QCOMPARE(help->currentMarkdown(), HelpWindow::pageMarkdown(QStringLiteral("en"), QStringLiteral("index")));
        w.setLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(help->currentPage(), QStringLiteral("index"));
        QVERIFY(help->currentMarkdown().contains(QStringLiteral("AI 数学实验室")));
        QCOMPARE(help->currentMarkdown(), HelpWindow::pageMarkdown(QStringLiteral("zh_CN"), QStringLiteral("index")));
        QVERIFY(hasHan(help->windowTitle()));
        // A page that does not exist: a message, no crash.
        help->showPage(QStringLiteral("no-such-page"));
        QCOMPARE(help->currentPage(), QStringLiteral("index"));
        QVERIFY(HelpWindow::pageMarkdown(QStringLiteral("zh_CN"), QStringLiteral("no-such-page")).isEmpty());
        w.setLanguage(QStringLiteral("en"));
        QCOMPARE(help->currentMarkdown(), HelpWindow::pageMarkdown(QStringLiteral("en"), QStringLiteral("index")));
        QVERIFY(!hasHan(help->windowTitle()));
    }

    void everyTabHasHelpPages_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("page");
        for (const QString& lang : aimath::supportedLanguages()) {
            QTest::newRow(qPrintable(lang + QStringLiteral("/index"))) << lang << QStringLiteral("index");
            for (const TabInfo& t : builtinTabs())
                QTest::newRow(qPrintable(lang + QLatin1Char('/') + t.id)) << lang << t.id;
        }
    }
    void everyTabHasHelpPages()
    {
        QFETCH(QString, lang);
        QFETCH(QString, page);
        const QString md = HelpWindow::pageMarkdown(lang, page);
        QVERIFY2(!md.isEmpty(), qPrintable(QStringLiteral("resources/help/%1/%2.md is missing").arg(lang, page)));
        QVERIFY2(md.startsWith(QLatin1String("# ")), qPrintable(QStringLiteral("%1/%2.md does not start with a # title").arg(lang, page)));
        QCOMPARE(hasHan(md.section(QLatin1Char('\n'), 0, 0)), lang == QLatin1String("zh_CN"));
    }

    void missingHelpPageShowsAMessage()
    {
        installLanguage(QStringLiteral("en"));
        HelpWindow help({makeTabInfo<DemoTab>(QStringLiteral("demo"))});
        help.showPage(QStringLiteral("demo"));
        QCOMPARE(help.currentPage(), QStringLiteral("demo"));
        QVERIFY2(help.currentMarkdown().contains(QStringLiteral("There is no help page for this topic yet.")), qPrintable(help.currentMarkdown()));
        installLanguage(QStringLiteral("zh_CN"));
        help.retranslate();
        QCOMPARE(help.currentPage(), QStringLiteral("demo"));
        QVERIFY2(help.currentMarkdown().contains(QStringLiteral("此主题暂无帮助页面")), qPrintable(help.currentMarkdown()));
    }

    void shortcutsListEveryAction()
    {
        installLanguage(QStringLiteral("en"));
        MainWindow w(builtinTabs(), true);
        const auto rows = ShortcutsDialog::collect(&w);
        QStringList keys;
        for (const auto& [name, key] : rows)
            keys << key;
        for (const QKeySequence& k : {QKeySequence(Qt::CTRL | Qt::Key_E), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), QKeySequence(Qt::Key_F1),
                                      QKeySequence(Qt::CTRL | Qt::Key_1), QKeySequence(Qt::CTRL | Qt::Key_5), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)})
            QVERIFY2(keys.contains(k.toString(QKeySequence::NativeText)), qPrintable(k.toString() + QStringLiteral(" not in ") + keys.join(QLatin1Char(','))));
        // Every action with a shortcut is listed once.
        int expected = 0;
        for (QMenu* m : w.menuBar()->findChildren<QMenu*>())
            for (QAction* a : m->actions())
                expected += !a->menu() && !a->shortcuts().isEmpty();
        QCOMPARE(static_cast<int>(rows.size()), expected);
        // Names carry the menu path without mnemonics.
        bool found = false;
        for (const auto& [name, key] : rows)
            found = found || name == QStringLiteral("File › Export Image");
        QVERIFY(found);
        w.setLanguage(QStringLiteral("zh_CN"));
        const auto zhRows = ShortcutsDialog::collect(&w);
        QCOMPARE(zhRows.size(), rows.size());
        QVERIFY(hasHan(zhRows.front().first));
        QVERIFY(!zhRows.front().first.contains(QLatin1Char('&')));
    }

    // The real binary: the system locale picks the language, --lang beats it.
    void binaryFollowsLocaleAndLang_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("chinese");
        QTest::newRow("C locale") << QStringLiteral("C") << QStringList{} << false;
        QTest::newRow("zh_CN locale") << QStringLiteral("zh_CN.UTF-8") << QStringList{} << true;
        QTest::newRow("zh_TW locale") << QStringLiteral("zh_TW.UTF-8") << QStringList{} << true;
        QTest::newRow("de locale") << QStringLiteral("de_DE.UTF-8") << QStringList{} << false;
        QTest::newRow("zh locale, --lang en") << QStringLiteral("zh_CN.UTF-8") << QStringList{QStringLiteral("--lang"), QStringLiteral("en")} << false;
        QTest::newRow("C locale, --lang zh_CN") << QStringLiteral("C") << QStringList{QStringLiteral("--lang"), QStringLiteral("zh_CN")} << true;
    }
    void binaryFollowsLocaleAndLang()
    {
        QFETCH(QString, lang);
        QFETCH(QStringList, args);
        QFETCH(bool, chinese);
        aimath::test::ProcessSetup setup;
        for (const char* v : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "DISPLAY", "WAYLAND_DISPLAY"})
            setup.unset(QString::fromLatin1(v));
        setup.set(QStringLiteral("LANG"), lang).set(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config"))).timeout(60000);
        const aimath::test::ProcessResult r = aimath::test::runProcess(QStringLiteral(AIMATHLAB_BIN), args << QStringLiteral("--list-tabs"), setup);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString& out = r.out;
        QVERIFY2(out.contains(QStringLiteral("attention\t")), qPrintable(out));
        QVERIFY2(hasHan(out) == chinese, qPrintable(out));
        // Ids stay English whatever the language.
        for (const QString& line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            QVERIFY2(!hasHan(line.section(QLatin1Char('\t'), 0, 0)), qPrintable(line));
    }
};

QTEST_MAIN(TestLanguage)
#include "test_language.moc"
