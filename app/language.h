#pragma once
// The language of the window: English (the source strings) or Simplified
// Chinese (zh_CN, compiled from translations/*_zh_CN.ts into :/i18n/). Data
// (exports, sessions, the command line) never changes with it.

#include <QString>
#include <QStringList>

namespace aimath {

/// "en" and "zh_CN", in menu order.
QStringList supportedLanguages();
bool isSupportedLanguage(const QString& code);
/// The language's own name ("English", "简体中文"), never translated.
QString languageDisplayName(const QString& code);
/// zh_CN when the system locale is any Chinese (zh*), en otherwise.
QString systemLanguage();
/// The user's explicit choice saved in QSettings, else systemLanguage().
QString preferredLanguage();
/// Remembers an explicit choice (View > Language).
void rememberLanguage(const QString& code);

/// Installs the translators for code (removing those of the previous language)
/// and returns the number of catalogues loaded (the app's :/i18n/*.qm and Qt's
/// own qtbase). "en" removes them all. Qt sends LanguageChange to every widget.
int installLanguage(const QString& code);
/// The language last installed ("en" before any call).
QString currentLanguage();

}  // namespace aimath
