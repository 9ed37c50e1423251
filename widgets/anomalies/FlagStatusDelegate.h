#pragma once
// A flag's triage status as the console's one status pill; this only says
// which tone each status takes (flagtext::statusTone).
#include "common/StatusPillDelegate.h"

namespace ecomops::widgets {

class FlagStatusDelegate : public StatusPillDelegate
{
    Q_OBJECT
public:
    FlagStatusDelegate(int statusRole, QObject *parent);
};

} // namespace ecomops::widgets
