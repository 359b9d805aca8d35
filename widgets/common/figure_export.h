#pragma once
// Exporting is a plain function: explicit path, size and scale in, success or a
// message out. No dialogs here (the app owns those). Every write is atomic
// (QSaveFile): a failed export never leaves a partial file or harms an old one.

#include <QImage>
#include <QJsonObject>
#include <QSize>
#include <QString>

#include <atomic>
#include <functional>

class QWidget;

namespace aimath {

class JsonWriter;

struct ExportResult {
    bool ok = false;
    QString message;  ///< what went wrong and where, when !ok
};

/// Image formats by extension: png, jpg/jpeg, pdf, svg. Empty string when unsupported.
QString imageFormatForPath(const QString& path);

/// Renders every visible plot inside `figure` at its on-screen relative position,
/// laid out again at `size` logical pixels, and writes it to `path` (format by extension).
/// `scale` multiplies the pixel size of raster formats (2 → slides).
ExportResult exportFigure(const QWidget* figure, const QString& path, QSize size, double scale, bool whiteBackground = true);
/// The figure as an image (clipboard, tests).
QImage renderFigure(const QWidget* figure, QSize size, double scale, bool whiteBackground = true);

/// Writes bytes atomically.
ExportResult writeFileAtomic(const QString& path, const QByteArray& bytes);
/// Writes a JSON document (indented) atomically.
ExportResult writeJsonAtomic(const QString& path, const QJsonObject& object);
/// Streams a JSON document atomically: `write` puts it on the JsonWriter (QJsonDocument's
/// indented bytes) and returns the writer's ok(). Any thread; progress counts bytes written.
ExportResult writeJsonAtomic(const QString& path, const std::function<bool(JsonWriter&)>& write, std::atomic<qint64>* progress = nullptr);

}  // namespace aimath
