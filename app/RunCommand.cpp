#include "RunCommand.h"

#include "core/ErrorText.h"
#include "core/Utf8.h"
#include "quality/QualityOptions.h"
#include "quality/Scoring.h"

#include "CommandLine.h"
#include "DatabaseOptions.h"
#include "Terminal.h"
#include "TerminalProgress.h"

#include "database/ConnectionProfile.h"
#include "runner/Runner.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QCoreApplication>
#include <QFile>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <unistd.h>

namespace ecomops::app {
namespace {

std::atomic<int> g_interrupts{0};

void onInterrupt(int)
{
    if (g_interrupts.fetch_add(1) >= 1)
        ::_exit(130); // a second Ctrl-C: leave now
}

QString currentUser()
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

nlohmann::json resultJson(const runner::RunResult &r)
{
    nlohmann::json j = {{"run_id", r.runId},
                        {"status", runner::toString(r.status).toStdString()},
                        {"error", r.error.toStdString()},
                        {"snapshot", r.snapshotPath.toStdString()},
                        {"seconds", r.seconds},
                        {"rows_read", r.rowsRead},
                        {"rows_loaded", r.rowsLoaded},
                        {"rows_quarantined", r.rowsQuarantined},
                        {"rows_rejected", r.rowsRejected},
                        {"rows_skipped", r.rowsSkipped},
                        {"published", r.published},
                        {"reconciles", r.reconciles()},
                        {"gate_status", r.gateStatus.toStdString()},
                        {"new_anomalies", r.newAnomalies},
                        {"tables", r.tablesJson()}};
    if (r.detector)
        j["detector"] = r.detector->toJson();
    return j;
}

void printSummary(const runner::RunResult &r)
{
    out(QStringLiteral("Run %1 %2 in %3 s").arg(r.runId).arg(runner::toString(r.status)).arg(r.seconds, 0, 'f', 1));
    if (!r.error.isEmpty())
        out(QStringLiteral("  error: %1").arg(r.error));
    if (!r.snapshotPath.isEmpty())
        out(QStringLiteral("  snapshot: %1").arg(r.snapshotPath));
    if (!r.gateStatus.isEmpty()) {
        out(QStringLiteral("  quality: overall %1, gates %2")
                .arg(quality::oneDecimalScore(r.qualityOverall), 0, 'f', 1)
                .arg(r.gateStatus));
        for (const QString &m : r.gateMessages)
            out(QStringLiteral("    %1").arg(m));
        if (r.gateStatus == QLatin1String("failed"))
            out(QStringLiteral(
                    "  nothing reached the warehouse; the scorecard and quarantine of run %1 say why.\n"
                    "  To load what passes anyway, run again with --gate-mode warn (or lower the gates in a --spec).")
                    .arg(r.runId));
    }
    if (!r.tables.empty()) {
        // "reached" is the warehouse once published; before that, the rows
        // that were staged and would have been.
        const QString reached = r.published ? QStringLiteral("reached") : QStringLiteral("staged");
        out(QStringLiteral("  %1 %2 %3 %4 %5 %6 %7")
                .arg(QStringLiteral("table").leftJustified(20), QStringLiteral("read").rightJustified(10),
                     reached.rightJustified(10), QStringLiteral("share").rightJustified(7),
                     QStringLiteral("quarantined").rightJustified(12), QStringLiteral("rejected").rightJustified(9),
                     QStringLiteral("skipped").rightJustified(8)));
        auto share = [](const TableCounts &t) {
            return QStringLiteral("%1 %").arg(100.0 * t.reachedShare(), 0, 'f', 1);
        };
        for (const TableCounts &t : r.tables)
            out(QStringLiteral("  %1 %2 %3 %4 %5 %6 %7")
                    .arg(t.table.leftJustified(20))
                    .arg(t.read, 10)
                    .arg(t.loaded, 10)
                    .arg(share(t), 7)
                    .arg(t.quarantined, 12)
                    .arg(t.rejected, 9)
                    .arg(t.skipped, 8));
        TableCounts total;
        total.read = r.rowsRead;
        total.loaded = r.rowsLoaded;
        total.skipped = r.rowsSkipped;
        out(QStringLiteral("  %1 %2 %3 %4 %5 %6 %7%8")
                .arg(QStringLiteral("total").leftJustified(20))
                .arg(r.rowsRead, 10)
                .arg(r.rowsLoaded, 10)
                .arg(share(total), 7)
                .arg(r.rowsQuarantined, 12)
                .arg(r.rowsRejected, 9)
                .arg(r.rowsSkipped, 8)
                .arg(r.reconciles()
                         ? QStringLiteral("  (reconciles: read = %1 + quarantined + rejected + skipped)").arg(reached)
                         : QStringLiteral("  (DOES NOT RECONCILE)")));
    }
    if (r.newAnomalies > 0 || r.detector)
        out(QStringLiteral("  anomalies: %1 new flags").arg(r.newAnomalies));
    if (r.detector)
        out(QStringLiteral("  %1").arg(r.detector->summary()));
}

int exitCodeFor(const runner::RunResult &r)
{
    switch (r.status) {
    case runner::RunStatus::Succeeded:
        return ExitSuccess;
    case runner::RunStatus::Cancelled:
        return ExitCancelled;
    default:
        return r.gateStatus == QLatin1String("failed") ? ExitGateFailed : ExitFailed;
    }
}

} // namespace

namespace {

int parseAndRun(const QStringList &arguments, bool checkOnly)
{
    QCommandLineParser parser;
    DatabaseOptions db;
    db.addTo(parser);
    const QCommandLineOption source(QStringLiteral("source"),
                                    QStringLiteral("synthetic | snapshot | olist | txnlog | sourcedb"),
                                    QStringLiteral("KIND"), QStringLiteral("synthetic"));
    const QCommandLineOption scale(QStringLiteral("scale"), QStringLiteral("Synthetic shop size (1 = 100,000 orders)."),
                                   QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Generator seed."), QStringLiteral("N"),
                                  QStringLiteral("42"));
    const QCommandLineOption defects(QStringLiteral("defect-rate"),
                                     QStringLiteral("Plant every kind of defect at this rate."), QStringLiteral("R"));
    const QCommandLineOption anomalies(QStringLiteral("anomaly-rate"),
                                       QStringLiteral("Plant outsized quantities at this rate."), QStringLiteral("R"));
    const QCommandLineOption path(QStringLiteral("path"), QStringLiteral("Snapshot folder (with --source snapshot)."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption staging(QStringLiteral("staging"), QStringLiteral("Where snapshots are written."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption parallel(QStringLiteral("parallel"), QStringLiteral("Tables loaded at once."),
                                      QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption specFile(QStringLiteral("spec"),
                                      QStringLiteral("A run spec in JSON (options above override it)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption trigger(QStringLiteral("trigger"), QStringLiteral("command_line (default) or scheduled."),
                                     QStringLiteral("HOW"), QStringLiteral("command_line"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the summary as JSON."));
    const QCommandLineOption sourceOption(
        QStringLiteral("option"),
        QStringLiteral("A source option KEY=VALUE (repeatable), e.g. date_order=day_first, or for Olist "
                       "file.customers=NAME to map a file the run does not find by its name."),
        QStringLiteral("KEY=VALUE"));
    const QCommandLineOption gateMode(
        QStringLiteral("gate-mode"),
        QStringLiteral("fail (default): a gate below its score stops the run; warn: report it and go on."),
        QStringLiteral("MODE"));
    const QCommandLineOption gateOverall(QStringLiteral("gate-overall"),
                                         QStringLiteral("Lowest overall quality score per table (0-100)."),
                                         QStringLiteral("N"));
    const QCommandLineOption schedule(QStringLiteral("schedule"),
                                      QStringLiteral("The schedule that started it (set by ecomops schedule)."),
                                      QStringLiteral("NAME"));
    parser.addOptions({source, scale, seed, defects, anomalies, path, staging, parallel, specFile, trigger, json,
                       sourceOption, gateMode, gateOverall, schedule});
    if (!parser.parse(QStringList{QStringLiteral("ecomops run")} + arguments) ||
        !parser.positionalArguments().isEmpty()) {
        err(parser.errorText().isEmpty()
                ? QStringLiteral("ecomops run: unexpected argument %1").arg(parser.positionalArguments().value(0))
                : parser.errorText());
        err(usage());
        return ExitBadArguments;
    }

    runner::RunSpec spec;
    try {
        if (parser.isSet(specFile)) {
            QFile f(parser.value(specFile));
            if (!f.open(QIODevice::ReadOnly))
                throw runner::SpecError("cannot read " + f.fileName().toStdString() + ": " +
                                        f.errorString().toStdString());
            spec = runner::RunSpec::fromJson(nlohmann::json::parse(f.readAll().toStdString()));
        }
        spec.sourceKind = parser.isSet(source) || !parser.isSet(specFile) ? parser.value(source) : spec.sourceKind;
        if (spec.sourceKind == QLatin1String("synthetic")) {
            synthetic::GeneratorOptions options = synthetic::GeneratorOptions::fromJson(spec.sourceOptions);
            bool ok = true;
            if (parser.isSet(scale) || !parser.isSet(specFile))
                options.scale = parser.value(scale).toDouble(&ok);
            if (!ok)
                throw runner::SpecError("--scale needs a number");
            if (parser.isSet(seed) || !parser.isSet(specFile))
                options.seed = parser.value(seed).toULongLong(&ok);
            if (!ok)
                throw runner::SpecError("--seed needs a non-negative integer");
            if (parser.isSet(defects)) {
                const double r = parser.value(defects).toDouble(&ok);
                if (!ok)
                    throw runner::SpecError("--defect-rate needs a number");
                options.defects = {r, r, r, r, r, r, r};
            }
            if (parser.isSet(anomalies)) {
                options.anomalies.rate = parser.value(anomalies).toDouble(&ok);
                if (!ok)
                    throw runner::SpecError("--anomaly-rate needs a number");
            }
            const std::string problem = options.validationError();
            if (!problem.empty())
                throw runner::SpecError(problem);
            spec.sourceOptions = options.toJson();
        } else {
            // snapshot, olist, txnlog, sourcedb: a path (or connection) and options.
            if (parser.isSet(path))
                spec.sourceOptions["path"] = parser.value(path).toStdString();
            for (const QString &kv : parser.values(sourceOption)) {
                const qsizetype eq = kv.indexOf(QLatin1Char('='));
                if (eq <= 0)
                    throw runner::SpecError("--option needs KEY=VALUE, got " + kv.toStdString());
                spec.sourceOptions[kv.left(eq).toStdString()] = kv.mid(eq + 1).toStdString();
            }
            if (spec.sourceKind == QLatin1String("snapshot") && !spec.sourceOptions.contains("path"))
                throw runner::SpecError("--source snapshot needs --path DIR");
        }
        const auto sourceConninfo = spec.sourceOptions.find("conninfo");
        if (sourceConninfo != spec.sourceOptions.end() && sourceConninfo->is_string() &&
            db::hasPassword(QString::fromStdString(sourceConninfo->get<std::string>())))
            throw runner::SpecError("the source's conninfo: " + db::passwordOnCommandLineAdvice().toStdString());
        if (parser.isSet(gateMode))
            spec.gates["mode"] = parser.value(gateMode).toStdString();
        if (parser.isSet(gateOverall)) {
            bool ok = false;
            const double overall = parser.value(gateOverall).toDouble(&ok);
            if (!ok)
                throw runner::SpecError("--gate-overall needs a number");
            spec.gates["overall"] = overall;
        }
        if (parser.isSet(staging))
            spec.stagingDir = parser.value(staging);
        if (parser.isSet(parallel) || !parser.isSet(specFile))
            spec.loadParallelism = qBound(1, parser.value(parallel).toInt(), 16);
        spec.trigger = runner::triggerFromString(parser.value(trigger));
        if (parser.isSet(schedule))
            spec.schedule = parser.value(schedule);
        if (spec.startedBy.isEmpty())
            spec.startedBy = currentUser();
        spec = runner::RunSpec::fromJson(spec.toJson()); // the same checks as a stored spec
        quality::QualityOptions::fromJson(spec.gates);   // bad gates are a bad argument, not a failed run
    } catch (const std::exception &e) {
        err(QStringLiteral("ecomops run: %1")
                .arg(QString::fromStdString(describeException(e, "reading the run's options"))));
        return ExitBadArguments;
    }

    if (parser.isSet(db.conninfo) && db::hasPassword(parser.value(db.conninfo))) {
        err(QStringLiteral("ecomops run --conninfo: %1").arg(db::passwordOnCommandLineAdvice()));
        return ExitBadArguments;
    }
    if (checkOnly)
        return ExitSuccess;
    QString conninfo;
    try {
        conninfo = db.resolve(parser);
    } catch (const std::exception &e) {
        err(QStringLiteral("error: cannot reach the database: %1").arg(QString::fromUtf8(e.what()).trimmed()));
        return ExitFailed;
    }

    return executeRun(conninfo, spec, parser.isSet(json));
}

} // namespace

int runRunCommand(const QStringList &arguments)
{
    return parseAndRun(arguments, false);
}

int checkRunArguments(const QStringList &arguments)
{
    return parseAndRun(arguments, true);
}

int executeRun(const QString &conninfo, const runner::RunSpec &spec, bool json)
{
    runner::Runner run(conninfo, spec);
    TerminalProgress progress(stderrIsTerminal());
    QObject::connect(&run, &runner::Runner::progress, &progress, &TerminalProgress::onProgress);
    QObject::connect(&run, &runner::Runner::logLine, &progress, &TerminalProgress::onLog);
    QObject::connect(&run, &runner::Runner::finished, qApp, [] { QCoreApplication::quit(); });

    g_interrupts = 0;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    QTimer interruptWatch;
    interruptWatch.setInterval(50);
    QObject::connect(&interruptWatch, &QTimer::timeout, &run, [&] {
        if (g_interrupts.load() > 0 && run.isRunning()) {
            err(QStringLiteral("cancelling… (press Ctrl-C again to quit at once)"));
            run.cancel();
            interruptWatch.stop();
        }
    });
    interruptWatch.start();
    run.start();
    QCoreApplication::exec();
    progress.finish();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);

    const runner::RunResult result = run.result();
    if (json)
        out(QString::fromStdString(safeDump(resultJson(result), 2)));
    else
        printSummary(result);
    return exitCodeFor(result);
}

} // namespace ecomops::app
