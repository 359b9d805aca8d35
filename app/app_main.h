#pragma once
#include "widgets/common/tab_registry.h"

#include <functional>
#include <vector>

namespace aimath {
/// The whole program: command line, headless export or the window. The tabs
/// come from a factory so tests can run the shell around a test-only tab.
int runApp(int argc, char** argv, const std::function<std::vector<TabInfo>()>& tabs);
}  // namespace aimath
