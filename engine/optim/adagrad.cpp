// torch.optim.Adagrad with lr_decay 0, initial_accumulator_value 0, eps 1e-10:
//   g ← g + λθ;  s ← s + g²;  θ ← θ − lr·g / (√s + 1e-10)
#include "engine/optim/optimizer.h"

#include <cmath>

namespace aimath::optim {
namespace {
class Adagrad : public Optimizer {
public:
    explicit Adagrad(double wd) : m_wd(wd) {}
    void step(Eigen::Vector2d& theta, const Eigen::Vector2d& grad, double lr) override
    {
        constexpr double kEps = 1e-10;
        Eigen::Vector2d g = grad;
        if (m_wd != 0.0)
            g += m_wd * theta;
        for (int i = 0; i < 2; ++i) {
            m_sum[i] += g[i] * g[i];
            theta[i] -= lr * g[i] / (std::sqrt(m_sum[i]) + kEps);
        }
    }

private:
    double m_wd;
    Eigen::Vector2d m_sum = Eigen::Vector2d::Zero();
};
}  // namespace

std::unique_ptr<Optimizer> makeAdagrad(const OptimizerSettings& s) { return std::make_unique<Adagrad>(s.weightDecay); }
}  // namespace aimath::optim
