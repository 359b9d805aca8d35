// Every parameter of the descent tab, declared once (panel, command line, sessions, settings).
#include "widgets/descent/descent_tab.h"

#include "engine/optim/optimizer.h"
#include "engine/optim/surface.h"

namespace aimath {

ParamSet DescentTab::declareParams()
{
    ParamSet p;
    const std::string surf = "Surface";
    p.add(ParamSpec::choice("surface", "Surface", optim::surfaceIds(), "rosenbrock")
              .labels({"Quadratic bowl", "Rosenbrock", "Himmelblau", "Beale", "Rastrigin", "Ackley", "Saddle",
                       "Styblinski–Tang", "Logistic regression", "Custom f(x, y)"})
              .inGroup(surf)
              .tip("The loss surface f(x, y) the optimizers descend"));
    p.add(ParamSpec::real("condition", "Condition κ", 1, 1000, 10).logScale().inGroup(surf)
              .tip("Quadratic: ratio of the curvatures along the bowl's two axes (the Hessian's condition number)"));
    p.add(ParamSpec::real("angle", "Rotation θ (°)", -90, 90, 30).inGroup(surf)
              .tip("Quadratic: rotation of the bowl's axes against x and y, in degrees"));
    p.add(ParamSpec::text("expression", "f(x, y) =", "x^2 + 3*y^2 + 2*sin(2*x)*sin(2*y)").maxLen(2000).inGroup(surf)
              .tip("Custom: + − * / ^, parentheses, numbers, x, y, pi, e and sin cos tan exp log sqrt abs tanh sigmoid "
                   "softplus relu min max. Differentiated exactly (automatic differentiation)."));
    p.add(ParamSpec::integer("batch", "Minibatch size", 0, 200, 0).inGroup(surf)
              .tip("Logistic: 0 = full-batch gradient; otherwise the gradient of a seeded random minibatch each step"));
    p.add(ParamSpec::integer("grid", "Grid per side", 64, 1024, 256).inGroup(surf)
              .tip("Resolution of the heatmap and of the contour extraction"));
    p.add(ParamSpec::boolean("log_scale", "Log colour scale", true).inGroup(surf)
              .tip("Colour by log₁₀(f − f_min + δ) instead of f; contour levels spaced geometrically"));
    p.add(ParamSpec::boolean("show_field", "Gradient field", false).inGroup(surf)
              .tip("Arrows of the descent direction −∇f/‖∇f‖ over the map"));
    p.add(ParamSpec::boolean("show_taylor", "Taylor model at the start", false).inGroup(surf)
              .tip("Contours of f(p₀) + ∇fᵀd + ½dᵀ∇²f d around the start point, at the map's contour levels"));

    const std::string opt = "Optimizers";
    p.add(ParamSpec::choiceList("optimizers", "Race", optim::optimizerIds(), {"sgd", "momentum", "adam"})
              .labels({"SGD", "Momentum", "Nesterov", "Adagrad", "RMSprop", "Adam", "AdamW"})
              .inGroup(opt)
              .tip("The optimizers that start together from the same point"));
    const std::vector<std::pair<std::string, double>> lrs{{"sgd", 1e-3}, {"momentum", 1e-3}, {"nesterov", 1e-3}, {"adagrad", 0.5},
                                                          {"rmsprop", 0.01}, {"adam", 0.05}, {"adamw", 0.05}};
    const char* names[] = {"SGD", "Momentum", "Nesterov", "Adagrad", "RMSprop", "Adam", "AdamW"};
    for (std::size_t i = 0; i < lrs.size(); ++i)
        p.add(ParamSpec::real("lr_" + lrs[i].first, std::string("lr ") + names[i], 1e-5, 10, lrs[i].second).logScale().inGroup(opt)
                  .tip(std::string("Learning rate of ") + names[i] + " (multiplied by the schedule)"));

    const std::string run = "Start and steps";
    p.add(ParamSpec::real("start_x", "Start x", -10, 10, -1.2).inGroup(run).tip("Start point, x (click the map to set it)"));
    p.add(ParamSpec::real("start_y", "Start y", -10, 10, 1).inGroup(run).tip("Start point, y (click the map to set it)"));
    p.add(ParamSpec::integer("steps", "Steps", 1, 10000, 500).inGroup(run).tip("Number of optimizer steps"));
    p.add(ParamSpec::integer("time", "Shown step", 0, 10000, 10000).hidden()
              .tip("The step the markers show (the time slider under the map); clamped to the run length"));

    const std::string hyp = "Hyperparameters";
    p.add(ParamSpec::real("momentum", "Momentum μ", 0, 0.999, 0.9).inGroup(hyp).tip("SGD momentum (Momentum, Nesterov)"));
    p.add(ParamSpec::real("beta1", "β₁", 0, 0.999, 0.9).inGroup(hyp).tip("Adam/AdamW first-moment decay"));
    p.add(ParamSpec::real("beta2", "β₂", 0, 0.99999, 0.999).inGroup(hyp).tip("Adam/AdamW second-moment decay"));
    p.add(ParamSpec::real("eps", "ε", 1e-12, 0.1, 1e-8).logScale().inGroup(hyp)
              .tip("Adam/AdamW/RMSprop denominator term (Adagrad keeps PyTorch's 1e-10)"));
    p.add(ParamSpec::real("rms_alpha", "RMSprop α", 0, 0.9999, 0.99).inGroup(hyp).tip("RMSprop smoothing constant"));
    p.add(ParamSpec::real("weight_decay", "Weight decay λ", 0, 1, 0).inGroup(hyp)
              .tip("λ·θ added to the gradient; AdamW decays θ ← θ(1 − lr·λ) instead (decoupled)"));

    const std::string around = "Noise, clipping, schedule";
    p.add(ParamSpec::real("noise", "Gradient noise σ", 0, 10, 0).inGroup(around)
              .tip("Standard deviation of Gaussian noise added to each gradient component (seeded)"));
    p.add(ParamSpec::real("clip_norm", "Clip norm", 0, 100, 0).inGroup(around)
              .tip("Rescale the gradient to this norm when it is longer (torch.nn.utils.clip_grad_norm_); 0 = off"));
    p.add(ParamSpec::choice("schedule", "Schedule", {"constant", "step", "exponential", "cosine", "warmup_cosine"}, "constant")
              .labels({"Constant", "Step (halve)", "Exponential", "Cosine", "Warm-up + cosine"})
              .inGroup(around)
              .tip("lr_t = lr · s(t), t = 0 at the first step"));
    p.add(ParamSpec::integer("step_size", "Halve every", 1, 10000, 100).inGroup(around).tip("Step schedule: steps between halvings"));
    p.add(ParamSpec::real("gamma", "γ", 0.9, 1, 0.99).inGroup(around).tip("Exponential schedule: s(t) = γᵗ"));
    p.add(ParamSpec::integer("warmup", "Warm-up steps", 0, 10000, 50).inGroup(around)
              .tip("Warm-up + cosine: s(t) = (t + 1)/W for t < W, then a cosine to 0 over the remaining steps"));
    p.add(ParamSpec::integer("seed", "Seed", 0, 2147483647, 1).inGroup(around).tip("Seed of the gradient noise and of the minibatches"));

    p.add(ParamSpec::choice("view", "View", {"map", "3d"}, "map").labels({"Map", "3D"}).hidden()
              .tip("The main view: the contour map or the 3D wireframe"));
    p.add(ParamSpec::real("azimuth", "3D azimuth (°)", -180, 180, -60).hidden().tip("3D view: rotation about the vertical axis (drag the view)"));
    p.add(ParamSpec::real("elevation", "3D elevation (°)", 0, 90, 35).hidden().tip("3D view: viewing height, 90° = from above (drag the view)"));
    return p;
}

QString DescentTab::staticTitle() { return tr("Gradient descent"); }

}  // namespace aimath
