#include "TestSupport.h"

#include <QDir>

namespace ecomops::test {

QString outputDir()
{
    const QString dir = QStringLiteral(ECOMOPS_TEST_OUTPUT);
    QDir().mkpath(dir);
    return dir;
}

QString sharedDatasetsDir() { return QDir::cleanPath(QStringLiteral(ECOMOPS_SHARED_DIR "/datasets")); }
QString sourceDir() { return QStringLiteral(ECOMOPS_SOURCE_DIR); }
QString ecomopsBinary() { return QStringLiteral(ECOMOPS_BINARY); }

} // namespace ecomops::test
