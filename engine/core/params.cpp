#include "engine/core/params.h"

#include "engine/core/parse.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

namespace aimath {

ParamSpec ParamSpec::real(std::string key, std::string label, double min, double max, double def)
{
    ParamSpec s;
    s.key = std::move(key);
    s.type = ParamType::Real;
    s.label = std::move(label);
    s.min = min;
    s.max = max;
    s.defaultValue = def;
    return s;
}

ParamSpec ParamSpec::integer(std::string key, std::string label, long long min, long long max, long long def)
{
    ParamSpec s;
    s.key = std::move(key);
    s.type = ParamType::Integer;
    s.label = std::move(label);
    // A bound past 2^53 would round to one that fits; keep it visibly too large
    // so ParamSet::add() refuses the declaration.
    constexpr long long kExact = 1LL << 53;
    auto bound = [](long long b) { return b > kExact ? 0x1p54 : b < -kExact ? -0x1p54 : static_cast<double>(b); };
    s.min = bound(min);
    s.max = bound(max);
    s.defaultValue = def;
    return s;
}

ParamSpec ParamSpec::boolean(std::string key, std::string label, bool def)
{
    ParamSpec s;
    s.key = std::move(key);
    s.type = ParamType::Bool;
    s.label = std::move(label);
    s.defaultValue = def;
    return s;
}

ParamSpec ParamSpec::choice(std::string key, std::string label, std::vector<std::string> choices, std::string def)
{
    ParamSpec s;
    s.key = std::move(key);
    s.type = ParamType::Choice;
    s.label = std::move(label);
    s.choices = std::move(choices);
    s.defaultValue = std::move(def);
    return s;
}

ParamSpec ParamSpec::text(std::string key, std::string label, std::string def)
{
    ParamSpec s;
    s.key = std::move(key);
    s.type = ParamType::Text;
    s.label = std::move(label);
    s.defaultValue = std::move(def);
    return s;
}

ParamSpec ParamSpec::path(std::string key, std::string label)
{
    ParamSpec s;
    s.key = std::move(key);
    s.type = ParamType::Path;
    s.label = std::move(label);
    s.defaultValue = std::string();
    return s;
}

ParamSpec ParamSpec::realList(std::string key, std::string label, double elemMin, double elemMax, std::vector<double> def)
{
    ParamSpec s;
    s.key = std::move(key);
    s.type = ParamType::RealList;
    s.label = std::move(label);
    s.min = elemMin;
    s.max = elemMax;
    s.defaultValue = std::move(def);
    return s;
}

ParamSpec ParamSpec::textList(std::string key, std::string label, std::vector<std::string> def)
{
    ParamSpec s;
    s.key = std::move(key);
    s.type = ParamType::TextList;
    s.label = std::move(label);
    s.defaultValue = std::move(def);
    return s;
}

ParamSpec ParamSpec::choiceList(std::string key, std::string label, std::vector<std::string> choices, std::vector<std::string> def)
{
    ParamSpec s;
    s.key = std::move(key);
    s.type = ParamType::ChoiceList;
    s.label = std::move(label);
    s.choices = std::move(choices);
    s.defaultValue = std::move(def);
    return s;
}

std::string paramTypeName(ParamType t)
{
    switch (t) {
    case ParamType::Real: return "real";
    case ParamType::Integer: return "integer";
    case ParamType::Bool: return "bool";
    case ParamType::Choice: return "choice";
    case ParamType::Text: return "text";
    case ParamType::Path: return "path";
    case ParamType::RealList: return "list of reals";
    case ParamType::TextList: return "list of texts";
    case ParamType::ChoiceList: return "list of choices";
    }
    return "?";
}

namespace {
constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

std::string joinChoices(const std::vector<std::string>& c)
{
    std::string out;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (i)
            out += '|';
        out += c[i];
    }
    return out;
}

std::string rangeOnly(const ParamSpec& s)
{
    if (s.type == ParamType::Integer)
        return "[" + std::to_string(static_cast<long long>(s.min)) + ", " + std::to_string(static_cast<long long>(s.max)) + "]";
    return "[" + formatReal(s.min) + ", " + formatReal(s.max) + "]";
}

Message countText(const ParamSpec& s)
{
    if (s.minCount == 0 && s.maxCount == std::numeric_limits<std::size_t>::max())
        return {};
    if (s.maxCount == std::numeric_limits<std::size_t>::max())
        return {QT_TRANSLATE_NOOP("aimath::engine", "at least %1 entries"), {std::to_string(s.minCount)}};
    return {QT_TRANSLATE_NOOP("aimath::engine", "%1 to %2 entries"), {std::to_string(s.minCount), std::to_string(s.maxCount)}};
}
}  // namespace

std::string paramRangeText(const ParamSpec& s)
{
    switch (s.type) {
    case ParamType::Real:
    case ParamType::Integer:
        return rangeOnly(s) + (s.scale == ParamScale::Log ? " log" : "");
    case ParamType::Bool: return "true|false";
    case ParamType::Choice: return joinChoices(s.choices);
    case ParamType::ChoiceList: return "any of " + joinChoices(s.choices);
    case ParamType::RealList: {
        std::string out = "each in " + rangeOnly(s);
        const std::string c = countText(s).text();
        return c.empty() ? out : out + ", " + c;
    }
    case ParamType::TextList: {
        const std::string c = countText(s).text();
        return c.empty() ? "comma-separated" : "comma-separated, " + c;
    }
    case ParamType::Text:
    case ParamType::Path: return "up to " + std::to_string(s.maxLength) + " characters";
    }
    return {};
}

ParamSet& ParamSet::add(ParamSpec spec)
{
    if (has(spec.key))
        throw std::logic_error("parameter declared twice: " + spec.key);
    if (!spec.choiceLabels.empty() && spec.choiceLabels.size() != spec.choices.size())
        throw std::logic_error("choice labels do not match choices: " + spec.key);
    if (spec.type == ParamType::Real || spec.type == ParamType::Integer || spec.type == ParamType::RealList) {
        if (!std::isfinite(spec.min) || !std::isfinite(spec.max) || spec.min > spec.max)
            throw std::logic_error("bounds must be finite with min <= max: " + spec.key);
        // A log-scale control maps log(min)..log(max): min must be positive.
        if (spec.scale == ParamScale::Log && spec.min <= 0.0)
            throw std::logic_error("log scale needs min > 0: " + spec.key);
        // Integer bounds live in doubles: beyond 2^53 they would be rounded and
        // a value just past the bound would compare as inside it.
        if (spec.type == ParamType::Integer && (std::fabs(spec.min) > kMaxExactInteger || std::fabs(spec.max) > kMaxExactInteger))
            throw std::logic_error("integer bounds beyond 2^53 are not exact: " + spec.key);
    }
    if (!validate(spec, spec.defaultValue).empty())
        throw std::logic_error("default out of its own range: " + spec.key + ": " + validate(spec, spec.defaultValue));
    m_values.push_back(spec.defaultValue);
    m_specs.push_back(std::move(spec));
    return *this;
}

const ParamSpec* ParamSet::find(std::string_view key) const
{
    for (const auto& s : m_specs)
        if (s.key == key)
            return &s;
    return nullptr;
}

std::size_t ParamSet::indexOf(std::string_view key) const
{
    for (std::size_t i = 0; i < m_specs.size(); ++i)
        if (m_specs[i].key == key)
            return i;
    throw std::logic_error("unknown parameter: " + std::string(key));
}

const ParamValue& ParamSet::value(std::string_view key) const { return m_values[indexOf(key)]; }
double ParamSet::real(std::string_view key) const { return std::get<double>(value(key)); }
long long ParamSet::integer(std::string_view key) const { return std::get<long long>(value(key)); }
bool ParamSet::boolean(std::string_view key) const { return std::get<bool>(value(key)); }
const std::string& ParamSet::text(std::string_view key) const { return std::get<std::string>(value(key)); }
const std::vector<double>& ParamSet::reals(std::string_view key) const { return std::get<std::vector<double>>(value(key)); }
const std::vector<std::string>& ParamSet::texts(std::string_view key) const { return std::get<std::vector<std::string>>(value(key)); }

Message ParamSet::check(const ParamSpec& s, const ParamValue& v) const
{
    const std::string& k = s.key;
    auto inRange = [&](double x) { return x >= s.min && x <= s.max; };
    auto countOk = [&](std::size_t n) -> Message {
        if (n < s.minCount || n > s.maxCount)
            return {QT_TRANSLATE_NOOP("aimath::engine", "%1: %2 entries given, %3 allowed"), {k, std::to_string(n), countText(s)}};
        return {};
    };
    switch (s.type) {
    case ParamType::Real: {
        if (!std::holds_alternative<double>(v))
            return {QT_TRANSLATE_NOOP("aimath::engine", "%1: expected a real number"), {k}};
        const double x = std::get<double>(v);
        if (!std::isfinite(x) || !inRange(x))
            return {QT_TRANSLATE_NOOP("aimath::engine", "%1: %2 is out of range %3"), {k, formatReal(x), rangeOnly(s)}};
        return {};
    }
    case ParamType::Integer: {
        if (!std::holds_alternative<long long>(v))
            return {QT_TRANSLATE_NOOP("aimath::engine", "%1: expected an integer"), {k}};
        const long long x = std::get<long long>(v);
        // Compared as integers: the bounds are exact (|bound| <= 2^53, checked in add()), x may not be.
        if (x < static_cast<long long>(s.min) || x > static_cast<long long>(s.max))
            return {QT_TRANSLATE_NOOP("aimath::engine", "%1: %2 is out of range %3"), {k, std::to_string(x), rangeOnly(s)}};
        return {};
    }
    case ParamType::Bool:
        return std::holds_alternative<bool>(v) ? Message() : Message(QT_TRANSLATE_NOOP("aimath::engine", "%1: expected true or false"), {k});
    case ParamType::Choice: {
        if (!std::holds_alternative<std::string>(v))
            return {QT_TRANSLATE_NOOP("aimath::engine", "%1: expected one of %2"), {k, joinChoices(s.choices)}};
        const auto& x = std::get<std::string>(v);
        if (std::find(s.choices.begin(), s.choices.end(), x) == s.choices.end())
            return {QT_TRANSLATE_NOOP("aimath::engine", "%1: \"%2\" is not one of %3"), {k, x, joinChoices(s.choices)}};
        return {};
    }
    case ParamType::Text:
    case ParamType::Path: {
        if (!std::holds_alternative<std::string>(v))
            return {QT_TRANSLATE_NOOP("aimath::engine", "%1: expected text"), {k}};
        if (std::get<std::string>(v).size() > s.maxLength)
            return {QT_TRANSLATE_NOOP("aimath::engine", "%1: longer than %2 characters"), {k, std::to_string(s.maxLength)}};
        return {};
    }
    case ParamType::RealList: {
        if (!std::holds_alternative<std::vector<double>>(v))
            return {QT_TRANSLATE_NOOP("aimath::engine", "%1: expected a comma-separated list of numbers"), {k}};
        const auto& xs = std::get<std::vector<double>>(v);
        if (auto e = countOk(xs.size()); !e.empty())
            return e;
        for (std::size_t i = 0; i < xs.size(); ++i)
            if (!std::isfinite(xs[i]) || !inRange(xs[i]))
                return {QT_TRANSLATE_NOOP("aimath::engine", "%1: entry %2 (%3) is out of range %4"), {k, std::to_string(i + 1), formatReal(xs[i]), rangeOnly(s)}};
        return {};
    }
    case ParamType::TextList:
    case ParamType::ChoiceList: {
        if (!std::holds_alternative<std::vector<std::string>>(v))
            return {QT_TRANSLATE_NOOP("aimath::engine", "%1: expected a comma-separated list"), {k}};
        const auto& xs = std::get<std::vector<std::string>>(v);
        if (auto e = countOk(xs.size()); !e.empty())
            return e;
        if (s.type == ParamType::ChoiceList) {
            std::set<std::string> seen;
            for (std::size_t i = 0; i < xs.size(); ++i) {
                if (std::find(s.choices.begin(), s.choices.end(), xs[i]) == s.choices.end())
                    return {QT_TRANSLATE_NOOP("aimath::engine", "%1: entry %2 \"%3\" is not one of %4"), {k, std::to_string(i + 1), xs[i], joinChoices(s.choices)}};
                if (!seen.insert(xs[i]).second)
                    return {QT_TRANSLATE_NOOP("aimath::engine", "%1: \"%2\" is listed twice"), {k, xs[i]}};
            }
        } else {
            for (std::size_t i = 0; i < xs.size(); ++i)
                if (xs[i].size() > s.maxLength)
                    return {QT_TRANSLATE_NOOP("aimath::engine", "%1: entry %2 is longer than %3 characters"), {k, std::to_string(i + 1), std::to_string(s.maxLength)}};
        }
        return {};
    }
    }
    return {QT_TRANSLATE_NOOP("aimath::engine", "%1: unsupported type"), {k}};
}

std::string ParamSet::validate(const ParamSpec& spec, const ParamValue& v) const { return check(spec, v).text(); }

std::string ParamSet::set(std::string_view key, ParamValue v) { return trySet(key, std::move(v)).text(); }

std::string ParamSet::setFromString(std::string_view key, std::string_view text) { return trySetFromString(key, text).text(); }

Message ParamSet::trySet(std::string_view key, ParamValue v)
{
    const ParamSpec* s = find(key);
    if (!s)
        return {QT_TRANSLATE_NOOP("aimath::engine", "unknown parameter \"%1\""), {std::string(key)}};
    if (auto e = check(*s, v); !e.empty())
        return e;
    m_values[indexOf(key)] = std::move(v);
    return {};
}

Message ParamSet::trySetFromString(std::string_view key, std::string_view text)
{
    const ParamSpec* s = find(key);
    if (!s)
        return {QT_TRANSLATE_NOOP("aimath::engine", "unknown parameter \"%1\""), {std::string(key)}};
    const std::string& k = s->key;
    auto refused = [&](const Message& why) -> Message { return {QT_TRANSLATE_NOOP("aimath::engine", "%1: %2"), {k, why}}; };
    switch (s->type) {
    case ParamType::Real: {
        auto r = parseReal(text);
        return r.ok() ? trySet(key, r.value) : refused(r.why);
    }
    case ParamType::Integer: {
        auto r = parseInteger(text);
        if (!r.ok()) {
            // Accept integral reals such as 1e6 for counts.
            auto d = parseReal(text);
            if (d.ok() && std::isfinite(d.value) && std::floor(d.value) == d.value && std::fabs(d.value) < 9.0e15)
                return trySet(key, static_cast<long long>(d.value));
            return refused(r.why);
        }
        return trySet(key, r.value);
    }
    case ParamType::Bool: {
        auto r = parseBool(text);
        return r.ok() ? trySet(key, r.value) : refused(r.why);
    }
    case ParamType::Choice:
        return trySet(key, std::string(trimmed(text)));
    case ParamType::Text:
    case ParamType::Path:
        return trySet(key, std::string(text));
    case ParamType::RealList: {
        auto r = parseRealList(text);
        return r.ok() ? trySet(key, r.value) : refused(r.why);
    }
    case ParamType::TextList:
    case ParamType::ChoiceList: {
        auto r = parseTextList(text);
        return r.ok() ? trySet(key, r.value) : refused(r.why);
    }
    }
    return {QT_TRANSLATE_NOOP("aimath::engine", "%1: unsupported type"), {k}};
}

namespace {
std::string valueToString(const ParamSpec& s, const ParamValue& v)
{
    switch (s.type) {
    case ParamType::Real: return formatReal(std::get<double>(v));
    case ParamType::Integer: return std::to_string(std::get<long long>(v));
    case ParamType::Bool: return std::get<bool>(v) ? "true" : "false";
    case ParamType::Choice:
    case ParamType::Text:
    case ParamType::Path: return std::get<std::string>(v);
    case ParamType::RealList: return formatRealList(std::get<std::vector<double>>(v));
    case ParamType::TextList:
    case ParamType::ChoiceList: return joinTextList(std::get<std::vector<std::string>>(v));
    }
    return {};
}
}  // namespace

std::string ParamSet::toString(std::string_view key) const
{
    const std::size_t i = indexOf(key);
    return valueToString(m_specs[i], m_values[i]);
}

std::string ParamSet::defaultString(std::string_view key) const
{
    const std::size_t i = indexOf(key);
    return valueToString(m_specs[i], m_specs[i].defaultValue);
}

void ParamSet::resetToDefaults()
{
    for (std::size_t i = 0; i < m_specs.size(); ++i)
        m_values[i] = m_specs[i].defaultValue;
}

bool ParamSet::sameValues(const ParamSet& other) const { return m_values == other.m_values; }

}  // namespace aimath
