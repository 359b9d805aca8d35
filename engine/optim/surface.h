#pragma once
// A loss surface f(x, y): value, gradient and Hessian at a point, the region
// worth looking at and the minima known in closed form. One surface is one
// file plus one line in surface_registry.cpp.

#include "engine/core/message.h"
#include "engine/optim/rng.h"

#include <Eigen/Core>

#include <memory>
#include <string>
#include <vector>

namespace aimath::optim {

struct Bounds {
    double xMin = -1.0, xMax = 1.0, yMin = -1.0, yMax = 1.0;
};

struct KnownMinimum {
    double x = 0.0, y = 0.0, f = 0.0;
    bool global = true;
};

/// What the surfaces are built from (the tab's parameters, without Qt).
struct SurfaceSettings {
    double condition = 10.0;   ///< quadratic: κ
    double angleDeg = 30.0;    ///< quadratic: rotation θ in degrees
    std::string expression;    ///< custom: f(x, y)
    int batch = 0;             ///< logistic: minibatch size, 0 = full batch
};

class Surface {
public:
    virtual ~Surface() = default;
    virtual std::string id() const = 0;
    /// f(x, y)
    virtual double value(double x, double y) const = 0;
    /// ∇f(x, y), exact (automatic or analytic differentiation)
    virtual Eigen::Vector2d gradient(double x, double y) const = 0;
    /// ∇²f(x, y), exact
    virtual Eigen::Matrix2d hessian(double x, double y) const = 0;
    /// The gradient an optimizer step sees: ∇f, or a minibatch estimate drawn from rng on stochastic surfaces.
    virtual Eigen::Vector2d stepGradient(double x, double y, Rng& rng) const
    {
        (void)rng;
        return gradient(x, y);
    }
    virtual bool stochastic() const { return false; }
    /// f and ∇f together (surfaces that share work between them override it).
    virtual double valueAndGradient(double x, double y, Eigen::Vector2d* grad) const
    {
        *grad = gradient(x, y);
        return value(x, y);
    }
    /// The default view rectangle.
    virtual Bounds bounds() const = 0;
    virtual std::vector<KnownMinimum> minima() const { return {}; }
    /// The formula as HTML-free Unicode text, for the explanation panel.
    virtual std::string formula() const = 0;
    /// Rough cost of one value() relative to a polynomial surface (measured, 1024² grids): a
    /// widget samples grids whose n²·valueCost() is large off the GUI thread.
    virtual double valueCost() const { return 1.0; }
    /// Evaluates f over a row of points (default: value() per point; fast surfaces need nothing more).
    virtual void valueRow(const double* xs, double y, int n, double* out) const
    {
        for (int i = 0; i < n; ++i)
            out[i] = value(xs[i], y);
    }
};

/// Newton's method on ∇f = 0 from (x, y): turns a published approximation of a minimum into one exact to rounding.
KnownMinimum polishMinimum(const Surface& s, double x, double y);

/// The ids of every registered surface, in menu order.
const std::vector<std::string>& surfaceIds();
/// Builds a surface by id; on failure (unknown id, bad expression) returns null and sets *error.
std::unique_ptr<Surface> makeSurface(const std::string& id, const SurfaceSettings& settings, std::string* error = nullptr);
/// The same, with the failure as a translatable Message (error->text() is the string above).
std::unique_ptr<Surface> makeSurface(const std::string& id, const SurfaceSettings& settings, Message* error);

}  // namespace aimath::optim
