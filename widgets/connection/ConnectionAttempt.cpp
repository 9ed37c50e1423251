#include "connection/ConnectionAttempt.h"

#include "common/WidgetsLogging.h"
#include "database/EmbeddedCluster.h"
#include "runner/DeadRuns.h"

#include <QCoreApplication>

#include <exception>

namespace ecomops::widgets {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ecomops::widgets::ConnectionAttempt", text);
}

db::ServerStatus failure(const QString &error, const QString &detail)
{
    db::ServerStatus status;
    status.error = error;
    status.errorDetail = detail;
    return status;
}

// Runs left "running" by a console or CLI that was killed are closed as soon
// as a console connects. A role that may not write run records (steward,
// analyst) only sees them closed by the next operator.
void closeDeadRuns(const QString &conninfo)
{
    try {
        const runner::DeadRunReport report = runner::reconcileDeadRuns(conninfo);
        if (!report.closed.empty())
            qCInfo(lcConsoleConnection) << report.closed.size() << "runs without a live process marked failed";
    } catch (const std::exception &e) {
        qCInfo(lcConsoleConnection) << "could not look for runs whose process died:" << e.what();
    }
}

} // namespace

ConnectionAttempt attemptConnection(const db::ConnectionProfile &profile, const QString &password)
{
    ConnectionAttempt attempt;
    try {
        if (profile.mode == db::ConnectionProfile::Mode::Embedded) {
            db::EmbeddedCluster cluster(profile.embeddedDataDir);
            cluster.start();
            attempt.conninfo = cluster.connectionUri();
        } else {
            attempt.conninfo = db::withPassword(profile.conninfo, password);
        }
        attempt.status = db::probeServer(attempt.conninfo);
        if (attempt.status.connected)
            closeDeadRuns(attempt.conninfo);
    } catch (const db::ClusterError &e) {
        attempt.status = failure(e.message(), e.detail());
    } catch (const std::exception &e) {
        const QString what = profile.mode == db::ConnectionProfile::Mode::Embedded
                                 ? tr("The embedded database could not be prepared.")
                                 : tr("Could not connect to the database server.");
        attempt.status = failure(what, QString::fromUtf8(e.what()).trimmed());
    }
    if (!attempt.status.connected)
        attempt.conninfo.clear();
    return attempt;
}

} // namespace ecomops::widgets
