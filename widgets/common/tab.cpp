#include "widgets/common/tab.h"

#include "widgets/common/engine_message.h"
#include "widgets/common/explanation_panel.h"
#include "widgets/common/json_writer.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/readout_panel.h"

#include <QCoreApplication>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace aimath {

Tab::Tab(ParamSet params, QWidget* parent)
    : QWidget(parent)
    , m_params(std::move(params))
    , m_lastValid(m_params)
{
    auto* root = new QHBoxLayout(this);
    root->setContentsMargins(4, 4, 4, 4);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    root->addWidget(split);

    // Left: the controls, then tab-specific buttons, then the readouts.
    auto* scroll = new QScrollArea(split);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(300);
    scroll->setMaximumWidth(420);
    auto* column = new QWidget(scroll);
    auto* columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(2, 2, 6, 2);
    m_panel = new ParamPanel(&m_params, column);
    columnLayout->addWidget(m_panel);
    m_extraLayout = new QVBoxLayout;
    columnLayout->addLayout(m_extraLayout);
    auto* readoutBox = new QGroupBox(tr("Readouts"), column);
    auto* readoutLayout = new QVBoxLayout(readoutBox);
    m_readouts = new ReadoutPanel(readoutBox);
    readoutLayout->addWidget(m_readouts);
    columnLayout->addWidget(readoutBox);
    columnLayout->addStretch(1);
    scroll->setWidget(column);

    // Centre: an error line (hidden when fine), the figure, the explanation.
    auto* right = new QWidget(split);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_errorLabel = new QLabel(right);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #8a1c1c; border: 1px solid #d62728; padding: 4px; }"));
    m_errorLabel->hide();
    rightLayout->addWidget(m_errorLabel);
    auto* vsplit = new QSplitter(Qt::Vertical, right);
    vsplit->setChildrenCollapsible(false);
    m_figureHost = new QWidget(vsplit);
    m_figureHost->setObjectName(QStringLiteral("figure"));
    m_figureLayout = new QVBoxLayout(m_figureHost);
    m_figureLayout->setContentsMargins(0, 0, 0, 0);
    m_explanation = new ExplanationPanel(vsplit);
    connect(m_explanation, &ExplanationPanel::tryThisActivated, this, [this](int i) { applyTryThis(i); });
    vsplit->addWidget(m_figureHost);
    vsplit->addWidget(m_explanation);
    vsplit->setStretchFactor(0, 5);
    vsplit->setStretchFactor(1, 1);
    vsplit->setSizes({760, 230});  // room for the formula and the three "Try this" links
    rightLayout->addWidget(vsplit, 1);

    split->addWidget(scroll);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({320, 1200});

    connect(m_panel, &ParamPanel::edited, this, &Tab::onPanelEdited);
}

Tab::~Tab()
{
    // The panel edits m_params: it must go while m_params still exists (a line
    // edit with focus reports editingFinished as it is destroyed).
    delete m_panel;
    m_panel = nullptr;
}

void Tab::applyParams(const ParamSet& params)
{
    m_params = params;
    m_lastValid = params;
    m_panel->syncFromParams();
    showError({});
    onParamsChanged({});
}

QWidget* Tab::figure() const { return m_figureHost; }

Tab::DataWriter Tab::exportDataWriter() const
{
    return [data = exportData()](JsonWriter& w) { return w.document(data); };
}

std::function<QByteArray()> Tab::exportCsvWriter() const
{
    QString csv = exportCsv();
    if (csv.isEmpty())
        return {};
    return [csv = std::move(csv)] { return csv.toUtf8(); };
}

bool Tab::waitUntilIdle(int /*timeoutMs*/)
{
    QCoreApplication::processEvents();
    return true;
}

std::string Tab::setParam(const std::string& key, const ParamValue& v) { return setParams({{key, v}}); }

std::string Tab::setParams(const std::vector<std::pair<std::string, ParamValue>>& changes)
{
    ParamSet trial = m_params;
    std::set<std::string> keys;
    for (const auto& [key, v] : changes) {
        // In the window's language, like the constraint's message below: the tabs show it.
        if (const Message e = trial.trySet(key, v); !e.empty())
            return trEngine(e).toStdString();
        keys.insert(key);
    }
    if (auto e = trial.checkConstraints(); !e.empty())
        return e;
    m_params = trial;
    m_lastValid = trial;
    m_panel->syncFromParams();
    onParamsChanged(keys);
    emit paramsEdited();
    return {};
}

void Tab::setTryThis(std::vector<TryThis> items)
{
    m_tryThis = std::move(items);
    QStringList texts;
    for (const auto& t : m_tryThis)
        texts << t.text;
    m_explanation->setTryThis(texts);
}

std::string Tab::applyTryThis(int index)
{
    if (index < 0 || index >= static_cast<int>(m_tryThis.size()))
        return "no experiment " + std::to_string(index);
    ParamSet trial = m_params;
    std::set<std::string> keys;
    for (const auto& [key, text] : m_tryThis[static_cast<size_t>(index)].set) {
        if (const Message e = trial.trySetFromString(key, text); !e.empty()) {
            showError(trEngine(e));
            return e.text();
        }
        keys.insert(key);
    }
    // Constraint messages are built by the tab, already in the window's language.
    if (const std::string e = trial.checkConstraints(); !e.empty()) {
        showError(QString::fromStdString(e));
        return e;
    }
    m_params = trial;
    m_lastValid = trial;
    m_panel->syncFromParams();
    showError({});
    onParamsChanged(keys);
    emit paramsEdited();
    return {};
}

void Tab::showError(const QString& message)
{
    m_error = message;
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
}

void Tab::trackPlot(QCustomPlot* plot)
{
    connect(plot, &QCustomPlot::afterReplot, this, [this, plot] { emit timingChanged(m_lastComputeMs, plot->replotTime()); });
}

void Tab::onPanelEdited(const std::string& key)
{
    // Cross-parameter constraints: an edit that breaks one is refused with a
    // message, and the previous, valid state is kept.
    const std::string e = m_params.checkConstraints();
    if (!e.empty()) {
        m_params = m_lastValid;
        m_panel->syncFromParams();
        m_panel->setParamError(key, QString::fromStdString(e));
        showError(QString::fromStdString(e));
        return;
    }
    m_lastValid = m_params;
    showError({});
    onParamsChanged({key});
    emit paramsEdited();
}

}  // namespace aimath
