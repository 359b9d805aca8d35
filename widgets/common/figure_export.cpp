#include "widgets/common/figure_export.h"

#include "widgets/common/json_writer.h"
#include "widgets/common/plot_view.h"
#include "widgets/common/theme.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <qcustomplot.h>

#include <functional>
#include <memory>

namespace aimath {

namespace {

QString describeSaveError(const QString& path, const QFileDevice& file)
{
    const QString why = file.errorString().isEmpty() ? QObject::tr("unknown error") : file.errorString();
    return QObject::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), why);
}

/// QSaveFile writes a temporary file and renames it over the target. For a
/// device or a pipe (/dev/full, /dev/stdout, a FIFO) Qt 6.4 does the same when
/// the directory is writable (root): it replaced /dev/full with a regular file.
/// Those targets are written in place instead; nothing there can be lost.
class OutputFile {
public:
    explicit OutputFile(const QString& path)
    {
        const QFileInfo fi(path);
        if (fi.exists() && !fi.isFile() && !fi.isDir())
            m_direct = std::make_unique<QFile>(path);
        else
            m_save = std::make_unique<QSaveFile>(path);
    }
    QFileDevice& device() { return m_save ? static_cast<QFileDevice&>(*m_save) : *m_direct; }
    bool open() { return device().open(QIODevice::WriteOnly); }
    void cancelWriting()
    {
        if (m_save)
            m_save->cancelWriting();
    }
    bool commit()
    {
        if (m_save)
            return m_save->commit();
        // A writer that ignores a failed write (QSvgGenerator) leaves the error
        // on the device; close() would clear it, so it is read first (and the
        // device stays open for errorString()).
        if (!m_direct->flush() || m_direct->error() != QFileDevice::NoError)
            return false;
        m_direct->close();
        return true;
    }

private:
    std::unique_ptr<QSaveFile> m_save;
    std::unique_ptr<QFile> m_direct;
};

/// Visits the visible widgets under `root` that the figure is made of: plots
/// and labels, with their rectangles relative to `root`.
void collect(const QWidget* root, const QWidget* w, const std::function<void(const QWidget*, QRect)>& visit)
{
    if (w == root && qobject_cast<const QCustomPlot*>(root)) {
        visit(root, QRect(QPoint(0, 0), root->size()));
        return;
    }
    for (QObject* child : w->children()) {
        auto* cw = qobject_cast<QWidget*>(child);
        if (!cw || !cw->isVisibleTo(root) || cw->isWindow())
            continue;
        const QRect r(cw->mapTo(root, QPoint(0, 0)), cw->size());
        if (qobject_cast<const QCustomPlot*>(cw) || qobject_cast<const QLabel*>(cw))
            visit(cw, r);
        else
            collect(root, cw, visit);
    }
}

void paintFigure(QCPPainter& painter, const QWidget* figure, QSize size, bool whiteBackground)
{
    // "White background (for papers)": the figure is drawn in the light style
    // whatever the screen's theme; otherwise as on screen.
    const QPalette light = theme::lightPalette();
    const bool restyle = whiteBackground && theme::isDark(figure->palette());
    const QColor bg = whiteBackground ? QColor(Qt::white) : figure->palette().color(QPalette::Window);
    painter.fillRect(QRect(QPoint(0, 0), size), bg);
    const QSize src = figure->size().isEmpty() ? size : figure->size();
    const double sx = size.width() / static_cast<double>(src.width());
    const double sy = size.height() / static_cast<double>(src.height());
    collect(figure, figure, [&](const QWidget* w, QRect r) {
        const QRect target(qRound(r.x() * sx), qRound(r.y() * sy), qMax(1, qRound(r.width() * sx)), qMax(1, qRound(r.height() * sy)));
        painter.save();
        painter.translate(target.topLeft());
        painter.setClipRect(QRect(QPoint(0, 0), target.size()));
        if (auto* plot = qobject_cast<const QCustomPlot*>(w)) {
            auto* p = const_cast<QCustomPlot*>(plot);
            p->deselectAll();
            auto* view = qobject_cast<PlotView*>(p);
            if (view && whiteBackground)
                view->applyPlotPalette(light);
            p->toPainter(&painter, target.width(), target.height());
            if (view && whiteBackground)
                view->restyleForScreen();
        } else {
            painter.scale(sx, sy);
            auto* widget = const_cast<QWidget*>(w);
            const bool ownPalette = widget->testAttribute(Qt::WA_SetPalette);
            const QPalette screen = widget->palette();
            if (restyle)
                widget->setPalette(light);
            widget->render(&painter, QPoint(0, 0), QRegion(), QWidget::DrawChildren);
            if (restyle)
                widget->setPalette(ownPalette ? screen : QPalette());
        }
        painter.restore();
    });
    // Plots laid out at the export size: lay them out again for the screen.
    collect(figure, figure, [](const QWidget* w, QRect) {
        if (auto* plot = qobject_cast<const QCustomPlot*>(w))
            const_cast<QCustomPlot*>(plot)->replot(QCustomPlot::rpQueuedReplot);
    });
}

}  // namespace

QString imageFormatForPath(const QString& path)
{
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext == QLatin1String("png"))
        return QStringLiteral("png");
    if (ext == QLatin1String("jpg") || ext == QLatin1String("jpeg"))
        return QStringLiteral("jpg");
    if (ext == QLatin1String("pdf"))
        return QStringLiteral("pdf");
    if (ext == QLatin1String("svg"))
        return QStringLiteral("svg");
    return {};
}

QImage renderFigure(const QWidget* figure, QSize size, double scale, bool whiteBackground)
{
    QImage image(QSize(qRound(size.width() * scale), qRound(size.height() * scale)), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QCPPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.scale(scale, scale);
    paintFigure(painter, figure, size, whiteBackground);
    painter.end();
    return image;
}

ExportResult exportFigure(const QWidget* figure, const QString& path, QSize size, double scale, bool whiteBackground)
{
    const QString format = imageFormatForPath(path);
    if (format.isEmpty())
        return {false, QObject::tr("Cannot write %1: unsupported image format (use .png, .jpg, .pdf or .svg)").arg(path)};
    if (size.width() < 16 || size.height() < 16 || size.width() > 20000 || size.height() > 20000)
        return {false, QObject::tr("Cannot write %1: size %2x%3 is outside 16…20000 pixels").arg(path).arg(size.width()).arg(size.height())};
    if (!(scale >= 0.25 && scale <= 8.0))
        return {false, QObject::tr("Cannot write %1: scale %2 is outside 0.25…8").arg(path).arg(scale)};
    if (!figure)
        return {false, QObject::tr("Cannot write %1: there is no figure to export").arg(path)};

    OutputFile out(path);
    QFileDevice& file = out.device();
    if (!out.open())
        return {false, describeSaveError(path, file)};

    bool drawn = true;
    if (format == QLatin1String("png") || format == QLatin1String("jpg")) {
        const QImage image = renderFigure(figure, size, scale, whiteBackground);
        const QImage out = format == QLatin1String("jpg") ? image.convertToFormat(QImage::Format_RGB32) : image;
        drawn = out.save(&file, format == QLatin1String("png") ? "PNG" : "JPG", format == QLatin1String("jpg") ? 95 : -1);
    } else if (format == QLatin1String("pdf")) {
        QPdfWriter writer(&file);
        writer.setResolution(96);  // one device unit per screen pixel: text keeps its on-screen proportion
        writer.setPageSize(QPageSize(QSizeF(size.width() * 72.0 / 96.0, size.height() * 72.0 / 96.0), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setCreator(QStringLiteral("AI Math Lab"));
        QCPPainter painter;
        drawn = painter.begin(&writer);
        if (drawn) {
            painter.setRenderHint(QPainter::Antialiasing);
            paintFigure(painter, figure, size, whiteBackground);
            drawn = painter.end();
        }
    } else {
        QSvgGenerator gen;
        gen.setOutputDevice(&file);
        gen.setSize(size);
        gen.setViewBox(QRect(QPoint(0, 0), size));
        gen.setResolution(96);
        gen.setTitle(QStringLiteral("AI Math Lab figure"));
        QCPPainter painter;
        drawn = painter.begin(&gen);
        if (drawn) {
            painter.setRenderHint(QPainter::Antialiasing);
            paintFigure(painter, figure, size, whiteBackground);
            drawn = painter.end();
        }
    }
    if (!drawn) {
        // A failed write (a full disk, /dev/full) says so; otherwise the drawing failed.
        const bool ioError = file.error() != QFileDevice::NoError;
        const QString why = describeSaveError(path, file);
        out.cancelWriting();
        return {false, ioError ? why : QObject::tr("Cannot write %1: rendering the %2 failed").arg(path, format.toUpper())};
    }
    if (!out.commit())
        return {false, describeSaveError(path, file)};
    return {true, {}};
}

ExportResult writeFileAtomic(const QString& path, const QByteArray& bytes)
{
    OutputFile out(path);
    QFileDevice& file = out.device();
    if (!out.open())
        return {false, describeSaveError(path, file)};
    // After a short write (a disk filling up) the rest is written again: that write fails with the reason.
    for (qint64 done = 0; done < bytes.size();) {
        const qint64 n = file.write(bytes.constData() + done, bytes.size() - done);
        if (n <= 0) {
            const QString why = describeSaveError(path, file);
            out.cancelWriting();
            return {false, why};
        }
        done += n;
    }
    if (!out.commit())
        return {false, describeSaveError(path, file)};
    return {true, {}};
}

ExportResult writeJsonAtomic(const QString& path, const QJsonObject& object)
{
    return writeJsonAtomic(path, [&object](JsonWriter& w) { return w.document(object); });
}

ExportResult writeJsonAtomic(const QString& path, const std::function<bool(JsonWriter&)>& write, std::atomic<qint64>* progress)
{
    OutputFile out(path);
    QFileDevice& file = out.device();
    if (!out.open())
        return {false, describeSaveError(path, file)};
    JsonWriter writer(&file, progress);
    if (!write(writer) || !writer.flush()) {
        // A failed write leaves its reason on the device; otherwise the writer was misused.
        const bool ioError = file.error() != QFileDevice::NoError;
        const QString why = describeSaveError(path, file);
        out.cancelWriting();
        return {false, ioError ? why : QObject::tr("Cannot write %1: the JSON writer was given an invalid document").arg(path)};
    }
    if (!out.commit())
        return {false, describeSaveError(path, file)};
    return {true, {}};
}

}  // namespace aimath
