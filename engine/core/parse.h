#pragma once
// Strict text → value parsers shared by the command line, sessions and every
// file format. They never throw; failures say what was expected.

#include "engine/core/message.h"

#include <string>
#include <string_view>
#include <vector>

namespace aimath {

template <class T>
struct Parsed {
    T value{};
    std::string error;  ///< empty on success
    Message why;        ///< error, translatable (error == why.text())
    bool ok() const { return error.empty(); }
};

/// Trims ASCII whitespace from both ends.
std::string_view trimmed(std::string_view s);
/// A finite or infinite double, parsed exactly (correctly rounded, std::from_chars); "nan" is rejected.
Parsed<double> parseReal(std::string_view s);
/// A decimal integer without fraction or exponent.
Parsed<long long> parseInteger(std::string_view s);
/// true/false, 1/0, on/off, yes/no (case-insensitive).
Parsed<bool> parseBool(std::string_view s);
/// Comma-separated reals; errors name the 1-based entry.
Parsed<std::vector<double>> parseRealList(std::string_view s);
/// Comma-separated texts, each trimmed; "\," is a literal comma, "\\" a backslash and "\ " a blank kept at an
/// entry's end. An empty string is an empty list.
Parsed<std::vector<std::string>> parseTextList(std::string_view s);
/// Inverse of parseTextList.
std::string joinTextList(const std::vector<std::string>& items);
/// Shortest decimal that round-trips to the same double ("inf", "-inf", "nan" for the rest).
std::string formatReal(double v);
/// Comma-separated shortest round-trip decimals.
std::string formatRealList(const std::vector<double>& v);

}  // namespace aimath
