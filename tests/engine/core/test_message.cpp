// Message::text(): the English an engine message has always had, built from a
// template and its arguments in one pass.
#include "engine/core/message.h"

#include <QTest>

using namespace aimath;

class TestMessage : public QObject {
    Q_OBJECT

private slots:
    void emptyAndData()
    {
        QVERIFY(Message().empty());
        QCOMPARE(Message().text(), std::string());
        const Message data(std::string("w2v.txt"));
        QVERIFY(!data.empty());
        QVERIFY(data.templ() == nullptr);
        QCOMPARE(data.text(), std::string("w2v.txt"));
        // A template without arguments is not empty even when its text is.
        QVERIFY(!Message("").empty());
    }

    void substitution_data()
    {
        QTest::addColumn<QString>("templ");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("text");
        QTest::newRow("in order") << "%1: %2 is out of range %3" << QStringList{"count", "7", "[1, 5]"} << "count: 7 is out of range [1, 5]";
        QTest::newRow("reordered") << "%2 before %1" << QStringList{"a", "b"} << "b before a";
        QTest::newRow("repeated") << "%1 and %1" << QStringList{"x"} << "x and x";
        // Inserted text is not scanned again: a value that looks like a placeholder stays as typed.
        QTest::newRow("one pass") << "%1 then %2" << QStringList{"%2", "y"} << "%2 then y";
        QTest::newRow("past the arguments") << "%1 %2 %3" << QStringList{"a"} << "a %2 %3";
        QTest::newRow("not a placeholder") << "100% of %1, %0 and %" << QStringList{"it"} << "100% of it, %0 and %";
        QTest::newRow("two digits are one placeholder and a digit") << "%12" << QStringList{"a"} << "a2";
        QTest::newRow("utf-8") << "%1 × %2 values" << QStringList{"3", "4"} << "3 × 4 values";
    }

    void substitution()
    {
        QFETCH(QString, templ);
        QFETCH(QStringList, args);
        QFETCH(QString, text);
        const QByteArray t = templ.toUtf8();  // lives until the end of the test
        Message m(t.constData());
        std::vector<Message> a;
        for (const QString& s : args)
            a.emplace_back(s.toStdString());
        // The initializer-list constructor is the engine's; build the same through it for 1..3 arguments.
        if (a.size() == 1)
            m = Message(t.constData(), {a[0]});
        else if (a.size() == 2)
            m = Message(t.constData(), {a[0], a[1]});
        else if (a.size() == 3)
            m = Message(t.constData(), {a[0], a[1], a[2]});
        QCOMPARE(QString::fromStdString(m.text()), text);
        QCOMPARE(m.args().size(), a.size());
    }

    void nested()
    {
        // "values: entry 2: expected a number, got \"x\"", the way setFromString builds it.
        const Message inner(QT_TRANSLATE_NOOP("aimath::engine", "expected a number, got %1"), {std::string("\"x\"")});
        const Message entry(QT_TRANSLATE_NOOP("aimath::engine", "entry %1: %2"), {std::string("2"), inner});
        const Message top(QT_TRANSLATE_NOOP("aimath::engine", "%1: %2"), {std::string("values"), entry});
        QCOMPARE(top.text(), std::string("values: entry 2: expected a number, got \"x\""));
        QCOMPARE(std::string(top.args()[1].args()[1].templ()), std::string("expected a number, got %1"));
    }
};

QTEST_GUILESS_MAIN(TestMessage)
#include "test_message.moc"
