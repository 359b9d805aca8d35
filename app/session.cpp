#include "app/session.h"

#include "widgets/common/engine_message.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace aimath {

QJsonValue paramToJson(const ParamSpec& spec, const ParamValue& value)
{
    switch (spec.type) {
    case ParamType::Real: return std::get<double>(value);
    case ParamType::Integer: return static_cast<qint64>(std::get<long long>(value));
    case ParamType::Bool: return std::get<bool>(value);
    case ParamType::Choice:
    case ParamType::Text:
    case ParamType::Path: return QString::fromStdString(std::get<std::string>(value));
    case ParamType::RealList: {
        QJsonArray a;
        for (double x : std::get<std::vector<double>>(value))
            a.append(x);
        return a;
    }
    case ParamType::TextList:
    case ParamType::ChoiceList: {
        QJsonArray a;
        for (const auto& x : std::get<std::vector<std::string>>(value))
            a.append(QString::fromStdString(x));
        return a;
    }
    }
    return {};
}

QString paramFromJson(ParamSet& params, const ParamSpec& spec, const QJsonValue& json)
{
    const QString k = QString::fromStdString(spec.key);
    auto refused = [&](const char* why) { return QCoreApplication::translate("aimath::Session", why).arg(k); };
    switch (spec.type) {
    case ParamType::Real:
        if (!json.isDouble())
            return refused(QT_TRANSLATE_NOOP("aimath::Session", "%1: expected a number"));
        return trEngine(params.trySet(spec.key, json.toDouble()));
    case ParamType::Integer: {
        if (!json.isDouble())
            return refused(QT_TRANSLATE_NOOP("aimath::Session", "%1: expected an integer"));
        const double d = json.toDouble();
        if (std::floor(d) != d || std::fabs(d) > 9.0e15)
            return refused(QT_TRANSLATE_NOOP("aimath::Session", "%1: expected an integer"));
        return trEngine(params.trySet(spec.key, static_cast<long long>(d)));
    }
    case ParamType::Bool:
        if (!json.isBool())
            return refused(QT_TRANSLATE_NOOP("aimath::Session", "%1: expected true or false"));
        return trEngine(params.trySet(spec.key, json.toBool()));
    case ParamType::Choice:
    case ParamType::Text:
    case ParamType::Path:
        if (!json.isString())
            return refused(QT_TRANSLATE_NOOP("aimath::Session", "%1: expected a string"));
        return trEngine(params.trySet(spec.key, json.toString().toStdString()));
    case ParamType::RealList: {
        if (!json.isArray())
            return refused(QT_TRANSLATE_NOOP("aimath::Session", "%1: expected an array of numbers"));
        std::vector<double> v;
        for (const QJsonValue& x : json.toArray()) {
            if (!x.isDouble())
                return refused(QT_TRANSLATE_NOOP("aimath::Session", "%1: expected an array of numbers"));
            v.push_back(x.toDouble());
        }
        return trEngine(params.trySet(spec.key, v));
    }
    case ParamType::TextList:
    case ParamType::ChoiceList: {
        if (!json.isArray())
            return refused(QT_TRANSLATE_NOOP("aimath::Session", "%1: expected an array of strings"));
        std::vector<std::string> v;
        for (const QJsonValue& x : json.toArray()) {
            if (!x.isString())
                return refused(QT_TRANSLATE_NOOP("aimath::Session", "%1: expected an array of strings"));
            v.push_back(x.toString().toStdString());
        }
        return trEngine(params.trySet(spec.key, v));
    }
    }
    return refused(QT_TRANSLATE_NOOP("aimath::Session", "%1: unsupported type"));
}

QJsonObject sessionToJson(const std::map<QString, const ParamSet*>& tabs, const QString& currentTab)
{
    QJsonObject all;
    for (const auto& [id, params] : tabs) {
        QJsonObject values;
        for (const ParamSpec& spec : params->specs())
            values.insert(QString::fromStdString(spec.key), paramToJson(spec, params->value(spec.key)));
        all.insert(id, values);
    }
    QJsonObject root;
    root.insert(QStringLiteral("format"), QStringLiteral("aimathlab-session"));
    root.insert(QStringLiteral("version"), kSessionVersion);
    root.insert(QStringLiteral("tab"), currentTab);
    root.insert(QStringLiteral("tabs"), all);
    return root;
}

SessionLoad sessionFromJson(const QByteArray& bytes, const std::map<QString, ParamSet>& declared)
{
    SessionLoad out;
    QJsonParseError perr{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &perr);
    if (perr.error != QJsonParseError::NoError) {
        out.error = QCoreApplication::translate("aimath::Session", "not valid JSON at byte %1: %2").arg(perr.offset).arg(perr.errorString());
        return out;
    }
    if (!doc.isObject()) {
        out.error = QCoreApplication::translate("aimath::Session", "not a session: the top level is not a JSON object");
        return out;
    }
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String("aimathlab-session")) {
        out.error = QCoreApplication::translate("aimath::Session", "not an AI Math Lab session (\"format\" is not \"aimathlab-session\")");
        return out;
    }
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toInt() < 1) {
        out.error = QCoreApplication::translate("aimath::Session", "\"version\" is missing or not a positive integer");
        return out;
    }
    if (version.toInt() > kSessionVersion) {
        out.error = QCoreApplication::translate("aimath::Session", "session version %1 is newer than this program understands (%2)").arg(version.toInt()).arg(kSessionVersion);
        return out;
    }
    out.currentTab = root.value(QStringLiteral("tab")).toString();
    if (!out.currentTab.isEmpty() && !declared.count(out.currentTab)) {
        out.error = QCoreApplication::translate("aimath::Session", "\"tab\": unknown tab \"%1\"").arg(out.currentTab);
        return out;
    }
    const QJsonValue tabsValue = root.value(QStringLiteral("tabs"));
    if (!tabsValue.isObject()) {
        out.error = QCoreApplication::translate("aimath::Session", "\"tabs\" is missing or not an object");
        return out;
    }
    const QJsonObject tabs = tabsValue.toObject();
    for (auto it = tabs.begin(); it != tabs.end(); ++it) {
        auto decl = declared.find(it.key());
        if (decl == declared.end()) {
            out.error = QCoreApplication::translate("aimath::Session", "tabs.%1: unknown tab").arg(it.key());
            return out;
        }
        if (!it.value().isObject()) {
            out.error = QCoreApplication::translate("aimath::Session", "tabs.%1: expected an object of parameters").arg(it.key());
            return out;
        }
        ParamSet params = decl->second;
        const QJsonObject values = it.value().toObject();
        for (auto v = values.begin(); v != values.end(); ++v) {
            const ParamSpec* spec = params.find(v.key().toStdString());
            if (!spec) {
                out.error = QCoreApplication::translate("aimath::Session", "tabs.%1.%2: unknown parameter").arg(it.key(), v.key());
                return out;
            }
            if (const QString e = paramFromJson(params, *spec, v.value()); !e.isEmpty()) {
                out.error = QStringLiteral("tabs.%1.%2").arg(it.key(), e);
                return out;
            }
        }
        if (auto e = params.checkConstraints(); !e.empty()) {
            out.error = QStringLiteral("tabs.%1.%2").arg(it.key(), QString::fromStdString(e));
            return out;
        }
        out.tabs.emplace(it.key(), std::move(params));
    }
    return out;
}

}  // namespace aimath
