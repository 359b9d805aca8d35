// torch.optim.Adam (amsgrad off) with L2 weight decay added to the gradient: g ← g + λθ, then the Adam moments.
#include "engine/optim/adam_core.h"

namespace aimath::optim {
namespace {
class Adam : public Optimizer {
public:
    explicit Adam(const OptimizerSettings& s) : m_core(s), m_wd(s.weightDecay) {}
    void step(Eigen::Vector2d& theta, const Eigen::Vector2d& grad, double lr) override
    {
        Eigen::Vector2d g = grad;
        if (m_wd != 0.0)
            g += m_wd * theta;
        m_core.apply(theta, g, lr);
    }

private:
    AdamMoments m_core;
    double m_wd;
};
}  // namespace

std::unique_ptr<Optimizer> makeAdam(const OptimizerSettings& s) { return std::make_unique<Adam>(s); }
}  // namespace aimath::optim
