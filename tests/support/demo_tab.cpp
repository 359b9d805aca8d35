#include "tests/support/demo_tab.h"

#include "widgets/common/explanation_panel.h"
#include "widgets/common/json_util.h"
#include "widgets/common/palette.h"
#include "widgets/common/plot_view.h"
#include "widgets/common/readout_panel.h"

#include <QJsonArray>
#include <QSplitter>
#include <QVBoxLayout>

#include <cmath>

namespace aimath {

ParamSet DemoTab::declareParams()
{
    ParamSet p;
    p.add(ParamSpec::real("amplitude", "Amplitude", 0.0, 10.0, 1.0).inGroup("Wave").tip("Peak value"));
    p.add(ParamSpec::real("frequency", "Frequency", 0.1, 100.0, 1.0).logScale().inGroup("Wave"));
    p.add(ParamSpec::integer("points", "Points", 2, 100000, 200).logScale().inGroup("Wave"));
    p.add(ParamSpec::choice("style", "Style", {"line", "dots"}, "line").inGroup("Look"));
    p.add(ParamSpec::boolean("show_grid", "Show grid", true).inGroup("Look"));
    p.add(ParamSpec::real("low", "Low", -100.0, 100.0, 0.0).inGroup("Interval"));
    p.add(ParamSpec::real("high", "High", -100.0, 100.0, 1.0).inGroup("Interval"));
    p.add(ParamSpec::realList("weights", "Weights", 0.0, 1000.0, {1, 2, 3}).counts(1, 16).inGroup("Lists"));
    p.add(ParamSpec::textList("labels", "Labels", {"a", "b", "c"}).counts(1, 16).inGroup("Lists"));
    p.add(ParamSpec::choiceList("series", "Series", {"sin", "cos"}, {"sin"}).inGroup("Lists"));
    p.add(ParamSpec::text("note", "Note", "").hidden());
    p.setConstraint([](const ParamSet& s) -> std::string {
        if (s.real("low") >= s.real("high"))
            return "low: must be below high (" + std::to_string(s.real("high")) + ")";
        if (s.reals("weights").size() != s.texts("labels").size())
            return "weights: needs one entry per label (" + std::to_string(s.texts("labels").size()) + ")";
        return {};
    });
    return p;
}

DemoTab::DemoTab(ParamSet params, QWidget* parent)
    : Tab(std::move(params), parent)
    , m_plot(new PlotView(this))
    , m_second(new PlotView(this))
{
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_plot);
    split->addWidget(m_second);
    figureLayout()->addWidget(split);
    m_plot->setTitle(QStringLiteral("A sine wave"));
    m_plot->xAxis->setLabel(QStringLiteral("x"));
    m_plot->yAxis->setLabel(QStringLiteral("y"));
    m_plot->addGraph();
    m_plot->graph(0)->setPen(QPen(palette::category(0), 2));
    m_second->setTitle(QStringLiteral("Weights"));
    m_second->addGraph();
    trackPlot(m_plot);
    explanation()->setHtml(QStringLiteral("<p><b>y = A sin(2πfx)</b>: a test-only tab.</p>"));
    onParamsChanged({});
}

void DemoTab::onParamsChanged(const std::set<std::string>&)
{
    beginCompute();
    ++m_recomputes;
    const int n = static_cast<int>(m_params.integer("points"));
    const double lo = m_params.real("low"), hi = m_params.real("high");
    m_x.resize(n);
    m_y.resize(n);
    for (int i = 0; i < n; ++i) {
        m_x[i] = lo + (hi - lo) * i / (n - 1);
        m_y[i] = m_params.real("amplitude") * std::sin(2 * M_PI * m_params.real("frequency") * m_x[i]);
    }
    endCompute();
    m_plot->graph(0)->setData(m_x, m_y, true);
    m_plot->graph(0)->setLineStyle(m_params.text("style") == "line" ? QCPGraph::lsLine : QCPGraph::lsNone);
    m_plot->graph(0)->setScatterStyle(m_params.text("style") == "dots" ? QCPScatterStyle::ssDisc : QCPScatterStyle::ssNone);
    m_plot->xAxis->grid()->setVisible(m_params.boolean("show_grid"));
    m_plot->rescaleAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    QVector<double> wx, wy;
    const auto& w = m_params.reals("weights");
    for (std::size_t i = 0; i < w.size(); ++i) {
        wx << static_cast<double>(i);
        wy << w[i];
    }
    m_second->graph(0)->setData(wx, wy);
    m_second->rescaleAxes();
    m_second->replot(QCustomPlot::rpQueuedReplot);
    readouts()->setRows({{QStringLiteral("points"), QString::number(n)}, {QStringLiteral("max"), formatNumber(m_params.real("amplitude"))}});
}

QJsonObject DemoTab::exportData() const
{
    QJsonObject o;
    o.insert(QStringLiteral("tab"), id());
    o.insert(QStringLiteral("amplitude"), m_params.real("amplitude"));
    o.insert(QStringLiteral("x"), json::array(std::vector<double>(m_x.begin(), m_x.end())));
    o.insert(QStringLiteral("y"), json::array(std::vector<double>(m_y.begin(), m_y.end())));
    return o;
}

QString DemoTab::exportCsv() const
{
    QString out = QStringLiteral("x,y\n");
    for (int i = 0; i < m_x.size(); ++i)
        out += QString::number(m_x[i], 'g', 17) + QLatin1Char(',') + QString::number(m_y[i], 'g', 17) + QLatin1Char('\n');
    return out;
}

}  // namespace aimath
