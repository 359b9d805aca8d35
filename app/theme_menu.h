#pragma once
// View > Theme: System, Light, Dark (widgets/common/theme.h), remembered in
// QSettings under view/theme.

class QMenu;

namespace aimath {

/// The settings key of the theme choice.
inline constexpr const char* kThemeSettingsKey = "view/theme";

/// Adds the Theme submenu to `view`; a choice applies at once and, when
/// `remember`, is stored for the next start.
void addThemeMenu(QMenu* view, bool remember);

/// Applies the remembered theme (System when none or unknown).
void applyRememberedTheme();

}  // namespace aimath
