#include "RunShow.h"

#include "Terminal.h"

#include "quality/Scoring.h"
#include "runner/RunAgain.h"

namespace ecomops::app {
namespace {

QString when(const QDateTime &at)
{
    return at.isValid() ? at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("-");
}

QString seconds(const QDateTime &from, const QDateTime &to)
{
    if (!from.isValid() || !to.isValid())
        return QStringLiteral("-");
    return QStringLiteral("%1 s").arg(double(std::max<qint64>(0, from.msecsTo(to))) / 1000.0, 0, 'f', 1);
}

void fact(const QString &name, const QString &value)
{
    out(QStringLiteral("  %1 %2").arg(name.leftJustified(12), value));
}

void printStages(const std::vector<queries::StageResult> &stages)
{
    out(QStringLiteral("Stages and tables"));
    out(QStringLiteral("  %1 %2 %3 %4 %5 %6 %7 %8")
            .arg(QStringLiteral("stage").leftJustified(10), QStringLiteral("table").leftJustified(20),
                 QStringLiteral("status").leftJustified(10), QStringLiteral("read").rightJustified(10),
                 QStringLiteral("loaded").rightJustified(10), QStringLiteral("quarantined").rightJustified(12),
                 QStringLiteral("duration").rightJustified(9), QStringLiteral("attempts")));
    for (const queries::StageResult &s : stages) {
        QString line =
            QStringLiteral("  %1 %2 %3 %4 %5 %6 %7 %8")
                .arg(s.stage.leftJustified(10), (s.table.isEmpty() ? QStringLiteral("-") : s.table).leftJustified(20),
                     s.status.leftJustified(10), QString::number(s.rowsRead).rightJustified(10),
                     QString::number(s.rowsLoaded).rightJustified(10),
                     QString::number(s.rowsQuarantined).rightJustified(12),
                     seconds(s.startedAt, s.endedAt).rightJustified(9), QString::number(s.attempts));
        if (!s.error.isEmpty())
            line += QStringLiteral("  ") + s.error.simplified().left(100);
        out(line);
    }
    if (stages.empty())
        out(QStringLiteral("  (none recorded)"));
}

} // namespace

void printRunDetail(const queries::RunDetail &detail)
{
    const queries::RunSummary &run = detail.run;
    const QString id = QString::number(run.runId);
    out(QStringLiteral("Run %1 · %2").arg(id, run.status));
    fact(QStringLiteral("source"), run.sourceKind);
    fact(QStringLiteral("trigger"), run.trigger);
    fact(QStringLiteral("started by"),
         QStringLiteral("%1 (database role %2%3)")
             .arg(run.startedBy, run.dbRole, run.host.isEmpty() ? QString() : QStringLiteral(", on ") + run.host));
    if (run.originRunId > 0)
        fact(QStringLiteral("came from"), QStringLiteral("a %1 of run %2").arg(run.originHow).arg(run.originRunId));
    fact(QStringLiteral("queued"), when(run.queuedAt));
    fact(QStringLiteral("started"), when(run.startedAt));
    fact(QStringLiteral("ended"), when(run.endedAt));
    if (run.seconds >= 0)
        fact(QStringLiteral("took"), QStringLiteral("%1 s").arg(run.seconds, 0, 'f', 1));
    fact(QStringLiteral("rows"), QStringLiteral("%1 read, %2 loaded, %3 quarantined")
                                     .arg(run.rowsRead)
                                     .arg(run.rowsLoaded)
                                     .arg(run.rowsQuarantined));
    if (!run.gateStatus.isEmpty())
        fact(QStringLiteral("quality"), run.qualityOverall >= 0
                                            ? QStringLiteral("overall %1, gates %2")
                                                  .arg(quality::oneDecimalScore(run.qualityOverall), 0, 'f', 1)
                                                  .arg(run.gateStatus)
                                            : QStringLiteral("gates %1").arg(run.gateStatus));
    if (run.newAnomalies >= 0)
        fact(QStringLiteral("anomalies"), QStringLiteral("%1 new flags").arg(run.newAnomalies));
    const QString snapshotProblem = runner::snapshotProblem(run.snapshotPath);
    if (!run.snapshotPath.isEmpty())
        fact(QStringLiteral("snapshot"),
             run.snapshotPath + (snapshotProblem.isEmpty() ? QString()
                                                           : QStringLiteral("  (cannot be loaded again: ") +
                                                                 snapshotProblem + QLatin1Char(')')));
    if (!run.error.isEmpty())
        fact(QStringLiteral("error"), run.error);

    printStages(detail.stages);

    out(QStringLiteral("Notes (%1)").arg(detail.notes.size()));
    for (const queries::RunNote &note : detail.notes)
        out(QStringLiteral("  ") + queries::noteLine(note));
    if (!detail.log.empty()) {
        out(QStringLiteral("Last log lines"));
        for (const LogLine &line : detail.log)
            out(QStringLiteral("  %1 %2 %3 %4")
                    .arg(when(line.at), toString(line.level).leftJustified(7), line.stage.leftJustified(9),
                         line.message.simplified()));
    }

    out(QStringLiteral("Look further"));
    out(QStringLiteral("  ecomops runs note %1 \"TEXT\"      add a note").arg(id));
    out(QStringLiteral("  ecomops runs rerun %1             run it again with the same spec").arg(id));
    if (runner::canRetry(run.status, run.snapshotPath))
        out(QStringLiteral("  ecomops runs retry %1             load its snapshot again").arg(id));
    const QString psql = QStringLiteral("  psql \"$(ecomops db uri)\" -c \"SELECT %1 WHERE run_id = %2%3\"");
    out(psql.arg(QStringLiteral("at, level, stage, message FROM ops.run_log"), id, QStringLiteral(" ORDER BY seq")));
    out(psql.arg(QStringLiteral("table_name, dimension, score FROM ops.quality_score"), id,
                 QStringLiteral(" ORDER BY table_name, dimension")));
    out(psql.arg(QStringLiteral("flag_id, product_id, quantity, z_score, status FROM ops.anomaly_flag"), id,
                 QStringLiteral(" ORDER BY z_score DESC")));
    out(QStringLiteral("  In the console: Runs ▸ History, run %1 (its menu opens the quality scorecard and the "
                       "anomaly flags)")
            .arg(id));
}

} // namespace ecomops::app
