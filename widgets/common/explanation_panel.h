#pragma once
// The collapsible explanation under the plots: a formula and a few sentences
// (HTML, Unicode maths) tying what is shown to where it lives in large models.

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
    void setCollapsed(bool collapsed);
    bool isCollapsed() const;

private:
    QToolButton* m_toggle;
    QTextBrowser* m_text;
};

}  // namespace aimath
