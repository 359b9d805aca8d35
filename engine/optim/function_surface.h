#pragma once
// A Surface from a function object written once as a template over the scalar
// type: double gives the value, Jet<false> the gradient, Jet<true> the Hessian.

#include "engine/optim/jet.h"
#include "engine/optim/surface.h"

namespace aimath::optim {

template <class F>
class FunctionSurface : public Surface {
public:
    explicit FunctionSurface(F f = F()) : m_f(std::move(f)) {}
    double value(double x, double y) const override { return m_f(x, y); }
    Eigen::Vector2d gradient(double x, double y) const override
    {
        const auto j = m_f(Jet<false>::variable(x, 0), Jet<false>::variable(y, 1));
        return {j.g[0], j.g[1]};
    }
    Eigen::Matrix2d hessian(double x, double y) const override
    {
        const auto j = m_f(Jet<true>::variable(x, 0), Jet<true>::variable(y, 1));
        Eigen::Matrix2d h;
        h << j.h[0], j.h[1], j.h[1], j.h[2];
        return h;
    }

protected:
    F m_f;
};

}  // namespace aimath::optim
