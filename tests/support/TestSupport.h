#pragma once
// Shared by every test suite: where test output goes, where the shared
// sample data sets are.
#include <QString>

namespace ecomops::test {

QString outputDir();          // <build>/test-output, created on demand
QString sharedDatasetsDir();  // ../shared/datasets beside the repository
QString sourceDir();          // the repository
QString ecomopsBinary();      // the built `ecomops` executable

} // namespace ecomops::test
