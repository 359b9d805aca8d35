// Rastrigin's function with A = 10: f = 2A + Σ (xᵢ² − A cos 2πxᵢ), a grid of local minima, global minimum 0 at the origin.
#include "engine/optim/function_surface.h"

namespace aimath::optim {
namespace {
struct Rastrigin {
    template <class T>
    T operator()(const T& x, const T& y) const
    {
        constexpr double kA = 10.0, kTwoPi = 6.283185307179586476925;
        return 2.0 * kA + (x * x - kA * cos(kTwoPi * x)) + (y * y - kA * cos(kTwoPi * y));
    }
};
class RastriginSurface : public FunctionSurface<Rastrigin> {
public:
    std::string id() const override { return "rastrigin"; }
    Bounds bounds() const override { return {-5.12, 5.12, -5.12, 5.12}; }
    std::vector<KnownMinimum> minima() const override { return {{0, 0, 0, true}}; }
    double valueCost() const override { return 7.0; }
    std::string formula() const override { return "f = 20 + (x² − 10 cos 2πx) + (y² − 10 cos 2πy)"; }
};
}  // namespace

std::unique_ptr<Surface> makeRastriginSurface(const SurfaceSettings&, Message*) { return std::make_unique<RastriginSurface>(); }
}  // namespace aimath::optim
