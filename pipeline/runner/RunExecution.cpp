#include "runner/RunExecution.h"

#include "core/Logging.h"
#include "core/Utf8.h"
#include "load/PgConnection.h"
#include "load/TableLoader.h"
#include "quality/QualityStage.h"
#include "quality/Scoring.h"
#include "runner/DeadRuns.h"
#include "runner/Retry.h"
#include "runner/RunCleanup.h"
#include "runner/RunExecutionInternals.h"
#include "runner/ServerWait.h"
#include "sources/SourceAdapter.h"
#include "sources/synthetic/Generator.h"
#include "staging/Catalog.h"

#include <QDate>
#include <QDir>

#include <pqxx/pqxx>

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace ecomops::runner {

RunExecution::RunExecution(QString conninfo, RunSpec spec, RunEvents &events)
    : m_conninfo(std::move(conninfo)), m_spec(std::move(spec)), m_events(events),
      m_recorder(m_conninfo, m_spec.recoveryWaitSeconds)
{
}

RunExecution::~RunExecution() = default;

void RunExecution::emitLog(LogLevel level, const QString &stage, const QString &message)
{
    const LogLine line{QDateTime::currentDateTime(), level, stage, message};
    m_events.log(line);
    if (m_result.runId > 0) {
        try {
            m_recorder.log(m_result.runId, line);
        } catch (const std::exception &e) {
            qCWarning(lcRunner) << "could not record a log line:" << e.what();
        }
    }
}

RunResult RunExecution::execute(CancelToken &cancel)
{
    m_clock.start();
    m_result = {};
    m_published = false;
    try {
        // Runs whose process died must not keep holding "running" (or their
        // staging) while this one starts; a live one is never touched.
        reconcileDeadRuns(m_conninfo);
    } catch (const std::exception &e) {
        qCWarning(lcRunner) << "could not look for dead runs:" << e.what();
    }
    try {
        m_result.runId = m_recorder.createRun(m_spec);
    } catch (const std::exception &e) {
        m_result.status = RunStatus::Failed;
        m_result.error =
            QObject::tr("Could not record the run in the database: %1").arg(QString::fromUtf8(e.what()).trimmed());
        return m_result;
    }
    m_events.runCreated(m_result.runId);
    try {
        m_recorder.markRunning(m_result.runId);
        emitLog(LogLevel::Info, QStringLiteral("run"),
                QStringLiteral("run %1 started: source %2, started by %3 (%4)")
                    .arg(m_result.runId)
                    .arg(m_spec.sourceKind, m_spec.startedBy, toString(m_spec.trigger)));
        // Options are read before any work, so a typo in a spec fails at once.
        m_quality = std::make_unique<quality::QualityStage>(quality::QualityOptions::fromJson(m_spec.gates),
                                                            m_result.runId, QDateTime::currentDateTime());
        const staging::Snapshot snapshot = sourceStage(cancel);
        m_result.snapshotPath = snapshot.directory();
        m_recorder.setSnapshot(m_result.runId, snapshot.directory());
        m_quality->setSnapshot(snapshot);
        loadStage(snapshot, cancel);
        validateStage(cancel);
        publishStage(cancel);
        cancel.throwIfCancelled();
        m_result.status = RunStatus::Succeeded;
    } catch (const GateFailedError &e) {
        // The scores and the quarantined rows stay as evidence; nothing
        // reached the warehouse.
        m_result.status = RunStatus::Failed;
        m_result.error = QString::fromUtf8(e.what());
        emitLog(LogLevel::Error, QStringLiteral("validate"), m_result.error);
        cleanUpAfterFailure(Outcome::GateFailed);
    } catch (...) {
        const FailureInfo failure = classifyCurrentException(cancel);
        if (m_published) {
            // Only the record after the commit failed: the run is published,
            // and undoing its staging now would not undo the warehouse.
            m_result.status = RunStatus::Succeeded;
            emitLog(
                LogLevel::Warning, QStringLiteral("run"),
                QStringLiteral("published, but part of the run record could not be written: %1").arg(failure.message));
        } else {
            m_result.status = failure.cancelled || cancel.isCancelled() ? RunStatus::Cancelled : RunStatus::Failed;
            if (m_result.status == RunStatus::Failed)
                m_result.error = failure.message;
            emitLog(m_result.status == RunStatus::Cancelled ? LogLevel::Warning : LogLevel::Error,
                    QStringLiteral("run"),
                    m_result.status == RunStatus::Cancelled ? QStringLiteral("run cancelled; undoing its changes")
                                                            : QStringLiteral("run failed: %1").arg(failure.message));
            cleanUpAfterFailure(m_result.status == RunStatus::Cancelled ? Outcome::Cancelled : Outcome::Failed);
        }
    }
    if (m_result.status == RunStatus::Succeeded)
        pruneSnapshots();
    finishTotals();
    m_result.seconds = double(m_clock.elapsed()) / 1000.0;
    withServer(QStringLiteral("record the end of the run"), [&] {
        // No stage row outlives its run: a stage a failure interrupted ends
        // failed (or cancelled); after a publish whose record could not be
        // fully written, what is open did succeed.
        const TableState open = m_result.status == RunStatus::Succeeded   ? TableState::Succeeded
                                : m_result.status == RunStatus::Cancelled ? TableState::Cancelled
                                                                          : TableState::Failed;
        // A run is recorded failed only once what it wrote is gone;
        // otherwise it stays running for the dead-run reconciler.
        if (m_cleanupPending) {
            pqxx::connection c{m_conninfo.toStdString()};
            pqxx::work tx{c};
            removeRunData(tx, m_result.runId,
                          *m_cleanupPending == Outcome::GateFailed ? Evidence::Keep : Evidence::Remove);
            tx.commit();
            forgetRemovedRows(*m_cleanupPending);
            finishTotals();
            m_cleanupPending.reset();
        }
        m_recorder.endOpenStages(m_result.runId, open, m_result.error);
        m_recorder.finishRun(m_result);
    });
    // A restart that only the run record saw (no data statement was running).
    if (const double waited = m_recorder.takeServerWaitSeconds(); waited > 0)
        emitLog(LogLevel::Warning, QStringLiteral("run"),
                QStringLiteral("the server restarted; the run record was written after %1 s").arg(waited, 0, 'f', 1));
    emitLog(
        LogLevel::Info, QStringLiteral("run"),
        QStringLiteral("run %1 %2 in %3 s: %4 rows read, %5 %6, %7 quarantined, %8 rejected by the transform, "
                       "%9 empty records skipped")
            .arg(m_result.runId)
            .arg(toString(m_result.status))
            .arg(m_result.seconds, 0, 'f', 1)
            .arg(m_result.rowsRead)
            .arg(m_result.rowsLoaded)
            .arg(m_result.published ? QStringLiteral("reached the warehouse") : QStringLiteral("staged, not published"))
            .arg(m_result.rowsQuarantined)
            .arg(m_result.rowsRejected)
            .arg(m_result.rowsSkipped));
    return m_result;
}

void RunExecution::attempt(const QString &stage, const QString &table, CancelToken &cancel,
                           const std::function<void(int)> &body)
{
    for (int attemptNo = 1;; ++attemptNo) {
        try {
            body(attemptNo);
            return;
        } catch (...) {
            const FailureInfo failure = classifyCurrentException(cancel);
            const QString what = table.isEmpty() ? stage : stage + QLatin1Char(' ') + table;
            if (failure.transient && !failure.cancelled && attemptNo < m_spec.maxAttempts) {
                emitLog(LogLevel::Warning, stage,
                        QStringLiteral("%1: attempt %2 of %3 failed with a transient error (%4); retrying")
                            .arg(what)
                            .arg(attemptNo)
                            .arg(m_spec.maxAttempts)
                            .arg(failure.message));
                if (failure.connectionLost) {
                    const ServerWait wait = waitForServer(m_conninfo, m_spec.recoveryWaitSeconds, cancel);
                    // The run record may have waited out the restart already.
                    const double recorderWaited = m_recorder.takeServerWaitSeconds();
                    if (wait.back && (wait.wasDown || recorderWaited > 0)) {
                        emitLog(LogLevel::Warning, stage,
                                QStringLiteral("the server restarted; resumed after %1 s")
                                    .arg(wait.seconds + recorderWaited, 0, 'f', 1));
                        m_recorder.reconnect();
                        continue;
                    }
                    if (!wait.back && !cancel.isCancelled()) {
                        const QString gone =
                            QStringLiteral("the server did not come back within %1 s").arg(m_spec.recoveryWaitSeconds);
                        emitLog(LogLevel::Error, stage, QStringLiteral("%1: failed: %2").arg(what, gone));
                        recordAttemptEnd(stage, table, TableState::Failed, attemptNo, gone);
                        throw std::runtime_error(gone.toStdString());
                    }
                }
                if (backoff(attemptNo - 1, cancel))
                    continue;
            }
            const TableState state =
                failure.cancelled || cancel.isCancelled() ? TableState::Cancelled : TableState::Failed;
            recordAttemptEnd(stage, table, state, attemptNo, state == TableState::Failed ? failure.message : QString());
            if (state == TableState::Failed && attemptNo > 1)
                emitLog(LogLevel::Error, stage,
                        QStringLiteral("%1: giving up after %2 attempts").arg(what).arg(attemptNo));
            throw;
        }
    }
}

void RunExecution::recordAttemptEnd(const QString &stage, const QString &table, TableState state, int attempts,
                                    const QString &error)
{
    try {
        m_recorder.stageFinished(m_result.runId, stage, {stage, table, 0, 0, 0}, state, attempts, error);
    } catch (const std::exception &) {
        // The run's own failure is what matters; open rows are ended with the run.
    }
}

void RunExecution::loadStage(const staging::Snapshot &snapshot, CancelToken &cancel)
{
    const QString stage = QStringLiteral("load");
    std::vector<const staging::SnapshotFile *> files;
    for (const staging::SnapshotFile &f : snapshot.metadata().files) {
        if (staging::findTable(f.table))
            files.push_back(&f);
    }
    // Biggest first, so the parallel loaders finish together.
    std::sort(files.begin(), files.end(), [](auto *a, auto *b) { return a->bytes > b->bytes; });

    // Internal cancel: stops the other tables when one fails for good; the
    // user's cancel is forwarded into it.
    CancelToken loadCancel;
    const auto forward = cancel.onCancel([&loadCancel] { loadCancel.cancel(); });
    std::atomic<std::size_t> next{0};
    std::mutex failureMutex;
    std::exception_ptr firstFailure;
    Reporter reporter(*this, stage, loadCancel);

    auto worker = [&] {
        // One connection per worker, reused across its tables; dropped after
        // any failure (its transaction state is then unknown).
        std::unique_ptr<load::PgConnection> connection;
        for (;;) {
            const std::size_t index = next.fetch_add(1);
            if (index >= files.size() || loadCancel.isCancelled())
                return;
            const staging::SnapshotFile &file = *files[index];
            const staging::TableSpec &spec = *staging::findTable(file.table);
            const QString table = QString::fromStdString(file.table);
            try {
                m_recorder.stageStarted(m_result.runId, stage, table);
                attempt(stage, table, loadCancel, [&](int attemptNo) {
                    load::TableLoader loader(m_conninfo, m_result.runId, spec, snapshot.filePath(file), file.rows);
                    loader.setRowChecker(m_quality->checkerFor(file.table)); // counters reset per attempt
                    if (!connection)
                        connection = std::make_unique<load::PgConnection>(m_conninfo);
                    load::TableLoadResult r;
                    try {
                        r = loader.run(reporter, loadCancel, connection.get());
                    } catch (...) {
                        connection.reset();
                        throw;
                    }
                    // The source skipped its empty records (spreadsheet
                    // padding): read from the source, never loaded.
                    r.counts.skipped = file.skipped;
                    r.counts.read += file.skipped;
                    m_recorder.stageFinished(m_result.runId, stage, r.counts, TableState::Succeeded, attemptNo);
                    reporter.tableFinished(r.counts);
                    QString detail = QStringLiteral("%1: %2 rows read, %3 loaded, %4 quarantined in %5 s (%6 rows/s)")
                                         .arg(table)
                                         .arg(r.counts.read)
                                         .arg(r.counts.loaded)
                                         .arg(r.counts.quarantined)
                                         .arg(r.seconds, 0, 'f', 2)
                                         .arg(qint64(r.seconds > 0 ? double(r.counts.read) / r.seconds : 0));
                    if (r.blankLines > 0)
                        detail += QStringLiteral("; %1 blank lines skipped").arg(r.blankLines);
                    if (file.skipped > 0)
                        detail += QStringLiteral("; %1 empty records skipped by the source").arg(file.skipped);
                    emitLog(r.counts.quarantined > 0 ? LogLevel::Warning : LogLevel::Info, stage, detail);
                    std::lock_guard lock(failureMutex);
                    m_tableTotals[table] = r.counts;
                });
            } catch (...) {
                std::lock_guard lock(failureMutex);
                if (!firstFailure)
                    firstFailure = std::current_exception();
                loadCancel.cancel();
                return;
            }
        }
    };
    const int threads = std::max(1, std::min<int>(m_spec.loadParallelism, int(files.size())));
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i)
        pool.emplace_back(worker);
    for (auto &t : pool)
        t.join();
    if (firstFailure)
        std::rethrow_exception(firstFailure);
    cancel.throwIfCancelled();
}

void RunExecution::cleanUpAfterFailure(Outcome outcome)
{
    if (m_result.runId <= 0)
        return;
    const bool keepEvidence = outcome == Outcome::GateFailed;
    const bool done = withServer(QStringLiteral("remove this run's staging rows"), [&] {
        pqxx::connection c{m_conninfo.toStdString()};
        pqxx::work tx{c};
        removeRunData(tx, m_result.runId, keepEvidence ? Evidence::Keep : Evidence::Remove);
        tx.commit();
    });
    if (done)
        forgetRemovedRows(outcome);
    else
        m_cleanupPending = outcome;
}

void RunExecution::forgetRemovedRows(Outcome outcome)
{
    // The record then counts what the warehouse still holds of the run:
    // nothing, unless a failed gate keeps its evidence.
    if (outcome == Outcome::GateFailed)
        return;
    m_tableTotals.clear();
    m_result.gateStatus.clear();
    m_result.gateMessages.clear();
    m_result.qualityOverall = -1;
}

bool RunExecution::withServer(const QString &what, const std::function<void()> &body)
{
    // Once, and once more after waiting for a restarting server: the run's
    // own record and clean-up must not be lost to a restart.
    CancelToken never;
    for (int round = 0;; ++round) {
        try {
            body();
            return true;
        } catch (const std::exception &e) {
            const QString error = QString::fromUtf8(e.what()).trimmed();
            if (round == 0) {
                const ServerWait wait = waitForServer(m_conninfo, m_spec.recoveryWaitSeconds, never);
                const double recorderWaited = m_recorder.takeServerWaitSeconds();
                if (wait.back && (wait.wasDown || recorderWaited > 0))
                    emitLog(LogLevel::Warning, QStringLiteral("run"),
                            QStringLiteral("the server restarted; resumed after %1 s")
                                .arg(wait.seconds + recorderWaited, 0, 'f', 1));
                if (wait.back) {
                    m_recorder.reconnect();
                    continue;
                }
            }
            qCWarning(lcRunner) << "run" << m_result.runId << "could not" << what << ':' << error;
            emitLog(LogLevel::Error, QStringLiteral("run"), QStringLiteral("could not %1: %2").arg(what, error));
            return false;
        }
    }
}

void RunExecution::finishTotals()
{
    m_result.tables.clear();
    m_result.rowsRead = m_result.rowsLoaded = m_result.rowsQuarantined = m_result.rowsRejected = m_result.rowsSkipped =
        0;
    for (const auto &[table, counts] : m_tableTotals) {
        m_result.tables.push_back(counts);
        m_result.rowsRead += counts.read;
        m_result.rowsLoaded += counts.loaded;
        m_result.rowsQuarantined += counts.quarantined;
        m_result.rowsRejected += counts.rejected;
        m_result.rowsSkipped += counts.skipped;
    }
}

} // namespace ecomops::runner
