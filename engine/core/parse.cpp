#include "engine/core/parse.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace aimath {

namespace {
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

template <class T>
Parsed<T> failed(Message why)
{
    Parsed<T> r;
    r.error = why.text();
    r.why = std::move(why);
    return r;
}

std::string quoted(std::string_view s)
{
    constexpr std::size_t kMax = 40;
    std::string out = "\"";
    out += s.size() > kMax ? std::string(s.substr(0, kMax)) + "…" : std::string(s);
    out += "\"";
    return out;
}
}  // namespace

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

Parsed<double> parseReal(std::string_view s)
{
    s = trimmed(s);
    if (s.empty())
        return failed<double>(QT_TRANSLATE_NOOP("aimath::engine", "expected a number, got nothing"));
    const std::string l = lower(s);
    if (l == "inf" || l == "+inf" || l == "infinity" || l == "+infinity")
        return {std::numeric_limits<double>::infinity(), {}, {}};
    if (l == "-inf" || l == "-infinity")
        return {-std::numeric_limits<double>::infinity(), {}, {}};
    std::string_view body = s;
    if (body.front() == '+')
        body.remove_prefix(1);
    if (body.empty() || (!std::isdigit(static_cast<unsigned char>(body.front())) && body.front() != '-' && body.front() != '.'))
        return failed<double>({QT_TRANSLATE_NOOP("aimath::engine", "expected a number, got %1"), {quoted(s)}});
    double v = 0.0;
    const auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), v, std::chars_format::general);
    if (ec == std::errc::result_out_of_range)
        return failed<double>({QT_TRANSLATE_NOOP("aimath::engine", "%1 is outside the range of a double"), {quoted(s)}});
    if (ec != std::errc() || ptr != body.data() + body.size())
        return failed<double>({QT_TRANSLATE_NOOP("aimath::engine", "expected a number, got %1"), {quoted(s)}});
    if (std::isnan(v))
        return failed<double>({QT_TRANSLATE_NOOP("aimath::engine", "expected a number, got %1"), {quoted(s)}});
    return {v, {}, {}};
}

Parsed<long long> parseInteger(std::string_view s)
{
    s = trimmed(s);
    if (s.empty())
        return failed<long long>(QT_TRANSLATE_NOOP("aimath::engine", "expected an integer, got nothing"));
    std::string_view body = s;
    if (body.front() == '+')
        body.remove_prefix(1);
    long long v = 0;
    const auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), v);
    if (ec == std::errc::result_out_of_range)
        return failed<long long>({QT_TRANSLATE_NOOP("aimath::engine", "%1 is too large for an integer"), {quoted(s)}});
    if (ec != std::errc() || ptr != body.data() + body.size())
        return failed<long long>({QT_TRANSLATE_NOOP("aimath::engine", "expected an integer, got %1"), {quoted(s)}});
    return {v, {}, {}};
}

Parsed<bool> parseBool(std::string_view s)
{
    const std::string l = lower(trimmed(s));
    if (l == "true" || l == "1" || l == "on" || l == "yes")
        return {true, {}, {}};
    if (l == "false" || l == "0" || l == "off" || l == "no")
        return {false, {}, {}};
    return failed<bool>({QT_TRANSLATE_NOOP("aimath::engine", "expected true/false, 1/0 or on/off, got %1"), {quoted(s)}});
}

Parsed<std::vector<std::string>> parseTextList(std::string_view s)
{
    Parsed<std::vector<std::string>> out;
    if (trimmed(s).empty())
        return out;
    std::string cur;
    // Blanks at either end of an entry are trimmed unless escaped ("\ "):
    // [firstKept, endKept) is the span that escapes protect from trimming.
    std::size_t firstKept = std::string::npos;
    std::size_t endKept = 0;
    auto flush = [&] {
        std::size_t b = 0;
        std::size_t e = cur.size();
        while (b < e && b < firstKept && isSpace(cur[b]))
            ++b;
        while (e > b && e > endKept && isSpace(cur[e - 1]))
            --e;
        out.value.push_back(cur.substr(b, e - b));
        cur.clear();
        firstKept = std::string::npos;
        endKept = 0;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size() && (s[i + 1] == ',' || s[i + 1] == '\\' || isSpace(s[i + 1]))) {
            if (firstKept == std::string::npos)
                firstKept = cur.size();
            cur += s[++i];
            endKept = cur.size();
        } else if (c == ',') {
            flush();
        } else {
            cur += c;
        }
    }
    flush();
    return out;
}

std::string joinTextList(const std::vector<std::string>& items)
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i)
            out += ',';
        const std::string& item = items[i];
        // Leading and trailing blanks are escaped so parseTextList keeps them.
        std::size_t lead = 0;
        while (lead < item.size() && isSpace(item[lead]))
            ++lead;
        std::size_t trail = item.size();
        while (trail > lead && isSpace(item[trail - 1]))
            --trail;
        for (std::size_t j = 0; j < item.size(); ++j) {
            const char c = item[j];
            if (c == ',' || c == '\\' || j < lead || j >= trail)
                out += '\\';
            out += c;
        }
    }
    return out;
}

Parsed<std::vector<double>> parseRealList(std::string_view s)
{
    Parsed<std::vector<double>> out;
    if (trimmed(s).empty())
        return out;
    std::size_t start = 0;
    std::size_t entry = 1;
    while (true) {
        const std::size_t comma = s.find(',', start);
        const std::string_view item = s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        const Parsed<double> r = parseReal(item);
        if (!r.ok()) {
            return failed<std::vector<double>>({QT_TRANSLATE_NOOP("aimath::engine", "entry %1: %2"), {std::to_string(entry), r.why}});
        }
        out.value.push_back(r.value);
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
        ++entry;
    }
    return out;
}

std::string formatReal(double v)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    char buf[64];
    const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
    (void)ec;
    return std::string(buf, ptr);
}

std::string formatRealList(const std::vector<double>& v)
{
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i)
            out += ',';
        out += formatReal(v[i]);
    }
    return out;
}

}  // namespace aimath
