// Entropies of a joint table: hand-worked tables and the chain-rule identities.

#include "engine/prob/joint.h"
#include "tests/support/compare.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace aimath::prob;

class TestJoint : public QObject {
    Q_OBJECT
private slots:
    void independentTableHasNoMutualInformation()
    {
        // p(x, y) = p(x) p(y) with p(x) = (¼, ¾), p(y) = (½, ½).
        const JointInfo j = jointInformation({1, 1, 3, 3}, 2, 2);
        QVERIFY(j.ok);
        AIMATH_COMPARE_ABS(j.mi, 0.0, 1e-15);
        AIMATH_COMPARE_REL(j.hy, std::numbers::ln2, 1e-15);
        AIMATH_COMPARE_REL(j.hx, -(0.25 * std::log(0.25) + 0.75 * std::log(0.75)), 1e-15);
        AIMATH_COMPARE_REL(j.hxGivenY, j.hx, 1e-14);
    }

    void copyHasFullMutualInformation()
    {
        // Y = X, fair: I = H(X) = ln 2, both conditionals 0.
        const JointInfo j = jointInformation({1, 0, 0, 1}, 2, 2);
        AIMATH_COMPARE_REL(j.mi, std::numbers::ln2, 1e-15);
        QCOMPARE(j.hxGivenY, 0.0);
        QCOMPARE(j.hyGivenX, 0.0);
        AIMATH_COMPARE_REL(j.hxy, std::numbers::ln2, 1e-15);
    }

    void handWorkedTwoByThree()
    {
        // Weights (row-major) 1 2 1 / 0 2 2, total 8.
        const JointInfo j = jointInformation({1, 2, 1, 0, 2, 2}, 2, 3);
        QCOMPARE(j.px, (std::vector<double>{0.5, 0.5}));
        QCOMPARE(j.py, (std::vector<double>{0.125, 0.5, 0.375}));
        const double hxy = -(0.125 * std::log(0.125) * 2 + 0.25 * std::log(0.25) * 3);
        AIMATH_COMPARE_REL(j.hxy, hxy, 1e-15);
        // I = Σ p ln(p/(px py)): (⅛)ln(⅛/(½·⅛)) + ¼ ln(¼/(½·½)) + ⅛ ln(⅛/(½·⅜)) + ¼ ln 1 + ¼ ln(¼/(½·⅜)).
        const double mi = 0.125 * std::log(2.0) + 0.0 + 0.125 * std::log(2.0 / 3.0) + 0.25 * std::log(4.0 / 3.0);
        AIMATH_COMPARE_REL(j.mi, mi, 1e-14);
    }

    void chainRules()
    {
        const JointInfo j = jointInformation({0.3, 1.7, 0.2, 2.5, 0.9, 0.1, 0.4, 1.1, 3.0, 0.6, 0.05, 0.8}, 3, 4);
        QVERIFY(j.ok);
        AIMATH_COMPARE_REL(j.hxy, j.hy + j.hxGivenY, 1e-14);
        AIMATH_COMPARE_REL(j.hxy, j.hx + j.hyGivenX, 1e-14);
        AIMATH_COMPARE_REL(j.mi, j.hx + j.hy - j.hxy, 1e-12);
        AIMATH_COMPARE_REL(j.mi, j.hx - j.hxGivenY, 1e-12);
        QVERIFY(j.mi > 0);
    }

    void tinyCellsStayFinite()
    {
        // X = Y (a diagonal table), so I(X;Y) = H(X) exactly, even with a cell of
        // 1e-300 whose p(x)·p(y) underflows to 0 (found by the parameter walk).
        const JointInfo j = jointInformation({1e6, 0, 0, 0, 0, 1e6, 0, 0, 0, 0, 1e-300, 0, 0, 0, 0, 1e6}, 4, 4);
        QVERIFY(j.ok);
        QVERIFY(std::isfinite(j.mi));
        QVERIFY(std::fabs(j.mi - j.hx) <= 1e-12 * j.hx);
        QVERIFY(std::fabs(j.mi - std::log(3.0)) < 1e-12);  // three equal cells; the tiny one adds ~1e-304
        QVERIFY(j.hxGivenY < 1e-12 && j.hyGivenX < 1e-12);
    }

    void badTables()
    {
        QVERIFY(!jointInformation({0, 0, 0, 0}, 2, 2).ok);
        QVERIFY(!jointInformation({1, 2, 3}, 2, 2).ok);
        QVERIFY(jointInformation({1, 2, 3}, 2, 2).message.starts_with("joint"));
        QVERIFY(!jointInformation({1, -2, 3, 1}, 2, 2).ok);
    }
};

QTEST_GUILESS_MAIN(TestJoint)
#include "test_joint.moc"
