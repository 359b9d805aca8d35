#include "widgets/common/number_text.h"

#include <QCoreApplication>

namespace aimath {

QLocale windowLocale()
{
    // The translation of this name is the language's locale, so the numbers follow the
    // language the window is in, not LANG (often C or POSIX, which groups nothing).
    return QLocale(QCoreApplication::translate("aimath::locale", "en_US", "locale name of the window's language"));
}

QString countText(long long n)
{
    if (n > -10000 && n < 10000)
        return QString::number(n);
    return windowLocale().toString(n);
}

}  // namespace aimath
