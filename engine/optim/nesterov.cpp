// Nesterov momentum as PyTorch writes it: torch.optim.SGD(momentum=μ, dampening=0, nesterov=True).
#include "engine/optim/sgd_family.h"

namespace aimath::optim {
std::unique_ptr<Optimizer> makeNesterov(const OptimizerSettings& s) { return std::make_unique<SgdOptimizer>(s.momentum, true, s.weightDecay); }
}  // namespace aimath::optim
