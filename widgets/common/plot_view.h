#pragma once
// QCustomPlot with the app's conventions: right-click menu (Save image as…,
// Copy image, Export data…, Reset view), wheel zoom and drag-pan when enabled,
// readable fonts, and a data hook for "Export data…" of this one plot.
// It follows the application palette (light/dark): see applyPlotPalette().

#include <qcustomplot.h>

#include <QHash>
#include <QPalette>

#include <functional>
#include <utility>

namespace aimath {

class PlotView : public QCustomPlot {
    Q_OBJECT
public:
    explicit PlotView(QWidget* parent = nullptr);

    /// Adds a title element above the axis rect (text stays readable in exports).
    void setTitle(const QString& title);
    QString title() const;
    /// Enables wheel zoom and drag-pan on both axes; "Reset view" calls the reset hook
    /// (default: rescaleAxes).
    void setInteractiveZoom(bool on);
    void setResetViewHook(std::function<void()> hook) { m_reset = std::move(hook); }
    /// What "Export data…" writes for this plot as CSV (default: every graph's x,y).
    void setCsvHook(std::function<QString()> hook) { m_csv = std::move(hook); }
    QString plotCsv() const;
    void resetView();

    /// The context-menu actions that need a dialog or the app's export settings
    /// are handed to the app (widgets never open file dialogs or read settings
    /// themselves); the app installs this handler once.
    enum class Request { SaveImage, ExportData, CopyImage };
    using RequestHandler = std::function<void(PlotView*, Request)>;
    static void setRequestHandler(RequestHandler handler);
    /// Puts this plot alone on the clipboard as an image at twice its size, in
    /// the light style on white when `whiteBackground` (as exports for papers
    /// are), else as on screen.
    void copyImage(bool whiteBackground = true);

    /// Styles the plot for `palette` now: background, axes, ticks, tick and axis
    /// labels, grid and zero lines, legends, titles, colour-scale axes, and the
    /// neutral ink (black, greys, white) of plottables and items; see
    /// theme::adaptInk. What sits on a colour map keeps its colours. Tabs keep
    /// authoring colours for black on white. Before every replot the plot is
    /// styled again for its own palette when needed (exports call this with
    /// the light palette, then restyleForScreen()).
    void applyPlotPalette(const QPalette& palette);
    /// Marks the plot to be styled again for its own palette at the next replot.
    void restyleForScreen();
    /// Before every replot a legend inside the axis rect moves to the corner where it hides the
    /// least of the data (legend_placement.h), preferring the corner the tab gave it. On by default.
    void setLegendAutoPlacement(bool on) { m_legendAuto = on; }
    bool legendAutoPlacement() const { return m_legendAuto; }

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void onBeforeReplot();
    /// Colours authored by the tab and what was drawn instead, per (object, property).
    struct Ink {
        QColor authored;
        QColor applied;
    };
    using InkKey = std::pair<const void*, int>;
    QHash<InkKey, Ink> m_inks;
    bool m_styleDirty = true;
    bool m_styledDark = false;
    bool m_legendAuto = true;
    bool m_legendPreferredKnown = false;
    Qt::Alignment m_legendPreferred;
    QCPTextElement* m_title = nullptr;
    std::function<void()> m_reset;
    std::function<QString()> m_csv;
};

}  // namespace aimath
