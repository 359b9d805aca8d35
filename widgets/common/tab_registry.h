#pragma once
// How the app learns about a tab without constructing it: its id, its title,
// its parameter declaration (for --list-params, sessions and settings) and a
// factory. Registration is one line in app/builtin_tabs.cpp.

#include "engine/core/params.h"
#include "widgets/common/tab.h"

#include <QString>

#include <functional>
#include <vector>

namespace aimath {

struct TabInfo {
    QString id;
    std::function<QString()> title;
    std::function<ParamSet()> declareParams;
    std::function<Tab*(ParamSet)> create;
};

/// T has static ParamSet declareParams(), static QString staticTitle() and T(ParamSet, QWidget* = nullptr).
template <class T>
TabInfo makeTabInfo(const QString& id)
{
    return TabInfo{id, [] { return T::staticTitle(); }, [] { return T::declareParams(); },
                   [](ParamSet p) -> Tab* { return new T(std::move(p)); }};
}

}  // namespace aimath
