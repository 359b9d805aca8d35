#include "widgets/common/palette.h"

#include <array>
#include <string>
#include <unordered_map>

namespace aimath::palette {

namespace {
// Okabe–Ito and Tableau 10 colours: distinguishable for colour-blind readers.
const std::array<QColor, 10> kCategory{QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                       QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                       QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                                       QColor(0x17, 0xbe, 0xcf)};

const std::unordered_map<std::string, QColor>& table()
{
    static const std::unordered_map<std::string, QColor> t{
        // Distributions: P and Q everywhere.
        {"p", QColor(0x1f, 0x77, 0xb4)},
        {"q", QColor(0xd6, 0x27, 0x28)},
        {"fit", QColor(0x2c, 0xa0, 0x2c)},
        {"kl", QColor(0x94, 0x67, 0xbd)},
        {"prior", QColor(0x7f, 0x7f, 0x7f)},
        {"likelihood", QColor(0xff, 0x7f, 0x0e)},
        {"posterior", QColor(0x94, 0x67, 0xbd)},
        {"sampled", QColor(0xd6, 0x27, 0x28)},
        {"cumulative", QColor(0xbc, 0xbd, 0x22)},
        {"x", QColor(0x17, 0xbe, 0xcf)},
        {"y", QColor(0xff, 0x7f, 0x0e)},
        {"mi", QColor(0x2c, 0xa0, 0x2c)},
        // Attention: queries, keys and values; row entropy; the √d view's scaled and unscaled scores.
        {"query", QColor(0x1f, 0x77, 0xb4)},
        {"key", QColor(0xff, 0x7f, 0x0e)},
        {"value", QColor(0x2c, 0xa0, 0x2c)},
        {"entropy", QColor(0x94, 0x67, 0xbd)},
        {"scaled", QColor(0x1f, 0x77, 0xb4)},
        {"unscaled", QColor(0xd6, 0x27, 0x28)},
        // Optimizers.
        {"sgd", QColor(0x1f, 0x77, 0xb4)},
        {"momentum", QColor(0xff, 0x7f, 0x0e)},
        {"nesterov", QColor(0x2c, 0xa0, 0x2c)},
        {"adagrad", QColor(0x94, 0x67, 0xbd)},
        {"rmsprop", QColor(0x8c, 0x56, 0x4b)},
        {"adam", QColor(0xd6, 0x27, 0x28)},
        {"adamw", QColor(0xe3, 0x77, 0xc2)},
        // Float formats: wide formats cool, narrow formats warm.
        {"fp64", QColor(0x17, 0x3f, 0x5f)},
        {"fp32", QColor(0x1f, 0x77, 0xb4)},
        {"tf32", QColor(0x17, 0xbe, 0xcf)},
        {"fp16", QColor(0x2c, 0xa0, 0x2c)},
        {"bf16", QColor(0xff, 0x7f, 0x0e)},
        {"fp8_e4m3", QColor(0xd6, 0x27, 0x28)},
        {"fp8_e5m2", QColor(0x94, 0x67, 0xbd)},
        {"fp8_e4m3fnuz", QColor(0xe3, 0x77, 0xc2)},
        {"fp8_e5m2fnuz", QColor(0x8c, 0x56, 0x4b)},
        {"fp6_e2m3", QColor(0xbc, 0xbd, 0x22)},
        {"fp6_e3m2", QColor(0x7f, 0x7f, 0x7f)},
        {"fp4_e2m1", QColor(0x00, 0x00, 0x00)},
        {"e8m0", QColor(0x66, 0x66, 0x99)},
        {"custom", QColor(0x99, 0x66, 0x33)},
        {"int8", QColor(0x33, 0x66, 0x99)},
        {"int4", QColor(0x99, 0x33, 0x66)},
        // Summation methods.
        {"naive", QColor(0xd6, 0x27, 0x28)},
        {"kahan", QColor(0x2c, 0xa0, 0x2c)},
        {"pairwise", QColor(0x1f, 0x77, 0xb4)},
        // Embeddings: PCA quantities and the exploration overlays.
        {"embedding_point", QColor(0x1f, 0x77, 0xb4)},
        {"explained_variance", QColor(0x1f, 0x77, 0xb4)},
        {"cumulative_variance", QColor(0xff, 0x7f, 0x0e)},
        {"reconstruction_error", QColor(0x94, 0x67, 0xbd)},
        {"selection", QColor(0xd6, 0x27, 0x28)},
        {"neighbor", QColor(0xff, 0x7f, 0x0e)},
        {"analogy", QColor(0x2c, 0xa0, 0x2c)},
        {"search_match", QColor(0x00, 0x00, 0x00)},
    };
    return t;
}
}  // namespace

QColor color(std::string_view name)
{
    const auto& t = table();
    if (auto it = t.find(std::string(name)); it != t.end())
        return it->second;
    // Stable fallback: FNV-1a of the name picks a categorical colour.
    std::uint32_t h = 2166136261u;
    for (char c : name)
        h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return category(static_cast<int>(h % kCategory.size()));
}

QColor category(int i)
{
    const int n = static_cast<int>(kCategory.size());
    return kCategory[static_cast<std::size_t>(((i % n) + n) % n)];
}

QCPColorGradient viridis()
{
    // Stops sampled from matplotlib's viridis at 0, 1/8, …, 1.
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.000, QColor(68, 1, 84));
    g.setColorStopAt(0.125, QColor(71, 44, 122));
    g.setColorStopAt(0.250, QColor(59, 81, 139));
    g.setColorStopAt(0.375, QColor(44, 113, 142));
    g.setColorStopAt(0.500, QColor(33, 144, 141));
    g.setColorStopAt(0.625, QColor(39, 173, 129));
    g.setColorStopAt(0.750, QColor(92, 200, 99));
    g.setColorStopAt(0.875, QColor(170, 220, 50));
    g.setColorStopAt(1.000, QColor(253, 231, 37));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setLevelCount(256);
    return g;
}

QCPColorGradient diverging()
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(33, 102, 172));
    g.setColorStopAt(0.25, QColor(146, 197, 222));
    g.setColorStopAt(0.5, QColor(247, 247, 247));
    g.setColorStopAt(0.75, QColor(244, 165, 130));
    g.setColorStopAt(1.0, QColor(178, 24, 43));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setLevelCount(256);
    return g;
}

}  // namespace aimath::palette
