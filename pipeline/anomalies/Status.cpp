#include "anomalies/Status.h"

#include <array>
#include <utility>

namespace ecomops::anomalies {
namespace {

constexpr std::array<std::pair<FlagStatus, FlagStatus>, 8> kTransitions = {{
    {FlagStatus::New, FlagStatus::Reviewed},
    {FlagStatus::New, FlagStatus::FalsePositive},
    {FlagStatus::Reviewed, FlagStatus::Resolved},
    {FlagStatus::Reviewed, FlagStatus::FalsePositive},
    {FlagStatus::Resolved, FlagStatus::New},
    {FlagStatus::Resolved, FlagStatus::Reviewed},
    {FlagStatus::FalsePositive, FlagStatus::New},
    {FlagStatus::FalsePositive, FlagStatus::Reviewed},
}};

} // namespace

QString statusName(FlagStatus status)
{
    switch (status) {
    case FlagStatus::New:
        return QStringLiteral("NEW");
    case FlagStatus::Reviewed:
        return QStringLiteral("REVIEWED");
    case FlagStatus::Resolved:
        return QStringLiteral("RESOLVED");
    case FlagStatus::FalsePositive:
        return QStringLiteral("FALSE_POSITIVE");
    }
    return {};
}

std::optional<FlagStatus> flagStatusFromString(const QString &text)
{
    for (FlagStatus s : allFlagStatuses()) {
        if (text.compare(statusName(s), Qt::CaseInsensitive) == 0)
            return s;
    }
    return std::nullopt;
}

const QList<FlagStatus> &allFlagStatuses()
{
    static const QList<FlagStatus> all = {FlagStatus::New, FlagStatus::Reviewed, FlagStatus::Resolved,
                                          FlagStatus::FalsePositive};
    return all;
}

bool transitionAllowed(FlagStatus from, FlagStatus to)
{
    for (const auto &[f, t] : kTransitions) {
        if (f == from && t == to)
            return true;
    }
    return false;
}

QList<FlagStatus> allowedTargets(FlagStatus from)
{
    QList<FlagStatus> targets;
    for (FlagStatus to : allFlagStatuses()) {
        if (transitionAllowed(from, to))
            targets.append(to);
    }
    return targets;
}

bool isReopen(FlagStatus from, FlagStatus to)
{
    return transitionAllowed(from, to) && (from == FlagStatus::Resolved || from == FlagStatus::FalsePositive);
}

} // namespace ecomops::anomalies
