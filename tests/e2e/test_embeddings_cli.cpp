// End-to-end: the built aimathlab binary exports the embeddings tab headlessly,
// from the shipped sets and from users' files, and refuses bad files with the
// file/line message and exit code 1.

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/run_process.h"

#include <cmath>
#include <cstring>

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

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

}  // namespace

class TestEmbeddingsCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void defaultExportImageAndData()
    {
        const QString png = m_dir.filePath("e.png"), json = m_dir.filePath("e.json");
        const Run r = runApp({"--tab", "embeddings", "--export-image", png, "--export-data", json});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QImage img(png);
        QCOMPARE(img.size(), QSize(1600, 1000));
        int distinct = 0;
        const QRgb first = img.pixel(0, 0);
        for (int y = 0; y < img.height(); y += 9)
            for (int x = 0; x < img.width(); x += 9)
                distinct += img.pixel(x, y) != first;
        QVERIFY(distinct > 1000);
        const QJsonObject o = readJson(json);
        QCOMPARE(o["tab"].toString(), QString("embeddings"));
        QCOMPARE(o["dim"].toInt(), 64);
        const int n = o["n"].toInt();
        QCOMPARE(o["labels"].toArray().size(), n);
        QCOMPARE(o["projection"].toArray().size(), n);
        // Recomputed from the file alone: ratios are the variances over their total, the components are orthonormal.
        const QJsonArray ev = o["explained_variance"].toArray(), ratio = o["explained_variance_ratio"].toArray();
        QCOMPARE(ev.size(), 50);
        const double total = o["total_variance"].toDouble();
        for (int j = 0; j < 50; ++j) {
            QVERIFY(std::fabs(ratio[j].toDouble() - ev[j].toDouble() / total) <= 1e-12 * std::fabs(ratio[j].toDouble()) + 1e-15);
            if (j)
                QVERIFY(ev[j].toDouble() <= ev[j - 1].toDouble());
        }
        const QJsonArray comps = o["components"].toArray();
        QCOMPARE(comps.size(), 3);
        for (int a = 0; a < 3; ++a)
            for (int b = 0; b < 3; ++b) {
                double dot = 0;
                for (int d = 0; d < 64; ++d)
                    dot += comps[a].toArray()[d].toDouble() * comps[b].toArray()[d].toDouble();
                QVERIFY2(std::fabs(dot - (a == b ? 1.0 : 0.0)) < 1e-9, qPrintable(QString("%1·%2 = %3").arg(a).arg(b).arg(dot)));
            }
        // The variance of the PC1 coordinates over the rows is λ₁ (divisor n − 1).
        double s = 0, s2 = 0;
        for (const auto& row : o["projection"].toArray()) {
            const double v = row.toArray()[0].toDouble();
            s += v;
            s2 += v * v;
        }
        QVERIFY(std::fabs(s / n) < 1e-5);
        QVERIFY(std::fabs(s2 / (n - 1) / ev[0].toDouble() - 1.0) < 1e-5);
        const QJsonObject an = o["analogy"].toObject();
        QCOMPARE(an["query"].toString(), QString("king - man + woman"));
        QCOMPARE(an["results"].toArray()[0].toObject()["label"].toString(), QString("queen"));
        QVERIFY(!o.contains("neighbors"));
    }

    void digitsThreeDAndNeighbours()
    {
        const QString json = m_dir.filePath("d.json"), csv = m_dir.filePath("d.csv"), svg = m_dir.filePath("d.svg");
        const Run r = runApp({"--tab", "embeddings", "--set", "dataset=digits", "--set", "view=3d", "--set", "select=#0", "--set", "metric=euclidean",
                              "--set", "analogy=", "--export-data", json, "--export-image", svg});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = readJson(json);
        QCOMPARE(o["n"].toInt(), 1797);
        QCOMPARE(o["labels"].toArray()[0].toString(), QString("0"));
        const QJsonObject nb = o["neighbors"].toObject();
        QCOMPARE(nb["metric"].toString(), QString("euclidean"));
        QCOMPARE(nb["results"].toArray().size(), 8);
        // The nearest images of a "0" are zeros, and distances grow.
        QCOMPARE(nb["results"].toArray()[0].toObject()["label"].toString(), QString("0"));
        QVERIFY(nb["results"].toArray()[1].toObject()["similarity"].toDouble() >= nb["results"].toArray()[0].toObject()["similarity"].toDouble());
        QVERIFY(!o.contains("analogy"));
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("<svg"));
        const Run c = runApp({"--tab", "embeddings", "--set", "dataset=digits", "--export-data", csv});
        QVERIFY2(c.code == 0, qPrintable(c.err));
        QFile cf(csv);
        QVERIFY(cf.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = cf.readAll().split('\n');
        QCOMPARE(lines[0], QByteArray("index,label,class,pc1,pc2"));
        QVERIFY(lines[1].startsWith("0,0,0,"));
        QCOMPARE(lines.size(), 1797 + 2);  // header, rows, final newline
    }

    void userFileWithKnownAxes()
    {
        // Six points ±s·u around an offset, u = (1,1,0)/√2, (1,−1,0)/√2, (0,0,1):
        // λᵢ = 2sᵢ²/5 and the point +3u₁ sits at 3 on PC1 (worked out in the engine test).
        const double c = std::sqrt(0.5);
        QByteArray text;
        const double s[3] = {3, 2, 0.5};
        const double u[3][3] = {{c, c, 0}, {c, -c, 0}, {0, 0, 1}};
        const char* names[6] = {"a+", "a-", "b+", "b-", "c+", "c-"};
        for (int i = 0; i < 3; ++i)
            for (int sign : {1, -1}) {
                text += names[2 * i + (sign < 0)];
                for (int d = 0; d < 3; ++d)
                    text += " " + QByteArray::number(10 + d + sign * s[i] * u[i][d], 'g', 17);
                text += "\n";
            }
        const QString file = m_dir.filePath("axes.txt"), json = m_dir.filePath("axes.json");
        writeFile(file, text);
        const Run r = runApp({"--tab", "embeddings", "--set", "file=" + file, "--set", "analogy=a+ - a- + b+", "--export-data", json});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = readJson(json);
        QCOMPARE(o["source"].toString(), file);
        QCOMPARE(o["n"].toInt(), 6);
        QCOMPARE(o["dim"].toInt(), 3);
        const QJsonArray ev = o["explained_variance"].toArray();
        QCOMPARE(ev.size(), 3);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(std::fabs(ev[i].toDouble() - 2 * s[i] * s[i] / 5) < 1e-5, qPrintable(QString::number(ev[i].toDouble())));
        QVERIFY(std::fabs(o["projection"].toArray()[0].toArray()[0].toDouble() - 3.0) < 1e-5);
        QVERIFY(std::fabs(o["mean"].toArray()[2].toDouble() - 12.0) < 1e-5);
        QCOMPARE(o["analogy"].toObject()["results"].toArray().size(), 3);  // 6 rows − 3 inputs
    }

    void npyAndTsvFiles()
    {
        // A 4 × 2 float64 .npy (version 1 header) and a Projector TSV with its metadata.
        QByteArray dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), }";
        while ((10 + dict.size() + 1) % 64)
            dict += ' ';
        dict += '\n';
        QByteArray npy("\x93NUMPY\x01\x00", 8);
        npy += char(dict.size() & 0xff);
        npy += char(dict.size() >> 8);
        npy += dict;
        const double v[8] = {0, 0, 2, 0, 0, 1, 2, 1};
        npy += QByteArray(reinterpret_cast<const char*>(v), sizeof v);
        const QString npyPath = m_dir.filePath("m.npy"), json = m_dir.filePath("n.json");
        writeFile(npyPath, npy);
        Run r = runApp({"--tab", "embeddings", "--set", "file=" + npyPath, "--set", "analogy=", "--set", "projection=raw", "--export-data", json});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QJsonObject o = readJson(json);
        QCOMPARE(o["n"].toInt(), 4);
        // Columns have variances 4/3 and 1/3 (divisor n − 1): the axes are the principal components.
        QVERIFY(std::fabs(o["explained_variance"].toArray()[0].toDouble() - 4.0 / 3.0) < 1e-6);
        QVERIFY(std::fabs(o["explained_variance"].toArray()[1].toDouble() - 1.0 / 3.0) < 1e-6);

        QTemporaryDir dir;
        writeFile(dir.filePath("vectors.tsv"), "1\t0\n0\t1\n1\t1\n");
        writeFile(dir.filePath("metadata.tsv"), "word\tkind\nx\taxis\ny\taxis\nxy\tdiagonal\n");
        r = runApp({"--tab", "embeddings", "--set", "file=" + dir.filePath("vectors.tsv"), "--set", "select=xy", "--set", "analogy=", "--export-data", json});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        o = readJson(json);
        QCOMPARE(o["labels"].toArray()[2].toString(), QString("xy"));
        QCOMPARE(o["classes"].toArray()[2].toString(), QString("diagonal"));
        const QJsonArray res = o["neighbors"].toObject()["results"].toArray();
        QCOMPARE(res.size(), 2);
        QVERIFY(std::fabs(res[0].toObject()["similarity"].toDouble() - c2()) < 1e-9);  // cos 45°
    }

    void badFilesExitOne_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("non-number") << "bad.txt" << QByteArray("a 1 2\nb 3 x\n") << ": line 2, column 3: 'x' is not a number";
        QTest::newRow("ragged") << "rag.csv" << QByteArray("1,2\n3\n") << ": line 2: expected 2 columns";
        QTest::newRow("empty") << "empty.txt" << QByteArray() << ": the file is empty";
        QTest::newRow("nan") << "nan.txt" << QByteArray("a nan 1\n") << ": line 1, column 2: NaN is not allowed";
        QTest::newRow("npy truncated") << "t.npy" << QByteArray("\x93NUMPY\x01\x00", 8) << ": byte 8: truncated .npy header (the file ends after 8 bytes)";
        QTest::newRow("one row") << "one.txt" << QByteArray("a 1 2\n") << ": has 1 row; PCA needs at least 2";
    }
    void badFilesExitOne()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        const QString path = m_dir.filePath(name), png = m_dir.filePath("never.png");
        writeFile(path, bytes);
        const Run r = runApp({"--tab", "embeddings", "--set", "file=" + path, "--export-image", png});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(path + message), qPrintable(r.err));
        QVERIFY(!QFile::exists(png));
    }

    void missingFileAndBadParameters()
    {
        const QString png = m_dir.filePath("never2.png");
        Run r = runApp({"--tab", "embeddings", "--set", "file=/nonexistent/v.txt", "--export-image", png});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("/nonexistent/v.txt: cannot open the file"), qPrintable(r.err));
        r = runApp({"--tab", "embeddings", "--set", "dataset=file", "--export-image", png});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("dataset: 'file' needs a file"), qPrintable(r.err));
        r = runApp({"--tab", "embeddings", "--set", "normalize=whiten", "--export-image", png});
        QCOMPARE(r.code, 2);
        r = runApp({"--tab", "embeddings", "--set", "neighbors=51", "--export-image", png});
        QCOMPARE(r.code, 2);
        QVERIFY(!QFile::exists(png));
    }

private:
    static double c2() { return std::sqrt(0.5); }
};

QTEST_GUILESS_MAIN(TestEmbeddingsCli)
#include "test_embeddings_cli.moc"
