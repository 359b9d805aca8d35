#include "widgets/common/plot_view.h"

#include "widgets/common/figure_export.h"
#include "widgets/common/legend_placement.h"
#include "widgets/common/theme.h"

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
    // Styled for the palette right before a replot draws, so whatever a tab
    // added or recoloured since is drawn in the current theme.
    connect(this, &QCustomPlot::beforeReplot, this, &PlotView::onBeforeReplot);
}

namespace {
// Which colour of an object an ink record is about.
enum InkProperty {
    kPen, kBrush, kColor, kScatterPen, kScatterBrush, kBasePen, kTickPen, kSubTickPen, kTickLabelColor, kLabelColor,
    kGridPen, kSubGridPen, kZeroLinePen, kBorderPen, kIconBorderPen, kTextColor,
};

/// The axis rect an item is drawn in: that of its first position in plot
/// coordinates, else its clip rect.
QCPAxisRect* itemRect(QCPAbstractItem* item)
{
    for (QCPItemPosition* pos : item->positions())
        if (pos->keyAxis() && (pos->typeX() == QCPItemPosition::ptPlotCoords || pos->typeY() == QCPItemPosition::ptPlotCoords))
            return pos->keyAxis()->axisRect();
    return item->clipAxisRect();
}
}  // namespace

void PlotView::onBeforeReplot()
{
    // Light palettes draw what the tab authored: after one pass that restores
    // it there is nothing to do. Dark ones check every replot, as tabs set
    // pens and add items between replots.
    if (m_styleDirty || m_styledDark)
        applyPlotPalette(palette());
    m_styleDirty = false;
    // Plots that clear their layout (head grids, bar strips) have no legend or no axis rect.
    if (m_legendAuto && legend && legend->visible() && axisRect()) {
        QCPLayoutInset* inset = axisRect()->insetLayout();
        if (!m_legendPreferredKnown && inset && inset->elementCount() > 0 && inset->elementAt(0) == legend) {
            m_legendPreferred = inset->insetAlignment(0);  // the corner the tab chose
            m_legendPreferredKnown = true;
        }
        if (m_legendPreferredKnown) {
            if (axisRect()->rect().isEmpty())
                updateLayout();  // the first replot: the data's pixels need the axis rect laid out
            placeLegend(this, m_legendPreferred);
        }
    }
}

void PlotView::restyleForScreen()
{
    m_styleDirty = true;
    replot(rpQueuedReplot);
}

void PlotView::changeEvent(QEvent* event)
{
    QCustomPlot::changeEvent(event);
    switch (event->type()) {
    case QEvent::PaletteChange:
    case QEvent::ApplicationPaletteChange:
    case QEvent::StyleChange:
    case QEvent::ThemeChange:
        restyleForScreen();
        break;
    default:
        break;
    }
}

void PlotView::applyPlotPalette(const QPalette& pal)
{
    const bool dark = theme::isDark(pal);
    setBackground(theme::plotPaper(pal));
    if (!dark && !m_styledDark)
        return;

    QHash<InkKey, Ink> next;
    next.reserve(m_inks.size());
    QHash<QRgb, QColor> memo;  // a plot uses few distinct colours
    // A colour differing from what was applied last time was set by the tab
    // since: it is the new authored colour. Only colours the theme changed
    // need remembering.
    auto adapt = [&](const void* object, int property, const QColor& current) {
        const InkKey key{object, property};
        const auto it = m_inks.constFind(key);
        const QColor authored = (it != m_inks.cend() && it->applied == current) ? it->authored : current;
        auto m = memo.constFind(authored.rgba());
        if (m == memo.cend())
            m = memo.insert(authored.rgba(), theme::adaptInk(authored, pal));
        const QColor applied = *m;
        if (applied != authored)
            next.insert(key, {authored, applied});
        return applied;
    };
    auto pen = [&](const void* object, int property, const QPen& p, const auto& set) {
        if (p.style() == Qt::NoPen)
            return;
        const QColor c = adapt(object, property, p.color());
        if (c != p.color()) {
            QPen q = p;
            q.setColor(c);
            set(q);
        }
    };
    auto brush = [&](const void* object, int property, const QBrush& b, const auto& set) {
        if (b.style() == Qt::NoBrush || b.style() > Qt::DiagCrossPattern)  // gradients and textures keep their colours
            return;
        const QColor c = adapt(object, property, b.color());
        if (c != b.color()) {
            QBrush q = b;
            q.setColor(c);
            set(q);
        }
    };
    auto color = [&](const void* object, int property, const QColor& current, const auto& set) {
        const QColor c = adapt(object, property, current);
        if (c != current)
            set(c);
    };
    auto axisInk = [&](QCPAxis* a) {
        pen(a, kBasePen, a->basePen(), [a](const QPen& p) { a->setBasePen(p); });
        pen(a, kTickPen, a->tickPen(), [a](const QPen& p) { a->setTickPen(p); });
        pen(a, kSubTickPen, a->subTickPen(), [a](const QPen& p) { a->setSubTickPen(p); });
        color(a, kTickLabelColor, a->tickLabelColor(), [a](const QColor& c) { a->setTickLabelColor(c); });
        color(a, kLabelColor, a->labelColor(), [a](const QColor& c) { a->setLabelColor(c); });
        if (QCPGrid* g = a->grid()) {
            pen(g, kGridPen, g->pen(), [g](const QPen& p) { g->setPen(p); });
            pen(g, kSubGridPen, g->subGridPen(), [g](const QPen& p) { g->setSubGridPen(p); });
            pen(g, kZeroLinePen, g->zeroLinePen(), [g](const QPen& p) { g->setZeroLinePen(p); });
        }
    };

    for (QCPAxisRect* rect : axisRects())
        for (QCPAxis* a : rect->axes())
            axisInk(a);
    for (QCPLayoutElement* e : plotLayout()->elements(true)) {
        if (auto* lg = qobject_cast<QCPLegend*>(e)) {
            pen(lg, kBorderPen, lg->borderPen(), [lg](const QPen& p) { lg->setBorderPen(p); });
            brush(lg, kBrush, lg->brush(), [lg](const QBrush& b) { lg->setBrush(b); });
            pen(lg, kIconBorderPen, lg->iconBorderPen(), [lg](const QPen& p) { lg->setIconBorderPen(p); });
            // The legend's own text colour stays as authored (setting it would
            // overwrite every item's): items added later start from it and are
            // styled one by one below.
        } else if (auto* li = qobject_cast<QCPAbstractLegendItem*>(e)) {
            color(li, kTextColor, li->textColor(), [li](const QColor& c) { li->setTextColor(c); });
        } else if (auto* te = qobject_cast<QCPTextElement*>(e)) {
            color(te, kTextColor, te->textColor(), [te](const QColor& c) { te->setTextColor(c); });
        } else if (auto* cs = qobject_cast<QCPColorScale*>(e)) {
            if (cs->axis() && cs->axis()->axisRect())
                for (QCPAxis* a : cs->axis()->axisRect()->axes())
                    axisInk(a);
        }
    }

    // Lines and text drawn over a colour map stand on the map's colours, not
    // on the paper: they keep theirs.
    QSet<const QCPAxisRect*> onMaps;
    for (int i = 0; i < plottableCount(); ++i)
        if (auto* map = qobject_cast<QCPColorMap*>(plottable(i)); map && map->keyAxis())
            onMaps.insert(map->keyAxis()->axisRect());
    for (int i = 0; i < plottableCount(); ++i) {
        QCPAbstractPlottable* p = plottable(i);
        if (qobject_cast<QCPColorMap*>(p) || (p->keyAxis() && onMaps.contains(p->keyAxis()->axisRect())))
            continue;
        pen(p, kPen, p->pen(), [p](const QPen& q) { p->setPen(q); });
        brush(p, kBrush, p->brush(), [p](const QBrush& b) { p->setBrush(b); });
        if (auto* g = qobject_cast<QCPGraph*>(p)) {
            QCPScatterStyle st = g->scatterStyle();
            if (!st.isNone()) {
                pen(p, kScatterPen, st.pen(), [&](const QPen& q) { st.setPen(q); });
                brush(p, kScatterBrush, st.brush(), [&](const QBrush& b) { st.setBrush(b); });
                g->setScatterStyle(st);
            }
        } else if (auto* c = qobject_cast<QCPCurve*>(p)) {
            QCPScatterStyle st = c->scatterStyle();
            if (!st.isNone()) {
                pen(p, kScatterPen, st.pen(), [&](const QPen& q) { st.setPen(q); });
                brush(p, kScatterBrush, st.brush(), [&](const QBrush& b) { st.setBrush(b); });
                c->setScatterStyle(st);
            }
        }
    }
    for (int i = 0; i < itemCount(); ++i) {
        QCPAbstractItem* it = item(i);
        if (onMaps.contains(itemRect(it)))
            continue;
        if (auto* t = qobject_cast<QCPItemText*>(it)) {
            color(t, kColor, t->color(), [t](const QColor& c) { t->setColor(c); });
            pen(t, kPen, t->pen(), [t](const QPen& q) { t->setPen(q); });
            brush(t, kBrush, t->brush(), [t](const QBrush& b) { t->setBrush(b); });
        } else if (auto* l = qobject_cast<QCPItemLine*>(it)) {
            pen(l, kPen, l->pen(), [l](const QPen& q) { l->setPen(q); });
        } else if (auto* sl = qobject_cast<QCPItemStraightLine*>(it)) {
            pen(sl, kPen, sl->pen(), [sl](const QPen& q) { sl->setPen(q); });
        } else if (auto* cv = qobject_cast<QCPItemCurve*>(it)) {
            pen(cv, kPen, cv->pen(), [cv](const QPen& q) { cv->setPen(q); });
        } else if (auto* br = qobject_cast<QCPItemBracket*>(it)) {
            pen(br, kPen, br->pen(), [br](const QPen& q) { br->setPen(q); });
        } else if (auto* r = qobject_cast<QCPItemRect*>(it)) {
            pen(r, kPen, r->pen(), [r](const QPen& q) { r->setPen(q); });
            brush(r, kBrush, r->brush(), [r](const QBrush& b) { r->setBrush(b); });
        } else if (auto* el = qobject_cast<QCPItemEllipse*>(it)) {
            pen(el, kPen, el->pen(), [el](const QPen& q) { el->setPen(q); });
            brush(el, kBrush, el->brush(), [el](const QBrush& b) { el->setBrush(b); });
        } else if (auto* tr = qobject_cast<QCPItemTracer*>(it)) {
            pen(tr, kPen, tr->pen(), [tr](const QPen& q) { tr->setPen(q); });
            brush(tr, kBrush, tr->brush(), [tr](const QBrush& b) { tr->setBrush(b); });
        }
    }
    m_inks = std::move(next);
    m_styledDark = dark;
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

void PlotView::copyImage(bool whiteBackground)
{
    QApplication::clipboard()->setImage(renderFigure(this, size(), 2.0, whiteBackground));
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
    else if (chosen == copy) {
        if (canAsk)
            requestHandler()(this, Request::CopyImage);
        else
            copyImage();
    }
    else if (chosen == reset)
        resetView();
}

}  // namespace aimath
