#include "app/language.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <cstring>
#include <memory>
#include <vector>

namespace aimath {

namespace {

const QString kLanguageKey = QStringLiteral("ui/language");

/// tr() inside `namespace aimath` looks up the context "aimath::Class". lupdate
/// run on one folder (the command every area uses) cannot always see the
/// header that declares the class and then files the message under "Class".
/// Every spelling therefore resolves, the fully qualified one first.
class NamespaceTolerantTranslator : public QTranslator {
public:
    using QTranslator::QTranslator;
    QString translate(const char* context, const char* sourceText, const char* disambiguation, int n) const override
    {
        QString t = QTranslator::translate(context, sourceText, disambiguation, n);
        if (t.isEmpty() && context) {
            // "aimath::x::Class" → "x::Class" → "Class".
            for (const char* c = std::strstr(context, "::"); t.isEmpty() && c; c = std::strstr(c + 2, "::"))
                t = QTranslator::translate(c + 2, sourceText, disambiguation, n);
        }
        return t;
    }
};

std::vector<std::unique_ptr<QTranslator>>& installed()
{
    static std::vector<std::unique_ptr<QTranslator>> list;
    return list;
}

QString& current()
{
    static QString code = QStringLiteral("en");
    return code;
}

}  // namespace

QStringList supportedLanguages() { return {QStringLiteral("en"), QStringLiteral("zh_CN")}; }

bool isSupportedLanguage(const QString& code) { return supportedLanguages().contains(code); }

QString languageDisplayName(const QString& code)
{
    if (code == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    return QStringLiteral("English");
}

QString systemLanguage()
{
    // uiLanguages() follows LANGUAGE/LC_MESSAGES; name() follows LC_ALL/LANG.
    const QLocale sys = QLocale::system();
    const QStringList ui = sys.uiLanguages();
    const QString first = ui.isEmpty() ? sys.name() : ui.first();
    return first.startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QString preferredLanguage()
{
    const QString saved = QSettings().value(kLanguageKey).toString();
    return isSupportedLanguage(saved) ? saved : systemLanguage();
}

void rememberLanguage(const QString& code)
{
    if (isSupportedLanguage(code))
        QSettings().setValue(kLanguageKey, code);
}

int installLanguage(const QString& code)
{
    auto& list = installed();
    for (auto& t : list)
        QCoreApplication::removeTranslator(t.get());
    list.clear();
    current() = isSupportedLanguage(code) ? code : QStringLiteral("en");
    if (current() == QLatin1String("en")) {
        // removeTranslator already sent LanguageChange when there were any.
        return 0;
    }
    const QString suffix = QStringLiteral("_%1.qm").arg(current());
    const QDir i18n(QStringLiteral(":/i18n"));
    for (const QString& name : i18n.entryList({QStringLiteral("*") + suffix}, QDir::Files, QDir::Name)) {
        auto t = std::make_unique<NamespaceTolerantTranslator>();
        if (t->load(i18n.filePath(name)) && QCoreApplication::installTranslator(t.get()))
            list.push_back(std::move(t));
    }
    // Qt's own strings (standard buttons, file dialogs, context menus) when the
    // system has them (Debian: qt6-translations-l10n).
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QStringLiteral("qtbase_") + current(), QLibraryInfo::path(QLibraryInfo::TranslationsPath)) &&
        QCoreApplication::installTranslator(qt.get()))
        list.push_back(std::move(qt));
    return static_cast<int>(list.size());
}

QString currentLanguage() { return current(); }

}  // namespace aimath
