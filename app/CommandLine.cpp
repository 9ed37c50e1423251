#include "CommandLine.h"

#include "AnomaliesCommand.h"
#include "DbCommand.h"
#include "RunCommand.h"
#include "ScheduleCommand.h"
#include "SnapshotsCommand.h"
#include "SourceCommand.h"
#include "Terminal.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace ecomops::app {
namespace {

const QStringList kCommands{QStringLiteral("anomalies"), QStringLiteral("db"),       QStringLiteral("run"),
                            QStringLiteral("runs"),      QStringLiteral("source"),   QStringLiteral("snapshots"),
                            QStringLiteral("schedule"),  QStringLiteral("help"),     QStringLiteral("--help"),
                            QStringLiteral("-h"),        QStringLiteral("--version")};

// Every command as typed, and the word a typo is compared with: the first
// word, or the second of a two-word command ("statu" means "db status").
struct KnownCommand {
    QString word;
    QString command;
};

const std::vector<KnownCommand> &knownCommands()
{
    static const std::vector<KnownCommand> known = [] {
        std::vector<KnownCommand> list;
        for (const char *c : {"anomalies", "db", "run", "runs", "source", "snapshots", "schedule", "help"})
            list.push_back({QString::fromLatin1(c), QString::fromLatin1(c)});
        for (const char *c :
             {"db init", "db start", "db stop", "db status", "db uri", "db migrate", "runs list", "runs show",
              "runs note", "runs rerun", "runs retry", "source seed", "snapshots list", "snapshots prune",
              "schedule add", "schedule list", "schedule remove", "schedule run-now", "anomalies rebaseline"}) {
            const QString command = QString::fromLatin1(c);
            list.push_back({command.section(QLatin1Char(' '), 1), command});
        }
        // A scheduled run itself is `run --trigger scheduled` (what a schedule's timer starts).
        list.push_back({QStringLiteral("scheduled"), QStringLiteral("run --trigger scheduled")});
        return list;
    }();
    return known;
}

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> previous(std::size_t(b.size()) + 1);
    std::vector<int> current(previous.size());
    for (std::size_t j = 0; j < previous.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[std::size_t(j - 1)] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[std::size_t(j)] =
                std::min({previous[std::size_t(j)] + 1, current[std::size_t(j - 1)] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous.back();
}

} // namespace

QString closestCommand(const QString &word)
{
    const QString typed = word.toLower();
    QString best;
    int bestDistance = std::numeric_limits<int>::max();
    for (const KnownCommand &known : knownCommands()) {
        // A prefix of a command word ("statu", "schedul") is the likeliest slip.
        const int distance =
            known.word.startsWith(typed) ? known.word.size() - typed.size() : editDistance(typed, known.word);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = known.command;
        }
    }
    // Beyond a third of the word, a suggestion would be a guess.
    return bestDistance <= std::max<qsizetype>(2, typed.size() / 3) ? best : QString();
}

namespace {

QString unknownCommandMessage(const QString &word)
{
    QString message = QStringLiteral("ecomops: unknown command \"%1\".").arg(word);
    const QString closest = closestCommand(word);
    if (!closest.isEmpty())
        message += QStringLiteral(" Did you mean \"ecomops %1\"?").arg(closest);
    return message + QStringLiteral("\nRun \"ecomops help\" for the list of commands; without a command, ecomops "
                                    "opens the console window.");
}

} // namespace

QString usage()
{
    return QStringLiteral(
        "Usage: ecomops [COMMAND] [OPTIONS]\n"
        "Without a command, opens the console window.\n"
        "\n"
        "Database commands (the embedded private PostgreSQL cluster by default):\n"
        "  ecomops db init     [--data-dir DIR]   create the cluster and database, migrate\n"
        "  ecomops db start    [--data-dir DIR] [--template NAME]\n"
        "                                         start it (init if needed), migrate; with --template,\n"
        "                                         also (re)create a migrated template database NAME\n"
        "  ecomops db stop     [--data-dir DIR]   stop it\n"
        "  ecomops db status   [--data-dir DIR]   print its state (exit 0 running, 5 not running)\n"
        "  ecomops db uri      [--data-dir DIR] [--database NAME]\n"
        "                                         print the libpq URI:  psql \"$(ecomops db uri)\"\n"
        "  ecomops db migrate  [--data-dir DIR | --conninfo STRING]\n"
        "                                         apply the shipped migrations\n"
        "\n"
        "Pipeline runs (on the embedded database unless --conninfo or ECOMOPS_CONNINFO names a server):\n"
        "  ecomops run [--source synthetic] [--scale N] [--seed N] [--defect-rate R] [--anomaly-rate R]\n"
        "              [--staging DIR] [--parallel N] [--spec FILE] [--trigger scheduled] [--json]\n"
        "              [--gate-mode fail|warn] [--gate-overall N]   quality gates (default: fail, see RULES.md)\n"
        "  ecomops run --source snapshot --path DIR      load an existing snapshot again\n"
        "  ecomops run --source olist --path DIR         import an Olist export folder\n"
        "  ecomops run --source txnlog --path FILE|DIR [--option date_order=month_first|day_first]\n"
        "                                                import a transaction log (a file or a folder of them)\n"
        "  ecomops run --source sourcedb --option conninfo=STRING [--option schema=NAME]\n"
        "                                                snapshot a source OLTP database and load it (its password:\n"
        "                                                PGPASSWORD or ~/.pgpass, never in the string)\n"
        "  ecomops source seed [--scale N] [--seed S] [--schema NAME] [--conninfo STRING]\n"
        "                                                create the synthetic shop's tables in a source database\n"
        "  ecomops runs list [--limit N]                 recent runs from ops.pipeline_run, with their notes\n"
        "  ecomops runs show ID                          one run: stages, tables, counts, notes, what to look at\n"
        "  ecomops runs note ID TEXT                     add a note to a run (kept with your role and OS user)\n"
        "  ecomops runs rerun ID [--json]                run it again with the spec it recorded\n"
        "  ecomops runs retry ID [--json]                retry a failed run from its staged snapshot\n"
        "  ecomops snapshots list [--keep N]             staging snapshots and what the retention rule keeps\n"
        "  ecomops snapshots prune [--keep N] [--dry-run]\n"
        "                                                remove the snapshots it does not keep: only the last N\n"
        "                                                runs' (default 10) and failed runs' of the last 7 days stay\n"
        "\n"
        "Schedules (a systemd user timer each; without a user manager, the crontab line to use instead):\n"
        "  ecomops schedule add NAME (--every 4h|30m | --daily HH:MM | --calendar SPEC) [--ready-by HH:MM]\n"
        "                        -- RUN ARGUMENTS     e.g. -- --source txnlog --path DIR\n"
        "  ecomops schedule list [--conninfo STRING]  each schedule's next time, last run and ready-by\n"
        "  ecomops schedule remove NAME               delete its timer, service and file\n"
        "  ecomops schedule run-now NAME              run it now, in the foreground, as its timer would\n"
        "  Ctrl-C cancels a run cleanly: the warehouse is left as it was before it.\n"
        "\n"
        "Anomalies (stewards and operators):\n"
        "  ecomops anomalies rebaseline [--json]         recompute every product's baseline now (settings: those\n"
        "                                                the baselines were last computed with, else the defaults)\n"
        "                                                and list the thresholds that changed; exit 0 done,\n"
        "                                                1 database error or a role that may not, 2 bad arguments\n"
        "\n"
        "Exit codes: 0 success, 1 failed, 2 bad arguments, 3 gate failed, 4 cancelled, 5 not running.\n");
}

bool isHeadlessCommand(const QStringList &arguments)
{
    // A bare word is a command, known or not: a typo must be answered in the
    // terminal, not by a window. Options ("-platform offscreen") are Qt's.
    return arguments.size() > 1 &&
           (kCommands.contains(arguments.at(1)) || !arguments.at(1).startsWith(QLatin1Char('-')));
}

int runHeadless(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    // "ecomops run --help" and the like: the usage, and success.
    if (arguments.size() > 2 &&
        (arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h")))) {
        out(usage());
        return ExitSuccess;
    }
    if (command == QLatin1String("--version")) {
        out(QStringLiteral("ecomops " ECOMOPS_VERSION));
        return ExitSuccess;
    }
    if (command == QLatin1String("anomalies"))
        return runAnomaliesCommand(arguments.mid(2));
    if (command == QLatin1String("db"))
        return runDbCommand(arguments.mid(2));
    if (command == QLatin1String("run"))
        return runRunCommand(arguments.mid(2));
    if (command == QLatin1String("runs"))
        return runRunsCommand(arguments.mid(2));
    if (command == QLatin1String("source"))
        return runSourceCommand(arguments.mid(2));
    if (command == QLatin1String("snapshots"))
        return runSnapshotsCommand(arguments.mid(2));
    if (command == QLatin1String("schedule"))
        return runScheduleCommand(arguments.mid(2));
    if (command != QLatin1String("help") && !command.startsWith(QLatin1Char('-'))) {
        err(unknownCommandMessage(command));
        return ExitBadArguments;
    }
    out(usage());
    return command == QLatin1String("help") || command.startsWith(QLatin1Char('-')) ? ExitSuccess : ExitBadArguments;
}

} // namespace ecomops::app
