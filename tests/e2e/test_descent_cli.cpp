// End-to-end: the built aimathlab binary renders the descent tab headlessly, the
// exported trajectories follow the update rules when replayed from the file
// alone, and bad input (a parse error in the expression, values out of range)
// exits with code 2 and a one-line message.
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
}  // namespace

class TestDescentCli : public QObject {
    Q_OBJECT
private slots:
    void listsParams()
    {
        const Run r = runApp({"--tab", "descent", "--list-params"});
        QCOMPARE(r.code, 0);
        for (const char* key : {"surface", "expression", "optimizers", "lr_adamw", "start_x", "steps", "clip_norm", "schedule", "grid", "time", "azimuth"})
            QVERIFY2(r.out.contains(QStringLiteral("\n%1\t").arg(key)) || r.out.startsWith(QStringLiteral("%1\t").arg(key)), key);
    }

    void exportsImagesOfBothViews_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("view");
        QTest::newRow("map png") << "map.png" << "map";
        QTest::newRow("3d png") << "view3d.png" << "3d";
        QTest::newRow("map pdf") << "map.pdf" << "map";
        QTest::newRow("map svg") << "map.svg" << "map";
    }
    void exportsImagesOfBothViews()
    {
        QFETCH(QString, file);
        QFETCH(QString, view);
        QTemporaryDir dir;
        const QString path = dir.filePath(file);
        const Run r = runApp({"--tab", "descent", "--set", "view=" + view, "--set", "show_field=true", "--set", "show_taylor=true",
                              "--export-image", path, "--size", "1200x800"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        if (file.endsWith(".png")) {
            QImage img;
            QVERIFY(img.loadFromData(bytes));
            QCOMPARE(img.size(), QSize(1200, 800));
            QVERIFY(notFlat(img));
        } else if (file.endsWith(".pdf")) {
            QVERIFY(bytes.startsWith("%PDF"));
        } else {
            QXmlStreamReader xml(bytes);
            while (!xml.atEnd())
                xml.readNext();
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        }
    }

    // Replays SGD and momentum from the exported points alone on the quadratic, whose gradient is known in
    // closed form: θ_{t+1} = θ_t − lr·g_t (SGD) and b_t = μ b_{t−1} + g_t, θ_{t+1} = θ_t − lr·b_t (momentum).
    void exportedRunsFollowTheRules()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath("d.json");
        const Run r = runApp({"--tab", "descent", "--set", "surface=quadratic", "--set", "condition=10", "--set", "angle=0",
                              "--set", "optimizers=sgd,momentum,adam", "--set", "lr_sgd=0.05", "--set", "lr_momentum=0.05",
                              "--set", "start_x=1", "--set", "start_y=1", "--set", "steps=30", "--export-data", json});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = readJson(json);
        QCOMPARE(o.value("tab").toString(), QStringLiteral("descent"));
        QCOMPARE(o.value("surface").toString(), QStringLiteral("quadratic"));
        const QJsonArray runs = o.value("trajectories").toArray();
        QCOMPARE(runs.size(), 3);
        for (int k = 0; k < 2; ++k) {
            const QJsonObject run = runs.at(k).toObject();
            const QJsonArray pts = run.value("points").toArray();
            QCOMPARE(pts.size(), 31);
            QVERIFY(!run.value("diverged").toBool());
            QVERIFY(run.value("diverged_at").isNull());
            double bx = 0, by = 0;
            for (int t = 0; t + 1 < pts.size(); ++t) {
                const QJsonArray p = pts.at(t).toArray(), q = pts.at(t + 1).toArray();
                const double gx = p.at(0).toDouble(), gy = 10 * p.at(1).toDouble();
                // f = ½(x² + 10y²) at each exported point.
                const double f = 0.5 * (p.at(0).toDouble() * p.at(0).toDouble() + 10 * p.at(1).toDouble() * p.at(1).toDouble());
                QVERIFY(std::fabs(p.at(2).toDouble() - f) <= 1e-15 * (1 + f));
                double sx = gx, sy = gy;
                if (k == 1) {
                    bx = t == 0 ? gx : 0.9 * bx + gx;
                    by = t == 0 ? gy : 0.9 * by + gy;
                    sx = bx;
                    sy = by;
                }
                QVERIFY(std::fabs(q.at(0).toDouble() - (p.at(0).toDouble() - 0.05 * sx)) <= 1e-15);
                QVERIFY(std::fabs(q.at(1).toDouble() - (p.at(1).toDouble() - 0.05 * sy)) <= 1e-15);
            }
        }
        // The CSV holds the same rows with a header.
        const QString csvPath = dir.filePath("d.csv");
        const Run c = runApp({"--tab", "descent", "--set", "steps=10", "--export-data", csvPath});
        QVERIFY2(c.code == 0, qPrintable(c.err));
        QFile f(csvPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("optimizer,lr,step,x,y,f,grad_norm"));
        QCOMPARE(lines.size(), 1 + 3 * 11);
        const QStringList first = lines.at(1).split(',');
        QCOMPARE(first.size(), 7);
        QCOMPARE(first.mid(0, 5), (QStringList{"sgd", "0.001", "0", "-1.2", "1"}));
        // Rosenbrock at (−1.2, 1): f = 2.2² + 100·0.44² = 24.2, ∇f = (−215.6, −88).
        QVERIFY(std::fabs(first.at(5).toDouble() - 24.2) < 1e-12);
        QVERIFY(std::fabs(first.at(6).toDouble() - std::hypot(215.6, 88.0)) < 1e-11);
    }

    void divergedRunIsMarked()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath("d.json");
        // SGD on ½(x² + 10y²) with lr 0.25 > 2/10: |1 − 2.5| = 1.5 per step in y.
        const Run r = runApp({"--tab", "descent", "--set", "surface=quadratic", "--set", "angle=0", "--set", "optimizers=sgd",
                              "--set", "lr_sgd=0.25", "--set", "start_x=1", "--set", "start_y=1", "--set", "steps=1000", "--export-data", json});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject run = readJson(json).value("trajectories").toArray().at(0).toObject();
        QVERIFY(run.value("diverged").toBool());
        // f ≈ 5·2.25ᵗ passes 1e12 first at t = ⌈log(2e11)/log(2.25)⌉ = 33.
        QCOMPARE(run.value("diverged_at").toInt(), 33);
        QCOMPARE(run.value("points").toArray().size(), 33);
        for (const auto& p : run.value("points").toArray())
            for (const auto& v : p.toArray())
                QVERIFY(v.isDouble() && std::isfinite(v.toDouble()));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("sets");
        QTest::addColumn<QString>("message");
        QTest::newRow("parse error") << QStringList{"surface=custom", "expression=x^2 + (y"}
                                     << "expression: column 9: expected ')' to close the '(' at column 7, found end of input";
        QTest::newRow("unknown function") << QStringList{"surface=custom", "expression=foo(x)"} << "expression: column 1: unknown name 'foo'";
        QTest::newRow("steps out of range") << QStringList{"steps=0"} << "steps";
        QTest::newRow("unknown surface") << QStringList{"surface=sphere"} << "surface";
        QTest::newRow("unknown optimizer") << QStringList{"optimizers=sgd,lion"} << "optimizers";
        QTest::newRow("lr not a number") << QStringList{"lr_adam=fast"} << "lr_adam";
        QTest::newRow("grid too fine") << QStringList{"grid=4096"} << "grid";
    }
    void badInput()
    {
        QFETCH(QStringList, sets);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString out = dir.filePath("x.png");
        QStringList args{"--tab", "descent"};
        for (const auto& s : sets)
            args << "--set" << s;
        args << "--export-image" << out;
        const Run r = runApp(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);  // one line
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestDescentCli)
#include "test_descent_cli.moc"
