#pragma once
// Shared by every test suite: where test output goes, where the shared
// sample data sets are.
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace ecomops::test {

QString outputDir();         // <build>/test-output, created on demand
QString sharedDatasetsDir(); // ../shared/datasets beside the repository
QString sourceDir();         // the repository
QString ecomopsBinary();     // the built `ecomops` executable

struct ProcessResult {
    int exitCode = -1; // -1: crashed or timed out
    QString out;
    QString err;
};
// Runs `program args…` to its end (stdout and stderr apart).
ProcessResult runProgram(const QString &program, const QStringList &args,
                         const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                         int timeoutMs = 120000);
// The same for the built `ecomops`.
ProcessResult runEcomops(const QStringList &args,
                         const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                         int timeoutMs = 120000);

} // namespace ecomops::test
