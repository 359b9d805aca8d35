// Heavy-ball momentum: torch.optim.SGD(momentum=μ, dampening=0, nesterov=False).
#include "engine/optim/sgd_family.h"

namespace aimath::optim {
std::unique_ptr<Optimizer> makeMomentum(const OptimizerSettings& s) { return std::make_unique<SgdOptimizer>(s.momentum, false, s.weightDecay); }
}  // namespace aimath::optim
