// Session files: arbitrary bytes against the declared parameters of a small
// tab. Whatever loads must be valid; whatever fails must say why.
#include "app/session.h"

#include <QByteArray>

#include <cstdint>
#include <cstdlib>

namespace {
std::map<QString, aimath::ParamSet> declared()
{
    using aimath::ParamSpec;
    aimath::ParamSet p;
    p.add(ParamSpec::real("temperature", "T", 0.05, 5, 1).logScale());
    p.add(ParamSpec::integer("steps", "Steps", 1, 10000, 100));
    p.add(ParamSpec::boolean("scaled", "Scaled", true));
    p.add(ParamSpec::choice("mask", "Mask", {"none", "causal"}, "none"));
    p.add(ParamSpec::realList("values", "Values", -1e6, 1e6, {1, 2}).counts(1, 16));
    p.add(ParamSpec::choiceList("formats", "Formats", {"fp16", "bf16"}, {"fp16"}));
    p.add(ParamSpec::textList("tokens", "Tokens", {"a"}));
    p.setConstraint([](const aimath::ParamSet& s) { return s.reals("values").size() == s.texts("tokens").size() + 1 ? std::string() : std::string("values: one more than tokens"); });
    return {{QStringLiteral("demo"), p}};
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const auto kDeclared = declared();
    const aimath::SessionLoad load = aimath::sessionFromJson(QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)), kDeclared);
    if (!load.error.isEmpty()) {
        if (!load.tabs.empty())
            std::abort();  // nothing half-applied
        return 0;
    }
    for (const auto& [id, params] : load.tabs) {
        for (const auto& spec : params.specs())
            if (!params.validate(spec, params.value(spec.key)).empty())
                std::abort();
        if (!params.checkConstraints().empty())
            std::abort();
    }
    return 0;
}
