#pragma once
// What the console shows about its database: where, as whom, which version of
// our schema. Produced off the GUI thread by probeServer().
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace ecomops::db {

struct ServerStatus {
    bool connected = false;
    QString server; // "embedded (/path/to/socket)" or "host:port"
    QString database;
    QString role;           // current_user
    QStringList groupRoles; // ecomops_operator / ecomops_steward / ecomops_analyst held
    bool superuser = false;
    QString serverVersion;   // "15.18"
    int schemaVersion = 0;   // highest applied migration
    int schemaAvailable = 0; // highest migration this build ships
    QString error;           // in words, when !connected
    QString errorDetail;     // libpq's text
};

// Connects with the given libpq string and reads the status. Blocking: call
// it from a worker thread (QtConcurrent::run), never from the GUI thread.
ServerStatus probeServer(const QString &conninfo);

} // namespace ecomops::db

Q_DECLARE_METATYPE(ecomops::db::ServerStatus)
