#include "widgets/common/explanation_panel.h"

#include <QTextBrowser>
#include <QToolButton>
#include <QUrl>
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
    // Links are actions ("try:N"), never navigation: a click must not replace the text.
    m_text->setOpenLinks(false);
    connect(m_text, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() != QLatin1String("try"))
            return;
        bool ok = false;
        const int i = url.path().toInt(&ok);
        if (ok && i >= 0 && i < m_tryThis.size())
            emit tryThisActivated(i);
    });
    m_text->setMinimumHeight(60);
    layout->addWidget(m_toggle);
    layout->addWidget(m_text);
    connect(m_toggle, &QToolButton::toggled, this, [this](bool open) { setCollapsed(!open); });
}

void ExplanationPanel::setHtml(const QString& html)
{
    if (html == m_html)
        return;
    m_html = html;
    render();
}

QString ExplanationPanel::html() const { return m_html; }

void ExplanationPanel::setTryThis(const QStringList& items)
{
    if (items == m_tryThis)
        return;
    m_tryThis = items;
    render();
}

void ExplanationPanel::render()
{
    QString full = m_html;
    if (!m_tryThis.isEmpty()) {
        full += QStringLiteral("<p><b>%1</b></p><ol>").arg(tr("Try this").toHtmlEscaped());
        for (int i = 0; i < m_tryThis.size(); ++i)
            full += QStringLiteral("<li><a href=\"try:%1\">%2</a></li>").arg(i).arg(m_tryThis[i].toHtmlEscaped());
        full += QStringLiteral("</ol>");
    }
    m_text->setHtml(full);
}

void ExplanationPanel::setCollapsed(bool collapsed)
{
    m_text->setVisible(!collapsed);
    m_toggle->setArrowType(collapsed ? Qt::RightArrow : Qt::DownArrow);
    if (m_toggle->isChecked() == collapsed)
        m_toggle->setChecked(!collapsed);
}

bool ExplanationPanel::isCollapsed() const { return !m_text->isVisibleTo(const_cast<ExplanationPanel*>(this)); }

}  // namespace aimath
