// Styblinski–Tang: f = ½ Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ); four local minima, the global one at x = y ≈ −2.9035.
#include "engine/optim/function_surface.h"

#include <cmath>

namespace aimath::optim {
namespace {
struct StyblinskiTang {
    template <class T>
    T operator()(const T& x, const T& y) const
    {
        const T x2 = x * x, y2 = y * y;
        return 0.5 * ((x2 * x2 - 16.0 * x2 + 5.0 * x) + (y2 * y2 - 16.0 * y2 + 5.0 * y));
    }
};
/// A root of the per-coordinate stationarity condition 4t³ − 32t + 5 = 0 by Newton from t.
double stationary(double t)
{
    for (int i = 0; i < 60; ++i)
        t -= (4 * t * t * t - 32 * t + 5) / (12 * t * t - 32);
    return t;
}
class StyblinskiTangSurface : public FunctionSurface<StyblinskiTang> {
public:
    StyblinskiTangSurface()
    {
        const double lo = stationary(-2.9), hi = stationary(2.75);
        for (double x : {lo, hi})
            for (double y : {lo, hi})
                m_minima.push_back({x, y, value(x, y), x == lo && y == lo});
    }
    std::string id() const override { return "styblinski_tang"; }
    Bounds bounds() const override { return {-5, 5, -5, 5}; }
    std::vector<KnownMinimum> minima() const override { return m_minima; }
    std::string formula() const override { return "f = ½ Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ)"; }

private:
    std::vector<KnownMinimum> m_minima;
};
}  // namespace

std::unique_ptr<Surface> makeStyblinskiTangSurface(const SurfaceSettings&, Message*) { return std::make_unique<StyblinskiTangSurface>(); }
}  // namespace aimath::optim
