#pragma once
// Forward-mode automatic differentiation in two variables: a Jet carries a
// value, its gradient and (when WithHessian) its Hessian through every
// operation by the chain rule. Surfaces are written once as templates over the
// scalar type and evaluated with double (value), Jet<false> (gradient) and
// Jet<true> (Hessian), so no derivative is ever a finite difference.

#include <algorithm>
#include <cmath>

namespace aimath::optim {

template <bool WithHessian>
struct Jet {
    double v = 0.0;
    double g[2] = {0.0, 0.0};
    double h[3] = {0.0, 0.0, 0.0};  ///< h00, h01, h11 (only when WithHessian)

    Jet() = default;
    Jet(double value) : v(value) {}  // NOLINT: constants promote implicitly
    /// The independent variable number i (0 = x, 1 = y) at value.
    static Jet variable(double value, int i)
    {
        Jet j(value);
        j.g[i] = 1.0;
        return j;
    }
    bool isConstant() const
    {
        if (g[0] != 0.0 || g[1] != 0.0)
            return false;
        if constexpr (WithHessian)
            return h[0] == 0.0 && h[1] == 0.0 && h[2] == 0.0;
        return true;
    }
};

/// f(u) given f(u.v), f'(u.v), f''(u.v): gradient f'·∇u, Hessian f''·∇u∇uᵀ + f'·∇²u.
template <bool H>
inline Jet<H> chain(const Jet<H>& u, double f0, double f1, double f2)
{
    // An exactly zero inner derivative contributes zero even when f' or f'' is
    // infinite there (sqrt(x²+y²) at the origin), instead of 0·∞ = NaN.
    auto term = [](double a, double b) { return (a == 0.0 || b == 0.0) ? 0.0 : a * b; };
    Jet<H> r(f0);
    r.g[0] = term(f1, u.g[0]);
    r.g[1] = term(f1, u.g[1]);
    if constexpr (H) {
        r.h[0] = term(f1, u.h[0]) + term(f2, u.g[0] * u.g[0]);
        r.h[1] = term(f1, u.h[1]) + term(f2, u.g[0] * u.g[1]);
        r.h[2] = term(f1, u.h[2]) + term(f2, u.g[1] * u.g[1]);
    } else {
        (void)f2;
    }
    return r;
}

template <bool H>
inline Jet<H> operator+(const Jet<H>& a, const Jet<H>& b)
{
    Jet<H> r(a.v + b.v);
    r.g[0] = a.g[0] + b.g[0];
    r.g[1] = a.g[1] + b.g[1];
    if constexpr (H)
        for (int i = 0; i < 3; ++i)
            r.h[i] = a.h[i] + b.h[i];
    return r;
}
template <bool H>
inline Jet<H> operator-(const Jet<H>& a)
{
    Jet<H> r(-a.v);
    r.g[0] = -a.g[0];
    r.g[1] = -a.g[1];
    if constexpr (H)
        for (int i = 0; i < 3; ++i)
            r.h[i] = -a.h[i];
    return r;
}
template <bool H>
inline Jet<H> operator-(const Jet<H>& a, const Jet<H>& b)
{
    return a + (-b);
}
template <bool H>
inline Jet<H> operator*(const Jet<H>& a, const Jet<H>& b)
{
    Jet<H> r(a.v * b.v);
    r.g[0] = a.g[0] * b.v + a.v * b.g[0];
    r.g[1] = a.g[1] * b.v + a.v * b.g[1];
    if constexpr (H) {
        r.h[0] = a.h[0] * b.v + a.v * b.h[0] + 2.0 * a.g[0] * b.g[0];
        r.h[1] = a.h[1] * b.v + a.v * b.h[1] + a.g[0] * b.g[1] + a.g[1] * b.g[0];
        r.h[2] = a.h[2] * b.v + a.v * b.h[2] + 2.0 * a.g[1] * b.g[1];
    }
    return r;
}
template <bool H>
inline Jet<H> reciprocal(const Jet<H>& a)
{
    const double r = 1.0 / a.v;
    return chain(a, r, -r * r, 2.0 * r * r * r);
}
template <bool H>
inline Jet<H> operator/(const Jet<H>& a, const Jet<H>& b)
{
    if (b.isConstant()) {
        Jet<H> r(a.v / b.v);
        r.g[0] = a.g[0] / b.v;
        r.g[1] = a.g[1] / b.v;
        if constexpr (H)
            for (int i = 0; i < 3; ++i)
                r.h[i] = a.h[i] / b.v;
        return r;
    }
    return a * reciprocal(b);
}
template <bool H> inline Jet<H> operator+(const Jet<H>& a, double b) { return a + Jet<H>(b); }
template <bool H> inline Jet<H> operator+(double a, const Jet<H>& b) { return Jet<H>(a) + b; }
template <bool H> inline Jet<H> operator-(const Jet<H>& a, double b) { return a - Jet<H>(b); }
template <bool H> inline Jet<H> operator-(double a, const Jet<H>& b) { return Jet<H>(a) - b; }
template <bool H> inline Jet<H> operator*(const Jet<H>& a, double b) { return a * Jet<H>(b); }
template <bool H> inline Jet<H> operator*(double a, const Jet<H>& b) { return Jet<H>(a) * b; }
template <bool H> inline Jet<H> operator/(const Jet<H>& a, double b) { return a / Jet<H>(b); }
template <bool H> inline Jet<H> operator/(double a, const Jet<H>& b) { return Jet<H>(a) / b; }

// Elementary functions: value, first and second derivative.
template <bool H> inline Jet<H> sin(const Jet<H>& u) { const double s = std::sin(u.v), c = std::cos(u.v); return chain(u, s, c, -s); }
template <bool H> inline Jet<H> cos(const Jet<H>& u) { const double s = std::sin(u.v), c = std::cos(u.v); return chain(u, c, -s, -c); }
template <bool H> inline Jet<H> tan(const Jet<H>& u) { const double t = std::tan(u.v); return chain(u, t, 1.0 + t * t, 2.0 * t * (1.0 + t * t)); }
template <bool H> inline Jet<H> exp(const Jet<H>& u) { const double e = std::exp(u.v); return chain(u, e, e, e); }
template <bool H> inline Jet<H> log(const Jet<H>& u) { return chain(u, std::log(u.v), 1.0 / u.v, -1.0 / (u.v * u.v)); }
template <bool H> inline Jet<H> sqrt(const Jet<H>& u) { const double s = std::sqrt(u.v); return chain(u, s, 0.5 / s, -0.25 / (s * u.v)); }
template <bool H> inline Jet<H> tanh(const Jet<H>& u) { const double t = std::tanh(u.v); return chain(u, t, 1.0 - t * t, -2.0 * t * (1.0 - t * t)); }
/// |u| with the subgradient 0 at 0 (as torch.abs).
template <bool H> inline Jet<H> abs(const Jet<H>& u) { const double s = u.v > 0 ? 1.0 : (u.v < 0 ? -1.0 : 0.0); return chain(u, std::fabs(u.v), s, 0.0); }

/// Logistic sigmoid 1/(1+e^-u), evaluated without overflow.
inline double sigmoid(double u) { return u >= 0 ? 1.0 / (1.0 + std::exp(-u)) : std::exp(u) / (1.0 + std::exp(u)); }
/// log(1+e^u) = max(u,0) + log1p(e^-|u|), evaluated without overflow.
inline double softplus(double u) { return std::max(u, 0.0) + std::log1p(std::exp(-std::fabs(u))); }
/// max(u, 0) with derivative 0 at 0 (as torch.relu).
inline double relu(double u) { return u > 0 ? u : 0.0; }
template <bool H> inline Jet<H> sigmoid(const Jet<H>& u) { const double s = sigmoid(u.v); return chain(u, s, s * (1 - s), s * (1 - s) * (1 - 2 * s)); }
template <bool H> inline Jet<H> softplus(const Jet<H>& u) { const double s = sigmoid(u.v); return chain(u, softplus(u.v), s, s * (1 - s)); }
template <bool H> inline Jet<H> relu(const Jet<H>& u) { return chain(u, relu(u.v), u.v > 0 ? 1.0 : 0.0, 0.0); }

/// a^b: the power rule when b is a constant (so negative bases with integer exponents work), else e^(b·log a).
inline double pow(double a, double b) { return std::pow(a, b); }
template <bool H>
inline Jet<H> pow(const Jet<H>& a, const Jet<H>& b)
{
    if (b.isConstant()) {
        const double c = b.v;
        const double f1 = c == 0.0 ? 0.0 : c * std::pow(a.v, c - 1.0);
        const double f2 = (c == 0.0 || c == 1.0) ? 0.0 : c * (c - 1.0) * std::pow(a.v, c - 2.0);
        return chain(a, std::pow(a.v, c), f1, f2);
    }
    Jet<H> r = exp(b * log(a));
    r.v = std::pow(a.v, b.v);
    return r;
}
template <bool H> inline Jet<H> pow(const Jet<H>& a, double b) { return pow(a, Jet<H>(b)); }

/// The smaller / larger argument, derivative taken from that branch (the first one on a tie).
inline double min(double a, double b) { return b < a ? b : a; }
inline double max(double a, double b) { return b > a ? b : a; }
template <bool H> inline Jet<H> min(const Jet<H>& a, const Jet<H>& b) { return b.v < a.v ? b : a; }
template <bool H> inline Jet<H> max(const Jet<H>& a, const Jet<H>& b) { return b.v > a.v ? b : a; }

using std::abs;
using std::cos;
using std::exp;
using std::log;
using std::sin;
using std::sqrt;
using std::tan;
using std::tanh;

/// The value of a double or a Jet.
inline double valueOf(double v) { return v; }
template <bool H> inline double valueOf(const Jet<H>& j) { return j.v; }

}  // namespace aimath::optim
