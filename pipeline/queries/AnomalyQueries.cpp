#include "queries/AnomalyQueries.h"

#include "csv/Writer.h"

#include <pqxx/pqxx>

#include <memory>

namespace ecomops::queries {

using anomalies::FlagFilter;
using anomalies::FlagRow;
using anomalies::FlagSort;

namespace {

std::unique_ptr<pqxx::connection> connect(const QString &conninfo)
{
    return std::make_unique<pqxx::connection>(conninfo.toStdString());
}

void writeFlag(csv::Writer &out, const FlagRow &f)
{
    out.field(f.flagId);
    out.field(f.orderId.toStdString());
    out.field(f.lineNo);
    out.field(f.orderDate.toString(Qt::ISODate).toStdString());
    out.field(f.productId.toStdString());
    out.field(f.productName.toStdString());
    out.field(f.quantity);
    out.field(f.median);
    out.field(f.sigma);
    out.field(f.k);
    out.field(f.threshold);
    out.field(f.zScore);
    out.field(anomalies::statusName(f.status).toStdString());
    out.field(f.version);
    out.field(changedBy(f).toStdString());
    out.field(f.statusChangedAt.isValid() ? f.statusChangedAt.toUTC().toString(Qt::ISODate).toStdString()
                                          : std::string());
    out.field(f.detectedAt.toUTC().toString(Qt::ISODate).toStdString());
    out.field(f.runId);
    out.endRecord();
}

} // namespace

QString changedBy(const FlagRow &flag)
{
    if (!flag.statusChangedAt.isValid())
        return {};
    return flag.statusChangedUser.isEmpty() ? flag.statusChangedBy : flag.statusChangedUser;
}

FlagPage firstFlagPage(const QString &conninfo, const FlagFilter &filter, const FlagSort &sort, int limit)
{
    const auto conn = connect(conninfo);
    const anomalies::FlagQueries flags(*conn);
    FlagPage page;
    page.total = flags.count(filter);
    page.counts = flags.countByStatus(filter);
    page.rows = flags.page(filter, sort, 0, limit);
    return page;
}

QList<FlagRow> flagPage(const QString &conninfo, const FlagFilter &filter, const FlagSort &sort, qint64 offset,
                        int limit)
{
    const auto conn = connect(conninfo);
    return anomalies::FlagQueries(*conn).page(filter, sort, offset, limit);
}

FlagPage refreshedFlags(const QString &conninfo, const QList<qint64> &flagIds, const FlagFilter &filter,
                        const FlagSort &sort)
{
    const auto conn = connect(conninfo);
    const anomalies::FlagQueries flags(*conn);
    FlagPage page;
    if (!flagIds.isEmpty()) {
        FlagFilter only;
        only.flagIds = flagIds;
        page.rows = flags.page(only, sort, 0, int(flagIds.size()));
    }
    page.counts = flags.countByStatus(filter);
    return page;
}

std::optional<anomalies::FlagDetail> flagDetail(const QString &conninfo, qint64 flagId)
{
    const auto conn = connect(conninfo);
    return anomalies::FlagQueries(*conn).detail(flagId);
}

qint64 exportFlags(const QString &conninfo, const FlagFilter &filter, const FlagSort &sort, const QString &path)
{
    const auto conn = connect(conninfo);
    const anomalies::FlagQueries flags(*conn);
    csv::Writer out(path.toStdString());
    out.writeRecord({"flag_id", "order_id", "line_no", "order_date", "product_id", "product_name", "quantity", "median",
                     "sigma", "k", "threshold", "z_score", "status", "version", "changed_by", "changed_at",
                     "detected_at", "run_id"});
    constexpr int kChunk = 5000;
    qint64 written = 0;
    for (qint64 offset = 0;; offset += kChunk) {
        const QList<FlagRow> rows = flags.page(filter, sort, offset, kChunk);
        for (const FlagRow &f : rows)
            writeFlag(out, f);
        written += rows.size();
        if (rows.size() < kChunk)
            break;
    }
    out.close();
    return written;
}

anomalies::TriageResult triageFlags(const QString &conninfo, const anomalies::TriageRequest &request)
{
    const auto conn = connect(conninfo);
    return anomalies::triage(*conn, request);
}

anomalies::TriageResult triageProducts(const QString &conninfo, anomalies::TriageRequest request,
                                       const QStringList &productIds)
{
    const auto conn = connect(conninfo);
    if (!productIds.isEmpty() && anomalies::transitionAllowed(anomalies::FlagStatus::New, request.newStatus)) {
        FlagFilter filter;
        filter.statuses = {anomalies::FlagStatus::New};
        filter.productIds = productIds;
        FlagSort byId;
        byId.column = anomalies::FlagColumn::FlagId;
        byId.descending = false;
        constexpr int kMaxFlags = 100000;
        const QList<FlagRow> fresh = anomalies::FlagQueries(*conn).page(filter, byId, 0, kMaxFlags);
        for (const FlagRow &f : fresh) {
            bool listed = false;
            for (const anomalies::FlagVersion &v : std::as_const(request.flags))
                listed = listed || v.flagId == f.flagId;
            if (!listed)
                request.flags.append({f.flagId, f.version});
        }
    }
    return anomalies::triage(*conn, request);
}

anomalies::RoleInfo currentRoles(const QString &conninfo)
{
    const auto conn = connect(conninfo);
    return anomalies::currentRoles(*conn);
}

qint64 newestFlagId(const QString &conninfo)
{
    const auto conn = connect(conninfo);
    return anomalies::newestFlagId(*conn);
}

anomalies::VerifiedChanges verifyClaims(const QString &conninfo, const anomalies::AnomalyClaims &claims,
                                        qint64 flagsSeenUpTo)
{
    const auto conn = connect(conninfo);
    return anomalies::verifyClaims(*conn, claims, flagsSeenUpTo);
}

} // namespace ecomops::queries
