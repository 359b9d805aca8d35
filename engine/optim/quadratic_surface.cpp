// f = ½(u² + κ·v²), u = x cos θ + y sin θ, v = −x sin θ + y cos θ: an ill-conditioned bowl whose axes are turned by θ.
#include "engine/optim/function_surface.h"

#include <cmath>

namespace aimath::optim {
namespace {
struct Quadratic {
    double kappa, c, s;
    template <class T>
    T operator()(const T& x, const T& y) const
    {
        const T u = x * c + y * s;
        const T v = -x * s + y * c;
        return 0.5 * (u * u + kappa * (v * v));
    }
};
class QuadraticSurface : public FunctionSurface<Quadratic> {
public:
    using FunctionSurface::FunctionSurface;
    std::string id() const override { return "quadratic"; }
    Bounds bounds() const override { return {-3, 3, -3, 3}; }
    std::vector<KnownMinimum> minima() const override { return {{0, 0, 0, true}}; }
    std::string formula() const override { return "f = ½(u² + κ·v²),  u = x cos θ + y sin θ,  v = −x sin θ + y cos θ"; }
};
}  // namespace

std::unique_ptr<Surface> makeQuadraticSurface(const SurfaceSettings& s, Message*)
{
    const double th = s.angleDeg * 3.14159265358979323846 / 180.0;
    return std::make_unique<QuadraticSurface>(Quadratic{s.condition, std::cos(th), std::sin(th)});
}
}  // namespace aimath::optim
