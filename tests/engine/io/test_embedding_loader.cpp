// Every supported format parsed from files the test writes, every bad case with
// its message (file, line or byte, reason), cancellation, and the shipped digits.

#include "engine/io/digits_dataset.h"
#include "engine/io/embedding_loader.h"
#include "tests/support/compare.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <fstream>
#include <map>
#include <string>

using namespace aimath;
using namespace aimath::io;

namespace {

std::string writeFile(const QTemporaryDir& dir, const std::string& name, const std::string& bytes)
{
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
}

template <class T>
std::string rawBytes(const std::vector<T>& v)
{
    return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

/// A .npy file: magic, version, little-endian header length, the dict padded to 64 bytes, then data.
std::string npy(int major, const std::string& descr, bool fortran, const std::string& shape, const std::string& data)
{
    std::string dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    const std::size_t prefix = major == 1 ? 10 : 12;
    while ((prefix + dict.size() + 1) % 64 != 0)
        dict += ' ';
    dict += '\n';
    std::string out = "\x93NUMPY";
    out += static_cast<char>(major);
    out += '\0';
    const std::size_t len = dict.size();
    out += static_cast<char>(len & 0xff);
    out += static_cast<char>((len >> 8) & 0xff);
    if (major > 1) {
        out += static_cast<char>((len >> 16) & 0xff);
        out += static_cast<char>((len >> 24) & 0xff);
    }
    return out + dict + data;
}

}  // namespace

class TestEmbeddingLoader : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void word2vecText()
    {
        const auto path = writeFile(m_dir, "w.txt", "3 2\nking 1 2\nqueen 3 4.5\r\nman -1e-3 0\n\n");
        const LoadResult r = loadEmbeddings(path);
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.format, EmbeddingFormat::Word2VecText);
        QCOMPARE(r.table.rows(), 3);
        QCOMPARE(r.table.dim(), 2);
        QCOMPARE(r.table.labels, (std::vector<std::string>{"king", "queen", "man"}));
        QCOMPARE(r.table.vectors(1, 1), 4.5f);
        QCOMPARE(r.table.vectors(2, 0), -1e-3f);  // correctly rounded like the compiler's literal
        QCOMPARE(r.table.source, path);
    }

    void gloveText()
    {
        const auto path = writeFile(m_dir, "glove.6B.3d.txt", "the 0.1 0.2 0.3\n, -1 -2 -3\n1999 5 6 7\n");
        const LoadResult r = loadEmbeddings(path);
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.format, EmbeddingFormat::GloveText);
        QCOMPARE(r.table.rows(), 3);
        QCOMPARE(r.table.dim(), 3);
        QCOMPARE(r.table.labels[1], std::string(","));
        QCOMPARE(r.table.labels[2], std::string("1999"));  // GloVe words may be numbers: the first token is always the word
        QCOMPARE(r.table.vectors(0, 2), 0.3f);
    }

    void word2vecBinary()
    {
        const std::vector<float> a{1.5f, -2.25f, 3e-8f}, b{0.f, 1e30f, -7.f};
        const std::string bytes = "2 3\nalpha " + rawBytes(a) + "\nbeta " + rawBytes(b) + "\n";
        const auto path = writeFile(m_dir, "vectors.bin", bytes);
        const LoadResult r = loadEmbeddings(path);
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.format, EmbeddingFormat::Word2VecBinary);
        QCOMPARE(r.table.labels, (std::vector<std::string>{"alpha", "beta"}));
        for (int j = 0; j < 3; ++j) {
            QCOMPARE(r.table.vectors(0, j), a[static_cast<std::size_t>(j)]);
            QCOMPARE(r.table.vectors(1, j), b[static_cast<std::size_t>(j)]);
        }
        // Same content with another extension: detected from the control bytes after the "count dim" line.
        const LoadResult r2 = loadEmbeddings(writeFile(m_dir, "model.w2v", bytes));
        QVERIFY2(r2.ok, r2.message.c_str());
        QCOMPARE(r2.format, EmbeddingFormat::Word2VecBinary);
    }

    void projectorTsvWithMetadata()
    {
        QTemporaryDir dir;
        const auto vec = writeFile(dir, "vectors.tsv", "1\t2\n3\t4\n5\t6\n");
        // Auto: the metadata.tsv next to vectors.tsv, one column → no header.
        writeFile(dir, "metadata.tsv", "apple\nbanana\n\n\n");  // third label empty, then one blank padding line
        LoadResult r = loadEmbeddings(vec);
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.format, EmbeddingFormat::Tsv);
        QCOMPARE(r.table.labels, (std::vector<std::string>{"apple", "banana", ""}));
        QVERIFY(r.table.classes.empty());
        QCOMPARE(r.table.vectors(2, 1), 6.f);
        // Named metadata with several columns → first row is the header, second column the class.
        const auto meta = writeFile(dir, "meta2.tsv", "word\tkind\nkiwi\tfruit\nleek\tvegetable\nplum\tfruit\n");
        LoadOptions o;
        o.metadataPath = meta;
        r = loadEmbeddings(vec, o);
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.table.labels, (std::vector<std::string>{"kiwi", "leek", "plum"}));
        QCOMPARE(r.table.classes, (std::vector<std::string>{"fruit", "vegetable", "fruit"}));
    }

    void csvVariants()
    {
        // Header + label column in the middle.
        LoadResult r = loadEmbeddings(writeFile(m_dir, "a.csv", "x,name,y\n1,one,2\n3,\"three\",4\n"));
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.format, EmbeddingFormat::Csv);
        QCOMPARE(r.table.rows(), 2);
        QCOMPARE(r.table.dim(), 2);
        QCOMPARE(r.table.labels, (std::vector<std::string>{"one", "three"}));
        QCOMPARE(r.table.vectors(1, 0), 3.f);
        QCOMPARE(r.table.vectors(1, 1), 4.f);
        // No header, label first.
        r = loadEmbeddings(writeFile(m_dir, "b.csv", "king,1,2\nqueen,3,4\n"));
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.table.rows(), 2);
        QCOMPARE(r.table.labels[0], std::string("king"));
        // Numbers only: no labels.
        r = loadEmbeddings(writeFile(m_dir, "c.csv", "1,2,3\n4,5,6\n"));
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.table.rows(), 2);
        QCOMPARE(r.table.dim(), 3);
        QVERIFY(r.table.labels.empty());
        // Header of numbers only is data; a header of names over numbers is a header.
        r = loadEmbeddings(writeFile(m_dir, "d.csv", "a,b\n1,2\n"));
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.table.rows(), 1);
    }

    void npyVariants_data()
    {
        QTest::addColumn<int>("major");
        QTest::addColumn<QString>("descr");
        QTest::addColumn<bool>("fortran");
        QTest::newRow("v1 <f4 C") << 1 << "<f4" << false;
        QTest::newRow("v1 <f8 C") << 1 << "<f8" << false;
        QTest::newRow("v1 <f4 Fortran") << 1 << "<f4" << true;
        QTest::newRow("v2 <f8 Fortran") << 2 << "<f8" << true;
        QTest::newRow("v3 <f4 C") << 3 << "<f4" << false;
        QTest::newRow("v1 >f8 C (big-endian)") << 1 << ">f8" << false;
    }
    void npyVariants()
    {
        QFETCH(int, major);
        QFETCH(QString, descr);
        QFETCH(bool, fortran);
        // The matrix [[1, 2, 3], [4, 5, 6.5]] in the requested layout and type.
        const double m[2][3] = {{1, 2, 3}, {4, 5, 6.5}};
        std::string data;
        const bool f8 = descr.endsWith("f8");
        const bool big = descr.startsWith('>');
        for (int a = 0; a < (fortran ? 3 : 2); ++a)
            for (int b = 0; b < (fortran ? 2 : 3); ++b) {
                const double v = fortran ? m[b][a] : m[a][b];
                std::string bytes;
                if (f8) {
                    bytes.assign(8, '\0');
                    std::memcpy(bytes.data(), &v, 8);
                } else {
                    const float fv = static_cast<float>(v);
                    bytes.assign(4, '\0');
                    std::memcpy(bytes.data(), &fv, 4);
                }
                if (big)
                    std::reverse(bytes.begin(), bytes.end());
                data += bytes;
            }
        const auto path = writeFile(m_dir, "m.npy", npy(major, descr.toStdString(), fortran, "(2, 3)", data));
        const LoadResult r = loadEmbeddings(path);
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.format, EmbeddingFormat::Npy);
        QCOMPARE(r.table.rows(), 2);
        QCOMPARE(r.table.dim(), 3);
        for (int a = 0; a < 2; ++a)
            for (int b = 0; b < 3; ++b)
                QCOMPARE(r.table.vectors(a, b), static_cast<float>(m[a][b]));
    }

    void detection_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("format");
        QTest::newRow("npy magic, any name") << "x.dat" << QByteArray("\x93NUMPY\x01\x00", 8) << int(EmbeddingFormat::Npy);
        QTest::newRow("npy extension") << "x.NPY" << QByteArray("garbage") << int(EmbeddingFormat::Npy);
        QTest::newRow("bin extension") << "GoogleNews.bin" << QByteArray("3 2\nab") << int(EmbeddingFormat::Word2VecBinary);
        QTest::newRow("word2vec text header") << "v.txt" << QByteArray("10 300\nthe 0.1") << int(EmbeddingFormat::Word2VecText);
        QTest::newRow("glove") << "glove.txt" << QByteArray("the 0.1 0.2\n") << int(EmbeddingFormat::GloveText);
        QTest::newRow("tsv by extension") << "v.tsv" << QByteArray("0.1 0.2\n") << int(EmbeddingFormat::Tsv);
        QTest::newRow("tsv by tab") << "v.txt" << QByteArray("0.1\t0.2\n") << int(EmbeddingFormat::Tsv);
        QTest::newRow("csv by extension") << "v.CSV" << QByteArray("a b\n") << int(EmbeddingFormat::Csv);
        QTest::newRow("csv by comma") << "v.txt" << QByteArray("w,1,2\n") << int(EmbeddingFormat::Csv);
    }
    void detection()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, head);
        QFETCH(int, format);
        QCOMPARE(int(detectEmbeddingFormat(name.toStdString(), std::string_view(head.constData(), static_cast<std::size_t>(head.size())))), format);
    }

    void formatIds()
    {
        for (const auto& id : embeddingFormatIds()) {
            const auto f = embeddingFormatFromId(id);
            QVERIFY(f.has_value());
            QCOMPARE(embeddingFormatId(*f), id);
        }
        QVERIFY(!embeddingFormatFromId("xml").has_value());
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected");  // the message must contain this (after "<path>: ")

        const std::vector<float> f3{1, 2, 3};
        const QByteArray okFloats = QByteArray::fromStdString(rawBytes(f3));
        QTest::newRow("ragged row") << "r.txt" << QByteArray("a 1 2\nb 3\nc 4 5\n") << "auto" << "line 2: expected a word and 2 values, found 1 values";
        QTest::newRow("not a number") << "n.txt" << QByteArray("a 1 2\nb 3 x4\n") << "auto" << "line 2, column 3: 'x4' is not a number";
        QTest::newRow("NaN") << "nan.txt" << QByteArray("a 1 2\nb nan 4\n") << "auto" << "line 2, column 2: NaN is not allowed";
        QTest::newRow("infinity") << "inf.csv" << QByteArray("1,2\n3,-inf\n") << "auto" << "line 2, column 2: infinity is not allowed";
        QTest::newRow("float overflow") << "o.txt" << QByteArray("a 1 1e60\n") << "auto" << "line 1, column 3: '1e60' is outside the float32 range";
        QTest::newRow("empty file") << "e.txt" << QByteArray() << "auto" << "the file is empty";
        QTest::newRow("blank lines only") << "b.txt" << QByteArray("\n  \n\n") << "glove" << "no data rows";
        QTest::newRow("w2v header rows disagree") << "h.txt" << QByteArray("3 2\na 1.5 2.5\nb 3.5 4.5\n") << "auto" << "line 1: header declares 3 rows but the file has 2";
        QTest::newRow("w2v header dim disagrees") << "h2.txt" << QByteArray("2 3\na 1.5 2.5\nb 3.5 4.5\n") << "auto" << "line 2: expected a word and 3 values, found 2";
        QTest::newRow("w2v header too big for file") << "h4.txt" << QByteArray("3 2\na 1 2\nb 3 4\n") << "auto" << "line 1: header declares 3 rows of 2 values, which needs at least";
        QTest::newRow("w2v header huge") << "h3.txt" << QByteArray("100000000000 300\na 1 2\n") << "auto" << "line 1: header declares 100000000000 rows of 300 values";
        QTest::newRow("w2v header beyond 2^64 bytes") << "h5.txt" << QByteArray("1000000000 100000000000000000\nx 1\n") << "auto" << "line 1: header declares 1000000000 rows of 100000000000000000 values, which needs at least 2e+20 MB";
        QTest::newRow("w2v binary header beyond 2^64 bytes") << "h6.bin" << QByteArray("100000000000 1000000000000\nab ") << "auto" << "line 1: header declares 100000000000 rows of 1000000000000 float32 values (at least 4e+23 bytes)";
        QTest::newRow("w2v binary bad header") << "bh.bin" << QByteArray("three 2\nab ") << "auto" << "line 1: a word2vec binary file starts with \"<count> <dimension>\"";
        QTest::newRow("w2v binary huge header") << "big.bin" << (QByteArray("4000000000 4000000\nab ") + okFloats) << "auto" << "line 1: header declares 4000000000 rows of 4000000 float32 values";
        QTest::newRow("w2v binary truncated") << "t.bin" << (QByteArray("2 3\nabcdefghij ") + okFloats + QByteArray("\ncd ") + okFloats.left(5)) << "auto" << "byte 31: row 2 ('cd') needs 12 bytes of float32 values but only 5 remain";
        QTest::newRow("binary as text") << "g.txt" << QByteArray("a 1 2\nb \x01\x00\x02\n", 13) << "glove" << "byte 8: binary data";
        QTest::newRow("csv header disagrees") << "hc.csv" << QByteArray("w,x,y\nk,1,2,3\n") << "auto" << "line 2: the header has 3 columns but this row has 4";
        QTest::newRow("csv ragged") << "rc.csv" << QByteArray("w,x,y\nk,1,2\nq,3\n") << "auto" << "line 3: expected 3 columns";
        QTest::newRow("npy bad magic") << "m.npy" << QByteArray("NUMPY not really") << "auto" << "byte 0: not a NumPy .npy file";
        QTest::newRow("npy version 4") << "v.npy" << QByteArray::fromStdString(npy(1, "<f4", false, "(1, 3)", rawBytes(f3))).replace(6, 1, "\x04") << "auto" << "byte 6: unsupported .npy format version 4";
        QTest::newRow("npy truncated data") << "t.npy" << QByteArray::fromStdString(npy(1, "<f4", false, "(2, 3)", rawBytes(f3))) << "auto" << "byte 128: truncated: shape (2, 3) of <f4 needs 24 bytes of data but only 12 follow";
        QTest::newRow("npy truncated header") << "th.npy" << QByteArray::fromStdString(npy(1, "<f4", false, "(1, 3)", "")).left(30) << "auto" << "byte 8: the header length";
        QTest::newRow("npy magic only") << "mo.npy" << QByteArray("\x93NUMPY\x01", 7) << "auto" << "byte 7: truncated .npy header (the file ends after 7 bytes)";
        QTest::newRow("npy int dtype") << "i.npy" << QByteArray::fromStdString(npy(1, "<i4", false, "(1, 3)", rawBytes(f3))) << "auto" << "unsupported dtype '<i4'";
        QTest::newRow("npy 1-D") << "d.npy" << QByteArray::fromStdString(npy(1, "<f4", false, "(3,)", rawBytes(f3))) << "auto" << "has 1 dimensions; a table of vectors needs shape (rows, dim)";
        QTest::newRow("npy NaN") << "nn.npy" << QByteArray::fromStdString(npy(1, "<f4", false, "(1, 3)", rawBytes(std::vector<float>{1, std::nanf(""), 3}))) << "auto" << "byte 132: row 1, column 2 is NaN";
    }
    void badInput()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, format);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const auto path = writeFile(dir, name.toStdString(), bytes.toStdString());
        LoadOptions o;
        o.format = *embeddingFormatFromId(format.toStdString());
        const LoadResult r = loadEmbeddings(path, o);
        QVERIFY(!r.ok);
        QVERIFY(!r.cancelled);
        const QString msg = QString::fromStdString(r.message);
        QVERIFY2(msg.startsWith(QString::fromStdString(path) + ": "), qPrintable(msg));
        QVERIFY2(msg.contains(expected), qPrintable(msg));
    }

    void metadataCountMismatch()
    {
        QTemporaryDir dir;
        const auto vec = writeFile(dir, "vectors.tsv", "1\t2\n3\t4\n");
        const auto meta = writeFile(dir, "m.tsv", "a\nb\nc\n");
        LoadOptions o;
        o.metadataPath = meta;
        const LoadResult r = loadEmbeddings(vec, o);
        QVERIFY(!r.ok);
        QCOMPARE(r.message, meta + ": has 3 label rows but the vectors file has 2 rows");
    }

    void missingFile()
    {
        const LoadResult r = loadEmbeddings("/nonexistent/dir/v.txt");
        QVERIFY(!r.ok);
        QVERIFY2(r.message.rfind("/nonexistent/dir/v.txt: cannot open the file", 0) == 0, r.message.c_str());
    }

    void memoryLimit()
    {
        // 3 rows × 2 floats = 24 bytes (+ labels) cannot fit in 64 bytes: refused before allocating.
        const auto path = writeFile(m_dir, "mem.txt", "a 1 2\nb 3 4\nc 5 6\n");
        LoadOptions o;
        o.memoryLimitBytes = 64;
        const LoadResult r = loadEmbeddings(path, o);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.find("a table of 3 × 2 values needs") != std::string::npos && r.message.find("of memory are available") != std::string::npos,
                 r.message.c_str());
        QVERIFY(availableMemoryBytes() > 0);
    }

    void cancelAndProgress()
    {
        std::string text;
        for (int i = 0; i < 20000; ++i)
            text.append("w").append(std::to_string(i)).append(" ").append(std::to_string(i)).append(" 1\n");
        const auto path = writeFile(m_dir, "many.txt", text);
        LoadControl control;
        LoadOptions o;
        o.control = &control;
        LoadResult r = loadEmbeddings(path, o);
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.table.rows(), 20000);
        QCOMPARE(r.table.vectors(19999, 0), 19999.f);
        QCOMPARE(control.permille.load(), 1000);
        control.cancel = true;
        r = loadEmbeddings(path, o);
        QVERIFY(!r.ok);
        QVERIFY(r.cancelled);
        QCOMPARE(r.message, path + ": loading cancelled");
    }

    void largeMappedFiles()
    {
        // Files over 16 MB: the loader drops the pages of the mapping it has parsed (issue 9's memory
        // bound) while two threads parse the text. What it loads must be what the same bytes parse to
        // from memory (where nothing is dropped), and the values those written.
        const int rows = 100000, dim = 64;
        std::vector<float> values(static_cast<std::size_t>(rows) * dim);
        std::string text;
        text.reserve(static_cast<std::size_t>(rows) * dim * 8);
        char buf[32];
        for (int i = 0; i < rows; ++i) {
            text.append("w").append(std::to_string(i));
            for (int j = 0; j < dim; ++j) {
                const int v = (i * 31 + j * 17) % 20001 - 10000;  // v / 1000 prints exactly with 3 decimals
                values[static_cast<std::size_t>(i) * dim + static_cast<std::size_t>(j)] = static_cast<float>(v) / 1000.0f;
                std::snprintf(buf, sizeof buf, " %.3f", v / 1000.0);
                text.append(buf);
            }
            text.append("\n");
        }
        QVERIFY(text.size() > (std::size_t{32} << 20));
        const std::string npyBytes = npy(1, "<f4", false, "(" + std::to_string(rows) + ", " + std::to_string(dim) + ")", rawBytes(values));
        for (const auto& [name, bytes] : {std::pair<std::string, const std::string*>{"big.txt", &text}, {"big.npy", &npyBytes}}) {
            const LoadResult fromFile = loadEmbeddings(writeFile(m_dir, name, *bytes));
            QVERIFY2(fromFile.ok, fromFile.message.c_str());
            const LoadResult fromMemory = parseEmbeddings(*bytes, name);
            QVERIFY2(fromMemory.ok, fromMemory.message.c_str());
            QCOMPARE(fromFile.table.rows(), rows);
            QCOMPARE(fromFile.table.dim(), dim);
            QVERIFY(fromFile.table.vectors == fromMemory.table.vectors);
            QVERIFY(fromFile.table.labels == fromMemory.table.labels);
            for (int i : {0, 4095, 50000, rows - 1})
                for (int j : {0, 1, dim - 1})
                    QCOMPARE(fromFile.table.vectors(i, j), values[static_cast<std::size_t>(i) * dim + static_cast<std::size_t>(j)]);
        }
        // An error near the end is still reported from the right line, after the pages before it were dropped.
        std::string bad = text;
        bad.replace(bad.rfind(' ') + 1, 1, "x");
        const LoadResult r = loadEmbeddings(writeFile(m_dir, "bad.txt", bad));
        QVERIFY(!r.ok);
        QVERIFY2(r.message.find(": line 100000, column 65: ") != std::string::npos, r.message.c_str());
    }

    void digits()
    {
        const EmbeddingTable t = loadDigits();
        QCOMPARE(t.rows(), 1797);
        QCOMPARE(t.dim(), 64);
        QCOMPARE(t.source, std::string("digits"));
        // Facts of resources/data/digits.csv.gz worked out with zcat | awk: the class counts and the pixel total.
        std::map<std::string, int> counts;
        for (const auto& c : t.classes)
            ++counts[c];
        const int expected[10] = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};
        for (int d = 0; d < 10; ++d)
            QCOMPARE(counts[std::to_string(d)], expected[d]);
        QCOMPARE(static_cast<double>(t.vectors.cast<double>().sum()), 561718.0);
        QCOMPARE(t.vectors.minCoeff(), 0.f);
        QCOMPARE(t.vectors.maxCoeff(), 16.f);
        // First row of the CSV: 0,0,5,13,9,1,0,0,0,0,13,15,... label 0; last row label 8.
        const float first[12] = {0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15};
        for (int j = 0; j < 12; ++j)
            QCOMPARE(t.vectors(0, j), first[j]);
        QCOMPARE(t.labels.front(), std::string("0"));
        QCOMPARE(t.labels.back(), std::string("8"));
    }
};

QTEST_GUILESS_MAIN(TestEmbeddingLoader)
#include "test_embedding_loader.moc"
