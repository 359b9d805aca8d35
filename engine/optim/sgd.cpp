// Plain gradient descent: torch.optim.SGD with momentum 0.
#include "engine/optim/sgd_family.h"

namespace aimath::optim {
std::unique_ptr<Optimizer> makeSgd(const OptimizerSettings& s) { return std::make_unique<SgdOptimizer>(0.0, false, s.weightDecay); }
}  // namespace aimath::optim
