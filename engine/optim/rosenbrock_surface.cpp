// Rosenbrock's banana valley: f = (1 − x)² + 100(y − x²)², minimum 0 at (1, 1).
#include "engine/optim/function_surface.h"

namespace aimath::optim {
namespace {
struct Rosenbrock {
    template <class T>
    T operator()(const T& x, const T& y) const
    {
        const T a = 1.0 - x;
        const T b = y - x * x;
        return a * a + 100.0 * (b * b);
    }
};
class RosenbrockSurface : public FunctionSurface<Rosenbrock> {
public:
    std::string id() const override { return "rosenbrock"; }
    Bounds bounds() const override { return {-2, 2, -1, 3}; }
    std::vector<KnownMinimum> minima() const override { return {{1, 1, 0, true}}; }
    std::string formula() const override { return "f = (1 − x)² + 100(y − x²)²"; }
};
}  // namespace

std::unique_ptr<Surface> makeRosenbrockSurface(const SurfaceSettings&, Message*) { return std::make_unique<RosenbrockSurface>(); }
}  // namespace aimath::optim
