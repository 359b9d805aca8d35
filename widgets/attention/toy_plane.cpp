#include "widgets/attention/toy_plane.h"

#include "widgets/common/palette.h"

#include <cmath>

namespace aimath {

namespace {
constexpr double kLimit = 5.0;       // manual vectors live in [−5, 5]²
constexpr double kGrabPixels = 12.0;
}  // namespace

ToyPlane::ToyPlane(QWidget* parent)
    : PlotView(parent)
{
    setTitle(tr("Toy plane: drag the tips of q and k"));
    xAxis->setLabel(tr("x"));
    yAxis->setLabel(tr("y"));
    xAxis->setRange(-kLimit, kLimit);
    yAxis->setRange(-kLimit, kLimit);
    axisRect()->setupFullAxesBox(true);
    setResetViewHook([this] { fitEqualAspect(); });
    // Keep the two axes at the same scale so angles (and thus dot products) look right,
    // on screen and in exports laid out at another size.
    connect(this, &QCustomPlot::afterLayout, this, &ToyPlane::fitEqualAspect);
    connect(this, &QCustomPlot::mousePress, this, &ToyPlane::onPress);
    connect(this, &QCustomPlot::mouseMove, this, &ToyPlane::onMove);
    connect(this, &QCustomPlot::mouseRelease, this, &ToyPlane::onRelease);
    setCsvHook([this] {
        QString out = QStringLiteral("vector,x,y\n");
        for (int i = 0; i < m_queries.size(); ++i)
            out += QStringLiteral("q%1,%2,%3\n").arg(i).arg(m_queries[i].x(), 0, 'g', 17).arg(m_queries[i].y(), 0, 'g', 17);
        for (int i = 0; i < m_keys.size(); ++i)
            out += QStringLiteral("k%1,%2,%3\n").arg(i).arg(m_keys[i].x(), 0, 'g', 17).arg(m_keys[i].y(), 0, 'g', 17);
        return out;
    });
}

void ToyPlane::fitEqualAspect()
{
    const QRect r = axisRect()->rect();
    if (r.width() < 10 || r.height() < 10)
        return;
    const double aspect = static_cast<double>(r.width()) / r.height();
    const double sx = aspect >= 1.0 ? kLimit * aspect : kLimit;
    const double sy = aspect >= 1.0 ? kLimit : kLimit / aspect;
    xAxis->setRange(-sx, sx);
    yAxis->setRange(-sy, sy);
}

void ToyPlane::ensureItems(int n)
{
    while (m_q.size() < n) {
        for (bool isQuery : {true, false}) {
            auto* line = new QCPItemLine(this);
            line->start->setCoords(0, 0);
            line->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 10, 12));
            QPen pen(palette::color(isQuery ? "query" : "key"), 2.0);
            if (!isQuery)
                pen.setStyle(Qt::DashLine);
            line->setPen(pen);
            auto* text = new QCPItemText(this);
            text->setColor(palette::color(isQuery ? "query" : "key"));
            text->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
            text->position->setParentAnchor(line->end);
            text->position->setType(QCPItemPosition::ptAbsolute);
            text->position->setCoords(4, -2);
            (isQuery ? m_q : m_k).push_back(line);
            (isQuery ? m_qText : m_kText).push_back(text);
        }
    }
}

void ToyPlane::setVectors(const QVector<QPointF>& queries, const QVector<QPointF>& keys, const QStringList& labels,
                          int selected, const QVector<double>& dots)
{
    m_queries = queries;
    m_keys = keys;
    const int n = static_cast<int>(queries.size());
    ensureItems(n);
    for (int i = 0; i < m_q.size(); ++i) {
        const bool on = i < n;
        m_q[i]->setVisible(on);
        m_k[i]->setVisible(on);
        m_qText[i]->setVisible(on);
        m_kText[i]->setVisible(on);
        if (!on)
            continue;
        const QString label = i < labels.size() ? labels[i] : QString::number(i);
        m_q[i]->end->setCoords(queries[i]);
        m_k[i]->end->setCoords(keys[i]);
        QPen qp = m_q[i]->pen();
        qp.setWidthF(i == selected ? 3.0 : 1.5);
        m_q[i]->setPen(qp);
        m_qText[i]->setText(QStringLiteral("q%1").arg(label));
        m_qText[i]->setFont(QFont(font().family(), 10, i == selected ? QFont::Bold : QFont::Normal));
        const QString dot = i < dots.size() ? QString::number(dots[i], 'g', 3) : QString();
        m_kText[i]->setText(QStringLiteral("k%1  (q%2·k%1 = %3)").arg(label, selected < labels.size() ? labels[selected] : QString(), dot));
    }
    replot(rpQueuedReplot);
}

QPointF ToyPlane::tipPixel(Kind kind, int index) const
{
    const auto& v = kind == Kind::Query ? m_queries : m_keys;
    if (index < 0 || index >= v.size())
        return {};
    return {xAxis->coordToPixel(v[index].x()), yAxis->coordToPixel(v[index].y())};
}

void ToyPlane::onPress(QMouseEvent* e)
{
    if (e->button() != Qt::LeftButton)
        return;
    m_dragIndex = -1;
    double best = kGrabPixels;
    for (Kind kind : {Kind::Query, Kind::Key}) {
        const auto& v = kind == Kind::Query ? m_queries : m_keys;
        for (int i = 0; i < v.size(); ++i) {
            const QPointF d = tipPixel(kind, i) - e->position();
            const double dist = std::hypot(d.x(), d.y());
            if (dist < best) {
                best = dist;
                m_dragIndex = i;
                m_dragKind = kind;
            }
        }
    }
}

void ToyPlane::onMove(QMouseEvent* e)
{
    if (m_dragIndex < 0 || !(e->buttons() & Qt::LeftButton))
        return;
    auto snap = [](double v) { return std::clamp(std::round(v * 20.0) / 20.0, -kLimit, kLimit); };
    const double x = snap(xAxis->pixelToCoord(e->position().x()));
    const double y = snap(yAxis->pixelToCoord(e->position().y()));
    emit vectorDragged(m_dragKind, m_dragIndex, x, y);
}

void ToyPlane::onRelease(QMouseEvent*) { m_dragIndex = -1; }

}  // namespace aimath
