#pragma once
// What the console reads about anomalies: a filtered, sorted page of flags
// (so a view can fetch 100,000 lazily), counts per status, one flag's detail
// (its order line, the product's quantity history and baseline for a chart)
// and its audit trail. Plain structs and blocking calls, each in its own
// read-only transaction: run them off the GUI thread, on a connection of
// their own. 42501 becomes PermissionDenied, naming the role needed.
#include "anomalies/Status.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

#include <pqxx/connection>

namespace ecomops::anomalies {

struct FlagFilter {
    QList<FlagStatus> statuses; // empty = any
    QString product;            // case-insensitive substring of product id or name; empty = any
    QDate from;                 // order date, inclusive; invalid = open
    QDate to;
    std::optional<double> minZ;
    std::optional<qint64> runId; // flags raised by this run
    QList<qint64> flagIds;       // only these (e.g. the ones a notification named); empty = any
    QStringList productIds;      // exactly these products (a product's flags at once); empty = any
};

enum class FlagColumn { FlagId, OrderDate, Product, Quantity, Threshold, ZScore, Status, DetectedAt };

struct FlagSort {
    FlagColumn column = FlagColumn::ZScore;
    bool descending = true; // ties are broken by flag id, in the same direction
};

struct FlagRow {
    qint64 flagId = 0;
    QString orderId;
    int lineNo = 0;
    QDate orderDate;
    QDateTime orderTs; // the source's naive timestamp: wall clock kept, in Qt::UTC (do not convert)
    QString productId;
    QString productName;
    qint64 customerSk = 0;
    int quantity = 0;
    double median = 0;
    double sigma = 0;
    double threshold = 0;
    double zScore = 0;
    // The product's usual range when the flag was raised: the 10th and 90th
    // percentiles of its counted quantities (empty for flags raised before
    // the baseline kept them), and how far this line is out, as ratios.
    std::optional<double> usualLow;
    std::optional<double> usualHigh;
    std::optional<double> timesMedian;    // quantity / median
    std::optional<double> timesUsualHigh; // quantity / usualHigh
    QString method;                       // "stddev" / "mad" / "log_mad"
    double k = 0;
    int minHistory = 0;
    qint64 baselineLines = 0;
    qint64 runId = 0; // 0 when raised outside a run
    QDateTime detectedAt;
    FlagStatus status = FlagStatus::New;
    int version = 1;
    QDateTime statusChangedAt; // invalid while never triaged
    QString statusChangedBy;   // database role
    QString statusChangedUser; // console user
};

struct OrderLineInfo {
    bool found = false; // false when the fact row is gone
    QString customerId;
    QString status;
    QString channel;
    QString countryCode;
    QString unitPrice; // exact decimals, as text
    QString lineTotal;
};

struct BaselineInfo {
    QString method;
    double k = 0;
    int minHistory = 0;
    double minSigma = 0;
    qint64 lines = 0;
    qint64 resolvedLines = 0;
    double median = 0;
    double sigma = 0;
    double threshold = 0;
    bool enoughHistory = false;
    QDateTime computedAt;
};

struct QuantityPoint {
    QDateTime orderTs; // naive, like FlagRow::orderTs
    QString orderId;
    int lineNo = 0;
    int quantity = 0;
    bool counted = true; // false: cancelled/returned, or left out as RESOLVED
    qint64 flagId = 0;   // 0 when not flagged
    std::optional<FlagStatus> flagStatus;
};

struct AnomalyEvent {
    qint64 eventId = 0;
    qint64 flagId = 0;
    QDateTime at;
    QString dbRole;
    QString sessionRole;
    QString consoleUser;
    FlagStatus from = FlagStatus::New;
    FlagStatus to = FlagStatus::New;
    std::optional<QString> note; // exactly as stored; empty optional for NULL
    bool reopen = false;
    int version = 0;
};

struct FlagDetail {
    FlagRow flag;
    OrderLineInfo line;
    std::optional<BaselineInfo> baseline; // the product's current baseline
    QList<QuantityPoint> history;         // the product's lines, oldest first (the latest historyLimit)
    QList<AnomalyEvent> events;           // the audit trail, oldest first
};

class FlagQueries
{
public:
    explicit FlagQueries(pqxx::connection &conn) : m_conn(conn) {}

    qint64 count(const FlagFilter &filter) const;
    // Counts per status for the filter without its status part (for chips
    // that show how many each status would give).
    QMap<FlagStatus, qint64> countByStatus(const FlagFilter &filter) const;
    QList<FlagRow> page(const FlagFilter &filter, const FlagSort &sort, qint64 offset, int limit) const;
    std::optional<FlagRow> flag(qint64 flagId) const;
    std::optional<FlagDetail> detail(qint64 flagId, int historyLimit = 2000) const;
    QList<AnomalyEvent> auditTrail(qint64 flagId) const;

private:
    pqxx::connection &m_conn;
};

} // namespace ecomops::anomalies

Q_DECLARE_METATYPE(ecomops::anomalies::FlagRow)
Q_DECLARE_METATYPE(ecomops::anomalies::FlagDetail)
