#pragma once
// The Adam moment update shared by adam and adamw, written as torch.optim's
// single-tensor implementation computes it:
//   m ← m + (1 − β₁)(g − m);  v ← β₂v + (1 − β₂)g²;
//   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
#include "engine/optim/optimizer.h"

#include <cmath>

namespace aimath::optim {

class AdamMoments {
public:
    explicit AdamMoments(const OptimizerSettings& s) : m_b1(s.beta1), m_b2(s.beta2), m_eps(s.eps) {}
    void apply(Eigen::Vector2d& theta, const Eigen::Vector2d& g, double lr)
    {
        ++m_t;
        const double bc1 = 1.0 - std::pow(m_b1, m_t);
        const double bc2 = 1.0 - std::pow(m_b2, m_t);
        const double stepSize = lr / bc1;
        const double bc2Sqrt = std::sqrt(bc2);
        for (int i = 0; i < 2; ++i) {
            m_m[i] += (1.0 - m_b1) * (g[i] - m_m[i]);
            m_v[i] = m_b2 * m_v[i] + (1.0 - m_b2) * g[i] * g[i];
            const double denom = std::sqrt(m_v[i]) / bc2Sqrt + m_eps;
            theta[i] -= stepSize * (m_m[i] / denom);
        }
    }

private:
    double m_b1, m_b2, m_eps;
    int m_t = 0;
    Eigen::Vector2d m_m = Eigen::Vector2d::Zero();
    Eigen::Vector2d m_v = Eigen::Vector2d::Zero();
};

}  // namespace aimath::optim
