#include "widgets/distributions/distributions_params.h"

#include "engine/core/parse.h"

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
    const std::string group = side == "p" ? "P" : "Q";
    const std::string who = side == "p" ? "P" : "Q";
    auto k = [&](const char* f) { return side + "_" + f; };
    s.add(ParamSpec::choice(k("family"), who + " family", prob::familyIds(), d.family)
              .labels({"Gaussian", "Laplace", "Uniform", "Exponential", "Beta", "Mixture of 2 Gaussians", "Bernoulli",
                       "Binomial", "Poisson", "Categorical"})
              .inGroup(group)
              .tip(side == "p" ? "The distribution P. Continuous families show a density, discrete ones a mass function."
                               : "The distribution Q compared with P; it is always of P's kind (continuous or discrete)."));
    s.add(ParamSpec::real(k("mu"), "μ (mean / location)", -10, 10, d.mu).inGroup(group).tip("Gaussian mean, Laplace location, first mixture component's mean."));
    s.add(ParamSpec::real(k("sigma"), "σ (std. deviation)", 0.05, 10, d.sigma).logScale().inGroup(group).tip("Gaussian standard deviation, first mixture component's. Must be > 0."));
    s.add(ParamSpec::real(k("mu2"), "μ₂ (second component)", -10, 10, d.mu2).inGroup(group).tip("Mean of the mixture's second Gaussian."));
    s.add(ParamSpec::real(k("sigma2"), "σ₂ (second component)", 0.05, 10, d.sigma2).logScale().inGroup(group).tip("Standard deviation of the mixture's second Gaussian."));
    s.add(ParamSpec::real(k("w"), "w (weight of first)", 0, 1, d.w).inGroup(group).tip("Mixture weight of the first component; the second gets 1 − w."));
    s.add(ParamSpec::real(k("scale"), "b (Laplace scale)", 0.05, 10, d.scale).logScale().inGroup(group).tip("Laplace scale b: density exp(−|x − μ|/b)/(2b)."));
    s.add(ParamSpec::real(k("low"), "low", -10, 10, d.low).inGroup(group).tip("Uniform lower bound; must be below high."));
    s.add(ParamSpec::real(k("high"), "high", -10, 10, d.high).inGroup(group).tip("Uniform upper bound; must be above low."));
    s.add(ParamSpec::real(k("lambda"), "λ (rate / mean)", 0.05, 50, d.lambda).logScale().inGroup(group).tip("Exponential rate λ (mean 1/λ) or Poisson mean λ."));
    s.add(ParamSpec::real(k("alpha"), "α (Beta)", 0.1, 50, d.alpha).logScale().inGroup(group).tip("Beta shape α; below 1 the density is infinite at 0."));
    s.add(ParamSpec::real(k("beta"), "β (Beta)", 0.1, 50, d.beta).logScale().inGroup(group).tip("Beta shape β; below 1 the density is infinite at 1."));
    s.add(ParamSpec::real(k("p"), "p (success probability)", 0, 1, d.p).inGroup(group).tip("Bernoulli or binomial probability of a success, in [0, 1]."));
    s.add(ParamSpec::integer(k("n"), "n (binomial trials)", 1, 1000, d.n).inGroup(group).tip("Number of binomial trials."));
    s.add(ParamSpec::realList(k("probs"), "Categorical weights", 0, 1e6, d.probs)
              .counts(1, 16)
              .inGroup(group)
              .tip("Up to 16 non-negative weights, normalised to probabilities; category k is the value k = 0, 1, …"));
}

std::string boundsCheck(const ParamSet& s, const std::string& side)
{
    const double lo = s.real(side + "_low"), hi = s.real(side + "_high");
    if (!(lo < hi))
        return side + "_high: must be greater than " + side + "_low (got " + side + "_low = " + formatReal(lo) + ", " + side +
               "_high = " + formatReal(hi) + ")";
    return {};
}

std::string weightsCheck(const std::vector<double>& w, const std::string& key)
{
    double sum = 0;
    for (double v : w)
        sum += v;
    if (!(sum > 0))
        return key + ": all weights are zero; at least one must be positive";
    return {};
}
}  // namespace

ParamSet declareParams()
{
    ParamSet s;
    s.add(ParamSpec::choice("view", "View", viewIds(), "compare")
              .labels({"Compare P and Q", "Sampling and estimation", "Next-token decoding", "Joint and mutual information"})
              .hidden()
              .tip("The inner view shown (and exported as an image)."));
    addSide(s, "p", {"mixture", -2.0, 0.6, 2.0, 0.8, 0.5, 1.0, -1.0, 1.0, 3.0, 2.0, 5.0, 0.3, 10, {4, 2, 1, 1}});
    addSide(s, "q", {"gaussian", 0.0, 1.5, 1.0, 1.0, 0.5, 1.5, -2.0, 2.0, 4.0, 2.0, 2.0, 0.5, 10, {1, 1, 1, 1}});
    s.add(ParamSpec::choice("units", "Units", {"nats", "bits"}, "nats")
              .labels({"nats (ln)", "bits (log₂)"})
              .inGroup("Compare")
              .tip("Units of the entropy readouts; data export is always in nats."));
    s.add(ParamSpec::boolean("cdf", "Show CDF", false).inGroup("Compare").tip("Plot the cumulative distribution functions instead of the densities."));
    s.add(ParamSpec::choice("fit", "Gaussian fit of P", {"none", "forward", "reverse"}, "none")
              .labels({"none", "forward: min KL(P‖Q), mass-covering", "reverse: min KL(Q‖P), mode-seeking"})
              .inGroup("Compare")
              .tip("Draws the Gaussian closest to P under the chosen KL (dashed); \"Fit Q\" makes it Q."));

    s.add(ParamSpec::integer("samples", "Samples n", 1, 1000000, 1000).logScale().inGroup("Sampling").tip("How many values are drawn from P."));
    s.add(ParamSpec::real("prior_alpha", "Prior α (coin)", 0.1, 100, 2.0).logScale().inGroup("Sampling").tip("Beta prior's α for a Bernoulli P (pseudo-count of ones)."));
    s.add(ParamSpec::real("prior_beta", "Prior β (coin)", 0.1, 100, 2.0).logScale().inGroup("Sampling").tip("Beta prior's β for a Bernoulli P (pseudo-count of zeros)."));
    s.add(ParamSpec::integer("seed", "Random seed", 0, 2147483647, 42).inGroup("Random").tip("Seed of the draws; the same seed gives the same samples."));

    s.add(ParamSpec::text("context", "Context", "The cat sat on the").maxLen(200).inGroup("Decoding").tip("The example text whose next token is being chosen (shown above the plot)."));
    s.add(ParamSpec::textList("tokens", "Tokens",
                              {"mat", "floor", "sofa", "bed", "roof", "chair", "rug", "table", "windowsill", "keyboard", "moon", "banana"})
              .counts(1, 64)
              .hidden()
              .tip("Candidate next tokens (edited in the vocabulary table)."));
    s.add(ParamSpec::realList("logits", "Logits", -100, 100, {4.1, 3.2, 2.9, 2.6, 1.8, 1.5, 1.2, 1.0, 0.4, -0.5, -2.0, -3.1})
              .counts(1, 64)
              .hidden()
              .tip("One logit per token, in [−100, 100]."));
    s.add(ParamSpec::real("temperature", "Temperature T", 0.05, 5, 1).logScale().inGroup("Decoding").tip("Divides the logits before the softmax: T < 1 sharpens, T > 1 flattens."));
    s.add(ParamSpec::integer("top_k", "top-k (0 = off)", 0, 64, 0).inGroup("Decoding").tip("Keep only the k most probable tokens (ties → lower index)."));
    s.add(ParamSpec::real("top_p", "top-p (1 = off)", 0, 1, 0.9).inGroup("Decoding").tip("Keep the smallest set of most probable tokens whose probability sums to ≥ top-p (nucleus sampling)."));
    s.add(ParamSpec::real("min_p", "min-p (0 = off)", 0, 1, 0).inGroup("Decoding").tip("Keep tokens whose probability is ≥ min-p × the largest probability."));
    s.add(ParamSpec::integer("draws", "Draws", 1, 1000000, 1000).logScale().inGroup("Decoding").tip("How many tokens \"Sample\" draws from the final distribution."));

    s.add(ParamSpec::integer("joint_rows", "Values of X", 2, 4, 3).hidden().tip("Rows of the joint table p(x, y)."));
    s.add(ParamSpec::integer("joint_cols", "Values of Y", 2, 4, 3).hidden().tip("Columns of the joint table p(x, y)."));
    s.add(ParamSpec::realList("joint", "Joint weights", 0, 1e6, {6, 1, 1, 1, 5, 2, 1, 1, 4})
              .counts(4, 16)
              .hidden()
              .tip("Row-major non-negative weights of p(x, y), normalised."));

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
            return "logits: " + std::to_string(logits.size()) + " values given but tokens has " + std::to_string(tokens.size()) +
                   " entries; give exactly one logit per token";
        const auto cells = static_cast<std::size_t>(p.integer("joint_rows") * p.integer("joint_cols"));
        if (p.reals("joint").size() != cells)
            return "joint: " + std::to_string(p.reals("joint").size()) + " weights given, joint_rows × joint_cols = " +
                   std::to_string(cells) + " needed";
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
