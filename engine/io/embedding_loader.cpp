#include "engine/io/embedding_loader.h"

#include "engine/core/message.h"
#include "engine/core/parse.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <new>
#include <sstream>
#include <system_error>
#include <thread>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aimath::io {

namespace {

constexpr std::size_t kProgressEveryLines = 4096;
/// Widest vector accepted. Real embeddings have at most a few ten thousand
/// dimensions; the bound keeps a runaway line (1 GB of "0 0 0 …") from being
/// split into hundreds of millions of fields before anything can be said.
constexpr std::size_t kMaxDimension = 100000;

std::string lowerExt(std::string_view path)
{
    const auto slash = path.find_last_of('/');
    const auto dot = path.find_last_of('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
        return {};
    std::string e(path.substr(dot + 1));
    for (char& c : e)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

std::string baseName(std::string_view path)
{
    const auto slash = path.find_last_of('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string megabytes(long double bytes)
{
    std::ostringstream s;
    const double mb = static_cast<double>(bytes / 1e6L);
    // Three significant digits below 1000 MB; whole megabytes above ("1000 MB", not "1e+03 MB").
    // (No <iomanip>: its std::quoted would win overload resolution against ours.)
    if (mb >= 1000.0 && mb < 1e15) {
        s.setf(std::ios::fixed);
        s.precision(0);
    } else {
        s.precision(3);
    }
    s << mb << " MB";
    return s.str();
}

/// A byte count computed in long double (header sizes can exceed 2⁶⁴): exact digits when it fits.
std::string byteCount(long double bytes)
{
    if (bytes < 1.8e19L)
        return std::to_string(static_cast<std::uint64_t>(bytes));
    std::ostringstream s;
    s.precision(3);
    s << static_cast<double>(bytes);
    return s.str();
}

/// A printable, shortened copy of a token for messages.
std::string quoted(std::string_view tok)
{
    std::string out = "'";
    for (char c : tok.substr(0, 40)) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            out += buf;
        } else {
            out += c;
        }
    }
    if (tok.size() > 40)
        out += "…";
    return out + "'";
}

/// strerror's text; the two a person meets opening a file are templates (glibc's English, word for word), so the window can translate them.
Message systemError(int code)
{
    if (code == ENOENT)
        return QT_TRANSLATE_NOOP("aimath::engine", "No such file or directory");
    if (code == EACCES)
        return QT_TRANSLATE_NOOP("aimath::engine", "Permission denied");
    return std::string(std::strerror(code));
}

class Failure {
public:
    explicit Failure(std::string name) : m_name(std::move(name)) {}
    LoadResult at(const Message& where, const Message& why) const
    {
        LoadResult r;
        r.why = where.empty() ? Message(QT_TRANSLATE_NOOP("aimath::engine", "%1: %2"), {m_name, why}) : Message(QT_TRANSLATE_NOOP("aimath::engine", "%1: %2: %3"), {m_name, where, why});
        r.message = r.why.text();
        return r;
    }
    LoadResult line(std::size_t line, const Message& why) const { return at(Message(QT_TRANSLATE_NOOP("aimath::engine", "line %1"), {std::to_string(line)}), why); }
    LoadResult cell(std::size_t line, std::size_t column, const Message& why) const
    {
        return at(Message(QT_TRANSLATE_NOOP("aimath::engine", "line %1, column %2"), {std::to_string(line), std::to_string(column)}), why);
    }
    LoadResult byte(std::uint64_t offset, const Message& why) const { return at(Message(QT_TRANSLATE_NOOP("aimath::engine", "byte %1"), {std::to_string(offset)}), why); }
    LoadResult file(const Message& why) const { return at({}, why); }
    const std::string& name() const { return m_name; }

private:
    std::string m_name;
};

LoadResult cancelledResult(const Failure& f)
{
    LoadResult r = f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "loading cancelled")));
    r.cancelled = true;
    return r;
}

/// The pages of a read-only file mapping that parsing has passed, dropped from the process as it goes:
/// mapped pages count as the process's memory until they are unmapped (1 GB for a 1 GB text file, on
/// top of the table being filled). Reading them again stays correct: they come back from the file.
/// Does nothing for bytes that are not a mapping (parseEmbeddings of a buffer).
class ReleaseBehind {
public:
    ReleaseBehind() = default;
    explicit ReleaseBehind(std::string_view mapping) : m_base(mapping.data()), m_size(mapping.size()) {}
    /// Drops the whole pages inside bytes [begin, end) of the mapping.
    void operator()(std::size_t begin, std::size_t end) const
    {
        if (!m_base)
            return;
        static const std::size_t page = static_cast<std::size_t>(std::max(4096L, ::sysconf(_SC_PAGESIZE)));
        const std::size_t b = (begin + page - 1) / page * page;  // the mapping starts on a page
        const std::size_t e = std::min(end, m_size) / page * page;
        if (e > b)
            ::madvise(const_cast<char*>(m_base) + b, e - b, MADV_DONTNEED);
    }

private:
    const char* m_base = nullptr;
    std::size_t m_size = 0;
};

/// Release every this many bytes passed: few system calls, little held.
constexpr std::size_t kReleaseEvery = std::size_t{16} << 20;

bool cancelRequested(const LoadOptions& o) { return o.control && o.control->cancel.load(std::memory_order_relaxed); }
void reportProgress(const LoadOptions& o, std::uint64_t done, std::uint64_t total)
{
    if (o.control && total > 0)
        o.control->permille.store(static_cast<int>(std::min<std::uint64_t>(1000, done * 1000 / total)), std::memory_order_relaxed);
}

std::uint64_t memoryLimit(const LoadOptions& o)
{
    if (o.memoryLimitBytes)
        return o.memoryLimitBytes;
    const auto avail = availableMemoryBytes();
    return avail ? avail : std::numeric_limits<std::uint64_t>::max();
}

/// Checks a planned allocation of rows × dim floats (plus labels) against the memory available.
Message checkMemory(const LoadOptions& o, std::uint64_t rows, std::uint64_t dim)
{
    const std::uint64_t limit = memoryLimit(o);
    const long double need = static_cast<long double>(rows) * static_cast<long double>(dim) * sizeof(float) + static_cast<long double>(rows) * 48.0L;
    if (need > static_cast<long double>(limit))
        return Message(QT_TRANSLATE_NOOP("aimath::engine", "a table of %1 × %2 values needs %3 but only %4 of memory are available"), {std::to_string(rows), std::to_string(dim), megabytes(need), megabytes(static_cast<long double>(limit))});
    return {};
}

/// Text formats spend at least two bytes per value (a digit and a separator):
/// a table the file cannot hold is refused before it is allocated.
Message checkFitsText(std::uint64_t fileBytes, std::uint64_t rows, std::uint64_t dim)
{
    // Only a guard against big allocations: a small table is parsed, so a ragged
    // file gets its precise "line N: expected K columns" instead of this.
    constexpr long double kSmallTableBytes = 16.0L * 1024 * 1024;
    if (static_cast<long double>(rows) * static_cast<long double>(dim) * sizeof(float) <= kSmallTableBytes)
        return {};
    const long double need = 2.0L * static_cast<long double>(rows) * static_cast<long double>(dim);
    if (need > static_cast<long double>(fileBytes) + 1.0L)
        return Message(QT_TRANSLATE_NOOP("aimath::engine", "%1 rows of %2 values need at least %3 of text but the file has %4 bytes"), {std::to_string(rows), std::to_string(dim), megabytes(need), std::to_string(fileBytes)});
    return {};
}

enum class NumberStatus { Ok, NotANumber, NotFinite, OutOfRange };

NumberStatus parseFloat(std::string_view tok, float& out)
{
    if (tok.empty())
        return NumberStatus::NotANumber;
    const char* b = tok.data();
    const char* e = b + tok.size();
    if (*b == '+')
        ++b;
    const auto [p, ec] = std::from_chars(b, e, out);
    if (ec == std::errc::result_out_of_range)
        return NumberStatus::OutOfRange;
    if (ec != std::errc() || p != e)
        return NumberStatus::NotANumber;
    if (!std::isfinite(out))
        return NumberStatus::NotFinite;
    return NumberStatus::Ok;
}

bool looksNumeric(std::string_view tok)
{
    float v;
    const auto s = parseFloat(tok, v);
    return s == NumberStatus::Ok || s == NumberStatus::OutOfRange || s == NumberStatus::NotFinite;
}

Message numberError(NumberStatus s, std::string_view tok)
{
    switch (s) {
    case NumberStatus::NotFinite:
        return std::isnan(std::strtod(std::string(tok).c_str(), nullptr)) ? Message(QT_TRANSLATE_NOOP("aimath::engine", "NaN is not allowed in a vector (%1)"), {quoted(tok)})
                                                                           : Message(QT_TRANSLATE_NOOP("aimath::engine", "infinity is not allowed in a vector (%1)"), {quoted(tok)});
    case NumberStatus::OutOfRange: return Message(QT_TRANSLATE_NOOP("aimath::engine", "%1 is outside the float32 range"), {quoted(tok)});
    default: return Message(QT_TRANSLATE_NOOP("aimath::engine", "%1 is not a number"), {quoted(tok)});
    }
}

/// One line of text without its terminator ("\n" or "\r\n").
struct Line {
    std::string_view text;
    std::size_t number = 0;  ///< 1-based
    std::size_t offset = 0;
};

class LineReader {
public:
    explicit LineReader(std::string_view bytes) : m_bytes(bytes) {}
    bool next(Line& line)
    {
        if (m_pos >= m_bytes.size())
            return false;
        const std::size_t start = m_pos;
        const void* nl = std::memchr(m_bytes.data() + start, '\n', m_bytes.size() - start);
        std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - m_bytes.data()) : m_bytes.size();
        m_pos = nl ? end + 1 : m_bytes.size();
        if (end > start && m_bytes[end - 1] == '\r')
            --end;
        line = Line{m_bytes.substr(start, end - start), ++m_number, start};
        return true;
    }
    std::size_t position() const { return m_pos; }

private:
    std::string_view m_bytes;
    std::size_t m_pos = 0;
    std::size_t m_number = 0;
};

bool isBlank(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

/// Splits on runs of spaces/tabs (word2vec, GloVe); stops after `maxFields`
/// (the caller sees maxFields entries and knows there may be more).
void splitWhitespace(std::string_view s, std::vector<std::string_view>& out, std::size_t maxFields = static_cast<std::size_t>(-1))
{
    out.clear();
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            ++i;
        if (i >= n)
            break;
        const std::size_t b = i;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            ++i;
        out.push_back(s.substr(b, i - b));
        if (out.size() == maxFields)
            break;
    }
}

/// Splits on one delimiter (TSV, CSV); fields are trimmed and one level of double quotes is removed.
/// Stops after `maxFields` like splitWhitespace.
void splitDelimited(std::string_view s, char delim, std::vector<std::string_view>& out, std::size_t maxFields = static_cast<std::size_t>(-1))
{
    out.clear();
    std::size_t b = 0;
    while (true) {
        const std::size_t e = s.find(delim, b);
        std::string_view f = s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
        while (!f.empty() && (f.front() == ' ' || f.front() == '\t'))
            f.remove_prefix(1);
        while (!f.empty() && (f.back() == ' ' || f.back() == '\t'))
            f.remove_suffix(1);
        if (f.size() >= 2 && f.front() == '"' && f.back() == '"')
            f = f.substr(1, f.size() - 2);
        out.push_back(f);
        if (e == std::string_view::npos || out.size() == maxFields)
            break;
        b = e + 1;
    }
}

/// Text formats must not contain NUL or other control bytes a text editor would not write.
std::optional<std::size_t> firstBinaryByte(std::string_view bytes, const ReleaseBehind& release = ReleaseBehind())
{
    const auto bad = [](unsigned char u) { return u < 0x20 && u != '\n' && u != '\r' && u != '\t' && u != '\f' && u != '\v'; };
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    // 4 KiB blocks scanned without an early exit (the compiler vectorises the OR over the
    // block: 9–13 are \t \n \v \f \r); the byte-wise search runs only in a block that has one.
    constexpr std::size_t kBlock = 4096;
    for (std::size_t b = 0; b < n; b += kBlock) {
        const std::size_t e = std::min(n, b + kBlock);
        if (b % kReleaseEvery == 0 && b > 0)
            release(b - kReleaseEvery, b);
        unsigned char any = 0;
        for (std::size_t i = b; i < e; ++i)
            any |= static_cast<unsigned char>((data[i] < 9) | ((data[i] > 13) & (data[i] < 0x20)));
        if (any)
            for (std::size_t i = b; i < e; ++i)
                if (bad(data[i]))
                    return i;
    }
    return std::nullopt;
}

/// 10^k for k = 0 … 22: every one is exact in a double.
constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/// A plain decimal number ([+-]digits[.digits][(e|E)[+-]digits]) ending at a space, a tab or
/// the end of the text, as std::from_chars<float> would read it, or false for anything else
/// (the caller then takes the general path and its messages). Clinger's fast path: with at
/// most 15 significant digits and |power of ten| ≤ 22 the double m·10^e or m/10^e is the
/// correctly rounded double; it is then rounded to float, unless it is exactly halfway
/// between two floats (where the double's own rounding could decide the tie) or outside
/// the float normal range.
/// Reads the run of decimal digits at q (at most 8 at a time, eight bytes loaded at once:
/// `limit` is where the buffer ends, the run itself stops at `end`); adds them to mant.
/// Returns the number of digits read.
inline int readDigits(const char*& q, const char* end, const char* limit, std::uint64_t& mant)
{
    int count = 0;
    while (q != end) {
        int k;
        std::uint64_t v;
        if (std::endian::native == std::endian::little && limit - q >= 8) {
            std::memcpy(&v, q, 8);
            // bytes that are not '0'…'9' get their top bit set: x ≥ 10 or x ≥ 0x80 (no carry between bytes)
            const std::uint64_t x = v ^ 0x3030303030303030ULL;
            const std::uint64_t nonDigit = (((x & 0x7f7f7f7f7f7f7f7fULL) + 0x7676767676767676ULL) | x) & 0x8080808080808080ULL;
            k = nonDigit ? std::countr_zero(nonDigit) / 8 : 8;
            k = std::min<int>(k, static_cast<int>(end - q));
            if (k == 0)
                break;
            // the k digits moved to the top bytes (leading zeros below), then combined pairwise
            std::uint64_t d = x << (8 * (8 - k));
            d = (d * 10 + (d >> 8)) & 0x00ff00ff00ff00ffULL;
            d = (d * 100 + (d >> 16)) & 0x0000ffff0000ffffULL;
            d = (d * 10000 + (d >> 32)) & 0xffffffffULL;
            mant = mant * static_cast<std::uint64_t>(kPow10[k]) + d;
        } else {
            if (static_cast<unsigned>(*q - '0') >= 10)
                break;
            k = 1;
            mant = mant * 10 + static_cast<unsigned>(*q - '0');
        }
        q += k;
        count += k;
        if (count > 19)
            return count;  // the caller gives up: mant may have overflowed
    }
    return count;
}

/// A plain decimal number ([+-]digits[.digits][(e|E)[+-]digits]) ending at a space, a tab or
/// the end of the text, as std::from_chars<float> would read it, or false for anything else
/// (the caller then takes the general path and its messages). Clinger's fast path: with at
/// most 15 digits and |power of ten| ≤ 22 the double m·10^e or m/10^e is the correctly
/// rounded double; it is then rounded to float, unless it is exactly halfway between two
/// floats (where the double's own rounding could decide the tie) or outside the float
/// normal range. `limit` is the end of the whole buffer (digits are read 8 bytes at a time).
bool parseNumberFast(const char*& p, const char* end, const char* limit, float& out)
{
    const char* q = p;
    bool neg = false;
    if (q != end && (*q == '-' || *q == '+')) {
        neg = *q == '-';
        ++q;
    }
    std::uint64_t mant = 0;
    int exp10 = 0;
    int digits = readDigits(q, end, limit, mant);
    if (q != end && *q == '.') {
        ++q;
        const int fraction = readDigits(q, end, limit, mant);
        digits += fraction;
        exp10 -= fraction;
    }
    if (digits > 15)
        return false;
    const bool anyDigit = digits > 0;
    if (!anyDigit)
        return false;
    if (q != end && (*q == 'e' || *q == 'E')) {
        ++q;
        bool eneg = false;
        if (q != end && (*q == '-' || *q == '+')) {
            eneg = *q == '-';
            ++q;
        }
        int ev = 0;
        bool anyExp = false;
        for (; q != end && static_cast<unsigned>(*q - '0') < 10; ++q) {
            anyExp = true;
            if (ev < 10000)
                ev = ev * 10 + (*q - '0');
        }
        if (!anyExp)
            return false;
        exp10 += eneg ? -ev : ev;
    }
    if (q != end && *q != ' ' && *q != '\t')
        return false;
    double d;
    if (mant == 0) {
        d = 0.0;
    } else {
        if (exp10 < -22 || exp10 > 22)
            return false;
        d = exp10 < 0 ? static_cast<double>(mant) / kPow10[-exp10] : static_cast<double>(mant) * kPow10[exp10];
        if (d < static_cast<double>(std::numeric_limits<float>::min()) || d > static_cast<double>(std::numeric_limits<float>::max()))
            return false;
        if ((std::bit_cast<std::uint64_t>(d) & 0x1fffffffULL) == 0x10000000ULL)
            return false;  // exactly a float tie in double: let from_chars see the digits
    }
    const auto f = static_cast<float>(d);
    out = neg ? -f : f;
    p = q;
    return true;
}

/// One data row "word v1 … v_dim" of a whitespace table on the fast path; false when the
/// row is anything but exactly that (the general path then parses it and names the problem).
/// `limit` is the end of the buffer the text lies in.
bool parseRowFast(std::string_view text, const char* limit, std::size_t dim, std::string_view& word, float* dst)
{
    const char* p = text.data();
    const char* end = p + text.size();
    while (p != end && (*p == ' ' || *p == '\t'))
        ++p;
    const char* w = p;
    while (p != end && *p != ' ' && *p != '\t')
        ++p;
    if (p == w)
        return false;
    word = std::string_view(w, static_cast<std::size_t>(p - w));
    for (std::size_t j = 0; j < dim; ++j) {
        if (p == end || (*p != ' ' && *p != '\t'))
            return false;
        while (p != end && (*p == ' ' || *p == '\t'))
            ++p;
        if (p == end || !parseNumberFast(p, end, limit, dst[j]))
            return false;
    }
    while (p != end && (*p == ' ' || *p == '\t'))
        ++p;
    return p == end;
}

bool parseCount(std::string_view tok, std::uint64_t& v)
{
    if (tok.empty())
        return false;
    const auto [p, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), v);
    return ec == std::errc() && p == tok.data() + tok.size();
}

std::size_t countNonBlankLines(std::string_view bytes, std::size_t from, const ReleaseBehind& release = ReleaseBehind())
{
    std::size_t count = 0;
    LineReader r(bytes.substr(from));
    Line l;
    std::size_t released = from;
    while (r.next(l)) {
        if (!isBlank(l.text))
            ++count;
        if (from + l.offset >= released + kReleaseEvery) {
            release(released, from + l.offset);
            released = from + l.offset;
        }
    }
    return count;
}

bool allocate(EmbeddingTable& t, std::size_t rows, std::size_t dim, bool labels)
{
    try {
        t.vectors.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(dim));
        if (labels)
            t.labels.resize(rows);
        return true;
    } catch (const std::bad_alloc&) {
        return false;
    }
}

// ---------------------------------------------------------------- word2vec text / GloVe

LoadResult parseWhitespaceText(std::string_view bytes, const Failure& f, const LoadOptions& o, bool word2vecHeader,
                               const ReleaseBehind& release)
{
    if (const auto bad = firstBinaryByte(bytes, release))
        return f.byte(*bad, Message(QT_TRANSLATE_NOOP("aimath::engine", "binary data (byte %1) in a text file; for binary files use format=word2vec-binary or a .npy file"), {quoted(bytes.substr(*bad, 1))}));
    LineReader reader(bytes);
    Line line;
    std::vector<std::string_view> tok;
    std::size_t rows = 0;
    std::size_t dim = 0;
    std::size_t dataStart = 0;
    std::uint64_t declaredRows = 0;
    std::uint64_t declaredDim = 0;
    if (word2vecHeader) {
        while (reader.next(line) && isBlank(line.text)) {}
        splitWhitespace(line.text, tok);
        if (tok.size() != 2 || !parseCount(tok[0], declaredRows) || !parseCount(tok[1], declaredDim))
            return f.line(line.number, Message(QT_TRANSLATE_NOOP("aimath::engine", "a word2vec text file starts with \"<count> <dimension>\", found %1"), {quoted(line.text)}));
        if (declaredRows == 0 || declaredDim == 0)
            return f.line(line.number, Message(QT_TRANSLATE_NOOP("aimath::engine", "header declares %1 × %2 values: nothing to load"), {std::to_string(declaredRows), std::to_string(declaredDim)}));
        // Each row needs at least a one-byte word and "d.d" per value: check before allocating.
        const std::uint64_t remaining = bytes.size() - reader.position();
        const long double minBytes = static_cast<long double>(declaredRows) * (2.0L * static_cast<long double>(declaredDim) + 2.0L);
        if (minBytes > static_cast<long double>(remaining) + 1.0L)
            return f.line(line.number, Message(QT_TRANSLATE_NOOP("aimath::engine", "header declares %1 rows of %2 values, which needs at least %3 but only %4 bytes follow"), {std::to_string(declaredRows), std::to_string(declaredDim), megabytes(minBytes), std::to_string(remaining)}));
        if (declaredDim > kMaxDimension)
            return f.line(line.number, Message(QT_TRANSLATE_NOOP("aimath::engine", "header declares %1 dimensions; at most %2 are supported"), {std::to_string(declaredDim), std::to_string(kMaxDimension)}));
        dataStart = reader.position();
        rows = countNonBlankLines(bytes, dataStart, release);
        if (rows != declaredRows)
            return f.line(line.number, Message(QT_TRANSLATE_NOOP("aimath::engine", "header declares %1 rows but the file has %2"), {std::to_string(declaredRows), std::to_string(rows)}));
        dim = static_cast<std::size_t>(declaredDim);
    } else {
        rows = countNonBlankLines(bytes, 0, release);
        if (rows == 0)
            return f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "the file has no data rows (only blank lines)")));
    }

    EmbeddingTable t;
    std::atomic<std::size_t> rowsDone{0};
    std::atomic<bool> stop{false};  // set when an earlier range failed: a later range's result no longer matters
    LoadResult ok;
    ok.ok = true;
    // Parses the whole lines of bytes[begin, end): the first non-blank one is row r, the line
    // before the range is number lineBase. Returns `ok` or the range's first error.
    auto parseRange = [&](std::size_t begin, std::size_t end, std::size_t lineBase, std::size_t r, std::vector<std::string_view>& tok) -> LoadResult {
        LineReader rowsReader(bytes.substr(begin, end - begin));
        Line line;
        std::size_t sinceCheck = 0;
        std::size_t released = begin;
        auto checkpoint = [&]() -> bool {  // every kProgressEveryLines rows: false when cancelled or no longer needed
            if (++sinceCheck < kProgressEveryLines)
                return true;
            sinceCheck = 0;
            if (begin + line.offset >= released + kReleaseEvery) {  // the lines before this one are parsed
                release(released, begin + line.offset);
                released = begin + line.offset;
            }
            reportProgress(o, rowsDone.fetch_add(kProgressEveryLines, std::memory_order_relaxed) + kProgressEveryLines, rows);
            return !cancelRequested(o) && !stop.load(std::memory_order_relaxed);
        };
        auto stopped = [&] { return cancelRequested(o) ? cancelledResult(f) : ok; };
        while (rowsReader.next(line)) {
            const std::size_t lineNo = line.number + lineBase;
            if (isBlank(line.text))
                continue;
            if (r > 0) {
                std::string_view word;
                if (parseRowFast(line.text, bytes.data() + bytes.size(), dim, word, t.vectors.row(static_cast<Eigen::Index>(r)).data())) {
                    t.labels[r] = std::string(word);
                    ++r;
                    if (!checkpoint())
                        return stopped();
                    continue;
                }
            }
            // The general path: any row the fast path declines, and the first (which sets the dimension).
            // Twice the fields a row may have is enough to say how wrong it is, and bounded.
            const std::size_t cap = r == 0 && !word2vecHeader ? kMaxDimension + 2 : 2 * (dim + 1) + 1;
            splitWhitespace(line.text, tok, cap);
            if (r == 0) {
                if (!word2vecHeader) {
                    if (tok.size() < 2)
                        return f.line(lineNo, Message(QT_TRANSLATE_NOOP("aimath::engine", "expected a word followed by its vector, found %1"), {quoted(line.text)}));
                    if (tok.size() > kMaxDimension + 1)
                        return f.line(lineNo, Message(QT_TRANSLATE_NOOP("aimath::engine", "more than %1 values on one line (%2); at most %3 dimensions are supported"), {std::to_string(kMaxDimension), megabytes(line.text.size()), std::to_string(kMaxDimension)}));
                    dim = tok.size() - 1;
                    if (const auto m = checkFitsText(bytes.size(), rows, dim); !m.empty())
                        return f.line(lineNo, Message(QT_TRANSLATE_NOOP("aimath::engine", "the first row has %1 values, but %2"), {std::to_string(dim), m}));
                }
                if (const auto m = checkMemory(o, rows, dim); !m.empty())
                    return f.file(m);
                if (!allocate(t, rows, dim, true))
                    return f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "not enough memory for %1 × %2 values"), {std::to_string(rows), std::to_string(dim)}));
            }
            if (tok.size() != dim + 1)
                return f.line(lineNo, Message(QT_TRANSLATE_NOOP("aimath::engine", "expected a word and %1 values, found %2 values"), {std::to_string(dim), tok.size() == cap ? Message(QT_TRANSLATE_NOOP("aimath::engine", "more than %1"), {std::to_string(cap - 2)}) : Message(std::to_string(tok.empty() ? 0 : tok.size() - 1))}));
            t.labels[r] = std::string(tok[0]);
            float* dst = t.vectors.row(static_cast<Eigen::Index>(r)).data();
            for (std::size_t j = 0; j < dim; ++j) {
                const auto st = parseFloat(tok[j + 1], dst[j]);
                if (st != NumberStatus::Ok)
                    return f.cell(lineNo, j + 2, numberError(st, tok[j + 1]));
            }
            ++r;
            if (!checkpoint())
                return stopped();
        }
        return ok;
    };

    // The first data row alone (it sets the dimension and allocates the table), then the rest,
    // in two halves split at a line boundary on two threads when the text is large.
    const std::size_t lineBase = word2vecHeader ? line.number : 0;  // line numbers continue after the header
    std::size_t restBegin = bytes.size(), restLineBase = lineBase;
    {
        LineReader first(bytes.substr(dataStart));
        while (first.next(line)) {
            if (!isBlank(line.text)) {
                restBegin = dataStart + first.position();
                restLineBase = lineBase + line.number;
                break;
            }
        }
    }
    if (LoadResult head = parseRange(dataStart, restBegin, lineBase, 0, tok); !head.ok)
        return head;
    std::size_t split = bytes.size();
    if (bytes.size() - restBegin >= o.parallelMinBytes && rows > 2) {
        const std::size_t mid = restBegin + (bytes.size() - restBegin) / 2;
        const void* nl = std::memchr(bytes.data() + mid, '\n', bytes.size() - mid);
        if (nl)
            split = static_cast<std::size_t>(static_cast<const char*>(nl) - bytes.data()) + 1;
    }
    if (split >= bytes.size()) {
        if (LoadResult rest = parseRange(restBegin, bytes.size(), restLineBase, 1, tok); !rest.ok)
            return rest;
    } else {
        // Where the second half starts: its row index and the number of the line before it.
        std::size_t rowsBefore = 1, linesBefore = 0;
        {
            LineReader count(bytes.substr(restBegin, split - restBegin));
            std::size_t released = restBegin;
            while (count.next(line)) {
                ++linesBefore;
                rowsBefore += isBlank(line.text) ? 0 : 1;
                if (restBegin + line.offset >= released + kReleaseEvery) {
                    release(released, restBegin + line.offset);
                    released = restBegin + line.offset;
                }
            }
        }
        LoadResult second = ok;
        std::vector<std::string_view> tok2;
        auto runSecond = [&] {
            try {
                second = parseRange(split, bytes.size(), restLineBase + linesBefore, rowsBefore, tok2);
            } catch (const std::bad_alloc&) {
                second = f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "not enough memory to load this file")));
            }
        };
        std::thread worker;
        try {
            worker = std::thread(runSecond);
        } catch (const std::system_error&) {
            // no thread to be had: the second half runs after the first
        }
        LoadResult firstHalf = ok;
        try {
            firstHalf = parseRange(restBegin, split, restLineBase, 1, tok);
        } catch (...) {
            stop = true;
            if (worker.joinable())
                worker.join();
            throw;
        }
        if (!firstHalf.ok)
            stop = true;
        if (worker.joinable())
            worker.join();
        else if (firstHalf.ok)
            runSecond();
        if (!firstHalf.ok)
            return firstHalf;
        if (!second.ok)
            return second;
    }
    LoadResult res;
    res.ok = true;
    res.table = std::move(t);
    res.format = word2vecHeader ? EmbeddingFormat::Word2VecText : EmbeddingFormat::GloveText;
    return res;
}

// ---------------------------------------------------------------- TSV / CSV

struct Labels {
    std::vector<std::string> labels;
    std::vector<std::string> classes;
};

LoadResult readMetadata(const std::string& path, std::size_t rows, Labels& out);

LoadResult parseDelimited(std::string_view bytes, const Failure& f, const LoadOptions& o, char delim, EmbeddingFormat fmt)
{
    if (const auto bad = firstBinaryByte(bytes))
        return f.byte(*bad, Message(QT_TRANSLATE_NOOP("aimath::engine", "binary data (byte %1) in a text file; for binary files use format=word2vec-binary or a .npy file"), {quoted(bytes.substr(*bad, 1))}));
    const std::size_t nonBlank = countNonBlankLines(bytes, 0);
    if (nonBlank == 0)
        return f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "the file has no data rows (only blank lines)")));

    // Look at the first two non-blank rows: the first is a header when it has text
    // where the second has a number; the label column is the first non-numeric one.
    LineReader reader(bytes);
    Line line;
    std::vector<std::string_view> tok;
    std::vector<Line> firstTwo;
    while (firstTwo.size() < 2 && reader.next(line))
        if (!isBlank(line.text))
            firstTwo.push_back(line);
    std::vector<std::string_view> row1, row2;
    constexpr std::size_t kMaxColumns = kMaxDimension + 1;  // the values and a label
    splitDelimited(firstTwo[0].text, delim, row1, kMaxColumns + 1);
    if (row1.size() > kMaxColumns)
        return f.line(firstTwo[0].number, Message(QT_TRANSLATE_NOOP("aimath::engine", "more than %1 columns on one line (%2); at most %3 dimensions are supported"), {std::to_string(kMaxColumns), megabytes(firstTwo[0].text.size()), std::to_string(kMaxDimension)}));
    bool header = false;
    if (firstTwo.size() == 2) {
        splitDelimited(firstTwo[1].text, delim, row2, kMaxColumns + 1);
        if (row2.size() > kMaxColumns)
            return f.line(firstTwo[1].number, Message(QT_TRANSLATE_NOOP("aimath::engine", "more than %1 columns on one line (%2); at most %3 dimensions are supported"), {std::to_string(kMaxColumns), megabytes(firstTwo[1].text.size()), std::to_string(kMaxDimension)}));
        for (std::size_t j = 0; j < std::min(row1.size(), row2.size()); ++j)
            if (!looksNumeric(row1[j]) && looksNumeric(row2[j]))
                header = true;
    }
    const std::vector<std::string_view>& firstData = header ? row2 : row1;
    if (header && row1.size() != row2.size())
        return f.line(firstTwo[1].number, Message(QT_TRANSLATE_NOOP("aimath::engine", "the header has %1 columns but this row has %2"), {std::to_string(row1.size()), std::to_string(row2.size())}));
    int labelCol = -1;
    for (std::size_t j = 0; j < firstData.size(); ++j)
        if (!looksNumeric(firstData[j])) {
            labelCol = static_cast<int>(j);
            break;
        }
    const std::size_t columns = firstData.size();
    const std::size_t dim = columns - (labelCol >= 0 ? 1 : 0);
    const std::size_t firstDataLine = header ? firstTwo[1].number : firstTwo[0].number;
    if (dim == 0)
        return f.line(firstDataLine, Message(QT_TRANSLATE_NOOP("aimath::engine", "no numeric column: expected a vector of numbers")));
    const std::size_t rows = nonBlank - (header ? 1 : 0);

    if (const auto m = checkFitsText(bytes.size(), rows, dim); !m.empty())
        return f.line(firstDataLine, Message(QT_TRANSLATE_NOOP("aimath::engine", "the first row has %1 values, but %2"), {std::to_string(dim), m}));
    if (const auto m = checkMemory(o, rows, dim); !m.empty())
        return f.file(m);
    EmbeddingTable t;
    if (!allocate(t, rows, dim, labelCol >= 0))
        return f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "not enough memory for %1 × %2 values"), {std::to_string(rows), std::to_string(dim)}));

    LineReader rowsReader(bytes);
    std::size_t r = 0;
    bool skippedHeader = !header;
    while (rowsReader.next(line)) {
        if (isBlank(line.text))
            continue;
        if (!skippedHeader) {
            skippedHeader = true;
            continue;
        }
        splitDelimited(line.text, delim, tok, 2 * columns + 1);
        if (tok.size() != columns)
            return f.line(line.number, Message(labelCol >= 0 ? QT_TRANSLATE_NOOP("aimath::engine", "expected %1 columns (%2 values and a label), found %3") : QT_TRANSLATE_NOOP("aimath::engine", "expected %1 columns (%2 values), found %3"),
                                                   {std::to_string(columns), std::to_string(dim),
                                                    tok.size() == 2 * columns + 1 ? Message(QT_TRANSLATE_NOOP("aimath::engine", "more than %1"), {std::to_string(2 * columns)}) : Message(std::to_string(tok.size()))}));
        float* dst = t.vectors.row(static_cast<Eigen::Index>(r)).data();
        std::size_t k = 0;
        for (std::size_t j = 0; j < columns; ++j) {
            if (static_cast<int>(j) == labelCol) {
                t.labels[r] = std::string(tok[j]);
                continue;
            }
            const auto s = parseFloat(tok[j], dst[k++]);
            if (s != NumberStatus::Ok)
                return f.cell(line.number, j + 1, numberError(s, tok[j]));
        }
        ++r;
        if (r % kProgressEveryLines == 0) {
            if (cancelRequested(o))
                return cancelledResult(f);
            reportProgress(o, rowsReader.position(), bytes.size());
        }
    }

    LoadResult res;
    res.ok = true;
    res.format = fmt;
    res.table = std::move(t);
    return res;
}

LoadResult readMetadata(const std::string& path, std::size_t rows, Labels& out)
{
    const Failure f(path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "cannot open the metadata file")));
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (const auto bad = firstBinaryByte(bytes))
        return f.byte(*bad, Message(QT_TRANSLATE_NOOP("aimath::engine", "binary data in a metadata file")));
    LineReader reader(bytes);
    Line line;
    std::vector<Line> lines;
    while (reader.next(line))
        lines.push_back(line);
    if (lines.empty())
        return f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "the metadata file is empty")));
    // Projector rule: a header row exactly when there is more than one column.
    const bool multi = lines.front().text.find('\t') != std::string_view::npos;
    // Empty labels are allowed, but blank lines beyond the vectors' row count are only trailing padding.
    while (lines.size() > rows + (multi ? 1 : 0) && lines.back().text.empty())
        lines.pop_back();
    std::vector<std::string_view> tok;
    std::vector<std::string_view> head;
    if (multi)
        splitDelimited(lines.front().text, '\t', head);
    const std::size_t count = lines.size() - (multi ? 1 : 0);
    if (count != rows)
        return f.file(Message(multi ? QT_TRANSLATE_NOOP("aimath::engine", "has %1 label rows after its header but the vectors file has %2 rows")
                                    : QT_TRANSLATE_NOOP("aimath::engine", "has %1 label rows but the vectors file has %2 rows"),
                              {std::to_string(count), std::to_string(rows)}));
    out.labels.assign(rows, {});
    if (multi)
        out.classes.assign(rows, {});
    for (std::size_t i = 0; i < rows; ++i) {
        const Line& l = lines[i + (multi ? 1 : 0)];
        if (!multi) {
            out.labels[i] = std::string(l.text);
            continue;
        }
        splitDelimited(l.text, '\t', tok);
        if (tok.size() != head.size())
            return f.line(l.number, Message(QT_TRANSLATE_NOOP("aimath::engine", "expected %1 columns like the header, found %2"), {std::to_string(head.size()), std::to_string(tok.size())}));
        out.labels[i] = std::string(tok[0]);
        out.classes[i] = std::string(tok.size() > 1 ? tok[1] : tok[0]);
    }
    LoadResult ok;
    ok.ok = true;
    return ok;
}

// ---------------------------------------------------------------- word2vec binary

LoadResult parseWord2VecBinary(std::string_view bytes, const Failure& f, const LoadOptions& o, const ReleaseBehind& release)
{
    const std::size_t nl = bytes.find('\n');
    if (nl == std::string_view::npos || nl > 200)
        return f.line(1, Message(QT_TRANSLATE_NOOP("aimath::engine", "a word2vec binary file starts with a text line \"<count> <dimension>\"")));
    std::vector<std::string_view> tok;
    splitWhitespace(bytes.substr(0, nl), tok);
    std::uint64_t rows = 0, dim = 0;
    if (tok.size() != 2 || !parseCount(tok[0], rows) || !parseCount(tok[1], dim))
        return f.line(1, Message(QT_TRANSLATE_NOOP("aimath::engine", "a word2vec binary file starts with \"<count> <dimension>\", found %1"), {quoted(bytes.substr(0, nl))}));
    if (rows == 0 || dim == 0)
        return f.line(1, Message(QT_TRANSLATE_NOOP("aimath::engine", "header declares %1 × %2 values: nothing to load"), {std::to_string(rows), std::to_string(dim)}));
    const std::uint64_t remaining = bytes.size() - (nl + 1);
    const long double need = static_cast<long double>(rows) * (static_cast<long double>(dim) * 4.0L + 2.0L);
    if (need > static_cast<long double>(remaining))
        return f.line(1, Message(QT_TRANSLATE_NOOP("aimath::engine", "header declares %1 rows of %2 float32 values (at least %3 bytes) but only %4 bytes follow: the file is truncated or the header is wrong"), {std::to_string(rows), std::to_string(dim), byteCount(need), std::to_string(remaining)}));
    if (const auto m = checkMemory(o, rows, dim); !m.empty())
        return f.file(m);
    EmbeddingTable t;
    if (!allocate(t, rows, dim, true))
        return f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "not enough memory for %1 × %2 values"), {std::to_string(rows), std::to_string(dim)}));
    std::size_t pos = nl + 1;
    const std::size_t rowBytes = static_cast<std::size_t>(dim) * 4;
    for (std::uint64_t r = 0; r < rows; ++r) {
        while (pos < bytes.size() && (bytes[pos] == '\n' || bytes[pos] == ' ' || bytes[pos] == '\r'))
            ++pos;
        const std::size_t wordStart = pos;
        while (pos < bytes.size() && bytes[pos] != ' ' && pos - wordStart <= 1000)
            ++pos;
        if (pos >= bytes.size())
            return f.byte(wordStart, Message(QT_TRANSLATE_NOOP("aimath::engine", "row %1 of %2: the file ends inside the word (truncated)"), {std::to_string(r + 1), std::to_string(rows)}));
        if (pos - wordStart > 1000)
            return f.byte(wordStart, Message(QT_TRANSLATE_NOOP("aimath::engine", "row %1: no space after the word within 1000 bytes: not a word2vec binary file?"), {std::to_string(r + 1)}));
        t.labels[r] = std::string(bytes.substr(wordStart, pos - wordStart));
        ++pos;  // the space
        if (bytes.size() - pos < rowBytes)
            return f.byte(pos, Message(QT_TRANSLATE_NOOP("aimath::engine", "row %1 (%2) needs %3 bytes of float32 values but only %4 remain (truncated)"), {std::to_string(r + 1), quoted(t.labels[r]), std::to_string(rowBytes), std::to_string(bytes.size() - pos)}));
        float* dst = t.vectors.row(static_cast<Eigen::Index>(r)).data();
        std::memcpy(dst, bytes.data() + pos, rowBytes);
        for (std::uint64_t j = 0; j < dim; ++j)
            if (!std::isfinite(dst[j]))
                return f.byte(pos + j * 4, Message(std::isnan(dst[j]) ? QT_TRANSLATE_NOOP("aimath::engine", "row %1 (%2), value %3 is NaN") : QT_TRANSLATE_NOOP("aimath::engine", "row %1 (%2), value %3 is infinite"),
                                                       {std::to_string(r + 1), quoted(t.labels[r]), std::to_string(j + 1)}));
        pos += rowBytes;
        if ((r + 1) % kProgressEveryLines == 0) {
            if (cancelRequested(o))
                return cancelledResult(f);
            reportProgress(o, pos, bytes.size());
            release(0, pos);
        }
    }
    while (pos < bytes.size() && (bytes[pos] == '\n' || bytes[pos] == ' ' || bytes[pos] == '\r'))
        ++pos;
    if (pos != bytes.size())
        return f.byte(pos, Message(QT_TRANSLATE_NOOP("aimath::engine", "%1 bytes follow the %2 rows the header declares: the header is wrong"), {std::to_string(bytes.size() - pos), std::to_string(rows)}));
    LoadResult res;
    res.ok = true;
    res.format = EmbeddingFormat::Word2VecBinary;
    res.table = std::move(t);
    return res;
}

// ---------------------------------------------------------------- NumPy .npy

/// Value of `'key': <value>` in a .npy header dict (the text up to the next ',' or '}' outside parentheses).
std::optional<std::string_view> npyField(std::string_view header, std::string_view key)
{
    for (const char q : {'\'', '"'}) {
        const std::string pattern = std::string(1, q) + std::string(key) + std::string(1, q);
        const auto k = header.find(pattern);
        if (k == std::string_view::npos)
            continue;
        auto colon = header.find(':', k + pattern.size());
        if (colon == std::string_view::npos)
            return std::nullopt;
        std::size_t b = colon + 1;
        while (b < header.size() && header[b] == ' ')
            ++b;
        std::size_t e = b;
        int depth = 0;
        while (e < header.size()) {
            const char c = header[e];
            if (c == '(')
                ++depth;
            else if (c == ')')
                --depth;
            else if ((c == ',' || c == '}') && depth == 0)
                break;
            ++e;
        }
        return trimmed(header.substr(b, e - b));
    }
    return std::nullopt;
}

LoadResult parseNpy(std::string_view bytes, const Failure& f, const LoadOptions& o, const ReleaseBehind& release)
{
    static constexpr char kMagic[] = "\x93NUMPY";
    if (bytes.size() < 6 || bytes.substr(0, 6) != std::string_view(kMagic, 6))
        return f.byte(0, Message(QT_TRANSLATE_NOOP("aimath::engine", "not a NumPy .npy file (the magic string \\x93NUMPY is missing)")));
    if (bytes.size() < 10)
        return f.byte(bytes.size(), Message(QT_TRANSLATE_NOOP("aimath::engine", "truncated .npy header (the file ends after %1 bytes)"), {std::to_string(bytes.size())}));
    const auto major = static_cast<unsigned char>(bytes[6]);
    if (major < 1 || major > 3)
        return f.byte(6, Message(QT_TRANSLATE_NOOP("aimath::engine", "unsupported .npy format version %1 (1, 2 and 3 are supported)"), {std::to_string(major)}));
    std::size_t headerLen = 0;
    std::size_t headerStart = 0;
    if (major == 1) {
        headerLen = static_cast<unsigned char>(bytes[8]) | (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
        headerStart = 10;
    } else {
        if (bytes.size() < 12)
            return f.byte(bytes.size(), Message(QT_TRANSLATE_NOOP("aimath::engine", "truncated .npy header")));
        headerLen = 0;
        for (int i = 0; i < 4; ++i)
            headerLen |= static_cast<std::size_t>(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
        headerStart = 12;
    }
    if (headerStart + headerLen > bytes.size())
        return f.byte(8, Message(QT_TRANSLATE_NOOP("aimath::engine", "the header length %1 runs past the end of the file (%2 bytes): truncated .npy file"), {std::to_string(headerLen), std::to_string(bytes.size())}));
    const std::string_view header = bytes.substr(headerStart, headerLen);
    const auto descr = npyField(header, "descr");
    const auto fortran = npyField(header, "fortran_order");
    const auto shape = npyField(header, "shape");
    if (!descr || !fortran || !shape)
        return f.byte(headerStart, Message(QT_TRANSLATE_NOOP("aimath::engine", "the .npy header lacks 'descr', 'fortran_order' or 'shape': %1"), {quoted(header)}));
    std::string d(*descr);
    if (d.size() >= 2 && (d.front() == '\'' || d.front() == '"'))
        d = d.substr(1, d.size() - 2);
    bool bigEndian = false;
    std::size_t item = 0;
    if (d == "<f4" || d == "=f4" || d == "|f4" || d == ">f4")
        item = 4;
    else if (d == "<f8" || d == "=f8" || d == "|f8" || d == ">f8")
        item = 8;
    else
        return f.byte(headerStart, Message(QT_TRANSLATE_NOOP("aimath::engine", "unsupported dtype '%1': only float32 (<f4) and float64 (<f8) arrays can be loaded"), {d}));
    bigEndian = d.front() == '>';
    bool colMajor = false;
    if (*fortran == "True")
        colMajor = true;
    else if (*fortran != "False")
        return f.byte(headerStart, Message(QT_TRANSLATE_NOOP("aimath::engine", "fortran_order must be True or False, found %1"), {quoted(*fortran)}));
    // shape: "(n, d)"
    std::string_view s = *shape;
    if (s.size() < 2 || s.front() != '(' || s.back() != ')')
        return f.byte(headerStart, Message(QT_TRANSLATE_NOOP("aimath::engine", "malformed shape %1"), {quoted(s)}));
    s = s.substr(1, s.size() - 2);
    std::vector<std::uint64_t> dims;
    std::size_t b = 0;
    while (b <= s.size()) {
        const auto e = s.find(',', b);
        const auto part = trimmed(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
        if (!part.empty()) {
            std::uint64_t v = 0;
            if (!parseCount(part, v))
                return f.byte(headerStart, Message(QT_TRANSLATE_NOOP("aimath::engine", "malformed shape %1"), {quoted(*shape)}));
            dims.push_back(v);
        }
        if (e == std::string_view::npos)
            break;
        b = e + 1;
    }
    if (dims.size() != 2)
        return f.byte(headerStart, Message(QT_TRANSLATE_NOOP("aimath::engine", "shape %1 has %2 dimensions; a table of vectors needs shape (rows, dim)"), {std::string(*shape), std::to_string(dims.size())}));
    const std::uint64_t rows = dims[0], dim = dims[1];
    if (rows == 0 || dim == 0)
        return f.byte(headerStart, Message(QT_TRANSLATE_NOOP("aimath::engine", "shape %1 holds no values"), {std::string(*shape)}));
    const std::size_t dataStart = headerStart + headerLen;
    const std::uint64_t have = bytes.size() - dataStart;
    const long double need = static_cast<long double>(rows) * static_cast<long double>(dim) * static_cast<long double>(item);
    if (need > static_cast<long double>(have))
        return f.byte(dataStart, Message(QT_TRANSLATE_NOOP("aimath::engine", "truncated: shape %1 of %2 needs %3 bytes of data but only %4 follow"), {std::string(*shape), d, byteCount(need), std::to_string(have)}));
    if (need < static_cast<long double>(have))
        return f.byte(dataStart + static_cast<std::uint64_t>(need), Message(QT_TRANSLATE_NOOP("aimath::engine", "%1 bytes follow the data the shape declares"), {std::to_string(have - static_cast<std::uint64_t>(need))}));
    if (const auto m = checkMemory(o, rows, dim); !m.empty())
        return f.file(m);
    EmbeddingTable t;
    if (!allocate(t, rows, dim, false))
        return f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "not enough memory for %1 × %2 values"), {std::to_string(rows), std::to_string(dim)}));

    const char* data = bytes.data() + dataStart;
    auto readValue = [&](std::uint64_t flat) -> double {
        unsigned char buf[8];
        std::memcpy(buf, data + flat * item, item);
        if (bigEndian)
            std::reverse(buf, buf + item);
        if (item == 4) {
            float v;
            std::memcpy(&v, buf, 4);
            return v;
        }
        double v;
        std::memcpy(&v, buf, 8);
        return v;
    };
    // The common case, little-endian float32 in row order, is a copy of each row and a check.
    const bool rowsAsStored = item == 4 && !bigEndian && !colMajor;
    for (std::uint64_t r = 0; r < rows; ++r) {
        float* dst = t.vectors.row(static_cast<Eigen::Index>(r)).data();
        if (rowsAsStored)
            std::memcpy(dst, data + r * dim * 4, dim * 4);
        for (std::uint64_t j = 0; j < dim; ++j) {
            const std::uint64_t flat = colMajor ? j * rows + r : r * dim + j;
            const double v = rowsAsStored ? dst[j] : readValue(flat);
            if (!std::isfinite(v))
                return f.byte(dataStart + flat * item, Message(std::isnan(v) ? QT_TRANSLATE_NOOP("aimath::engine", "row %1, column %2 is NaN") : QT_TRANSLATE_NOOP("aimath::engine", "row %1, column %2 is infinite"),
                                                                   {std::to_string(r + 1), std::to_string(j + 1)}));
            if (item == 8 && std::fabs(v) > std::numeric_limits<float>::max())
                return f.byte(dataStart + flat * item, Message(QT_TRANSLATE_NOOP("aimath::engine", "row %1, column %2 is outside the float32 range"), {std::to_string(r + 1), std::to_string(j + 1)}));
            if (!rowsAsStored)
                dst[j] = static_cast<float>(v);
        }
        if ((r + 1) % kProgressEveryLines == 0) {
            if (cancelRequested(o))
                return cancelledResult(f);
            reportProgress(o, dataStart + (r + 1) * dim * item, bytes.size());
            if (!colMajor)  // column order reads every part of the file for every row
                release(0, dataStart + (r + 1) * dim * item);
        }
    }
    LoadResult res;
    res.ok = true;
    res.format = EmbeddingFormat::Npy;
    res.table = std::move(t);
    return res;
}

std::string siblingMetadata(const std::string& path)
{
    const std::string base = baseName(path);
    if (lowerExt(path) != "tsv" || base.find("vectors") == std::string::npos)
        return {};
    const auto slash = path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
    std::string candidate = base;
    candidate.replace(candidate.find("vectors"), 7, "metadata");
    const std::string full = dir + candidate;
    struct stat st {};
    return ::stat(full.c_str(), &st) == 0 && S_ISREG(st.st_mode) ? full : std::string();
}

}  // namespace

// ---------------------------------------------------------------- public

const std::vector<std::string>& embeddingFormatIds()
{
    static const std::vector<std::string> ids{"auto", "word2vec", "word2vec-binary", "glove", "tsv", "csv", "npy"};
    return ids;
}

std::string embeddingFormatId(EmbeddingFormat f) { return embeddingFormatIds()[static_cast<std::size_t>(f)]; }

std::optional<EmbeddingFormat> embeddingFormatFromId(std::string_view id)
{
    const auto& ids = embeddingFormatIds();
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (ids[i] == id)
            return static_cast<EmbeddingFormat>(i);
    return std::nullopt;
}

EmbeddingFormat detectEmbeddingFormat(std::string_view path, std::string_view head)
{
    if (head.size() >= 6 && head.substr(0, 6) == std::string_view("\x93NUMPY", 6))
        return EmbeddingFormat::Npy;
    const std::string ext = lowerExt(path);
    if (ext == "npy")
        return EmbeddingFormat::Npy;
    const auto nl = head.find('\n');
    const std::string_view first = head.substr(0, nl);
    std::vector<std::string_view> tok;
    splitWhitespace(first, tok);
    std::uint64_t a = 0, b = 0;
    const bool countHeader = tok.size() == 2 && parseCount(tok[0], a) && parseCount(tok[1], b);
    if (ext == "bin")
        return EmbeddingFormat::Word2VecBinary;
    if (countHeader && nl != std::string_view::npos && firstBinaryByte(head.substr(nl + 1)))
        return EmbeddingFormat::Word2VecBinary;
    if (ext == "csv")
        return EmbeddingFormat::Csv;
    if (ext == "tsv")
        return EmbeddingFormat::Tsv;
    if (countHeader)
        return EmbeddingFormat::Word2VecText;
    if (first.find('\t') != std::string_view::npos)
        return EmbeddingFormat::Tsv;
    if (first.find(',') != std::string_view::npos)
        return EmbeddingFormat::Csv;
    return EmbeddingFormat::GloveText;
}

namespace {

LoadResult parseMaybeMapped(std::string_view bytes, const std::string& name, const LoadOptions& options, const ReleaseBehind& release)
{
    const Failure f(name);
    if (bytes.empty())
        return f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "the file is empty")));
    EmbeddingFormat fmt = options.format;
    if (fmt == EmbeddingFormat::Auto)
        fmt = detectEmbeddingFormat(name, bytes.substr(0, 4096));
    LoadResult r;
    try {
        switch (fmt) {
        case EmbeddingFormat::Word2VecText: r = parseWhitespaceText(bytes, f, options, true, release); break;
        case EmbeddingFormat::GloveText: r = parseWhitespaceText(bytes, f, options, false, release); break;
        case EmbeddingFormat::Word2VecBinary: r = parseWord2VecBinary(bytes, f, options, release); break;
        case EmbeddingFormat::Tsv: r = parseDelimited(bytes, f, options, '\t', EmbeddingFormat::Tsv); break;
        case EmbeddingFormat::Csv: r = parseDelimited(bytes, f, options, ',', EmbeddingFormat::Csv); break;
        case EmbeddingFormat::Npy: r = parseNpy(bytes, f, options, release); break;
        case EmbeddingFormat::Auto: break;
        }
    } catch (const std::bad_alloc&) {
        return f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "not enough memory to load this file")));
    }
    if (!r.ok)
        return r;
    if (fmt == EmbeddingFormat::Tsv || !options.metadataPath.empty()) {
        const std::string meta = options.metadataPath.empty() ? siblingMetadata(name) : options.metadataPath;
        if (!meta.empty()) {
            Labels labels;
            LoadResult m = readMetadata(meta, static_cast<std::size_t>(r.table.rows()), labels);
            if (!m.ok)
                return m;
            r.table.labels = std::move(labels.labels);
            r.table.classes = std::move(labels.classes);
        }
    }
    r.table.source = name;
    if (options.control)
        options.control->permille.store(1000);
    return r;
}

}  // namespace

LoadResult parseEmbeddings(std::string_view bytes, const std::string& name, const LoadOptions& options)
{
    return parseMaybeMapped(bytes, name, options, ReleaseBehind());
}

LoadResult loadEmbeddings(const std::string& path, const LoadOptions& options)
{
    const Failure f(path);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "cannot open the file: %1"), {systemError(errno)}));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "not a regular file")));
    }
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size == 0) {
        ::close(fd);
        return f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "the file is empty")));
    }
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED)
        return f.file(Message(QT_TRANSLATE_NOOP("aimath::engine", "cannot map the file into memory: %1"), {std::string(std::strerror(errno))}));
    ::madvise(map, size, MADV_SEQUENTIAL);
    const std::string_view bytes(static_cast<const char*>(map), size);
    LoadResult r = parseMaybeMapped(bytes, path, options, ReleaseBehind(bytes));
    ::munmap(map, size);
    return r;
}

std::uint64_t availableMemoryBytes()
{
    std::ifstream in("/proc/meminfo");
    std::string key;
    std::uint64_t value = 0;
    std::string unit;
    while (in >> key >> value) {
        std::getline(in, unit);
        if (key == "MemAvailable:")
            return value * 1024;
    }
    const long pages = ::sysconf(_SC_AVPHYS_PAGES);
    const long page = ::sysconf(_SC_PAGESIZE);
    return pages > 0 && page > 0 ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page) : 0;
}

}  // namespace aimath::io
