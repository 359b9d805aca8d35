#pragma once
// Sessions: every tab's parameters in one versioned JSON file. Pure functions
// over ParamSets so the command line, the window and the tests share them.

#include "engine/core/params.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <map>

namespace aimath {

inline constexpr int kSessionVersion = 1;

/// One parameter value as JSON (reals as numbers, lists as arrays).
QJsonValue paramToJson(const ParamSpec& spec, const ParamValue& value);
/// Sets `key` of `params` from JSON; returns "" or a message naming the key, in the window's language.
QString paramFromJson(ParamSet& params, const ParamSpec& spec, const QJsonValue& json);

/// {"format":"aimathlab-session","version":1,"tab":current,"tabs":{id:{key:value}}}
QJsonObject sessionToJson(const std::map<QString, const ParamSet*>& tabs, const QString& currentTab);

struct SessionLoad {
    QString error;        ///< empty on success; names the tab and key at fault
    QString currentTab;   ///< may be empty
    std::map<QString, ParamSet> tabs;  ///< validated sets, only for tabs present in the file
};
/// Parses and validates a whole session against the declared sets; nothing is applied on error.
SessionLoad sessionFromJson(const QByteArray& bytes, const std::map<QString, ParamSet>& declared);

}  // namespace aimath
