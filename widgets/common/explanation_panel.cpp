#include "widgets/common/explanation_panel.h"

#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace aimath {

ExplanationPanel::ExplanationPanel(QWidget* parent)
    : QWidget(parent)
    , m_toggle(new QToolButton(this))
    , m_text(new QTextBrowser(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_toggle->setText(tr("Explanation"));
    m_toggle->setCheckable(true);
    m_toggle->setChecked(true);
    m_toggle->setArrowType(Qt::DownArrow);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setAutoRaise(true);
    m_text->setOpenExternalLinks(false);
    m_text->setMinimumHeight(60);
    layout->addWidget(m_toggle);
    layout->addWidget(m_text);
    connect(m_toggle, &QToolButton::toggled, this, [this](bool open) { setCollapsed(!open); });
}

void ExplanationPanel::setHtml(const QString& html)
{
    if (html != m_text->property("aimathHtml").toString()) {
        m_text->setHtml(html);
        m_text->setProperty("aimathHtml", html);
    }
}

QString ExplanationPanel::html() const { return m_text->property("aimathHtml").toString(); }

void ExplanationPanel::setCollapsed(bool collapsed)
{
    m_text->setVisible(!collapsed);
    m_toggle->setArrowType(collapsed ? Qt::RightArrow : Qt::DownArrow);
    if (m_toggle->isChecked() == collapsed)
        m_toggle->setChecked(!collapsed);
}

bool ExplanationPanel::isCollapsed() const { return !m_text->isVisibleTo(const_cast<ExplanationPanel*>(this)); }

}  // namespace aimath
