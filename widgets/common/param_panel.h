#pragma once
// Builds the controls of a tab from its ParamSpecs: real → slider + editable
// value (log slider for log scale), integer → slider + spin box, bool → check
// box, choice → combo box, choice list → check boxes, text/list → line edit,
// path → line edit + browse. Controls are grouped in titled boxes by spec.group.

#include "engine/core/params.h"

#include <QWidget>

#include <functional>
#include <map>
#include <string>

class QGroupBox;
class QLineEdit;
class QVBoxLayout;

namespace aimath {

class ParamPanel : public QWidget {
    Q_OBJECT
public:
    /// The panel edits *params in place (the tab owns it) after validating each edit.
    explicit ParamPanel(ParamSet* params, QWidget* parent = nullptr);
    ~ParamPanel() override;

    /// Sets every control from the ParamSet without emitting edited().
    void syncFromParams();
    /// Shows or hides a whole group box (tabs with inner views hide other views' groups).
    void setGroupVisible(const std::string& group, bool visible);
    /// Shows or hides the control of one key.
    void setParamVisible(const std::string& key, bool visible);
    void setParamEnabled(const std::string& key, bool enabled);
    /// The control widget of a key (for tests and for tabs that decorate it).
    QWidget* control(const std::string& key) const;
    /// Marks a control as invalid (red, message as tooltip) or clears it ("").
    void setParamError(const std::string& key, const QString& message);

    /// The "…" button of a path parameter asks the app for a file (widgets never
    /// open dialogs themselves); returns the chosen path or an empty string.
    using PathRequestHandler = std::function<QString(const ParamSpec&, const QString& current)>;
    static void setPathRequestHandler(PathRequestHandler handler);

    /// Slider position (0…kSliderSteps) ↔ value, linear or logarithmic.
    static constexpr int kSliderSteps = 1000;
    static double sliderToValue(const ParamSpec& spec, int pos);
    static int valueToSlider(const ParamSpec& spec, double value);

signals:
    /// A control changed a parameter (already validated and stored).
    void edited(const std::string& key);
    /// An entry was rejected; the parameter keeps its previous value.
    void rejected(const std::string& key, const QString& message);

private:
    struct Row {
        QWidget* container = nullptr;
        QWidget* control = nullptr;
        QLineEdit* edit = nullptr;  ///< the row's own value box, if any
        std::function<void()> sync;
    };
    QWidget* buildRow(const ParamSpec& spec, Row& row);
    void commit(const std::string& key, const ParamValue& v);
    void commitText(const std::string& key, const QString& text);

    ParamSet* m_params;
    QVBoxLayout* m_layout;
    std::map<std::string, QGroupBox*> m_groups;
    std::map<std::string, Row> m_rows;
    bool m_syncing = false;
};

}  // namespace aimath
