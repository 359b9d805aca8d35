#pragma once
// Streams JSON text to a device in exactly the bytes QJsonDocument::toJson(Indented)
// gives for the same values, without building the document first: a data export of
// 2,048 tokens is 362 MB of text, and its QJsonObject would be several times that.
//
// Objects are written in QJsonObject's order (keys sorted), which the caller gets by
// writing an object from a QJsonObject (object()), whose keys may be filled in by
// streaming code; a key written with key() out of that order is an error (ok() false).
// Numbers: finite doubles as QByteArray::number(v, 'g', QLocale::FloatingPointShortest)
// (what Qt's writer calls: they parse back to the same double), integers as integers.

#include <Eigen/Core>
#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <atomic>
#include <functional>
#include <vector>

class QIODevice;

namespace aimath {

class JsonWriter {
public:
    /// progress, when given, counts the bytes handed to the device so far (any thread may read it).
    explicit JsonWriter(QIODevice* device, std::atomic<qint64>* progress = nullptr);
    ~JsonWriter();
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    /// A fill writes the value of `key` (exactly one value) and returns true, or returns false
    /// to have the object's own value written.
    using Fill = std::function<bool(JsonWriter&, const QString& key)>;

    /// The whole document: `root` with its fills, then the final newline. Returns ok().
    bool document(const QJsonObject& root, const Fill& fill = {});

    void value(const QJsonValue& v);
    /// An object: each key of `o` in order, its value written by fill or taken from o.
    void object(const QJsonObject& o, const Fill& fill = {});
    void beginObject();
    void key(const QString& k);
    void endObject();
    void beginArray();
    void endArray();

    /// As json::number: NaN → "nan", ±∞ → "inf"/"-inf" (strings), else the double.
    void number(double v);
    /// As json::array / json::matrix: numbers, rows of numbers.
    void numbers(const std::vector<double>& v);
    template <class Derived>
    void numbers(const Eigen::DenseBase<Derived>& v)
    {
        beginArray();
        for (Eigen::Index i = 0; i < v.size(); ++i)
            number(v.derived().coeff(i));
        endArray();
    }
    template <class Derived>
    void matrix(const Eigen::DenseBase<Derived>& m)
    {
        beginArray();
        for (Eigen::Index r = 0; r < m.rows(); ++r) {
            beginArray();
            for (Eigen::Index c = 0; c < m.cols(); ++c)
                number(m.derived().coeff(r, c));
            endArray();
        }
        endArray();
    }

    /// False after a failed device write or a misuse (a key out of order, unbalanced brackets).
    bool ok() const { return m_ok; }
    /// Hands the buffered bytes to the device; returns ok().
    bool flush();

private:
    struct Level {
        bool isObject = false;
        qint64 count = 0;
        QString lastKey;
    };
    void beginValue();
    void open(char bracket, bool isObject);
    void close(char bracket, bool isObject);
    void raw(const char* s, qsizetype n);
    void raw(const QByteArray& s) { raw(s.constData(), s.size()); }
    void indent(qsizetype levels);
    void string(const QString& s);
    void maybeFlush();

    QIODevice* m_device;
    std::atomic<qint64>* m_progress;
    QByteArray m_buffer;
    std::vector<Level> m_levels;
    bool m_afterKey = false;
    bool m_ok = true;
};

}  // namespace aimath
