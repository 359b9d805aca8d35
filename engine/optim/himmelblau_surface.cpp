// Himmelblau's function: f = (x² + y − 11)² + (x + y² − 7)², four minima of value 0.
#include "engine/optim/function_surface.h"

namespace aimath::optim {
namespace {
struct Himmelblau {
    template <class T>
    T operator()(const T& x, const T& y) const
    {
        const T a = x * x + y - 11.0;
        const T b = x + y * y - 7.0;
        return a * a + b * b;
    }
};
class HimmelblauSurface : public FunctionSurface<Himmelblau> {
public:
    HimmelblauSurface()
    {
        // (3, 2) is exact; the other three are roots of a quartic, polished by Newton from published approximations.
        const double approx[4][2] = {{3.0, 2.0}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
        for (const auto& a : approx)
            m_minima.push_back(polishMinimum(*this, a[0], a[1]));
    }
    std::string id() const override { return "himmelblau"; }
    Bounds bounds() const override { return {-5, 5, -5, 5}; }
    std::vector<KnownMinimum> minima() const override { return m_minima; }
    std::string formula() const override { return "f = (x² + y − 11)² + (x + y² − 7)²"; }

private:
    std::vector<KnownMinimum> m_minima;
};
}  // namespace

std::unique_ptr<Surface> makeHimmelblauSurface(const SurfaceSettings&, Message*) { return std::make_unique<HimmelblauSurface>(); }
}  // namespace aimath::optim
