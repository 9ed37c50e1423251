#include "SnapshotsCommand.h"

#include "DatabaseOptions.h"
#include "Terminal.h"

#include "staging/SnapshotRetention.h"

#include <QCommandLineParser>

#include <pqxx/pqxx>

namespace ecomops::app {
namespace {

QString row(const staging::SnapshotEntry &e, const QString &verdict)
{
    return QStringLiteral("%1 %2 %3 %4 %5  %6 (%7)")
        .arg(QString::number(e.runId).rightJustified(6), e.status.leftJustified(10),
             e.at.toString(QStringLiteral("yyyy-MM-dd HH:mm")).leftJustified(16),
             (e.exists ? staging::describeSize(e.bytes) : QStringLiteral("gone")).rightJustified(10),
             verdict.leftJustified(7), e.path, e.reason);
}

} // namespace

int runSnapshotsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    DatabaseOptions db;
    db.addTo(parser);
    const QCommandLineOption keep(QStringLiteral("keep"), QStringLiteral("Keep the snapshots of the last N runs."),
                                  QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    QStringLiteral("Say what prune would remove; remove nothing."));
    parser.addOptions({keep, dryRun});
    const QString usage = QStringLiteral("usage: ecomops snapshots list|prune [--keep N] [--dry-run] "
                                         "[--conninfo STRING | --data-dir DIR]");
    bool keepOk = false;
    staging::RetentionPolicy policy;
    const bool parsed = parser.parse(QStringList{QStringLiteral("ecomops snapshots")} + arguments);
    policy.keepRuns = parser.value(keep).toInt(&keepOk);
    const QStringList action = parser.positionalArguments();
    if (!parsed || action.size() != 1 ||
        (action.constFirst() != QLatin1String("list") && action.constFirst() != QLatin1String("prune"))) {
        err(parser.errorText().isEmpty() ? usage : parser.errorText() + QLatin1Char('\n') + usage);
        return ExitBadArguments;
    }
    if (!keepOk || policy.keepRuns < 1) {
        err(QStringLiteral("ecomops snapshots: --keep needs a whole number of runs, 1 or more"));
        return ExitBadArguments;
    }
    const bool prune = action.constFirst() == QLatin1String("prune");
    try {
        pqxx::connection connection{db.resolve(parser).toStdString()};
        const std::vector<staging::SnapshotEntry> plan = staging::planRetention(connection, policy);
        out(QStringLiteral("Keeping the snapshots of the last %1 runs and of runs that failed in the last %2 days.")
                .arg(policy.keepRuns)
                .arg(policy.keepFailedDays));
        if (!prune || parser.isSet(dryRun)) {
            for (const staging::SnapshotEntry &e : plan) {
                if (e.exists || !prune)
                    out(row(e, e.keep  ? QStringLiteral("keep")
                               : prune ? QStringLiteral("would remove")
                                       : QStringLiteral("prune")));
            }
            return ExitSuccess;
        }
        qint64 bytes = 0;
        int removed = 0;
        for (const staging::SnapshotEntry &e : staging::applyRetention(plan)) {
            out(row(e, e.keep ? QStringLiteral("FAILED") : QStringLiteral("removed")));
            if (!e.keep) {
                bytes += e.bytes;
                ++removed;
            }
        }
        out(QStringLiteral("%1 snapshots removed (%2).").arg(removed).arg(staging::describeSize(bytes)));
        return ExitSuccess;
    } catch (const std::exception &e) {
        err(QStringLiteral("ecomops snapshots: %1").arg(QString::fromUtf8(e.what()).trimmed()));
        return ExitFailed;
    }
}

} // namespace ecomops::app
