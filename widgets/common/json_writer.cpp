#include "widgets/common/json_writer.h"

#include <QCborValue>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <cmath>

namespace aimath {

namespace {

constexpr qsizetype kFlushBytes = 1 << 20;

/// True when Qt's writer would copy the string unchanged between its quotes.
bool plainAscii(const QString& s)
{
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u >= 0x7f || u == u'"' || u == u'\\')
            return false;
    }
    return true;
}

}  // namespace

JsonWriter::JsonWriter(QIODevice* device, std::atomic<qint64>* progress)
    : m_device(device)
    , m_progress(progress)
{
    m_buffer.reserve(kFlushBytes + 4096);
}

JsonWriter::~JsonWriter() = default;

bool JsonWriter::flush()
{
    if (!m_ok || m_buffer.isEmpty()) {
        m_buffer.clear();
        return m_ok;
    }
    // A short write (the disk filled up half way) is followed by another for the rest, which
    // fails with the reason on the device (ENOSPC, EFBIG) for the message to name.
    const char* p = m_buffer.constData();
    qint64 left = m_buffer.size();
    while (left > 0) {
        const qint64 n = m_device->write(p, left);
        if (n <= 0) {
            m_ok = false;
            break;
        }
        p += n;
        left -= n;
        if (m_progress)
            m_progress->fetch_add(n, std::memory_order_relaxed);
    }
    m_buffer.clear();
    return m_ok;
}

void JsonWriter::maybeFlush()
{
    if (m_buffer.size() >= kFlushBytes)
        flush();
}

void JsonWriter::raw(const char* s, qsizetype n) { m_buffer.append(s, n); }

void JsonWriter::indent(qsizetype levels) { m_buffer.append(4 * levels, ' '); }

void JsonWriter::beginValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_levels.empty())
        return;  // the document itself
    Level& l = m_levels.back();
    if (l.isObject) {
        m_ok = false;  // a value in an object needs its key first
        return;
    }
    if (l.count++ > 0)
        raw(",\n", 2);
    indent(static_cast<qsizetype>(m_levels.size()));
}

void JsonWriter::open(char bracket, bool isObject)
{
    beginValue();
    m_buffer.append(bracket);
    m_buffer.append('\n');
    m_levels.push_back(Level{isObject, 0, {}});
}

void JsonWriter::close(char bracket, bool isObject)
{
    if (m_levels.empty() || m_levels.back().isObject != isObject || m_afterKey) {
        m_ok = false;
        return;
    }
    if (m_levels.back().count > 0)
        m_buffer.append('\n');
    m_levels.pop_back();
    indent(static_cast<qsizetype>(m_levels.size()));
    m_buffer.append(bracket);
    maybeFlush();
}

void JsonWriter::beginObject() { open('{', true); }
void JsonWriter::endObject() { close('}', true); }
void JsonWriter::beginArray() { open('[', false); }
void JsonWriter::endArray() { close(']', false); }

void JsonWriter::key(const QString& k)
{
    if (m_levels.empty() || !m_levels.back().isObject || m_afterKey) {
        m_ok = false;
        return;
    }
    Level& l = m_levels.back();
    // QJsonObject keeps its keys sorted (and unique): the text must list them in that order.
    if (l.count > 0 && !(l.lastKey < k))
        m_ok = false;
    l.lastKey = k;
    if (l.count++ > 0)
        raw(",\n", 2);
    indent(static_cast<qsizetype>(m_levels.size()));
    string(k);
    raw(": ", 2);
    m_afterKey = true;
}

void JsonWriter::string(const QString& s)
{
    if (plainAscii(s)) {
        m_buffer.append('"');
        m_buffer.append(s.toLatin1());
        m_buffer.append('"');
        return;
    }
    // Escapes and UTF-8 exactly as Qt's writer does: let it write ["s"] and keep "s".
    const QByteArray one = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    raw(one.constData() + 1, one.size() - 2);
}

void JsonWriter::number(double v)
{
    beginValue();
    if (std::isnan(v)) {
        raw("\"nan\"", 5);
    } else if (std::isinf(v)) {
        if (v > 0)
            raw("\"inf\"", 5);
        else
            raw("\"-inf\"", 6);
    } else {
        m_buffer.append(QByteArray::number(v, 'g', QLocale::FloatingPointShortest));
    }
}

void JsonWriter::numbers(const std::vector<double>& v)
{
    beginArray();
    for (double x : v)
        number(x);
    endArray();
}

void JsonWriter::value(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Object:
        object(v.toObject());
        return;
    case QJsonValue::Array: {
        beginArray();
        const QJsonArray a = v.toArray();
        for (const QJsonValue e : a)
            value(e);
        endArray();
        return;
    }
    default:
        break;
    }
    beginValue();
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        raw("null", 4);
        break;
    case QJsonValue::Bool:
        if (v.toBool())
            raw("true", 4);
        else
            raw("false", 5);
        break;
    case QJsonValue::Double: {
        // A QJsonValue made from an integer stays one (1e17 and 100000000000000000 differ in text).
        const QCborValue c = QCborValue::fromJsonValue(v);
        if (c.isInteger()) {
            m_buffer.append(QByteArray::number(c.toInteger()));
        } else {
            const double d = v.toDouble();
            if (std::isfinite(d))
                m_buffer.append(QByteArray::number(d, 'g', QLocale::FloatingPointShortest));
            else
                raw("null", 4);
        }
        break;
    }
    case QJsonValue::String:
        string(v.toString());
        break;
    default:
        break;
    }
    maybeFlush();
}

void JsonWriter::object(const QJsonObject& o, const Fill& fill)
{
    beginObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        key(it.key());
        if (!fill || !fill(*this, it.key()))
            value(it.value());
        if (m_afterKey) {  // a fill that said it wrote the value but wrote nothing: "k": , is not JSON
            m_ok = false;
            m_afterKey = false;
        }
    }
    endObject();
}

bool JsonWriter::document(const QJsonObject& root, const Fill& fill)
{
    object(root, fill);
    m_buffer.append('\n');
    if (!m_levels.empty())
        m_ok = false;
    return flush();
}

}  // namespace aimath
