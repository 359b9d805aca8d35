// The built aimathlab binary on the precision tab, headless: data export
// checked against hand-worked values, every view as an image, the background
// sum of ten million terms waited for, and bad input with exit code 2.

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/run_process.h"

#include <cmath>

class TestPrecisionCli : public QObject {
    Q_OBJECT

    using Run = aimath::test::ProcessResult;

    Run run(const QStringList& args, int timeoutMs = 120000)
    {
        return aimath::test::runProcess(QStringLiteral(AIMATHLAB_BIN), QStringList{QStringLiteral("--tab"), QStringLiteral("precision")} + args,
                                        aimath::test::noDisplay(m_dir.filePath(QStringLiteral("config"))).timeout(timeoutMs));
    }

    QJsonObject readJson(const QString& path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;

private slots:
    void listParams()
    {
        const Run r = run({QStringLiteral("--list-params")});
        QCOMPARE(r.code, 0);
        for (const char* key : {"formats", "values", "rounding", "overflow", "custom_exponent_bits", "custom_mantissa_bits", "sum_n",
                                "sum_values", "logit_scale", "grad_log10_mean", "grad_log10_std", "loss_scale", "quant_format",
                                "quant_granularity", "quant_rows", "quant_cols", "outlier_fraction", "outlier_scale", "show_double_rounding"})
            QVERIFY2(r.out.contains(QStringLiteral("\n%1\t").arg(QLatin1String(key))) || r.out.startsWith(QLatin1String(key)), key);
    }

    void dataExportDefaults()
    {
        const QString out = path(QStringLiteral("d.json"));
        const Run r = run({QStringLiteral("--export-data"), out});
        QCOMPARE(r.code, 0);
        const QJsonObject d = readJson(out);
        QCOMPARE(d[QStringLiteral("tab")].toString(), QStringLiteral("precision"));
        const QJsonObject bf16 = d[QStringLiteral("formats")].toObject()[QStringLiteral("bf16")].toObject();
        QCOMPARE(bf16[QStringLiteral("exponent_bits")].toInt(), 8);
        QCOMPARE(bf16[QStringLiteral("mantissa_bits")].toInt(), 7);
        QCOMPARE(bf16[QStringLiteral("max")].toDouble(), 0x1.fep127);
        QCOMPARE(bf16[QStringLiteral("min_subnormal")].toDouble(), 0x1p-133);
        QCOMPARE(bf16[QStringLiteral("has_inf")].toBool(), true);
        const QJsonObject e4m3 = d[QStringLiteral("formats")].toObject()[QStringLiteral("fp8_e4m3")].toObject();
        QCOMPARE(e4m3[QStringLiteral("max")].toDouble(), 448.0);
        QCOMPARE(e4m3[QStringLiteral("has_inf")].toBool(), false);
        const QJsonArray values = d[QStringLiteral("values")].toArray();
        QCOMPARE(values.size(), 8);
        const QJsonObject v0 = values[0].toObject()[QStringLiteral("results")].toObject();
        QCOMPARE(v0[QStringLiteral("bf16")].toObject()[QStringLiteral("hex")].toString(), QStringLiteral("0x3dcd"));
        QCOMPARE(v0[QStringLiteral("bf16")].toObject()[QStringLiteral("stored")].toDouble(), 0.10009765625);
        // full round-trip precision: fp32 0.1 is 0.100000001490116119384765625
        QCOMPARE(v0[QStringLiteral("fp32")].toObject()[QStringLiteral("stored")].toDouble(), double(0.1f));
        // 70000 in fp16 is written as the string "inf"; in fp8_e4m3 (no inf) it is "nan"
        const QJsonObject v3 = values[3].toObject()[QStringLiteral("results")].toObject();
        QCOMPARE(v3[QStringLiteral("fp16")].toObject()[QStringLiteral("stored")].toString(), QStringLiteral("inf"));
        QCOMPARE(v3[QStringLiteral("fp8_e4m3")].toObject()[QStringLiteral("stored")].toString(), QStringLiteral("nan"));
        // every section is present
        QVERIFY(d[QStringLiteral("accumulation")].toObject().contains(QStringLiteral("curves")));
        QVERIFY(d[QStringLiteral("stability")].toObject().contains(QStringLiteral("softmax")));
        QVERIFY(d[QStringLiteral("quantization")].toObject().contains(QStringLiteral("sqnr_db")));
    }

    void tenMillionTermsAreWaitedFor()
    {
        // The sum runs off the GUI thread; headless export must wait for it, not write a stale result.
        const QString out = path(QStringLiteral("acc.json"));
        const Run r = run({QStringLiteral("--set"), QStringLiteral("sum_n=10000000"), QStringLiteral("--set"), QStringLiteral("formats=fp16"),
                           QStringLiteral("--set"), QStringLiteral("view=accumulation"), QStringLiteral("--export-data"), out},
                          600000);
        QCOMPARE(r.code, 0);
        const QJsonObject acc = readJson(out)[QStringLiteral("accumulation")].toObject();
        const QJsonArray cps = acc[QStringLiteral("checkpoints")].toArray();
        QCOMPARE(cps.last().toDouble(), 1e7);
        QCOMPARE(acc[QStringLiteral("reference")].toArray().last().toDouble(), 1e7);
        for (const auto& c : acc[QStringLiteral("curves")].toArray()) {
            const QJsonObject o = c.toObject();
            if (o[QStringLiteral("method")].toString() == QStringLiteral("naive"))
                QCOMPARE(o[QStringLiteral("final_sum")].toDouble(), 2048.0);  // 2048 + 1 ties to even 2048
            if (o[QStringLiteral("method")].toString() == QStringLiteral("pairwise"))
                QCOMPARE(o[QStringLiteral("final_sum")].toString(), QStringLiteral("inf"));  // blocks of 2^16 ones pass 65504
        }
    }

    void everyViewExportsAnImage_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("file");
        QTest::newRow("inspect") << "inspect" << "inspect.png";
        QTest::newRow("range") << "range" << "range.png";
        QTest::newRow("accumulation") << "accumulation" << "acc.png";
        QTest::newRow("stability") << "stability" << "stab.png";
        QTest::newRow("quantization") << "quantization" << "quant.png";
        QTest::newRow("svg") << "range" << "range.svg";
        QTest::newRow("pdf") << "quantization" << "quant.pdf";
    }
    void everyViewExportsAnImage()
    {
        QFETCH(QString, view);
        QFETCH(QString, file);
        const QString out = path(file);
        const Run r = run({QStringLiteral("--set"), QStringLiteral("view=") + view, QStringLiteral("--export-image"), out, QStringLiteral("--size"),
                           QStringLiteral("900x600")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        if (file.endsWith(QLatin1String(".png"))) {
            const QImage img = QImage::fromData(bytes, "PNG");
            QCOMPARE(img.size(), QSize(900, 600));
            // not one flat colour: count distinct colours on a coarse grid
            QSet<QRgb> colours;
            for (int y = 0; y < img.height(); y += 7)
                for (int x = 0; x < img.width(); x += 7)
                    colours.insert(img.pixel(x, y));
            QVERIFY(colours.size() > 5);
        } else if (file.endsWith(QLatin1String(".pdf"))) {
            QVERIFY(bytes.startsWith("%PDF"));
        } else {
            QVERIFY(bytes.contains("<svg"));
        }
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("mustMention");
        QTest::newRow("value not a number") << QStringList{QStringLiteral("--set"), QStringLiteral("values=0.1,abc,3")}
                                            << QStringList{QStringLiteral("values"), QStringLiteral("entry 2"), QStringLiteral("abc")};
        QTest::newRow("exponent bits") << QStringList{QStringLiteral("--set"), QStringLiteral("custom_exponent_bits=12")}
                                       << QStringList{QStringLiteral("custom_exponent_bits"), QStringLiteral("[2, 11]")};
        QTest::newRow("mantissa bits") << QStringList{QStringLiteral("--set"), QStringLiteral("custom_mantissa_bits=53")}
                                       << QStringList{QStringLiteral("custom_mantissa_bits"), QStringLiteral("[0, 52]")};
        QTest::newRow("sum_n") << QStringList{QStringLiteral("--set"), QStringLiteral("sum_n=20000000")}
                               << QStringList{QStringLiteral("sum_n"), QStringLiteral("10000000")};
        QTest::newRow("format") << QStringList{QStringLiteral("--set"), QStringLiteral("formats=fp16,fp7")}
                                << QStringList{QStringLiteral("formats"), QStringLiteral("fp7")};
        QTest::newRow("loss scale") << QStringList{QStringLiteral("--set"), QStringLiteral("loss_scale=3")}
                                    << QStringList{QStringLiteral("loss_scale")};
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, mustMention);
        const QString out = path(QStringLiteral("bad.json"));
        const Run r = run(args + QStringList{QStringLiteral("--export-data"), out});
        QCOMPARE(r.code, 2);
        for (const QString& m : mustMention)
            QVERIFY2(r.err.contains(m), qPrintable(QStringLiteral("stderr \"%1\" lacks \"%2\"").arg(r.err.trimmed(), m)));
        QVERIFY(!QFile::exists(out));  // nothing half-written
    }
};

QTEST_GUILESS_MAIN(TestPrecisionCli)
#include "test_precision_cli.moc"
