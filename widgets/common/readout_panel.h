#pragma once
// The numeric readouts of a view, under the controls: a two-column table of
// name → value, selectable and copyable (Ctrl+C or the context menu copies it as text).

#include <QWidget>

#include <utility>
#include <vector>

class QTextBrowser;
class QTimer;

namespace aimath {

class ReadoutPanel : public QWidget {
    Q_OBJECT
public:
    explicit ReadoutPanel(QWidget* parent = nullptr);
    /// Replaces the rows (value text already formatted, may contain HTML such as ∞).
    void setRows(const std::vector<std::pair<QString, QString>>& rows);
    /// Plain text "name<TAB>value" per row (what Copy puts on the clipboard).
    QString text() const;
    const std::vector<std::pair<QString, QString>>& rows() const { return m_rows; }
    /// How long the values must rest before the panel shrinks to fewer lines (another number of rows: at once).
    static constexpr int kShrinkDelayMs = 400;

private:
    /// Rewrites the changed value cells in place when the names are the same; false when a rebuild is needed.
    bool updateValues(const std::vector<std::pair<QString, QString>>& rows);

    /// Fits the panel to its document: at once when it grows or `now`, else after kShrinkDelayMs without changes.
    void fitHeight(bool now);

    QTextBrowser* m_view;
    QTimer* m_shrink = nullptr;
    std::vector<std::pair<QString, QString>> m_rows;
    bool m_shown = false;  ///< the table of m_rows is in the document
};

/// Formats a number for display: up to `digits` significant digits, "∞" for infinities.
QString formatNumber(double v, int digits = 6);

}  // namespace aimath
