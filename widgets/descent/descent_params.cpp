// Every parameter of the descent tab, declared once (panel, command line, sessions, settings).
#include "widgets/descent/descent_tab.h"

#include "engine/optim/optimizer.h"
#include "engine/optim/surface.h"

#include <QCoreApplication>

namespace aimath {

ParamSet DescentTab::declareParams()
{
    ParamSet p;
    // Labels, groups, tips and choice labels are shown through QCoreApplication::translate("aimath::params", …).
    const std::string surf = QT_TRANSLATE_NOOP("aimath::params", "Surface");
    p.add(ParamSpec::choice("surface", QT_TRANSLATE_NOOP("aimath::params", "Surface"), optim::surfaceIds(), "rosenbrock")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "Quadratic bowl"), QT_TRANSLATE_NOOP("aimath::params", "Rosenbrock"),
                       QT_TRANSLATE_NOOP("aimath::params", "Himmelblau"), QT_TRANSLATE_NOOP("aimath::params", "Beale"),
                       QT_TRANSLATE_NOOP("aimath::params", "Rastrigin"), QT_TRANSLATE_NOOP("aimath::params", "Ackley"),
                       QT_TRANSLATE_NOOP("aimath::params", "Saddle"), QT_TRANSLATE_NOOP("aimath::params", "Styblinski–Tang"),
                       QT_TRANSLATE_NOOP("aimath::params", "Logistic regression"), QT_TRANSLATE_NOOP("aimath::params", "Custom f(x, y)")})
              .inGroup(surf)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "The loss surface f(x, y) the optimizers descend")));
    p.add(ParamSpec::real("condition", QT_TRANSLATE_NOOP("aimath::params", "Condition κ"), 1, 1000, 10).logScale().inGroup(surf)
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "Quadratic: ratio of the curvatures along the bowl's two axes (the Hessian's condition number)")));
    p.add(ParamSpec::real("angle", QT_TRANSLATE_NOOP("aimath::params", "Rotation θ (°)"), -90, 90, 30).inGroup(surf)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Quadratic: rotation of the bowl's axes against x and y, in degrees")));
    p.add(ParamSpec::text("expression", QT_TRANSLATE_NOOP("aimath::params", "f(x, y) ="), "x^2 + 3*y^2 + 2*sin(2*x)*sin(2*y)")
              .maxLen(2000)
              .inGroup(surf)
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "Custom: + − * / ^, parentheses, numbers, x, y, pi, e and sin cos tan exp log sqrt abs tanh sigmoid "
                                     "softplus relu min max. Differentiated exactly (automatic differentiation).")));
    p.add(ParamSpec::integer("batch", QT_TRANSLATE_NOOP("aimath::params", "Minibatch size"), 0, 200, 0).inGroup(surf)
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "Logistic: 0 = full-batch gradient; otherwise the gradient of a seeded random minibatch each step")));
    p.add(ParamSpec::integer("grid", QT_TRANSLATE_NOOP("aimath::params", "Grid per side"), 64, 1024, 256).inGroup(surf)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Resolution of the heatmap and of the contour extraction")));
    p.add(ParamSpec::boolean("log_scale", QT_TRANSLATE_NOOP("aimath::params", "Log colour scale"), true).inGroup(surf)
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "Colour by log₁₀(f − fₘᵢₙ + δ) instead of f; contour levels spaced geometrically")));
    p.add(ParamSpec::boolean("show_field", QT_TRANSLATE_NOOP("aimath::params", "Gradient field"), false).inGroup(surf)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Arrows of the descent direction −∇f/‖∇f‖ over the map")));
    p.add(ParamSpec::boolean("show_taylor", QT_TRANSLATE_NOOP("aimath::params", "Taylor model at the start"), false).inGroup(surf)
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "Contours of f(p₀) + ∇fᵀd + ½dᵀ∇²f d around the start point, at the map's contour levels")));

    const std::string opt = QT_TRANSLATE_NOOP("aimath::params", "Optimizers");
    p.add(ParamSpec::choiceList("optimizers", QT_TRANSLATE_NOOP("aimath::params", "Race"), optim::optimizerIds(), {"sgd", "momentum", "adam"})
              .labels({QT_TRANSLATE_NOOP("aimath::params", "SGD"), QT_TRANSLATE_NOOP("aimath::params", "Momentum"),
                       QT_TRANSLATE_NOOP("aimath::params", "Nesterov"), QT_TRANSLATE_NOOP("aimath::params", "Adagrad"),
                       QT_TRANSLATE_NOOP("aimath::params", "RMSprop"), QT_TRANSLATE_NOOP("aimath::params", "Adam"),
                       QT_TRANSLATE_NOOP("aimath::params", "AdamW")})
              .inGroup(opt)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "The optimizers that start together from the same point")));
    // Whole literals per optimizer (not "lr " + name) so that lupdate sees every label and tip.
    struct LrSpec {
        const char* id;
        double lr;
        const char* label;
        const char* tip;
    };
    const LrSpec lrs[] = {
        {"sgd", 1e-3, QT_TRANSLATE_NOOP("aimath::params", "lr SGD"),
         QT_TRANSLATE_NOOP("aimath::params", "Learning rate of SGD (multiplied by the schedule)")},
        {"momentum", 1e-3, QT_TRANSLATE_NOOP("aimath::params", "lr Momentum"),
         QT_TRANSLATE_NOOP("aimath::params", "Learning rate of Momentum (multiplied by the schedule)")},
        {"nesterov", 1e-3, QT_TRANSLATE_NOOP("aimath::params", "lr Nesterov"),
         QT_TRANSLATE_NOOP("aimath::params", "Learning rate of Nesterov (multiplied by the schedule)")},
        {"adagrad", 0.5, QT_TRANSLATE_NOOP("aimath::params", "lr Adagrad"),
         QT_TRANSLATE_NOOP("aimath::params", "Learning rate of Adagrad (multiplied by the schedule)")},
        {"rmsprop", 0.01, QT_TRANSLATE_NOOP("aimath::params", "lr RMSprop"),
         QT_TRANSLATE_NOOP("aimath::params", "Learning rate of RMSprop (multiplied by the schedule)")},
        {"adam", 0.05, QT_TRANSLATE_NOOP("aimath::params", "lr Adam"),
         QT_TRANSLATE_NOOP("aimath::params", "Learning rate of Adam (multiplied by the schedule)")},
        {"adamw", 0.05, QT_TRANSLATE_NOOP("aimath::params", "lr AdamW"),
         QT_TRANSLATE_NOOP("aimath::params", "Learning rate of AdamW (multiplied by the schedule)")},
    };
    for (const LrSpec& l : lrs)
        p.add(ParamSpec::real(std::string("lr_") + l.id, l.label, 1e-5, 10, l.lr).logScale().inGroup(opt).tip(l.tip));

    const std::string run = QT_TRANSLATE_NOOP("aimath::params", "Start and steps");
    p.add(ParamSpec::real("start_x", QT_TRANSLATE_NOOP("aimath::params", "Start x"), -10, 10, -1.2).inGroup(run)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Start point, x (click the map to set it)")));
    p.add(ParamSpec::real("start_y", QT_TRANSLATE_NOOP("aimath::params", "Start y"), -10, 10, 1).inGroup(run)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Start point, y (click the map to set it)")));
    p.add(ParamSpec::integer("steps", QT_TRANSLATE_NOOP("aimath::params", "Steps"), 1, 10000, 500).inGroup(run)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Number of optimizer steps")));
    p.add(ParamSpec::integer("time", QT_TRANSLATE_NOOP("aimath::params", "Shown step"), 0, 10000, 10000).hidden()
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "The step the markers show (the time slider under the map); clamped to the run length")));

    const std::string hyp = QT_TRANSLATE_NOOP("aimath::params", "Hyperparameters");
    p.add(ParamSpec::real("momentum", QT_TRANSLATE_NOOP("aimath::params", "Momentum μ"), 0, 0.999, 0.9).inGroup(hyp)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "SGD momentum (Momentum, Nesterov)")));
    p.add(ParamSpec::real("beta1", QT_TRANSLATE_NOOP("aimath::params", "β₁"), 0, 0.999, 0.9).inGroup(hyp)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Adam/AdamW first-moment decay")));
    p.add(ParamSpec::real("beta2", QT_TRANSLATE_NOOP("aimath::params", "β₂"), 0, 0.99999, 0.999).inGroup(hyp)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Adam/AdamW second-moment decay")));
    p.add(ParamSpec::real("eps", QT_TRANSLATE_NOOP("aimath::params", "ε"), 1e-12, 0.1, 1e-8).logScale().inGroup(hyp)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Adam/AdamW/RMSprop denominator term (Adagrad keeps PyTorch's 1e-10)")));
    p.add(ParamSpec::real("rms_alpha", QT_TRANSLATE_NOOP("aimath::params", "RMSprop α"), 0, 0.9999, 0.99).inGroup(hyp)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "RMSprop smoothing constant")));
    p.add(ParamSpec::real("weight_decay", QT_TRANSLATE_NOOP("aimath::params", "Weight decay λ"), 0, 1, 0).inGroup(hyp)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "λ·θ added to the gradient; AdamW decays θ ← θ(1 − lr·λ) instead (decoupled)")));

    const std::string around = QT_TRANSLATE_NOOP("aimath::params", "Noise, clipping, schedule");
    p.add(ParamSpec::real("noise", QT_TRANSLATE_NOOP("aimath::params", "Gradient noise σ"), 0, 10, 0).inGroup(around)
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "Standard deviation of Gaussian noise added to each gradient component (seeded)")));
    p.add(ParamSpec::real("clip_norm", QT_TRANSLATE_NOOP("aimath::params", "Clip norm"), 0, 100, 0).inGroup(around)
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "Rescale the gradient to this norm when it is longer (torch.nn.utils.clip_grad_norm_); 0 = off")));
    p.add(ParamSpec::choice("schedule", QT_TRANSLATE_NOOP("aimath::params", "Schedule"),
                            {"constant", "step", "exponential", "cosine", "warmup_cosine"}, "constant")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "Constant"), QT_TRANSLATE_NOOP("aimath::params", "Step (halve)"),
                       QT_TRANSLATE_NOOP("aimath::params", "Exponential decay"), QT_TRANSLATE_NOOP("aimath::params", "Cosine"),
                       QT_TRANSLATE_NOOP("aimath::params", "Warm-up + cosine")})
              .inGroup(around)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "lrₜ = lr · s(t), t = 0 at the first step")));
    p.add(ParamSpec::integer("step_size", QT_TRANSLATE_NOOP("aimath::params", "Halve every"), 1, 10000, 100).inGroup(around)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Step schedule: steps between halvings")));
    p.add(ParamSpec::real("gamma", QT_TRANSLATE_NOOP("aimath::params", "γ"), 0.9, 1, 0.99).inGroup(around)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Exponential schedule: s(t) = γᵗ")));
    p.add(ParamSpec::integer("warmup", QT_TRANSLATE_NOOP("aimath::params", "Warm-up steps"), 0, 10000, 50).inGroup(around)
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "Warm-up + cosine: s(t) = (t + 1)/W for t < W, then a cosine to 0 over the remaining steps")));
    p.add(ParamSpec::integer("seed", QT_TRANSLATE_NOOP("aimath::params", "Seed"), 0, 2147483647, 1).inGroup(around)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Seed of the gradient noise and of the minibatches")));

    p.add(ParamSpec::choice("view", QT_TRANSLATE_NOOP("aimath::params", "View"), {"map", "3d"}, "map")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "Map"), QT_TRANSLATE_NOOP("aimath::params", "3D")})
              .hidden()
              .tip(QT_TRANSLATE_NOOP("aimath::params", "The main view: the contour map or the 3D wireframe")));
    p.add(ParamSpec::real("azimuth", QT_TRANSLATE_NOOP("aimath::params", "3D azimuth (°)"), -180, 180, -60).hidden()
              .tip(QT_TRANSLATE_NOOP("aimath::params", "3D view: rotation about the vertical axis (drag the view)")));
    p.add(ParamSpec::real("elevation", QT_TRANSLATE_NOOP("aimath::params", "3D elevation (°)"), 0, 90, 35).hidden()
              .tip(QT_TRANSLATE_NOOP("aimath::params", "3D view: viewing height, 90° = from above (drag the view)")));
    return p;
}

QString DescentTab::staticTitle() { return tr("Gradient descent"); }

}  // namespace aimath
