#include "app/app_main.h"
#include "app/builtin_tabs.h"

int main(int argc, char** argv)
{
    return aimath::runApp(argc, argv, &aimath::builtinTabs);
}
