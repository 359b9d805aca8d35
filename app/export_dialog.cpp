#include "app/export_dialog.h"

#include "widgets/common/figure_export.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>

namespace aimath {

ExportDialog::ExportDialog(const QString& suggestedName, QWidget* parent)
    : QDialog(parent)
    , m_path(new QLineEdit(this))
    , m_width(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_scale(new QDoubleSpinBox(this))
    , m_white(new QCheckBox(tr("White background (for papers)"), this))
{
    setWindowTitle(tr("Export Image"));
    QSettings s;
    const QString dir = s.value(QStringLiteral("export/dir"), QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)).toString();
    const QString ext = s.value(QStringLiteral("export/ext"), QStringLiteral("png")).toString();
    m_path->setText(QDir(dir).filePath(suggestedName + QLatin1Char('.') + ext));
    m_width->setRange(16, 20000);
    m_height->setRange(16, 20000);
    m_width->setValue(s.value(QStringLiteral("export/width"), 1600).toInt());
    m_height->setValue(s.value(QStringLiteral("export/height"), 1000).toInt());
    m_scale->setRange(0.25, 8.0);
    m_scale->setSingleStep(0.5);
    m_scale->setValue(s.value(QStringLiteral("export/scale"), 1.0).toDouble());
    m_scale->setSuffix(QStringLiteral("×"));
    m_white->setChecked(s.value(QStringLiteral("export/white"), true).toBool());

    auto* form = new QFormLayout(this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    auto* browse = new QPushButton(tr("Browse…"), this);
    pathRow->addWidget(browse);
    form->addRow(tr("File (.png .jpg .pdf .svg)"), pathRow);
    form->addRow(tr("Width (px)"), m_width);
    form->addRow(tr("Height (px)"), m_height);
    form->addRow(tr("Scale (2× for slides)"), m_scale);
    form->addRow(QString(), m_white);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::onBrowse);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (imageFormatForPath(path()).isEmpty()) {
            QMessageBox::warning(this, windowTitle(), tr("%1: choose a file ending in .png, .jpg, .pdf or .svg.").arg(path()));
            return;
        }
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, sizeHint().height());
}

void ExportDialog::onBrowse()
{
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export Image"), m_path->text(),
                                                        tr("PNG image (*.png);;JPEG image (*.jpg *.jpeg);;PDF document (*.pdf);;SVG drawing (*.svg)"));
    if (!chosen.isEmpty())
        m_path->setText(chosen);
}

QString ExportDialog::path() const { return m_path->text().trimmed(); }
QSize ExportDialog::size() const { return {m_width->value(), m_height->value()}; }
double ExportDialog::scale() const { return m_scale->value(); }
bool ExportDialog::whiteBackground() const { return m_white->isChecked(); }

void ExportDialog::remember() const
{
    QSettings s;
    s.setValue(QStringLiteral("export/dir"), QFileInfo(path()).absolutePath());
    s.setValue(QStringLiteral("export/ext"), QFileInfo(path()).suffix().toLower());
    s.setValue(QStringLiteral("export/width"), m_width->value());
    s.setValue(QStringLiteral("export/height"), m_height->value());
    s.setValue(QStringLiteral("export/scale"), m_scale->value());
    s.setValue(QStringLiteral("export/white"), m_white->isChecked());
}

}  // namespace aimath
