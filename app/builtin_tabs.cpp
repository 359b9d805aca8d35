#include "app/builtin_tabs.h"

#include <QStringList>

#include <algorithm>

#include "widgets/attention/attention_tab.h"
#include "widgets/distributions/distributions_tab.h"
#include "widgets/embeddings/embeddings_tab.h"
#include "widgets/precision/precision_tab.h"
#include "widgets/descent/descent_tab.h"
// TAB-INCLUDES (keep this marker: each tab adds its #include above it)

namespace aimath {

std::vector<TabInfo> builtinTabs()
{
    std::vector<TabInfo> tabs;
    tabs.push_back(makeTabInfo<AttentionTab>("attention"));
    tabs.push_back(makeTabInfo<DistributionsTab>("distributions"));
    tabs.push_back(makeTabInfo<EmbeddingsTab>("embeddings"));
    tabs.push_back(makeTabInfo<PrecisionTab>("precision"));
    tabs.push_back(makeTabInfo<DescentTab>("descent"));
    // TAB-REGISTRATIONS (keep this marker: each tab adds one tabs.push_back(makeTabInfo<XTab>("x")); above it)

    // Tab-bar order (Ctrl+1 … Ctrl+5) is fixed here, whatever order the lines above are in.
    static const QStringList kOrder{"embeddings", "attention", "descent", "distributions", "precision"};
    std::stable_sort(tabs.begin(), tabs.end(), [](const TabInfo& a, const TabInfo& b) { return kOrder.indexOf(a.id) < kOrder.indexOf(b.id); });
    return tabs;
}

}  // namespace aimath
