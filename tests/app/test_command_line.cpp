// End-to-end tests of the command line, run on the shell built around the
// test-only demo tab (the real tabs have their own e2e tests).
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "tests/support/run_process.h"

class TestCommandLine : public QObject {
    Q_OBJECT

    using Run = aimath::test::ProcessResult;

    // No display at all: headless modes must not need one.
    Run run(const QStringList& args)
    {
        return aimath::test::runProcess(QStringLiteral(AIMATH_TESTSHELL_BIN), args,
                                        aimath::test::noDisplay(m_dir.filePath(QStringLiteral("config"))).timeout(60000));
    }

    QString path(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;

private slots:
    void langRejectsUnknownLanguage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("window") << QStringList{QStringLiteral("--lang"), QStringLiteral("xx")};
        QTest::newRow("listing") << QStringList{QStringLiteral("--lang=fr"), QStringLiteral("--list-tabs")};
        QTest::newRow("headless export") << QStringList{QStringLiteral("--lang"), QStringLiteral("zh"), QStringLiteral("--export-image"), path(QStringLiteral("x.png"))};
        QTest::newRow("empty") << QStringList{QStringLiteral("--lang="), QStringLiteral("--list-tabs")};
    }
    void langRejectsUnknownLanguage()
    {
        QFETCH(QStringList, args);
        const Run r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("aimathlab: --lang: unknown language")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("en, zh_CN")), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY(!QFile::exists(path(QStringLiteral("x.png"))));
    }

    void langAcceptsBothForHeadlessExport_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    }
    void langAcceptsBothForHeadlessExport()
    {
        QFETCH(QString, lang);
        const QString png = path(QStringLiteral("lang-%1.png").arg(lang));
        const Run r = run({QStringLiteral("--lang"), lang, QStringLiteral("--tab"), QStringLiteral("demo"), QStringLiteral("--export-image"), png,
                           QStringLiteral("--size"), QStringLiteral("400x300")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        QCOMPARE(QImage(png).size(), QSize(400, 300));
    }

    void listTabs()
    {
        const Run r = run({QStringLiteral("--list-tabs")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("demo\tDemo\n"));
    }

    void listParams()
    {
        const Run r = run({QStringLiteral("--tab"), QStringLiteral("demo"), QStringLiteral("--list-params")});
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 11);
        QCOMPARE(lines.first(), QStringLiteral("amplitude\treal\t[0, 10]\t1\tAmplitude"));
        QVERIFY(lines.contains(QStringLiteral("frequency\treal\t[0.1, 100] log\t1\tFrequency")));
        QVERIFY(lines.contains(QStringLiteral("style\tchoice\tline|dots\tline\tStyle")));
        for (const QString& l : lines)
            QCOMPARE(l.count(QLatin1Char('\t')), 4);
    }

    void helpAndVersion()
    {
        const Run h = run({QStringLiteral("--help")});
        QCOMPARE(h.code, 0);
        QVERIFY(h.out.contains(QStringLiteral("--export-image")));
        QVERIFY(h.out.contains(QStringLiteral("--set")));
        const Run v = run({QStringLiteral("--version")});
        QCOMPARE(v.code, 0);
        QVERIFY(v.out.startsWith(QStringLiteral("aimathlab ")));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const QString t = QStringLiteral("--tab"), d = QStringLiteral("demo"), s = QStringLiteral("--set");
        QTest::newRow("unknown tab") << QStringList{t, QStringLiteral("nope")} << 2 << "unknown tab \"nope\"";
        QTest::newRow("unknown key") << QStringList{t, d, s, QStringLiteral("bogus=1")} << 2 << "unknown parameter \"bogus\"";
        QTest::newRow("out of range") << QStringList{t, d, s, QStringLiteral("amplitude=20")} << 2 << "amplitude: 20 is out of range [0, 10]";
        QTest::newRow("wrong type") << QStringList{t, d, s, QStringLiteral("points=many")} << 2 << "points: expected an integer";
        QTest::newRow("bad bool") << QStringList{t, d, s, QStringLiteral("show_grid=perhaps")} << 2 << "show_grid: expected true/false";
        QTest::newRow("bad choice") << QStringList{t, d, s, QStringLiteral("style=wavy")} << 2 << "\"wavy\" is not one of line|dots";
        QTest::newRow("bad list entry") << QStringList{t, d, s, QStringLiteral("weights=1,x,3")} << 2 << "weights: entry 2";
        QTest::newRow("no equals") << QStringList{t, d, s, QStringLiteral("amplitude")} << 2 << "expected KEY=VALUE";
        QTest::newRow("constraint") << QStringList{t, d, s, QStringLiteral("low=5")} << 2 << "low: must be below high";
        QTest::newRow("list lengths") << QStringList{t, d, s, QStringLiteral("weights=1,2")} << 2 << "weights: needs one entry per label";
        QTest::newRow("malformed size") << QStringList{t, d, QStringLiteral("--size"), QStringLiteral("big")} << 2 << "--size: expected WIDTHxHEIGHT";
        QTest::newRow("size range") << QStringList{t, d, QStringLiteral("--size"), QStringLiteral("5x5")} << 2 << "--size: 5x5 is out of range";
        QTest::newRow("bad scale") << QStringList{t, d, QStringLiteral("--scale"), QStringLiteral("0")} << 2 << "--scale: expected a number from 0.25 to 8";
        QTest::newRow("bad extension") << QStringList{t, d, QStringLiteral("--export-image"), QStringLiteral("x.bmp")} << 2 << "no supported extension";
        QTest::newRow("data extension") << QStringList{t, d, QStringLiteral("--export-data"), QStringLiteral("x.png")} << 2 << "must end in .json or .csv";
        QTest::newRow("too many pixels") << QStringList{t, d, QStringLiteral("--size"), QStringLiteral("20000x20000"), QStringLiteral("--scale"), QStringLiteral("8"), QStringLiteral("--export-image"), QStringLiteral("x.png")} << 2 << "megapixels";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << 2 << "frobnicate";
        QTest::newRow("list-params without tab") << QStringList{QStringLiteral("--list-params")} << 2 << "--list-params needs --tab";
        QTest::newRow("missing session") << QStringList{QStringLiteral("--session"), QStringLiteral("/nonexistent/s.json")} << 1 << "cannot read /nonexistent/s.json";
        QTest::newRow("unwritable image") << QStringList{t, d, QStringLiteral("--export-image"), QStringLiteral("/nonexistent/dir/x.png")} << 1 << "Cannot write /nonexistent/dir/x.png";
        QTest::newRow("unwritable data") << QStringList{t, d, QStringLiteral("--export-data"), QStringLiteral("/nonexistent/dir/x.json")} << 1 << "Cannot write /nonexistent/dir/x.json";
        QTest::newRow("window without display") << QStringList{t, d} << 1 << "no display";
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Run r = run(args);
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);  // one line
        QVERIFY(r.out.isEmpty());
    }

    void setOrderDoesNotMatter()
    {
        // high must be raised before low would fit, in whichever order they come.
        for (const QStringList& order : {QStringList{QStringLiteral("low=5"), QStringLiteral("high=10")}, QStringList{QStringLiteral("high=10"), QStringLiteral("low=5")}}) {
            QStringList args{QStringLiteral("--tab"), QStringLiteral("demo"), QStringLiteral("--export-data"), path(QStringLiteral("order.json"))};
            for (const QString& s : order)
                args << QStringLiteral("--set") << s;
            const Run r = run(args);
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QFile f(path(QStringLiteral("order.json")));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QJsonArray x = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("x")).toArray();
            QCOMPARE(x.first().toDouble(), 5.0);
            QCOMPARE(x.last().toDouble(), 10.0);
        }
    }

    void exportPng()
    {
        const QString file = path(QStringLiteral("fig.png"));
        const Run r = run({QStringLiteral("--tab"), QStringLiteral("demo"), QStringLiteral("--export-image"), file, QStringLiteral("--size"),
                           QStringLiteral("800x500"), QStringLiteral("--scale"), QStringLiteral("2")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QImage img(file);
        QVERIFY(!img.isNull());
        QCOMPARE(img.size(), QSize(1600, 1000));
        // Not a flat colour: the curve and the axes are drawn.
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 7)
            for (int x = 0; x < img.width(); x += 7)
                colours.insert(img.pixel(x, y));
        QVERIFY(colours.size() > 3);
    }

    void exportJpgPdfSvg()
    {
        const QString jpg = path(QStringLiteral("fig.jpg")), pdf = path(QStringLiteral("fig.pdf")), svg = path(QStringLiteral("fig.svg"));
        for (const QString& f : {jpg, pdf, svg}) {
            const Run r = run({QStringLiteral("--tab"), QStringLiteral("demo"), QStringLiteral("--export-image"), f});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        QCOMPARE(QImage(jpg).size(), QSize(1600, 1000));
        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly));
        QVERIFY(p.read(4) == "%PDF");
        QFile s(svg);
        QVERIFY(s.open(QIODevice::ReadOnly));
        // Well-formed XML whose root is <svg> and which draws something.
        QXmlStreamReader xml(&s);
        QString root;
        int drawn = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement) {
                if (root.isEmpty())
                    root = xml.name().toString();
                if (xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polyline"))
                    ++drawn;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(root, QStringLiteral("svg"));
        QVERIFY(drawn > 0);
    }

    void exportDataJsonAndCsv()
    {
        const QString json = path(QStringLiteral("d.json")), csv = path(QStringLiteral("d.csv"));
        const Run r = run({QStringLiteral("--tab"), QStringLiteral("demo"), QStringLiteral("--set"), QStringLiteral("amplitude=2.5"), QStringLiteral("--set"),
                           QStringLiteral("points=3"), QStringLiteral("--export-data"), json});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(o.value(QStringLiteral("tab")).toString(), QStringLiteral("demo"));
        QCOMPARE(o.value(QStringLiteral("amplitude")).toDouble(), 2.5);
        QCOMPARE(o.value(QStringLiteral("y")).toArray().size(), 3);
        const Run c = run({QStringLiteral("--tab"), QStringLiteral("demo"), QStringLiteral("--set"), QStringLiteral("points=3"), QStringLiteral("--export-data"), csv});
        QVERIFY2(c.code == 0, qPrintable(c.err));
        QFile cf(csv);
        QVERIFY(cf.open(QIODevice::ReadOnly));
        QCOMPARE(cf.readAll().split('\n').first(), QByteArray("x,y"));
    }

    void failedExportKeepsExistingFile()
    {
        // A render that fails (bad extension is refused up front; here the
        // directory vanishes) must never leave a partial or damaged file.
        const QString file = path(QStringLiteral("keep.png"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious");
        f.close();
        const Run r = run({QStringLiteral("--tab"), QStringLiteral("demo"), QStringLiteral("--set"), QStringLiteral("amplitude=99"), QStringLiteral("--export-image"), file});
        QCOMPARE(r.code, 2);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("precious"));
    }

    void sessionFile()
    {
        const QString session = path(QStringLiteral("s.json"));
        QFile f(session);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format":"aimathlab-session","version":1,"tab":"demo","tabs":{"demo":{"amplitude":3,"points":4}}})");
        f.close();
        const QString out = path(QStringLiteral("fromsession.json"));
        // The session sets amplitude and points; --set then overrides points.
        const Run r = run({QStringLiteral("--session"), session, QStringLiteral("--set"), QStringLiteral("points=5"), QStringLiteral("--export-data"), out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile o(out);
        QVERIFY(o.open(QIODevice::ReadOnly));
        const QJsonObject obj = QJsonDocument::fromJson(o.readAll()).object();
        QCOMPARE(obj.value(QStringLiteral("amplitude")).toDouble(), 3.0);
        QCOMPARE(obj.value(QStringLiteral("x")).toArray().size(), 5);

        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(R"({"format":"aimathlab-session","version":1,"tabs":{"demo":{"amplitude":"loud"}}})");
        f.close();
        const Run bad = run({QStringLiteral("--session"), session, QStringLiteral("--export-data"), out});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("tabs.demo.amplitude")), qPrintable(bad.err));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "test_command_line.moc"
