#include "runner/ServerWait.h"

#include <QElapsedTimer>
#include <QThread>

#include <libpq-fe.h>

namespace ecomops::runner {

ServerWait waitForServer(const QString &conninfo, int boundSeconds, const CancelToken &cancel)
{
    ServerWait wait;
    QElapsedTimer clock;
    clock.start();
    const QByteArray info = conninfo.toUtf8();
    for (int probe = 0;; ++probe) {
        // PQPING_REJECT is "the database system is in recovery mode" / "not
        // yet accepting connections"; NO_RESPONSE is a refused or missing socket.
        if (PQping(info.constData()) == PQPING_OK) {
            wait.back = true;
            break;
        }
        wait.wasDown = true;
        if (cancel.isCancelled() || clock.elapsed() >= qint64(boundSeconds) * 1000)
            break;
        for (int slept = 0; slept < 250 && !cancel.isCancelled(); slept += 50)
            QThread::msleep(50);
    }
    wait.seconds = double(clock.elapsed()) / 1000.0;
    return wait;
}

} // namespace ecomops::runner
