#include "anomalies/TriageText.h"

#include "anomalies/AnomaliesPage.h"
#include "anomalies/FlagText.h"

#include <QLocale>
#include <QStringList>

namespace ecomops::widgets::triagetext {

QString flagCount(qint64 flags)
{
    return flags == 1 ? AnomaliesPage::tr("1 flag") : AnomaliesPage::tr("%1 flags").arg(QLocale().toString(flags));
}

QString asking(int flags, anomalies::FlagStatus status, bool wholeProduct)
{
    const QString label = flagtext::statusLabel(status);
    if (wholeProduct)
        return AnomaliesPage::tr("Asking the database to mark %1 and every New flag of their products %2…")
            .arg(flagCount(flags), label);
    return AnomaliesPage::tr("Asking the database to mark %1 %2…").arg(flagCount(flags), label);
}

QString done(const anomalies::TriageResult &result)
{
    const anomalies::FlagStatus to =
        result.changed.isEmpty() ? anomalies::FlagStatus::Reviewed : result.changed.first().to;
    return result.changed.size() == 1
               ? AnomaliesPage::tr("Flag %1 is now %2.")
                     .arg(result.changed.first().flagId)
                     .arg(flagtext::statusLabel(to))
               : AnomaliesPage::tr("%1 flags are now %2.").arg(result.changed.size()).arg(flagtext::statusLabel(to));
}

QString conflict(const anomalies::TriageConflict &c)
{
    const QString who =
        c.consoleUser.isEmpty() ? c.changedBy : AnomaliesPage::tr("%1 (role %2)").arg(c.consoleUser, c.changedBy);
    return AnomaliesPage::tr("Someone else changed flag %1 first: %2 marked it %3 at %4 (version %5; you were looking "
                             "at version %6). Your change was not applied to any of the selected flags. The list now "
                             "shows their change; check it and try again if still needed.")
        .arg(c.flagId)
        .arg(who, flagtext::statusLabel(c.status), QLocale().toString(c.at.toLocalTime(), QLocale::ShortFormat))
        .arg(c.version)
        .arg(c.expectedVersion);
}

QString fromAnotherConsole(const anomalies::AnomalyChange &change)
{
    const QString who = change.consoleUser.isEmpty() ? change.dbRole : change.consoleUser;
    const auto status = anomalies::flagStatusFromString(change.status);
    const QString statusText = status ? flagtext::statusLabel(*status) : change.status;
    QStringList ids;
    for (qint64 id : change.flagIds.mid(0, 5))
        ids.append(QString::number(id));
    if (change.flagIds.size() > 5)
        ids.append(QStringLiteral("…"));
    return (change.flagIds.size() == 1 ? AnomaliesPage::tr("From another console: %1 marked flag %2 %3 at %4.")
                                       : AnomaliesPage::tr("From another console: %1 marked flags %2 %3 at %4."))
        .arg(who, ids.join(QStringLiteral(", ")), statusText,
             QLocale().toString(change.at.toLocalTime(), QLocale::ShortFormat));
}

QString newFlagsArrived(qint64 flags)
{
    return flags == 1
               ? QObject::tr("A run raised 1 new flag; the list has been refreshed.")
               : QObject::tr("A run raised %1 new flags; the list has been refreshed.").arg(QLocale().toString(flags));
}

QString emptyList(const anomalies::FlagFilter &filter, qint64 elsewhere)
{
    if (elsewhere == 0 && filter.product.isEmpty() && !filter.minZ && !filter.from.isValid() && !filter.to.isValid())
        return AnomaliesPage::tr("No order line has been flagged yet. Flags appear here when a run's detect stage "
                                 "finds a quantity far above its product's usual baseline.");
    if (elsewhere > 0)
        return AnomaliesPage::tr("No flag matches these filters; %1 flags have other statuses: switch on their "
                                 "buttons above to see them.")
            .arg(QLocale().toString(elsewhere));
    return AnomaliesPage::tr("No flag matches these filters.");
}

} // namespace ecomops::widgets::triagetext
