// The user's own f(x, y), parsed once; gradient and Hessian by automatic differentiation of the parsed program.
#include "engine/optim/expression.h"
#include "engine/optim/surface.h"

namespace aimath::optim {
namespace {
class CustomSurface : public Surface {
public:
    explicit CustomSurface(Expression e) : m_e(std::move(e)) {}
    std::string id() const override { return "custom"; }
    double value(double x, double y) const override { return m_e.evaluate(x, y); }
    Eigen::Vector2d gradient(double x, double y) const override
    {
        const auto j = m_e.evaluate(Jet<false>::variable(x, 0), Jet<false>::variable(y, 1));
        return {j.g[0], j.g[1]};
    }
    Eigen::Matrix2d hessian(double x, double y) const override
    {
        const auto j = m_e.evaluate(Jet<true>::variable(x, 0), Jet<true>::variable(y, 1));
        Eigen::Matrix2d h;
        h << j.h[0], j.h[1], j.h[1], j.h[2];
        return h;
    }
    Bounds bounds() const override { return {-3, 3, -3, 3}; }
    double valueCost() const override { return 8.0; }  // the default expression; an interpreted program of a few operations
    std::string formula() const override { return "f = " + m_e.text(); }

private:
    Expression m_e;
};
}  // namespace

std::unique_ptr<Surface> makeCustomSurface(const SurfaceSettings& s, Message* error)
{
    Expression e;
    const auto r = e.parse(s.expression);
    if (!r.ok) {
        if (error)
            *error = Message(QT_TRANSLATE_NOOP("aimath::engine", "expression: %1"), {r.why});
        return nullptr;
    }
    return std::make_unique<CustomSurface>(std::move(e));
}
}  // namespace aimath::optim
