// Ackley's function: f = −20 exp(−0.2 √(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20, minimum 0 at the origin.
// At the origin the first term is a cone: the gradient there is the subgradient 0 and the Hessian is infinite.
#include "engine/optim/function_surface.h"

namespace aimath::optim {
namespace {
struct Ackley {
    template <class T>
    T operator()(const T& x, const T& y) const
    {
        constexpr double kTwoPi = 6.283185307179586476925, kE = 2.718281828459045235360;
        const T r = sqrt(0.5 * (x * x + y * y));
        return -20.0 * exp(-0.2 * r) - exp(0.5 * (cos(kTwoPi * x) + cos(kTwoPi * y))) + kE + 20.0;
    }
};
class AckleySurface : public FunctionSurface<Ackley> {
public:
    std::string id() const override { return "ackley"; }
    Bounds bounds() const override { return {-5, 5, -5, 5}; }
    std::vector<KnownMinimum> minima() const override { return {{0, 0, 0, true}}; }
    double valueCost() const override { return 9.0; }
    std::string formula() const override { return "f = −20·exp(−0.2·√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20"; }
};
}  // namespace

std::unique_ptr<Surface> makeAckleySurface(const SurfaceSettings&, Message*) { return std::make_unique<AckleySurface>(); }
}  // namespace aimath::optim
