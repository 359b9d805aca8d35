// Interaction latency: builds the real main window (offscreen), and for each
// tab drags the parameters users drag most through the real controls, timing
// each value change to the end of the replots it causes. Also measures the
// longest GUI stall while background work runs, and time to a drawn window.
// Prints a table and writes JSON (path in argv[1]).

#include "app/builtin_tabs.h"
#include "app/main_window.h"
#include "widgets/common/param_panel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QDir>

#include <random>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace aimath;

namespace {

struct Drag {
    QString tab;
    QString setting;  // "default" | "stress"
    QString parameter;
    std::vector<std::pair<std::string, std::string>> sets;  // applied before dragging
};

struct Stall {
    QString tab;
    QString work;
    std::vector<std::pair<std::string, std::string>> sets;
    std::string trigger;  // parameter changed to start the work
    std::string triggerValue;
};

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

/// Settles a tab: background work finished, queued replots drawn.
void settle(Tab* tab)
{
    tab->waitUntilIdle(600000);
    QApplication::processEvents();
}

bool applySets(MainWindow& w, int index, const std::vector<std::pair<std::string, std::string>>& sets, QString* error)
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

}  // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("latency.json");
    const int samples = 200;

    QElapsedTimer startup;
    startup.start();
    auto window = std::make_unique<MainWindow>(builtinTabs(), true);
    window->resize(1600, 1000);
    window->show();
    settle(window->currentTab());
    const double startupMs = startup.nsecsElapsed() / 1e6;

    // 50,000 × 64 GloVe-style rows for the embeddings stress case.
    const QString stressFile = QDir::temp().filePath(QStringLiteral("aimath-bench-50k.txt"));
    {
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
    const std::vector<Drag> drags{
        {"attention", "default", "temperature", {}},
        {"attention", "stress", "temperature", {{"source", "random"}, {"seq_len", "512"}, {"view", "heads"}}},
        {"attention", "stress", "temperature", {{"source", "random"}, {"seq_len", "2048"}}},
        {"descent", "default", "lr_adam", {}},
        {"descent", "default", "time", {}},
        {"descent", "stress", "lr_adam", {{"optimizers", "sgd,momentum,nesterov,adagrad,rmsprop,adam,adamw"}, {"steps", "10000"}, {"grid", "512"}}},
        {"descent", "stress", "time", {{"optimizers", "sgd,momentum,nesterov,adagrad,rmsprop,adam,adamw"}, {"steps", "10000"}, {"grid", "512"}}},
        {"distributions", "default", "p_mu", {}},
        {"distributions", "default", "temperature", {{"view", "decoding"}}},
        {"distributions", "stress", "p_mu", {{"samples", "1000000"}, {"view", "sampling"}}},
        {"precision", "default", "sum_n", {{"view", "accumulation"}}},
        {"embeddings", "default", "yaw", {{"view", "3d"}}},
        {"embeddings", "default", "pc_x", {}},
        {"embeddings", "stress", "yaw", {{"file", stressFile.toStdString()}, {"view", "3d"}, {"max_points", "50000"}}},
    };

    QJsonArray latency;
    std::printf("%-14s %-8s %-12s %9s %9s %9s\n", "tab", "setting", "parameter", "p50 ms", "p95 ms", "max ms");
    for (const Drag& d : drags) {
        auto w = std::make_unique<MainWindow>(builtinTabs(), true);
        w->resize(1600, 1000);
        const int index = w->indexOf(d.tab);
        if (index < 0)
            continue;
        w->setCurrentIndex(index);
        w->show();
        QString error;
        if (!applySets(*w, index, d.sets, &error)) {
            std::printf("%-14s %-8s %-12s skipped: %s\n", qPrintable(d.tab), qPrintable(d.setting), qPrintable(d.parameter), qPrintable(error));
            continue;
        }
        Tab* tab = w->tab(index);
        settle(tab);
        QWidget* control = tab->paramPanel()->control(d.parameter.toStdString());
        auto* slider = qobject_cast<QSlider*>(control);
        if (!slider) {
            std::printf("%-14s %-8s %-12s skipped: no slider\n", qPrintable(d.tab), qPrintable(d.setting), qPrintable(d.parameter));
            continue;
        }
        std::vector<double> ms;
        ms.reserve(samples);
        const int lo = slider->minimum(), hi = slider->maximum();
        for (int i = 0; i < samples; ++i) {
            // Back and forth over the middle 80% of the range, like a hand.
            const double t = 0.1 + 0.8 * std::abs(std::fmod(i / 50.0, 2.0) - 1.0);
            const int pos = lo + static_cast<int>(t * (hi - lo));
            QElapsedTimer timer;
            timer.start();
            slider->setValue(pos == slider->value() ? pos + 1 : pos);
            QApplication::processEvents();  // the queued replots
            tab->waitUntilIdle(600000);     // work a tab sends to a thread counts too
            QApplication::processEvents();
            ms.push_back(timer.nsecsElapsed() / 1e6);
        }
        const double p50 = percentile(ms, 0.5), p95 = percentile(ms, 0.95), mx = *std::max_element(ms.begin(), ms.end());
        std::printf("%-14s %-8s %-12s %9.2f %9.2f %9.2f\n", qPrintable(d.tab), qPrintable(d.setting), qPrintable(d.parameter), p50, p95, mx);
        QJsonObject row{{"tab", d.tab}, {"setting", d.setting}, {"parameter", d.parameter}, {"p50_ms", p50}, {"p95_ms", p95}, {"max_ms", mx}};
        QJsonObject sets;
        for (const auto& [k, v] : d.sets)
            sets.insert(QString::fromStdString(k), QString::fromStdString(v));
        row.insert("sets", sets);
        latency.append(row);
    }

    const std::vector<Stall> stalls{
        {"precision", "sum of 10,000,000 terms", {{"view", "accumulation"}}, "sum_n", "10000000"},
        {"attention", "4,096 random tokens", {{"source", "random"}}, "seq_len", "4096"},
        {"distributions", "1,000,000 samples", {{"view", "sampling"}}, "samples", "1000000"},
    };
    QJsonArray stallRows;
    std::printf("\n%-14s %-28s %14s %12s\n", "tab", "work", "max stall ms", "total ms");
    for (const Stall& s : stalls) {
        auto w = std::make_unique<MainWindow>(builtinTabs(), true);
        w->resize(1600, 1000);
        const int index = w->indexOf(s.tab);
        if (index < 0)
            continue;
        w->setCurrentIndex(index);
        w->show();
        QString error;
        if (!applySets(*w, index, s.sets, &error))
            continue;
        Tab* tab = w->tab(index);
        settle(tab);
        // A 5 ms timer: the longest gap between its ticks is the longest stall.
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0, worst = 0;
        QTimer tick;
        tick.setInterval(5);
        QObject::connect(&tick, &QTimer::timeout, [&] {
            const qint64 now = clock.nsecsElapsed();
            worst = std::max(worst, now - last);
            last = now;
        });
        auto* control = tab->paramPanel()->control(s.trigger);
        auto* slider = qobject_cast<QSlider*>(control);
        ParamSet p = w->paramsOf(index);
        if (!slider || !p.setFromString(s.trigger, s.triggerValue).empty())
            continue;
        tick.start();
        last = clock.nsecsElapsed();
        QElapsedTimer total;
        total.start();
        // Through the real control, as a user would: the slider's maximum.
        slider->setValue(ParamPanel::valueToSlider(*p.find(s.trigger), std::stod(s.triggerValue)));
        const qint64 afterChange = clock.nsecsElapsed();
        worst = std::max(worst, afterChange - last);
        last = afterChange;
        tab->waitUntilIdle(600000);
        tick.stop();
        const double stallMs = worst / 1e6, totalMs = total.nsecsElapsed() / 1e6;
        std::printf("%-14s %-28s %14.1f %12.1f\n", qPrintable(s.tab), qPrintable(s.work), stallMs, totalMs);
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
