// Declarations the parameter system must refuse (issue 9 §3, ParamSet review):
// log scales that cannot be logged, bounds that are not numbers, integer bounds
// a double cannot hold exactly; and text lists whose entries keep their blanks
// through toString → setFromString (sessions, settings, the command line).
#include "engine/core/params.h"
#include "engine/core/parse.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <stdexcept>

using namespace aimath;

class TestParamDeclarations : public QObject {
    Q_OBJECT

private slots:
    void logScaleNeedsPositiveMin()
    {
        ParamSet p;
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.add(ParamSpec::real("a", "A", 0, 10, 1).logScale()));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.add(ParamSpec::real("b", "B", -1, 10, 1).logScale()));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.add(ParamSpec::integer("c", "C", 0, 100, 1).logScale()));
        p.add(ParamSpec::real("ok", "OK", 1e-12, 10, 1).logScale());
        QVERIFY(p.has("ok"));
        QVERIFY(!p.has("a"));
    }

    void boundsMustBeFiniteAndOrdered()
    {
        const double inf = std::numeric_limits<double>::infinity();
        const double nan = std::numeric_limits<double>::quiet_NaN();
        ParamSet p;
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.add(ParamSpec::real("a", "A", 0, inf, 1)));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.add(ParamSpec::real("b", "B", -inf, 0, 0)));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.add(ParamSpec::real("c", "C", nan, 1, 0.5)));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.add(ParamSpec::real("d", "D", 2, 1, 1.5)));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.add(ParamSpec::realList("e", "E", 0, inf, {1.0})));
        QVERIFY(p.specs().empty());
    }

    void integerBoundsBeyond2To53AreRefused()
    {
        ParamSet p;
        constexpr long long k53 = 1LL << 53;
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.add(ParamSpec::integer("a", "A", 0, std::numeric_limits<long long>::max(), 0)));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.add(ParamSpec::integer("b", "B", std::numeric_limits<long long>::min(), 0, 0)));
        // 2^53 + 1 rounds to 2^53 as a double: it must still be refused.
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.add(ParamSpec::integer("c", "C", 0, k53 + 1, 0)));
        p.add(ParamSpec::integer("n", "N", -k53, k53, 0));
        QVERIFY(p.set("n", k53).empty());
        QVERIFY(p.set("n", -k53).empty());
        // Past the bound by one: as doubles both round to 2^53; as integers they differ.
        const std::string e = p.set("n", k53 + 1);
        QVERIFY2(e.rfind("n:", 0) == 0 && e.find("out of range") != std::string::npos, e.c_str());
        QCOMPARE(p.integer("n"), -k53);
        QVERIFY(!p.setFromString("n", "9007199254740993").empty());
        QVERIFY(!p.setFromString("n", "9223372036854775807").empty());
    }

    void textListBlanksRoundTrip_data()
    {
        QTest::addColumn<QStringList>("items");
        QTest::newRow("leading blank") << QStringList{QStringLiteral(" the"), QStringLiteral("cat")};
        QTest::newRow("trailing blank") << QStringList{QStringLiteral("sat "), QStringLiteral("on")};
        QTest::newRow("both ends") << QStringList{QStringLiteral("  mat  ")};
        QTest::newRow("only blanks") << QStringList{QStringLiteral(" "), QStringLiteral("\t"), QStringLiteral("x")};
        QTest::newRow("blank after escaped comma") << QStringList{QStringLiteral("a, "), QStringLiteral(" ,b")};
        QTest::newRow("backslash before blank") << QStringList{QStringLiteral("a\\ "), QStringLiteral("\\ b")};
        QTest::newRow("inner blanks untouched") << QStringList{QStringLiteral("new york"), QStringLiteral("a  b")};
        QTest::newRow("empty middle entry") << QStringList{QStringLiteral("a"), QString(), QStringLiteral("b")};
    }

    void textListBlanksRoundTrip()
    {
        QFETCH(QStringList, items);
        std::vector<std::string> v;
        for (const QString& s : items)
            v.push_back(s.toStdString());
        ParamSet p;
        p.add(ParamSpec::textList("tokens", "Tokens", {"x"}));
        QVERIFY(p.set("tokens", v).empty());
        const std::string text = p.toString("tokens");
        ParamSet back;
        back.add(ParamSpec::textList("tokens", "Tokens", {"x"}));
        QVERIFY(back.setFromString("tokens", text).empty());
        QVERIFY2(back.texts("tokens") == v, text.c_str());
        QCOMPARE(parseTextList(joinTextList(v)).value, v);
    }

    void unescapedBlanksAreStillTrimmed()
    {
        // What people type keeps working: " a , b " is {"a", "b"}.
        QCOMPARE(parseTextList(" a , b ").value, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(parseTextList("\\ a , b\\ ").value, (std::vector<std::string>{" a", "b "}));
        QCOMPARE(joinTextList({" a", "b "}), std::string("\\ a,b\\ "));
        QCOMPARE(joinTextList({"a b"}), std::string("a b"));
    }
};

QTEST_GUILESS_MAIN(TestParamDeclarations)
#include "test_param_declarations.moc"
