#include "widgets/distributions/distributions_params.h"

#include "engine/core/parse.h"

#include <QCoreApplication>
#include <QString>
#include <QtGlobal>

#include <cmath>

namespace aimath::distributions {

using prob::Family;

const std::vector<std::string>& viewIds()
{
    static const std::vector<std::string> ids{"compare", "sampling", "decoding", "joint"};
    return ids;
}

View viewOf(const ParamSet& params)
{
    const std::string& v = params.text("view");
    for (std::size_t i = 0; i < viewIds().size(); ++i)
        if (viewIds()[i] == v)
            return static_cast<View>(i);
    return View::Compare;
}

namespace {
struct SideDefaults {
    std::string family;
    double mu, sigma, mu2, sigma2, w, scale, low, high, lambda, alpha, beta, p;
    long long n;
    std::vector<double> probs;
};

void addSide(ParamSet& s, const std::string& side, const SideDefaults& d)
{
    // The group is also a key (updateVisibility() shows and hides it); the panel translates it for display.
    const std::string group = side == "p" ? QT_TRANSLATE_NOOP("aimath::params", "P") : QT_TRANSLATE_NOOP("aimath::params", "Q");
    auto k = [&](const char* f) { return side + "_" + f; };
    s.add(ParamSpec::choice(k("family"),
                            side == "p" ? QT_TRANSLATE_NOOP("aimath::params", "P family") : QT_TRANSLATE_NOOP("aimath::params", "Q family"),
                            prob::familyIds(), d.family)
              .labels({QT_TRANSLATE_NOOP("aimath::params", "Gaussian"), QT_TRANSLATE_NOOP("aimath::params", "Laplace"),
                       QT_TRANSLATE_NOOP("aimath::params", "Uniform"), QT_TRANSLATE_NOOP("aimath::params", "Exponential"),
                       QT_TRANSLATE_NOOP("aimath::params", "Beta"), QT_TRANSLATE_NOOP("aimath::params", "Mixture of 2 Gaussians"),
                       QT_TRANSLATE_NOOP("aimath::params", "Bernoulli"), QT_TRANSLATE_NOOP("aimath::params", "Binomial"),
                       QT_TRANSLATE_NOOP("aimath::params", "Poisson"), QT_TRANSLATE_NOOP("aimath::params", "Categorical")})
              .inGroup(group)
              .tip(side == "p" ? QT_TRANSLATE_NOOP("aimath::params", "The distribution P. Continuous families show a density, discrete ones a mass function.")
                               : QT_TRANSLATE_NOOP("aimath::params", "The distribution Q compared with P; it is always of P's kind (continuous or discrete).")));
    s.add(ParamSpec::real(k("mu"), QT_TRANSLATE_NOOP("aimath::params", "μ (mean / location)"), -10, 10, d.mu).inGroup(group).tip(QT_TRANSLATE_NOOP("aimath::params", "Gaussian mean, Laplace location, first mixture component's mean.")));
    s.add(ParamSpec::real(k("sigma"), QT_TRANSLATE_NOOP("aimath::params", "σ (std. deviation)"), 0.05, 10, d.sigma).logScale().inGroup(group).tip(QT_TRANSLATE_NOOP("aimath::params", "Gaussian standard deviation, first mixture component's. Must be > 0.")));
    s.add(ParamSpec::real(k("mu2"), QT_TRANSLATE_NOOP("aimath::params", "μ₂ (second component)"), -10, 10, d.mu2).inGroup(group).tip(QT_TRANSLATE_NOOP("aimath::params", "Mean of the mixture's second Gaussian.")));
    s.add(ParamSpec::real(k("sigma2"), QT_TRANSLATE_NOOP("aimath::params", "σ₂ (second component)"), 0.05, 10, d.sigma2).logScale().inGroup(group).tip(QT_TRANSLATE_NOOP("aimath::params", "Standard deviation of the mixture's second Gaussian.")));
    s.add(ParamSpec::real(k("w"), QT_TRANSLATE_NOOP("aimath::params", "w (weight of first)"), 0, 1, d.w).inGroup(group).tip(QT_TRANSLATE_NOOP("aimath::params", "Mixture weight of the first component; the second gets 1 − w.")));
    s.add(ParamSpec::real(k("scale"), QT_TRANSLATE_NOOP("aimath::params", "b (Laplace scale)"), 0.05, 10, d.scale).logScale().inGroup(group).tip(QT_TRANSLATE_NOOP("aimath::params", "Laplace scale b: density exp(−|x − μ|/b)/(2b).")));
    s.add(ParamSpec::real(k("low"), QT_TRANSLATE_NOOP("aimath::params", "low"), -10, 10, d.low).inGroup(group).tip(QT_TRANSLATE_NOOP("aimath::params", "Uniform lower bound; must be below high.")));
    s.add(ParamSpec::real(k("high"), QT_TRANSLATE_NOOP("aimath::params", "high"), -10, 10, d.high).inGroup(group).tip(QT_TRANSLATE_NOOP("aimath::params", "Uniform upper bound; must be above low.")));
    s.add(ParamSpec::real(k("lambda"), QT_TRANSLATE_NOOP("aimath::params", "λ (rate / mean)"), 0.05, 50, d.lambda).logScale().inGroup(group).tip(QT_TRANSLATE_NOOP("aimath::params", "Exponential rate λ (mean 1/λ) or Poisson mean λ.")));
    s.add(ParamSpec::real(k("alpha"), QT_TRANSLATE_NOOP("aimath::params", "α (Beta)"), 0.1, 50, d.alpha).logScale().inGroup(group).tip(QT_TRANSLATE_NOOP("aimath::params", "Beta shape α; below 1 the density is infinite at 0.")));
    s.add(ParamSpec::real(k("beta"), QT_TRANSLATE_NOOP("aimath::params", "β (Beta)"), 0.1, 50, d.beta).logScale().inGroup(group).tip(QT_TRANSLATE_NOOP("aimath::params", "Beta shape β; below 1 the density is infinite at 1.")));
    s.add(ParamSpec::real(k("p"), QT_TRANSLATE_NOOP("aimath::params", "p (success probability)"), 0, 1, d.p).inGroup(group).tip(QT_TRANSLATE_NOOP("aimath::params", "Bernoulli or binomial probability of a success, in [0, 1].")));
    s.add(ParamSpec::integer(k("n"), QT_TRANSLATE_NOOP("aimath::params", "n (binomial trials)"), 1, 1000, d.n).inGroup(group).tip(QT_TRANSLATE_NOOP("aimath::params", "Number of binomial trials.")));
    s.add(ParamSpec::realList(k("probs"), QT_TRANSLATE_NOOP("aimath::params", "Categorical weights"), 0, 1e6, d.probs)
              .counts(1, 16)
              .inGroup(group)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Up to 16 non-negative weights, normalised to probabilities; category k is the value k = 0, 1, …")));
}

// Constraint messages reach the window and the command line: translated, but the keys they name stay English.
QString q(const std::string& s) { return QString::fromStdString(s); }

std::string boundsCheck(const ParamSet& s, const std::string& side)
{
    const double lo = s.real(side + "_low"), hi = s.real(side + "_high");
    if (!(lo < hi))
        return QCoreApplication::translate("aimath::distributions", "%1_high: must be greater than %1_low (got %1_low = %2, %1_high = %3)")
            .arg(q(side), q(formatReal(lo)), q(formatReal(hi)))
            .toStdString();
    return {};
}

std::string weightsCheck(const std::vector<double>& w, const std::string& key)
{
    double sum = 0;
    for (double v : w)
        sum += v;
    if (!(sum > 0))
        return QCoreApplication::translate("aimath::distributions", "%1: all weights are zero; at least one must be positive").arg(q(key)).toStdString();
    return {};
}
}  // namespace

ParamSet declareParams()
{
    ParamSet s;
    s.add(ParamSpec::choice("view", QT_TRANSLATE_NOOP("aimath::params", "View"), viewIds(), "compare")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "Compare P and Q"), QT_TRANSLATE_NOOP("aimath::params", "Sampling and estimation"), QT_TRANSLATE_NOOP("aimath::params", "Next-token decoding"), QT_TRANSLATE_NOOP("aimath::params", "Joint and mutual information")})
              .hidden()
              .tip(QT_TRANSLATE_NOOP("aimath::params", "The inner view shown (and exported as an image).")));
    addSide(s, "p", {"mixture", -2.0, 0.6, 2.0, 0.8, 0.5, 1.0, -1.0, 1.0, 3.0, 2.0, 5.0, 0.3, 10, {4, 2, 1, 1}});
    addSide(s, "q", {"gaussian", 0.0, 1.5, 1.0, 1.0, 0.5, 1.5, -2.0, 2.0, 4.0, 2.0, 2.0, 0.5, 10, {1, 1, 1, 1}});
    s.add(ParamSpec::choice("units", QT_TRANSLATE_NOOP("aimath::params", "Units"), {"nats", "bits"}, "nats")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "nats (ln)"), QT_TRANSLATE_NOOP("aimath::params", "bits (log₂)")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Compare"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Units of the entropy readouts; data export is always in nats.")));
    s.add(ParamSpec::boolean("cdf", QT_TRANSLATE_NOOP("aimath::params", "Show CDF"), false).inGroup(QT_TRANSLATE_NOOP("aimath::params", "Compare")).tip(QT_TRANSLATE_NOOP("aimath::params", "Plot the cumulative distribution functions instead of the densities.")));
    s.add(ParamSpec::choice("fit", QT_TRANSLATE_NOOP("aimath::params", "Gaussian fit of P"), {"none", "forward", "reverse"}, "none")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "none"), QT_TRANSLATE_NOOP("aimath::params", "forward: min KL(P‖Q), mass-covering"), QT_TRANSLATE_NOOP("aimath::params", "reverse: min KL(Q‖P), mode-seeking")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Compare"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Draws the Gaussian closest to P under the chosen KL (dashed); \"Fit Q\" makes it Q.")));

    s.add(ParamSpec::integer("samples", QT_TRANSLATE_NOOP("aimath::params", "Samples n"), 1, 1000000, 1000).logScale().inGroup(QT_TRANSLATE_NOOP("aimath::params", "Sampling")).tip(QT_TRANSLATE_NOOP("aimath::params", "How many values are drawn from P.")));
    s.add(ParamSpec::real("prior_alpha", QT_TRANSLATE_NOOP("aimath::params", "Prior α (coin)"), 0.1, 100, 2.0).logScale().inGroup(QT_TRANSLATE_NOOP("aimath::params", "Sampling")).tip(QT_TRANSLATE_NOOP("aimath::params", "Beta prior's α for a Bernoulli P (pseudo-count of ones).")));
    s.add(ParamSpec::real("prior_beta", QT_TRANSLATE_NOOP("aimath::params", "Prior β (coin)"), 0.1, 100, 2.0).logScale().inGroup(QT_TRANSLATE_NOOP("aimath::params", "Sampling")).tip(QT_TRANSLATE_NOOP("aimath::params", "Beta prior's β for a Bernoulli P (pseudo-count of zeros).")));
    s.add(ParamSpec::integer("seed", QT_TRANSLATE_NOOP("aimath::params", "Random seed"), 0, 2147483647, 42).inGroup(QT_TRANSLATE_NOOP("aimath::params", "Random")).tip(QT_TRANSLATE_NOOP("aimath::params", "Seed of the draws; the same seed gives the same samples.")));

    s.add(ParamSpec::text("context", QT_TRANSLATE_NOOP("aimath::params", "Context"), "The cat sat on the").maxLen(200).inGroup(QT_TRANSLATE_NOOP("aimath::params", "Decoding")).tip(QT_TRANSLATE_NOOP("aimath::params", "The example text whose next token is being chosen (shown above the plot).")));
    s.add(ParamSpec::textList("tokens", QT_TRANSLATE_NOOP("aimath::params", "Tokens"),
                              {"mat", "floor", "sofa", "bed", "roof", "chair", "rug", "table", "windowsill", "keyboard", "moon", "banana"})
              .counts(1, 64)
              .hidden()
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Candidate next tokens (edited in the vocabulary table).")));
    s.add(ParamSpec::realList("logits", QT_TRANSLATE_NOOP("aimath::params", "Logits"), -100, 100, {4.1, 3.2, 2.9, 2.6, 1.8, 1.5, 1.2, 1.0, 0.4, -0.5, -2.0, -3.1})
              .counts(1, 64)
              .hidden()
              .tip(QT_TRANSLATE_NOOP("aimath::params", "One logit per token, in [−100, 100].")));
    s.add(ParamSpec::real("temperature", QT_TRANSLATE_NOOP("aimath::params", "Temperature T"), 0.05, 5, 1).logScale().inGroup(QT_TRANSLATE_NOOP("aimath::params", "Decoding")).tip(QT_TRANSLATE_NOOP("aimath::params", "Divides the logits before the softmax: T < 1 sharpens, T > 1 flattens.")));
    s.add(ParamSpec::integer("top_k", QT_TRANSLATE_NOOP("aimath::params", "top-k (0 = off)"), 0, 64, 0).inGroup(QT_TRANSLATE_NOOP("aimath::params", "Decoding")).tip(QT_TRANSLATE_NOOP("aimath::params", "Keep only the k most probable tokens (ties → lower index).")));
    s.add(ParamSpec::real("top_p", QT_TRANSLATE_NOOP("aimath::params", "top-p (1 = off)"), 0, 1, 0.9).inGroup(QT_TRANSLATE_NOOP("aimath::params", "Decoding")).tip(QT_TRANSLATE_NOOP("aimath::params", "Keep the smallest set of most probable tokens whose probability sums to ≥ top-p (nucleus sampling).")));
    s.add(ParamSpec::real("min_p", QT_TRANSLATE_NOOP("aimath::params", "min-p (0 = off)"), 0, 1, 0).inGroup(QT_TRANSLATE_NOOP("aimath::params", "Decoding")).tip(QT_TRANSLATE_NOOP("aimath::params", "Keep tokens whose probability is ≥ min-p × the largest probability.")));
    s.add(ParamSpec::integer("draws", QT_TRANSLATE_NOOP("aimath::params", "Draws"), 1, 1000000, 1000).logScale().inGroup(QT_TRANSLATE_NOOP("aimath::params", "Decoding")).tip(QT_TRANSLATE_NOOP("aimath::params", "How many tokens \"Sample\" draws from the final distribution.")));

    s.add(ParamSpec::integer("joint_rows", QT_TRANSLATE_NOOP("aimath::params", "Values of X"), 2, 4, 3).hidden().tip(QT_TRANSLATE_NOOP("aimath::params", "Rows of the joint table p(x, y).")));
    s.add(ParamSpec::integer("joint_cols", QT_TRANSLATE_NOOP("aimath::params", "Values of Y"), 2, 4, 3).hidden().tip(QT_TRANSLATE_NOOP("aimath::params", "Columns of the joint table p(x, y).")));
    s.add(ParamSpec::realList("joint", QT_TRANSLATE_NOOP("aimath::params", "Joint weights"), 0, 1e6, {6, 1, 1, 1, 5, 2, 1, 1, 4})
              .counts(4, 16)
              .hidden()
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Row-major non-negative weights of p(x, y), normalised.")));

    s.setConstraint([](const ParamSet& p) -> std::string {
        for (const char* side : {"p", "q"}) {
            if (auto e = boundsCheck(p, side); !e.empty())
                return e;
            if (auto e = weightsCheck(p.reals(std::string(side) + "_probs"), std::string(side) + "_probs"); !e.empty())
                return e;
        }
        const auto& tokens = p.texts("tokens");
        const auto& logits = p.reals("logits");
        if (logits.size() != tokens.size())
            return QCoreApplication::translate("aimath::distributions",
                                               "logits: %1 values given but tokens has %2 entries; give exactly one logit per token")
                .arg(logits.size())
                .arg(tokens.size())
                .toStdString();
        const auto cells = static_cast<std::size_t>(p.integer("joint_rows") * p.integer("joint_cols"));
        if (p.reals("joint").size() != cells)
            return QCoreApplication::translate("aimath::distributions", "joint: %1 weights given, joint_rows × joint_cols = %2 needed")
                .arg(p.reals("joint").size())
                .arg(cells)
                .toStdString();
        return weightsCheck(p.reals("joint"), "joint");
    });
    return s;
}

Family defaultQFamilyFor(Family pFamily) { return prob::isDiscrete(pFamily) ? pFamily : Family::Gaussian; }

Family effectiveQFamily(const ParamSet& params)
{
    Family p = Family::Gaussian, q = Family::Gaussian;
    prob::familyFromId(params.text("p_family"), p);
    prob::familyFromId(params.text("q_family"), q);
    return prob::isDiscrete(p) == prob::isDiscrete(q) ? q : defaultQFamilyFor(p);
}

prob::Distribution distributionOf(const ParamSet& params, const std::string& side)
{
    prob::Distribution d;
    auto k = [&](const char* f) { return side + "_" + f; };
    if (side == "q")
        d.family = effectiveQFamily(params);
    else
        prob::familyFromId(params.text(k("family")), d.family);
    d.mu = params.real(k("mu"));
    d.sigma = params.real(k("sigma"));
    d.mu2 = params.real(k("mu2"));
    d.sigma2 = params.real(k("sigma2"));
    d.w = params.real(k("w"));
    d.scale = params.real(k("scale"));
    d.low = params.real(k("low"));
    d.high = params.real(k("high"));
    d.lambda = params.real(k("lambda"));
    d.alpha = params.real(k("alpha"));
    d.beta = params.real(k("beta"));
    d.p = params.real(k("p"));
    d.n = static_cast<int>(params.integer(k("n")));
    d.probs = params.reals(k("probs"));
    return d;
}

const std::vector<std::string>& familyFields(Family f)
{
    static const std::vector<std::vector<std::string>> fields{
        {"mu", "sigma"},                       // gaussian
        {"mu", "scale"},                       // laplace
        {"low", "high"},                       // uniform
        {"lambda"},                            // exponential
        {"alpha", "beta"},                     // beta
        {"mu", "sigma", "mu2", "sigma2", "w"}, // mixture
        {"p"},                                 // bernoulli
        {"n", "p"},                            // binomial
        {"lambda"},                            // poisson
        {"probs"},                             // categorical
    };
    return fields[static_cast<std::size_t>(f)];
}

const std::vector<std::string>& allFields()
{
    static const std::vector<std::string> all{"mu", "sigma", "mu2", "sigma2", "w", "scale", "low", "high", "lambda", "alpha", "beta", "p", "n", "probs"};
    return all;
}

prob::DecodingConfig decodingOf(const ParamSet& params)
{
    prob::DecodingConfig c;
    c.logits = params.reals("logits");
    c.temperature = params.real("temperature");
    c.topK = static_cast<int>(params.integer("top_k"));
    c.topP = params.real("top_p");
    c.minP = params.real("min_p");
    return c;
}

}  // namespace aimath::distributions
