#pragma once
// torch.optim.SGD (dampening 0), shared by the sgd, momentum and nesterov entries:
//   g ← g + λθ;  if μ ≠ 0: b ← g at t = 1, else b ← μb + g;  g ← g + μb (Nesterov) or g ← b;  θ ← θ − lr·g
#include "engine/optim/optimizer.h"

namespace aimath::optim {

class SgdOptimizer : public Optimizer {
public:
    SgdOptimizer(double momentum, bool nesterov, double weightDecay) : m_mu(momentum), m_nesterov(nesterov), m_wd(weightDecay) {}
    void step(Eigen::Vector2d& theta, const Eigen::Vector2d& grad, double lr) override
    {
        Eigen::Vector2d g = grad;
        if (m_wd != 0.0)
            g += m_wd * theta;
        if (m_mu != 0.0) {
            if (!m_hasBuffer) {
                m_buf = g;
                m_hasBuffer = true;
            } else {
                m_buf = m_mu * m_buf + g;
            }
            if (m_nesterov)
                g = g + m_mu * m_buf;
            else
                g = m_buf;
        }
        theta -= lr * g;
    }

private:
    double m_mu;
    bool m_nesterov;
    double m_wd;
    bool m_hasBuffer = false;
    Eigen::Vector2d m_buf = Eigen::Vector2d::Zero();
};

}  // namespace aimath::optim
