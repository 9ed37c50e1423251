#pragma once
// Data Quality: scorecards for eight dimensions, per table and run.
#include "common/WorkspacePage.h"

namespace ecomops::widgets {

class QualityPage : public WorkspacePage
{
    Q_OBJECT
public:
    explicit QualityPage(ConnectionController *connection, QWidget *parent = nullptr);
};

} // namespace ecomops::widgets
