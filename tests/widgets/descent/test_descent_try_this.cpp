// The descent tab's "Try this" experiments: each applies cleanly from any
// earlier state and the observation its text promises is what the tab computes.
#include "widgets/descent/descent_tab.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace aimath;

namespace {

QJsonObject run(const DescentTab& tab, const QString& optimizer)
{
    for (const auto& r : tab.exportData().value(QStringLiteral("trajectories")).toArray())
        if (r.toObject().value(QStringLiteral("optimizer")).toString() == optimizer)
            return r.toObject();
    return {};
}

QJsonArray lastPoint(const QJsonObject& run)
{
    const QJsonArray pts = run.value(QStringLiteral("points")).toArray();
    return pts.last().toArray();
}

// First step at which |y| > 1, or −1.
int firstEscape(const QJsonObject& run)
{
    const QJsonArray pts = run.value(QStringLiteral("points")).toArray();
    for (int k = 0; k < pts.size(); ++k)
        if (std::fabs(pts[k].toArray()[1].toDouble()) > 1)
            return k;
    return -1;
}

void apply(DescentTab& tab, int i)
{
    QCOMPARE(tab.applyTryThis(i), std::string());
    QVERIFY(tab.currentError().isEmpty());
}

void change(DescentTab& tab, const char* key, const char* value)
{
    ParamSet p = tab.params();
    QCOMPARE(p.setFromString(key, value), std::string());
    tab.applyParams(p);
}

}  // namespace

class TestDescentTryThis : public QObject {
    Q_OBJECT
private slots:
    void threeExperiments()
    {
        DescentTab tab(DescentTab::declareParams());
        QCOMPARE(tab.tryThis().size(), size_t(3));
        for (const auto& t : tab.tryThis())
            QVERIFY(!t.text.isEmpty() && !t.set.empty());
    }

    void stabilityBound()
    {
        DescentTab tab(DescentTab::declareParams());
        change(tab, "noise", "0.5");  // an earlier change the experiment must undo
        apply(tab, 0);
        // ½(u² + 50v²): Hessian eigenvalues 1 and 50, so 2/λmax = 0.04. At lr 0.041 the v
        // component is multiplied by 1 − 0.041·50 = −1.05 each step: it grows until |f| > 10¹².
        QJsonObject sgd = run(tab, QStringLiteral("sgd"));
        QVERIFY(sgd.value(QStringLiteral("diverged")).toBool());
        QCOMPARE(sgd.value(QStringLiteral("diverged_at")).toInt(), 228);
        change(tab, "lr_sgd", "0.039");  // factor −0.95: converges
        sgd = run(tab, QStringLiteral("sgd"));
        QVERIFY(!sgd.value(QStringLiteral("diverged")).toBool());
        QVERIFY(lastPoint(sgd)[2].toDouble() < 1e-9);
    }

    void clipping()
    {
        DescentTab tab(DescentTab::declareParams());
        apply(tab, 2);
        apply(tab, 1);
        QJsonObject sgd = run(tab, QStringLiteral("sgd"));
        QVERIFY(!sgd.value(QStringLiteral("diverged")).toBool());
        // ∇f(−1.2, 1) of Rosenbrock = (−2·2.2 − 400·(−1.2)·(1 − 1.44), 200·(1 − 1.44)) = (−215.6, −88): norm 232.87.
        QVERIFY(std::fabs(sgd.value(QStringLiteral("grad_norm")).toArray()[0].toDouble() - 232.87) < 0.01);
        const double f = lastPoint(sgd)[2].toDouble();
        QVERIFY2(f > 0.08 && f < 0.10, qPrintable(QString::number(f)));
        change(tab, "clip_norm", "0");
        sgd = run(tab, QStringLiteral("sgd"));
        QVERIFY(sgd.value(QStringLiteral("diverged")).toBool());
        QCOMPARE(sgd.value(QStringLiteral("diverged_at")).toInt(), 3);
    }

    void saddle()
    {
        DescentTab tab(DescentTab::declareParams());
        change(tab, "lr_adam", "0.5");
        apply(tab, 2);
        // SGD: y is multiplied by 1 + 2·lr = 1.002 a step, 0.01 · 1.002⁵⁰⁰ = 0.0272.
        const QJsonObject sgd = run(tab, QStringLiteral("sgd"));
        QVERIFY(std::fabs(lastPoint(sgd)[1].toDouble() - 0.01 * std::pow(1.002, 500)) < 1e-9);
        QCOMPARE(firstEscape(sgd), -1);
        const int momentum = firstEscape(run(tab, QStringLiteral("momentum")));
        const int adam = firstEscape(run(tab, QStringLiteral("adam")));
        QVERIFY2(momentum > 250 && momentum < 310, qPrintable(QString::number(momentum)));
        QVERIFY2(adam > 10 && adam <= 30, qPrintable(QString::number(adam)));
    }
};

QTEST_MAIN(TestDescentTryThis)
#include "test_descent_try_this.moc"
