// The parameter system and its parsers: what the command line, sessions and
// settings all rely on.
#include "engine/core/params.h"
#include "engine/core/parse.h"

#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace aimath;

class TestParams : public QObject {
    Q_OBJECT
private slots:
    void parseRealExact_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("expected");
        QTest::newRow("tenth") << "0.1" << 0.1;
        QTest::newRow("exponent") << "1e-3" << 1e-3;
        QTest::newRow("padded") << "  2.5 " << 2.5;
        QTest::newRow("plus") << "+7" << 7.0;
        QTest::newRow("negative") << "-65504" << -65504.0;
        QTest::newRow("subnormal") << "4.9406564584124654e-324" << 4.9406564584124654e-324;
        // 1 + 2^-52 needs all 17 digits.
        QTest::newRow("one plus ulp") << "1.0000000000000002" << 1.0000000000000002;
        QTest::newRow("inf") << "inf" << std::numeric_limits<double>::infinity();
    }
    void parseRealExact()
    {
        QFETCH(QString, text);
        QFETCH(double, expected);
        const auto r = parseReal(text.toStdString());
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(std::memcmp(&r.value, &expected, sizeof(double)), 0);
    }

    void parseRealRejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("word") << "abc";
        QTest::newRow("trailing") << "1.5x";
        QTest::newRow("nan") << "nan";
        QTest::newRow("two dots") << "1.2.3";
        QTest::newRow("huge") << "1e400";
        QTest::newRow("comma decimal") << "1,5";
    }
    void parseRealRejects()
    {
        QFETCH(QString, text);
        const auto r = parseReal(text.toStdString());
        QVERIFY(!r.ok());
        QVERIFY(!r.error.empty());
    }

    void formatRealRoundTrips()
    {
        std::mt19937_64 rng(42);
        for (int i = 0; i < 20000; ++i) {
            std::uint64_t bits = rng();
            double v;
            std::memcpy(&v, &bits, sizeof v);
            if (!std::isfinite(v))
                continue;
            const auto back = parseReal(formatReal(v));
            QVERIFY(back.ok());
            QCOMPARE(std::memcmp(&back.value, &v, sizeof v), 0);
        }
        QCOMPARE(formatReal(0.1), std::string("0.1"));
        QCOMPARE(formatReal(INFINITY), std::string("inf"));
        QCOMPARE(formatReal(NAN), std::string("nan"));
    }

    void parseIntegerAndBool()
    {
        QCOMPARE(parseInteger("42").value, 42LL);
        QCOMPARE(parseInteger(" -3 ").value, -3LL);
        QVERIFY(!parseInteger("4.5").ok());
        QVERIFY(!parseInteger("99999999999999999999").ok());
        for (const char* t : {"true", "1", "on", "YES"})
            QCOMPARE(parseBool(t).value, true);
        for (const char* f : {"false", "0", "Off", "no"}) {
            QVERIFY(parseBool(f).ok());
            QCOMPARE(parseBool(f).value, false);
        }
        QVERIFY(!parseBool("maybe").ok());
    }

    void listsNameTheEntry()
    {
        const auto ok = parseRealList("1, 2.5,-3");
        QVERIFY(ok.ok());
        QCOMPARE(ok.value, (std::vector<double>{1, 2.5, -3}));
        const auto bad = parseRealList("1,2,x,4");
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error.find("entry 3") != std::string::npos, bad.error.c_str());
        QVERIFY(parseRealList("").value.empty());
        QVERIFY(!parseRealList("1,,2").ok());
    }

    void textListEscapesRoundTrip()
    {
        const std::vector<std::string> items{"a", "b,c", "d\\e", ","};
        const std::string joined = joinTextList(items);
        const auto back = parseTextList(joined);
        QVERIFY(back.ok());
        QCOMPARE(back.value, items);
        QCOMPARE(parseTextList(" x , y ").value, (std::vector<std::string>{"x", "y"}));
    }

    void setValidatesRangeAndType()
    {
        ParamSet p;
        p.add(ParamSpec::real("t", "T", 0.05, 5, 1).logScale());
        p.add(ParamSpec::integer("n", "N", 1, 100, 10));
        p.add(ParamSpec::choice("mask", "Mask", {"none", "causal"}, "none"));
        p.add(ParamSpec::realList("w", "W", 0, 10, {1, 2}).counts(1, 3));
        p.add(ParamSpec::choiceList("f", "F", {"a", "b", "c"}, {"a"}));
        QCOMPARE(p.real("t"), 1.0);
        QVERIFY(p.set("t", 2.0).empty());
        QCOMPARE(p.real("t"), 2.0);
        const std::string e = p.set("t", 7.0);
        QVERIFY2(e.find("t:") == 0 && e.find("[0.05, 5]") != std::string::npos, e.c_str());
        QCOMPARE(p.real("t"), 2.0);  // previous value kept
        QVERIFY(!p.set("t", NAN).empty());
        QVERIFY(!p.set("t", 3LL).empty());  // wrong type
        QVERIFY(!p.setFromString("n", "101").empty());
        QVERIFY(p.setFromString("n", "1e2").empty());  // integral real accepted for counts
        QCOMPARE(p.integer("n"), 100LL);
        QVERIFY(!p.setFromString("mask", "diagonal").empty());
        QVERIFY(p.setFromString("mask", "causal").empty());
        QVERIFY(!p.setFromString("w", "1,2,3,4").empty());  // too many
        QVERIFY(!p.setFromString("w", "1,20").empty());     // element out of range
        QVERIFY(p.setFromString("w", "0.5,9").empty());
        QCOMPARE(p.toString("w"), std::string("0.5,9"));
        QVERIFY(!p.setFromString("f", "a,a").empty());  // duplicate
        QVERIFY(!p.setFromString("f", "z").empty());
        QVERIFY(p.setFromString("f", "c,b").empty());
        QVERIFY(!p.setFromString("nope", "1").empty());
        p.resetToDefaults();
        QCOMPARE(p.real("t"), 1.0);
        QCOMPARE(p.toString("mask"), std::string("none"));
    }

    void toStringIsTheInverseOfSetFromString()
    {
        ParamSet p;
        p.add(ParamSpec::real("r", "R", -1e9, 1e9, 0.1));
        p.add(ParamSpec::boolean("b", "B", true));
        p.add(ParamSpec::textList("t", "T", {"x,y", "z"}));
        ParamSet q = p;
        q.resetToDefaults();
        QVERIFY(q.setFromString("r", "123.456789012345").empty());
        for (const auto& s : p.specs()) {
            ParamSet copy = p;
            QVERIFY(copy.setFromString(s.key, q.toString(s.key)).empty());
            QVERIFY(copy.value(s.key) == q.value(s.key));
        }
    }

    void constraintsAndDeclarationErrors()
    {
        ParamSet p;
        p.add(ParamSpec::real("low", "Low", 0, 10, 0));
        p.add(ParamSpec::real("high", "High", 0, 10, 1));
        p.setConstraint([](const ParamSet& s) { return s.real("low") < s.real("high") ? std::string() : std::string("low: must be below high"); });
        QVERIFY(p.checkConstraints().empty());
        QVERIFY(p.set("low", 5.0).empty());
        QCOMPARE(p.checkConstraints(), std::string("low: must be below high"));
        QVERIFY(p.set("high", 6.0).empty());
        QVERIFY(p.checkConstraints().empty());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.add(ParamSpec::real("low", "again", 0, 1, 0)));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.add(ParamSpec::real("bad", "default outside", 0, 1, 2)));
    }

    void rangeTextForListings()
    {
        QCOMPARE(paramRangeText(ParamSpec::real("t", "T", 0.05, 5, 1).logScale()), std::string("[0.05, 5] log"));
        QCOMPARE(paramRangeText(ParamSpec::choice("m", "M", {"none", "causal"}, "none")), std::string("none|causal"));
        QCOMPARE(paramTypeName(ParamType::RealList), std::string("list of reals"));
    }
};

QTEST_GUILESS_MAIN(TestParams)
#include "test_params.moc"
