// Interaction latency: builds the real main window (offscreen), and for each
// tab drags the parameters users drag most through the real controls, timing
// each value change to the end of the replots it causes. Also measures the
// longest GUI stall while background work runs (a 5 ms timer on the real event
// loop, never a blocking wait), and time to a drawn window.
// Prints a table and writes JSON (path in argv[1]; argv[2] filters rows).

#include "app/builtin_tabs.h"
#include "app/main_window.h"
#include "widgets/common/param_panel.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QPushButton>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QDir>
#include <qcustomplot.h>

#include <random>

#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

using namespace aimath;

namespace {

using Sets = std::vector<std::pair<std::string, std::string>>;

struct Drag {
    QString tab;
    QString setting;    // "default" | "stress"
    QString parameter;
    Sets sets;          // applied before dragging
    QString note;       // what the setting is, for the table
    bool pressSample = false;  // distributions decoding: press "Sample" so sampled tokens are drawn too
    int samples = 0;           // 0: the default; fewer for rows whose every value waits for seconds of background work
};

struct Stall {
    QString tab;
    QString work;
    Sets sets;
    std::string trigger;  // parameter changed (through its control) to start the work
    std::string triggerValue;
};

QElapsedTimer g_clock;        // one clock for everything (ns)
qint64 g_lastReplot = -1;     // end of the latest QCustomPlot::replot anywhere in the window

/// CPU time of the whole process (every thread) in ms: on a loaded machine the
/// wall-clock latency includes waiting for a core; this is the work itself.
double processCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const double idx = p * (v.size() - 1);
    const auto lo = static_cast<std::size_t>(idx);
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (idx - lo) * (v[hi] - v[lo]);
}

/// Runs the real event loop (no busy wait: the worker threads keep both cores)
/// until the tab has no background work, then lets the queued replots run.
/// Returns false on timeout.
bool runUntilIdle(Tab* tab, int timeoutMs = 600000)
{
    QCoreApplication::processEvents();
    bool ok = true;
    if (tab->isBusy()) {
        QEventLoop loop;
        QTimer poll;
        poll.setInterval(1);
        QElapsedTimer t;
        t.start();
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (!tab->isBusy())
                loop.quit();
            else if (t.elapsed() > timeoutMs) {
                ok = false;
                loop.quit();
            }
        });
        poll.start();
        loop.exec();
    }
    for (int i = 0; i < 3; ++i)  // results delivered as events queue replots, which queue paints
        QCoreApplication::processEvents();
    return ok;
}

bool applySets(MainWindow& w, int index, const Sets& sets, QString* error)
{
    ParamSet p = w.paramsOf(index);
    for (const auto& [k, v] : sets) {
        if (auto e = p.setFromString(k, v); !e.empty()) {
            *error = QString::fromStdString(e);
            return false;
        }
    }
    if (auto e = p.checkConstraints(); !e.empty()) {
        *error = QString::fromStdString(e);
        return false;
    }
    w.applyParams(index, p);
    return true;
}

/// The control a user moves for `key`: the panel's slider, combo box or line
/// edit, or a tab's own slider named after the parameter (descent `time`).
QWidget* controlOf(Tab* tab, const std::string& key)
{
    if (QWidget* c = tab->paramPanel()->control(key))
        return c;
    return tab->findChild<QSlider*>(QString::fromStdString(key));
}

/// Sets `value` through the control as a hand would (slider position, combo
/// entry, typed text + Enter). Returns false when the control cannot take it.
bool setThroughControl(Tab* tab, const std::string& key, const std::string& value)
{
    QWidget* c = controlOf(tab, key);
    const ParamSpec* spec = tab->params().find(key);
    if (!c || !spec)
        return false;
    if (auto* slider = qobject_cast<QSlider*>(c)) {
        const double v = std::stod(value);
        // The panel's sliders run 0…kSliderSteps through the spec's scale; a tab's own slider is in value units.
        slider->setValue(tab->paramPanel()->control(key) ? ParamPanel::valueToSlider(*spec, v) : static_cast<int>(std::lround(v)));
        return true;
    }
    if (auto* combo = qobject_cast<QComboBox*>(c)) {
        const int i = combo->findData(QString::fromStdString(value));
        if (i < 0)
            return false;
        combo->setCurrentIndex(i);
        return true;
    }
    if (auto* edit = qobject_cast<QLineEdit*>(c)) {
        edit->setText(QString::fromStdString(value));
        emit edit->editingFinished();
        return true;
    }
    return false;
}

/// Back and forth over the middle 80% of the range, like a hand: t in [0.1, 0.9].
double handPosition(int i) { return 0.1 + 0.8 * std::abs(std::fmod(i / 50.0, 2.0) - 1.0); }

/// A list of `count` numbers for precision `values`, moving with t like a dragged value.
std::string valuesList(double t, int count)
{
    std::string s;
    for (int k = 0; k < count; ++k) {
        // Spans subnormals of fp16 to beyond fp16's maximum as t moves.
        const double v = std::pow(10.0, -8.0 + 13.0 * std::fmod(t + 0.37 * k, 1.0)) * (k % 2 ? -1.0 : 1.0);
        if (k)
            s += ',';
        s += QByteArray::number(v, 'g', 17).toStdString();
    }
    return s;
}

std::unique_ptr<MainWindow> openTab(const QString& id, const Sets& sets, int* index, QString* error)
{
    auto w = std::make_unique<MainWindow>(builtinTabs(), true);
    w->resize(1600, 1000);
    *index = w->indexOf(id);
    if (*index < 0) {
        *error = QStringLiteral("no tab %1").arg(id);
        return nullptr;
    }
    w->setCurrentIndex(*index);
    w->show();
    if (!applySets(*w, *index, sets, error))
        return nullptr;
    for (QCustomPlot* plot : w->findChildren<QCustomPlot*>())
        QObject::connect(plot, &QCustomPlot::afterReplot, plot, [] { g_lastReplot = g_clock.nsecsElapsed(); });
    runUntilIdle(w->tab(*index));
    return w;
}

}  // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // The app's resources (icons, help, translations) live in a static library:
    // registered as the real binary does, so the window is the one users get.
    Q_INIT_RESOURCE(aimathlab);
    g_clock.start();
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("latency.json");
    // argv[2] (optional): only rows whose "tab setting parameter" contains it (profiling one case).
    const QString only = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    const bool trace = qEnvironmentVariableIntValue("AIMATH_BENCH_TRACE") > 0;
    const int samples = qEnvironmentVariableIntValue("AIMATH_BENCH_SAMPLES") > 0 ? qEnvironmentVariableIntValue("AIMATH_BENCH_SAMPLES") : 200;

    QElapsedTimer startup;
    startup.start();
    auto window = std::make_unique<MainWindow>(builtinTabs(), true);
    window->resize(1600, 1000);
    window->show();
    runUntilIdle(window->currentTab());
    const double startupMs = startup.nsecsElapsed() / 1e6;
    window.reset();

    // 50,000 × 64 GloVe-style rows for the embeddings stress case (deterministic:
    // written once, reused while its size matches).
    const QString stressFile = QDir::temp().filePath(QStringLiteral("aimath-bench-50k.txt"));
    constexpr qint64 kStressFileBytes = 29587607;
    if (QFileInfo(stressFile).size() != kStressFileBytes) {
        QFile f(stressFile);
        if (f.open(QIODevice::WriteOnly)) {
            std::mt19937_64 rng(9);
            std::normal_distribution<double> g(0.0, 1.0);
            QByteArray line;
            for (int r = 0; r < 50000; ++r) {
                line = "w" + QByteArray::number(r);
                const double cls = r % 10;
                for (int c = 0; c < 64; ++c)
                    line += ' ' + QByteArray::number(g(rng) + (c == static_cast<int>(cls) ? 4.0 : 0.0), 'g', 6);
                line += '\n';
                f.write(line);
            }
        }
    }
    const std::string allOptimizers = "sgd,momentum,nesterov,adagrad,rmsprop,adam,adamw";
    const Sets descentStress{{"optimizers", allOptimizers}, {"steps", "10000"}, {"grid", "512"}};
    // 64 candidate tokens with spread logits for the decoding stress case.
    std::string tokens64, logits64;
    for (int k = 0; k < 64; ++k) {
        tokens64 += (k ? "," : "") + std::string("t") + std::to_string(k);
        logits64 += (k ? "," : "") + QByteArray::number(6.0 - 0.15 * k, 'g', 6).toStdString();
    }
    std::string allFormats;
    {
        MainWindow probe(builtinTabs(), true);
        if (const int i = probe.indexOf(QStringLiteral("precision")); i >= 0)
            if (const ParamSpec* f = probe.paramsOf(i).find("formats"))
                for (const std::string& c : f->choices)
                    allFormats += (allFormats.empty() ? "" : ",") + c;
    }
    const Sets embeddingsStress{{"file", stressFile.toStdString()}, {"max_points", "50000"}};
    auto with = [](Sets a, const Sets& b) {
        a.insert(a.end(), b.begin(), b.end());
        return a;
    };
    const std::vector<Drag> drags{
        {"attention", "default", "temperature", {}, "defaults"},
        {"attention", "stress", "temperature", {{"source", "random"}, {"seq_len", "512"}, {"view", "heads"}}, "512 random tokens, all heads"},
        {"attention", "stress", "temperature", {{"source", "random"}, {"seq_len", "2048"}}, "2,048 random tokens, one head"},
        {"descent", "default", "lr_adam", {}, "defaults"},
        {"descent", "default", "time", {}, "defaults"},
        {"descent", "stress", "lr_adam", descentStress, "7 optimizers x 10,000 steps, 512^2 grid"},
        {"descent", "stress", "time", descentStress, "7 optimizers x 10,000 steps, 512^2 grid"},
        {"distributions", "default", "p_mu", {}, "defaults (compare)"},
        {"distributions", "default", "temperature", {{"view", "decoding"}}, "decoding"},
        {"distributions", "stress", "p_mu", {{"samples", "1000000"}, {"view", "sampling"}}, "1,000,000 samples"},
        {"distributions", "stress", "temperature", {{"view", "decoding"}, {"tokens", tokens64}, {"logits", logits64}, {"draws", "1000000"}},
         "decoding, 64 tokens, 1,000,000 sampled draws", true},
        {"precision", "default", "values", {}, "defaults (inspect)"},
        {"precision", "stress", "values", {{"formats", allFormats}}, "64 values x every format"},
        {"precision", "default", "sum_n", {{"view", "accumulation"}}, "accumulation, 40 to 2.5e6 terms"},
        {"precision", "stress", "sum_n", {{"view", "accumulation"}, {"formats", allFormats}, {"sum_values", "normal"}}, "every format, normal terms",
         false, 50},
        {"embeddings", "default", "yaw", {{"view", "3d"}}, "3-D"},
        {"embeddings", "default", "pc_x", {}, "2-D"},
        {"embeddings", "stress", "yaw", with(embeddingsStress, {{"view", "3d"}}), "50,000 points, 3-D"},
        {"embeddings", "stress", "pc_x", with(embeddingsStress, {{"view", "2d"}}), "50,000 points, 2-D"},
    };

    QJsonArray latency;
    // cpu: CPU time of all threads per change (the work, without waiting for a core on a busy machine).
    std::printf("%-14s %-8s %-12s %9s %9s %9s %9s %9s  %s\n", "tab", "setting", "parameter", "p50 ms", "p95 ms", "max ms", "cpu p50", "cpu p95",
                "setting");
    std::fflush(stdout);
    for (const Drag& d : drags) {
        if (!only.isEmpty() && !QStringLiteral("%1 %2 %3 %4").arg(d.tab, d.setting, d.parameter, d.note).contains(only))
            continue;
        int index = -1;
        QString error;
        auto w = openTab(d.tab, d.sets, &index, &error);
        if (!w) {
            std::printf("%-14s %-8s %-12s skipped: %s\n", qPrintable(d.tab), qPrintable(d.setting), qPrintable(d.parameter), qPrintable(error));
            continue;
        }
        Tab* tab = w->tab(index);
        if (d.pressSample) {
            for (QPushButton* b : tab->findChildren<QPushButton*>())
                if (b->text() == QStringLiteral("Sample"))
                    b->click();
            runUntilIdle(tab);
        }
        const std::string key = d.parameter.toStdString();
        QWidget* control = controlOf(tab, key);
        auto* slider = qobject_cast<QSlider*>(control);
        auto* edit = qobject_cast<QLineEdit*>(control);
        if (!slider && !edit) {
            std::printf("%-14s %-8s %-12s skipped: no slider or text box\n", qPrintable(d.tab), qPrintable(d.setting), qPrintable(d.parameter));
            continue;
        }
        const int valueCount = d.setting == QStringLiteral("stress") ? 64 : 8;
        const int n = d.samples > 0 ? std::min(d.samples, samples) : samples;
        std::vector<double> ms, cpu;
        ms.reserve(n);
        cpu.reserve(n);
        int timeouts = 0;
        for (int i = 0; i < n; ++i) {
            const double t = handPosition(i);
            std::string text;
            int pos = 0;
            if (slider) {
                const int lo = slider->minimum(), hi = slider->maximum();
                pos = lo + static_cast<int>(t * (hi - lo));
                if (pos == slider->value())
                    pos = std::min(hi, pos + 1);
            } else {
                text = valuesList(t + 1e-3 * i, valueCount);
            }
            g_lastReplot = -1;
            const double cpu0 = processCpuMs();
            const qint64 t0 = g_clock.nsecsElapsed();
            if (slider) {
                slider->setValue(pos);
            } else {
                edit->setText(QString::fromStdString(text));
                emit edit->editingFinished();
            }
            if (!runUntilIdle(tab))
                ++timeouts;
            // From the value change to the end of the last replot it caused (work the
            // tab sends to a thread counts too); when nothing replotted, to the settled loop.
            const qint64 end = g_lastReplot >= t0 ? g_lastReplot : g_clock.nsecsElapsed();
            ms.push_back((end - t0) / 1e6);
            cpu.push_back(processCpuMs() - cpu0);
            if (trace)  // AIMATH_BENCH_TRACE=1: every sample, to see where a max comes from
                std::fprintf(stderr, "%s %s %s #%d slider %d: %.2f ms, cpu %.2f ms\n", qPrintable(d.tab), qPrintable(d.setting),
                             qPrintable(d.parameter), i, pos, ms.back(), cpu.back());
        }
        const double p50 = percentile(ms, 0.5), p95 = percentile(ms, 0.95), mx = *std::max_element(ms.begin(), ms.end());
        const double cpu50 = percentile(cpu, 0.5), cpu95 = percentile(cpu, 0.95);
        std::printf("%-14s %-8s %-12s %9.2f %9.2f %9.2f %9.2f %9.2f  %s%s\n", qPrintable(d.tab), qPrintable(d.setting), qPrintable(d.parameter), p50,
                    p95, mx, cpu50, cpu95, qPrintable(d.note), timeouts ? " (TIMEOUTS)" : "");
        std::fflush(stdout);
        QJsonObject row{{"tab", d.tab}, {"setting", d.setting}, {"parameter", d.parameter}, {"p50_ms", p50}, {"p95_ms", p95}, {"max_ms", mx},
                        {"cpu_p50_ms", cpu50}, {"cpu_p95_ms", cpu95}, {"note", d.note}, {"samples", n}};
        QJsonObject sets;
        for (const auto& [k, v] : d.sets)
            sets.insert(QString::fromStdString(k), QString::fromStdString(v.size() > 80 ? v.substr(0, 77) + "..." : v));
        row.insert("sets", sets);
        latency.append(row);
    }

    const std::vector<Stall> stalls{
        {"precision", "sum of 10,000,000 terms", {{"view", "accumulation"}}, "sum_n", "10000000"},
        {"precision", "quantization of 2048 x 2048", {{"view", "quantization"}, {"quant_rows", "2048"}}, "quant_cols", "2048"},
        {"attention", "4,096 random tokens", {{"source", "random"}}, "seq_len", "4096"},
        {"distributions", "1,000,000 samples", {{"view", "sampling"}}, "samples", "1000000"},
        {"descent", "logistic surface, 512^2 grid", {{"grid", "512"}}, "surface", "logistic"},
        {"embeddings", "load + PCA of 50,000 x 64", {{"view", "3d"}, {"max_points", "50000"}}, "file", stressFile.toStdString()},
    };
    QJsonArray stallRows;
    std::printf("\n%-14s %-30s %14s %12s\n", "tab", "work", "max stall ms", "total ms");
    for (const Stall& s : stalls) {
        if (!only.isEmpty() && !QStringLiteral("%1 %2 stall").arg(s.tab, s.work).contains(only))
            continue;
        int index = -1;
        QString error;
        auto w = openTab(s.tab, s.sets, &index, &error);
        if (!w) {
            std::printf("%-14s %-30s skipped: %s\n", qPrintable(s.tab), qPrintable(s.work), qPrintable(error));
            continue;
        }
        Tab* tab = w->tab(index);
        // A 5 ms timer: the longest gap between its ticks is the longest stall.
        qint64 last = 0, worst = 0;
        QTimer tick;
        tick.setInterval(5);
        tick.setTimerType(Qt::PreciseTimer);
        QObject::connect(&tick, &QTimer::timeout, [&] {
            const qint64 now = g_clock.nsecsElapsed();
            worst = std::max(worst, now - last);
            last = now;
        });
        tick.start();
        last = g_clock.nsecsElapsed();
        const qint64 t0 = last;
        // Through the real control, as a user would.
        if (!setThroughControl(tab, s.trigger, s.triggerValue)) {
            std::printf("%-14s %-30s skipped: no control for %s\n", qPrintable(s.tab), qPrintable(s.work), s.trigger.c_str());
            continue;
        }
        const qint64 afterChange = g_clock.nsecsElapsed();
        worst = std::max(worst, afterChange - last);
        last = afterChange;
        runUntilIdle(tab);
        // Keep ticking a little: drawing the delivered result is part of the work.
        {
            QEventLoop loop;
            QTimer::singleShot(100, &loop, &QEventLoop::quit);
            loop.exec();
        }
        tick.stop();
        const double stallMs = worst / 1e6, totalMs = (g_clock.nsecsElapsed() - t0) / 1e6 - 100.0;
        std::printf("%-14s %-30s %14.1f %12.1f\n", qPrintable(s.tab), qPrintable(s.work), stallMs, totalMs);
        std::fflush(stdout);
        stallRows.append(QJsonObject{{"tab", s.tab}, {"work", s.work}, {"max_stall_ms", stallMs}, {"total_ms", totalMs}});
    }
    std::printf("\nstartup to drawn window: %.1f ms\n", startupMs);

    QJsonObject root{{"latency", latency}, {"stalls", stallRows}, {"startup_ms", startupMs}};
    QFile f(out);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(root).toJson()) < 0) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(out));
        return 1;
    }
    return 0;
}
