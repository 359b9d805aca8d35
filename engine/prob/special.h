#pragma once
// Special functions the distributions need and the C++ standard library lacks.

namespace aimath::prob {

/// ψ(x) = d/dx ln Γ(x), x > 0 (recurrence to x ≥ 10, then the asymptotic series).
double digamma(double x);
/// ψ'(x), x > 0 (recurrence to x ≥ 10, then the asymptotic series).
double trigamma(double x);
/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
double logBeta(double a, double b);
/// I_x(a, b), the regularised incomplete beta function (Lentz continued fraction, Numerical Recipes §6.4).
double incompleteBeta(double a, double b, double x);
/// Φ(z), the standard normal CDF, via erfc for accuracy in the lower tail.
double normalCdf(double z);
/// ln(e^a + e^b) without overflow; −∞ when both are −∞.
double logAddExp(double a, double b);

}  // namespace aimath::prob
