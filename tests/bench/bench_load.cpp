// ecomops-bench: how fast the engine generates, stages and loads a synthetic
// shop, against psql's \copy of the very same staged files into the very same
// kind of staging table, measured in the same run on the same server.
//
//   ecomops-bench [--scales 1,10] [--repeats 3] [--conninfo STRING]
//   ecomops-bench --whole-run [--scales 1,10] [--conninfo STRING] [--explain FILE]
//
// --whole-run times the whole pipeline instead, stage by stage
// (WholeRunBench.h).
// Without --conninfo it starts a private PostgreSQL cluster in /tmp.
#include "BenchServer.h"
#include "BenchSupport.h"
#include "WholeRunBench.h"
#include "core/Cancellation.h"
#include "core/Progress.h"
#include "load/PgConnection.h"
#include "load/TableLoader.h"
#include "sources/synthetic/Generator.h"
#include "staging/Catalog.h"
#include "staging/Snapshot.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <pqxx/pqxx>

#include <algorithm>
#include <cstdio>
#include <thread>

using namespace ecomops;

namespace {

class QuietObserver : public StageObserver
{
public:
    void progress(const QString &, qint64, qint64) override {}
    void log(LogLevel, const QString &) override {}
    void tableFinished(const TableCounts &) override {}
    bool cancelRequested() const override { return false; }
};

double engineLoad(const QString &conninfo, pqxx::connection &admin, const staging::Snapshot &snap,
                  const bench::StagedFiles &files, int parallel)
{
    const qint64 run = bench::newBenchRun(admin);
    QuietObserver observer;
    CancelToken cancel;
    std::atomic<std::size_t> next{0};
    QElapsedTimer t;
    t.start();
    auto worker = [&] {
        load::PgConnection connection(conninfo); // as the engine does: one per worker
        for (std::size_t i; (i = next.fetch_add(1)) < files.list.size();) {
            const auto &[spec, file] = files.list[i];
            load::TableLoader loader(conninfo, run, *spec, snap.filePath(file), file.rows);
            loader.run(observer, cancel, &connection);
        }
    };
    std::vector<std::thread> pool;
    for (int i = 0; i < parallel; ++i)
        pool.emplace_back(worker);
    for (auto &th : pool)
        th.join();
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    bench::dropBenchRun(admin, run);
    return seconds;
}

void line(const char *what, qint64 rows, double seconds, const QString &extra = {})
{
    std::printf("  %-44s %10lld rows %8.2f s %12.0f rows/s  %s\n", what, static_cast<long long>(rows), seconds,
                seconds > 0 ? double(rows) / seconds : 0.0, qPrintable(extra));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption scalesOpt(QStringLiteral("scales"), QStringLiteral("Comma-separated scales."),
                                       QStringLiteral("LIST"), QStringLiteral("1,10"));
    const QCommandLineOption repeatsOpt(QStringLiteral("repeats"), QStringLiteral("Load repetitions (median)."),
                                        QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption conninfoOpt(QStringLiteral("conninfo"), QStringLiteral("Server to use."),
                                         QStringLiteral("STRING"));
    const QCommandLineOption tablesOpt(QStringLiteral("tables"), QStringLiteral("Only these tables (comma-separated)."),
                                       QStringLiteral("LIST"));
    const QCommandLineOption wholeRunOpt(
        QStringLiteral("whole-run"), QStringLiteral("Time the whole pipeline, stage by stage, instead of the load."));
    const QCommandLineOption explainOpt(
        QStringLiteral("explain"),
        QStringLiteral("With --whole-run: write the plans (EXPLAIN ANALYZE, BUFFERS) of every statement over 10 ms."),
        QStringLiteral("FILE"));
    parser.addOptions({scalesOpt, repeatsOpt, conninfoOpt, tablesOpt, wholeRunOpt, explainOpt});
    parser.process(app);
    const int repeats = std::max(1, parser.value(repeatsOpt).toInt());

    QTemporaryDir work(QStringLiteral("/tmp/ecomops-bench-XXXXXX"));
    const bench::BenchServer server(work, parser.value(conninfoOpt));
    const QString &conninfo = server.conninfo();
    if (parser.isSet(wholeRunOpt))
        return bench::wholeRunBench(
            conninfo, work,
            {parser.value(scalesOpt).split(QLatin1Char(',')), parser.value(explainOpt), server.logFile()});
    pqxx::connection admin{conninfo.toStdString()};
    std::printf("ecomops-bench: server %s, %d repeat(s) per load figure (median)\n",
                pqxx::read_transaction(admin).exec1("SELECT current_setting('server_version')")[0].c_str(), repeats);

    for (const QString &scaleText : parser.value(scalesOpt).split(QLatin1Char(','))) {
        const double scale = scaleText.toDouble();
        std::printf("\nscale %s\n", qPrintable(scaleText));
        synthetic::GeneratorOptions options;
        options.scale = scale;
        options.seed = 42;
        const QString dir = work.filePath(QStringLiteral("scale-") + scaleText);

        bench::resetPeakMemory();
        QElapsedTimer t;
        t.start();
        const auto generated = synthetic::Generator(options).generate(QFile::encodeName(dir).toStdString());
        const double genSeconds = double(t.nsecsElapsed()) / 1e9;
        const double genPeak = bench::peakMemoryMiB();

        bench::resetPeakMemory();
        t.restart();
        std::map<std::string, qint64> known;
        for (const auto &[table, rows] : generated.rowCounts)
            known[table] = qint64(rows);
        const auto snap =
            staging::Snapshot::finalize(dir, {QStringLiteral("synthetic"), options.toJson(), {}, {}, {}}, known);
        const double stageSeconds = double(t.nsecsElapsed()) / 1e9;
        const double stagePeak = bench::peakMemoryMiB();

        const bench::StagedFiles files =
            bench::stagedFiles(snap, parser.value(tablesOpt).split(QLatin1Char(','), Qt::SkipEmptyParts));
        line("generate (synthetic shop → CSV)", qint64(generated.totalRows), genSeconds,
             QStringLiteral("%1 MB, peak RSS %2 MiB")
                 .arg(double(generated.bytesWritten) / 1e6, 0, 'f', 0)
                 .arg(genPeak, 0, 'f', 1));
        line("stage (checksums, _metadata.json, _SUCCESS)", files.rows, stageSeconds,
             QStringLiteral("peak RSS %1 MiB").arg(stagePeak, 0, 'f', 1));

        std::vector<double> engine, psql;
        bench::resetPeakMemory();
        for (int r = 0; r < repeats; ++r) {
            // Alternate the order so neither side always meets a warm cache.
            if (r % 2 == 0) {
                engine.push_back(engineLoad(conninfo, admin, snap, files, 1));
                psql.push_back(bench::psqlCopySeconds(conninfo, admin, snap, files));
            } else {
                psql.push_back(bench::psqlCopySeconds(conninfo, admin, snap, files));
                engine.push_back(engineLoad(conninfo, admin, snap, files, 1));
            }
        }
        const double loadPeak = bench::peakMemoryMiB();
        const double parallel = engineLoad(conninfo, admin, snap, files, 2);
        const double e = bench::median(engine), p = bench::median(psql);
        line("load: engine, 1 connection", files.rows, e, QStringLiteral("peak RSS %1 MiB").arg(loadPeak, 0, 'f', 1));
        line("load: psql \\copy, same files, same tables", files.rows, p);
        line("load: engine, 2 tables at once", files.rows, parallel);
        std::printf("  => engine / psql \\copy = %.2f (1 connection each; %.1f MB of CSV)\n", p / e,
                    double(files.bytes) / 1e6);
        QDir(dir).removeRecursively();
    }
    return 0;
}
