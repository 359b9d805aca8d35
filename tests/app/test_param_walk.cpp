// Every parameter of every built-in tab at its extremes (issue 9 §3).
//
// In process, through the real window: each parameter alone at its declared
// minimum, maximum and a few seeded random values (every choice, both bools,
// lists at their shortest and longest), then under every inner view at its
// minimum and maximum, then pairwise combinations of the parameters that
// interact. After each change the tab must come back idle with either no error
// or a short message; every visible plotted value, axis range, item position,
// readout and export-data number must be finite (NaN only as a deliberate gap
// in a line or an empty heatmap cell, never a whole series); the figure must
// render to a non-blank image. Bad values are refused with a message naming the
// key and the range, in process for every parameter and through the real
// binary for a sample (exit code 2).
#include "app/builtin_tabs.h"
#include "app/main_window.h"
#include "engine/core/params.h"
#include "engine/core/parse.h"
#include "tests/support/run_process.h"
#include "widgets/common/figure_export.h"
#include "widgets/common/readout_panel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <qcustomplot.h>

#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <set>

using namespace aimath;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString describe(const ParamValue& v)
{
    std::string text;
    if (auto d = std::get_if<double>(&v))
        text = formatReal(*d);
    else if (auto i = std::get_if<long long>(&v))
        text = std::to_string(*i);
    else if (auto b = std::get_if<bool>(&v))
        text = *b ? "true" : "false";
    else if (auto str = std::get_if<std::string>(&v))
        text = *str;
    else if (auto ds = std::get_if<std::vector<double>>(&v))
        text = formatRealList(*ds);
    else
        text = joinTextList(std::get<std::vector<std::string>>(v));
    const QString t = q(text);
    return t.size() > 60 ? t.left(57) + QStringLiteral("…(%1 chars)").arg(t.size()) : t;
}

}  // namespace

class TestParamWalk : public QObject {
    Q_OBJECT

    static constexpr qint64 kSampleBudgetMs = 12000;

    using Rng = std::mt19937_64;
    QTemporaryDir m_dir;
    MainWindow* m_window = nullptr;
    Rng m_rng{20261129};
    QStringList m_failures;
    int m_checks = 0;
    int m_refused = 0;
    int m_errors = 0;
    int m_skipped = 0;
    QElapsedTimer m_budget;
    qint64 m_budgetMs = -1;  ///< views and pairs: stop sampling after this long (-1: no limit)
    QString m_embeddingsFile;
    QString m_missingFile;

    // ---- values --------------------------------------------------------------
    double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(m_rng); }

    double randomReal(const ParamSpec& s)
    {
        if (s.scale == ParamScale::Log && s.min > 0)
            return std::exp(uniform(std::log(s.min), std::log(s.max)));
        return uniform(s.min, s.max);
    }

    long long randomInteger(const ParamSpec& s)
    {
        if (s.scale == ParamScale::Log && s.min > 0)
            return std::clamp(std::llround(std::exp(uniform(std::log(s.min), std::log(s.max)))), static_cast<long long>(s.min),
                              static_cast<long long>(s.max));
        return std::uniform_int_distribution<long long>(static_cast<long long>(s.min), static_cast<long long>(s.max))(m_rng);
    }

    std::string randomText(std::size_t i)
    {
        static const char* const kWords[] = {"king", "the", "0.1", "-65504", "1e-30", "3.5", "∑ü", "a b", "1e300", "x"};
        return std::string(kWords[(i + m_rng()) % 10]) + (m_rng() % 3 == 0 ? std::to_string(i) : std::string());
    }

    std::size_t longest(const ParamSpec& s) const { return std::min<std::size_t>(s.maxCount, 64); }

    ParamValue listOf(const ParamSpec& s, std::size_t n, int mode)  // mode 0 min, 1 max, 2 random
    {
        if (s.type == ParamType::RealList) {
            std::vector<double> v;
            for (std::size_t i = 0; i < n; ++i)
                v.push_back(mode == 0 ? s.min : mode == 1 ? s.max : randomReal(s));
            return v;
        }
        std::vector<std::string> v;
        if (s.type == ParamType::ChoiceList) {
            for (std::size_t i = 0; i < n && i < s.choices.size(); ++i)
                v.push_back(s.choices[i]);
            return v;
        }
        for (std::size_t i = 0; i < n; ++i)
            v.push_back(mode == 1 ? std::string(std::min<std::size_t>(s.maxLength, 64), 'w') : randomText(i));
        return v;
    }

    /// min, max and `randoms` random values; every choice; both bools; lists short and long.
    std::vector<ParamValue> valuesFor(const ParamSpec& s, int randoms)
    {
        std::vector<ParamValue> out;
        switch (s.type) {
        case ParamType::Real:
            out = {s.min, s.max};
            for (int i = 0; i < randoms; ++i)
                out.push_back(randomReal(s));
            break;
        case ParamType::Integer:
            out = {static_cast<long long>(s.min), static_cast<long long>(s.max)};
            for (int i = 0; i < randoms; ++i)
                out.push_back(randomInteger(s));
            break;
        case ParamType::Bool: out = {false, true}; break;
        case ParamType::Choice:
            for (const auto& c : s.choices)
                out.push_back(c);
            break;
        case ParamType::Text: {
            out = {std::string(), std::string("((( ∑ 日本 \\ , ; \" ' $ ^"), std::string(s.maxLength > 4000 ? 4000 : s.maxLength, 'x')};
            std::string words;
            while (words.size() + 6 <= std::min<std::size_t>(s.maxLength, 20000))
                words += "word ";
            out.push_back(words);
            break;
        }
        case ParamType::Path: out = {std::string(), m_missingFile.toStdString(), m_embeddingsFile.toStdString()}; break;
        case ParamType::RealList:
        case ParamType::TextList:
            out = {listOf(s, s.minCount, 0), listOf(s, longest(s), 1)};
            for (int i = 0; i < randoms; ++i)
                out.push_back(listOf(s, s.minCount + m_rng() % (longest(s) - s.minCount + 1), 2));
            break;
        case ParamType::ChoiceList:
            if (s.minCount == 0)
                out.push_back(std::vector<std::string>{});
            for (const auto& c : s.choices)
                out.push_back(std::vector<std::string>{c});
            out.push_back(listOf(s, std::min(s.maxCount, s.choices.size()), 1));
            break;
        }
        return out;
    }

    /// For views and pairs: the extremes only (every choice, both bools).
    std::vector<ParamValue> extremesOf(const ParamSpec& s)
    {
        std::vector<ParamValue> v = valuesFor(s, 0);
        if (s.type == ParamType::Text || s.type == ParamType::Path)
            v.resize(std::min<std::size_t>(v.size(), 2));
        return v;
    }

    // ---- checks ---------------------------------------------------------------
    void fail(const QString& where, const QString& what) { m_failures << where + QStringLiteral(": ") + what; }

    static bool badNumberText(const QString& text)
    {
        static const QRegularExpression re(QStringLiteral("(^|[^A-Za-z])(-?nan|-?inf)([^A-Za-z]|$)"), QRegularExpression::CaseInsensitiveOption);
        return re.match(text).hasMatch();
    }

    void checkJson(const QJsonValue& v, const QString& path, const QString& where, int& reported)
    {
        if (reported > 3)
            return;
        if (v.isDouble() && !std::isfinite(v.toDouble())) {
            fail(where, QStringLiteral("export data %1 = %2").arg(path).arg(v.toDouble()));
            ++reported;
        } else if (v.isArray()) {
            const QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i)
                checkJson(a.at(i), path + QStringLiteral("[%1]").arg(i), where, reported);
        } else if (v.isObject()) {
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                checkJson(it.value(), path + QLatin1Char('.') + it.key(), where, reported);
        }
    }

    void checkPlot(QCustomPlot* plot, const QString& where)
    {
        const QString name = plot->objectName().isEmpty() ? QStringLiteral("plot") : plot->objectName();
        for (int i = 0; i < plot->plottableCount(); ++i) {
            QCPAbstractPlottable* pl = plot->plottable(i);
            if (!pl->visible())
                continue;
            const QString pn = QStringLiteral("%1/%2 \"%3\"").arg(name, QLatin1String(pl->metaObject()->className()), pl->name());
            if (auto* cm = qobject_cast<QCPColorMap*>(pl)) {
                QCPColorMapData* d = cm->data();
                int finite = 0, inf = 0;
                for (int x = 0; x < d->keySize(); ++x)
                    for (int y = 0; y < d->valueSize(); ++y) {
                        const double c = d->cell(x, y);
                        finite += std::isfinite(c);
                        inf += std::isinf(c);
                    }
                if (inf)
                    fail(where, QStringLiteral("%1 has %2 infinite cells").arg(pn).arg(inf));
                if (d->keySize() * d->valueSize() > 0 && finite == 0)
                    fail(where, QStringLiteral("%1: no finite cell").arg(pn));
                const QCPRange kr = d->keyRange(), vr = d->valueRange(), dr = cm->dataRange();
                if (!std::isfinite(kr.lower) || !std::isfinite(kr.upper) || !std::isfinite(vr.lower) || !std::isfinite(vr.upper))
                    fail(where, QStringLiteral("%1: cell ranges not finite").arg(pn));
                if (!std::isfinite(dr.lower) || !std::isfinite(dr.upper))
                    fail(where, QStringLiteral("%1: data range [%2, %3]").arg(pn).arg(dr.lower).arg(dr.upper));
                continue;
            }
            QCPPlottableInterface1D* d = pl->interface1D();
            if (!d)
                continue;
            const bool lineLike = qobject_cast<QCPGraph*>(pl) || qobject_cast<QCPCurve*>(pl);
            int nanValues = 0, bad = 0;
            QString first;
            for (int k = 0; k < d->dataCount(); ++k) {
                const double key = d->dataMainKey(k), value = d->dataMainValue(k);
                // A NaN value (QCPGraph) or a NaN point (QCPCurve, contour breaks) is a deliberate gap.
                const bool gap = lineLike && std::isnan(value) && !std::isinf(key);
                nanValues += gap;
                if ((!std::isfinite(key) || !std::isfinite(value)) && !gap) {
                    if (!bad++)
                        first = QStringLiteral("point %1 = (%2, %3)").arg(k).arg(key).arg(value);
                }
            }
            if (bad)
                fail(where, QStringLiteral("%1: %2 non-finite points, first %3").arg(pn).arg(bad).arg(first));
            if (d->dataCount() > 0 && nanValues == d->dataCount())
                fail(where, QStringLiteral("%1: all %2 values are NaN").arg(pn).arg(nanValues));
        }
        for (QCPAxisRect* rect : plot->axisRects())
            for (QCPAxis* axis : rect->axes()) {
                const QCPRange r = axis->range();
                if (!std::isfinite(r.lower) || !std::isfinite(r.upper) || !(r.upper > r.lower))
                    fail(where, QStringLiteral("%1: axis range [%2, %3]").arg(name).arg(r.lower).arg(r.upper));
            }
        for (int i = 0; i < plot->itemCount(); ++i) {
            QCPAbstractItem* item = plot->item(i);
            if (!item->visible())
                continue;
            for (QCPItemPosition* pos : item->positions()) {
                const QPointF c = pos->coords();
                if (!std::isfinite(c.x()) || !std::isfinite(c.y()))
                    fail(where, QStringLiteral("%1: %2 position (%3, %4)").arg(name, QLatin1String(item->metaObject()->className())).arg(c.x()).arg(c.y()));
            }
            if (auto* text = qobject_cast<QCPItemText*>(item); text && badNumberText(text->text()))
                fail(where, QStringLiteral("%1: text item \"%2\"").arg(name, text->text()));
        }
        for (QCPLayoutElement* el : plot->plotLayout()->elements(true))
            if (auto* t = qobject_cast<QCPTextElement*>(el); t && badNumberText(t->text()))
                fail(where, QStringLiteral("%1: title \"%2\"").arg(name, t->text()));
    }

    /// Applies `params` to tab `index` and checks everything the user would see.
    void applyAndCheck(int index, const ParamSet& params, const QString& where, bool render = true)
    {
        ++m_checks;
        m_window->applyParams(index, params);
        Tab* tab = m_window->tab(index);
        QElapsedTimer t;
        t.start();
        if (!tab->waitUntilIdle(120000)) {
            fail(where, QStringLiteral("not idle after 120 s"));
            return;
        }
        QApplication::processEvents();
        if (t.elapsed() > 5000)
            qInfo("slow: %s took %lld ms", qPrintable(where), static_cast<long long>(t.elapsed()));
        const QString error = tab->currentError();
        if (!error.isEmpty()) {
            ++m_errors;
            if (error.trimmed().isEmpty() || error.size() > 1000 || error.contains(QLatin1String("std::")) || error.contains(QLatin1String("bad_alloc")))
                fail(where, QStringLiteral("unclear error \"%1\"").arg(error.left(200)));
        }
        for (QCustomPlot* plot : tab->findChildren<QCustomPlot*>())
            if (plot->isVisibleTo(tab))
                checkPlot(plot, where);
        // The precision tab prints NaN and inf on purpose: they are what a format's arithmetic gives.
        const bool numbersAsText = tab->id() == QLatin1String("precision");
        for (ReadoutPanel* r : tab->findChildren<ReadoutPanel*>())
            for (const auto& [name, value] : r->rows())
                if (!numbersAsText && badNumberText(value))
                    fail(where, QStringLiteral("readout %1 = %2").arg(name, value));
        for (QLabel* l : tab->findChildren<QLabel*>())
            if (!numbersAsText && l->isVisibleTo(tab) && badNumberText(l->text()))
                fail(where, QStringLiteral("label \"%1\"").arg(l->text().left(120)));
        int reported = 0;
        checkJson(tab->exportData(), QStringLiteral("$"), where, reported);
        if (render && error.isEmpty()) {
            const QImage image = renderFigure(tab->figure(), QSize(400, 250), 1.0);
            std::set<QRgb> colours;
            for (int y = 0; y < image.height(); y += 5)
                for (int x = 0; x < image.width(); x += 5)
                    colours.insert(image.pixel(x, y));
            if (image.isNull() || colours.size() < 3)
                fail(where, QStringLiteral("figure renders blank (%1 colours)").arg(colours.size()));
        }
    }

    /// Sets `changes` on a copy of `base` and, when the constraints hold, applies it.
    void tryValues(int index, const ParamSet& base, const std::vector<std::pair<std::string, ParamValue>>& changes, bool render = true)
    {
        ParamSet p = base;
        QStringList desc;
        for (const auto& [key, v] : changes) {
            desc << q(key) + QLatin1Char('=') + describe(v);
            if (auto e = p.set(key, v); !e.empty()) {
                fail(m_window->info(index).id + QLatin1Char(' ') + desc.join(QLatin1Char(' ')), QStringLiteral("in-range value refused: ") + q(e));
                return;
            }
        }
        const QString where = m_window->info(index).id + QLatin1Char(' ') + desc.join(QLatin1Char(' '));
        if (m_budgetMs >= 0 && m_budget.elapsed() > m_budgetMs) {
            ++m_skipped;
            return;
        }
        if (const std::string e = p.checkConstraints(); !e.empty()) {
            // A refusal is a fine answer when it names the key at fault.
            ++m_refused;
            const auto colon = e.find(':');
            if (colon == std::string::npos || !p.has(e.substr(0, colon)))
                fail(where, QStringLiteral("constraint message does not start with a key: ") + q(e));
            return;
        }
        applyAndCheck(index, p, where, render);
    }

    ParamSet baseOf(int index, const std::map<std::string, std::string>& overrides)
    {
        ParamSet p = m_window->info(index).declareParams();
        for (const auto& [k, v] : overrides)
            if (auto e = p.setFromString(k, v); !e.empty())
                qFatal("bad base override %s=%s: %s", k.c_str(), v.c_str(), e.c_str());
        return p;
    }

    void report(const QString& what, qint64 ms)
    {
        qInfo("%s: %d states checked, %d refused by constraints, %d shown as errors, %d left out by the time budget, %lld ms", qPrintable(what),
              m_checks, m_refused, m_errors, m_skipped, static_cast<long long>(ms));
        if (!m_failures.isEmpty()) {
            QStringList shown = m_failures.mid(0, 40);
            if (m_failures.size() > 40)
                shown << QStringLiteral("… and %1 more").arg(m_failures.size() - 40);
            QFAIL(qPrintable(QStringLiteral("%1 failures:\n  ").arg(m_failures.size()) + shown.join(QStringLiteral("\n  "))));
        }
    }

    /// budgetMs: the views and pairs are seeded samples; on a loaded machine the
    /// sample is cut after budgetMs (the count left out is printed).
    int prepareTab(const QString& id, qint64 budgetMs = -1)
    {
        m_budgetMs = budgetMs;
        m_budget.start();
        m_skipped = 0;
        const int index = m_window->indexOf(id);
        if (index < 0)
            qFatal("no tab %s", qPrintable(id));
        m_window->setCurrentIndex(index);
        m_failures.clear();
        m_checks = m_refused = m_errors = 0;
        m_rng.seed(20261129 + qHash(id));
        return index;
    }

    struct Pair {
        std::map<std::string, std::string> base;
        std::vector<std::string> keys;
    };

    static std::map<QString, std::vector<Pair>> pairs()
    {
        return {
            {QStringLiteral("attention"),
             {{{{"source", "random"}}, {"seq_len", "heads"}},
              {{}, {"d_model", "heads"}},
              {{}, {"temperature", "scale_factor", "scaled"}},
              {{{"source", "random"}}, {"seq_len", "view"}},
              {{{"source", "random"}}, {"mask", "pad", "seq_len"}},
              {{}, {"source", "view", "show"}},
              {{{"source", "random"}}, {"query", "seq_len"}},
              {{}, {"positional", "d_model", "qk_mode"}},
              {{{"source", "text"}}, {"text", "view"}},
              {{{"source", "random"}}, {"vectors", "seq_len"}}}},
            {QStringLiteral("descent"),
             {{{}, {"surface", "view"}},
              {{}, {"surface", "lr_sgd", "steps"}},
              {{{"optimizers", "adam,adamw,rmsprop,adagrad"}}, {"surface", "lr_adam", "eps"}},
              {{}, {"surface", "batch", "noise"}},
              {{}, {"grid", "view", "show_field"}},
              {{}, {"schedule", "warmup", "steps"}},
              {{}, {"schedule", "step_size", "gamma"}},
              {{}, {"noise", "clip_norm", "lr_momentum"}},
              {{{"optimizers", "adam"}}, {"beta1", "beta2", "eps"}},
              {{{"surface", "custom"}}, {"expression", "view"}},
              {{}, {"start_x", "start_y", "surface"}},
              {{}, {"time", "steps"}}}},
            {QStringLiteral("distributions"),
             {{{}, {"p_family", "q_family", "view"}},
              {{}, {"p_family", "fit", "units"}},
              {{{"view", "decoding"}}, {"temperature", "top_k", "top_p"}},
              {{{"view", "decoding"}}, {"temperature", "min_p", "draws"}},
              {{{"view", "sampling"}}, {"p_family", "samples"}},
              {{{"view", "sampling"}}, {"prior_alpha", "prior_beta", "samples"}},
              {{{"view", "joint"}}, {"units"}},
              {{{"view", "joint"}, {"joint_rows", "2"}, {"joint_cols", "2"}, {"joint", "1,0,0,1"}}, {"units"}},
              {{{"view", "joint"}, {"joint_rows", "2"}, {"joint_cols", "4"}, {"joint", "0,0,0,0,0,0,0,1e6"}}, {"units"}},
              {{{"view", "joint"}, {"joint_rows", "4"}, {"joint_cols", "4"}, {"joint", "1e6,0,0,0,0,1e6,0,0,0,0,1e-300,0,0,0,0,1e6"}}, {"units"}},
              {{{"view", "joint"}, {"joint_rows", "4"}, {"joint_cols", "2"}, {"joint", "3,1,4,1,5,9,2,6"}}, {"units"}},
              {{{"p_family", "mixture"}}, {"p_sigma", "p_sigma2", "p_w"}},
              {{{"p_family", "uniform"}, {"q_family", "uniform"}}, {"p_low", "q_high", "view"}},
              {{{"p_family", "categorical"}, {"q_family", "categorical"}}, {"p_probs", "q_probs", "view"}},
              {{{"p_family", "binomial"}, {"q_family", "poisson"}}, {"p_n", "q_lambda", "view"}}}},
            {QStringLiteral("embeddings"),
             {{{}, {"dataset", "normalize", "method"}},
              {{}, {"dataset", "components", "detail"}},
              {{}, {"view", "projection", "dataset"}},
              {{}, {"components", "pc_x", "pc_y"}},
              {{}, {"dataset", "metric", "neighbors"}},
              {{{"dataset", "file"}}, {"file", "format"}},
              {{{"dataset", "file"}}, {"file", "view", "detail"}},
              {{}, {"max_points", "dataset", "view"}},
              {{}, {"yaw", "pitch", "view"}},
              {{}, {"search", "select", "analogy"}}}},
            {QStringLiteral("precision"),
             {{{}, {"view", "formats", "rounding"}},
              {{}, {"view", "formats", "overflow"}},
              {{{"formats", "custom,fp32"}}, {"custom_exponent_bits", "custom_mantissa_bits", "view"}},
              {{{"view", "accumulation"}}, {"sum_n", "sum_values", "formats"}},
              {{{"view", "stability"}}, {"logit_scale", "formats"}},
              {{{"view", "range"}}, {"grad_log10_mean", "grad_log10_std", "loss_scale"}},
              {{{"view", "quantization"}}, {"quant_format", "quant_granularity"}},
              {{{"view", "quantization"}}, {"quant_rows", "quant_cols", "quant_granularity"}},
              {{{"view", "quantization"}}, {"outlier_fraction", "outlier_scale", "quant_format"}},
              {{}, {"values", "bits_value", "formats"}}}},
        };
    }

    /// Lists that must keep equal (or linked) lengths walk together.
    struct Linked {
        std::map<std::string, std::string> base;
        std::vector<std::string> keys;  ///< set to the same length
    };
    static std::map<QString, std::vector<Linked>> linkedLists()
    {
        return {
            {QStringLiteral("attention"), {{{{"source", "manual"}}, {"manual_q", "manual_k", "manual_v"}}}},
            {QStringLiteral("distributions"), {{{{"view", "decoding"}}, {"tokens", "logits"}}}},
        };
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AIMathLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_param_walk"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        // A small word2vec text file for the path parameters.
        m_embeddingsFile = m_dir.filePath(QStringLiteral("small.vec"));
        m_missingFile = m_dir.filePath(QStringLiteral("no-such-file.vec"));
        QFile f(m_embeddingsFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const char* const words[] = {"king", "queen", "man", "woman", "paris", "france", "rome", "italy", "cat", "dog", "red", "blue"};
        std::mt19937_64 rng(7);
        std::normal_distribution<double> n01;
        QByteArray text = "60 6\n";
        for (int i = 0; i < 60; ++i) {
            text += i < 12 ? QByteArray(words[i]) : QByteArray("w") + QByteArray::number(i);
            for (int d = 0; d < 6; ++d)
                text += ' ' + QByteArray::number(n01(rng), 'g', 6);
            text += '\n';
        }
        QVERIFY(f.write(text) == text.size());
        f.close();

        m_window = new MainWindow(builtinTabs(), true);
        m_window->setAttribute(Qt::WA_DontShowOnScreen);
        m_window->resize(1500, 950);
        m_window->show();
        QApplication::processEvents();
    }

    void cleanupTestCase()
    {
        delete m_window;
        m_window = nullptr;
    }

    void walk_data()
    {
        QTest::addColumn<QString>("tab");
        for (const TabInfo& t : builtinTabs())
            QTest::newRow(qPrintable(t.id)) << t.id;
    }

    /// Each parameter alone: min, max, two random values; choices, bools, list lengths.
    void walk()
    {
        QFETCH(QString, tab);
        const int index = prepareTab(tab);
        QElapsedTimer timer;
        timer.start();
        const ParamSet base = m_window->info(index).declareParams();
        for (const ParamSpec& s : base.specs()) {
            const std::vector<ParamValue> values = valuesFor(s, 1);
            for (std::size_t i = 0; i < values.size(); ++i)
                tryValues(index, base, {{s.key, values[i]}}, i < 2);  // the figure is rendered at min and max
        }
        report(QStringLiteral("walk %1").arg(tab), timer.elapsed());
    }

    void views_data() { walk_data(); }

    /// Each parameter at its extremes under every inner view.
    void views()
    {
        QFETCH(QString, tab);
        const int index = prepareTab(tab, kSampleBudgetMs);
        QElapsedTimer timer;
        timer.start();
        const ParamSet declared = m_window->info(index).declareParams();
        const ParamSpec* view = declared.find("view");
        QVERIFY(view);
        // Under each view a seeded quarter of the parameters (a different quarter per
        // view), so every run stays within a couple of minutes on a loaded machine.
        for (const std::string& v : view->choices) {
            const ParamSet base = baseOf(index, {{"view", v}});
            for (const ParamSpec& s : base.specs())
                if (s.key != "view" && m_rng() % 4 == 0)
                    for (const ParamValue& x : extremesOf(s))
                        tryValues(index, base, {{s.key, x}}, false);
        }
        report(QStringLiteral("views %1").arg(tab), timer.elapsed());
    }

    void pairwise_data() { walk_data(); }

    /// Interacting parameters together: every combination of their extremes
    /// (and one random value each), on a base chosen per pair.
    void pairwise()
    {
        QFETCH(QString, tab);
        const int index = prepareTab(tab, kSampleBudgetMs);
        QElapsedTimer timer;
        timer.start();
        const auto allPairs = pairs();
        const auto allLinked = linkedLists();
        const std::vector<Pair> none;
        const std::vector<Linked> noLinks;
        const auto pit = allPairs.find(tab);
        const auto lit = allLinked.find(tab);
        for (const Pair& pair : pit == allPairs.end() ? none : pit->second) {
            const ParamSet base = baseOf(index, pair.base);
            std::vector<std::vector<ParamValue>> axes;
            for (const std::string& key : pair.keys) {
                const ParamSpec* s = base.find(key);
                QVERIFY2(s, key.c_str());
                std::vector<ParamValue> v = extremesOf(*s);
                if (s->type == ParamType::Real || s->type == ParamType::Integer)
                    v.push_back(s->type == ParamType::Real ? ParamValue(randomReal(*s)) : ParamValue(randomInteger(*s)));
                axes.push_back(std::move(v));
            }
            std::size_t combos = 1;
            for (const auto& a : axes)
                combos *= a.size();
            // About 12 combinations per group: all of them when fewer, else a seeded sample.
            const double keep = std::min(1.0, 12.0 / static_cast<double>(combos));
            std::vector<std::size_t> at(axes.size(), 0);
            while (true) {
                std::vector<std::pair<std::string, ParamValue>> changes;
                for (std::size_t i = 0; i < axes.size(); ++i)
                    changes.emplace_back(pair.keys[i], axes[i][at[i]]);
                if (uniform(0, 1) < keep)
                    tryValues(index, base, changes, false);
                std::size_t i = 0;
                while (i < at.size() && ++at[i] == axes[i].size())
                    at[i++] = 0;
                if (i == at.size())
                    break;
            }
        }
        m_budgetMs = -1;  // the linked lists always run in full (a few states)
        for (const Linked& linked : lit == allLinked.end() ? noLinks : lit->second) {
            const ParamSet base = baseOf(index, linked.base);
            const ParamSpec* first = base.find(linked.keys.front());
            QVERIFY(first);
            for (std::size_t n : {first->minCount, longest(*first), (first->minCount + longest(*first)) / 2})
                for (int mode : {0, 1, 2}) {
                    std::vector<std::pair<std::string, ParamValue>> changes;
                    for (const std::string& key : linked.keys)
                        changes.emplace_back(key, listOf(*base.find(key), n, mode));
                    tryValues(index, base, changes);
                }
        }
        report(QStringLiteral("pairwise %1").arg(tab), timer.elapsed());
    }

    void badValuesNameKeyAndRange_data() { walk_data(); }

    /// Every parameter refuses out-of-range and wrong-type text (what --set and
    /// sessions go through) with a message that starts with its key and shows
    /// what is allowed; the value stays as it was.
    void badValuesNameKeyAndRange()
    {
        QFETCH(QString, tab);
        const int index = m_window->indexOf(tab);
        const ParamSet declared = m_window->info(index).declareParams();
        int checked = 0;
        for (const ParamSpec& s : declared.specs()) {
            std::vector<std::pair<std::string, std::string>> bad;  // text, what the message must contain
            const std::string range = paramRangeText(s);
            switch (s.type) {
            case ParamType::Real: {
                const double span = s.max - s.min;
                bad = {{formatReal(s.max + std::max(span, 1.0)), range.substr(0, range.find(']') + 1)},
                       {formatReal(s.min - std::max(span, 1.0)), range.substr(0, range.find(']') + 1)},
                       {"abc", "expected a number"},
                       {"nan", "expected a number"},
                       {"inf", range.substr(0, range.find(']') + 1)},
                       {"1e400", "outside the range of a double"}};
                break;
            }
            case ParamType::Integer:
                bad = {{std::to_string(static_cast<long long>(s.max) + 1), range.substr(0, range.find(']') + 1)},
                       {std::to_string(static_cast<long long>(s.min) - 1), range.substr(0, range.find(']') + 1)},
                       {"2.5", "expected an integer"},
                       {"ten", "expected an integer"},
                       {"99999999999999999999", "too large"}};
                break;
            case ParamType::Bool: bad = {{"maybe", "expected true/false"}, {"2", "expected true/false"}}; break;
            case ParamType::Choice: bad = {{"no_such_choice", range}, {"", range}}; break;
            case ParamType::ChoiceList: bad = {{"no_such_choice", range.substr(7)}}; break;
            case ParamType::RealList:
                // minCount entries (a single one may be refused for the count first), each above the range
                bad = {{formatRealList(std::vector<double>(std::max<std::size_t>(s.minCount, 1), s.max + 1)),
                        "out of range " + range.substr(range.find('['), range.find(']') - range.find('[') + 1)},
                       {"1,x", "entry 2"}};
                if (s.maxCount < 1000)
                    bad.push_back({formatRealList(std::vector<double>(s.maxCount + 1, s.min)), "entries"});
                break;
            case ParamType::TextList:
                if (s.maxCount < 1000)
                    bad.push_back({joinTextList(std::vector<std::string>(s.maxCount + 1, "a")), "entries"});
                if (s.maxLength < 100000)
                    bad.push_back({std::string(s.maxLength + 1, 'a'), "longer than"});
                break;
            case ParamType::Text:
            case ParamType::Path: bad = {{std::string(s.maxLength + 1, 'a'), "longer than " + std::to_string(s.maxLength)}}; break;
            }
            for (const auto& [text, expect] : bad) {
                ParamSet p = declared;
                const std::string e = p.setFromString(s.key, text);
                const QString where = tab + QLatin1Char(' ') + q(s.key) + QLatin1Char('=') + q(text.substr(0, 40));
                QVERIFY2(!e.empty(), qPrintable(where + QStringLiteral(" accepted")));
                QVERIFY2(e.rfind(s.key + ": ", 0) == 0, qPrintable(where + QStringLiteral(": ") + q(e)));
                QVERIFY2(e.find(expect) != std::string::npos, qPrintable(where + QStringLiteral(": \"") + q(e) + QStringLiteral("\" lacks \"") + q(expect) + '"'));
                QVERIFY2(p.sameValues(declared), qPrintable(where + QStringLiteral(" changed the value")));
                ++checked;
            }
        }
        QVERIFY(checked > 10);
    }

    void commandLineExitsTwo_data()
    {
        QTest::addColumn<QString>("tab");
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<QString>("expect");
        QTest::newRow("attention real above") << "attention" << "temperature=7" << "temperature: 7 is out of range [0.05, 5]";
        QTest::newRow("attention integer word") << "attention" << "heads=four" << "heads: expected an integer";
        QTest::newRow("attention constraint") << "attention" << "heads=3" << "heads: 3 does not divide d_model = 64";
        QTest::newRow("descent real below") << "descent" << "lr_sgd=0" << "lr_sgd: 0 is out of range [1e-05, 10]";
        QTest::newRow("descent choice list") << "descent" << "optimizers=sgd,lion" << "optimizers: entry 2 \"lion\" is not one of";
        QTest::newRow("distributions nan") << "distributions" << "top_p=nan" << "top_p: expected a number";
        QTest::newRow("distributions list entry") << "distributions" << "joint=1,2,-3,4,5,6,7,8,9" << "joint: entry 3 (-3) is out of range [0, 1e+06]";
        QTest::newRow("embeddings integer above") << "embeddings" << "components=51" << "components: 51 is out of range [1, 50]";
        QTest::newRow("precision choice") << "precision" << "view=histogram" << "view: \"histogram\" is not one of inspect|range";
        QTest::newRow("precision integer huge") << "precision" << "sum_n=1e300" << "sum_n: expected an integer";
        QTest::newRow("precision bool") << "precision" << "show_double_rounding=perhaps" << "show_double_rounding: expected true/false";
    }

    /// The real binary: a sample of bad --set values exits 2 naming key and range.
    void commandLineExitsTwo()
    {
        QFETCH(QString, tab);
        QFETCH(QString, assignment);
        QFETCH(QString, expect);
        const aimath::test::ProcessResult r = aimath::test::runProcess(
            QStringLiteral(AIMATHLAB_BIN),
            {QStringLiteral("--tab"), tab, QStringLiteral("--set"), assignment, QStringLiteral("--export-image"), m_dir.filePath(QStringLiteral("never.png"))},
            aimath::test::offscreen().set(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config"))).timeout(60000));
        const QString& err = r.err;
        QVERIFY2(r.code == 2, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(err)));
        QVERIFY2(err.contains(expect), qPrintable(err));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("never.png"))));
    }
};

QTEST_MAIN(TestParamWalk)
#include "test_param_walk.moc"
