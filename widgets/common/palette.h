#pragma once
// One colour per concept, everywhere: P and Q, each optimizer, each float format
// keep their colour across plots and tabs. The perceptually uniform colour map
// for every heatmap lives here too.

#include <qcustomplot.h>

#include <QColor>
#include <string_view>

namespace aimath::palette {

/// The fixed colour of a named concept ("p", "q", "adam", "bf16", "kahan", ...);
/// unknown names get a stable colour from the categorical palette.
QColor color(std::string_view name);
/// The i-th colour of a colour-blind-friendly categorical palette (Okabe–Ito / Tableau 10).
QColor category(int i);
/// Viridis built from colour stops (QCustomPlot 2.1.0 has no gpViridis).
QCPColorGradient viridis();
/// A diverging map (blue–white–red) for signed data such as errors and loadings.
QCPColorGradient diverging();

}  // namespace aimath::palette
