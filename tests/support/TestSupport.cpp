#include "TestSupport.h"

#include <QDir>
#include <QProcess>

namespace ecomops::test {

QString outputDir()
{
    const QString dir = QStringLiteral(ECOMOPS_TEST_OUTPUT);
    QDir().mkpath(dir);
    return dir;
}

QString sharedDatasetsDir()
{
    return QDir::cleanPath(QStringLiteral(ECOMOPS_SHARED_DIR "/datasets"));
}
QString sourceDir()
{
    return QStringLiteral(ECOMOPS_SOURCE_DIR);
}
QString ecomopsBinary()
{
    return QStringLiteral(ECOMOPS_BINARY);
}

ProcessResult runProgram(const QString &program, const QStringList &args, const QProcessEnvironment &env, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    ProcessResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    r.err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    return r;
}

ProcessResult runEcomops(const QStringList &args, const QProcessEnvironment &env, int timeoutMs)
{
    return runProgram(ecomopsBinary(), args, env, timeoutMs);
}

} // namespace ecomops::test
