#pragma once
// Light and dark (View > Theme, --theme): the application's style and palette,
// and the colours plots take from a palette. Tabs draw with colours authored
// for black ink on white paper; PlotView moves the neutral ones (black, greys,
// white) to the palette's ink and paper, so no tab needs theme code.

#include <QColor>
#include <QPalette>
#include <QString>

#include <optional>

namespace aimath::theme {

enum class Mode { System, Light, Dark };

/// "system", "light", "dark" (settings and the command line).
QString modeId(Mode mode);
std::optional<Mode> modeFromId(const QString& id);

/// Applies a mode to the running QApplication. Dark: Fusion with darkPalette().
/// Light: the platform's palette and style when they are light, else Fusion's
/// light palette. System: the platform's own palette and style, which Qt keeps
/// up to date when the desktop's theme changes (QEvent::ThemeChange).
void apply(Mode mode);
/// The mode last applied (System before any).
Mode current();

/// True when the palette's window colour is dark (HSL lightness below 50%):
/// how "system" is decided on Qt 6.4, which has no QStyleHints::colorScheme.
bool isDark(const QPalette& palette);
/// The dark palette (Fusion style), chosen for contrast: text #e6e6e6 on window #2d2d2d.
QPalette darkPalette();
/// Fusion's light palette: exports "for papers" and Light on a dark desktop.
QPalette lightPalette();

/// The background of a plot in this palette (QPalette::Base).
QColor plotPaper(const QPalette& palette);
/// The plot ink (axes, tick labels, titles) in this palette (QPalette::Text).
QColor plotInk(const QPalette& palette);

/// A colour authored for black ink on white paper, as drawn with `palette`.
/// Light palettes: unchanged. Dark palettes: a neutral colour (black, grey,
/// white) keeps its place between ink and paper (black → the text colour,
/// white → the plot background, a light grid grey → a grey just above the
/// background); the few concept colours too dark to read on a dark
/// background get a lighter variant; every other colour stays. Alpha is kept.
QColor adaptInk(const QColor& authored, const QPalette& palette);

}  // namespace aimath::theme
