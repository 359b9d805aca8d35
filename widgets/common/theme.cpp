#include "widgets/common/theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

#include <algorithm>
#include <cmath>
#include <memory>

namespace aimath::theme {

namespace {

Mode g_mode = Mode::System;
QString g_platformStyle;  // the style Qt chose before we touched anything

/// WCAG relative luminance of an sRGB colour.
double luminance(const QColor& c)
{
    auto lin = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

void setStyleByName(const QString& name)
{
    if (name.isEmpty() || QApplication::style()->name().compare(name, Qt::CaseInsensitive) == 0)
        return;
    if (QStyle* style = QStyleFactory::create(name))
        QApplication::setStyle(style);
}

}  // namespace

QString modeId(Mode mode)
{
    switch (mode) {
    case Mode::Light: return QStringLiteral("light");
    case Mode::Dark: return QStringLiteral("dark");
    case Mode::System: break;
    }
    return QStringLiteral("system");
}

std::optional<Mode> modeFromId(const QString& id)
{
    for (Mode m : {Mode::System, Mode::Light, Mode::Dark})
        if (id == modeId(m))
            return m;
    return std::nullopt;
}

bool isDark(const QPalette& palette) { return palette.color(QPalette::Window).lightnessF() < 0.5; }

QPalette darkPalette()
{
    const QColor window(0x2d, 0x2d, 0x2d), base(0x1e, 0x1e, 0x1e), alt(0x26, 0x26, 0x26), button(0x3a, 0x3a, 0x3a);
    const QColor text(0xe6, 0xe6, 0xe6), disabledText(0x80, 0x80, 0x80), highlight(0x2f, 0x7f, 0xd0);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alt);
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3c, 0x3c));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x55, 0x55, 0x55));
    p.setColor(QPalette::Midlight, QColor(0x45, 0x45, 0x45));
    p.setColor(QPalette::Mid, QColor(0x30, 0x30, 0x30));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1a, 0x1a));
    p.setColor(QPalette::Shadow, QColor(0x0a, 0x0a, 0x0a));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xc0, 0x9c, 0xf0));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::PlaceholderText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x50));
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    return p;
}

QPalette lightPalette()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return fusion ? fusion->standardPalette() : QPalette(Qt::white);
}

void apply(Mode mode)
{
    if (g_platformStyle.isNull())
        g_platformStyle = QApplication::style()->name();
    g_mode = mode;
    if (mode == Mode::Dark) {
        setStyleByName(QStringLiteral("Fusion"));
        QApplication::setPalette(darkPalette());
        return;
    }
    // Back to what the platform gives (a default QPalette has nothing set, so
    // the application follows the platform theme again).
    setStyleByName(g_platformStyle);
    QApplication::setPalette(QPalette());
    if (mode == Mode::Light && isDark(QApplication::palette())) {
        setStyleByName(QStringLiteral("Fusion"));
        QApplication::setPalette(lightPalette());
    }
}

Mode current() { return g_mode; }

QColor plotPaper(const QPalette& palette) { return palette.color(QPalette::Active, QPalette::Base); }
QColor plotInk(const QPalette& palette) { return palette.color(QPalette::Active, QPalette::Text); }

QColor adaptInk(const QColor& authored, const QPalette& palette)
{
    if (!authored.isValid() || authored.alpha() == 0 || !isDark(palette))
        return authored;
    const QColor paper = plotPaper(palette);
    const QColor ink = plotInk(palette);
    const int r = authored.red(), g = authored.green(), b = authored.blue();
    const int chroma = std::max({r, g, b}) - std::min({r, g, b});
    if (chroma <= 12) {
        // Neutral: t = 0 is white paper, t = 1 black ink.
        const double t = 1.0 - (r + g + b) / (3.0 * 255.0);
        auto mix = [t](int p, int i) { return static_cast<int>(std::lround(p + t * (i - p))); };
        return QColor(mix(paper.red(), ink.red()), mix(paper.green(), ink.green()), mix(paper.blue(), ink.blue()), authored.alpha());
    }
    // A concept colour below 3:1 against the dark paper (WCAG's minimum for
    // graphics) is lightened in small HSL steps, hue and saturation kept.
    if (contrast(authored, paper) >= 3.0)
        return authored;
    QColor c = authored.toHsl();
    for (int i = 0; i < 20 && contrast(c, paper) < 3.0; ++i)
        c.setHslF(c.hslHueF(), c.hslSaturationF(), std::min(1.0, c.lightnessF() + 0.03), c.alphaF());
    return c.toRgb();
}

}  // namespace aimath::theme
