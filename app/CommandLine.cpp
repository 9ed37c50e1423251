#include "CommandLine.h"

#include "DbCommand.h"
#include "RunCommand.h"
#include "SnapshotsCommand.h"
#include "SourceCommand.h"
#include "Terminal.h"

namespace ecomops::app {
namespace {

const QStringList kCommands{QStringLiteral("db"),     QStringLiteral("run"),       QStringLiteral("runs"),
                            QStringLiteral("source"), QStringLiteral("snapshots"), QStringLiteral("help"),
                            QStringLiteral("--help"), QStringLiteral("-h"),        QStringLiteral("--version")};

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
        "  ecomops runs list [--limit N]                 recent runs from ops.pipeline_run\n"
        "  ecomops snapshots list [--keep N]             staging snapshots and what the retention rule keeps\n"
        "  ecomops snapshots prune [--keep N] [--dry-run]\n"
        "                                                remove the snapshots it does not keep: only the last N\n"
        "                                                runs' (default 10) and failed runs' of the last 7 days stay\n"
        "  Ctrl-C cancels a run cleanly: the warehouse is left as it was before it.\n"
        "\n"
        "Exit codes: 0 success, 1 failed, 2 bad arguments, 3 gate failed, 4 cancelled, 5 not running.\n");
}

bool isHeadlessCommand(const QStringList &arguments)
{
    return arguments.size() > 1 && kCommands.contains(arguments.at(1));
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
    out(usage());
    return command == QLatin1String("help") || command.startsWith(QLatin1Char('-')) ? ExitSuccess : ExitBadArguments;
}

} // namespace ecomops::app
