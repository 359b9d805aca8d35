#pragma once
// The toy mode's 2-D plane: query and key vectors drawn as arrows from the
// origin; dragging an arrow tip moves that vector (the tab turns the drag into
// a parameter change, so the heatmap and readouts follow the mouse).

#include "widgets/common/plot_view.h"

#include <QVector>

namespace aimath {

class ToyPlane : public PlotView {
    Q_OBJECT
public:
    enum class Kind { Query, Key };

    explicit ToyPlane(QWidget* parent = nullptr);

    /// Vectors as n × 2 row lists; `selected` is the query whose dot products are labelled.
    /// `dots[j]` is q_selected · k_j, shown next to each key tip.
    void setVectors(const QVector<QPointF>& queries, const QVector<QPointF>& keys, const QStringList& labels,
                    int selected, const QVector<double>& dots);

    /// Tip of a vector in pixel coordinates (tests drive drags with it).
    QPointF tipPixel(Kind kind, int index) const;

signals:
    /// The user dragged the tip of a vector to (x, y) (plot coordinates, rounded to 0.05).
    void vectorDragged(aimath::ToyPlane::Kind kind, int index, double x, double y);

private:
    /// Axis ranges with one unit the same length on both axes, [−5, 5] always visible.
    void fitEqualAspect();
    void onPress(QMouseEvent* e);
    void onMove(QMouseEvent* e);
    void onRelease(QMouseEvent* e);
    void ensureItems(int n);

    QVector<QCPItemLine*> m_q, m_k;
    QVector<QCPItemText*> m_qText, m_kText;
    QVector<QPointF> m_queries, m_keys;
    int m_dragIndex = -1;
    Kind m_dragKind = Kind::Query;
};

}  // namespace aimath
