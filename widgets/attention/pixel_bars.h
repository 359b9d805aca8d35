#pragma once

#include <qcustomplot.h>

namespace aimath {

/// QCPBars that, when it has more visible bars than its key axis has pixels, composites the
/// bars per pixel column instead of drawing one antialiased polygon per bar: in each column the
/// stretches of value covered by the same set of bars are filled once, with the opacity that
/// drawing those bars antialiased one over the other gives (1 − ∏(1 − coverage of each bar)).
/// The same picture (up to the rounding of the bars' value ends to whole pixels) at a fraction
/// of the cost. Vector exports, scaled painters (HiDPI, --scale 2), pens, stacking, groups and selections draw
/// every bar as QCPBars does; the data (and so exports of it) is every bar.
class PixelBars : public QCPBars
{
public:
    using QCPBars::QCPBars;

protected:
    void draw(QCPPainter* painter) override;
};

}  // namespace aimath
