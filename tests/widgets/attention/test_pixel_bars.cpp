// PixelBars: more bars than pixels are composited per pixel column with the look of QCPBars'
// antialiased polygons (every bar's extent, the same opacity); fewer bars draw as QCPBars.
#include "widgets/attention/pixel_bars.h"

#include <QBuffer>
#include <QSvgGenerator>
#include <QTest>

#include <cmath>
#include <random>

using aimath::PixelBars;

namespace {

struct Data {
    QVector<double> keys, values;
};

Data randomBars(int n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::exponential_distribution<double> e(1.0);
    Data d;
    for (int i = 0; i < n; ++i) {
        d.keys.push_back(i);
        d.values.push_back(e(rng));
    }
    return d;
}

/// The picture of `d` as bars of `Bars` (keys along x, or along y when `vertical`).
template <class Bars>
QImage render(const Data& d, bool vertical, double zoom = 1, QSize size = QSize(500, 300))
{
    QCustomPlot plot;
    plot.resize(size);
    QCPAxis* keyAxis = vertical ? plot.yAxis : plot.xAxis;
    QCPAxis* valueAxis = vertical ? plot.xAxis : plot.yAxis;
    auto* bars = new Bars(keyAxis, valueAxis);
    bars->setPen(Qt::NoPen);
    bars->setBrush(QColor(70, 130, 200, 230));
    bars->setWidth(0.8);
    bars->setData(d.keys, d.values, true);
    keyAxis->setRange(-0.5, d.keys.size() - 0.5);
    double top = 0;
    for (double v : d.values)
        top = std::max(top, v);
    valueAxis->setRange(0, top * 1.05 / zoom);
    plot.xAxis->grid()->setVisible(false);
    plot.yAxis->grid()->setVisible(false);
    return plot.toPixmap(size.width(), size.height()).toImage().convertToFormat(QImage::Format_RGB32);
}

int channelDiff(QRgb a, QRgb b)
{
    return std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)), std::abs(qBlue(a) - qBlue(b))});
}

}  // namespace

class TestPixelBars : public QObject
{
    Q_OBJECT
private slots:
    void looksLikeAntialiasedBars_data();
    void looksLikeAntialiasedBars();
    void everyBarIsDrawn();
    void fewBarsDrawAsQcpBars();
    void vectorOutputKeepsEveryBar();
};

void TestPixelBars::looksLikeAntialiasedBars_data()
{
    QTest::addColumn<bool>("vertical");
    QTest::addColumn<double>("zoom");
    QTest::newRow("keys along x") << false << 1.0;
    QTest::newRow("keys along y") << true << 1.0;
    QTest::newRow("bars far past the top") << false << 1e6;  // cut at the plot's edge, not a huge image
    QTest::newRow("bars far past the right") << true << 1e6;
}

void TestPixelBars::looksLikeAntialiasedBars()
{
    QFETCH(bool, vertical);
    QFETCH(double, zoom);
    const Data d = randomBars(2048, 7);
    const QImage a = render<QCPBars>(d, vertical, zoom), b = render<PixelBars>(d, vertical, zoom);
    QCOMPARE(a.size(), b.size());
    // Only the bars' value ends are rounded to whole pixels: few pixels differ, and by little.
    int changed = 0, worst = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const int c = channelDiff(a.pixel(x, y), b.pixel(x, y));
            worst = std::max(worst, c);
            changed += c > 25;
        }
    QVERIFY2(changed < a.width() * a.height() / 100, qPrintable(QString::number(changed)));
    QVERIFY2(worst < 110, qPrintable(QString::number(worst)));
}

void TestPixelBars::everyBarIsDrawn()
{
    // One tall bar among 2,048 near zero, at several keys: its pixel column reaches the top.
    for (int tall : {0, 1, 777, 1500, 2047}) {
        Data d = randomBars(2048, 3);
        for (double& v : d.values)
            v *= 1e-3;
        d.values[tall] = 1;
        const QImage a = render<QCPBars>(d, false), b = render<PixelBars>(d, false);
        // The rows near the top of the axis rect: only the tall bar is there, in both pictures.
        const QRgb background = b.pixel(b.width() / 2, 25);
        auto columnsWithBar = [&](const QImage& img) {
            QList<int> cols;
            for (int x = 0; x < img.width(); ++x)
                if (channelDiff(img.pixel(x, 40), background) > 8)
                    cols.push_back(x);
            return cols;
        };
        const QList<int> inA = columnsWithBar(a), inB = columnsWithBar(b);
        QVERIFY2(!inB.isEmpty(), qPrintable(QString::number(tall)));
        QCOMPARE(inB, inA);
    }
}

void TestPixelBars::fewBarsDrawAsQcpBars()
{
    const Data d = randomBars(150, 11);  // fewer than the axis rect has pixels either way
    QCOMPARE(render<PixelBars>(d, false), render<QCPBars>(d, false));
    QCOMPARE(render<PixelBars>(d, true), render<QCPBars>(d, true));
}

void TestPixelBars::vectorOutputKeepsEveryBar()
{
    // An SVG gets one rectangle per bar, as from QCPBars, not a picture of them.
    const Data d = randomBars(2048, 5);
    auto svgOf = [&d](QCPBars* bars) {
        QCustomPlot& plot = *bars->parentPlot();
        bars->setPen(Qt::NoPen);
        bars->setBrush(QColor(70, 130, 200));
        bars->setData(d.keys, d.values, true);
        plot.xAxis->setRange(-0.5, 2047.5);
        plot.yAxis->setRange(0, 10);
        QBuffer buffer;
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(QSize(500, 300));
        QCPPainter painter(&svg);
        plot.toPainter(&painter, 500, 300);
        painter.end();
        return buffer.data();
    };
    QCustomPlot a, b;
    a.resize(500, 300);
    b.resize(500, 300);
    const QByteArray plain = svgOf(new QCPBars(a.xAxis, a.yAxis));
    const QByteArray pixel = svgOf(new PixelBars(b.xAxis, b.yAxis));
    QVERIFY(!pixel.contains("<image"));
    QCOMPARE(pixel, plain);
}

QTEST_MAIN(TestPixelBars)
#include "test_pixel_bars.moc"
