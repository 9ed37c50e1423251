// EcomOps Console: the window, or a headless command (`ecomops db …`,
// `ecomops run …`) sharing every layer below it.
#include "CommandLine.h"

#include "MainWindow.h"
#include "connection/ConnectionController.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>

#include <memory>

#include <sys/stat.h>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("EcomOps"));
    QCoreApplication::setApplicationName(QStringLiteral("EcomOps Console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ECOMOPS_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    // Everything this program writes (snapshots, settings, exports, logs) is
    // about customers or the people running it: nobody else's to read.
    ::umask(077);
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (ecomops::app::isHeadlessCommand(arguments)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        return ecomops::app::runHeadless(arguments);
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setDesktopFileName(QStringLiteral("ecomops"));
    ecomops::widgets::MainWindow window;
    window.show();
    window.connection()->connectToDatabase();
    return QApplication::exec();
}
