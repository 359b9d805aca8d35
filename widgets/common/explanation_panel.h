#pragma once
// The collapsible explanation under the plots: a formula and a few sentences
// (HTML, Unicode maths) tying what is shown to where it lives in large models.

#include <QStringList>
#include <QWidget>

class QTextBrowser;
class QToolButton;

namespace aimath {

class ExplanationPanel : public QWidget {
    Q_OBJECT
public:
    explicit ExplanationPanel(QWidget* parent = nullptr);
    void setHtml(const QString& html);
    QString html() const;
    /// The "Try this" list under the text: one link per experiment. Clicking
    /// item i emits tryThisActivated(i).
    void setTryThis(const QStringList& items);
    QStringList tryThis() const { return m_tryThis; }
    void setCollapsed(bool collapsed);
    bool isCollapsed() const;

signals:
    void tryThisActivated(int index);

private:
    void render();

    QToolButton* m_toggle;
    QTextBrowser* m_text;
    QString m_html;
    QStringList m_tryThis;
};

}  // namespace aimath
