#include "anomalies/FlagStatusDelegate.h"

#include "anomalies/FlagText.h"

namespace ecomops::widgets {

FlagStatusDelegate::FlagStatusDelegate(int statusRole, QObject *parent)
    : StatusPillDelegate(
          statusRole,
          [](const QVariant &status) {
              return status.canConvert<anomalies::FlagStatus>()
                         ? std::optional<Tone>(flagtext::statusTone(status.value<anomalies::FlagStatus>()))
                         : std::nullopt;
          },
          parent)
{
}

} // namespace ecomops::widgets
