// Files that claim or contain more than can be loaded fail fast with a message
// and never allocate more than the file could hold (issue 9 §5):
// - headers declaring huge sizes (word2vec text and binary, .npy) are refused
//   from the header, before any allocation;
// - a 200 MB line (GloVe text, CSV) is refused after the first 100,001 fields
//   instead of being split into 100 million; measured in a child process:
//   its peak resident memory may exceed the baseline by the mapped file's
//   pages and a little more, not by the 1.6 GB the fields used to take.
#include "engine/io/embedding_loader.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace aimath;
using aimath::io::EmbeddingFormat;

namespace {

long peakRssKiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

struct ChildLoad {
    std::string message;
    long baselineKiB = 0;
    long peakKiB = 0;
    double seconds = 0;
    bool ok = false;
};

/// Loads `path` in a forked child so that its peak memory is its own.
ChildLoad loadInChild(const std::string& path, EmbeddingFormat format)
{
    int fds[2];
    if (pipe(fds) != 0)
        qFatal("pipe");
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        const long base = peakRssKiB();
        QElapsedTimer t;
        t.start();
        io::LoadOptions o;
        o.format = format;
        const io::LoadResult r = io::loadEmbeddings(path, o);
        const double s = t.nsecsElapsed() / 1e9;
        const std::string out = std::to_string(r.ok) + "\n" + std::to_string(base) + "\n" + std::to_string(peakRssKiB()) + "\n" +
                                std::to_string(s) + "\n" + r.message;
        if (write(fds[1], out.data(), out.size()) < 0)
            _exit(3);
        _exit(0);
    }
    close(fds[1]);
    std::string text;
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0)
        text.append(buf, static_cast<std::size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    ChildLoad c;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        c.message = "child died (status " + std::to_string(status) + ")";
        return c;
    }
    std::size_t a = text.find('\n'), b = text.find('\n', a + 1), d = text.find('\n', b + 1), e = text.find('\n', d + 1);
    c.ok = text.substr(0, a) == "1";
    c.baselineKiB = std::stol(text.substr(a + 1, b - a - 1));
    c.peakKiB = std::stol(text.substr(b + 1, d - b - 1));
    c.seconds = std::stod(text.substr(d + 1, e - d - 1));
    c.message = text.substr(e + 1);
    return c;
}

std::string writeFile(const QTemporaryDir& dir, const char* name, const std::string& bytes)
{
    const std::string path = dir.filePath(QString::fromLatin1(name)).toStdString();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

}  // namespace

class TestHugeInputs : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void hugeHeadersAreRefusedFromTheHeader_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expect");
        QTest::newRow("word2vec text 1e9 rows") << QByteArray("1000000000 300\nw 0.5 0.5\n") << "a.vec" << "header declares 1000000000 rows of 300 values";
        QTest::newRow("word2vec text 1e9 dims") << QByteArray("2 1000000000\nw 0.5\nv 0.5\n") << "a.vec"
                                                << "header declares 2 rows of 1000000000 values, which needs at least 4000 MB but only 12 bytes follow";
        QTest::newRow("word2vec text 2e5 dims") << QByteArray("1 200000\nw") + QByteArray(200000, '0').replace("0", " 0") + "\n" << "a.vec"
                                                << "header declares 200000 dimensions; at most 100000 are supported";
        QTest::newRow("word2vec binary 4e9 rows") << QByteArray("4000000000 300\nw \x01\x02\x03\x04", 20) << "a.bin" << "4000000000";
        QByteArray npy("\x93NUMPY\x01\x00", 8);
        QByteArray header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000, 300), }";
        while ((10 + header.size() + 1) % 64)
            header += ' ';
        header += '\n';
        npy += char(header.size() & 0xff);
        npy += char(header.size() >> 8);
        npy += header;
        npy += QByteArray(64, '\0');
        QTest::newRow("npy 1e9 x 300") << npy << "a.npy" << "1000000000";
        // 50 rows × 100,000 floats is 20 MB, above the 16 MiB a small table may take before
        // it is checked against the file (small tables are parsed for their precise error).
        QByteArray glove = QByteArray("w ") + QByteArray(100000, '1').replace("1", "1 ") + "\n";
        for (int i = 0; i < 49; ++i)
            glove += "v 1\n";
        QTest::newRow("glove first row wider than the file") << glove << "a.txt"
                                                              << "line 1: the first row has 100000 values, but 50 rows of 100000 values need at least";
    }

    void hugeHeadersAreRefusedFromTheHeader()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, name);
        QFETCH(QString, expect);
        const std::string path = writeFile(m_dir, qPrintable(name), bytes.toStdString());
        const ChildLoad c = loadInChild(path, EmbeddingFormat::Auto);
        QVERIFY2(!c.ok, c.message.c_str());
        QVERIFY2(c.message.find(expect.toStdString()) != std::string::npos, c.message.c_str());
        QVERIFY2(c.message.rfind(path, 0) == 0, c.message.c_str());  // names the file
        QVERIFY2(c.seconds < 1.0, qPrintable(QString::number(c.seconds)));
        // Nothing of the declared gigabytes was allocated (and touched).
        QVERIFY2(c.peakKiB - c.baselineKiB < 16 * 1024, qPrintable(QStringLiteral("%1 KiB").arg(c.peakKiB - c.baselineKiB)));
    }

    void glovePastTheLimitIsRefusedExactly()
    {
        // 100,000 values load; 100,001 are refused and the line is named.
        std::string ok = "w";
        for (int i = 0; i < 100000; ++i)
            ok += " 1";
        ok += '\n';
        const io::LoadResult r = io::parseEmbeddings(ok, "wide.txt", {EmbeddingFormat::GloveText});
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.table.dim(), 100000);
        const io::LoadResult bad = io::parseEmbeddings("a 1 2\n" + ok.substr(0, ok.size() - 1) + " 1\n", "wide.txt", {EmbeddingFormat::GloveText});
        QVERIFY(!bad.ok);
        QVERIFY2(bad.message.find("line 2: expected a word and 2 values, found more than 5 values") != std::string::npos, bad.message.c_str());
        const io::LoadResult first = io::parseEmbeddings(ok.substr(0, ok.size() - 1) + " 1\n", "wide.txt", {EmbeddingFormat::GloveText});
        QVERIFY(!first.ok);
        QVERIFY2(first.message.find("line 1: more than 100000 values on one line") != std::string::npos, first.message.c_str());
        // Exact counts are still given for rows that are a little off.
        const io::LoadResult near = io::parseEmbeddings("a 1 2\nb 1 2 3\n", "n.txt", {EmbeddingFormat::GloveText});
        QVERIFY2(near.message.find("line 2: expected a word and 2 values, found 3 values") != std::string::npos, near.message.c_str());
    }

    void longLine_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("separator");
        QTest::addColumn<QString>("expect");
        QTest::newRow("glove 200 MB line") << "line.txt" << " " << "line 1: more than 100000 values on one line (200";
        QTest::newRow("csv 200 MB line") << "line.csv" << "," << "line 1: more than 100001 columns on one line (200";
    }

    /// A 200 MB line: refused quickly, with at most the mapped file's pages and
    /// 64 MiB of working memory above the baseline (it took 1.6 GB of fields before).
    void longLine()
    {
        QFETCH(QString, name);
        QFETCH(QString, separator);
        QFETCH(QString, expect);
        const std::string path = m_dir.filePath(name).toStdString();
        constexpr std::size_t kBytes = 200u * 1000u * 1000u;
        {
            std::FILE* f = std::fopen(path.c_str(), "wb");
            QVERIFY(f);
            std::string chunk;
            for (int i = 0; i < 500000; ++i)
                chunk += "0" + separator.toStdString();
            std::fputs("w", f);
            std::fputs(separator.toLatin1().constData(), f);
            for (std::size_t written = 0; written + chunk.size() <= kBytes; written += chunk.size())
                QVERIFY(std::fwrite(chunk.data(), 1, chunk.size(), f) == chunk.size());
            std::fputs("1\n", f);
            QVERIFY(std::fclose(f) == 0);
        }
        const ChildLoad c = loadInChild(path, EmbeddingFormat::Auto);
        std::remove(path.c_str());
        qInfo("%s: %.2f s, peak resident memory %ld MiB above a %ld MiB baseline, for a %zu MB file: %s", qPrintable(name), c.seconds,
              (c.peakKiB - c.baselineKiB) / 1024, c.baselineKiB / 1024, kBytes / 1000000, c.message.c_str());
        QVERIFY2(!c.ok, c.message.c_str());
        QVERIFY2(c.message.find(expect.toStdString()) != std::string::npos, c.message.c_str());
        QVERIFY2(c.seconds < 20.0, qPrintable(QString::number(c.seconds)));
        const long fileKiB = static_cast<long>(kBytes / 1024);
        QVERIFY2(c.peakKiB - c.baselineKiB < fileKiB + 64 * 1024,
                 qPrintable(QStringLiteral("peak %1 MiB above baseline").arg((c.peakKiB - c.baselineKiB) / 1024)));
    }
};

QTEST_GUILESS_MAIN(TestHugeInputs)
#include "test_huge_inputs.moc"
