// The expression parser: values of valid inputs, error positions and messages of
// invalid ones, and its automatic derivatives against the built-in surfaces
// written as expressions.
#include "engine/optim/expression.h"
#include "engine/optim/surface.h"
#include "tests/support/compare.h"

#include <QtTest>

#include <cmath>

using namespace aimath::optim;

class TestExpression : public QObject {
    Q_OBJECT
private slots:
    void values_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<double>("expected");
        QTest::newRow("precedence") << "1 + 2*3" << 0.0 << 0.0 << 7.0;
        QTest::newRow("left assoc -") << "10 - 4 - 3" << 0.0 << 0.0 << 3.0;
        QTest::newRow("left assoc /") << "8 / 4 / 2" << 0.0 << 0.0 << 1.0;
        QTest::newRow("pow right assoc") << "2^3^2" << 0.0 << 0.0 << 512.0;
        QTest::newRow("unary minus below ^") << "-x^2" << 3.0 << 0.0 << -9.0;
        QTest::newRow("negative exponent") << "2^-1" << 0.0 << 0.0 << 0.5;
        QTest::newRow("negative base integer power") << "x^3" << -2.0 << 0.0 << -8.0;
        QTest::newRow("double unary") << "--x" << 4.0 << 0.0 << 4.0;
        QTest::newRow("unary plus") << "+y" << 0.0 << 5.0 << 5.0;
        QTest::newRow("parentheses") << "(1 + 2) * (3 + 4)" << 0.0 << 0.0 << 21.0;
        QTest::newRow("numbers") << "1.5e2 + .5 + 2. + 1E-1" << 0.0 << 0.0 << 152.6;
        QTest::newRow("constants") << "pi + e" << 0.0 << 0.0 << 3.14159265358979323846 + 2.718281828459045;
        QTest::newRow("x and y") << "x*y - y/x" << 2.0 << 3.0 << 4.5;
        QTest::newRow("sin cos") << "sin(x)^2 + cos(x)^2" << 0.7 << 0.0 << 1.0;
        QTest::newRow("tan") << "tan(pi/4)" << 0.0 << 0.0 << 1.0;
        QTest::newRow("exp log") << "log(exp(2.5))" << 0.0 << 0.0 << 2.5;
        QTest::newRow("sqrt abs") << "sqrt(abs(-16))" << 0.0 << 0.0 << 4.0;
        QTest::newRow("tanh") << "tanh(0)" << 0.0 << 0.0 << 0.0;
        QTest::newRow("sigmoid") << "sigmoid(0) + sigmoid(log(3))" << 0.0 << 0.0 << 1.25;
        QTest::newRow("softplus") << "softplus(0)" << 0.0 << 0.0 << std::log(2.0);
        QTest::newRow("softplus large") << "softplus(1000) - 1000" << 0.0 << 0.0 << 0.0;
        QTest::newRow("relu") << "relu(x) + relu(y)" << -2.0 << 3.0 << 3.0;
        QTest::newRow("min max") << "min(x, y) * 10 + max(x, y)" << 2.0 << -1.0 << -8.0;
        QTest::newRow("nested calls") << "max(min(x, 1), -1)" << 5.0 << 0.0 << 1.0;
        QTest::newRow("spaces") << "  x\t*  y " << 2.0 << 3.0 << 6.0;
    }
    void values()
    {
        QFETCH(QString, text);
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(double, expected);
        Expression e;
        const auto r = e.parse(text.toStdString());
        QVERIFY2(r.ok, r.message.c_str());
        AIMATH_COMPARE_ABS(e.evaluate(x, y), expected, 1e-14 * (1 + std::fabs(expected)));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("empty") << "" << 0 << "column 1: expected an expression, found end of input";
        QTest::newRow("blank") << "   " << 3 << "expected an expression";
        QTest::newRow("dangling +") << "1+" << 2 << "column 3: expected a number, x, y, a function or '(', found end of input";
        QTest::newRow("two operators") << "1+*2" << 2 << "found '*'";
        QTest::newRow("unclosed") << "(1+2" << 4 << "expected ')' to close the '(' at column 1, found end of input";
        QTest::newRow("unclosed inner") << "x*(y+(1)" << 8 << "expected ')' to close the '(' at column 3";
        QTest::newRow("stray )") << "x)" << 1 << "expected an operator (+ - * / ^) or the end of the expression, found ')'";
        QTest::newRow("juxtaposition") << "x y" << 2 << "found 'y'";
        QTest::newRow("unknown name") << "2*foo(x)" << 2 << "unknown name 'foo'";
        QTest::newRow("capital X") << "X" << 0 << "unknown name 'X'";
        QTest::newRow("function without (") << "sin x" << 4 << "expected '(' after the function sin, found 'x'";
        QTest::newRow("min one arg") << "min(1)" << 5 << "min takes 2 arguments: expected ',', found ')'";
        QTest::newRow("sin two args") << "sin(1,2)" << 5 << "sin takes 1 argument: expected ')', found ','";
        QTest::newRow("bad exponent") << "2e" << 1 << "expected digits after the exponent";
        QTest::newRow("bad exponent sign") << "3e+x" << 1 << "expected digits after the exponent";
        QTest::newRow("lone dot") << "." << 0 << "expected digits in the number";
        QTest::newRow("double dot") << "1..2" << 2 << "found '.'";
        QTest::newRow("symbol") << "x # y" << 2 << "found '#'";
        QTest::newRow("caret at end") << "x^" << 2 << "found end of input";
        QTest::newRow("empty parens") << "()" << 1 << "found ')'";
        QTest::newRow("huge number") << "1e999" << 0 << "outside the range of a double";
    }
    void errors()
    {
        QFETCH(QString, text);
        QFETCH(int, position);
        QFETCH(QString, fragment);
        Expression e;
        QVERIFY(e.parse("x + y").ok);
        const auto r = e.parse(text.toStdString());
        QVERIFY(!r.ok);
        QCOMPARE(int(r.position), position);
        QVERIFY2(r.message.find(fragment.toStdString()) != std::string::npos, r.message.c_str());
        QVERIFY2(r.message.rfind("column " + std::to_string(position + 1) + ":", 0) == 0, r.message.c_str());
        // The previous program stays.
        QCOMPARE(e.text(), std::string("x + y"));
        QCOMPARE(e.evaluate(1.0, 2.0), 3.0);
    }

    // Deep nesting is an error, not a stack overflow.
    void depthLimit()
    {
        const std::string deep = std::string(2000, '(') + "x" + std::string(2000, ')');
        Expression e;
        auto r = e.parse(deep);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.find("nested deeper") != std::string::npos, r.message.c_str());
        r = e.parse(std::string(2000, '-') + "x");
        QVERIFY(!r.ok);
        r = e.parse(std::string(100, '(') + "x" + std::string(100, ')'));
        QVERIFY(r.ok);
        // A long flat sum is fine (iterative, no nesting).
        std::string sum = "x";
        for (int i = 0; i < 2000; ++i)
            sum += "+1";
        QVERIFY(e.parse(sum).ok);
        AIMATH_COMPARE_REL(e.evaluate(0.5, 0.0), 2000.5, 1e-15);
    }

    void derivativesMatchBuiltins_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("text");
        QTest::newRow("quadratic") << "quadratic"
                                   << "0.5*((x*cos(pi/6) + y*sin(pi/6))^2 + 10*(-x*sin(pi/6) + y*cos(pi/6))^2)";
        QTest::newRow("rosenbrock") << "rosenbrock" << "(1 - x)^2 + 100*(y - x^2)^2";
        QTest::newRow("himmelblau") << "himmelblau" << "(x^2 + y - 11)^2 + (x + y^2 - 7)^2";
        QTest::newRow("beale") << "beale" << "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2";
        QTest::newRow("rastrigin") << "rastrigin" << "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)";
        QTest::newRow("ackley") << "ackley" << "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20";
        QTest::newRow("saddle") << "saddle" << "x^2 - y^2";
        QTest::newRow("styblinski_tang") << "styblinski_tang" << "0.5*(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)";
    }
    void derivativesMatchBuiltins()
    {
        QFETCH(QString, id);
        QFETCH(QString, text);
        SurfaceSettings ss;
        ss.condition = 10;
        ss.angleDeg = 30;
        auto builtin = makeSurface(id.toStdString(), ss);
        ss.expression = text.toStdString();
        std::string err;
        auto custom = makeSurface("custom", ss, &err);
        QVERIFY2(custom, err.c_str());
        Rng rng(3);
        for (int k = 0; k < 40; ++k) {
            const double x = -3 + 6 * rng.uniform(), y = -3 + 6 * rng.uniform();
            const double f = builtin->value(x, y);
            AIMATH_COMPARE_ABS(custom->value(x, y), f, 1e-12 * (1 + std::fabs(f)));
            const Eigen::Vector2d g = builtin->gradient(x, y);
            QVERIFY2((custom->gradient(x, y) - g).norm() <= 1e-12 * (1 + g.norm()), qPrintable(id));
            const Eigen::Matrix2d h = builtin->hessian(x, y);
            QVERIFY2((custom->hessian(x, y) - h).norm() <= 1e-12 * (1 + h.norm()), qPrintable(id));
        }
    }

    // Derivatives worked by hand for each elementary function at one point.
    void elementaryDerivatives_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("d1");
        QTest::addColumn<double>("d2");
        const double s = 1.0 / (1.0 + std::exp(-0.3));
        const double t = std::tanh(0.3);
        QTest::newRow("sin") << "sin(x)" << 0.3 << std::cos(0.3) << -std::sin(0.3);
        QTest::newRow("cos") << "cos(x)" << 0.3 << -std::sin(0.3) << -std::cos(0.3);
        QTest::newRow("tan") << "tan(x)" << 0.3 << 1 + std::tan(0.3) * std::tan(0.3) << 2 * std::tan(0.3) * (1 + std::tan(0.3) * std::tan(0.3));
        QTest::newRow("exp") << "exp(x)" << 0.3 << std::exp(0.3) << std::exp(0.3);
        QTest::newRow("log") << "log(x)" << 0.3 << 1 / 0.3 << -1 / 0.09;
        QTest::newRow("sqrt") << "sqrt(x)" << 0.25 << 1.0 << -2.0;  // ½x^-½ = 1, −¼x^-3/2 = −2
        QTest::newRow("abs-") << "abs(x)" << -0.3 << -1.0 << 0.0;
        QTest::newRow("tanh") << "tanh(x)" << 0.3 << 1 - t * t << -2 * t * (1 - t * t);
        QTest::newRow("sigmoid") << "sigmoid(x)" << 0.3 << s * (1 - s) << s * (1 - s) * (1 - 2 * s);
        QTest::newRow("softplus") << "softplus(x)" << 0.3 << s << s * (1 - s);
        QTest::newRow("relu+") << "relu(x)" << 0.3 << 1.0 << 0.0;
        QTest::newRow("relu-") << "relu(x)" << -0.3 << 0.0 << 0.0;
        QTest::newRow("x^x") << "x^x" << 2.0 << 4 * (std::log(2.0) + 1) << 4 * ((std::log(2.0) + 1) * (std::log(2.0) + 1) + 0.5);
        QTest::newRow("1/x") << "1/x" << 2.0 << -0.25 << 0.25;
        QTest::newRow("x^1 at 0") << "x^1" << 0.0 << 1.0 << 0.0;
        QTest::newRow("x^2 at 0") << "x^2" << 0.0 << 0.0 << 2.0;
        QTest::newRow("min") << "min(x, 1) * x" << 0.5 << 1.0 << 2.0;
    }
    void elementaryDerivatives()
    {
        QFETCH(QString, text);
        QFETCH(double, x);
        QFETCH(double, d1);
        QFETCH(double, d2);
        Expression e;
        QVERIFY(e.parse(text.toStdString()).ok);
        const auto j = e.evaluate(Jet<true>::variable(x, 0), Jet<true>::variable(0.0, 1));
        AIMATH_COMPARE_ABS(j.g[0], d1, 1e-13 * (1 + std::fabs(d1)));
        AIMATH_COMPARE_ABS(j.h[0], d2, 1e-13 * (1 + std::fabs(d2)));
        QCOMPARE(j.g[1], 0.0);
    }
};

QTEST_GUILESS_MAIN(TestExpression)
#include "test_expression.moc"
