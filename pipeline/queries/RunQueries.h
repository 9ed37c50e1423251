#pragma once
// The run history as the console shows it: ops.pipeline_run, its stage
// results (ops.stage_result) and its log (ops.run_log). Blocking: each call
// opens its own connection, so call it from a worker thread. Failures throw
// std::exception (pqxx's, with the server's words in what()).
#include "anomalies/DetectorQuality.h"
#include "core/Progress.h"
#include "queries/RunNotes.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>
#include <vector>

namespace ecomops::queries {

struct RunSummary {
    qint64 runId = 0;
    QString status;  // queued, running, succeeded, failed, cancelled
    QString trigger; // manual, scheduled, command_line, test
    QString sourceKind;
    QString startedBy; // the console / OS user
    QString dbRole;    // the database role that recorded it
    QString host;
    QDateTime queuedAt;
    QDateTime startedAt; // invalid until it started
    QDateTime endedAt;   // invalid while it runs
    double seconds = -1; // ended - started (or now - started while running); -1 when not started
    qint64 rowsRead = 0;
    qint64 rowsLoaded = 0;
    qint64 rowsQuarantined = 0;
    QString gateStatus; // passed / warned / failed / empty
    QString error;
    QString snapshotPath;
    double qualityOverall = -1; // summary->>'quality_overall'; -1 when absent or not scored
    qint64 newAnomalies = -1;   // summary->>'new_anomalies'; -1 when absent
    int noteCount = 0;          // ops.run_note
    QString latestNote;         // the newest note's text; empty without notes
    qint64 originRunId = 0;     // spec->'origin': the run this one re-ran or retried; 0 when none
    QString originHow;          // "rerun" or "retry"
};

struct StageResult {
    QString stage;
    QString table; // empty for a stage as a whole
    QString status;
    QDateTime startedAt;
    QDateTime endedAt;
    qint64 rowsRead = 0;
    qint64 rowsLoaded = 0;
    qint64 rowsQuarantined = 0;
    int attempts = 1;
    QString error;
};

struct RunDetail {
    RunSummary run;
    std::vector<StageResult> stages; // in pipeline order, then by table
    std::vector<LogLine> log;        // in the order written
    // What the run measured of its detector (summary -> 'detector'): flags
    // per 1,000 lines, the source's usual rate, precision/recall when the
    // snapshot had planted truth. nullopt for runs that did not detect.
    std::optional<anomalies::DetectorQuality> detector;
    std::vector<RunNote> notes; // oldest first
};

// The newest succeeded run that measured its detector, for the Anomalies
// workspace's warning when it raised far more flags than usual.
struct LatestDetector {
    qint64 runId = 0; // 0: no such run
    QString sourceKind;
    anomalies::DetectorQuality quality;
};

// The most recent runs first.
std::vector<RunSummary> recentRuns(const QString &conninfo, int limit = 200);

// One run with its stages and log; run.runId == 0 when there is no such run.
RunDetail runDetail(const QString &conninfo, qint64 runId, int logLimit = 5000);

LatestDetector latestDetector(const QString &conninfo);

} // namespace ecomops::queries

Q_DECLARE_METATYPE(ecomops::queries::RunSummary)
