// torch.optim.RMSprop, non-centred, momentum 0:
//   g ← g + λθ;  v ← αv + (1 − α)g²;  θ ← θ − lr·g / (√v + ε)
#include "engine/optim/optimizer.h"

#include <cmath>

namespace aimath::optim {
namespace {
class Rmsprop : public Optimizer {
public:
    explicit Rmsprop(const OptimizerSettings& s) : m_alpha(s.rmsAlpha), m_eps(s.eps), m_wd(s.weightDecay) {}
    void step(Eigen::Vector2d& theta, const Eigen::Vector2d& grad, double lr) override
    {
        Eigen::Vector2d g = grad;
        if (m_wd != 0.0)
            g += m_wd * theta;
        for (int i = 0; i < 2; ++i) {
            m_v[i] = m_alpha * m_v[i] + (1.0 - m_alpha) * g[i] * g[i];
            theta[i] -= lr * g[i] / (std::sqrt(m_v[i]) + m_eps);
        }
    }

private:
    double m_alpha, m_eps, m_wd;
    Eigen::Vector2d m_v = Eigen::Vector2d::Zero();
};
}  // namespace

std::unique_ptr<Optimizer> makeRmsprop(const OptimizerSettings& s) { return std::make_unique<Rmsprop>(s); }
}  // namespace aimath::optim
