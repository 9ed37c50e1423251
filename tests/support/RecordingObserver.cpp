#include "RecordingObserver.h"

namespace ecomops::test {

void RecordingObserver::log(LogLevel level, const QString &message)
{
    logs.append(toString(level) + QLatin1String(": ") + message);
}

bool RecordingObserver::cancelRequested() const
{
    ++m_checks;
    if (cancelAfterChecks >= 0 && m_checks > cancelAfterChecks)
        return true;
    return cancel.load();
}

TableCounts RecordingObserver::counts(const QString &table) const
{
    for (auto it = finished.crbegin(); it != finished.crend(); ++it) {
        if (it->table == table)
            return *it;
    }
    return {};
}

} // namespace ecomops::test
