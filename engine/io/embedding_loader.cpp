#include "engine/io/embedding_loader.h"

#include "engine/core/parse.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <new>
#include <sstream>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aimath::io {

namespace {

constexpr std::size_t kProgressEveryLines = 4096;

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
    s.precision(3);
    s << static_cast<double>(bytes / 1e6L) << " MB";
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

class Failure {
public:
    explicit Failure(std::string name) : m_name(std::move(name)) {}
    LoadResult at(std::string where, const std::string& why) const
    {
        LoadResult r;
        r.message = m_name + ": " + (where.empty() ? std::string() : where + ": ") + why;
        return r;
    }
    LoadResult line(std::size_t line, const std::string& why) const { return at("line " + std::to_string(line), why); }
    LoadResult cell(std::size_t line, std::size_t column, const std::string& why) const
    {
        return at("line " + std::to_string(line) + ", column " + std::to_string(column), why);
    }
    LoadResult byte(std::uint64_t offset, const std::string& why) const { return at("byte " + std::to_string(offset), why); }
    LoadResult file(const std::string& why) const { return at({}, why); }
    const std::string& name() const { return m_name; }

private:
    std::string m_name;
};

LoadResult cancelledResult(const Failure& f)
{
    LoadResult r = f.file("loading cancelled");
    r.cancelled = true;
    return r;
}

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
std::string checkMemory(const LoadOptions& o, std::uint64_t rows, std::uint64_t dim)
{
    const std::uint64_t limit = memoryLimit(o);
    const long double need = static_cast<long double>(rows) * static_cast<long double>(dim) * sizeof(float) + static_cast<long double>(rows) * 48.0L;
    if (need > static_cast<long double>(limit))
        return "a table of " + std::to_string(rows) + " × " + std::to_string(dim) + " values needs " +
               megabytes(need) + " but only " + megabytes(static_cast<long double>(limit)) + " of memory are available";
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

std::string numberError(NumberStatus s, std::string_view tok)
{
    switch (s) {
    case NumberStatus::NotFinite:
        return std::isnan(std::strtod(std::string(tok).c_str(), nullptr)) ? "NaN is not allowed in a vector (" + quoted(tok) + ")"
                                                                           : "infinity is not allowed in a vector (" + quoted(tok) + ")";
    case NumberStatus::OutOfRange: return quoted(tok) + " is outside the float32 range";
    default: return quoted(tok) + " is not a number";
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

/// Splits on runs of spaces/tabs (word2vec, GloVe).
void splitWhitespace(std::string_view s, std::vector<std::string_view>& out)
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
    }
}

/// Splits on one delimiter (TSV, CSV); fields are trimmed and one level of double quotes is removed.
void splitDelimited(std::string_view s, char delim, std::vector<std::string_view>& out)
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
        if (e == std::string_view::npos)
            break;
        b = e + 1;
    }
}

/// Text formats must not contain NUL or other control bytes a text editor would not write.
std::optional<std::size_t> firstBinaryByte(std::string_view bytes)
{
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto u = static_cast<unsigned char>(bytes[i]);
        if (u < 0x20 && u != '\n' && u != '\r' && u != '\t' && u != '\f' && u != '\v')
            return i;
    }
    return std::nullopt;
}

bool parseCount(std::string_view tok, std::uint64_t& v)
{
    if (tok.empty())
        return false;
    const auto [p, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), v);
    return ec == std::errc() && p == tok.data() + tok.size();
}

std::size_t countNonBlankLines(std::string_view bytes, std::size_t from)
{
    std::size_t count = 0;
    LineReader r(bytes.substr(from));
    Line l;
    while (r.next(l))
        if (!isBlank(l.text))
            ++count;
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

LoadResult parseWhitespaceText(std::string_view bytes, const Failure& f, const LoadOptions& o, bool word2vecHeader)
{
    if (const auto bad = firstBinaryByte(bytes))
        return f.byte(*bad, "binary data (byte " + quoted(bytes.substr(*bad, 1)) +
                                ") in a text file; for binary files use format=word2vec-binary or a .npy file");
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
            return f.line(line.number, "a word2vec text file starts with \"<count> <dimension>\", found " + quoted(line.text));
        if (declaredRows == 0 || declaredDim == 0)
            return f.line(line.number, "header declares " + std::to_string(declaredRows) + " × " + std::to_string(declaredDim) + " values: nothing to load");
        // Each row needs at least a one-byte word and "d.d" per value: check before allocating.
        const std::uint64_t remaining = bytes.size() - reader.position();
        const long double minBytes = static_cast<long double>(declaredRows) * (2.0L * static_cast<long double>(declaredDim) + 2.0L);
        if (minBytes > static_cast<long double>(remaining) + 1.0L)
            return f.line(line.number, "header declares " + std::to_string(declaredRows) + " rows of " + std::to_string(declaredDim) +
                                           " values, which needs at least " + megabytes(minBytes) +
                                           " but only " + std::to_string(remaining) + " bytes follow");
        dataStart = reader.position();
        rows = countNonBlankLines(bytes, dataStart);
        if (rows != declaredRows)
            return f.line(line.number, "header declares " + std::to_string(declaredRows) + " rows but the file has " + std::to_string(rows));
        dim = static_cast<std::size_t>(declaredDim);
    } else {
        rows = countNonBlankLines(bytes, 0);
        if (rows == 0)
            return f.file("the file has no data rows (only blank lines)");
    }

    LineReader rowsReader(bytes.substr(dataStart));
    std::size_t lineOffset = 0;
    if (word2vecHeader)
        lineOffset = line.number;  // line numbers continue after the header
    EmbeddingTable t;
    std::size_t r = 0;
    while (rowsReader.next(line)) {
        const std::size_t lineNo = line.number + lineOffset;
        if (isBlank(line.text))
            continue;
        splitWhitespace(line.text, tok);
        if (r == 0) {
            if (!word2vecHeader) {
                if (tok.size() < 2)
                    return f.line(lineNo, "expected a word followed by its vector, found " + quoted(line.text));
                dim = tok.size() - 1;
            }
            if (const auto m = checkMemory(o, rows, dim); !m.empty())
                return f.file(m);
            if (!allocate(t, rows, dim, true))
                return f.file("not enough memory for " + std::to_string(rows) + " × " + std::to_string(dim) + " values");
        }
        if (tok.size() != dim + 1)
            return f.line(lineNo, "expected a word and " + std::to_string(dim) + " values, found " +
                                      std::to_string(tok.empty() ? 0 : tok.size() - 1) + " values");
        t.labels[r] = std::string(tok[0]);
        float* dst = t.vectors.row(static_cast<Eigen::Index>(r)).data();
        for (std::size_t j = 0; j < dim; ++j) {
            const auto s = parseFloat(tok[j + 1], dst[j]);
            if (s != NumberStatus::Ok)
                return f.cell(lineNo, j + 2, numberError(s, tok[j + 1]));
        }
        ++r;
        if (r % kProgressEveryLines == 0) {
            if (cancelRequested(o))
                return cancelledResult(f);
            reportProgress(o, dataStart + rowsReader.position(), bytes.size());
        }
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
        return f.byte(*bad, "binary data (byte " + quoted(bytes.substr(*bad, 1)) +
                                ") in a text file; for binary files use format=word2vec-binary or a .npy file");
    const std::size_t nonBlank = countNonBlankLines(bytes, 0);
    if (nonBlank == 0)
        return f.file("the file has no data rows (only blank lines)");

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
    splitDelimited(firstTwo[0].text, delim, row1);
    bool header = false;
    if (firstTwo.size() == 2) {
        splitDelimited(firstTwo[1].text, delim, row2);
        for (std::size_t j = 0; j < std::min(row1.size(), row2.size()); ++j)
            if (!looksNumeric(row1[j]) && looksNumeric(row2[j]))
                header = true;
    }
    const std::vector<std::string_view>& firstData = header ? row2 : row1;
    if (header && row1.size() != row2.size())
        return f.line(firstTwo[1].number, "the header has " + std::to_string(row1.size()) + " columns but this row has " +
                                              std::to_string(row2.size()));
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
        return f.line(firstDataLine, "no numeric column: expected a vector of numbers");
    const std::size_t rows = nonBlank - (header ? 1 : 0);

    if (const auto m = checkMemory(o, rows, dim); !m.empty())
        return f.file(m);
    EmbeddingTable t;
    if (!allocate(t, rows, dim, labelCol >= 0))
        return f.file("not enough memory for " + std::to_string(rows) + " × " + std::to_string(dim) + " values");

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
        splitDelimited(line.text, delim, tok);
        if (tok.size() != columns)
            return f.line(line.number, "expected " + std::to_string(columns) + " columns (" + std::to_string(dim) + " values" +
                                           (labelCol >= 0 ? std::string(" and a label") : std::string()) + "), found " +
                                           std::to_string(tok.size()));
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
        return f.file("cannot open the metadata file");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (const auto bad = firstBinaryByte(bytes))
        return f.byte(*bad, "binary data in a metadata file");
    LineReader reader(bytes);
    Line line;
    std::vector<Line> lines;
    while (reader.next(line))
        lines.push_back(line);
    if (lines.empty())
        return f.file("the metadata file is empty");
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
        return f.file("has " + std::to_string(count) + " label rows" + (multi ? " after its header" : "") + " but the vectors file has " +
                      std::to_string(rows) + " rows");
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
            return f.line(l.number, "expected " + std::to_string(head.size()) + " columns like the header, found " + std::to_string(tok.size()));
        out.labels[i] = std::string(tok[0]);
        out.classes[i] = std::string(tok.size() > 1 ? tok[1] : tok[0]);
    }
    LoadResult ok;
    ok.ok = true;
    return ok;
}

// ---------------------------------------------------------------- word2vec binary

LoadResult parseWord2VecBinary(std::string_view bytes, const Failure& f, const LoadOptions& o)
{
    const std::size_t nl = bytes.find('\n');
    if (nl == std::string_view::npos || nl > 200)
        return f.line(1, "a word2vec binary file starts with a text line \"<count> <dimension>\"");
    std::vector<std::string_view> tok;
    splitWhitespace(bytes.substr(0, nl), tok);
    std::uint64_t rows = 0, dim = 0;
    if (tok.size() != 2 || !parseCount(tok[0], rows) || !parseCount(tok[1], dim))
        return f.line(1, "a word2vec binary file starts with \"<count> <dimension>\", found " + quoted(bytes.substr(0, nl)));
    if (rows == 0 || dim == 0)
        return f.line(1, "header declares " + std::to_string(rows) + " × " + std::to_string(dim) + " values: nothing to load");
    const std::uint64_t remaining = bytes.size() - (nl + 1);
    const long double need = static_cast<long double>(rows) * (static_cast<long double>(dim) * 4.0L + 2.0L);
    if (need > static_cast<long double>(remaining))
        return f.line(1, "header declares " + std::to_string(rows) + " rows of " + std::to_string(dim) + " float32 values (at least " +
                             byteCount(need) + " bytes) but only " + std::to_string(remaining) +
                             " bytes follow: the file is truncated or the header is wrong");
    if (const auto m = checkMemory(o, rows, dim); !m.empty())
        return f.file(m);
    EmbeddingTable t;
    if (!allocate(t, rows, dim, true))
        return f.file("not enough memory for " + std::to_string(rows) + " × " + std::to_string(dim) + " values");
    std::size_t pos = nl + 1;
    const std::size_t rowBytes = static_cast<std::size_t>(dim) * 4;
    for (std::uint64_t r = 0; r < rows; ++r) {
        while (pos < bytes.size() && (bytes[pos] == '\n' || bytes[pos] == ' ' || bytes[pos] == '\r'))
            ++pos;
        const std::size_t wordStart = pos;
        while (pos < bytes.size() && bytes[pos] != ' ' && pos - wordStart <= 1000)
            ++pos;
        if (pos >= bytes.size())
            return f.byte(wordStart, "row " + std::to_string(r + 1) + " of " + std::to_string(rows) + ": the file ends inside the word (truncated)");
        if (pos - wordStart > 1000)
            return f.byte(wordStart, "row " + std::to_string(r + 1) + ": no space after the word within 1000 bytes: not a word2vec binary file?");
        t.labels[r] = std::string(bytes.substr(wordStart, pos - wordStart));
        ++pos;  // the space
        if (bytes.size() - pos < rowBytes)
            return f.byte(pos, "row " + std::to_string(r + 1) + " (" + quoted(t.labels[r]) + ") needs " + std::to_string(rowBytes) +
                                   " bytes of float32 values but only " + std::to_string(bytes.size() - pos) + " remain (truncated)");
        float* dst = t.vectors.row(static_cast<Eigen::Index>(r)).data();
        std::memcpy(dst, bytes.data() + pos, rowBytes);
        for (std::uint64_t j = 0; j < dim; ++j)
            if (!std::isfinite(dst[j]))
                return f.byte(pos + j * 4, "row " + std::to_string(r + 1) + " (" + quoted(t.labels[r]) + "), value " + std::to_string(j + 1) +
                                               (std::isnan(dst[j]) ? " is NaN" : " is infinite"));
        pos += rowBytes;
        if ((r + 1) % kProgressEveryLines == 0) {
            if (cancelRequested(o))
                return cancelledResult(f);
            reportProgress(o, pos, bytes.size());
        }
    }
    while (pos < bytes.size() && (bytes[pos] == '\n' || bytes[pos] == ' ' || bytes[pos] == '\r'))
        ++pos;
    if (pos != bytes.size())
        return f.byte(pos, std::to_string(bytes.size() - pos) + " bytes follow the " + std::to_string(rows) +
                               " rows the header declares: the header is wrong");
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

LoadResult parseNpy(std::string_view bytes, const Failure& f, const LoadOptions& o)
{
    static constexpr char kMagic[] = "\x93NUMPY";
    if (bytes.size() < 6 || bytes.substr(0, 6) != std::string_view(kMagic, 6))
        return f.byte(0, "not a NumPy .npy file (the magic string \\x93NUMPY is missing)");
    if (bytes.size() < 10)
        return f.byte(bytes.size(), "truncated .npy header (the file ends after " + std::to_string(bytes.size()) + " bytes)");
    const auto major = static_cast<unsigned char>(bytes[6]);
    if (major < 1 || major > 3)
        return f.byte(6, "unsupported .npy format version " + std::to_string(major) + " (1, 2 and 3 are supported)");
    std::size_t headerLen = 0;
    std::size_t headerStart = 0;
    if (major == 1) {
        headerLen = static_cast<unsigned char>(bytes[8]) | (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
        headerStart = 10;
    } else {
        if (bytes.size() < 12)
            return f.byte(bytes.size(), "truncated .npy header");
        headerLen = 0;
        for (int i = 0; i < 4; ++i)
            headerLen |= static_cast<std::size_t>(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
        headerStart = 12;
    }
    if (headerStart + headerLen > bytes.size())
        return f.byte(8, "the header length " + std::to_string(headerLen) + " runs past the end of the file (" +
                             std::to_string(bytes.size()) + " bytes): truncated .npy file");
    const std::string_view header = bytes.substr(headerStart, headerLen);
    const auto descr = npyField(header, "descr");
    const auto fortran = npyField(header, "fortran_order");
    const auto shape = npyField(header, "shape");
    if (!descr || !fortran || !shape)
        return f.byte(headerStart, "the .npy header lacks 'descr', 'fortran_order' or 'shape': " + quoted(header));
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
        return f.byte(headerStart, "unsupported dtype '" + d + "': only float32 (<f4) and float64 (<f8) arrays can be loaded");
    bigEndian = d.front() == '>';
    bool colMajor = false;
    if (*fortran == "True")
        colMajor = true;
    else if (*fortran != "False")
        return f.byte(headerStart, "fortran_order must be True or False, found " + quoted(*fortran));
    // shape: "(n, d)"
    std::string_view s = *shape;
    if (s.size() < 2 || s.front() != '(' || s.back() != ')')
        return f.byte(headerStart, "malformed shape " + quoted(s));
    s = s.substr(1, s.size() - 2);
    std::vector<std::uint64_t> dims;
    std::size_t b = 0;
    while (b <= s.size()) {
        const auto e = s.find(',', b);
        const auto part = trimmed(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
        if (!part.empty()) {
            std::uint64_t v = 0;
            if (!parseCount(part, v))
                return f.byte(headerStart, "malformed shape " + quoted(*shape));
            dims.push_back(v);
        }
        if (e == std::string_view::npos)
            break;
        b = e + 1;
    }
    if (dims.size() != 2)
        return f.byte(headerStart, "shape " + std::string(*shape) + " has " + std::to_string(dims.size()) +
                                       " dimensions; a table of vectors needs shape (rows, dim)");
    const std::uint64_t rows = dims[0], dim = dims[1];
    if (rows == 0 || dim == 0)
        return f.byte(headerStart, "shape " + std::string(*shape) + " holds no values");
    const std::size_t dataStart = headerStart + headerLen;
    const std::uint64_t have = bytes.size() - dataStart;
    const long double need = static_cast<long double>(rows) * static_cast<long double>(dim) * static_cast<long double>(item);
    if (need > static_cast<long double>(have))
        return f.byte(dataStart, "truncated: shape " + std::string(*shape) + " of " + d + " needs " +
                                     byteCount(need) + " bytes of data but only " + std::to_string(have) + " follow");
    if (need < static_cast<long double>(have))
        return f.byte(dataStart + static_cast<std::uint64_t>(need), std::to_string(have - static_cast<std::uint64_t>(need)) +
                                                                      " bytes follow the data the shape declares");
    if (const auto m = checkMemory(o, rows, dim); !m.empty())
        return f.file(m);
    EmbeddingTable t;
    if (!allocate(t, rows, dim, false))
        return f.file("not enough memory for " + std::to_string(rows) + " × " + std::to_string(dim) + " values");

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
    for (std::uint64_t r = 0; r < rows; ++r) {
        for (std::uint64_t j = 0; j < dim; ++j) {
            const std::uint64_t flat = colMajor ? j * rows + r : r * dim + j;
            const double v = readValue(flat);
            if (!std::isfinite(v))
                return f.byte(dataStart + flat * item, "row " + std::to_string(r + 1) + ", column " + std::to_string(j + 1) +
                                                           (std::isnan(v) ? " is NaN" : " is infinite"));
            if (item == 8 && std::fabs(v) > std::numeric_limits<float>::max())
                return f.byte(dataStart + flat * item, "row " + std::to_string(r + 1) + ", column " + std::to_string(j + 1) +
                                                           " is outside the float32 range");
            t.vectors(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) = static_cast<float>(v);
        }
        if ((r + 1) % kProgressEveryLines == 0) {
            if (cancelRequested(o))
                return cancelledResult(f);
            reportProgress(o, dataStart + (r + 1) * dim * item, bytes.size());
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

LoadResult parseEmbeddings(std::string_view bytes, const std::string& name, const LoadOptions& options)
{
    const Failure f(name);
    if (bytes.empty())
        return f.file("the file is empty");
    EmbeddingFormat fmt = options.format;
    if (fmt == EmbeddingFormat::Auto)
        fmt = detectEmbeddingFormat(name, bytes.substr(0, 4096));
    LoadResult r;
    try {
        switch (fmt) {
        case EmbeddingFormat::Word2VecText: r = parseWhitespaceText(bytes, f, options, true); break;
        case EmbeddingFormat::GloveText: r = parseWhitespaceText(bytes, f, options, false); break;
        case EmbeddingFormat::Word2VecBinary: r = parseWord2VecBinary(bytes, f, options); break;
        case EmbeddingFormat::Tsv: r = parseDelimited(bytes, f, options, '\t', EmbeddingFormat::Tsv); break;
        case EmbeddingFormat::Csv: r = parseDelimited(bytes, f, options, ',', EmbeddingFormat::Csv); break;
        case EmbeddingFormat::Npy: r = parseNpy(bytes, f, options); break;
        case EmbeddingFormat::Auto: break;
        }
    } catch (const std::bad_alloc&) {
        return f.file("not enough memory to load this file");
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

LoadResult loadEmbeddings(const std::string& path, const LoadOptions& options)
{
    const Failure f(path);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return f.file(std::string("cannot open the file: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return f.file("not a regular file");
    }
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size == 0) {
        ::close(fd);
        return f.file("the file is empty");
    }
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED)
        return f.file(std::string("cannot map the file into memory: ") + std::strerror(errno));
    ::madvise(map, size, MADV_SEQUENTIAL);
    LoadResult r = parseEmbeddings(std::string_view(static_cast<const char*>(map), size), path, options);
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
