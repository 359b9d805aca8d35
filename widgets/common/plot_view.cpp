#include "widgets/common/plot_view.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QMenu>

namespace aimath {

namespace {
PlotView::RequestHandler& requestHandler()
{
    static PlotView::RequestHandler handler;
    return handler;
}

QString csvNumber(double v) { return QString::number(v, 'g', 17); }
}  // namespace

void PlotView::setRequestHandler(RequestHandler handler) { requestHandler() = std::move(handler); }

PlotView::PlotView(QWidget* parent)
    : QCustomPlot(parent)
{
    setNoAntialiasingOnDrag(true);
    setMinimumSize(160, 120);
    QFont f = font();
    f.setPointSizeF(9.5);
    for (QCPAxis* axis : {xAxis, yAxis, xAxis2, yAxis2}) {
        axis->setTickLabelFont(f);
        QFont lf = f;
        lf.setPointSizeF(10);
        axis->setLabelFont(lf);
    }
    legend->setFont(f);
    legend->setBrush(QColor(255, 255, 255, 220));
    setContextMenuPolicy(Qt::DefaultContextMenu);
}

void PlotView::setTitle(const QString& title)
{
    if (!m_title) {
        plotLayout()->insertRow(0);
        m_title = new QCPTextElement(this, title, QFont(font().family(), 11, QFont::Bold));
        plotLayout()->addElement(0, 0, m_title);
    } else {
        m_title->setText(title);
    }
}

QString PlotView::title() const { return m_title ? m_title->text() : QString(); }

void PlotView::setInteractiveZoom(bool on)
{
    setInteraction(QCP::iRangeDrag, on);
    setInteraction(QCP::iRangeZoom, on);
}

void PlotView::resetView()
{
    if (m_reset)
        m_reset();
    else
        rescaleAxes();
    replot(rpQueuedReplot);
}

QString PlotView::plotCsv() const
{
    if (m_csv)
        return m_csv();
    // Default: one block per graph, "series,x,y".
    QString out = QStringLiteral("series,x,y\n");
    for (int g = 0; g < graphCount(); ++g) {
        QCPGraph* gr = graph(g);
        QString name = gr->name().isEmpty() ? QStringLiteral("graph %1").arg(g) : gr->name();
        name.replace(QLatin1Char('"'), QLatin1String("\"\""));
        for (auto it = gr->data()->constBegin(); it != gr->data()->constEnd(); ++it)
            out += QStringLiteral("\"%1\",%2,%3\n").arg(name, csvNumber(it->key), csvNumber(it->value));
    }
    return out;
}

void PlotView::copyImage()
{
    deselectAll();
    QApplication::clipboard()->setPixmap(toPixmap(width(), height(), 2.0));
}

void PlotView::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    QAction* save = menu.addAction(tr("Save image as…"));
    QAction* copy = menu.addAction(tr("Copy image"));
    QAction* data = menu.addAction(tr("Export data…"));
    menu.addSeparator();
    QAction* reset = menu.addAction(tr("Reset view"));
    const bool canAsk = static_cast<bool>(requestHandler());
    save->setEnabled(canAsk);
    data->setEnabled(canAsk);
    QAction* chosen = menu.exec(event->globalPos());
    if (chosen == save)
        requestHandler()(this, Request::SaveImage);
    else if (chosen == data)
        requestHandler()(this, Request::ExportData);
    else if (chosen == copy)
        copyImage();
    else if (chosen == reset)
        resetView();
}

}  // namespace aimath
