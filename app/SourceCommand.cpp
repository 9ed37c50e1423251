#include "SourceCommand.h"

#include "DatabaseOptions.h"
#include "Terminal.h"

#include "sources/SourceAdapter.h"
#include "sources/sourcedb/ShopSeeder.h"

#include <QCommandLineParser>

namespace ecomops::app {

int runSourceCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    DatabaseOptions db;
    db.addTo(parser);
    const QCommandLineOption scale(QStringLiteral("scale"), QStringLiteral("Shop size (1 = 100,000 orders)."),
                                   QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Generator seed."), QStringLiteral("S"),
                                  QStringLiteral("42"));
    const QCommandLineOption schema(QStringLiteral("schema"), QStringLiteral("Schema of the shop's tables."),
                                    QStringLiteral("NAME"), QStringLiteral("shop"));
    parser.addOptions({scale, seed, schema});
    const QString usage = QStringLiteral("usage: ecomops source seed [--scale N] [--seed S] [--schema NAME] "
                                         "[--conninfo STRING | --data-dir DIR]");
    if (!parser.parse(QStringList{QStringLiteral("ecomops source")} + arguments) ||
        parser.positionalArguments() != QStringList{QStringLiteral("seed")}) {
        err(parser.errorText().isEmpty() ? usage : parser.errorText() + QLatin1Char('\n') + usage);
        return ExitBadArguments;
    }
    synthetic::GeneratorOptions options;
    bool scaleOk = false, seedOk = false;
    options.scale = parser.value(scale).toDouble(&scaleOk);
    options.seed = parser.value(seed).toULongLong(&seedOk);
    const std::string problem = options.validationError();
    if (!scaleOk || !seedOk || !problem.empty()) {
        err(QStringLiteral("ecomops source seed: %1")
                .arg(!scaleOk  ? QStringLiteral("--scale needs a number")
                     : !seedOk ? QStringLiteral("--seed needs a non-negative integer")
                               : QString::fromStdString(problem)));
        return ExitBadArguments;
    }
    try {
        const QString conninfo = db.resolve(parser);
        CancelToken cancel;
        const sources::SeedResult r = sources::seedShop(
            conninfo, options, parser.value(schema).toStdString(), [](const QString &message) { err(message); },
            cancel);
        qint64 total = 0;
        for (const auto &[table, rows] : r.rows) {
            out(QStringLiteral("  %1 %2").arg(QString::fromStdString(table).leftJustified(20)).arg(rows, 10));
            total += rows;
        }
        out(QStringLiteral("Seeded %1 rows into schema %2 (generated in %3 s, loaded in %4 s, %5 rows/s)")
                .arg(total)
                .arg(parser.value(schema))
                .arg(r.generateSeconds, 0, 'f', 2)
                .arg(r.loadSeconds, 0, 'f', 2)
                .arg(qint64(r.loadSeconds > 0 ? double(total) / r.loadSeconds : 0)));
        return ExitSuccess;
    } catch (const std::exception &e) {
        err(QStringLiteral("ecomops source seed: %1").arg(QString::fromUtf8(e.what()).trimmed()));
        return ExitFailed;
    }
}

} // namespace ecomops::app
