#pragma once
// Help > Contents (F1): a non-modal window with one page per tab plus an
// overview, rendered from the Markdown embedded as :/help/<lang>/<page>.md in
// the current language. Help > Keyboard Shortcuts lists every shortcut of the
// window, read from its actions.

#include "widgets/common/tab_registry.h"

#include <QDialog>
#include <QWidget>

#include <vector>

class QListWidget;
class QTextBrowser;

namespace aimath {

class HelpWindow : public QWidget {
    Q_OBJECT
public:
    /// tabs give the page ids ("attention" → attention.md) and their titles.
    explicit HelpWindow(std::vector<TabInfo> tabs, QWidget* parent = nullptr);

    /// Shows a page: "index" or a tab id. Unknown ids show the overview.
    void showPage(const QString& page);
    QString currentPage() const;
    /// The Markdown shown now (for tests).
    QString currentMarkdown() const;
    /// Rebuilds the page list and reloads the page in the current language.
    void retranslate();

    /// The text of :/help/<lang>/<page>.md, empty when that page does not exist.
    static QString pageMarkdown(const QString& language, const QString& page);

private:
    void onPageSelected(int row);
    void onAnchorClicked(const QUrl& url);

    std::vector<TabInfo> m_tabs;
    QListWidget* m_pages = nullptr;
    QTextBrowser* m_browser = nullptr;
    QString m_page = QStringLiteral("index");
    QString m_markdown;
};

/// The shortcut list: every action reachable from `window` (menus included)
/// that has a shortcut, with its menu path, in the current language.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget* window, QWidget* parent = nullptr);
    /// (action text without mnemonics, shortcut in native text) pairs, in menu order.
    static std::vector<std::pair<QString, QString>> collect(QWidget* window);
};

}  // namespace aimath
