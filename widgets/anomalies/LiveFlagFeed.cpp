#include "anomalies/LiveFlagFeed.h"

#include "anomalies/AnomalyError.h"
#include "anomalies/AnomalyListener.h"
#include "common/Background.h"

#include <pqxx/pqxx>

#include <algorithm>
#include <utility>

namespace ecomops::widgets {
namespace {

constexpr qsizetype kMaxRemembered = 100000;

struct Checked {
    bool ok = false;
    qint64 mark = -1; // the newest flag id at start, when that is all that was asked
    anomalies::VerifiedChanges changes;
    QString error;
};

} // namespace

LiveFlagFeed::LiveFlagFeed(QString conninfo, QObject *parent)
    : QObject(parent), m_conninfo(std::move(conninfo)), m_listener(new anomalies::AnomalyListener(m_conninfo, this))
{
    connect(m_listener, &anomalies::AnomalyListener::claimsReady, this, &LiveFlagFeed::onClaims);
    connect(m_listener, &anomalies::AnomalyListener::reconnected, this, &LiveFlagFeed::reconnected);
}

bool LiveFlagFeed::start()
{
    // The mark first: a replayed announcement of a run shown already is
    // not news. Claims verified before it is known count every run's flags.
    runInBackground(
        this,
        [conninfo = m_conninfo] {
            Checked r;
            try {
                pqxx::connection conn{conninfo.toStdString()};
                r.mark = anomalies::newestFlagId(conn);
                r.ok = true;
            } catch (const std::exception &e) {
                r.error = QString::fromUtf8(e.what());
            }
            return r;
        },
        [this](const Checked &r) {
            if (r.ok && m_flagMark < 0)
                m_flagMark = r.mark;
        });
    return m_listener->start();
}

bool LiveFlagFeed::isListening() const
{
    return m_listener->isListening();
}

QString LiveFlagFeed::error() const
{
    return m_listener->error();
}

void LiveFlagFeed::onClaims(const anomalies::AnomalyClaims &claims)
{
    m_pending.merge(claims);
    if (!m_verifying)
        verifyPending();
}

void LiveFlagFeed::verifyPending()
{
    if (m_pending.isEmpty())
        return;
    m_verifying = true;
    anomalies::AnomalyClaims claims;
    std::swap(claims, m_pending);
    runInBackground(
        this,
        [conninfo = m_conninfo, claims, mark = std::max<qint64>(m_flagMark, 0)] {
            Checked r;
            try {
                pqxx::connection conn{conninfo.toStdString()};
                r.changes = anomalies::verifyClaims(conn, claims, mark);
                r.ok = true;
            } catch (const anomalies::AnomalyError &e) {
                r.error = e.message();
            } catch (const std::exception &e) {
                r.error = QString::fromUtf8(e.what());
            }
            return r;
        },
        [this](const Checked &r) {
            m_verifying = false;
            if (r.ok)
                deliver(r.changes);
            else
                qCWarning(lcAnomalies) << "could not check live changes:" << r.error;
            verifyPending();
        });
}

void LiveFlagFeed::deliver(anomalies::VerifiedChanges changes)
{
    // New flags, whichever claim prompted the check, are news once: the
    // reload they cause shows them, so their own announcement, if still on
    // its way, finds nothing newer.
    if (changes.detectedFlags > 0)
        m_flagMark = std::max(m_flagMark, changes.newestFlagId);
    if (m_delivered.size() > kMaxRemembered)
        m_delivered.clear();
    QList<anomalies::AnomalyChange> fresh;
    for (anomalies::AnomalyChange &change : changes.triage) {
        anomalies::AnomalyChange kept = change;
        kept.flagIds.clear();
        kept.versions.clear();
        for (qsizetype i = 0; i < change.flagIds.size(); ++i) {
            const QPair<qint64, int> key{change.flagIds.at(i), change.versions.at(i)};
            if (m_delivered.contains(key))
                continue; // a real change, announced again
            m_delivered.insert(key);
            kept.flagIds.append(key.first);
            kept.versions.append(key.second);
        }
        if (!kept.flagIds.isEmpty())
            fresh.append(kept);
    }
    changes.triage = fresh;
    if (!changes.isEmpty())
        emit verified(changes);
}

} // namespace ecomops::widgets
