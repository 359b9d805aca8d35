#pragma once
// The parameter system: every control of every tab is declared once as a
// ParamSpec; the panel, the command line, sessions and saved settings all read
// that one declaration. Pure C++, no Qt, so it can be fuzzed and tested alone.

#include "engine/core/message.h"

#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace aimath {

enum class ParamType { Real, Integer, Bool, Choice, Text, Path, RealList, TextList, ChoiceList };
enum class ParamScale { Linear, Log };

/// Real → double, Integer → long long, Bool → bool, Choice/Text/Path → string,
/// RealList → vector<double>, TextList/ChoiceList → vector<string>.
using ParamValue = std::variant<double, long long, bool, std::string, std::vector<double>, std::vector<std::string>>;

struct ParamSpec {
    std::string key;          ///< lower_snake_case, unique within a tab
    ParamType type = ParamType::Real;
    std::string label;        ///< English source text; the panel translates it
    std::string tooltip;
    std::string group;        ///< titled box of the panel the control sits in
    double min = 0.0;         ///< Real/Integer bounds; element bounds for RealList
    double max = 0.0;
    ParamScale scale = ParamScale::Linear;
    std::vector<std::string> choices;  ///< Choice / ChoiceList ids
    std::vector<std::string> choiceLabels; ///< optional display labels, same length as choices
    std::size_t minCount = 0; ///< list length bounds (RealList/TextList/ChoiceList)
    std::size_t maxCount = std::numeric_limits<std::size_t>::max();
    std::size_t maxLength = 100000; ///< Text/Path: longest accepted string
    bool inPanel = true;      ///< false: command line/session only, the tab draws its own control
    ParamValue defaultValue;

    // Fluent declaration helpers: ParamSpec::real("temperature", "Temperature", 0.05, 5, 1).logScale()
    static ParamSpec real(std::string key, std::string label, double min, double max, double def);
    static ParamSpec integer(std::string key, std::string label, long long min, long long max, long long def);
    static ParamSpec boolean(std::string key, std::string label, bool def);
    static ParamSpec choice(std::string key, std::string label, std::vector<std::string> choices, std::string def);
    static ParamSpec text(std::string key, std::string label, std::string def);
    static ParamSpec path(std::string key, std::string label);
    static ParamSpec realList(std::string key, std::string label, double elemMin, double elemMax, std::vector<double> def);
    static ParamSpec textList(std::string key, std::string label, std::vector<std::string> def);
    static ParamSpec choiceList(std::string key, std::string label, std::vector<std::string> choices, std::vector<std::string> def);

    ParamSpec& logScale() { scale = ParamScale::Log; return *this; }
    ParamSpec& inGroup(std::string g) { group = std::move(g); return *this; }
    ParamSpec& tip(std::string t) { tooltip = std::move(t); return *this; }
    ParamSpec& counts(std::size_t lo, std::size_t hi) { minCount = lo; maxCount = hi; return *this; }
    ParamSpec& labels(std::vector<std::string> l) { choiceLabels = std::move(l); return *this; }
    ParamSpec& hidden() { inPanel = false; return *this; }
    ParamSpec& maxLen(std::size_t n) { maxLength = n; return *this; }
};

/// Name of a type as --list-params prints it ("real", "integer", "list of reals", ...).
std::string paramTypeName(ParamType t);
/// The range or choices of a spec as --list-params prints it ("[0.05, 5] log", "none|causal|padding").
std::string paramRangeText(const ParamSpec& s);

/// A tab's declared parameters and their current values.
class ParamSet {
public:
    /// Cross-parameter check run after a batch of changes; returns "" when fine,
    /// else a message that starts with the offending key.
    using Constraint = std::function<std::string(const ParamSet&)>;

    ParamSet& add(ParamSpec spec);
    void setConstraint(Constraint c) { m_constraint = std::move(c); }

    const std::vector<ParamSpec>& specs() const { return m_specs; }
    const ParamSpec* find(std::string_view key) const;
    bool has(std::string_view key) const { return find(key) != nullptr; }

    const ParamValue& value(std::string_view key) const;
    double real(std::string_view key) const;
    long long integer(std::string_view key) const;
    bool boolean(std::string_view key) const;
    const std::string& text(std::string_view key) const;   ///< Choice, Text, Path
    const std::vector<double>& reals(std::string_view key) const;
    const std::vector<std::string>& texts(std::string_view key) const; ///< TextList, ChoiceList

    /// Checks type, range, choices and list length; on error returns a message naming the key and leaves the value unchanged.
    std::string set(std::string_view key, ParamValue v);
    /// Parses the command-line/session text form of the value, then set(). Unknown keys are an error.
    std::string setFromString(std::string_view key, std::string_view text);
    /// The text form setFromString accepts (reals as shortest round-trip decimals).
    std::string toString(std::string_view key) const;
    /// The default's text form.
    std::string defaultString(std::string_view key) const;

    /// Runs the constraint ("" when everything is consistent).
    std::string checkConstraints() const { return m_constraint ? m_constraint(*this) : std::string(); }
    /// Checks a value against its spec without storing it.
    std::string validate(const ParamSpec& spec, const ParamValue& v) const;

    // The same checks with the refusal as a translatable Message (text() is the string above, byte for byte):
    // what the window uses, so it can show the refusal in its language.
    Message trySet(std::string_view key, ParamValue v);
    Message trySetFromString(std::string_view key, std::string_view text);
    Message check(const ParamSpec& spec, const ParamValue& v) const;

    void resetToDefaults();
    bool sameValues(const ParamSet& other) const;

private:
    std::size_t indexOf(std::string_view key) const;
    std::vector<ParamSpec> m_specs;
    std::vector<ParamValue> m_values;
    Constraint m_constraint;
};

}  // namespace aimath
