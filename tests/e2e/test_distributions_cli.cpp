// The built aimathlab binary on the distributions tab, headless: --export-data
// with several --set values checked field by field against values worked out
// here by hand (closed forms), every view as an image, and bad input.

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
#include <numbers>

class TestDistributionsCli : public QObject {
    Q_OBJECT

    using Run = aimath::test::ProcessResult;

    Run run(const QStringList& args, int timeoutMs = 120000)
    {
        return aimath::test::runProcess(QStringLiteral(AIMATHLAB_BIN), QStringList{QStringLiteral("--tab"), QStringLiteral("distributions")} + args,
                                        aimath::test::noDisplay(m_dir.filePath(QStringLiteral("config"))).timeout(timeoutMs));
    }

    QJsonObject exportWith(const QStringList& sets, const QString& name)
    {
        QStringList args;
        for (const QString& s : sets)
            args << QStringLiteral("--set") << s;
        const QString out = path(name);
        args << QStringLiteral("--export-data") << out;
        const Run r = run(args);
        if (r.code != 0) {
            qWarning() << "exit" << r.code << r.err;
            return {};
        }
        QFile f(out);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;

    static bool near(double a, double b, double tol = 1e-12) { return std::fabs(a - b) <= tol * std::max(1.0, std::fabs(b)); }

private slots:
    void listParamsHasEveryKey()
    {
        const Run r = run({QStringLiteral("--list-params")});
        QCOMPARE(r.code, 0);
        for (const char* side : {"p", "q"})
            for (const char* f : {"family", "mu", "sigma", "mu2", "sigma2", "w", "scale", "low", "high", "lambda", "alpha", "beta", "p", "n", "probs"})
                QVERIFY2(r.out.contains(QStringLiteral("\n%1_%2\t").arg(QLatin1String(side), QLatin1String(f))), f);
        for (const char* k : {"units", "fit", "samples", "seed", "prior_alpha", "prior_beta", "tokens", "logits", "temperature", "top_k", "top_p",
                              "min_p", "draws", "joint", "joint_rows", "joint_cols"})
            QVERIFY2(r.out.contains(QStringLiteral("\n%1\t").arg(QLatin1String(k))), k);
    }

    void gaussianPairFieldByField()
    {
        const QJsonObject o = exportWith({"p_family=gaussian", "p_mu=0", "p_sigma=1", "q_family=gaussian", "q_mu=1", "q_sigma=2"}, "gauss.json");
        QCOMPARE(o["tab"].toString(), QStringLiteral("distributions"));
        const QJsonObject p = o["p"].toObject(), q = o["q"].toObject();
        QCOMPARE(p["family"].toString(), QStringLiteral("gaussian"));
        QCOMPARE(p["params"].toObject()["mu"].toDouble(), 0.0);
        QCOMPARE(p["params"].toObject()["sigma"].toDouble(), 1.0);
        QCOMPARE(q["params"].toObject()["sigma"].toDouble(), 2.0);
        QCOMPARE(p["params"].toObject().size(), 2);  // only the family's own parameters
        const double ln2 = std::numbers::ln2, pi = std::numbers::pi;
        // H(N(0,1)) = ½ ln(2πe); H(N(1,4)) = ½ ln(2πe·4).
        QVERIFY(near(p["entropy_nats"].toDouble(), 0.5 * std::log(2 * pi * std::numbers::e)));
        QVERIFY(near(q["entropy_nats"].toDouble(), 0.5 * std::log(8 * pi * std::numbers::e)));
        QCOMPARE(q["mean"].toDouble(), 1.0);
        QCOMPARE(q["variance"].toDouble(), 4.0);
        // KL(P‖Q) = ln 2 + (1 + 1)/8 − ½ = ln 2 − ¼; KL(Q‖P) = −ln 2 + (4 + 1)/2 − ½ = 2 − ln 2.
        QVERIFY(near(o["kl_pq_nats"].toDouble(), ln2 - 0.25));
        QVERIFY(near(o["kl_qp_nats"].toDouble(), 2 - ln2));
        QVERIFY(near(o["cross_entropy_nats"].toDouble(), 0.5 * std::log(8 * pi) + 0.25));
        const double js = o["js_nats"].toDouble();
        QVERIFY(js > 0 && js < ln2);
    }

    void infiniteKlIsTheStringInf()
    {
        const QJsonObject o = exportWith({"p_family=gaussian", "q_family=uniform", "q_low=-1", "q_high=1"}, "inf.json");
        QCOMPARE(o["kl_pq_nats"].toString(), QStringLiteral("inf"));
        QCOMPARE(o["cross_entropy_nats"].toString(), QStringLiteral("inf"));
        QVERIFY(o["kl_qp_nats"].isDouble());
        QVERIFY(o["js_nats"].isDouble());
    }

    void fairCoinWithBayes()
    {
        // q_family stays the default (gaussian), which is continuous: Q follows P's kind (bernoulli, q_p = 0.5).
        const QJsonObject o = exportWith({"p_family=bernoulli", "p_p=0.5", "samples=400", "seed=7", "prior_alpha=3", "prior_beta=1.5"}, "coin.json");
        QVERIFY(near(o["p"].toObject()["entropy_nats"].toDouble(), std::numbers::ln2));
        QCOMPARE(o["q"].toObject()["family"].toString(), QStringLiteral("bernoulli"));
        QCOMPARE(o["kl_pq_nats"].toDouble(), 0.0);
        const QJsonObject s = o["samples"].toObject();
        QCOMPARE(s["n"].toDouble(), 400.0);
        const QJsonObject b = s["bayes"].toObject();
        const double k = b["k"].toDouble();
        QVERIFY(k > 150 && k < 250);
        QVERIFY(near(s["mean"].toDouble(), k / 400));
        // Unbiased variance of k ones among n: k(n − k)/(n(n − 1)).
        QVERIFY(near(s["variance"].toDouble(), k * (400 - k) / (400.0 * 399.0), 1e-12));
        QCOMPARE(b["posterior_alpha"].toDouble(), 3 + k);
        QCOMPARE(b["posterior_beta"].toDouble(), 1.5 + 400 - k);
        QVERIFY(near(b["mle"].toDouble(), k / 400));
        QVERIFY(near(b["map"].toDouble(), (k + 2) / (400 + 2.5)));
        QVERIFY(near(s["mle"].toObject()["p"].toDouble(), k / 400));
    }

    void decodingFieldByField()
    {
        // Logits ln 5, ln 3, ln 1, ln 1 → probs 0.5, 0.3, 0.1, 0.1; top_p = 0.8 keeps two, renormalised to ⅝, ⅜.
        const QJsonObject o = exportWith({"tokens=a,b,c,d", QStringLiteral("logits=%1,%2,0,0").arg(std::log(5.0), 0, 'g', 17).arg(std::log(3.0), 0, 'g', 17),
                                          "top_p=0.8", "temperature=1"},
                                         "decode.json");
        const QJsonObject d = o["decoding"].toObject();
        QCOMPARE(d["tokens"].toArray().size(), 4);
        const QJsonArray probs = d["probs"].toArray(), fin = d["final_probs"].toArray(), kept = d["kept"].toArray();
        QVERIFY(near(probs[0].toDouble(), 0.5) && near(probs[1].toDouble(), 0.3) && near(probs[3].toDouble(), 0.1));
        QVERIFY(near(fin[0].toDouble(), 0.625) && near(fin[1].toDouble(), 0.375));
        QCOMPARE(fin[2].toDouble(), 0.0);
        QCOMPARE(kept[1].toBool(), true);
        QCOMPARE(kept[2].toBool(), false);
        const double h = -(0.625 * std::log(0.625) + 0.375 * std::log(0.375));
        QVERIFY(near(d["entropy_nats"].toDouble(), h));
        QVERIFY(near(d["perplexity"].toDouble(), std::exp(h)));
        // Extreme temperature stays finite.
        const QJsonObject e = exportWith({"tokens=x,y,z", "logits=100,-100,99", "temperature=0.05", "top_p=1"}, "cold.json");
        const QJsonArray ep = e["decoding"].toObject()["probs"].toArray();
        QVERIFY(near(ep[0].toDouble(), 1 / (1 + std::exp(-20.0))));
        QCOMPARE(ep[1].toDouble(), 0.0);
    }

    void jointFieldByField()
    {
        const QJsonObject o = exportWith({"joint_rows=2", "joint_cols=2", "joint=1,0,0,1"}, "joint.json");
        const QJsonObject j = o["joint"].toObject();
        const double ln2 = std::numbers::ln2;
        QVERIFY(near(j["h_x_nats"].toDouble(), ln2));
        QVERIFY(near(j["h_y_nats"].toDouble(), ln2));
        QVERIFY(near(j["h_xy_nats"].toDouble(), ln2));
        QCOMPARE(j["h_x_given_y_nats"].toDouble(), 0.0);
        QCOMPARE(j["h_y_given_x_nats"].toDouble(), 0.0);
        QVERIFY(near(j["mi_nats"].toDouble(), ln2));
    }

    void constraintsAreCheckedAfterAllSets()
    {
        // low is raised above the default high first; fine once high follows.
        const QJsonObject o = exportWith({"p_family=uniform", "p_low=3", "p_high=5", "q_family=uniform", "q_low=2", "q_high=6"}, "order.json");
        QVERIFY(near(o["kl_pq_nats"].toDouble(), std::log(2.0)));  // ln((6 − 2)/(5 − 3))
    }

    void everyViewExportsAnImage_data()
    {
        QTest::addColumn<QString>("view");
        for (const char* v : {"compare", "sampling", "decoding", "joint"})
            QTest::newRow(v) << QString::fromLatin1(v);
    }
    void everyViewExportsAnImage()
    {
        QFETCH(QString, view);
        const QString png = path(view + QStringLiteral(".png"));
        const Run r = run({QStringLiteral("--set"), QStringLiteral("view=") + view, QStringLiteral("--set"), QStringLiteral("p_family=bernoulli"),
                           QStringLiteral("--export-image"), png, QStringLiteral("--size"), QStringLiteral("900x600")});
        QCOMPARE(r.code, 0);
        QImage img(png);
        QCOMPARE(img.size(), QSize(900, 600));
        // Not a flat colour: count distinct colours in a coarse sample.
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 7)
            for (int x = 0; x < img.width(); x += 7)
                colours.insert(img.pixel(x, y));
        QVERIFY(colours.size() > 10);
    }

    void svgAndPdf()
    {
        const QString svg = path(QStringLiteral("c.svg")), pdf = path(QStringLiteral("c.pdf"));
        QCOMPARE(run({QStringLiteral("--export-image"), svg}).code, 0);
        QCOMPARE(run({QStringLiteral("--export-image"), pdf}).code, 0);
        QFile s(svg);
        QVERIFY(s.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&s);
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly));
        QVERIFY(p.read(4) == "%PDF");
    }

    void badInputExitsTwoNamingTheKey_data()
    {
        QTest::addColumn<QStringList>("sets");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("hint");
        QTest::newRow("probability > 1") << QStringList{"p_p=1.5"} << "p_p" << "[0, 1]";
        QTest::newRow("negative probability") << QStringList{"top_p=-0.1"} << "top_p" << "[0, 1]";
        QTest::newRow("sigma 0") << QStringList{"q_sigma=0"} << "q_sigma" << "[0.05, 10]";
        QTest::newRow("logits length") << QStringList{"logits=1,2,3"} << "logits" << "tokens";
        QTest::newRow("all-zero probs") << QStringList{"p_probs=0,0,0"} << "p_probs" << "zero";
        QTest::newRow("all-zero joint") << QStringList{"joint=0,0,0,0,0,0,0,0,0"} << "joint" << "zero";
        QTest::newRow("joint length") << QStringList{"joint_rows=2"} << "joint" << "joint_rows";
        QTest::newRow("low >= high") << QStringList{"q_low=2", "q_high=2"} << "q_high" << "q_low";
        QTest::newRow("unknown family") << QStringList{"p_family=cauchy"} << "p_family" << "gaussian";
        QTest::newRow("nan") << QStringList{"p_mu=nan"} << "p_mu" << "";
    }
    void badInputExitsTwoNamingTheKey()
    {
        QFETCH(QStringList, sets);
        QFETCH(QString, key);
        QFETCH(QString, hint);
        QStringList args;
        for (const QString& s : sets)
            args << QStringLiteral("--set") << s;
        const QString out = path(QStringLiteral("bad.json"));
        QFile::remove(out);
        args << QStringLiteral("--export-data") << out;
        const Run r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(key), qPrintable(r.err));
        QVERIFY2(r.err.contains(hint), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestDistributionsCli)
#include "test_distributions_cli.moc"
