#include "database/PrivateDirectory.h"

#include "database/EmbeddedCluster.h"

#include <QFile>
#include <QObject>

#include <cerrno>
#include <cstring>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ecomops::db {

QString accountName(uid_t uid)
{
    if (const passwd *pw = ::getpwuid(uid))
        return QString::fromUtf8(pw->pw_name);
    return QString::number(uid);
}

QString privateDirectoryProblem(const QString &path, uid_t owner)
{
    struct stat st {
    };
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return QObject::tr("The folder %1 cannot be examined: %2.")
            .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    if (S_ISLNK(st.st_mode))
        return QObject::tr("The folder %1 is a symbolic link (owned by %2); a private folder must be a real one.")
            .arg(path, accountName(st.st_uid));
    if (!S_ISDIR(st.st_mode))
        return QObject::tr("%1 is not a folder (owned by %2).").arg(path, accountName(st.st_uid));
    const QString mode = QStringLiteral("0%1").arg(st.st_mode & 07777, 3, 8, QLatin1Char('0'));
    if (st.st_uid != owner)
        return QObject::tr("The folder %1 is owned by %2 (mode %3), not by %4: another account could put its own "
                           "server's socket there.")
            .arg(path, accountName(st.st_uid), mode, accountName(owner));
    if ((st.st_mode & 077) != 0)
        return QObject::tr("The folder %1 (owned by %2) has mode %3: other accounts may use it; it must be 0700.")
            .arg(path, accountName(st.st_uid), mode);
    return {};
}

void requirePrivateDirectory(const QString &path, uid_t owner)
{
    const QString problem = privateDirectoryProblem(path, owner);
    if (!problem.isEmpty())
        throw ClusterError(QObject::tr("Refusing to use the folder %1 for the database's socket.").arg(path),
                           problem + QLatin1Char(' ') +
                               QObject::tr("Remove the folder (or choose another --data-dir) and try again."));
}

void ensurePrivateDirectory(const QString &path, uid_t owner, gid_t group)
{
    const QByteArray native = QFile::encodeName(path);
    // mkdir, not mkpath: a folder that already exists is not taken on trust.
    if (::mkdir(native.constData(), 0700) == 0) {
        // The umask may have removed bits, never added any; chmod makes it exact.
        if (::chmod(native.constData(), 0700) != 0 ||
            (owner != ::geteuid() && ::chown(native.constData(), owner, group) != 0)) {
            const QString reason = QString::fromLocal8Bit(std::strerror(errno));
            ::rmdir(native.constData());
            throw ClusterError(QObject::tr("Cannot make the folder %1 private to %2.").arg(path, accountName(owner)),
                               reason);
        }
    } else if (errno != EEXIST) {
        throw ClusterError(QObject::tr("Cannot create the folder %1.").arg(path),
                           QString::fromLocal8Bit(std::strerror(errno)));
    }
    requirePrivateDirectory(path, owner);
}

} // namespace ecomops::db
