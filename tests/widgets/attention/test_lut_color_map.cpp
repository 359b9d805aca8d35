// LutColorMap: QCPColorMap whose cells are coloured from a table read from the gradient. The oracle
// is QCustomPlot itself: QCPColorGradient::colorize on the same values, and the picture a plain
// QCPColorMap draws of the same cells.
#include "widgets/attention/lut_color_map.h"
#include "widgets/common/palette.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using aimath::LutColorMap;

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

QCPColorGradient withNan(QCPColorGradient g, QCPColorGradient::NanHandling h = QCPColorGradient::nhNanColor)
{
    g.setNanHandling(h);
    g.setNanColor(QColor(190, 190, 190));
    return g;
}

/// Values that probe colorize's index arithmetic: random within and around the range, every level's
/// edges (exactly on them and one ulp either side), the range's ends, NaN, ±∞, ±huge, ±0, subnormals.
std::vector<double> probes(const QCPRange& r, int levels, unsigned seed)
{
    std::vector<double> v;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(r.lower - 0.3 * r.size(), r.upper + 0.3 * r.size());
    for (int i = 0; i < 5000; ++i)
        v.push_back(u(rng));
    for (int k = 0; k <= levels; ++k) {
        const double edge = r.lower + k * r.size() / (levels - 1);
        v.push_back(edge);
        v.push_back(std::nextafter(edge, kInf));
        v.push_back(std::nextafter(edge, -kInf));
    }
    for (double x : {r.lower, r.upper, kNan, kInf, -kInf, 1e300, -1e300, 1e10, -1e10, 0.0, -0.0, 5e-324, -5e-324,
                     std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest()})
        v.push_back(x);
    return v;
}

/// The same cells drawn by a plain QCPColorMap and by LutColorMap, as a matrix heatmap (row 0 on top).
template <class Map>
QImage render(const std::vector<double>& cells, int cols, int rows, const QCPRange& range, const QCPColorGradient& gradient)
{
    QCustomPlot plot;
    plot.resize(700, 560);
    plot.yAxis->setRangeReversed(true);
    auto* map = new Map(plot.xAxis, plot.yAxis);
    map->setInterpolate(false);
    map->setTightBoundary(false);
    map->setGradient(gradient);
    map->data()->setSize(cols, rows);
    map->data()->setRange(QCPRange(0, cols - 1), QCPRange(0, rows - 1));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            map->data()->setCell(c, r, cells[static_cast<std::size_t>(r * cols + c)]);
    map->setDataRange(range);
    plot.xAxis->setRange(-0.5, cols - 0.5);
    plot.yAxis->setRange(-0.5, rows - 0.5);
    plot.replot();
    return plot.toPixmap().toImage();
}

}  // namespace

class TestLutColorMap : public QObject {
    Q_OBJECT
private slots:
    void sameColoursAsColorize_data();
    void sameColoursAsColorize();
    void samePictureAsQcpColorMap_data();
    void samePictureAsQcpColorMap();
    void uncoveredGradientsAreLeftToQcp();
};

void TestLutColorMap::sameColoursAsColorize_data()
{
    QTest::addColumn<QCPColorGradient>("gradient");
    QTest::addColumn<QCPRange>("range");
    QTest::newRow("weights 0..1") << withNan(aimath::palette::viridis()) << QCPRange(0, 1);
    QTest::newRow("block means 0..max") << withNan(aimath::palette::viridis()) << QCPRange(0, 3.7e-4);
    QTest::newRow("scores, signed") << withNan(aimath::palette::diverging()) << QCPRange(-41.5, 17.25);
    QTest::newRow("tiny range") << withNan(aimath::palette::viridis()) << QCPRange(1.0, 1.0 + 1e-12);
    QTest::newRow("empty range") << withNan(aimath::palette::viridis()) << QCPRange(0.5, 0.5);
    QTest::newRow("huge range") << withNan(aimath::palette::diverging()) << QCPRange(-1e300, 1e300);
    QTest::newRow("NaN lowest colour") << withNan(aimath::palette::viridis(), QCPColorGradient::nhLowestColor) << QCPRange(0, 1);
    QTest::newRow("NaN transparent") << withNan(aimath::palette::viridis(), QCPColorGradient::nhTransparent) << QCPRange(0, 1);
    QCPColorGradient few = withNan(aimath::palette::viridis());
    few.setLevelCount(7);
    QTest::newRow("7 levels") << few << QCPRange(-1, 2);
    QTest::newRow("QCP gpHot, 350 levels") << withNan(QCPColorGradient(QCPColorGradient::gpHot)) << QCPRange(2, 9);
}

void TestLutColorMap::sameColoursAsColorize()
{
    QFETCH(QCPColorGradient, gradient);
    QFETCH(QCPRange, range);
    const std::vector<double> v = probes(range, gradient.levelCount(), 7);
    const int n = static_cast<int>(v.size());
    std::vector<QRgb> expected(v.size(), 0x12345678), got(v.size(), 0x9abcdef0);
    QCPColorGradient g = gradient;
    g.colorize(v.data(), range, expected.data(), n);
    QVERIFY(LutColorMap::colorizeLinear(gradient, v.data(), range, got.data(), n));
    int differ = 0;
    for (int i = 0; i < n; ++i)
        if (expected[static_cast<std::size_t>(i)] != got[static_cast<std::size_t>(i)] && differ++ < 5)
            qWarning("value %.17g: colorize %08x, table %08x", v[static_cast<std::size_t>(i)], expected[static_cast<std::size_t>(i)],
                     got[static_cast<std::size_t>(i)]);
    QCOMPARE(differ, 0);
}

void TestLutColorMap::samePictureAsQcpColorMap_data()
{
    QTest::addColumn<int>("cols");
    QTest::addColumn<int>("rows");
    QTest::addColumn<bool>("signedScores");
    QTest::newRow("512 x 512 weights") << 512 << 512 << false;
    QTest::newRow("300 x 130 scores with NaN") << 300 << 130 << true;
    QTest::newRow("101 x 101 (smallest not oversampled)") << 101 << 101 << false;
    QTest::newRow("12 x 12 (oversampled: QCP's own)") << 12 << 12 << false;
    QTest::newRow("683 x 40 (oversampled rows: QCP's own)") << 683 << 40 << true;
}

void TestLutColorMap::samePictureAsQcpColorMap()
{
    QFETCH(int, cols);
    QFETCH(int, rows);
    QFETCH(bool, signedScores);
    std::mt19937_64 rng(11);
    std::exponential_distribution<double> e(3.0);
    std::normal_distribution<double> g(0.0, 4.0);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<double> cells(static_cast<std::size_t>(rows * cols));
    double lo = kInf, hi = -kInf;
    for (double& c : cells) {
        c = signedScores ? (u(rng) < 0.1 ? kNan : g(rng)) : e(rng) * 1e-3;
        if (c == c) {
            lo = std::min(lo, c);
            hi = std::max(hi, c);
        }
    }
    const QCPRange range = signedScores ? QCPRange(lo, hi) : QCPRange(0, hi);
    const QCPColorGradient gradient = withNan(signedScores ? aimath::palette::diverging() : aimath::palette::viridis());
    const QImage plain = render<QCPColorMap>(cells, cols, rows, range, gradient);
    const QImage table = render<LutColorMap>(cells, cols, rows, range, gradient);
    QVERIFY(!plain.isNull());
    QCOMPARE(table.size(), plain.size());
    QVERIFY(table == plain);
    // And the picture is not trivially equal: it has the gradient's spread of colours in it.
    QSet<QRgb> colours;
    for (int y = 0; y < plain.height(); y += 3)
        for (int x = 0; x < plain.width(); x += 3)
            colours.insert(plain.pixel(x, y));
    QVERIFY(colours.size() > 40);
}

void TestLutColorMap::uncoveredGradientsAreLeftToQcp()
{
    const double v[3] = {0.1, kNan, 0.9};
    QRgb out[3] = {1, 2, 3};
    QCPColorGradient periodic = withNan(aimath::palette::viridis());
    periodic.setPeriodic(true);
    QVERIFY(!LutColorMap::colorizeLinear(periodic, v, QCPRange(0, 1), out, 3));
    QVERIFY(!LutColorMap::colorizeLinear(withNan(aimath::palette::viridis(), QCPColorGradient::nhNone), v, QCPRange(0, 1), out, 3));
    QCOMPARE(out[0], QRgb(1));
    // A periodic gradient drawn through LutColorMap still gives QCPColorMap's picture (its own code).
    std::vector<double> cells(200 * 150);
    for (std::size_t i = 0; i < cells.size(); ++i)
        cells[i] = std::sin(0.01 * static_cast<double>(i)) * 3;
    QVERIFY(render<LutColorMap>(cells, 200, 150, QCPRange(-1, 1), periodic) == render<QCPColorMap>(cells, 200, 150, QCPRange(-1, 1), periodic));
}

QTEST_MAIN(TestLutColorMap)
#include "test_lut_color_map.moc"
