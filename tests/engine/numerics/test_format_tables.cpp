// Range tables against brute force: the spacing curve against the distance
// between neighbouring codes, value counts against the format definitions.

#include "engine/numerics/format_tables.h"
#include "tests/support/compare.h"

#include <QTest>

#include <cmath>

using namespace aimath::numerics;

class TestFormatTables : public QObject {
    Q_OBJECT
private slots:
    void valueCounts()
    {
        // E4M3FN: 256 codes − 2 NaN − 1 (−0 merged) = 253; fp4: 16 − 1 = 15; E5M2: 256 − 6 NaN − 2 inf − 1 = 247
        QCOMPARE(allFiniteValues(*formatById("fp8_e4m3")).size(), std::size_t(253));
        QCOMPARE(allFiniteValues(*formatById("fp4_e2m1")).size(), std::size_t(15));
        QCOMPARE(allFiniteValues(*formatById("fp8_e5m2")).size(), std::size_t(247));
        QCOMPARE(allFiniteValues(*formatById("fp8_e4m3fnuz")).size(), std::size_t(255));  // 256 − the NaN 0x80
        QCOMPARE(allFiniteValues(*formatById("e8m0")).size(), std::size_t(255));
        QVERIFY(allFiniteValues(*formatById("fp32")).empty());
        QCOMPARE(allFiniteValues(*formatById("fp4_e2m1")).back(), 6.0);
    }

    void spacingMatchesNeighbourGaps()
    {
        // For every pair of neighbouring positive values a < b, b − a equals the curve's spacing at a.
        for (const char* id : {"fp16", "bf16", "fp8_e4m3", "fp8_e5m2", "fp8_e4m3fnuz", "fp6_e2m3", "fp6_e3m2", "fp4_e2m1", "e8m0"}) {
            const FloatFormat f = *formatById(id);
            const SpacingCurve c = spacingCurve(f);
            QCOMPARE(c.magnitude.back(), f.maxFinite());
            const auto v = allFiniteValues(f);
            for (std::size_t i = 0; i + 1 < v.size(); ++i) {
                if (v[i] <= 0 || v[i] < c.magnitude.front())
                    continue;
                auto it = std::upper_bound(c.magnitude.begin(), c.magnitude.end() - 1, v[i]);
                const double s = c.spacing[static_cast<std::size_t>(it - c.magnitude.begin()) - 1];
                QVERIFY2(v[i + 1] - v[i] == s, qPrintable(QStringLiteral("%1 at %2").arg(id).arg(v[i])));
                QCOMPARE(ulpAt(f, v[i]), s);
            }
        }
    }

    void symlogHandValues()
    {
        QCOMPARE(symlog(0.0, 1.0), 0.0);
        QCOMPARE(symlog(9.0, 1.0), 1.0);     // log10(1 + 9)
        QCOMPARE(symlog(-99.0, 1.0), -2.0);  // −log10(100)
        AIMATH_COMPARE_REL(symlogInverse(symlog(448.0, 0.01), 0.01), 448.0, 1e-12);
    }
};

QTEST_GUILESS_MAIN(TestFormatTables)
#include "test_format_tables.moc"
