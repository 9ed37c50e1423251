#include "anomalies/LiveFlagFeed.h"

#include "anomalies/AnomalyError.h"
#include "queries/AnomalyQueries.h"

#include <QThread>

#include <algorithm>
#include <utility>

namespace ecomops::widgets {
namespace {

constexpr qsizetype kMaxRemembered = 100000;

} // namespace

LiveFlagFeed::LiveFlagFeed(QString conninfo, QObject *parent)
    : QObject(parent), m_conninfo(std::move(conninfo)), m_thread(new QThread),
      m_listener(new anomalies::AnomalyListener(m_conninfo))
{
    qRegisterMetaType<anomalies::AnomalyClaims>();
    qRegisterMetaType<anomalies::VerifiedChanges>();
    m_thread->setObjectName(QStringLiteral("anomaly listener"));
    m_listener->moveToThread(m_thread);
    // Both go when the thread ends, even if it ends long after this feed:
    // a connection attempt in flight is waited for by nobody.
    connect(m_thread, &QThread::finished, m_listener, &QObject::deleteLater);
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    connect(m_listener, &anomalies::AnomalyListener::claimsReady, this, &LiveFlagFeed::onClaims);
    connect(m_listener, &anomalies::AnomalyListener::reconnected, this, &LiveFlagFeed::reconnected);
    connect(m_listener, &anomalies::AnomalyListener::phaseChanged, this, &LiveFlagFeed::onPhase);
    m_thread->start();
}

LiveFlagFeed::~LiveFlagFeed()
{
    // The listener stops (and its connection closes) on its own thread, as
    // it is deleted there once the thread's loop ends.
    m_thread->quit();
}

void LiveFlagFeed::start()
{
    // The mark first: a replayed announcement of a run shown already is
    // not news. Claims verified before it is known count every run's flags.
    m_markJob.run([conninfo = m_conninfo] { return queries::newestFlagId(conninfo); },
                  [this](qint64 mark) {
                      if (m_flagMark < 0)
                          m_flagMark = mark;
                  },
                  [](const JobFailure &) {}); // verification then counts every run's flags
    m_phase = Phase::Connecting;
    QMetaObject::invokeMethod(m_listener, &anomalies::AnomalyListener::start, Qt::QueuedConnection);
}

void LiveFlagFeed::onPhase(Phase phase, const QString &error)
{
    if (phase == Phase::Waiting)
        ++m_failedAttempts;
    m_phase = phase;
    m_error = error;
    emit phaseChanged(phase, error);
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
    m_verifyJob.run([conninfo = m_conninfo, claims,
                     mark = std::max<qint64>(m_flagMark, 0)] { return queries::verifyClaims(conninfo, claims, mark); },
                    [this](const anomalies::VerifiedChanges &changes) {
                        m_verifying = false;
                        deliver(changes);
                        verifyPending();
                    },
                    [this](const JobFailure &failure) {
                        m_verifying = false;
                        qCWarning(lcAnomalies) << "could not check live changes:" << failure.text();
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
