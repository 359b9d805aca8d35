// "Try this": an experiment's link applies all its values at once through the
// same parsing as --set; a bad value or a broken constraint changes nothing.
#include "widgets/common/explanation_panel.h"
#include "widgets/common/tab.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>

using namespace aimath;

namespace {

class TinyTab : public Tab {
public:
    explicit TinyTab(ParamSet p) : Tab(std::move(p)) {}
    QString id() const override { return QStringLiteral("tiny"); }
    QString title() const override { return QStringLiteral("Tiny"); }
    QJsonObject exportData() const override { return {}; }
    void publish(std::vector<TryThis> items) { setTryThis(std::move(items)); }
    ExplanationPanel* panel() const { return explanation(); }
    std::vector<std::set<std::string>> changes;

protected:
    void onParamsChanged(const std::set<std::string>& keys) override { changes.push_back(keys); }
};

ParamSet declare()
{
    ParamSet p;
    p.add(ParamSpec::real("temperature", "Temperature", 0.05, 5.0, 1.0));
    p.add(ParamSpec::integer("top_k", "Top k", 0, 100, 0));
    p.add(ParamSpec::real("low", "Low", -10, 10, 0));
    p.add(ParamSpec::real("high", "High", -10, 10, 1));
    p.setConstraint([](const ParamSet& s) { return s.real("low") < s.real("high") ? std::string() : std::string("low must be below high"); });
    return p;
}

}  // namespace

class TestTryThis : public QObject {
    Q_OBJECT
private slots:
    void appliesEveryValueAtOnce()
    {
        TinyTab tab(declare());
        tab.publish({{QStringLiteral("Cool it down"), {{"temperature", "0.1"}, {"top_k", "5"}}}});
        QSignalSpy edited(&tab, &Tab::paramsEdited);
        tab.changes.clear();
        QCOMPARE(tab.applyTryThis(0), std::string());
        QCOMPARE(tab.params().real("temperature"), 0.1);
        QCOMPARE(tab.params().integer("top_k"), 5LL);
        QCOMPARE(tab.changes.size(), size_t(1));  // one recompute for both values
        QCOMPARE(tab.changes[0], (std::set<std::string>{"temperature", "top_k"}));
        QCOMPARE(edited.count(), 1);
        QVERIFY(tab.currentError().isEmpty());
    }

    void badValueChangesNothing()
    {
        TinyTab tab(declare());
        tab.publish({{QStringLiteral("Too hot"), {{"top_k", "7"}, {"temperature", "50"}}},
                     {QStringLiteral("Crossed"), {{"low", "3"}, {"high", "2"}}},
                     {QStringLiteral("Unknown"), {{"nope", "1"}}}});
        tab.changes.clear();
        for (int i = 0; i < 3; ++i) {
            const std::string e = tab.applyTryThis(i);
            QVERIFY2(!e.empty(), "a bad experiment must be refused");
            QVERIFY(!tab.currentError().isEmpty());
        }
        QVERIFY(tab.applyTryThis(3) != std::string());  // out of range index
        QCOMPARE(tab.params().integer("top_k"), 0LL);   // the first, valid value was not kept either
        QCOMPARE(tab.params().real("temperature"), 1.0);
        QCOMPARE(tab.params().real("low"), 0.0);
        QVERIFY(tab.changes.empty());
        QVERIFY(tab.applyTryThis(-1) != std::string());
    }

    void linksInThePanelApplyTheExperiment()
    {
        TinyTab tab(declare());
        tab.panel()->setHtml(QStringLiteral("<p>softmax</p>"));
        tab.publish({{QStringLiteral("First <one>"), {{"temperature", "0.5"}}}, {QStringLiteral("Second"), {{"temperature", "2"}}}});
        QCOMPARE(tab.panel()->html(), QStringLiteral("<p>softmax</p>"));  // the explanation itself is untouched
        QCOMPARE(tab.panel()->tryThis(), (QStringList{QStringLiteral("First <one>"), QStringLiteral("Second")}));
        auto* browser = tab.panel()->findChild<QTextBrowser*>();
        QVERIFY(browser);
        const QString shown = browser->toHtml();
        QVERIFY(shown.contains(QStringLiteral("try:1")));
        QVERIFY(shown.contains(QStringLiteral("First &lt;one&gt;")));  // text is escaped, not markup
        emit browser->anchorClicked(QUrl(QStringLiteral("try:1")));
        QCOMPARE(tab.params().real("temperature"), 2.0);
        emit browser->anchorClicked(QUrl(QStringLiteral("https://example.org")));  // not an experiment: ignored
        emit browser->anchorClicked(QUrl(QStringLiteral("try:9")));
        QCOMPARE(tab.params().real("temperature"), 2.0);
        QVERIFY(browser->toPlainText().contains(QStringLiteral("softmax")));  // a click never navigates away
    }
};

QTEST_MAIN(TestTryThis)
#include "test_try_this.moc"
