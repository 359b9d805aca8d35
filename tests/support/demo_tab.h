#pragma once
// A test-only tab that proves the shell on its own: a sine wave whose
// amplitude, frequency and interval are parameters of every type.

#include "widgets/common/tab.h"

namespace aimath {

class PlotView;

class DemoTab : public Tab {
    Q_OBJECT
public:
    explicit DemoTab(ParamSet params, QWidget* parent = nullptr);
    static ParamSet declareParams();
    static QString staticTitle() { return QStringLiteral("Demo"); }
    QString id() const override { return QStringLiteral("demo"); }
    QString title() const override { return staticTitle(); }
    QJsonObject exportData() const override;
    QString exportCsv() const override;
    PlotView* plot() const { return m_plot; }
    int recomputeCount() const { return m_recomputes; }

protected:
    void onParamsChanged(const std::set<std::string>& keys) override;

private:
    PlotView* m_plot;
    PlotView* m_second;
    QVector<double> m_x, m_y;
    int m_recomputes = 0;
};

}  // namespace aimath
