#include "app/app_main.h"

#include "app/language.h"
#include "app/main_window.h"
#include "app/theme_menu.h"
#include "engine/core/cpu_state.h"
#include "widgets/common/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <optional>

// Resources live in the aimath_app static library: register them explicitly.
static void initAppResources() { Q_INIT_RESOURCE(aimathlab); }

namespace aimath {

namespace {

constexpr int kExitBadInput = 2;
constexpr int kExitIo = 1;

void printErr(const QString& message)
{
    QTextStream err(stderr);
    err << "aimathlab: " << message << Qt::endl;
}

void printOut(const QString& text)
{
    QTextStream out(stdout);
    out << text;
}

/// Modes that never show a window must not need a display: choose the offscreen
/// platform before QApplication exists, unless the user chose one.
bool wantsNoWindow(int argc, char** argv)
{
    static const char* const kNoWindow[] = {"--export-image", "--export-data", "--list-tabs", "--list-params", "--help", "-h", "--help-all", "--version", "-v"};
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        for (const char* opt : kNoWindow)
            if (a == opt || a.startsWith(QByteArray(opt) + '='))
                return true;
    }
    return false;
}

bool hasDisplay() { return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"); }

/// Headless runs keep stderr for what matters: drop the offscreen platform's
/// and QStandardPaths' housekeeping notes, pass everything else on.
QtMessageHandler g_previousHandler = nullptr;
void quietHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type <= QtWarningMsg &&
        (message.contains(QLatin1String("propagateSizeHints")) || message.contains(QLatin1String("XDG_RUNTIME_DIR"))))
        return;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

struct Size {
    QSize size;
    QString error;
};

Size parseSize(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{1,6})\\s*[xX×]\\s*(\\d{1,6})\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return {{}, QStringLiteral("--size: expected WIDTHxHEIGHT such as 1600x1000, got \"%1\"").arg(text)};
    const int w = m.captured(1).toInt();
    const int h = m.captured(2).toInt();
    if (w < 16 || h < 16 || w > 20000 || h > 20000)
        return {{}, QStringLiteral("--size: %1x%2 is out of range (each side 16 to 20000)").arg(w).arg(h)};
    return {{w, h}, {}};
}

QString tabList(const std::vector<TabInfo>& tabs)
{
    QStringList ids;
    for (const auto& t : tabs)
        ids << t.id;
    return ids.join(QStringLiteral(", "));
}

}  // namespace

int runApp(int argc, char** argv, const std::function<std::vector<TabInfo>()>& tabFactory)
{
    const bool noWindow = wantsNoWindow(argc, argv);
    // Without any display, still answer the command line (errors, listings)
    // instead of aborting in QApplication; the window itself needs a display.
    const bool noDisplay = !noWindow && !hasDisplay() && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
    if ((noWindow || noDisplay) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    g_previousHandler = qInstallMessageHandler(quietHandler);

    // QGuiApplication takes "-session"/"--session" for X11 session management
    // and removes it from the arguments: hand ours over under another name.
    std::vector<QByteArray> renamed;
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i) {
        QByteArray a(argv[i]);
        if (a == "--session" || a == "-session")
            a = "--aimath-session";
        else if (a.startsWith("--session="))
            a = "--aimath-session=" + a.mid(10);
        renamed.push_back(a);
    }
    for (auto& a : renamed)
        args.push_back(a.data());
    args.push_back(nullptr);
    int qtArgc = argc;
    QApplication app(qtArgc, args.data());
    initAppResources();
    clearUpperVectorState();  // engine/core/cpu_state.h
    QApplication::setOrganizationName(QStringLiteral("AIMathLab"));
    QApplication::setApplicationName(QStringLiteral("aimathlab"));
    QApplication::setApplicationDisplayName(QStringLiteral("AI Math Lab"));
    QApplication::setApplicationVersion(QStringLiteral(AIMATH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(AIMATH_APP_ID));  // the .desktop file's name (Wayland app id)

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("AI Math Lab: see the mathematics behind large models."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption tabOpt(QStringLiteral("tab"), QStringLiteral("Open tab ID (see --list-tabs)."), QStringLiteral("ID"));
    const QCommandLineOption setOpt(QStringLiteral("set"), QStringLiteral("Set a parameter of the tab (repeatable; lists use commas)."), QStringLiteral("KEY=VALUE"));
    const QCommandLineOption imageOpt(QStringLiteral("export-image"), QStringLiteral("Render the tab headlessly to FILE (.png .jpg .pdf .svg) and exit."), QStringLiteral("FILE"));
    const QCommandLineOption dataOpt(QStringLiteral("export-data"), QStringLiteral("Write the numbers behind the tab to FILE (.json, or .csv where the tab has a table) and exit."), QStringLiteral("FILE"));
    const QCommandLineOption sizeOpt(QStringLiteral("size"), QStringLiteral("Image size in pixels (default 1600x1000)."), QStringLiteral("WxH"), QStringLiteral("1600x1000"));
    const QCommandLineOption scaleOpt(QStringLiteral("scale"), QStringLiteral("Pixel scale of raster images (default 1; 2 for slides)."), QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption listTabsOpt(QStringLiteral("list-tabs"), QStringLiteral("Print one ID<TAB>title line per tab and exit."));
    const QCommandLineOption listParamsOpt(QStringLiteral("list-params"), QStringLiteral("With --tab: print key, type, range, default and label of every parameter and exit."));
    const QCommandLineOption sessionOpt(QStringList{QStringLiteral("session"), QStringLiteral("aimath-session")},
                                        QStringLiteral("Load a saved session (JSON) before applying --set."), QStringLiteral("FILE"));
    const QCommandLineOption themeOpt(QStringLiteral("theme"),
                                      QStringLiteral("Colours: system, light or dark (this run only; headless exports are light unless dark)."),
                                      QStringLiteral("MODE"));
    parser.addOptions({tabOpt, setOpt, imageOpt, dataOpt, sizeOpt, scaleOpt, listTabsOpt, listParamsOpt, sessionOpt, themeOpt});
    const QCommandLineOption langOpt(QStringLiteral("lang"),
                                     QStringLiteral("Language of the window and of exported figures: en or zh_CN (default: the choice made in View > Language, else the system locale)."),
                                     QStringLiteral("LANG"));
    parser.addOption(langOpt);

    if (!parser.parse(QApplication::arguments())) {
        printErr(parser.errorText());
        return kExitBadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(parser.helpText());
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        printOut(QStringLiteral("aimathlab %1\n").arg(QApplication::applicationVersion()));
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printErr(QStringLiteral("unexpected argument \"%1\" (options start with --; see --help)").arg(parser.positionalArguments().first()));
        return kExitBadInput;
    }
    std::optional<theme::Mode> themeMode;
    if (parser.isSet(themeOpt)) {
        themeMode = theme::modeFromId(parser.value(themeOpt));
        if (!themeMode) {
            printErr(QStringLiteral("--theme: expected system, light or dark, got \"%1\"").arg(parser.value(themeOpt)));
            return kExitBadInput;
        }
    }

    // The language comes before the tabs are declared: titles and labels are
    // translated when they are built. Headless exports follow the system
    // locale, never a choice saved by the window, so a script's output does
    // not depend on what someone last picked in the menu.
    QString language = (parser.isSet(imageOpt) || parser.isSet(dataOpt)) ? systemLanguage() : preferredLanguage();
    if (parser.isSet(langOpt)) {
        language = parser.value(langOpt);
        if (!isSupportedLanguage(language)) {
            printErr(QStringLiteral("--lang: unknown language \"%1\" (choose one of: %2)").arg(language, supportedLanguages().join(QStringLiteral(", "))));
            return kExitBadInput;
        }
    }
    installLanguage(language);

    const std::vector<TabInfo> tabs = tabFactory();
    if (parser.isSet(listTabsOpt)) {
        QString out;
        for (const auto& t : tabs)
            out += t.id + QLatin1Char('\t') + t.title() + QLatin1Char('\n');
        printOut(out);
        return 0;
    }

    int requested = -1;
    if (parser.isSet(tabOpt)) {
        const QString id = parser.value(tabOpt);
        for (std::size_t i = 0; i < tabs.size(); ++i)
            if (tabs[i].id == id)
                requested = static_cast<int>(i);
        if (requested < 0) {
            printErr(QStringLiteral("--tab: unknown tab \"%1\" (choose one of: %2)").arg(id, tabList(tabs)));
            return kExitBadInput;
        }
    }

    if (parser.isSet(listParamsOpt)) {
        if (requested < 0) {
            printErr(QStringLiteral("--list-params needs --tab ID (one of: %1)").arg(tabList(tabs)));
            return kExitBadInput;
        }
        const ParamSet params = tabs[static_cast<std::size_t>(requested)].declareParams();
        QString out;
        for (const ParamSpec& s : params.specs())
            out += QStringLiteral("%1\t%2\t%3\t%4\t%5\n")
                       .arg(QString::fromStdString(s.key), QString::fromStdString(paramTypeName(s.type)), QString::fromStdString(paramRangeText(s)),
                            QString::fromStdString(params.defaultString(s.key)), QString::fromStdString(s.label));
        printOut(out);
        return 0;
    }

    const Size size = parseSize(parser.value(sizeOpt));
    if (!size.error.isEmpty()) {
        printErr(size.error);
        return kExitBadInput;
    }
    bool scaleOk = false;
    const double scale = parser.value(scaleOpt).toDouble(&scaleOk);
    if (!scaleOk || !(scale >= 0.25 && scale <= 8.0)) {
        printErr(QStringLiteral("--scale: expected a number from 0.25 to 8, got \"%1\"").arg(parser.value(scaleOpt)));
        return kExitBadInput;
    }
    // A 20000 × 20000 image at 8× would need 100 GB: refuse what cannot be drawn.
    constexpr double kMaxPixels = 2.5e8;
    if (static_cast<double>(size.size.width()) * size.size.height() * scale * scale > kMaxPixels) {
        printErr(QStringLiteral("--size/--scale: %1x%2 at %3x is %4 megapixels; the limit is %5")
                     .arg(size.size.width()).arg(size.size.height()).arg(scale)
                     .arg(static_cast<double>(size.size.width()) * size.size.height() * scale * scale / 1e6, 0, 'f', 0)
                     .arg(kMaxPixels / 1e6, 0, 'f', 0));
        return kExitBadInput;
    }
    const bool exporting = parser.isSet(imageOpt) || parser.isSet(dataOpt);
    if (parser.isSet(dataOpt)) {
        const QString ext = QFileInfo(parser.value(dataOpt)).suffix().toLower();
        if (ext != QLatin1String("json") && ext != QLatin1String("csv")) {
            printErr(QStringLiteral("--export-data: \"%1\" must end in .json or .csv").arg(parser.value(dataOpt)));
            return kExitBadInput;
        }
    }
    if (parser.isSet(imageOpt) && imageFormatForPath(parser.value(imageOpt)).isEmpty()) {
        printErr(QStringLiteral("--export-image: \"%1\" has no supported extension (.png, .jpg, .pdf, .svg)").arg(parser.value(imageOpt)));
        return kExitBadInput;
    }
    if (tabs.empty()) {
        printErr(QStringLiteral("this build has no tabs"));
        return kExitBadInput;
    }

    // The theme comes before the window, whose View > Theme shows it; --theme
    // is for this run only, the menu's choice is remembered.
    if (themeMode)
        theme::apply(*themeMode);
    else if (!exporting)
        applyRememberedTheme();
    MainWindow window(tabs, exporting);
    if (!exporting)
        window.restoreSettings();

    if (parser.isSet(sessionOpt)) {
        const QString path = parser.value(sessionOpt);
        const QFileInfo fi(path);
        if (!fi.exists() || !fi.isReadable() || fi.isDir()) {
            printErr(QStringLiteral("--session: cannot read %1").arg(path));
            return kExitIo;
        }
        const QString error = window.loadSession(path);
        if (!error.isEmpty()) {
            printErr(error);
            return kExitBadInput;
        }
    }

    int index = requested >= 0 ? requested : window.currentIndex();
    if (index < 0)
        index = 0;

    // Every --set is applied to a copy first; constraints are checked once all
    // are in, so their order does not matter.
    ParamSet params = window.paramsOf(index);
    for (const QString& assignment : parser.values(setOpt)) {
        const qsizetype eq = assignment.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            printErr(QStringLiteral("--set: expected KEY=VALUE, got \"%1\"").arg(assignment));
            return kExitBadInput;
        }
        const std::string key = assignment.left(eq).trimmed().toStdString();
        const std::string value = assignment.mid(eq + 1).toStdString();
        if (!params.has(key)) {
            printErr(QStringLiteral("--set: unknown parameter \"%1\" for tab %2 (see --tab %2 --list-params)")
                         .arg(QString::fromStdString(key), tabs[static_cast<std::size_t>(index)].id));
            return kExitBadInput;
        }
        if (auto e = params.setFromString(key, value); !e.empty()) {
            printErr(QStringLiteral("--set %1").arg(QString::fromStdString(e)));
            return kExitBadInput;
        }
    }
    if (auto e = params.checkConstraints(); !e.empty()) {
        printErr(QStringLiteral("--set %1").arg(QString::fromStdString(e)));
        return kExitBadInput;
    }
    // The tab is built first and then receives the --set values as a change,
    // the way the window delivers them (the embeddings tab reacts to `file`
    // being set by selecting dataset = file).
    window.setCurrentIndex(index);
    window.applyParams(index, params);

    if (!exporting) {
        if (noDisplay) {
            printErr(QStringLiteral("no display to open the window on (DISPLAY is not set); use --export-image/--export-data to render headlessly"));
            return kExitIo;
        }
        window.show();
        return QApplication::exec();
    }

    // Headless: lay the window out (never on screen) so the figure has the
    // tab's real arrangement, wait for background work, then write.
    window.setAttribute(Qt::WA_DontShowOnScreen);
    // The export keeps the figure's proportions at any size; lay the window
    // out no larger than a big screen so its buffers stay small.
    const double layoutScale = std::min({1.0, 2400.0 / size.size.width(), 1600.0 / size.size.height()});
    window.resize(qRound(size.size.width() * layoutScale) + 340, qRound(size.size.height() * layoutScale) + 240);
    window.show();
    QApplication::processEvents();
    Tab* tab = window.tab(index);
    if (!tab->waitUntilIdle(600000)) {
        printErr(QStringLiteral("%1: the computation did not finish within 10 minutes").arg(tab->id()));
        return kExitIo;
    }
    QApplication::processEvents();
    if (const QString error = tab->currentError(); !error.isEmpty()) {
        printErr(error);
        return tab->currentErrorExitCode();
    }
    if (parser.isSet(dataOpt) && QFileInfo(parser.value(dataOpt)).suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0 &&
        !tab->exportCsvWriter()) {
        printErr(QStringLiteral("--export-data: the %1 tab has no table to write as CSV; use .json").arg(tab->id()));
        return kExitBadInput;
    }
    if (parser.isSet(imageOpt)) {
        // Headless images are for papers (light) unless --theme dark asks otherwise.
        const bool white = !(themeMode && *themeMode == theme::Mode::Dark);
        const ExportResult r = window.exportCurrentImage(parser.value(imageOpt), size.size, scale, white);
        if (!r.ok) {
            printErr(r.message);
            return kExitIo;
        }
    }
    if (parser.isSet(dataOpt)) {
        const ExportResult r = window.exportCurrentData(parser.value(dataOpt));
        if (!r.ok) {
            printErr(r.message);
            return kExitIo;
        }
    }
    return 0;
}

}  // namespace aimath
