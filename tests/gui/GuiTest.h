#pragma once
// Shared by the GUI suites: an offscreen test main with isolated settings,
// and helpers to find windows and save screenshots.
#include "TestSupport.h"

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QWidget>

namespace ecomops::test {

// Under the build tree, for a human to look at.
inline QString screenshotPath(const QString &name)
{
    const QString dir = outputDir() + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name + QStringLiteral(".png");
}

inline bool saveScreenshot(QWidget *widget, const QString &name)
{
    return widget->grab().save(screenshotPath(name));
}

// The visible top-level window of type T with the given object name.
template <typename T> T *findTopLevel(const QString &objectName = {})
{
    const auto windows = QApplication::topLevelWidgets();
    for (QWidget *window : windows) {
        auto *match = qobject_cast<T *>(window);
        if (match && match->isVisible() && (objectName.isEmpty() || match->objectName() == objectName))
            return match;
    }
    return nullptr;
}

} // namespace ecomops::test

// Offscreen unless told otherwise; settings and standard paths in Qt's test
// locations (~/.qttest), under a per-suite application name so suites
// running in parallel never share a settings file. Each run starts from
// empty settings. ECOMOPS_GUI_TEST_MAIN_WITH takes the application class
// (a QApplication subclass).
#define ECOMOPS_GUI_TEST_MAIN(TestObject, suiteName) ECOMOPS_GUI_TEST_MAIN_WITH(QApplication, TestObject, suiteName)
#define ECOMOPS_GUI_TEST_MAIN_WITH(Application, TestObject, suiteName)                                                 \
    int main(int argc, char *argv[])                                                                                   \
    {                                                                                                                  \
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))                                                            \
            qputenv("QT_QPA_PLATFORM", "offscreen");                                                                   \
        QStandardPaths::setTestModeEnabled(true);                                                                      \
        Application app(argc, argv);                                                                                   \
        QCoreApplication::setOrganizationName(QStringLiteral("EcomOps"));                                              \
        QCoreApplication::setApplicationName(QStringLiteral(suiteName));                                               \
        {                                                                                                              \
            QSettings settings;                                                                                        \
            if (!settings.fileName().contains(QStringLiteral(".qttest"))) {                                            \
                qCritical("settings are not isolated: %s", qPrintable(settings.fileName()));                           \
                return 1;                                                                                              \
            }                                                                                                          \
            settings.clear();                                                                                          \
        }                                                                                                              \
        TestObject test;                                                                                               \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }
