#include "widgets/common/engine_message.h"

#include <QCoreApplication>

namespace aimath {

QString trEngine(const Message& m)
{
    if (!m.templ())
        return QString::fromStdString(m.data());
    const QString t = QCoreApplication::translate("aimath::engine", m.templ());
    const auto& args = m.args();
    QString out;
    out.reserve(t.size() + 16 * static_cast<qsizetype>(args.size()));
    for (qsizetype i = 0; i < t.size(); ++i) {
        const QChar c = t.at(i);
        if (c == QLatin1Char('%') && i + 1 < t.size() && t.at(i + 1) >= QLatin1Char('1') && t.at(i + 1) <= QLatin1Char('9')) {
            const auto k = static_cast<std::size_t>(t.at(i + 1).unicode() - '1');
            if (k < args.size()) {
                out += trEngine(args[k]);
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

}  // namespace aimath
