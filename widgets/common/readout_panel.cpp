#include "widgets/common/readout_panel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>
#include <QTimer>
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
    m_shrink = new QTimer(this);
    m_shrink->setSingleShot(true);
    m_shrink->setInterval(kShrinkDelayMs);
    connect(m_shrink, &QTimer::timeout, this, [this] { fitHeight(true); });
    setRows({});
}

void ReadoutPanel::setRows(const std::vector<std::pair<QString, QString>>& rows)
{
    if (m_shown && rows == m_rows)
        return;
    // A slider drag changes values under the same names: rewrite only the value
    // cells that changed (a whole setHtml re-parses and lays out every row).
    const bool rebuilt = !m_shown || !updateValues(rows);
    if (rebuilt) {
        m_rows = rows;
        QString html = QStringLiteral("<table cellspacing='0' cellpadding='2' width='100%'>");
        for (const auto& [name, value] : rows)
            html += QStringLiteral("<tr><td>%1</td><td align='right'><b>%2</b></td></tr>").arg(name, value);
        html += QStringLiteral("</table>");
        m_view->setHtml(html);
        m_shown = true;
    }
    fitHeight(rebuilt);
}

void ReadoutPanel::fitHeight(bool now)
{
    // Grow with the content so the column scrolls rather than the readouts. setTextWidth lays
    // the whole document out again even at the same width (half of a drag's readout cost).
    const qreal width = m_view->viewport()->width() > 0 ? m_view->viewport()->width() : 280;
    if (m_view->document()->textWidth() != width)
        m_view->document()->setTextWidth(width);
    const int height = static_cast<int>(m_view->document()->size().height()) + 8;
    // A value that wraps onto one line less while a slider moves shrinks the panel only once the
    // values rest: a new height lays out and repaints the whole controls column (5-10 ms, the
    // slowest changes of a descent lr drag, as its Adam row went from one line to two and back).
    if (height > m_view->height() || (height < m_view->height() && now)) {
        m_shrink->stop();
        m_view->setFixedHeight(height);
    } else if (height < m_view->height()) {
        m_shrink->start();
    }
}

bool ReadoutPanel::updateValues(const std::vector<std::pair<QString, QString>>& rows)
{
    if (rows.size() != m_rows.size())
        return false;
    QTextTable* table = nullptr;
    for (QTextFrame* frame : m_view->document()->rootFrame()->childFrames())
        if ((table = qobject_cast<QTextTable*>(frame)))
            break;
    if (!table || table->rows() != static_cast<int>(rows.size()) || table->columns() != 2)
        return false;
    QTextCursor edit(m_view->document());
    edit.beginEditBlock();
    // Names too (an embeddings axis drag renames its λ rows): as many rows, cells rewritten in place.
    // Plain text replacing plain text keeps the cell's character format (what the HTML of a
    // plain name or a <b> value gives) and skips parsing HTML into a document fragment.
    const auto plain = [](const QString& s) { return !s.isEmpty() && !s.contains(QLatin1Char('<')) && !s.contains(QLatin1Char('&')); };
    const auto rewrite = [&](int row, int column, const QString& before, const QString& text) {
        const QTextTableCell cell = table->cellAt(row, column);
        QTextCursor c = cell.firstCursorPosition();
        if (plain(before) && plain(text)) {
            c.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
            const QTextCharFormat format = c.charFormat();
            c.setPosition(cell.firstCursorPosition().position());
            c.setPosition(cell.lastCursorPosition().position(), QTextCursor::KeepAnchor);
            c.insertText(text, format);
            return;
        }
        c.setPosition(cell.lastCursorPosition().position(), QTextCursor::KeepAnchor);
        c.insertHtml(column == 1 ? QStringLiteral("<b>%1</b>").arg(text) : text);
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].first != m_rows[i].first)
            rewrite(static_cast<int>(i), 0, m_rows[i].first, rows[i].first);
        if (rows[i].second != m_rows[i].second)
            rewrite(static_cast<int>(i), 1, m_rows[i].second, rows[i].second);
    }
    edit.endEditBlock();
    m_rows = rows;
    return true;
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
