// JsonWriter writes the bytes QJsonDocument::toJson(Indented) writes for the same
// values (the data export format is defined by what Qt's writer produced), streams
// matrices the way json::matrix builds them, and refuses keys out of QJsonObject's
// order and unbalanced brackets.
#include "widgets/common/json_util.h"
#include "widgets/common/json_writer.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace aimath;

namespace {

QByteArray qtBytes(const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Indented); }

QByteArray streamed(const QJsonObject& o, const JsonWriter::Fill& fill = {}, bool* ok = nullptr)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    JsonWriter w(&buffer);
    const bool good = w.document(o, fill);
    if (ok)
        *ok = good;
    return out;
}

}  // namespace

class TestJsonWriter : public QObject {
    Q_OBJECT
private slots:
    void scalarsAsQtWritesThem_data()
    {
        QTest::addColumn<QJsonValue>("value");
        const double inf = std::numeric_limits<double>::infinity();
        QTest::newRow("int") << QJsonValue(42);
        QTest::newRow("negative int") << QJsonValue(-7);
        QTest::newRow("int64 beyond 2^53") << QJsonValue(static_cast<qint64>(123456789012345678LL));
        QTest::newRow("int64 1e17") << QJsonValue(static_cast<qint64>(100000000000000000LL));
        QTest::newRow("double 1e17") << QJsonValue(1e17);
        QTest::newRow("double 1e21") << QJsonValue(1e21);
        QTest::newRow("double 1") << QJsonValue(1.0);
        QTest::newRow("double 0.1") << QJsonValue(0.1);
        QTest::newRow("double -0") << QJsonValue(-0.0);
        QTest::newRow("double 1e-7") << QJsonValue(1e-7);
        QTest::newRow("double 0.0001") << QJsonValue(0.0001);
        QTest::newRow("double 123456.789") << QJsonValue(123456.789);
        QTest::newRow("double 1/3") << QJsonValue(1.0 / 3.0);
        QTest::newRow("denormal") << QJsonValue(4.9406564584124654e-324);
        QTest::newRow("max") << QJsonValue(std::numeric_limits<double>::max());
        QTest::newRow("inf as a QJsonValue") << QJsonValue(inf);
        QTest::newRow("nan as a QJsonValue") << QJsonValue(std::nan(""));
        QTest::newRow("true") << QJsonValue(true);
        QTest::newRow("false") << QJsonValue(false);
        QTest::newRow("null") << QJsonValue();
        QTest::newRow("plain string") << QJsonValue(QStringLiteral("attention"));
        QTest::newRow("escapes") << QJsonValue(QStringLiteral("a\"b\\c\nd\te\rf\bg\fh\x01i\x1f/"));
        QTest::newRow("del and unicode") << QJsonValue(QString::fromUtf8("\x7f 注意力 \xc3\xa9 \xf0\x9f\x98\x80"));
        QTest::newRow("lone surrogate") << QJsonValue(QString(QChar(0xd800)) + QStringLiteral("x"));
        QTest::newRow("empty string") << QJsonValue(QString());
        QTest::newRow("empty array") << QJsonValue(QJsonArray());
        QTest::newRow("empty object") << QJsonValue(QJsonObject());
        QTest::newRow("nested") << QJsonValue(QJsonArray{QJsonArray{}, QJsonObject{}, QJsonArray{1, QJsonArray{2.5, QStringLiteral("x")}},
                                                         QJsonObject{{QStringLiteral("b"), 1}, {QStringLiteral("a"), QJsonArray{}}}});
    }
    void scalarsAsQtWritesThem()
    {
        QFETCH(QJsonValue, value);
        // At the top level, inside an array and inside an object, at several depths.
        const QJsonObject o{{QStringLiteral("v"), value},
                            {QStringLiteral("a"), QJsonArray{value, value}},
                            {QStringLiteral("o"), QJsonObject{{QStringLiteral("deeper"), QJsonArray{QJsonObject{{QStringLiteral("x"), value}}}}}}};
        QCOMPARE(streamed(o), qtBytes(o));
    }

    void emptyDocument() { QCOMPARE(streamed(QJsonObject()), qtBytes(QJsonObject())); }

    void randomDoublesAsQtWritesThem()
    {
        // Any bit pattern of a finite double, and decimal-looking values.
        std::mt19937_64 rng(7);
        QJsonArray a;
        for (int i = 0; i < 20000; ++i) {
            quint64 bits = rng();
            double d;
            std::memcpy(&d, &bits, sizeof d);
            if (!std::isfinite(d))
                continue;
            a.append(d);
            a.append(static_cast<double>(static_cast<qint64>(rng() % 2000001) - 1000000) / 1000.0);
        }
        const QJsonObject o{{QStringLiteral("x"), a}};
        QCOMPARE(streamed(o), qtBytes(o));
    }

    void filledKeysMatchJsonUtil()
    {
        Eigen::MatrixXd m(3, 4);
        m << 1, 0.5, -0.0, 1e-300, std::nan(""), std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(), 2.0 / 3.0, 7,
            8, 9, 1e22;
        const std::vector<double> v{0.25, std::nan(""), 3};
        const Eigen::VectorXd e = Eigen::VectorXd::LinSpaced(5, -1, 1);
        const QJsonObject expected{{QStringLiteral("tab"), QStringLiteral("t")},
                                   {QStringLiteral("m"), json::matrix(m)},
                                   {QStringLiteral("v"), json::array(v)},
                                   {QStringLiteral("e"), json::array(e)},
                                   {QStringLiteral("empty"), json::matrix(Eigen::MatrixXd(0, 3))}};
        QJsonObject placeholders{{QStringLiteral("tab"), QStringLiteral("t")}};
        for (const char* k : {"m", "v", "e", "empty"})
            placeholders.insert(QLatin1String(k), QJsonValue());
        const QByteArray bytes = streamed(placeholders, [&](JsonWriter& w, const QString& key) {
            if (key == QLatin1String("m"))
                w.matrix(m);
            else if (key == QLatin1String("v"))
                w.numbers(v);
            else if (key == QLatin1String("e"))
                w.numbers(e);
            else if (key == QLatin1String("empty"))
                w.matrix(Eigen::MatrixXd(0, 3));
            else
                return false;
            return true;
        });
        QCOMPARE(bytes, qtBytes(expected));
    }

    void misuseIsAnError()
    {
        bool ok = true;
        // Keys out of QJsonObject's (sorted) order would not be the bytes Qt writes.
        streamed(QJsonObject{{QStringLiteral("a"), 1}}, [](JsonWriter& w, const QString&) {
            w.beginObject();
            w.key(QStringLiteral("z"));
            w.number(1);
            w.key(QStringLiteral("b"));
            w.number(2);
            w.endObject();
            return true;
        }, &ok);
        QVERIFY(!ok);
        // A fill that leaves an array open.
        streamed(QJsonObject{{QStringLiteral("a"), 1}}, [](JsonWriter& w, const QString&) {
            w.beginArray();
            return true;
        }, &ok);
        QVERIFY(!ok);
        // A value in an object without its key.
        streamed(QJsonObject{{QStringLiteral("a"), 1}}, [](JsonWriter& w, const QString&) {
            w.beginObject();
            w.number(3);
            w.endObject();
            return true;
        }, &ok);
        QVERIFY(!ok);
        // A fill that says it wrote the value but wrote nothing ("a": , is not JSON).
        streamed(QJsonObject{{QStringLiteral("a"), 1}, {QStringLiteral("b"), 2}}, [](JsonWriter&, const QString& key) {
            return key == QLatin1String("a");
        }, &ok);
        QVERIFY(!ok);
    }

    void failedDeviceWriteIsAnError()
    {
        QBuffer readOnly;
        readOnly.open(QIODevice::ReadOnly);
        JsonWriter w(&readOnly);
        QVERIFY(!w.document(QJsonObject{{QStringLiteral("a"), 1}}));
    }

    void progressCountsBytes()
    {
        QByteArray out;
        QBuffer buffer(&out);
        buffer.open(QIODevice::WriteOnly);
        std::atomic<qint64> progress{0};
        JsonWriter w(&buffer, &progress);
        Eigen::MatrixXd m = Eigen::MatrixXd::Constant(300, 300, 1.0 / 7.0);  // ~1.8 MB of text: more than one flush
        QVERIFY(w.document(QJsonObject{{QStringLiteral("m"), QJsonValue()}}, [&](JsonWriter& w, const QString&) {
            w.matrix(m);
            return true;
        }));
        QCOMPARE(progress.load(), out.size());
        QVERIFY(out.size() > (1 << 20));
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "test_json_writer.moc"
