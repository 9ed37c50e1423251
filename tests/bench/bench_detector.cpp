// Not a test: the detector study behind pipeline/anomalies/DETECTOR.md. It
// prints, for a grid of detector settings, precision and recall against the
// planted truth of several synthetic shops, and the share of lines flagged on
// data with no planted anomaly (wholesale-shaped lines, and the shared
// transaction-log sample).
//
//   ecomops-detector-study [--conninfo STRING] [--quick]
//
// Every figure comes from ops.preview_anomaly_flags — the same SQL the
// settings preview uses and the same baseline a run stores — on warehouses
// filled by the real engine. Without --conninfo it starts a private
// PostgreSQL cluster in /tmp.
#include "BenchServer.h"
#include "BenchSupport.h"
#include "QuietEvents.h"
#include "core/Cancellation.h"
#include "runner/RunEvents.h"
#include "runner/RunExecution.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <pqxx/pqxx>

#include <cstdio>
#include <vector>

using namespace ecomops;

namespace {

struct Setting {
    const char *method;
    double k;
    double minSigma;
    int minHistory;
};

struct Shop {
    QString name;
    QString conninfo;
    bool planted = false; // precision/recall; else the flagged share
};

bool run(const QString &conninfo, runner::RunSpec spec, QString *snapshot)
{
    test::QuietEvents events;
    CancelToken cancel;
    const runner::RunResult r = runner::RunExecution(conninfo, std::move(spec), events).execute(cancel);
    if (r.status != runner::RunStatus::Succeeded) {
        std::fprintf(stderr, "run failed: %s\n", qPrintable(r.error));
        return false;
    }
    if (snapshot)
        *snapshot = r.snapshotPath;
    return true;
}

// The generator's manifest of planted quantities, as a table of the study
// database: planted(order_id, line_no).
void loadPlanted(const QString &conninfo, const QString &snapshot)
{
    QFile manifest(snapshot + QStringLiteral("/_planted.csv"));
    if (!manifest.open(QIODevice::ReadOnly))
        throw std::runtime_error("no _planted.csv in " + snapshot.toStdString());
    pqxx::connection c{conninfo.toStdString()};
    pqxx::work tx{c};
    tx.exec0(
        "CREATE TABLE IF NOT EXISTS public.planted (order_id text, line_no integer, PRIMARY KEY (order_id, line_no))");
    std::vector<std::pair<std::string, int>> rows;
    while (!manifest.atEnd()) {
        const QList<QByteArray> f = manifest.readLine().trimmed().split(',');
        if (f.size() < 4 || f[3] != "anomaly_quantity")
            continue;
        const QList<QByteArray> key = f[2].split(':');
        rows.emplace_back(key[0].toStdString(), key[1].toInt());
    }
    for (const auto &[order, line] : rows)
        tx.exec_params0("INSERT INTO public.planted VALUES ($1, $2) ON CONFLICT DO NOTHING", order, line);
    tx.commit();
}

runner::RunSpec syntheticSpec(const QString &staging, double scale, quint64 seed, double rate,
                              synthetic::QuantityShape shape)
{
    synthetic::GeneratorOptions options;
    options.scale = scale;
    options.seed = seed;
    options.anomalies.rate = rate;
    options.shape.quantities = shape;
    runner::RunSpec spec;
    spec.sourceOptions = options.toJson();
    spec.stagingDir = staging;
    spec.trigger = runner::Trigger::Test;
    spec.startedBy = QStringLiteral("ecomops-detector-study");
    spec.gates = {{"mode", "warn"}};
    return spec;
}

void evaluate(const Shop &shop, const std::vector<Setting> &grid)
{
    pqxx::connection c{shop.conninfo.toStdString()};
    pqxx::nontransaction tx{c};
    const long long lines =
        tx.exec1("SELECT count(*) FROM dw.fact_order_line WHERE ops.anomaly_line_counts(status, quantity, "
                 "ops.lower_statuses(ARRAY['Cancelled', 'Refunded']))")[0]
            .as<long long>();
    long long eligible = 0;
    if (shop.planted)
        eligible = tx.exec1("SELECT count(*) FROM public.planted p JOIN dw.fact_order_line l USING (order_id, line_no) "
                            "WHERE ops.anomaly_line_counts(l.status, l.quantity, "
                            "ops.lower_statuses(ARRAY['Cancelled', 'Refunded']))")[0]
                       .as<long long>();
    for (const Setting &s : grid) {
        const std::string from = "ops.preview_anomaly_flags(" + tx.quote(s.method) + ", " + std::to_string(s.k) + ", " +
                                 std::to_string(s.minHistory) + ", " + std::to_string(s.minSigma) +
                                 ", ARRAY['Cancelled', 'Refunded'])";
        const pqxx::row r = shop.planted ? tx.exec1("SELECT count(*), count(p.order_id) FROM " + from +
                                                    " f LEFT JOIN public.planted p USING (order_id, line_no)")
                                         : tx.exec1("SELECT count(*), 0 FROM " + from + " f");
        const long long flagged = r[0].as<long long>(), hits = r[1].as<long long>();
        if (shop.planted)
            std::printf("| %s | %s | %.1f | %.2f | %d | %lld | %lld | %lld | %.3f | %.3f | %.2f %% |\n",
                        qPrintable(shop.name), s.method, s.k, s.minSigma, s.minHistory, lines, eligible, flagged,
                        flagged ? double(hits) / double(flagged) : 1.0,
                        eligible ? double(hits) / double(eligible) : 1.0, 100.0 * double(flagged) / double(lines));
        else
            std::printf("| %s | %s | %.1f | %.2f | %d | %lld | – | %lld | – | – | %.2f %% |\n", qPrintable(shop.name),
                        s.method, s.k, s.minSigma, s.minHistory, lines, flagged,
                        100.0 * double(flagged) / double(lines));
        std::fflush(stdout);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Detector settings measured on planted truth and clean data."));
    parser.addHelpOption();
    const QCommandLineOption conninfoOpt(QStringLiteral("conninfo"), QStringLiteral("Server to use."),
                                         QStringLiteral("STRING"));
    const QCommandLineOption quickOpt(QStringLiteral("quick"), QStringLiteral("Two small shops only."));
    parser.addOptions({conninfoOpt, quickOpt});
    parser.process(app);

    QTemporaryDir work(QDir::tempPath() + QStringLiteral("/ecomops-detector-study-XXXXXX"));
    const bench::BenchServer server(work, parser.value(conninfoOpt));
    const QString staging = work.filePath(QStringLiteral("staging"));

    struct Planted {
        double scale;
        quint64 seed;
        double rate;
    };
    std::vector<Planted> planted = {{0.2, 1, 0.002}, {0.2, 2, 0.02}, {0.5, 3, 0.01},
                                    {0.5, 4, 0.005}, {1.0, 5, 0.01}, {1.0, 6, 0.002}};
    if (parser.isSet(quickOpt))
        planted = {{0.2, 1, 0.01}, {0.2, 2, 0.02}};

    std::vector<Shop> shops;
    for (const Planted &p : planted) {
        const QString name =
            QStringLiteral("synthetic s%1 seed %2 rate %3 %").arg(p.scale).arg(p.seed).arg(p.rate * 100);
        const QString conninfo = bench::freshDatabase(server.conninfo(), QStringLiteral("study_%1").arg(shops.size()));
        QString snapshot;
        if (!run(conninfo, syntheticSpec(staging, p.scale, p.seed, p.rate, synthetic::QuantityShape::Retail),
                 &snapshot))
            return 1;
        loadPlanted(conninfo, snapshot);
        shops.push_back({name, conninfo, true});
    }
    {
        const QString conninfo = bench::freshDatabase(server.conninfo(), QStringLiteral("study_wholesale"));
        if (!run(conninfo,
                 syntheticSpec(staging, parser.isSet(quickOpt) ? 0.2 : 0.5, 7, 0, synthetic::QuantityShape::Wholesale),
                 nullptr))
            return 1;
        shops.push_back({QStringLiteral("wholesale-shaped, no anomalies"), conninfo, false});
    }
    {
        const QString conninfo = bench::freshDatabase(server.conninfo(), QStringLiteral("study_txnlog"));
        runner::RunSpec spec;
        spec.sourceKind = QStringLiteral("txnlog");
        const QString sample =
            QStringLiteral(ECOMOPS_SHARED_DIR "/datasets/transaction-log-sample/online_retail_sample.csv");
        spec.sourceOptions = nlohmann::json{{"path", sample.toStdString()}, {"date_order", "month_first"}};
        spec.stagingDir = staging;
        spec.trigger = runner::Trigger::Test;
        spec.gates = {{"mode", "warn"}};
        if (!run(conninfo, spec, nullptr))
            return 1;
        shops.push_back({QStringLiteral("transaction-log sample"), conninfo, false});
    }

    std::vector<Setting> grid = {{"stddev", 2, 0.5, 20}, {"mad", 3, 0.5, 20}};
    for (double k : {2.5, 3.0, 3.5, 4.0})
        for (double minSigma : {0.4, 0.5, 0.6})
            grid.push_back({"log_mad", k, minSigma, 20});

    std::printf("| data | method | k | min σ | min history | lines | planted | flags | precision | recall | "
                "flagged share |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const Shop &shop : shops)
        evaluate(shop, grid);
    return 0;
}
