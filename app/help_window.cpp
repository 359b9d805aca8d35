#include "app/help_window.h"

#include "app/language.h"

#include <QAction>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace aimath {

namespace {

QString plainActionText(const QAction* a)
{
    QString t = a->text();
    // "&Export Image…" → "Export Image"; a literal "&&" stays one "&".
    t.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    t.remove(QLatin1Char('&'));
    t.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    // Chinese menus carry the mnemonic as "(&F)": drop it with the brackets.
    static const QRegularExpression mnemonic(QStringLiteral("\\s*\\([A-Za-z0-9]\\)"));
    t.remove(mnemonic);
    if (t.endsWith(QStringLiteral("…")))
        t.chop(1);
    if (t.endsWith(QLatin1String("...")))
        t.chop(3);
    return t.trimmed();
}

void collectFrom(const QList<QAction*>& actions, const QString& path, std::vector<std::pair<QString, QString>>& out,
                 QSet<const QAction*>& seen)
{
    for (QAction* a : actions) {
        if (a->isSeparator() || seen.contains(a))
            continue;
        seen.insert(a);
        const QString name = path.isEmpty() ? plainActionText(a) : path + QStringLiteral(" › ") + plainActionText(a);
        if (QMenu* m = a->menu()) {
            collectFrom(m->actions(), name, out, seen);
            continue;
        }
        QStringList keys;
        for (const QKeySequence& k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        if (!keys.isEmpty())
            out.emplace_back(name, keys.join(QStringLiteral(", ")));
    }
}

}  // namespace

HelpWindow::HelpWindow(std::vector<TabInfo> tabs, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_tabs(std::move(tabs))
{
    setObjectName(QStringLiteral("helpWindow"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* split = new QSplitter(Qt::Horizontal, this);
    m_pages = new QListWidget(split);
    m_pages->setMaximumWidth(260);
    m_browser = new QTextBrowser(split);
    m_browser->setOpenLinks(false);
    split->addWidget(m_pages);
    split->addWidget(m_browser);
    split->setStretchFactor(1, 1);
    split->setSizes({200, 760});
    layout->addWidget(split);
    connect(m_pages, &QListWidget::currentRowChanged, this, &HelpWindow::onPageSelected);
    connect(m_browser, &QTextBrowser::anchorClicked, this, &HelpWindow::onAnchorClicked);
    resize(980, 760);
    retranslate();
}

QString HelpWindow::pageMarkdown(const QString& language, const QString& page)
{
    QFile f(QStringLiteral(":/help/%1/%2.md").arg(language, page));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

void HelpWindow::retranslate()
{
    setWindowTitle(tr("AI Math Lab Help"));
    const QSignalBlocker block(m_pages);
    m_pages->clear();
    auto* overview = new QListWidgetItem(tr("Overview"), m_pages);
    overview->setData(Qt::UserRole, QStringLiteral("index"));
    for (const TabInfo& t : m_tabs) {
        auto* item = new QListWidgetItem(t.title(), m_pages);
        item->setData(Qt::UserRole, t.id);
    }
    showPage(m_page);
}

QString HelpWindow::currentPage() const { return m_page; }

QString HelpWindow::currentMarkdown() const { return m_markdown; }

void HelpWindow::showPage(const QString& page)
{
    int row = 0;
    for (int i = 0; i < m_pages->count(); ++i)
        if (m_pages->item(i)->data(Qt::UserRole).toString() == page)
            row = i;
    m_page = m_pages->item(row)->data(Qt::UserRole).toString();
    {
        const QSignalBlocker block(m_pages);
        m_pages->setCurrentRow(row);
    }
    const QString lang = currentLanguage();
    QString md = pageMarkdown(lang, m_page);
    if (md.isEmpty() && lang != QLatin1String("en")) {
        // A page not yet translated: say so and show the English one.
        const QString en = pageMarkdown(QStringLiteral("en"), m_page);
        if (!en.isEmpty())
            md = QStringLiteral("> %1\n\n").arg(tr("This page is not yet available in your language; here is the English version.")) + en;
    }
    if (md.isEmpty())
        md = QStringLiteral("# %1\n\n%2\n").arg(m_pages->item(row)->text(), tr("There is no help page for this topic yet."));
    m_markdown = md;
    m_browser->setMarkdown(md);
}

void HelpWindow::onPageSelected(int row)
{
    if (row >= 0 && row < m_pages->count())
        showPage(m_pages->item(row)->data(Qt::UserRole).toString());
}

void HelpWindow::onAnchorClicked(const QUrl& url)
{
    // Pages link to each other as "attention.md"; the rest opens outside.
    if (url.isRelative() && url.path().endsWith(QLatin1String(".md"))) {
        showPage(url.path().chopped(3).section(QLatin1Char('/'), -1));
        return;
    }
    if (url.isRelative() && url.path().isEmpty() && url.hasFragment()) {
        m_browser->scrollToAnchor(url.fragment());
        return;
    }
    QDesktopServices::openUrl(url);
}

std::vector<std::pair<QString, QString>> ShortcutsDialog::collect(QWidget* window)
{
    std::vector<std::pair<QString, QString>> out;
    QSet<const QAction*> seen;
    if (auto* bar = window->findChild<QMenuBar*>(QString(), Qt::FindDirectChildrenOnly))
        collectFrom(bar->actions(), QString(), out, seen);
    collectFrom(window->actions(), QString(), out, seen);
    return out;
}

ShortcutsDialog::ShortcutsDialog(QWidget* window, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto* layout = new QVBoxLayout(this);
    const auto rows = collect(window);
    auto* table = new QTableWidget(static_cast<int>(rows.size()), 2, this);
    table->setObjectName(QStringLiteral("shortcuts"));
    table->setHorizontalHeaderLabels({tr("Command"), tr("Shortcut")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        table->setItem(r, 0, new QTableWidgetItem(rows[static_cast<std::size_t>(r)].first));
        table->setItem(r, 1, new QTableWidgetItem(rows[static_cast<std::size_t>(r)].second));
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    layout->addWidget(table);
    auto* note = new QLabel(tr("Plots: wheel to zoom and drag to pan where a plot can be explored; right-click for Save image, Copy image, Export data and Reset view."), this);
    note->setWordWrap(true);
    layout->addWidget(note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 520);
}

}  // namespace aimath
