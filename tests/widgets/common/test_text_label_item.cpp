// TextLabelItem draws exactly what QCPItemText draws (pixel for pixel on the
// raster buffers plots use), lays each text out once however often it is
// replotted or moved, and hands rotated text to QCPItemText.

#include "widgets/common/text_label_item.h"

#include <QImage>
#include <QTest>

using namespace aimath;

namespace {

struct Label {
    QString text;
    QPointF at;
    Qt::Alignment positionAlignment;
    Qt::Alignment textAlignment;
    bool bold = false;
};

/// One plot with the labels drawn by QCPItemText (cached = false) or TextLabelItem.
QImage draw(const std::vector<Label>& labels, bool cached, const QPointF& shift = {}, std::vector<TextLabelItem*>* items = nullptr)
{
    QCustomPlot plot;
    plot.resize(420, 300);
    plot.xAxis->setRange(0, 10);
    plot.yAxis->setRange(0, 10);
    for (const Label& l : labels) {
        QCPItemText* t = cached ? new TextLabelItem(&plot) : new QCPItemText(&plot);
        t->setPositionAlignment(l.positionAlignment);
        t->setTextAlignment(l.textAlignment);
        t->setPadding(QMargins(3, 0, 0, 1));
        QFont f = plot.font();
        f.setPointSizeF(8.5);
        f.setBold(l.bold);
        t->setFont(f);
        t->setColor(QColor(70, 70, 70));
        t->position->setCoords(l.at + shift);
        t->setText(l.text);
        if (items && cached)
            items->push_back(static_cast<TextLabelItem*>(t));
    }
    return plot.toPixmap(420, 300).toImage();
}

std::vector<Label> someLabels()
{
    return {{QStringLiteral("king"), {1.13, 2.71}, Qt::AlignLeft | Qt::AlignBottom, Qt::AlignTop | Qt::AlignHCenter},
            {QStringLiteral("queen"), {4.5, 6.05}, Qt::AlignLeft | Qt::AlignBottom, Qt::AlignTop | Qt::AlignHCenter, true},
            {QStringLiteral("grandmother"), {6.2, 3.333}, Qt::AlignCenter, Qt::AlignTop | Qt::AlignLeft},
            {QStringLiteral("París – Ωμέγα"), {2.0, 8.4}, Qt::AlignRight | Qt::AlignTop, Qt::AlignTop | Qt::AlignRight},
            {QStringLiteral("#1234"), {9.7, 9.7}, Qt::AlignLeft | Qt::AlignBottom, Qt::AlignTop | Qt::AlignHCenter},  // partly outside
            {QStringLiteral("w"), {7.77, 1.01}, Qt::AlignLeft | Qt::AlignBottom, Qt::AlignTop | Qt::AlignHCenter}};
}

int differingPixels(const QImage& a, const QImage& b)
{
    if (a.size() != b.size())
        return -1;
    const QImage x = a.convertToFormat(QImage::Format_ARGB32), y = b.convertToFormat(QImage::Format_ARGB32);
    int n = 0;
    for (int r = 0; r < x.height(); ++r)
        for (int c = 0; c < x.width(); ++c)
            n += x.pixel(c, r) != y.pixel(c, r);
    return n;
}

}  // namespace

class TestTextLabelItem : public QObject {
    Q_OBJECT

private slots:
    void drawsWhatQcpItemTextDraws()
    {
        const QImage reference = draw(someLabels(), false);
        const QImage cached = draw(someLabels(), true);
        const QImage empty = draw({}, false);
        QVERIFY(differingPixels(reference, empty) > 100);  // the labels are drawn at all
        for (const Label& l : someLabels())  // one by one, so a failure names the label
            QVERIFY2(differingPixels(draw({l}, true), draw({l}, false)) == 0, qPrintable(l.text));
        QCOMPARE(differingPixels(cached, reference), 0);
        // Moved by a fraction of a pixel and more: still the same picture as QCPItemText's.
        for (const QPointF shift : {QPointF(0.013, -0.021), QPointF(0.37, 0.41), QPointF(-1.5, 0.25)})
            QCOMPARE(differingPixels(draw(someLabels(), true, shift), draw(someLabels(), false, shift)), 0);
    }

    void laysOutOncePerText()
    {
        QCustomPlot plot;
        plot.resize(300, 200);
        auto* item = new TextLabelItem(&plot);
        item->setText(QStringLiteral("dog"));
        for (int i = 0; i < 5; ++i) {
            item->position->setCoords(0.1 * i, 0.2 + 0.05 * i);  // a drag moves it
            plot.toPixmap(300, 200);
        }
        QCOMPARE(item->layoutCount(), 1);
        item->setText(QStringLiteral("cat"));
        plot.toPixmap(300, 200);
        plot.toPixmap(300, 200);
        QCOMPARE(item->layoutCount(), 2);
        QFont f = item->font();
        f.setBold(true);
        item->setFont(f);
        plot.toPixmap(300, 200);
        QCOMPARE(item->layoutCount(), 3);
    }

    void rotatedTextIsQcpItemTexts()
    {
        QCustomPlot a, b;
        for (QCustomPlot* p : {&a, &b}) {
            p->resize(300, 200);
            QCPItemText* t = p == &a ? new QCPItemText(p) : new TextLabelItem(p);
            t->position->setCoords(5, 5);
            t->setText(QStringLiteral("turned"));
            t->setRotation(30);
        }
        QCOMPARE(differingPixels(a.toPixmap(300, 200).toImage(), b.toPixmap(300, 200).toImage()), 0);
        QCOMPARE(static_cast<TextLabelItem*>(b.item(0))->layoutCount(), 0);
    }
};

QTEST_MAIN(TestTextLabelItem)
#include "test_text_label_item.moc"
