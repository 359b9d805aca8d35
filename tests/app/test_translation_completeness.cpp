// Every area's committed translations/<area>_zh_CN.ts is complete for the
// sources as they are now: lupdate (the command of the translation
// conventions) is run on the area's sources into a temporary copy of the .ts,
// and every message must then have a finished, non-empty translation.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Problem {
    QString context;
    QString source;
    QString why;
};

/// Reads a .ts file: every message whose translation is unfinished or empty.
QList<Problem> unfinishedMessages(const QString& path, int* total, QString* error)
{
    QList<Problem> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context;
    QString source;
    bool numerus = false;
    *total = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            source.clear();
        } else if (name == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            ++*total;
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            QString text;
            if (numerus) {
                // <numerusform> children: every form must be filled.
                bool emptyForm = false;
                while (xml.readNextStartElement()) {
                    const QString form = xml.readElementText();
                    emptyForm = emptyForm || form.trimmed().isEmpty();
                    text += form;
                }
                if (emptyForm)
                    text.clear();
            } else {
                text = xml.readElementText();
            }
            if (type == QLatin1String("unfinished"))
                out.push_back({context, source, QStringLiteral("unfinished")});
            else if (type == QLatin1String("vanished") || type == QLatin1String("obsolete"))
                --*total;  // not shown by the app
            else if (text.trimmed().isEmpty())
                out.push_back({context, source, QStringLiteral("empty")});
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString());
    return out;
}

}  // namespace

class TestTranslationCompleteness : public QObject {
    Q_OBJECT

private slots:
    void areaIsComplete_data()
    {
        QTest::addColumn<QString>("area");
        QTest::addColumn<QString>("sources");
        QTest::newRow("app") << QStringLiteral("app") << QStringLiteral("app");
        QTest::newRow("common") << QStringLiteral("common") << QStringLiteral("widgets/common");
        for (const char* tab : {"attention", "descent", "distributions", "precision", "embeddings"})
            QTest::newRow(tab) << QString::fromLatin1(tab) << QStringLiteral("widgets/") + QString::fromLatin1(tab);
        // Messages the Qt-free engine builds (QT_TRANSLATE_NOOP("aimath::engine", …) templates, engine/core/message.h).
        QTest::newRow("engine") << QStringLiteral("engine") << QStringLiteral("engine");
    }

    void areaIsComplete()
    {
        QFETCH(QString, area);
        QFETCH(QString, sources);
#ifndef AIMATH_LUPDATE_BIN
        // The build requires Qt6 LinguistTools, so this only happens on a broken setup: fail, never skip.
        QFAIL("Qt 6 lupdate was not found at configure time (Debian: qt6-l10n-tools; scripts/install-deps.sh installs it)");
#else
        const QString lupdate = QStringLiteral(AIMATH_LUPDATE_BIN);
        if (!QFile::exists(lupdate))
            QFAIL(qPrintable(QStringLiteral("Qt 6 lupdate is not installed at %1 (Debian: qt6-l10n-tools)").arg(lupdate)));
        const QDir root(QStringLiteral(AIMATH_SOURCE_DIR));
        QVERIFY2(root.exists(sources), qPrintable(QStringLiteral("source folder %1 is missing").arg(sources)));
        const QString tsName = QStringLiteral("translations/%1_zh_CN.ts").arg(area);
        const QString command = QStringLiteral("lupdate -locations none -no-obsolete -silent %1 -ts %2").arg(sources, tsName);
        QVERIFY2(QFile::exists(root.filePath(tsName)),
                 qPrintable(QStringLiteral("%1 is missing: create it from the sources with `%2` (or `make translations`) and translate every message")
                                .arg(tsName, command)));

        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString copy = tmp.filePath(QStringLiteral("%1_zh_CN.ts").arg(area));
        QVERIFY(QFile::copy(root.filePath(tsName), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

        QProcess p;
        p.setWorkingDirectory(root.absolutePath());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(lupdate, {QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-no-obsolete"), QStringLiteral("-silent"), sources,
                          QStringLiteral("-ts"), copy});
        QVERIFY2(p.waitForFinished(120000), "lupdate did not finish within 2 minutes");
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                 qPrintable(QStringLiteral("lupdate failed (%1): %2").arg(p.exitCode()).arg(QString::fromUtf8(p.readAll()))));

        int total = 0;
        QString error;
        const QList<Problem> problems = unfinishedMessages(copy, &total, &error);
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(tsName, error)));
        QVERIFY2(total > 0, qPrintable(QStringLiteral("%1: lupdate found no messages in %2").arg(tsName, sources)));
        if (!problems.isEmpty()) {
            QStringList lines;
            for (const Problem& pr : problems)
                lines << QStringLiteral("  [%1] %2: \"%3\"").arg(pr.why, pr.context, pr.source.left(120));
            QFAIL(qPrintable(QStringLiteral("%1: %2 of %3 messages lack a finished zh_CN translation (after `%4`):\n%5")
                                 .arg(tsName).arg(problems.size()).arg(total).arg(command, lines.join(QLatin1Char('\n')))));
        }
#endif
    }
};

QTEST_GUILESS_MAIN(TestTranslationCompleteness)
#include "test_translation_completeness.moc"
