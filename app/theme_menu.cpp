#include "app/theme_menu.h"

#include "widgets/common/theme.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QMenu>
#include <QSettings>

namespace aimath {

void addThemeMenu(QMenu* view, bool remember)
{
    QMenu* menu = view->addMenu(QCoreApplication::translate("aimath::ThemeMenu", "&Theme"));
    auto* group = new QActionGroup(menu);
    group->setExclusive(true);
    const struct {
        theme::Mode mode;
        const char* label;
    } choices[] = {
        {theme::Mode::System, QT_TRANSLATE_NOOP("aimath::ThemeMenu", "&System")},
        {theme::Mode::Light, QT_TRANSLATE_NOOP("aimath::ThemeMenu", "&Light")},
        {theme::Mode::Dark, QT_TRANSLATE_NOOP("aimath::ThemeMenu", "&Dark")},
    };
    for (const auto& choice : choices) {
        QAction* action = menu->addAction(QCoreApplication::translate("aimath::ThemeMenu", choice.label));
        action->setCheckable(true);
        action->setChecked(theme::current() == choice.mode);
        action->setData(theme::modeId(choice.mode));
        group->addAction(action);
        const theme::Mode mode = choice.mode;
        QObject::connect(action, &QAction::triggered, menu, [mode, remember] {
            theme::apply(mode);
            if (remember)
                QSettings().setValue(QLatin1String(kThemeSettingsKey), theme::modeId(mode));
        });
    }
}

void applyRememberedTheme()
{
    const QString id = QSettings().value(QLatin1String(kThemeSettingsKey)).toString();
    theme::apply(theme::modeFromId(id).value_or(theme::Mode::System));
}

}  // namespace aimath
