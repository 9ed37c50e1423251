#pragma once
// Help › About: what this is, which version, and the versions of what it
// runs on (Qt, libpq, the connected server and schema).
#include "database/ServerStatus.h"

#include <QDialog>

#include <memory>

namespace Ui {
class AboutDialog;
}

namespace ecomops::widgets {

class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(const db::ServerStatus &status, QWidget *parent = nullptr);
    ~AboutDialog() override;

    QString componentsText() const;

private:
    std::unique_ptr<Ui::AboutDialog> m_ui;
};

} // namespace ecomops::widgets
