#pragma once
// File > Export Image…: file (format by extension), width, height, scale and
// background, remembered between uses.

#include <QDialog>
#include <QSize>

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace aimath {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(const QString& suggestedName, QWidget* parent = nullptr);
    QString path() const;
    QSize size() const;
    double scale() const;
    bool whiteBackground() const;
    /// Stores the choices for next time.
    void remember() const;

private:
    void onBrowse();
    QLineEdit* m_path;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QDoubleSpinBox* m_scale;
    QCheckBox* m_white;
};

}  // namespace aimath
