#pragma once
// Floating-point comparison helpers for Qt Test.

#include <QTest>

#include <cmath>

namespace aimath::test {

/// |a - b| <= rel * max(|a|, |b|) + abs
inline bool close(double a, double b, double rel = 1e-12, double abs = 0.0)
{
    if (std::isinf(a) || std::isinf(b))
        return a == b;
    return std::fabs(a - b) <= rel * std::max(std::fabs(a), std::fabs(b)) + abs;
}

}  // namespace aimath::test

/// Relative-tolerance check; a failure prints both numbers.
#define AIMATH_COMPARE_REL(actual, expected, rel)                                                                \
    do {                                                                                                        \
        const double a_ = (actual);                                                                             \
        const double e_ = (expected);                                                                           \
        QVERIFY2(aimath::test::close(a_, e_, (rel)),                                                            \
                 qPrintable(QStringLiteral("%1 = %2, expected %3 (rel tol %4)")                                 \
                                .arg(QStringLiteral(#actual)).arg(a_, 0, 'g', 17).arg(e_, 0, 'g', 17).arg(rel))); \
    } while (0)

#define AIMATH_COMPARE_ABS(actual, expected, tol)                                                                \
    do {                                                                                                        \
        const double a_ = (actual);                                                                             \
        const double e_ = (expected);                                                                           \
        QVERIFY2(std::fabs(a_ - e_) <= (tol),                                                                   \
                 qPrintable(QStringLiteral("%1 = %2, expected %3 (abs tol %4)")                                 \
                                .arg(QStringLiteral(#actual)).arg(a_, 0, 'g', 17).arg(e_, 0, 'g', 17).arg(tol))); \
    } while (0)
