// Beale's function: f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum 0 at (3, 0.5).
#include "engine/optim/function_surface.h"

namespace aimath::optim {
namespace {
struct Beale {
    template <class T>
    T operator()(const T& x, const T& y) const
    {
        const T y2 = y * y;
        const T a = 1.5 - x + x * y;
        const T b = 2.25 - x + x * y2;
        const T c = 2.625 - x + x * (y2 * y);
        return a * a + b * b + c * c;
    }
};
class BealeSurface : public FunctionSurface<Beale> {
public:
    std::string id() const override { return "beale"; }
    Bounds bounds() const override { return {-4.5, 4.5, -4.5, 4.5}; }
    std::vector<KnownMinimum> minima() const override { return {{3, 0.5, 0, true}}; }
    std::string formula() const override { return "f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²"; }
};
}  // namespace

std::unique_ptr<Surface> makeBealeSurface(const SurfaceSettings&, Message*) { return std::make_unique<BealeSurface>(); }
}  // namespace aimath::optim
