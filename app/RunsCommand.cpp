// `ecomops runs list|show|note|rerun|retry`: the run history, and acting on
// a past run, from the terminal. The Runs workspace reads the same queries.
#include "RunCommand.h"
#include "RunShow.h"

#include "DatabaseOptions.h"
#include "Terminal.h"

#include "queries/RunNotes.h"
#include "queries/RunQueries.h"
#include "runner/DeadRuns.h"
#include "runner/RunAgain.h"

#include <QCommandLineParser>

namespace ecomops::app {
namespace {

const QString kUsage = QStringLiteral("usage: ecomops runs list [--limit N]\n"
                                      "       ecomops runs show ID\n"
                                      "       ecomops runs note ID TEXT\n"
                                      "       ecomops runs rerun ID [--json]\n"
                                      "       ecomops runs retry ID [--json]\n"
                                      "  each with [--conninfo STRING | --data-dir DIR]");

// HH:MM:SS from start to end, as the list always showed it; empty until both are known.
QString durationText(const queries::RunSummary &run)
{
    if (!run.startedAt.isValid() || !run.endedAt.isValid())
        return {};
    const qint64 seconds = std::max<qint64>(0, run.startedAt.secsTo(run.endedAt));
    return QStringLiteral("%1:%2:%3")
        .arg(seconds / 3600, 2, 10, QLatin1Char('0'))
        .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

void reconcile(const QString &conninfo)
{
    try {
        // A run whose process was killed is shown as what it is: failed.
        runner::reconcileDeadRuns(conninfo);
    } catch (const std::exception &e) {
        err(QStringLiteral("warning: could not look for runs whose process died: %1")
                .arg(QString::fromUtf8(e.what()).trimmed()));
    }
}

int listRuns(const QString &conninfo, int limit)
{
    reconcile(conninfo);
    // The Runs workspace's own query: one definition of what a run shows.
    const std::vector<queries::RunSummary> runs = queries::recentRuns(conninfo, limit);
    out(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11")
            .arg(QStringLiteral("run").rightJustified(6), QStringLiteral("status").leftJustified(10),
                 QStringLiteral("trigger").leftJustified(13), QStringLiteral("source").leftJustified(10),
                 QStringLiteral("by").leftJustified(10), QStringLiteral("queued at").leftJustified(19),
                 QStringLiteral("duration").leftJustified(9), QStringLiteral("read").rightJustified(10),
                 QStringLiteral("loaded").rightJustified(10), QStringLiteral("quarantined").rightJustified(12),
                 QStringLiteral("notes").rightJustified(5)));
    for (const queries::RunSummary &run : runs) {
        QString line =
            QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11")
                .arg(QString::number(run.runId).rightJustified(6), run.status.leftJustified(10),
                     run.trigger.leftJustified(13), run.sourceKind.leftJustified(10), run.startedBy.leftJustified(10),
                     run.queuedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).leftJustified(19),
                     durationText(run).leftJustified(9), QString::number(run.rowsRead).rightJustified(10),
                     QString::number(run.rowsLoaded).rightJustified(10),
                     QString::number(run.rowsQuarantined).rightJustified(12),
                     QString::number(run.noteCount).rightJustified(5));
        if (run.originRunId > 0)
            line += QStringLiteral("  (%1 of run %2)").arg(run.originHow).arg(run.originRunId);
        if (!run.error.isEmpty())
            line += QStringLiteral("  ") + run.error.left(80);
        if (!run.latestNote.isEmpty())
            line += QStringLiteral("  note: ") + run.latestNote.simplified().left(60);
        out(line);
    }
    return ExitSuccess;
}

int showRun(const QString &conninfo, qint64 runId)
{
    reconcile(conninfo);
    const queries::RunDetail detail = queries::runDetail(conninfo, runId, 10);
    if (detail.run.runId == 0) {
        err(QStringLiteral("ecomops runs show: there is no run %1").arg(runId));
        return ExitFailed;
    }
    printRunDetail(detail);
    return ExitSuccess;
}

int noteRun(const QString &conninfo, qint64 runId, const QString &text)
{
    const queries::RunNote note = queries::addRunNote(conninfo, runId, text, queries::currentOsUser());
    out(QStringLiteral("Note %1 added to run %2: %3").arg(note.noteId).arg(runId).arg(queries::noteLine(note)));
    return ExitSuccess;
}

int runAgain(const QString &conninfo, qint64 runId, bool retry, bool json)
{
    const runner::PastRun past = runner::readPastRun(conninfo, runId);
    const runner::RunSpec spec = retry
                                     ? runner::retrySpec(past, runner::Trigger::CommandLine, queries::currentOsUser())
                                     : runner::rerunSpec(past, runner::Trigger::CommandLine, queries::currentOsUser());
    err(retry ? QStringLiteral("Retrying run %1 from its snapshot %2").arg(runId).arg(past.snapshotPath)
              : QStringLiteral("Running run %1 again with its recorded spec (source %2)")
                    .arg(runId)
                    .arg(spec.sourceKind));
    return executeRun(conninfo, spec, json);
}

} // namespace

int runRunsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    DatabaseOptions db;
    db.addTo(parser);
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("How many runs."), QStringLiteral("N"),
                                   QStringLiteral("20"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print a re-run's summary as JSON."));
    parser.addOptions({limit, json});
    const bool parsed = parser.parse(QStringList{QStringLiteral("ecomops runs")} + arguments);
    const QStringList words = parser.positionalArguments();
    const QString verb = words.value(0);
    bool idOk = false;
    const qint64 runId = words.value(1).toLongLong(&idOk);
    const bool wantsId = verb != QLatin1String("list");
    const bool wellFormed =
        parsed && (verb == QLatin1String("list")   ? words.size() == 1
                   : verb == QLatin1String("note") ? words.size() >= 3
                                                   : (verb == QLatin1String("show") || verb == QLatin1String("rerun") ||
                                                      verb == QLatin1String("retry")) &&
                                                         words.size() == 2);
    if (!wellFormed || (wantsId && (!idOk || runId <= 0))) {
        if (!parser.errorText().isEmpty())
            err(parser.errorText());
        else if (wellFormed)
            err(QStringLiteral("ecomops runs %1: \"%2\" is not a run id").arg(verb, words.value(1)));
        err(kUsage);
        return ExitBadArguments;
    }
    try {
        const QString conninfo = db.resolve(parser);
        if (verb == QLatin1String("list"))
            return listRuns(conninfo, qBound(1, parser.value(limit).toInt(), 10000));
        if (verb == QLatin1String("show"))
            return showRun(conninfo, runId);
        if (verb == QLatin1String("note"))
            return noteRun(conninfo, runId, words.mid(2).join(QLatin1Char(' ')));
        return runAgain(conninfo, runId, verb == QLatin1String("retry"), parser.isSet(json));
    } catch (const runner::RunAgainError &e) {
        err(QStringLiteral("ecomops runs %1: %2").arg(verb, QString::fromUtf8(e.what())));
        return ExitFailed;
    } catch (const std::invalid_argument &e) {
        err(QStringLiteral("ecomops runs %1: %2").arg(verb, QString::fromUtf8(e.what())));
        return ExitBadArguments;
    } catch (const std::exception &e) {
        // A server error is shown by its first line ("ERROR:  there is no run 99"), without its PL/pgSQL
        // context; any other error whole, with the details on its later lines (a refused socket folder says
        // who owns it and what to do).
        const QString message = QString::fromUtf8(e.what()).trimmed();
        err(QStringLiteral("ecomops runs %1: %2")
                .arg(verb, message.startsWith(QLatin1String("ERROR:"))
                               ? message.section(QLatin1Char('\n'), 0, 0).mid(6).trimmed()
                               : message));
        return ExitFailed;
    }
}

} // namespace ecomops::app
