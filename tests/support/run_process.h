// Runs one of the project's built binaries (aimathlab, the test shell) and
// collects what it said. Every test that starts a binary goes through here, so
// timeouts, crashes and the environment of a headless run are handled the same
// way everywhere. Header-only: the e2e tests link nothing of the project.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>
#include <utility>

namespace aimath::test {

struct ProcessResult {
    int code = -1; ///< exit code; -1 after a crash or a timeout
    QString out;
    QString err; ///< standard error, or "timed out after N ms"
    bool timedOut = false;
};

struct ProcessSetup {
    /// Applied on top of this process's environment, in order: a pair whose
    /// value is null removes the variable, any other value sets it.
    QList<std::pair<QString, QString>> env;
    int timeoutMs = 120000;
    /// Runs in the child between fork and exec (for example to drop privileges).
    std::function<void()> childModifier;

    ProcessSetup& set(const QString& name, const QString& value)
    {
        env.append({name, value.isNull() ? QStringLiteral("") : value});
        return *this;
    }
    ProcessSetup& unset(const QString& name)
    {
        env.append({name, QString()});
        return *this;
    }
    ProcessSetup& timeout(int ms)
    {
        timeoutMs = ms;
        return *this;
    }
};

/// Qt's offscreen platform: the window exists but draws nowhere.
inline ProcessSetup offscreen()
{
    return ProcessSetup{}.set(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
}

/// No display of any kind and no platform forced: a headless mode must choose
/// one by itself. Settings go to `configHome` so the user's are never touched.
inline ProcessSetup noDisplay(const QString& configHome)
{
    return ProcessSetup{}
        .unset(QStringLiteral("DISPLAY"))
        .unset(QStringLiteral("WAYLAND_DISPLAY"))
        .unset(QStringLiteral("QT_QPA_PLATFORM"))
        .set(QStringLiteral("XDG_CONFIG_HOME"), configHome);
}

inline ProcessResult runProcess(const QString& program, const QStringList& args, const ProcessSetup& setup = offscreen())
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto& [name, value] : setup.env) {
        if (value.isNull())
            env.remove(name);
        else
            env.insert(name, value);
    }
    p.setProcessEnvironment(env);
    if (setup.childModifier)
        p.setChildProcessModifier(setup.childModifier);
    p.start(program, args);
    ProcessResult r;
    if (!p.waitForFinished(setup.timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.timedOut = true;
        r.err = QStringLiteral("timed out after %1 ms").arg(setup.timeoutMs);
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace aimath::test
