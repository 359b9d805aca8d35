// torch.optim.AdamW: decoupled weight decay θ ← θ(1 − lr·λ) first, then the Adam moments on the raw gradient.
#include "engine/optim/adam_core.h"

namespace aimath::optim {
namespace {
class AdamW : public Optimizer {
public:
    explicit AdamW(const OptimizerSettings& s) : m_core(s), m_wd(s.weightDecay) {}
    void step(Eigen::Vector2d& theta, const Eigen::Vector2d& grad, double lr) override
    {
        theta *= 1.0 - lr * m_wd;
        m_core.apply(theta, grad, lr);
    }

private:
    AdamMoments m_core;
    double m_wd;
};
}  // namespace

std::unique_ptr<Optimizer> makeAdamw(const OptimizerSettings& s) { return std::make_unique<AdamW>(s); }
}  // namespace aimath::optim
