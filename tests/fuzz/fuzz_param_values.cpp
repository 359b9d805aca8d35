// The --set value parsers (reals, integers, booleans, choices, lists): the
// first byte picks the parameter, the rest is the typed value. Whatever is
// accepted must be in range and must print back to text that parses to the
// same value.
#include "engine/core/params.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {
aimath::ParamSet declare()
{
    using aimath::ParamSpec;
    aimath::ParamSet p;
    p.add(ParamSpec::real("r", "R", -1e300, 1e300, 0));
    p.add(ParamSpec::real("lr", "LR", 1e-6, 10, 0.01).logScale());
    p.add(ParamSpec::integer("n", "N", -1000000000000LL, 1000000000000LL, 0));
    p.add(ParamSpec::boolean("b", "B", false));
    p.add(ParamSpec::choice("c", "C", {"none", "causal", "padding"}, "none"));
    p.add(ParamSpec::realList("v", "V", -1e308, 1e308, {1}).counts(0, 64));
    p.add(ParamSpec::textList("t", "T", {"a"}).counts(0, 64));
    p.add(ParamSpec::choiceList("f", "F", {"fp16", "bf16", "fp32"}, {"fp16"}));
    p.add(ParamSpec::text("s", "S", "").maxLen(64));
    return p;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    static const aimath::ParamSet kDeclared = declare();
    aimath::ParamSet p = kDeclared;
    const auto& spec = p.specs()[data[0] % p.specs().size()];
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    const std::string error = p.setFromString(spec.key, text);
    if (!error.empty()) {
        if (error.rfind(spec.key, 0) != 0)
            std::abort();  // every message starts with the key
        if (!(p.value(spec.key) == kDeclared.value(spec.key)))
            std::abort();  // a refused value leaves the old one
        return 0;
    }
    if (!p.validate(spec, p.value(spec.key)).empty())
        std::abort();
    aimath::ParamSet again = kDeclared;
    if (!again.setFromString(spec.key, p.toString(spec.key)).empty() || !(again.value(spec.key) == p.value(spec.key)))
        std::abort();  // text form round-trips
    return 0;
}
