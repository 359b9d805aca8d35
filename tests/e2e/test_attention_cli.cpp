// End-to-end: the built aimathlab binary exports the attention tab headlessly,
// and the numbers it writes satisfy their definitions when recomputed from the
// file alone (softmax of the scores, entropy of the weights, O = A V).

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "tests/support/run_process.h"

#include <cmath>

namespace {

using Run = aimath::test::ProcessResult;

Run runApp(const QStringList& args)
{
    return aimath::test::runProcess(QStringLiteral(AIMATHLAB_BIN), args, aimath::test::offscreen().timeout(300000));
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

bool notFlat(const QImage& img)
{
    const QRgb first = img.pixel(0, 0);
    for (int y = 0; y < img.height(); y += 7)
        for (int x = 0; x < img.width(); x += 7)
            if (img.pixel(x, y) != first)
                return true;
    return false;
}

double num(const QJsonValue& v)
{
    if (v.isString()) {
        const QString s = v.toString();
        if (s == "-inf")
            return -INFINITY;
        if (s == "inf")
            return INFINITY;
        return NAN;
    }
    return v.toDouble();
}

}  // namespace

class TestAttentionCli : public QObject {
    Q_OBJECT
private slots:
    void listsParams();
    void exportsPngAndJson();
    void exportedNumbersMatchDefinitions();
    void everyViewExports_data();
    void everyViewExports();
    void pdfAndSvg();
    void longSequenceWritesSelectedHeadOnly();
    void badInput_data();
    void badInput();
};

void TestAttentionCli::listsParams()
{
    const Run r = runApp({"--tab", "attention", "--list-params"});
    QCOMPARE(r.code, 0);
    for (const char* key : {"text", "seq_len", "d_model", "heads", "temperature", "mask", "manual_q", "positional", "vectors"})
        QVERIFY2(r.out.contains(QStringLiteral("\n%1\t").arg(key)) || r.out.startsWith(QStringLiteral("%1\t").arg(key)), key);
}

void TestAttentionCli::exportsPngAndJson()
{
    QTemporaryDir dir;
    const QString png = dir.filePath("a.png"), js = dir.filePath("a.json");
    const Run r = runApp({"--tab", "attention", "--size", "900x600", "--scale", "2", "--export-image", png, "--export-data", js});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QImage img(png);
    QCOMPARE(img.size(), QSize(1800, 1200));
    QVERIFY(notFlat(img));
    const QJsonObject o = readJson(js);
    QCOMPARE(o.value("tab").toString(), QStringLiteral("attention"));
    QCOMPARE(o.value("tokens").toArray().size(), 12);
    QCOMPARE(o.value("tokens").toArray()[2].toString(), QStringLiteral("didn't"));
    QCOMPARE(o.value("heads").toInt(), 4);
    QCOMPARE(o.value("heads_data").toArray().size(), 4);
}

void TestAttentionCli::exportedNumbersMatchDefinitions()
{
    QTemporaryDir dir;
    const QString js = dir.filePath("b.json");
    const Run r = runApp({"--tab", "attention", "--set", "mask=causal", "--set", "qk_mode=projected", "--set", "temperature=0.7",
                          "--set", "text=a b c a d", "--set", "heads=2", "--set", "d_model=8", "--export-data", js});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = readJson(js);
    QCOMPARE(o.value("d_k").toInt(), 4);
    QCOMPARE(o.value("mask").toString(), QStringLiteral("causal"));
    const QJsonArray heads = o.value("heads_data").toArray();
    QCOMPARE(heads.size(), 2);
    const int n = 5, dk = 4;
    QVector<QVector<double>> concat(n, QVector<double>(2 * dk));
    for (int h = 0; h < 2; ++h) {
        const QJsonObject ho = heads[h].toObject();
        const QJsonArray q = ho["q"].toArray(), k = ho["k"].toArray(), v = ho["v"].toArray();
        const QJsonArray s = ho["scores"].toArray(), w = ho["weights"].toArray(), out = ho["output"].toArray();
        for (int i = 0; i < n; ++i) {
            // S_ij = q_i·k_j / √d_k / T, −inf above the diagonal.
            double z = 0, m = -INFINITY;
            for (int j = 0; j < n; ++j) {
                double dot = 0;
                for (int c = 0; c < dk; ++c)
                    dot += q[i].toArray()[c].toDouble() * k[j].toArray()[c].toDouble();
                const double sij = num(s[i].toArray()[j]);
                if (j > i) {
                    QCOMPARE(s[i].toArray()[j].toString(), QStringLiteral("-inf"));
                } else {
                    QVERIFY(std::fabs(sij - dot / 2.0 / 0.7) <= 1e-12 * (1 + std::fabs(sij)));
                    m = std::max(m, sij);
                }
            }
            for (int j = 0; j <= i; ++j)
                z += std::exp(num(s[i].toArray()[j]) - m);
            double H = 0, sum = 0;
            for (int j = 0; j < n; ++j) {
                const double a = w[i].toArray()[j].toDouble();
                const double expect = j > i ? 0.0 : std::exp(num(s[i].toArray()[j]) - m) / z;
                QVERIFY(std::fabs(a - expect) <= 1e-14);
                sum += a;
                if (a > 0)
                    H -= a * std::log(a);
            }
            QVERIFY(std::fabs(sum - 1.0) <= 1e-14);
            QVERIFY(std::fabs(ho["row_entropy_nats"].toArray()[i].toDouble() - H) <= 1e-12);
            for (int c = 0; c < dk; ++c) {
                double o_ic = 0;
                for (int j = 0; j < n; ++j)
                    o_ic += w[i].toArray()[j].toDouble() * v[j].toArray()[c].toDouble();
                QVERIFY(std::fabs(out[i].toArray()[c].toDouble() - o_ic) <= 1e-13);
                concat[i][h * dk + c] = o_ic;
            }
        }
        // Row 0 sees only itself: weight 1, entropy 0.
        QCOMPARE(w[0].toArray()[0].toDouble(), 1.0);
    }
    // Tokens 0 and 3 are both "a": same hashed vector, so under the causal mask their
    // scores against key 0 are equal (same q, same k).
    const QJsonArray s0 = heads[0].toObject()["scores"].toArray();
    QCOMPARE(s0[3].toArray()[0].toDouble(), s0[0].toArray()[0].toDouble());
    QCOMPARE(o.value("output").toArray().size(), n);
    QCOMPARE(o.value("output").toArray()[0].toArray().size(), 8);
}

void TestAttentionCli::everyViewExports_data()
{
    QTest::addColumn<QStringList>("sets");
    QTest::newRow("heads") << QStringList{"view=heads"};
    QTest::newRow("matrices") << QStringList{"view=matrices"};
    QTest::newRow("sqrt_d") << QStringList{"view=sqrt_d"};
    QTest::newRow("toy") << QStringList{"source=manual", "manual_q=1,0,0,1", "manual_k=1,0,0,1", "manual_v=1,0,0,1"};
    QTest::newRow("rope scores") << QStringList{"positional=rope", "show=scores", "mask=causal"};
}

void TestAttentionCli::everyViewExports()
{
    QFETCH(QStringList, sets);
    QTemporaryDir dir;
    const QString png = dir.filePath("v.png");
    QStringList args{"--tab", "attention", "--export-image", png};
    for (const QString& s : sets)
        args << "--set" << s;
    const Run r = runApp(args);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QImage img(png);
    QCOMPARE(img.size(), QSize(1600, 1000));
    QVERIFY(notFlat(img));
}

void TestAttentionCli::pdfAndSvg()
{
    QTemporaryDir dir;
    const QString pdf = dir.filePath("a.pdf"), svg = dir.filePath("a.svg");
    QCOMPARE(runApp({"--tab", "attention", "--export-image", pdf}).code, 0);
    QFile f(pdf);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.read(4) == "%PDF");
    QCOMPARE(runApp({"--tab", "attention", "--export-image", svg}).code, 0);
    QFile g(svg);
    QVERIFY(g.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&g);
    int elements = 0;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement)
            ++elements;
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(elements > 10);
}

void TestAttentionCli::longSequenceWritesSelectedHeadOnly()
{
    QTemporaryDir dir;
    const QString js = dir.filePath("long.json"), png = dir.filePath("long.png");
    const Run r = runApp({"--tab", "attention", "--set", "source=random", "--set", "seq_len=600", "--set", "head=3",
                          "--export-data", js, "--export-image", png});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = readJson(js);
    QCOMPARE(o.value("tokens").toArray().size(), 600);
    const QJsonArray heads = o.value("heads_data").toArray();
    QCOMPARE(heads.size(), 1);
    QCOMPARE(heads[0].toObject()["head"].toInt(), 3);
    const QJsonArray w = heads[0].toObject()["weights"].toArray();
    QCOMPARE(w.size(), 600);
    double sum = 0;
    for (const auto& x : w[599].toArray())
        sum += x.toDouble();
    QVERIFY(std::fabs(sum - 1.0) < 1e-13);
    QVERIFY(notFlat(QImage(png)));
}

void TestAttentionCli::badInput_data()
{
    QTest::addColumn<QStringList>("sets");
    QTest::addColumn<QString>("key");
    QString many;
    for (int i = 0; i < 300; ++i)
        many += QStringLiteral("w, ");
    QTest::newRow("empty text") << QStringList{"text=  "} << "text";
    QTest::newRow("too many tokens") << QStringList{"text=" + many} << "text";
    QTest::newRow("heads do not divide") << QStringList{"heads=5"} << "heads";
    QTest::newRow("manual_k length") << QStringList{"source=manual", "manual_k=1,2,3,4,5,6,7,8"} << "manual_k";
    QTest::newRow("odd manual_q") << QStringList{"source=manual", "manual_q=1,2,3,4,5"} << "manual_q";
    QTest::newRow("manual_v length") << QStringList{"manual_v=1,0,0,1", "source=manual"} << "manual_v";
    QTest::newRow("pad hides all") << QStringList{"pad=12", "mask=padding"} << "pad";
    QTest::newRow("seq_len too long") << QStringList{"seq_len=5000"} << "seq_len";
    QTest::newRow("temperature out of range") << QStringList{"temperature=0"} << "temperature";
}

void TestAttentionCli::badInput()
{
    QFETCH(QStringList, sets);
    QFETCH(QString, key);
    QTemporaryDir dir;
    const QString png = dir.filePath("bad.png"), js = dir.filePath("bad.json");
    QStringList args{"--tab", "attention", "--export-image", png, "--export-data", js};
    for (const QString& s : sets)
        args << "--set" << s;
    const Run r = runApp(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(key + ": "), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count('\n'), 0);  // one line
    QVERIFY(!QFile::exists(png));
    QVERIFY(!QFile::exists(js));
}

QTEST_GUILESS_MAIN(TestAttentionCli)
#include "test_attention_cli.moc"
