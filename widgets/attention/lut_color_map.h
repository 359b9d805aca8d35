#pragma once

#include <qcustomplot.h>

#include <vector>

namespace aimath {

/// QCPColorMap whose cells become pixels through a table of the gradient's colours read once per
/// image, instead of QCPColorGradient::colorize's per-cell work (about 26 instructions a cell: 7 M
/// of a temperature change at 2,048 tokens, 512 × 512 cells). The same pixels: each cell gets the
/// level colorize would give it (the same index arithmetic, the table read from colorize itself),
/// in the same image QCPColorMap draws. Maps it does not cover (an alpha map, a logarithmic or
/// periodic scale, no NaN handling, vertical keys, or maps small enough that QCPColorMap
/// oversamples them, 100 cells a side or fewer) are coloured by QCPColorMap itself.
class LutColorMap : public QCPColorMap
{
public:
    using QCPColorMap::QCPColorMap;

    /// Colours of `n` values into `out`, as gradient.colorize(data, range, out, n) does (linear,
    /// not periodic, NaN handled). False, and nothing written, for a gradient it does not cover.
    static bool colorizeLinear(const QCPColorGradient& gradient, const double* data, const QCPRange& range, QRgb* out, int n);

protected:
    void updateMapImage() override;
};

}  // namespace aimath
