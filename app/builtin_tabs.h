#pragma once
#include "widgets/common/tab_registry.h"

#include <vector>

namespace aimath {
/// The five tabs the app ships, in tab-bar order.
std::vector<TabInfo> builtinTabs();
}  // namespace aimath
