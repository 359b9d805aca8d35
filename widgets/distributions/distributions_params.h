#pragma once
// The distributions tab's parameters (declared once) and the small adapters
// from a ParamSet to the engine's input structs.

#include "engine/core/params.h"
#include "engine/prob/decoding.h"
#include "engine/prob/distribution.h"

#include <string>
#include <vector>

namespace aimath::distributions {

/// Inner views, in button order; ids are the values of the hidden `view` parameter.
enum class View { Compare, Sampling, Decoding, Joint };
const std::vector<std::string>& viewIds();
View viewOf(const ParamSet& params);

ParamSet declareParams();

/// P ("p") or Q ("q") as the engine sees it. For Q, when its kind (continuous or
/// discrete) differs from P's, the sensible default of P's kind is used instead
/// (continuous: gaussian; discrete: P's own family) — see effectiveQFamily().
prob::Distribution distributionOf(const ParamSet& params, const std::string& side);
/// The family Q is drawn with: q_family when it is of P's kind, else the default of that kind.
prob::Family effectiveQFamily(const ParamSet& params);
/// The default Q family for a P family of the other kind switching in.
prob::Family defaultQFamilyFor(prob::Family pFamily);
/// Parameter keys (without the side prefix) a family uses, for showing only those controls.
const std::vector<std::string>& familyFields(prob::Family f);
/// Every per-side field name ("mu", "sigma", …, "probs").
const std::vector<std::string>& allFields();

prob::DecodingConfig decodingOf(const ParamSet& params);

}  // namespace aimath::distributions
