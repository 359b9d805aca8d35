// Messages the Qt-free engine builds reach the zh_CN window in Chinese, and
// stay English, byte for byte, everywhere else. A corpus of bad inputs (an
// embedding file of each kind broken in each way the loader names, malformed
// and out-of-range values for every parameter type and every parameter of the
// five tabs, bad custom-surface expressions) is run through the engine; every
// template in every resulting Message must have a finished translation in the
// compiled :/i18n/engine_zh_CN.qm, the Chinese rendering must hold no English
// prose, and the English rendering must equal the engine's own text. The last
// tests follow three messages to where the window shows them.
#include "app/builtin_tabs.h"
#include "app/language.h"
#include "engine/core/params.h"
#include "engine/core/parse.h"
#include "engine/io/embedding_loader.h"
#include "engine/optim/surface.h"
#include "widgets/common/engine_message.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/tab.h"
#include "widgets/distributions/distributions_tab.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <cmath>
#include <cstring>
#include <limits>

using namespace aimath;

namespace {

struct Case {
    std::string name;
    Message why;
    std::string english;  ///< what the engine's std::string API returned
};

std::string floats(std::initializer_list<float> v)
{
    std::string out;
    for (float f : v)
        out.append(reinterpret_cast<const char*>(&f), sizeof f);
    return out;
}

std::string doubles(std::initializer_list<double> v)
{
    std::string out;
    for (double d : v)
        out.append(reinterpret_cast<const char*>(&d), sizeof d);
    return out;
}

/// A version 1 .npy file: magic, version, header length, header padded with blanks to 64 bytes, data.
std::string npy(const std::string& header, const std::string& data, char major = 1)
{
    std::string h = header;
    while ((10 + h.size() + 1) % 64 != 0)
        h += ' ';
    h += '\n';
    std::string out("\x93NUMPY", 6);
    out += major;
    out += '\0';
    out += static_cast<char>(h.size() & 0xff);
    out += static_cast<char>(h.size() >> 8);
    return out + h + data;
}

bool writeFile(const QString& path, const std::string& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes.data(), static_cast<qint64>(bytes.size())) == static_cast<qint64>(bytes.size());
}

/// The smallest tab: only what applyTryThis needs.
class ProbeTab : public Tab {
public:
    using Tab::Tab;
    QString id() const override { return QStringLiteral("probe"); }
    QString title() const override { return id(); }
    QJsonObject exportData() const override { return {}; }
    void offer(std::vector<TryThis> items) { setTryThis(std::move(items)); }

protected:
    void onParamsChanged(const std::set<std::string>&) override {}
};

}  // namespace

class TestEngineMessages : public QObject {
    Q_OBJECT

    QTranslator m_engineQm;
    QTemporaryDir m_dir;

    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    /// Every file the loader refuses, one per message it can give.
    std::vector<Case> loaderCorpus() const
    {
        using io::EmbeddingFormat;
        struct Bytes {
            const char* name;
            EmbeddingFormat format;
            std::string bytes;
            std::uint64_t memoryLimit = 0;
        };
        const std::string wideRow = "a" + [] { std::string s; for (int i = 0; i < 100001; ++i) s += " 0"; return s; }() + "\n";
        const std::string wideCsv = [] { std::string s = "0"; for (int i = 0; i < 100002; ++i) s += ",0"; return s + "\n"; }();
        const std::string tallGlove = [] {
            std::string s = "a";
            for (int i = 0; i < 1000; ++i)
                s += " 0";
            s += "\n";
            for (int i = 0; i < 4200; ++i)
                s += "b\n";
            return s;
        }();
        const std::string f4 = "'descr': '<f4', 'fortran_order': False, ";
        const std::vector<Bytes> files{
            {"w2v_header.txt", EmbeddingFormat::Word2VecText, "hello\na 1 2\n"},
            {"w2v_zero.txt", EmbeddingFormat::Word2VecText, "0 3\n"},
            {"w2v_short.txt", EmbeddingFormat::Word2VecText, "1000000 300\na 1 2 3\n"},
            {"w2v_rows.txt", EmbeddingFormat::Word2VecText, "3 2\na 1 2\nb 3 4\n"},
            {"w2v_values.txt", EmbeddingFormat::Word2VecText, "2 2\na 1.0 2.0\nb 3.0\n"},
            {"w2v_many.txt", EmbeddingFormat::Word2VecText, "2 2\na 1 2\nb 3 4 5 6 7 8 9\n"},
            {"w2v_nan.txt", EmbeddingFormat::Word2VecText, "2 2\na 1 nan\nb 1 2\n"},
            {"w2v_inf.txt", EmbeddingFormat::Word2VecText, "2 2\na 1 inf\nb 1 2\n"},
            {"w2v_range.txt", EmbeddingFormat::Word2VecText, "2 2\na 1 1e99\nb 1 2\n"},
            {"w2v_word.txt", EmbeddingFormat::Word2VecText, "2 2\na 1 x\nb 1 2\n"},
            {"w2v_binary.txt", EmbeddingFormat::Word2VecText, std::string("2 2\na 1 \0\nb 1 2\n", 15)},
            {"glove_blank.txt", EmbeddingFormat::GloveText, "\n\n"},
            {"glove_word.txt", EmbeddingFormat::GloveText, "a\nb\n"},
            {"glove_values.txt", EmbeddingFormat::GloveText, "a 1 2\nb 1\n"},
            {"glove_wide.txt", EmbeddingFormat::GloveText, wideRow},
            {"glove_tall.txt", EmbeddingFormat::GloveText, tallGlove},
            {"glove_memory.txt", EmbeddingFormat::GloveText, "a 1 2\nb 3 4\n", 16},
            {"values.csv", EmbeddingFormat::Csv, "1,2\n3\n"},
            {"labelled.csv", EmbeddingFormat::Csv, "w,1,2\nv,3\n"},
            {"header.csv", EmbeddingFormat::Csv, "a,b,c\n1,2\n"},
            {"words.csv", EmbeddingFormat::Csv, "a,b\nc,d\n"},
            {"many.csv", EmbeddingFormat::Csv, "1,2\n3,4,5,6,7\n"},
            {"nan.csv", EmbeddingFormat::Csv, "1,2\n3,nan\n"},
            {"wide.csv", EmbeddingFormat::Csv, wideCsv},
            {"binary.csv", EmbeddingFormat::Csv, std::string("1,2\n\x01,4\n", 8)},
            {"blank.tsv", EmbeddingFormat::Tsv, "\n"},
            {"nonumber.tsv", EmbeddingFormat::Tsv, "a\tb\n"},
            {"bin_line.bin", EmbeddingFormat::Word2VecBinary, "2 2"},
            {"bin_header.bin", EmbeddingFormat::Word2VecBinary, "x y\n"},
            {"bin_zero.bin", EmbeddingFormat::Word2VecBinary, "0 2\n"},
            {"bin_short.bin", EmbeddingFormat::Word2VecBinary, "5 2\nab "},
            {"bin_word.bin", EmbeddingFormat::Word2VecBinary, "1 2\nabcdefghijkl"},
            {"bin_space.bin", EmbeddingFormat::Word2VecBinary, "1 2\n" + std::string(1200, 'a')},
            {"bin_row.bin", EmbeddingFormat::Word2VecBinary, "1 2\nabcdefg " + floats({1.0f})},
            {"bin_nan.bin", EmbeddingFormat::Word2VecBinary, "1 2\nab " + floats({1.0f, std::numeric_limits<float>::quiet_NaN()})},
            {"bin_inf.bin", EmbeddingFormat::Word2VecBinary, "1 2\nab " + floats({std::numeric_limits<float>::infinity(), 1.0f})},
            {"bin_tail.bin", EmbeddingFormat::Word2VecBinary, "1 2\nab " + floats({1.0f, 2.0f}) + "xyz"},
            {"bin_memory.bin", EmbeddingFormat::Word2VecBinary, "1 2\nab " + floats({1.0f, 2.0f}), 16},
            {"magic.npy", EmbeddingFormat::Npy, "abcdefghijk"},
            {"short.npy", EmbeddingFormat::Npy, std::string("\x93NUMPY\x01", 7)},
            {"version.npy", EmbeddingFormat::Npy, npy("{" + f4 + "'shape': (1, 2), }", floats({1, 2}), 9)},
            {"length.npy", EmbeddingFormat::Npy, std::string("\x93NUMPY\x01\x00\xff\x00{}", 12)},
            {"fields.npy", EmbeddingFormat::Npy, npy("{'descr': '<f4', }", floats({1, 2}))},
            {"dtype.npy", EmbeddingFormat::Npy, npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1, 2), }", floats({1, 2}))},
            {"fortran.npy", EmbeddingFormat::Npy, npy("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1, 2), }", floats({1, 2}))},
            {"shape.npy", EmbeddingFormat::Npy, npy("{" + f4 + "'shape': 12, }", floats({1, 2}))},
            {"shape_part.npy", EmbeddingFormat::Npy, npy("{" + f4 + "'shape': (1, x), }", floats({1, 2}))},
            {"cube.npy", EmbeddingFormat::Npy, npy("{" + f4 + "'shape': (1, 1, 2), }", floats({1, 2}))},
            {"empty_shape.npy", EmbeddingFormat::Npy, npy("{" + f4 + "'shape': (0, 2), }", "")},
            {"truncated.npy", EmbeddingFormat::Npy, npy("{" + f4 + "'shape': (2, 2), }", floats({1, 2}))},
            {"extra.npy", EmbeddingFormat::Npy, npy("{" + f4 + "'shape': (1, 2), }", floats({1, 2, 3}))},
            {"nan.npy", EmbeddingFormat::Npy, npy("{" + f4 + "'shape': (1, 2), }", floats({1, std::numeric_limits<float>::quiet_NaN()}))},
            {"inf.npy", EmbeddingFormat::Npy, npy("{" + f4 + "'shape': (1, 2), }", floats({1, -std::numeric_limits<float>::infinity()}))},
            {"f8.npy", EmbeddingFormat::Npy, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", doubles({1, 1e300}))},
            {"memory.npy", EmbeddingFormat::Npy, npy("{" + f4 + "'shape': (1, 2), }", floats({1, 2})), 4},
            {"empty.txt", EmbeddingFormat::Auto, ""},
        };
        std::vector<Case> out;
        for (const Bytes& b : files) {
            io::LoadOptions o;
            o.format = b.format;
            o.memoryLimitBytes = b.memoryLimit;
            const io::LoadResult r = io::parseEmbeddings(b.bytes, b.name, o);
            if (r.ok)
                qFatal("corpus file %s loaded: it must be refused", b.name);
            out.push_back({b.name, r.why, r.message});
        }

        // Files on disk: missing, a folder, empty, and the metadata of a Projector TSV.
        auto load = [&](const char* name, const QString& file, const QString& metadata = {}) {
            io::LoadOptions o;
            o.metadataPath = metadata.toStdString();
            const io::LoadResult r = io::loadEmbeddings(file.toStdString(), o);
            if (r.ok)
                qFatal("corpus file %s loaded: it must be refused", name);
            out.push_back({name, r.why, r.message});
        };
        const QString vectors = path("two_vectors.tsv");
        if (!writeFile(vectors, "1\t2\n3\t4\n") || !writeFile(path("empty.vec"), "") || !writeFile(path("meta_empty.tsv"), "") ||
            !writeFile(path("meta_count.tsv"), "a\nb\nc\n") || !writeFile(path("meta_count2.tsv"), "word\tclass\na\tx\nb\ty\nc\tz\n") ||
            !writeFile(path("meta_columns.tsv"), "word\tclass\na\tx\nb\n") || !writeFile(path("meta_binary.tsv"), std::string("a\x02\nb\n", 5)))
            qFatal("cannot write the corpus files");
        load("missing", path("no_such_file.vec"));
        load("folder", m_dir.path());
        load("empty file", path("empty.vec"));
        load("metadata missing", vectors, path("no_such_metadata.tsv"));
        load("metadata empty", vectors, path("meta_empty.tsv"));
        load("metadata rows", vectors, path("meta_count.tsv"));
        load("metadata rows after header", vectors, path("meta_count2.tsv"));
        load("metadata columns", vectors, path("meta_columns.tsv"));
        load("metadata binary", vectors, path("meta_binary.tsv"));
        return out;
    }

    /// One parameter of every type, each refused in every way validation and parsing can refuse it.
    static std::vector<Case> paramCorpus()
    {
        ParamSet p;
        p.add(ParamSpec::real("temperature", "Temperature", 0.05, 5, 1));
        p.add(ParamSpec::integer("count", "Count", 1, 1000000, 10));
        p.add(ParamSpec::boolean("scaled", "Scaled", true));
        p.add(ParamSpec::choice("mask", "Mask", {"none", "causal"}, "none"));
        p.add(ParamSpec::text("text", "Text", "").maxLen(8));
        p.add(ParamSpec::path("file", "File").maxLen(8));
        p.add(ParamSpec::realList("values", "Values", -1, 1, {0.5}).counts(1, 3));
        p.add(ParamSpec::realList("open_values", "Open values", -1, 1, {0.5, 0.5}).counts(2, std::numeric_limits<std::size_t>::max()));
        p.add(ParamSpec::textList("tokens", "Tokens", {"a"}).counts(1, 2).maxLen(4));
        p.add(ParamSpec::choiceList("formats", "Formats", {"fp16", "bf16"}, {"fp16"}).counts(1, 2));
        const std::vector<std::pair<std::string, std::string>> texts{
            {"temperature", "9"},   {"temperature", "-inf"}, {"temperature", "abc"},  {"temperature", ""},
            {"temperature", "1e999"}, {"temperature", "nan"}, {"count", "2000000"},   {"count", "1.5"},
            {"count", "99999999999999999999"}, {"count", ""}, {"count", "zero"},        {"scaled", "maybe"},
            {"mask", "padding"},    {"text", "123456789"},   {"file", "/tmp/abcdefgh"}, {"values", "0.5,2"},
            {"values", "0.5,x"},    {"values", "1,1,1,1"},   {"values", ""},          {"open_values", "0"},
            {"tokens", "a,b,c"},    {"tokens", "abcdef"},    {"formats", "fp32"},     {"formats", "fp16,fp16"},
            {"formats", "fp16,bf16,fp16"}, {"no_such_key", "1"},
        };
        std::vector<Case> out;
        for (const auto& [key, text] : texts) {
            ParamSet trial = p;
            const std::string english = trial.setFromString(key, text);
            if (english.empty())
                qFatal("%s=%s was accepted: it must be refused", key.c_str(), text.c_str());
            out.push_back({key + "=" + text, trial.trySetFromString(key, text), english});
        }
        // Values of the wrong type (what a session or a tab may hand to set()).
        for (const ParamSpec& s : p.specs()) {
            const ParamValue wrong = s.type == ParamType::Real ? ParamValue(std::string("x")) : ParamValue(0.5);
            out.push_back({s.key + " of the wrong type", p.check(s, wrong), p.validate(s, wrong)});
        }
        return out;
    }

    /// Every parameter of the five tabs: out of range, malformed, too many entries.
    static std::vector<Case> tabParamCorpus()
    {
        std::vector<Case> out;
        for (const TabInfo& tab : builtinTabs()) {
            const ParamSet declared = tab.declareParams();
            for (const ParamSpec& s : declared.specs()) {
                std::vector<std::string> bad;
                switch (s.type) {
                case ParamType::Real:
                case ParamType::Integer:
                    bad = {formatReal(s.max + std::max(1.0, std::fabs(s.max))), formatReal(s.min - std::max(1.0, std::fabs(s.min))), "abc"};
                    break;
                case ParamType::Bool: bad = {"perhaps"}; break;
                case ParamType::Choice: bad = {"no_such_choice"}; break;
                case ParamType::Text:
                case ParamType::Path: bad = {std::string(s.maxLength + 1, 'a')}; break;
                case ParamType::RealList: bad = {formatReal(s.max + 1), "1,x"}; break;
                case ParamType::TextList:
                    bad = {std::string(std::min<std::size_t>(s.maxLength + 1, 200000), 'a')};
                    if (s.maxCount < 1000)
                        bad.push_back(std::string(2 * s.maxCount + 1, ','));
                    break;
                case ParamType::ChoiceList: bad = {"no_such_choice"}; break;
                }
                for (const std::string& text : bad) {
                    ParamSet trial = declared;
                    const std::string english = trial.setFromString(s.key, text);
                    if (english.empty())
                        continue;  // e.g. a list value that happens to be allowed
                    ParamSet again = declared;
                    out.push_back({tab.id.toStdString() + "." + s.key + "=" + text.substr(0, 20), again.trySetFromString(s.key, text), english});
                }
            }
        }
        return out;
    }

    static std::vector<Case> expressionCorpus()
    {
        const std::vector<std::string> bad{
            "",        "   ",      "x +",      "x y",      "(x + y",  "((x)",     "sin x",    "max(x)",   "max(x, y, 1)",
            "sin(x, y)", "foo(x)", "z",        "2e",       "1e999",   "x $ y",    "x + )",    ".",        "1.2.3",
            std::string(300, '(') + "x" + std::string(300, ')'), std::string(10001, '1'),
        };
        std::vector<Case> out;
        for (const std::string& e : bad) {
            optim::SurfaceSettings ss;
            ss.expression = e;
            std::string english;
            if (optim::makeSurface("custom", ss, &english))
                qFatal("expression \"%s\" was accepted", e.c_str());
            Message why;
            optim::makeSurface("custom", ss, &why);
            out.push_back({"expression " + e.substr(0, 20), why, english});
        }
        std::string english;
        Message why;
        optim::makeSurface("sphere", {}, &english);
        optim::makeSurface("sphere", {}, &why);
        out.push_back({"surface sphere", why, english});
        return out;
    }

    std::vector<Case> corpus() const
    {
        std::vector<Case> all = loaderCorpus();
        for (auto* part : {&paramCorpus, &tabParamCorpus, &expressionCorpus})
            for (Case& c : part())
                all.push_back(std::move(c));
        return all;
    }

    /// Templates of m (and of its arguments) that the engine .qm does not translate.
    void untranslated(const Message& m, QStringList& out) const
    {
        if (m.templ() && m_engineQm.translate("aimath::engine", m.templ()).isEmpty())
            out << QString::fromUtf8(m.templ());
        for (const Message& a : m.args())
            untranslated(a, out);
    }

    /// Data arguments that read like English prose (three words in a row): text the engine forgot to make a template.
    static void proseData(const Message& m, QStringList& out)
    {
        static const QRegularExpression prose(QStringLiteral("[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}"));
        if (!m.templ() && prose.match(QString::fromStdString(m.data())).hasMatch())
            out << QString::fromStdString(m.data());
        for (const Message& a : m.args())
            proseData(a, out);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_engineQm.load(QStringLiteral(":/i18n/engine_zh_CN.qm")), "translations/engine_zh_CN.ts is not compiled into the app");
    }

    void cleanup() { installLanguage(QStringLiteral("en")); }

    void englishIsTheEngineText()
    {
        installLanguage(QStringLiteral("en"));
        const std::vector<Case> all = corpus();
        QVERIFY(all.size() > 150);
        qInfo("%zu engine messages in the corpus", all.size());
        for (const Case& c : all) {
            QVERIFY2(!c.why.empty(), c.name.c_str());
            QCOMPARE(c.why.text(), c.english);
            QCOMPARE(trEngine(c.why), QString::fromStdString(c.english));
        }
    }

    void englishTextIsUnchanged_data()
    {
        // Today's text of a few messages, spelled out: the Message form must build exactly these.
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("english");
        QTest::newRow("values") << "w2v_values.txt" << "w2v_values.txt: line 3: expected a word and 2 values, found 1 values";
        QTest::newRow("many") << "w2v_many.txt" << "w2v_many.txt: line 3: expected a word and 2 values, found more than 5 values";
        QTest::newRow("cell") << "w2v_word.txt" << "w2v_word.txt: line 2, column 3: 'x' is not a number";
        QTest::newRow("csv") << "labelled.csv" << "labelled.csv: line 2: expected 3 columns (2 values and a label), found 2";
        QTest::newRow("npy") << "dtype.npy" << "dtype.npy: byte 10: unsupported dtype '<i4': only float32 (<f4) and float64 (<f8) arrays can be loaded";
        QTest::newRow("range") << "count=2000000" << "count: 2000000 is out of range [1, 1000000]";
        QTest::newRow("real") << "temperature=abc" << "temperature: expected a number, got \"abc\"";
        QTest::newRow("list") << "values=0.5,2" << "values: entry 2 (2) is out of range [-1, 1]";
        QTest::newRow("list parse") << "values=0.5,x" << "values: entry 2: expected a number, got \"x\"";
        QTest::newRow("count") << "values=1,1,1,1" << "values: 4 entries given, 1 to 3 entries allowed";
        QTest::newRow("bool") << "scaled=maybe" << "scaled: expected true/false, 1/0 or on/off, got \"maybe\"";
        QTest::newRow("expression") << "expression (x + y" << "expression: column 7: expected ')' to close the '(' at column 1, found end of input";
        QTest::newRow("arity") << "expression max(x)" << "expression: column 6: max takes 2 arguments: expected ',', found ')'";
    }

    void englishTextIsUnchanged()
    {
        QFETCH(QString, name);
        QFETCH(QString, english);
        for (const Case& c : corpus())
            if (QString::fromStdString(c.name) == name) {
                QCOMPARE(QString::fromStdString(c.english), english);
                QCOMPARE(QString::fromStdString(c.why.text()), english);
                return;
            }
        QFAIL(qPrintable(QStringLiteral("no corpus case %1").arg(name)));
    }

    void everyMessageIsTranslated()
    {
        QVERIFY(installLanguage(QStringLiteral("zh_CN")) > 0);
        QStringList problems;
        int checked = 0;
        for (const Case& c : corpus()) {
            QStringList missing;
            untranslated(c.why, missing);
            QStringList prose;
            proseData(c.why, prose);
            const QString zh = trEngine(c.why);
            const bool same = zh == QString::fromStdString(c.english);
            if (!missing.isEmpty() || !prose.isEmpty() || same || !c.why.templ())
                problems << QStringLiteral("%1 → %2\n    untranslated templates: [%3]; English data: [%4]%5")
                                .arg(QString::fromStdString(c.name), zh, missing.join(QStringLiteral(" | ")), prose.join(QStringLiteral(" | ")),
                                     same ? QStringLiteral("; shown in English") : QString());
            ++checked;
        }
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 of %2 engine messages are not fully Chinese:\n%3")
                                                    .arg(problems.size()).arg(checked).arg(problems.join(QLatin1Char('\n')))));
    }

    void chineseKeepsNumbersAndNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("chinese");
        QTest::newRow("values") << "w2v_values.txt" << "w2v_values.txt：第 3 行：应为一个词和 2 个值，实际有 1 个值";
        QTest::newRow("cell") << "w2v_word.txt" << "w2v_word.txt：第 2 行第 3 列：'x' 不是数字";
        QTest::newRow("range") << "count=2000000" << "count：2000000 超出范围 [1, 1000000]";
        QTest::newRow("list") << "values=0.5,2" << "values：第 2 项（2）超出范围 [-1, 1]";
        QTest::newRow("nested") << "values=0.5,x" << "values：第 2 项：应为数字，得到的是 \"x\"";
        QTest::newRow("count") << "values=1,1,1,1" << "values：给出了 4 项，允许 1 到 3 项";
        QTest::newRow("expression") << "expression (x + y" << "expression：第 7 列：应为 ')' 以闭合第 1 列的 '('，实际为 输入结尾";
    }

    void chineseKeepsNumbersAndNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, chinese);
        installLanguage(QStringLiteral("zh_CN"));
        for (const Case& c : corpus())
            if (QString::fromStdString(c.name) == name) {
                QCOMPARE(trEngine(c.why), chinese);
                return;
            }
        QFAIL(qPrintable(QStringLiteral("no corpus case %1").arg(name)));
    }

    void argumentsAreNotRescanned()
    {
        // A value that looks like a placeholder stays as typed, in both languages.
        ParamSet p;
        p.add(ParamSpec::choice("mask", "Mask", {"none", "causal"}, "none"));
        const Message m = p.trySetFromString("mask", "%1%2");
        QCOMPARE(m.text(), std::string("mask: \"%1%2\" is not one of none|causal"));
        QCOMPARE(trEngine(m), QString::fromStdString(m.text()));
        installLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(trEngine(m), QStringLiteral("mask：\"%1%2\" 不是 none|causal 之一"));
    }

    // ---- where the window shows them

    void panelRefusalIsChinese()
    {
        installLanguage(QStringLiteral("zh_CN"));
        ParamSet p;
        p.add(ParamSpec::integer("count", "Count", 1, 1000000, 10));
        ParamPanel panel(&p);
        QSignalSpy rejected(&panel, &ParamPanel::rejected);
        auto* edit = panel.findChild<QLineEdit*>(QStringLiteral("count_edit"));
        QVERIFY(edit);
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("2000000"));
        emit edit->editingFinished();
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(rejected.first().at(1).toString(), QStringLiteral("count：2000000 超出范围 [1, 1000000]"));
        QCOMPARE(p.integer("count"), 10LL);
    }

    void embeddingsTabLoadErrorIsChinese()
    {
        const QString bad = path("bad_tab.txt");
        QVERIFY(writeFile(bad, "a 1 2\nb 3\n"));
        for (const QString& lang : {QStringLiteral("zh_CN"), QStringLiteral("en")}) {
            installLanguage(lang);
            for (const TabInfo& info : builtinTabs()) {
                if (info.id != QLatin1String("embeddings"))
                    continue;
                ParamSet params = info.declareParams();
                QVERIFY(params.setFromString("file", bad.toStdString()).empty());
                QVERIFY(params.setFromString("dataset", "file").empty());
                QVERIFY(params.setFromString("format", "glove").empty());
                std::unique_ptr<Tab> tab(info.create(params));
                QVERIFY(tab->waitUntilIdle(60000));
                QTRY_VERIFY_WITH_TIMEOUT(!tab->currentError().isEmpty(), 60000);
                const QString where = bad + (lang == QLatin1String("en") ? QStringLiteral(": line 2: expected a word and 2 values, found 1 values")
                                                                          : QStringLiteral("：第 2 行：应为一个词和 2 个值，实际有 1 个值"));
                QCOMPARE(tab->currentError(), where);
            }
        }
    }

    void distributionsTableErrorIsChinese()
    {
        for (const QString& lang : {QStringLiteral("zh_CN"), QStringLiteral("en")}) {
            installLanguage(lang);
            for (const TabInfo& info : builtinTabs()) {
                if (info.id != QLatin1String("distributions"))
                    continue;
                ParamSet params = info.declareParams();
                QVERIFY(params.setFromString("view", "decoding").empty());
                std::unique_ptr<Tab> tab(info.create(params));
                auto* vocab = dynamic_cast<DistributionsTab*>(tab.get()) ? dynamic_cast<DistributionsTab*>(tab.get())->vocabularyTable() : nullptr;
                QVERIFY(vocab);
                vocab->item(2, 1)->setText(QStringLiteral("abc"));
                const Message why = parseReal("abc").why;
                if (lang == QLatin1String("en")) {
                    QCOMPARE(tab->currentError(), QStringLiteral("logits: row 3: ") + QString::fromStdString(why.text()));
                } else {
                    QVERIFY(trEngine(why) != QString::fromStdString(why.text()));
                    QCOMPARE(tab->currentError(), QStringLiteral("logits：第 3 行：") + trEngine(why));
                }
            }
        }
    }

    void tryThisRefusalIsChinese()
    {
        installLanguage(QStringLiteral("zh_CN"));
        ParamSet p;
        p.add(ParamSpec::real("temperature", "Temperature", 0.05, 5, 1));
        ProbeTab tab(p);
        tab.offer({{QStringLiteral("bad"), {{"temperature", "1e9"}}}});
        // The return value is for the command line and tests: English; the tab shows Chinese.
        QCOMPARE(QString::fromStdString(tab.applyTryThis(0)), QStringLiteral("temperature: 1e+09 is out of range [0.05, 5]"));
        QCOMPARE(tab.currentError(), QStringLiteral("temperature：1e+09 超出范围 [0.05, 5]"));
        QCOMPARE(tab.params().real("temperature"), 1.0);
    }
};

QTEST_MAIN(TestEngineMessages)
#include "test_engine_messages.moc"
