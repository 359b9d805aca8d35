#pragma once
// Counts and sizes as the window shows them (titles, readouts, tooltips).

#include <QLocale>
#include <QString>

namespace aimath {

/// The locale of the window's language (en_US or zh_CN), whatever the system locale is.
QLocale windowLocale();

/// A count for display: from 5 digits on with the window locale's group separators
/// ("12,345", "1,000,000"; zh_CN groups alike), plain below ("1000"). Not for data
/// files, the command line or parameter fields, which stay in the C locale.
QString countText(long long n);

}  // namespace aimath
