#pragma once
// The accounts the embedded cluster runs under: as root, the server runs as
// "postgres" (PostgreSQL refuses root), and folders it must reach are given
// to that account; otherwise everything belongs to the current user.
#include <QString>

#include <sys/types.h>

namespace ecomops::db::account {

bool runningAsRoot();

struct Account {
    QString name;
    uid_t uid = 0;
    gid_t gid = 0;
};

// False when the system has no account of that name.
bool lookupAccount(const char *name, Account *out);
QString currentUserName();
// Creates `path` (and its parents) with mode 0700, owned by `owner` when
// given. Throws ClusterError naming the folder and the system's reason.
void makePrivateDir(const QString &path, const Account *owner);

} // namespace ecomops::db::account
