#pragma once
// An optimizer is a small state object: step() moves the point once, given the
// gradient there and this step's learning rate. Update rules follow PyTorch's
// documented torch.optim algorithms in float64 (one parameter tensor of size 2).
// One optimizer is one file plus one line in optimizer_registry.cpp.

#include <Eigen/Core>

#include <memory>
#include <string>
#include <vector>

namespace aimath::optim {

/// Hyperparameters shared by the optimizers that use them.
struct OptimizerSettings {
    double momentum = 0.9;     ///< SGD momentum μ (momentum, nesterov)
    double beta1 = 0.9;        ///< Adam/AdamW β₁
    double beta2 = 0.999;      ///< Adam/AdamW β₂
    double eps = 1e-8;         ///< Adam/AdamW/RMSprop ε (Adagrad uses its PyTorch default 1e-10)
    double rmsAlpha = 0.99;    ///< RMSprop smoothing α
    double weightDecay = 0.0;  ///< λ: added to the gradient (λ·θ), decoupled for AdamW
};

class Optimizer {
public:
    virtual ~Optimizer() = default;
    /// θ ← update(θ, g, lr); the step counter t starts at 1 on the first call.
    virtual void step(Eigen::Vector2d& theta, const Eigen::Vector2d& grad, double lr) = 0;
};

/// Ids in menu order: sgd momentum nesterov adagrad rmsprop adam adamw.
const std::vector<std::string>& optimizerIds();
/// A fresh optimizer (zero state), or null for an unknown id.
std::unique_ptr<Optimizer> makeOptimizer(const std::string& id, const OptimizerSettings& settings);

}  // namespace aimath::optim
