// The saddle f = x² − y²: a stationary point at the origin that is not a minimum; f is unbounded below.
#include "engine/optim/function_surface.h"

namespace aimath::optim {
namespace {
struct Saddle {
    template <class T>
    T operator()(const T& x, const T& y) const { return x * x - y * y; }
};
class SaddleSurface : public FunctionSurface<Saddle> {
public:
    std::string id() const override { return "saddle"; }
    Bounds bounds() const override { return {-2, 2, -2, 2}; }
    std::string formula() const override { return "f = x² − y²"; }
};
}  // namespace

std::unique_ptr<Surface> makeSaddleSurface(const SurfaceSettings&, Message*) { return std::make_unique<SaddleSurface>(); }
}  // namespace aimath::optim
