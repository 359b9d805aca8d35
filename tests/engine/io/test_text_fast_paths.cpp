// The fast paths of word2vec/GloVe text parsing checked against the general
// path they stand in for: the Clinger number reader against std::from_chars on
// every kind of decimal a file may hold, and the two-thread split at a line
// boundary against the one-thread parse (same table, same first error with the
// same line and column, blank lines and CRLF on both sides of the split).

#include "engine/io/embedding_loader.h"

#include <QTemporaryDir>
#include <QTest>

#include <charconv>
#include <cmath>
#include <cstring>
#include <random>
#include <string>

using namespace aimath;
using namespace aimath::io;

namespace {

LoadResult parse(const std::string& text, std::size_t parallelMinBytes, EmbeddingFormat format = EmbeddingFormat::GloveText)
{
    LoadOptions o;
    o.format = format;
    o.parallelMinBytes = parallelMinBytes;
    return parseEmbeddings(text, "t.txt", o);
}

constexpr std::size_t kAlwaysSplit = 0;
constexpr std::size_t kNeverSplit = static_cast<std::size_t>(-1);

/// rows × dim table in GloVe layout with a mix of number spellings.
std::string table(int rows, int dim, std::uint64_t seed, bool crlf = false, bool blanks = false)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> g(0.0, 1.0);
    std::string s;
    char buf[64];
    for (int r = 0; r < rows; ++r) {
        if (blanks && r % 7 == 3)
            s += crlf ? " \r\n" : "\t\n";
        s += "w" + std::to_string(r);
        for (int c = 0; c < dim; ++c) {
            const double v = g(rng) * std::pow(10.0, static_cast<int>(rng() % 9) - 4);
            switch (rng() % 5) {
            case 0: std::snprintf(buf, sizeof buf, " %.6f", v); break;
            case 1: std::snprintf(buf, sizeof buf, " %.9g", v); break;
            case 2: std::snprintf(buf, sizeof buf, " %.17g", v); break;  // more digits than the fast path takes
            case 3: std::snprintf(buf, sizeof buf, " %.3e", v); break;
            default: std::snprintf(buf, sizeof buf, "\t%+.4f", v); break;
            }
            s += buf;
        }
        s += crlf ? "\r\n" : "\n";
    }
    return s;
}

}  // namespace

class TestTextFastPaths : public QObject {
    Q_OBJECT
private slots:
    void numbersMatchFromChars()
    {
        // Every value the fast path reads must be the float std::from_chars gives: random decimals of
        // every length and exponent, values at float ties and near the float range limits.
        std::mt19937_64 rng(7);
        std::vector<std::string> toks{"0",     "-0",      "+0.0",    "1",          "0.1",       "-0.000001", "123456789012345",
                                      "1e22",  "1e-22",   "3.4028234e38", "3.4028236e38", "1.1754944e-38", "1.17549e-38",
                                      "1e-45", ".5",      "5.",      "00000000001.25", "16777217", "16777219", "0.333333333333333",
                                      "2.5e+3", "7E-3",   "9007199254740993", "33554433", "1.000000059604644775390625"};
        for (int i = 0; i < 200'000; ++i) {
            char buf[64];
            const double mag = std::pow(10.0, static_cast<double>(rng() % 60) - 30.0) * (static_cast<double>(rng() >> 11) * 0x1p-53);
            const int digits = 1 + static_cast<int>(rng() % 17);
            if (rng() & 1)
                std::snprintf(buf, sizeof buf, "%.*g", digits, (rng() & 1) ? -mag : mag);
            else
                std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(rng() % 12), (rng() & 1) ? -mag : mag);
            toks.emplace_back(buf);
        }
        // Ties between neighbouring floats written exactly: (f + next(f)) / 2 with all its digits.
        for (int i = 0; i < 2000; ++i) {
            const float f = static_cast<float>(std::ldexp(1.0 + static_cast<double>(rng() % (1u << 23)) * 0x1p-23, static_cast<int>(rng() % 40) - 20));
            const double mid = (static_cast<double>(f) + static_cast<double>(std::nextafter(f, 1e30f))) / 2;
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.17g", mid);
            toks.emplace_back(buf);
            std::snprintf(buf, sizeof buf, "%.15g", mid);
            toks.emplace_back(buf);
        }
        // One row per token ("w <token> 1"), parsed in a single file: the fast path reads rows after the first.
        std::string text = "first 1 1\n";
        std::vector<std::string> kept;
        for (const auto& t : toks) {
            float want;
            const char* b = t.data() + (t[0] == '+' ? 1 : 0);
            const auto [p, ec] = std::from_chars(b, t.data() + t.size(), want);
            if (ec != std::errc() || p != t.data() + t.size() || !std::isfinite(want))
                continue;  // the general path's errors are tested in test_embedding_loader
            kept.push_back(t);
            text += "w " + t + " 1\n";
        }
        QVERIFY(kept.size() > 150'000);
        const LoadResult r = parse(text, kNeverSplit);
        QVERIFY2(r.ok, r.message.c_str());
        for (std::size_t i = 0; i < kept.size(); ++i) {
            float want;
            const auto& t = kept[i];
            std::from_chars(t.data() + (t[0] == '+' ? 1 : 0), t.data() + t.size(), want);
            const float got = r.table.vectors(static_cast<Eigen::Index>(i + 1), 0);
            if (std::memcmp(&got, &want, sizeof got) != 0)
                QFAIL(qPrintable(QStringLiteral("'%1': from_chars %2, parsed %3").arg(QString::fromStdString(t)).arg(want, 0, 'g', 9).arg(got, 0, 'g', 9)));
        }
    }

    void splitMatchesOneThread_data()
    {
        QTest::addColumn<bool>("crlf");
        QTest::addColumn<bool>("blanks");
        QTest::newRow("lf") << false << false;
        QTest::newRow("crlf") << true << false;
        QTest::newRow("blank lines") << false << true;
        QTest::newRow("crlf and blank lines") << true << true;
    }
    void splitMatchesOneThread()
    {
        QFETCH(bool, crlf);
        QFETCH(bool, blanks);
        const std::string text = table(3001, 17, 11, crlf, blanks);
        const LoadResult one = parse(text, kNeverSplit);
        const LoadResult two = parse(text, kAlwaysSplit);
        QVERIFY2(one.ok, one.message.c_str());
        QVERIFY2(two.ok, two.message.c_str());
        QCOMPARE(two.table.rows(), 3001);
        QCOMPARE(two.table.dim(), 17);
        QVERIFY(two.table.labels == one.table.labels);
        QVERIFY(two.table.vectors == one.table.vectors);
        QCOMPARE(two.table.labels[3000], std::string("w3000"));
        // word2vec text (a header line first) splits the same way
        const std::string w2v = "3001 17\n" + text;
        const LoadResult w = parse(w2v, kAlwaysSplit, EmbeddingFormat::Word2VecText);
        QVERIFY2(w.ok, w.message.c_str());
        QVERIFY(w.table.vectors == one.table.vectors);
    }

    void errorsKeepTheirLineAcrossTheSplit_data()
    {
        QTest::addColumn<int>("badRow");        // 0-based data row that gets a bad value
        QTest::addColumn<int>("secondBadRow");  // another bad row later, or -1
        QTest::newRow("first half") << 100 << -1;
        QTest::newRow("second half") << 2900 << -1;
        QTest::newRow("both halves: the first one is reported") << 200 << 2800;
        QTest::newRow("last row") << 2999 << -1;
    }
    void errorsKeepTheirLineAcrossTheSplit()
    {
        QFETCH(int, badRow);
        QFETCH(int, secondBadRow);
        for (bool blanks : {false, true}) {
            std::string text = table(3000, 5, 3, false, blanks);
            // Replace the third value of the chosen rows by "x1" (line numbers then come from one-thread parsing).
            for (int row : {secondBadRow, badRow}) {
                if (row < 0)
                    continue;
                const std::string key = "w" + std::to_string(row);
                std::size_t at = text.find("\n" + key + " ");
                at = at == std::string::npos ? text.find("\n" + key + "\t") : at;
                QVERIFY(at != std::string::npos);
                std::size_t p = at + 1 + key.size();
                for (int field = 0; field < 3; ++field) {  // to the start of the third value
                    while (text[p] == ' ' || text[p] == '\t')
                        ++p;
                    if (field < 2)
                        while (text[p] != ' ' && text[p] != '\t')
                            ++p;
                }
                text.insert(p, "x");
            }
            const LoadResult one = parse(text, kNeverSplit);
            const LoadResult two = parse(text, kAlwaysSplit);
            QVERIFY(!one.ok);
            QVERIFY(!two.ok);
            QCOMPARE(two.message, one.message);
            QVERIFY2(one.message.find(", column 4: 'x") != std::string::npos, one.message.c_str());
        }
        // And by hand: the bad value on line 2,901 with no blank lines.
        std::string text = table(3000, 2, 5);
        const std::size_t at = text.find("\nw2900 ");
        text.replace(at + 7, 0, "nan ");
        const LoadResult two = parse(text, kAlwaysSplit);
        QVERIFY(!two.ok);
        QVERIFY2(two.message.find("line 2901: expected a word and 2 values, found 3 values") != std::string::npos, two.message.c_str());
    }

    void ragged_rows_and_cancel_on_the_second_thread()
    {
        std::string text = table(3000, 4, 9);
        const std::size_t at = text.find("\nw2500 ");
        text.insert(text.find('\n', at + 1), " 1.5");
        const LoadResult two = parse(text, kAlwaysSplit);
        QVERIFY(!two.ok);
        QVERIFY2(two.message.find("line 2501: expected a word and 4 values, found 5 values") != std::string::npos, two.message.c_str());

        LoadControl control;
        control.cancel = true;
        LoadOptions o;
        o.parallelMinBytes = kAlwaysSplit;
        o.format = EmbeddingFormat::GloveText;
        o.control = &control;
        const LoadResult c = parseEmbeddings(table(20000, 2, 1), "c.txt", o);
        QVERIFY(!c.ok);
        QVERIFY(c.cancelled);
    }
};

QTEST_GUILESS_MAIN(TestTextFastPaths)
#include "test_text_fast_paths.moc"
