#include "database/ServiceAccount.h"

#include "database/EmbeddedCluster.h"

#include <QDir>
#include <QFile>
#include <QObject>

#include <cerrno>
#include <cstring>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ecomops::db::account {

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

bool lookupAccount(const char *name, Account *out)
{
    const passwd *pw = ::getpwnam(name);
    if (!pw)
        return false;
    *out = {QString::fromUtf8(pw->pw_name), pw->pw_uid, pw->pw_gid};
    return true;
}

QString currentUserName()
{
    if (const passwd *pw = ::getpwuid(::geteuid()))
        return QString::fromUtf8(pw->pw_name);
    return qEnvironmentVariable("USER");
}

void makePrivateDir(const QString &path, const Account *owner)
{
    if (!QDir().mkpath(path))
        throw ClusterError(QObject::tr("Cannot create the folder %1.").arg(path));
    const QByteArray native = QFile::encodeName(path);
    if (::chmod(native.constData(), 0700) != 0)
        throw ClusterError(QObject::tr("Cannot make the folder %1 private.").arg(path),
                           QString::fromLocal8Bit(strerror(errno)));
    if (owner && ::chown(native.constData(), owner->uid, owner->gid) != 0)
        throw ClusterError(QObject::tr("Cannot give the folder %1 to the account %2.").arg(path, owner->name),
                           QString::fromLocal8Bit(strerror(errno)));
}

} // namespace ecomops::db::account
