// The surface list. Adding a surface: one <name>_surface.cpp defining make<Name>Surface, one X(...) line below.
#include "engine/optim/surface.h"

#include <Eigen/Dense>

#include <cmath>

namespace aimath::optim {

#define AIMATH_SURFACES(X)                   \
    X("quadratic", makeQuadraticSurface)     \
    X("rosenbrock", makeRosenbrockSurface)   \
    X("himmelblau", makeHimmelblauSurface)   \
    X("beale", makeBealeSurface)             \
    X("rastrigin", makeRastriginSurface)     \
    X("ackley", makeAckleySurface)           \
    X("saddle", makeSaddleSurface)           \
    X("styblinski_tang", makeStyblinskiTangSurface) \
    X("logistic", makeLogisticSurface)       \
    X("custom", makeCustomSurface)

#define AIMATH_DECLARE(id, fn) std::unique_ptr<Surface> fn(const SurfaceSettings&, Message*);
AIMATH_SURFACES(AIMATH_DECLARE)
#undef AIMATH_DECLARE

namespace {
struct Entry {
    const char* id;
    std::unique_ptr<Surface> (*make)(const SurfaceSettings&, Message*);
};
#define AIMATH_ENTRY(id, fn) Entry{id, &fn},
const Entry kEntries[] = {AIMATH_SURFACES(AIMATH_ENTRY)};
#undef AIMATH_ENTRY
}  // namespace

const std::vector<std::string>& surfaceIds()
{
    static const std::vector<std::string> ids = [] {
        std::vector<std::string> v;
        for (const auto& e : kEntries)
            v.emplace_back(e.id);
        return v;
    }();
    return ids;
}

std::unique_ptr<Surface> makeSurface(const std::string& id, const SurfaceSettings& settings, Message* error)
{
    for (const auto& e : kEntries)
        if (id == e.id)
            return e.make(settings, error);
    if (error)
        *error = Message(QT_TRANSLATE_NOOP("aimath::engine", "surface: unknown surface '%1'"), {id});
    return nullptr;
}

std::unique_ptr<Surface> makeSurface(const std::string& id, const SurfaceSettings& settings, std::string* error)
{
    Message why;
    auto s = makeSurface(id, settings, &why);
    if (!s && error)
        *error = why.text();
    return s;
}

KnownMinimum polishMinimum(const Surface& s, double x, double y)
{
    Eigen::Vector2d p(x, y);
    for (int i = 0; i < 50; ++i) {
        const Eigen::Vector2d g = s.gradient(p.x(), p.y());
        const Eigen::Vector2d d = s.hessian(p.x(), p.y()).ldlt().solve(g);
        if (!d.allFinite())
            break;
        p -= d;
        if (d.norm() <= 1e-15 * (1.0 + p.norm()))
            break;
    }
    return {p.x(), p.y(), s.value(p.x(), p.y()), true};
}

}  // namespace aimath::optim
