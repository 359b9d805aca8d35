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
#include "engine/attention/attention.h"
#include "engine/attention/problem.h"
#include "engine/attention/tokenizer.h"
#include "engine/core/params.h"
#include "engine/core/parse.h"
#include "engine/io/embedding_loader.h"
#include "engine/linalg/neighbors.h"
#include "engine/linalg/pca.h"
#include "engine/linalg/semantic_vectors.h"
#include "engine/optim/surface.h"
#include "engine/prob/divergence.h"
#include "engine/prob/sampling.h"
#include "widgets/common/engine_message.h"
#include "widgets/common/number_text.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/readout_panel.h"
#include "widgets/common/tab.h"
#include "widgets/distributions/distributions_tab.h"
#include "widgets/embeddings/embeddings_tab.h"

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
#include <tuple>

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

    /// The attention tab's refusals: the spec check (what the panel, Try this and the tab show), the tokenizer
    /// and the engine's own checks (the toy mode's Q, K, V; a vector that is not finite; an empty input).
    static std::vector<Case> attentionCorpus()
    {
        using namespace attention;
        std::vector<Case> out;
        const auto spec = [](auto change) {
            Spec s;
            s.text = "the cat sat";
            change(s);
            return s;
        };
        const std::vector<std::pair<std::string, Spec>> specs{
            {"text empty", spec([](Spec& s) { s.text = "  "; })},
            {"text long", spec([](Spec& s) { s.text.clear(); for (int i = 0; i < 600; ++i) s.text += "a "; })},
            {"seq_len", spec([](Spec& s) { s.source = Source::Random; s.seqLen = 5000; })},
            {"manual_q odd", spec([](Spec& s) { s.source = Source::Manual; s.manualQ = {1, 2, 3}; })},
            {"manual_q many", spec([](Spec& s) { s.source = Source::Manual; s.manualQ = std::vector<double>(14, 1.0); })},
            {"manual_k", spec([](Spec& s) { s.source = Source::Manual; s.manualQ = {1, 0, 0, 1}; s.manualK = {1, 0}; s.manualV = {1, 0, 0, 1}; })},
            {"manual_v", spec([](Spec& s) { s.source = Source::Manual; s.manualQ = {1, 0, 0, 1}; s.manualK = {1, 0, 0, 1}; s.manualV = {1, 0, 0, 1, 1, 1}; })},
            {"d_model", spec([](Spec& s) { s.dModel = 0; })},
            {"heads", spec([](Spec& s) { s.heads = 3; })},
            {"temperature", spec([](Spec& s) { s.temperature = 0; })},
            {"pad", spec([](Spec& s) { s.mask = Mask::Padding; s.pad = 3; })},
        };
        for (const auto& [name, s] : specs) {
            const std::string english = checkSpec(s);
            if (english.empty())
                qFatal("attention spec %s was accepted: it must be refused", name.c_str());
            out.push_back({"attention " + name, checkSpecMessage(s), english});
            const Prepared p = prepare(s, nullptr);
            out.push_back({"attention prepare " + name, p.why, p.message});
        }
        const Tokens t = tokenize("");
        out.push_back({"tokenize empty", t.why, t.error});

        const Eigen::MatrixXd x = Eigen::MatrixXd::Ones(4, 8);
        const auto run = [&](const char* name, const Eigen::MatrixXd& in, auto change) {
            Options o;
            o.heads = 2;
            change(o);
            const Result r = computeAttention(in, o);
            if (r.ok)
                qFatal("attention run %s succeeded: it must be refused", name);
            out.push_back({std::string("attention run ") + name, r.why, r.message});
        };
        run("no tokens", Eigen::MatrixXd(0, 8), [](Options&) {});
        run("temperature", x, [](Options& o) { o.temperature = -1; });
        run("scale_factor", x, [](Options& o) { o.scaleFactor = std::numeric_limits<double>::infinity(); });
        run("pad", x, [](Options& o) { o.mask = Mask::Padding; o.pad = 4; });
        run("heads", x, [](Options& o) { o.heads = 3; });
        Eigen::MatrixXd nan = x;
        nan(1, 2) = std::numeric_limits<double>::quiet_NaN();
        run("not finite", nan, [](Options&) {});
        Result r;
        computeFromQkv(Eigen::MatrixXd::Ones(3, 2), Eigen::MatrixXd::Ones(2, 2), Eigen::MatrixXd::Ones(3, 2), Options{}, r);
        out.push_back({"attention run manual", r.why, r.message});
        return out;
    }

    /// PCA's refusals and the word lookups of the embeddings tab (select, analogy).
    static std::vector<Case> embeddingCorpus()
    {
        std::vector<Case> out;
        const linalg::RowMatrixF one = linalg::RowMatrixF::Ones(1, 3);
        linalg::PcaResult r = linalg::pca(one);
        out.push_back({"pca rows", r.why, r.message});
        const linalg::RowMatrixF wide = linalg::RowMatrixF::Random(10, 6);
        const linalg::Normalization five = linalg::fitNormalization(linalg::RowMatrixF::Random(10, 5), linalg::Normalize::Center);
        r = linalg::pca(wide, five);
        out.push_back({"pca normalisation", r.why, r.message});
        const std::atomic<bool> cancel{true};
        linalg::PcaOptions o;
        o.cancel = &cancel;
        r = linalg::pca(wide, o);
        out.push_back({"pca cancelled", r.why, r.message});

        const EmbeddingTable t = linalg::semanticVectors();
        const Eigen::VectorXd norms = linalg::rowNorms(t.vectors);
        for (const char* name : {"kingg", "#99999"}) {
            std::string english;
            Message why;
            if (linalg::resolveRow(t, name, &english) >= 0 || linalg::resolveRow(t, name, &why) >= 0)
                qFatal("row %s was found: it must be refused", name);
            out.push_back({std::string("select ") + name, why, english});
        }
        for (const char* e : {"", "king - - man", "king man", "king - kingg", "king - #99999", "king -"}) {
            const linalg::AnalogyResult a = linalg::analogy(t, norms, e, linalg::Metric::Cosine, 5);
            if (a.ok)
                qFatal("analogy %s was solved: it must be refused", e);
            out.push_back({std::string("analogy ") + e, a.why, a.message});
        }
        return out;
    }

    /// The distributions engine's checks: every family's invalid parameters (what compare and fitGaussian
    /// wrap as "P: …"/"Q: …" and a degenerate MLE as "(…)"), P and Q of two kinds, the reverse fit of a
    /// bounded or discrete P, and the MLEs the sampling view reaches (one sample, all zeros).
    static std::vector<Case> probCorpus()
    {
        using namespace prob;
        std::vector<Case> out;
        const double inf = std::numeric_limits<double>::infinity();
        const auto with = [](Family f, auto change) {
            Distribution d;
            d.family = f;
            change(d);
            return d;
        };
        const std::vector<std::pair<std::string, Distribution>> bad{
            {"gaussian mu", with(Family::Gaussian, [&](Distribution& d) { d.mu = inf; })},
            {"gaussian sigma", with(Family::Gaussian, [](Distribution& d) { d.sigma = 0; })},
            {"laplace scale", with(Family::Laplace, [](Distribution& d) { d.scale = -1; })},
            {"uniform finite", with(Family::Uniform, [&](Distribution& d) { d.high = inf; })},
            {"uniform order", with(Family::Uniform, [](Distribution& d) { d.low = 2; })},
            {"exponential lambda", with(Family::Exponential, [](Distribution& d) { d.lambda = 0; })},
            {"beta alpha", with(Family::Beta, [](Distribution& d) { d.alpha = 0; })},
            {"beta beta", with(Family::Beta, [](Distribution& d) { d.beta = 0; })},
            {"mixture mu", with(Family::Mixture, [&](Distribution& d) { d.mu2 = -inf; })},
            {"mixture sigma", with(Family::Mixture, [](Distribution& d) { d.sigma = 0; })},
            {"mixture sigma2", with(Family::Mixture, [](Distribution& d) { d.sigma2 = 0; })},
            {"mixture w", with(Family::Mixture, [](Distribution& d) { d.w = 2; })},
            {"bernoulli p", with(Family::Bernoulli, [](Distribution& d) { d.p = 1.5; })},
            {"binomial n", with(Family::Binomial, [](Distribution& d) { d.n = 0; })},
            {"categorical empty", with(Family::Categorical, [](Distribution& d) { d.probs.clear(); })},
            {"categorical entry", with(Family::Categorical, [](Distribution& d) { d.probs = {1, -1}; })},
            {"categorical zero", with(Family::Categorical, [](Distribution& d) { d.probs = {0, 0}; })},
            {"family", with(static_cast<Family>(99), [](Distribution&) {})},
        };
        const Distribution gaussian;
        for (const auto& [name, d] : bad) {
            const std::string english = validate(d);
            if (english.empty())
                qFatal("distribution %s was accepted: it must be refused", name.c_str());
            out.push_back({"validate " + name, validateMessage(d), english});
            if (name == "family")
                continue;  // no Gaussian goes with it in compare
            const Comparison p = compare(d, isDiscrete(d.family) ? with(Family::Bernoulli, [](Distribution&) {}) : gaussian);
            out.push_back({"compare P " + name, p.why, p.message});
        }
        const Comparison q = compare(gaussian, bad[1].second);
        out.push_back({"compare Q", q.why, q.message});
        const Comparison kinds = compare(gaussian, with(Family::Poisson, [](Distribution&) {}));
        out.push_back({"compare kinds", kinds.why, kinds.message});
        for (const auto& [name, p, objective] : {std::tuple{"fit invalid", bad[1].second, FitObjective::Forward},
                                                 std::tuple{"fit discrete", with(Family::Poisson, [](Distribution&) {}), FitObjective::Forward},
                                                 std::tuple{"fit bounded", with(Family::Uniform, [](Distribution&) {}), FitObjective::Reverse}}) {
            const GaussianFit f = fitGaussian(p, objective);
            if (f.ok)
                qFatal("%s succeeded: it must be refused", name);
            out.push_back({name, f.why, f.message});
        }
        const auto mle = [&](const char* name, const std::vector<double>& xs, const Distribution& model) {
            const MleResult r = maximumLikelihood(xs, model);
            if (r.ok)
                qFatal("MLE %s succeeded: it must be refused", name);
            out.push_back({std::string("mle ") + name, r.why, r.message});
        };
        mle("no samples", {}, gaussian);
        mle("gaussian one", {0.5}, gaussian);
        mle("laplace one", {0.5}, with(Family::Laplace, [](Distribution&) {}));
        mle("uniform one", {0.5}, with(Family::Uniform, [](Distribution&) {}));
        mle("poisson zeros", {0, 0}, with(Family::Poisson, [](Distribution&) {}));
        mle("beta one", {0.5}, with(Family::Beta, [](Distribution&) {}));
        return out;
    }

    std::vector<Case> corpus() const
    {
        std::vector<Case> all = loaderCorpus();
        for (auto* part : {&paramCorpus, &tabParamCorpus, &expressionCorpus, &attentionCorpus, &embeddingCorpus, &probCorpus})
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
        QTest::newRow("tokens") << "attention text long" << "text: more than 512 tokens (words and punctuation count separately); shorten the sentence";
        QTest::newRow("toy") << "attention manual_q many" << "manual_q: 7 vectors given; the toy mode takes 2 to 6 tokens (4 to 12 numbers)";
        QTest::newRow("pca") << "pca rows" << "PCA needs at least 2 rows and 1 column (the data has 1 × 3)";
        QTest::newRow("analogy") << "analogy king man" << "analogy: missing '+' or '-' before 'man' (separate terms with spaces: \"king - man + woman\")";
        QTest::newRow("select") << "select kingg" << "'kingg' is not a label of the data set";
        QTest::newRow("prob entry") << "validate categorical entry" << "probs entry 2 must be a finite non-negative weight";
        QTest::newRow("prob P") << "compare P gaussian sigma" << "P: sigma must be > 0";
        QTest::newRow("prob mle") << "mle gaussian one" << "the MLE is degenerate for this sample (sigma must be > 0)";
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
        QTest::newRow("heads") << "attention heads" << "heads：3 不能整除 d_model = 64（每个注意力头分得 d_model / heads 列）；请试一个约数，例如 1、2 或 4";
        QTest::newRow("pad") << "attention run pad" << "pad：对 4 个词元中的最后 4 个做掩码后，没有可关注的键；请用 0 到 3";
        QTest::newRow("toy") << "attention manual_q many" << "manual_q：给出了 7 个向量；玩具模式接受 2 到 6 个词元（4 到 12 个数）";
        QTest::newRow("pca") << "pca rows" << "主成分分析（PCA）至少需要 2 行 1 列（数据为 1 × 3）";
        QTest::newRow("select") << "select #99999" << "'#99999' 超出范围（行 #0 到 #%1）";
        QTest::newRow("analogy") << "analogy king - kingg" << "analogy：'kingg' 不是数据集中的标签";
        QTest::newRow("analogy operator") << "analogy king man" << "analogy：'man' 之前缺少 '+' 或 '-'（各项之间用空格分开：\"king - man + woman\"）";
        QTest::newRow("prob entry") << "validate categorical entry" << "probs 的第 2 项必须是有限的非负权重";
        QTest::newRow("prob mle") << "mle gaussian one" << "对这个样本，最大似然估计退化（sigma 必须 > 0）";
    }

    void chineseKeepsNumbersAndNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, chinese);
        installLanguage(QStringLiteral("zh_CN"));
        if (name == QLatin1String("select #99999"))
            chinese = chinese.arg(linalg::semanticVectors().rows() - 1);
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

    void distributionsMleNoteIsChinese()
    {
        // One sample: the Gaussian MLE has σ = 0. The readout read "对这个样本，最大似然估计退化（sigma must be > 0）":
        // the tab translated the outer sentence and left the engine's reason English.
        for (const QString& lang : {QStringLiteral("zh_CN"), QStringLiteral("en")}) {
            installLanguage(lang);
            for (const TabInfo& info : builtinTabs()) {
                if (info.id != QLatin1String("distributions"))
                    continue;
                ParamSet params = info.declareParams();
                for (const auto& [k, v] : {std::pair{"view", "sampling"}, {"p_family", "gaussian"}, {"samples", "1"}})
                    QVERIFY(params.setFromString(k, v).empty());
                std::unique_ptr<Tab> tab(info.create(params));
                QVERIFY(tab->waitUntilIdle(60000));
                const auto* panel = tab->findChild<ReadoutPanel*>();
                QVERIFY(panel);
                QStringList shown;
                for (const auto& [k, v] : panel->rows())
                    shown << v;
                const QString want = lang == QLatin1String("en") ? QStringLiteral("the MLE is degenerate for this sample (sigma must be > 0)")
                                                                 : QStringLiteral("对这个样本，最大似然估计退化（sigma 必须 > 0）");
                QVERIFY2(shown.contains(want), qPrintable(shown.join(QStringLiteral(" | "))));
            }
        }
    }

    void distributionsVocabularyRefusalIsChinese()
    {
        // A logit that parses but is out of range: the parameter's own refusal, through Tab::setParams.
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
                vocab->item(2, 1)->setText(QStringLiteral("500"));
                QCOMPARE(tab->currentError(), lang == QLatin1String("en") ? QStringLiteral("logits: entry 3 (500) is out of range [-100, 100]")
                                                                          : QStringLiteral("logits：第 3 项（500）超出范围 [-100, 100]"));
                QCOMPARE(tab->params().reals("logits")[2], 2.9);
            }
        }
    }

    void attentionConstraintIsChinese()
    {
        // The tab's constraint is what the panel's refusal, Try this and --set show.
        for (const QString& lang : {QStringLiteral("zh_CN"), QStringLiteral("en")}) {
            installLanguage(lang);
            for (const TabInfo& info : builtinTabs()) {
                if (info.id != QLatin1String("attention"))
                    continue;
                ParamSet params = info.declareParams();
                QVERIFY(params.setFromString("source", "text").empty());
                QVERIFY(params.setFromString("text", "  ").empty());
                QCOMPARE(QString::fromStdString(params.checkConstraints()),
                         lang == QLatin1String("en") ? QStringLiteral("text: the sentence is empty; type at least one word")
                                                     : QStringLiteral("text：句子为空；请至少输入一个词"));
            }
        }
    }

    void embeddingsAnalogyNoteIsChinese()
    {
        for (const QString& lang : {QStringLiteral("zh_CN"), QStringLiteral("en")}) {
            installLanguage(lang);
            for (const TabInfo& info : builtinTabs()) {
                if (info.id != QLatin1String("embeddings"))
                    continue;
                ParamSet params = info.declareParams();
                QVERIFY(params.setFromString("dataset", "semantic").empty());
                QVERIFY(params.setFromString("analogy", "king - kingg").empty());
                QVERIFY(params.setFromString("select", "#99999").empty());
                std::unique_ptr<Tab> tab(info.create(params));
                QVERIFY(tab->waitUntilIdle(60000));
                auto* emb = dynamic_cast<EmbeddingsTab*>(tab.get());
                QVERIFY(emb);
                QTRY_VERIFY_WITH_TIMEOUT(!emb->note().isEmpty(), 60000);
                const QString last = QString::number(linalg::semanticVectors().rows() - 1);
                const QString note = emb->note();
                if (lang == QLatin1String("en")) {
                    QVERIFY2(note.contains(QStringLiteral("analogy: 'kingg' is not a label of the data set")), qPrintable(note));
                    QVERIFY2(note.contains(QStringLiteral("select: '#99999' is out of range (rows #0 to #%1)").arg(last)), qPrintable(note));
                } else {
                    QVERIFY2(note.contains(QStringLiteral("analogy：'kingg' 不是数据集中的标签")), qPrintable(note));
                    QVERIFY2(note.contains(QStringLiteral("select：'#99999' 超出范围（行 #0 到 #%1）").arg(last)), qPrintable(note));
                }
            }
        }
    }

    void countsAreGroupedInTheWindowLocale()
    {
        // LANG may be C here (no grouping): the window's language decides.
        for (const QString& lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            installLanguage(lang);
            QCOMPARE(windowLocale().name(), lang == QLatin1String("en") ? QStringLiteral("en_US") : QStringLiteral("zh_CN"));
            QCOMPARE(countText(9999), QStringLiteral("9999"));
            QCOMPARE(countText(-9999), QStringLiteral("-9999"));
            QCOMPARE(countText(10000), QStringLiteral("10,000"));
            QCOMPARE(countText(1000000), QStringLiteral("1,000,000"));
            QCOMPARE(countText(-123456), QStringLiteral("-123,456"));
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
