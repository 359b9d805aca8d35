// The readouts under the controls: a drag that changes values under the same
// names rewrites only those cells, and the panel then shows (and copies)
// exactly what a panel built afresh with the new rows shows.
#include "widgets/common/readout_panel.h"

#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>

using namespace aimath;

namespace {

using Rows = std::vector<std::pair<QString, QString>>;

QTextTable* tableOf(const ReadoutPanel& panel)
{
    auto* view = panel.findChild<QTextBrowser*>();
    if (!view)
        return nullptr;
    for (QTextFrame* frame : view->document()->rootFrame()->childFrames())
        if (auto* table = qobject_cast<QTextTable*>(frame))
            return table;
    return nullptr;
}

QString shownText(const ReadoutPanel& panel) { return panel.findChild<QTextBrowser*>()->document()->toPlainText(); }

Rows first()
{
    return {{QStringLiteral("H(P)"), QStringLiteral("1.0397 nats")},
            {QStringLiteral("KL(P‖Q)"), QStringLiteral("0.25")},
            {QStringLiteral("x<sub>min</sub>"), QStringLiteral("(1, 1)")},
            {QStringLiteral("steps"), QStringLiteral("10000")}};
}

Rows second()
{
    return {{QStringLiteral("H(P)"), QStringLiteral("0.6931 nats")},
            {QStringLiteral("KL(P‖Q)"), QStringLiteral("<span style='color:#c00'>∞</span>")},
            {QStringLiteral("x<sub>min</sub>"), QStringLiteral("(1, 1)")},
            {QStringLiteral("steps"), QStringLiteral("1.2·10<sup>4</sup>")}};
}

}  // namespace

class TestReadoutPanel : public QObject {
    Q_OBJECT

private slots:
    void newValuesUnderTheSameNamesAreWrittenInPlace()
    {
        ReadoutPanel dragged;
        dragged.setRows(first());
        QTextTable* before = tableOf(dragged);
        QVERIFY(before);
        dragged.setRows(second());
        QCOMPARE(tableOf(dragged), before);  // the same table: no rebuild

        ReadoutPanel fresh;
        fresh.setRows(second());
        QCOMPARE(dragged.rows(), second());
        QCOMPARE(dragged.text(), fresh.text());
        QCOMPARE(shownText(dragged), shownText(fresh));
        QVERIFY(dragged.text().contains(QStringLiteral("KL(P‖Q)\t∞")));

        // Every value cell stays right-aligned and bold, as a fresh table draws it.
        QTextTable* table = tableOf(dragged);
        QCOMPARE(table->rows(), 4);
        for (int r = 0; r < table->rows(); ++r) {
            const QTextTableCell cell = table->cellAt(r, 1);
            const QTextBlock block = cell.firstCursorPosition().block();
            QVERIFY2(block.blockFormat().alignment() & Qt::AlignRight, qPrintable(block.text()));
            QTextCursor c = cell.firstCursorPosition();
            c.movePosition(QTextCursor::NextCharacter);
            QVERIFY2(c.charFormat().fontWeight() >= QFont::Bold, qPrintable(block.text()));
            QCOMPARE(c.charFormat().fontWeight(), tableOf(fresh)->cellAt(r, 1).firstCursorPosition().block().begin().fragment().charFormat().fontWeight());
        }
        // A colour inside a value survives the in-place write.
        QTextCursor inf = table->cellAt(1, 1).firstCursorPosition();
        inf.movePosition(QTextCursor::NextCharacter);
        QCOMPARE(inf.charFormat().foreground().color(), QColor(0xcc, 0x00, 0x00));
    }

    // As many rows under other names (an embeddings axis drag renames its λ rows): the
    // name cells are rewritten in place too, and look as a fresh table's do (plain, not bold).
    void otherNamesAreWrittenInPlace()
    {
        ReadoutPanel panel;
        panel.setRows(first());
        QTextTable* before = tableOf(panel);
        Rows renamed = first();
        renamed[2].first = QStringLiteral("y<sub>max</sub>");
        renamed[3] = {QStringLiteral("λ7 (PC7)"), QStringLiteral("0.5 (3.1 %)")};
        panel.setRows(renamed);
        QCOMPARE(tableOf(panel), before);
        QCOMPARE(panel.text().split(QLatin1Char('\n'))[2], QStringLiteral("ymax\t(1, 1)"));
        ReadoutPanel fresh;
        fresh.setRows(renamed);
        QCOMPARE(shownText(panel), shownText(fresh));
        for (int r = 2; r < 4; ++r) {
            QTextCursor c = tableOf(panel)->cellAt(r, 0).firstCursorPosition();
            c.movePosition(QTextCursor::NextCharacter);
            QTextCursor f = tableOf(fresh)->cellAt(r, 0).firstCursorPosition();
            f.movePosition(QTextCursor::NextCharacter);
            QCOMPARE(c.charFormat().fontWeight(), f.charFormat().fontWeight());
            QVERIFY(c.charFormat().fontWeight() < QFont::Bold);
            QCOMPARE(c.block().blockFormat().alignment(), f.block().blockFormat().alignment());
        }
        QTextCursor sub = tableOf(panel)->cellAt(2, 0).firstCursorPosition();
        sub.movePosition(QTextCursor::NextCharacter, QTextCursor::MoveAnchor, 2);  // after "y", on "m"
        QCOMPARE(sub.charFormat().verticalAlignment(), QTextCharFormat::AlignSubScript);
    }

    // Plain text over plain text (most drags) takes the cell's own format instead of
    // parsing HTML: the document is the one a fresh panel builds, format for format;
    // markup on either side goes through HTML.
    void plainEditsKeepTheFreshDocument()
    {
        Rows rows = first();
        ReadoutPanel dragged;
        dragged.setRows(rows);
        for (int i = 0; i < 7; ++i) {
            rows[0].second = QString::number(0.5 + i, 'g', 6) + QStringLiteral(" nats");  // plain → plain
            rows[3].first = QStringLiteral("steps %1").arg(i);                             // a plain name
            rows[1].second = i % 2 ? QStringLiteral("<span style='color:#c00'>∞</span>") : QStringLiteral("0.2%1").arg(i);  // markup ↔ plain
            dragged.setRows(rows);
            ReadoutPanel fresh;
            fresh.setRows(rows);
            const auto html = [](const ReadoutPanel& p) { return p.findChild<QTextBrowser*>()->document()->toHtml(); };
            QCOMPARE(html(dragged), html(fresh));
        }
    }

    void otherCountsRebuild()
    {
        ReadoutPanel panel;
        panel.setRows(first());
        const Rows all = first();
        const Rows fewer(all.begin(), all.begin() + 2);
        panel.setRows(fewer);
        QCOMPARE(tableOf(panel)->rows(), 2);
        QCOMPARE(panel.text(), QStringLiteral("H(P)\t1.0397 nats\nKL(P‖Q)\t0.25"));
        panel.setRows({});
        QCOMPARE(panel.text(), QString());
        panel.setRows(second());
        ReadoutPanel fresh;
        fresh.setRows(second());
        QCOMPARE(shownText(panel), shownText(fresh));
    }

    void manyDragsEndWhereAFreshPanelIs()
    {
        ReadoutPanel dragged, fresh;
        Rows rows = first();
        for (int i = 0; i < 50; ++i) {
            rows[0].second = QString::number(1.0 / (i + 1), 'g', 6) + QStringLiteral(" nats");
            rows[3].second = QString::number(i * 200);
            dragged.setRows(rows);
        }
        fresh.setRows(rows);
        QCOMPARE(shownText(dragged), shownText(fresh));
        // Once the values rest (a panel that had taller values shrinks after kShrinkDelayMs).
        QTRY_COMPARE_WITH_TIMEOUT(dragged.findChild<QTextBrowser*>()->height(), fresh.findChild<QTextBrowser*>()->height(),
                                  5 * ReadoutPanel::kShrinkDelayMs);
    }

    // A value that wraps onto more lines grows the panel at once; back on fewer lines, it shrinks
    // only once the values rest (each new height lays out the whole controls column), and at once
    // when another number of rows rebuilds the table.
    void shrinksOnlyOnceTheValuesRest()
    {
        ReadoutPanel panel;
        panel.resize(280, 400);
        const auto height = [&panel] { return panel.findChild<QTextBrowser*>()->height(); };
        Rows rows = first();
        panel.setRows(rows);
        const int oneLine = height();
        rows[1].second = QStringLiteral("f = 0.000123457 after 500 steps at (0.99812, 0.99623) and on and on, long enough to wrap twice");
        panel.setRows(rows);
        const int wrapped = height();
        QVERIFY2(wrapped > oneLine, qPrintable(QStringLiteral("%1 vs %2").arg(wrapped).arg(oneLine)));
        for (int i = 0; i < 5; ++i) {
            rows[1].second = QString::number(0.5 + i);
            panel.setRows(rows);
            QCOMPARE(height(), wrapped);  // a drag back on one line: no relayout yet
        }
        QTRY_COMPARE_WITH_TIMEOUT(height(), oneLine, 5 * ReadoutPanel::kShrinkDelayMs);
        ReadoutPanel fresh;
        fresh.resize(280, 400);
        fresh.setRows(rows);
        QCOMPARE(height(), fresh.findChild<QTextBrowser*>()->height());

        rows[1].second = QStringLiteral("f = 0.000123457 after 500 steps at (0.99812, 0.99623) and on and on, long enough to wrap twice");
        panel.setRows(rows);
        QCOMPARE(height(), wrapped);
        rows[1].second = QStringLiteral("1");
        rows.pop_back();
        panel.setRows(rows);  // fewer rows: rebuilt, fitted at once
        fresh.setRows(rows);
        QVERIFY(height() < wrapped);
        QCOMPARE(height(), fresh.findChild<QTextBrowser*>()->height());
    }
};

QTEST_MAIN(TestReadoutPanel)
#include "test_readout_panel.moc"
