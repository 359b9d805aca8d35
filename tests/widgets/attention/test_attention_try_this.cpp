// The attention tab's "Try this" experiments: each applies cleanly from any
// earlier state and the observation its text promises is what the tab computes.
#include "widgets/attention/attention_tab.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace aimath;

namespace {

QJsonArray heads(const AttentionTab& tab) { return tab.exportData().value(QStringLiteral("heads_data")).toArray(); }

// Mean of every row entropy of every head.
double meanEntropy(const AttentionTab& tab)
{
    double sum = 0;
    int count = 0;
    for (const auto& h : heads(tab))
        for (const auto& e : h.toObject().value(QStringLiteral("row_entropy_nats")).toArray()) {
            sum += e.toDouble();
            ++count;
        }
    return count ? sum / count : std::nan("");
}

double maxAbsScore(const AttentionTab& tab)
{
    double m = 0;
    for (const auto& h : heads(tab))
        m = std::max(m, h.toObject().value(QStringLiteral("max_abs_score")).toDouble());
    return m;
}

void apply(AttentionTab& tab, int i)
{
    QCOMPARE(tab.applyTryThis(i), std::string());
    QVERIFY(tab.waitUntilIdle(10000));
    QVERIFY(tab.currentError().isEmpty());
}

}  // namespace

class TestAttentionTryThis : public QObject {
    Q_OBJECT
private slots:
    void threeExperiments()
    {
        AttentionTab tab(AttentionTab::declareParams());
        QCOMPARE(tab.tryThis().size(), size_t(3));
        for (const auto& t : tab.tryThis())
            QVERIFY(!t.text.isEmpty() && !t.set.empty());
    }

    void lowTemperature()
    {
        AttentionTab tab(AttentionTab::declareParams());
        QVERIFY(std::fabs(meanEntropy(tab) - 1.28) < 0.01);  // "1.28 → …" at the defaults
        apply(tab, 1);  // another experiment first: the first one must still hold after it
        apply(tab, 0);
        QVERIFY2(std::fabs(meanEntropy(tab) - 0.12) < 0.01, qPrintable(QString::number(meanEntropy(tab))));
        // "The" and "the" hash to the same vector (lower-cased): with Q = K = V = X their two
        // rows score both copies equally, so those rows split 1/2 + 1/2 at any temperature → ln 2.
        for (const auto& h : heads(tab)) {
            const QJsonArray ent = h.toObject().value(QStringLiteral("row_entropy_nats")).toArray();
            QVERIFY(std::fabs(ent[0].toDouble() - std::log(2.0)) < 1e-3);
            QVERIFY(std::fabs(ent[4].toDouble() - std::log(2.0)) < 1e-3);
        }
    }

    void unscaledWideHead()
    {
        AttentionTab tab(AttentionTab::declareParams());
        apply(tab, 0);
        apply(tab, 1);
        QCOMPARE(tab.params().integer("heads"), 1LL);
        const double unscaledEntropy = meanEntropy(tab);
        const double unscaledMax = maxAbsScore(tab);
        QVERIFY2(std::fabs(unscaledEntropy - 0.26) < 0.01, qPrintable(QString::number(unscaledEntropy)));
        QVERIFY2(std::fabs(unscaledMax - 39) < 0.5, qPrintable(QString::number(unscaledMax)));
        // "Tick it again": the same scores divided by √256 = 16.
        ParamSet p = tab.params();
        QCOMPARE(p.set("scaled", true), std::string());
        tab.applyParams(p);
        QVERIFY(tab.waitUntilIdle(10000));
        QVERIFY(std::fabs(maxAbsScore(tab) * 16 - unscaledMax) < 1e-9 * unscaledMax);
        QVERIFY2(std::fabs(meanEntropy(tab) - 2.19) < 0.01, qPrintable(QString::number(meanEntropy(tab))));
        QVERIFY(meanEntropy(tab) < std::log(12.0));
    }

    void causalMask()
    {
        AttentionTab tab(AttentionTab::declareParams());
        apply(tab, 2);
        QCOMPARE(tab.params().text("mask"), std::string("causal"));
        for (const auto& h : heads(tab)) {
            const QJsonArray w = h.toObject().value(QStringLiteral("weights")).toArray();
            const QJsonArray ent = h.toObject().value(QStringLiteral("row_entropy_nats")).toArray();
            QCOMPARE(w[0].toArray()[0].toDouble(), 1.0);
            QCOMPARE(ent[0].toDouble(), 0.0);
            for (int i = 0; i < w.size(); ++i) {
                for (int j = i + 1; j < w.size(); ++j)
                    QCOMPARE(w[i].toArray()[j].toDouble(), 0.0);
                QVERIFY(ent[i].toDouble() <= std::log(i + 1.0) + 1e-12);
            }
        }
    }
};

QTEST_MAIN(TestAttentionTryThis)
#include "test_attention_try_this.moc"
