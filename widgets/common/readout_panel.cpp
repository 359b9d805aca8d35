#include "widgets/common/readout_panel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>

namespace aimath {

ReadoutPanel::ReadoutPanel(QWidget* parent)
    : QWidget(parent)
    , m_view(new QTextBrowser(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setOpenLinks(false);
    m_view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* copyAll = new QAction(tr("Copy all readouts"), m_view);
    connect(copyAll, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(text()); });
    m_view->addAction(copyAll);
    layout->addWidget(m_view);
    setRows({});
}

void ReadoutPanel::setRows(const std::vector<std::pair<QString, QString>>& rows)
{
    if (rows == m_rows && !m_view->toHtml().isEmpty())
        return;
    m_rows = rows;
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='2' width='100%'>");
    for (const auto& [name, value] : rows)
        html += QStringLiteral("<tr><td>%1</td><td align='right'><b>%2</b></td></tr>").arg(name, value);
    html += QStringLiteral("</table>");
    m_view->setHtml(html);
    // Grow with the content so the column scrolls rather than the readouts.
    m_view->document()->setTextWidth(m_view->viewport()->width() > 0 ? m_view->viewport()->width() : 280);
    m_view->setFixedHeight(static_cast<int>(m_view->document()->size().height()) + 8);
}

QString ReadoutPanel::text() const
{
    QStringList lines;
    for (const auto& [name, value] : m_rows) {
        QTextDocument nameDoc, valueDoc;
        nameDoc.setHtml(name);
        valueDoc.setHtml(value);
        lines << nameDoc.toPlainText() + QLatin1Char('\t') + valueDoc.toPlainText();
    }
    return lines.join(QLatin1Char('\n'));
}

QString formatNumber(double v, int digits)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    QString s = QString::number(v, 'g', digits);
    if (s.startsWith(QLatin1Char('-')))
        s.replace(0, 1, QStringLiteral("−"));
    return s;
}

}  // namespace aimath
