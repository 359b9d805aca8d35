// The shell around the test-only demo tab: proves the command line, export and
// sessions independently of the real tabs.
#include "app/app_main.h"
#include "tests/support/demo_tab.h"

int main(int argc, char** argv)
{
    return aimath::runApp(argc, argv, [] { return std::vector<aimath::TabInfo>{aimath::makeTabInfo<aimath::DemoTab>(QStringLiteral("demo"))}; });
}
