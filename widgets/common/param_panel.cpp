#include "widgets/common/param_panel.h"

#include "engine/core/parse.h"
#include "widgets/common/engine_message.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace aimath {

namespace {
ParamPanel::PathRequestHandler& pathHandler()
{
    static ParamPanel::PathRequestHandler h;
    return h;
}

QString trParam(const std::string& s) { return QCoreApplication::translate("aimath::params", s.c_str()); }

/// Rounds to `digits` significant digits so slider values read well and replay exactly.
double roundSignificant(double v, int digits)
{
    if (v == 0.0 || !std::isfinite(v))
        return v;
    const double p = std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(std::fabs(v)))));
    return std::round(v * p) / p;
}

QString displayReal(double v)
{
    // Short display; the exact value stays in the ParamSet and in exports.
    QString s = QString::number(v, 'g', 6);
    return s;
}

// Text colour set too: the pale background must not meet the dark theme's light text.
const char* kInvalidStyle = "QLineEdit { border: 1px solid #d62728; background: #fff0f0; color: #3a0000; }";
}  // namespace

void ParamPanel::setPathRequestHandler(PathRequestHandler handler) { pathHandler() = std::move(handler); }

double ParamPanel::sliderToValue(const ParamSpec& spec, int pos)
{
    const double t = std::clamp(pos, 0, kSliderSteps) / static_cast<double>(kSliderSteps);
    double v;
    if (spec.scale == ParamScale::Log && spec.min > 0.0)
        v = std::exp(std::log(spec.min) + t * (std::log(spec.max) - std::log(spec.min)));
    else
        v = spec.min + t * (spec.max - spec.min);
    if (spec.type == ParamType::Integer)
        v = std::round(v);
    else
        v = roundSignificant(v, 4);
    return std::clamp(v, spec.min, spec.max);
}

int ParamPanel::valueToSlider(const ParamSpec& spec, double value)
{
    double t;
    if (spec.max <= spec.min)
        return 0;
    if (spec.scale == ParamScale::Log && spec.min > 0.0)
        t = (std::log(std::max(value, spec.min)) - std::log(spec.min)) / (std::log(spec.max) - std::log(spec.min));
    else
        t = (value - spec.min) / (spec.max - spec.min);
    return static_cast<int>(std::lround(std::clamp(t, 0.0, 1.0) * kSliderSteps));
}

ParamPanel::ParamPanel(ParamSet* params, QWidget* parent)
    : QWidget(parent)
    , m_params(params)
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(6);
    for (const ParamSpec& spec : m_params->specs()) {
        if (!spec.inPanel)
            continue;
        const std::string group = spec.group.empty() ? std::string(QT_TRANSLATE_NOOP("aimath::params", "Parameters")) : spec.group;
        QGroupBox*& box = m_groups[group];
        if (!box) {
            box = new QGroupBox(trParam(group), this);
            auto* grid = new QGridLayout(box);
            grid->setColumnStretch(1, 1);
            grid->setHorizontalSpacing(6);
            grid->setVerticalSpacing(4);
            m_layout->addWidget(box);
        }
        auto* grid = static_cast<QGridLayout*>(box->layout());
        Row row;
        QWidget* control = buildRow(spec, row);
        const int r = grid->rowCount();
        if (spec.type == ParamType::Bool) {
            grid->addWidget(control, r, 0, 1, 2);
            row.container = control;
        } else {
            auto* label = new QLabel(trParam(spec.label), box);
            label->setToolTip(trParam(spec.tooltip));
            label->setBuddy(row.control);
            auto* holder = new QWidget(box);
            auto* hl = new QVBoxLayout(holder);
            hl->setContentsMargins(0, 0, 0, 0);
            hl->setSpacing(1);
            hl->addWidget(label);
            hl->addWidget(control);
            grid->addWidget(holder, r, 0, 1, 2);
            row.container = holder;
        }
        control->setToolTip(trParam(spec.tooltip));
        m_rows[spec.key] = std::move(row);
    }
    m_layout->addStretch(1);
    syncFromParams();
}

QWidget* ParamPanel::buildRow(const ParamSpec& spec, Row& row)
{
    const std::string key = spec.key;
    switch (spec.type) {
    case ParamType::Real:
    case ParamType::Integer: {
        auto* w = new QWidget(this);
        auto* hl = new QHBoxLayout(w);
        hl->setContentsMargins(0, 0, 0, 0);
        auto* slider = new QSlider(Qt::Horizontal, w);
        slider->setRange(0, kSliderSteps);
        slider->setObjectName(QString::fromStdString(key));
        auto* edit = new QLineEdit(w);
        edit->setFixedWidth(84);
        edit->setAlignment(Qt::AlignRight);
        edit->setObjectName(QString::fromStdString(key) + QStringLiteral("_edit"));
        hl->addWidget(slider, 1);
        hl->addWidget(edit);
        connect(slider, &QSlider::valueChanged, this, [this, key, slider](int pos) {
            if (m_syncing)
                return;
            const ParamSpec& s = *m_params->find(key);
            const double v = sliderToValue(s, pos);
            if (s.type == ParamType::Integer)
                commit(key, static_cast<long long>(v));
            else
                commit(key, v);
            Q_UNUSED(slider);
        });
        connect(edit, &QLineEdit::editingFinished, this, [this, key, edit] {
            // Enter or focus-out on an untouched box must not round an exact
            // value (from the command line or a session) to its 6-digit display.
            const ParamSpec& s = *m_params->find(key);
            const QString shown = s.type == ParamType::Integer ? QString::number(m_params->integer(key)) : displayReal(m_params->real(key));
            if (!m_syncing && edit->text() != shown)
                commitText(key, edit->text());
        });
        row.control = slider;
        row.edit = edit;
        row.sync = [this, key, slider, edit] {
            const ParamSpec& s = *m_params->find(key);
            const double v = s.type == ParamType::Integer ? static_cast<double>(m_params->integer(key)) : m_params->real(key);
            QSignalBlocker b1(slider), b2(edit);
            slider->setValue(valueToSlider(s, v));
            edit->setText(s.type == ParamType::Integer ? QString::number(m_params->integer(key)) : displayReal(v));
            edit->setStyleSheet({});
        };
        return w;
    }
    case ParamType::Bool: {
        auto* box = new QCheckBox(trParam(spec.label), this);
        box->setObjectName(QString::fromStdString(key));
        connect(box, &QCheckBox::toggled, this, [this, key](bool on) {
            if (!m_syncing)
                commit(key, on);
        });
        row.control = box;
        row.sync = [this, key, box] {
            QSignalBlocker b(box);
            box->setChecked(m_params->boolean(key));
        };
        return box;
    }
    case ParamType::Choice: {
        auto* combo = new QComboBox(this);
        combo->setObjectName(QString::fromStdString(key));
        for (std::size_t i = 0; i < spec.choices.size(); ++i)
            combo->addItem(spec.choiceLabels.empty() ? QString::fromStdString(spec.choices[i]) : trParam(spec.choiceLabels[i]),
                           QString::fromStdString(spec.choices[i]));
        connect(combo, &QComboBox::currentIndexChanged, this, [this, key, combo](int) {
            if (!m_syncing)
                commit(key, combo->currentData().toString().toStdString());
        });
        row.control = combo;
        row.sync = [this, key, combo] {
            QSignalBlocker b(combo);
            combo->setCurrentIndex(combo->findData(QString::fromStdString(m_params->text(key))));
        };
        return combo;
    }
    case ParamType::ChoiceList: {
        auto* w = new QWidget(this);
        w->setObjectName(QString::fromStdString(key));
        auto* grid = new QGridLayout(w);
        grid->setContentsMargins(0, 0, 0, 0);
        grid->setVerticalSpacing(0);
        std::vector<QCheckBox*> boxes;
        for (std::size_t i = 0; i < spec.choices.size(); ++i) {
            auto* b = new QCheckBox(spec.choiceLabels.empty() ? QString::fromStdString(spec.choices[i]) : trParam(spec.choiceLabels[i]), w);
            b->setObjectName(QString::fromStdString(key + ":" + spec.choices[i]));
            grid->addWidget(b, static_cast<int>(i / 2), static_cast<int>(i % 2));
            boxes.push_back(b);
        }
        for (QCheckBox* b : boxes) {
            connect(b, &QCheckBox::toggled, this, [this, key, boxes] {
                if (m_syncing)
                    return;
                const ParamSpec& s = *m_params->find(key);
                std::vector<std::string> chosen;
                for (std::size_t i = 0; i < boxes.size(); ++i)
                    if (boxes[i]->isChecked())
                        chosen.push_back(s.choices[i]);
                commit(key, chosen);
            });
        }
        row.control = w;
        row.sync = [this, key, boxes] {
            const ParamSpec& s = *m_params->find(key);
            const auto& chosen = m_params->texts(key);
            for (std::size_t i = 0; i < boxes.size(); ++i) {
                QSignalBlocker b(boxes[i]);
                boxes[i]->setChecked(std::find(chosen.begin(), chosen.end(), s.choices[i]) != chosen.end());
            }
        };
        return w;
    }
    case ParamType::Text:
    case ParamType::RealList:
    case ParamType::TextList:
    case ParamType::Path: {
        auto* w = new QWidget(this);
        auto* hl = new QHBoxLayout(w);
        hl->setContentsMargins(0, 0, 0, 0);
        auto* edit = new QLineEdit(w);
        edit->setObjectName(QString::fromStdString(key));
        edit->setClearButtonEnabled(spec.type == ParamType::Path);
        hl->addWidget(edit, 1);
        connect(edit, &QLineEdit::editingFinished, this, [this, key, edit] {
            if (!m_syncing && edit->text().toStdString() != m_params->toString(key))
                commitText(key, edit->text());
        });
        if (spec.type == ParamType::Path) {
            auto* browse = new QToolButton(w);
            browse->setText(QStringLiteral("…"));
            browse->setToolTip(QCoreApplication::translate("aimath::ParamPanel", "Choose a file"));
            hl->addWidget(browse);
            connect(browse, &QToolButton::clicked, this, [this, key, edit] {
                if (!pathHandler())
                    return;
                const QString chosen = pathHandler()(*m_params->find(key), edit->text());
                if (!chosen.isEmpty())
                    commitText(key, chosen);
            });
        }
        row.control = edit;
        row.edit = edit;
        row.sync = [this, key, edit] {
            QSignalBlocker b(edit);
            edit->setText(QString::fromStdString(m_params->toString(key)));
            edit->setStyleSheet({});
            edit->setToolTip(trParam(m_params->find(key)->tooltip));
        };
        return w;
    }
    }
    return new QWidget(this);
}

ParamPanel::~ParamPanel()
{
    // Children are destroyed after this body; a focused line edit then emits
    // editingFinished. Nothing they say may reach the ParamSet any more.
    for (QWidget* w : findChildren<QWidget*>())
        w->disconnect(this);
}

void ParamPanel::syncFromParams()
{
    m_syncing = true;
    for (auto& [key, row] : m_rows)
        if (row.sync)
            row.sync();
    m_syncing = false;
}

void ParamPanel::commit(const std::string& key, const ParamValue& v)
{
    if (v == m_params->value(key))
        return;
    const Message error = m_params->trySet(key, v);
    if (!error.empty()) {
        // Put the control back to the stored value (an unchecked last format
        // box must not look unchecked while the format is still in use).
        m_syncing = true;
        if (auto it = m_rows.find(key); it != m_rows.end() && it->second.sync)
            it->second.sync();
        m_syncing = false;
        const QString shown = trEngine(error);
        setParamError(key, shown);
        emit rejected(key, shown);
        return;
    }
    setParamError(key, {});
    // Let the row show what was stored (the value box follows its slider).
    m_syncing = true;
    if (auto it = m_rows.find(key); it != m_rows.end() && it->second.sync)
        it->second.sync();
    m_syncing = false;
    emit edited(key);
}

void ParamPanel::commitText(const std::string& key, const QString& text)
{
    ParamSet trial = *m_params;
    const Message error = trial.trySetFromString(key, text.toStdString());
    if (!error.empty()) {
        const QString shown = trEngine(error);
        setParamError(key, shown);
        emit rejected(key, shown);
        return;
    }
    const ParamValue v = trial.value(key);
    if (v == m_params->value(key)) {
        // Same value typed differently: show it in canonical form.
        m_syncing = true;
        if (auto it = m_rows.find(key); it != m_rows.end() && it->second.sync)
            it->second.sync();
        m_syncing = false;
        return;
    }
    m_params->set(key, v);
    m_syncing = true;
    if (auto it = m_rows.find(key); it != m_rows.end() && it->second.sync)
        it->second.sync();
    m_syncing = false;
    emit edited(key);
}

void ParamPanel::setGroupVisible(const std::string& group, bool visible)
{
    if (auto it = m_groups.find(group); it != m_groups.end())
        it->second->setVisible(visible);
}

void ParamPanel::setParamVisible(const std::string& key, bool visible)
{
    if (auto it = m_rows.find(key); it != m_rows.end())
        it->second.container->setVisible(visible);
}

void ParamPanel::setParamEnabled(const std::string& key, bool enabled)
{
    if (auto it = m_rows.find(key); it != m_rows.end())
        it->second.container->setEnabled(enabled);
}

QWidget* ParamPanel::control(const std::string& key) const
{
    auto it = m_rows.find(key);
    return it == m_rows.end() ? nullptr : it->second.control;
}

void ParamPanel::setParamError(const std::string& key, const QString& message)
{
    auto it = m_rows.find(key);
    if (it == m_rows.end())
        return;
    QWidget* target = it->second.edit ? static_cast<QWidget*>(it->second.edit) : it->second.control;
    const QString tip = message.isEmpty() ? trParam(m_params->find(key)->tooltip) : message;
    if (auto* edit = qobject_cast<QLineEdit*>(target))
        edit->setStyleSheet(message.isEmpty() ? QString() : QString::fromLatin1(kInvalidStyle));
    target->setToolTip(tip);
}

}  // namespace aimath
