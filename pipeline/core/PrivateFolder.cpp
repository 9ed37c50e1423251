#include "core/PrivateFolder.h"

#include <QFile>
#include <QFileInfo>
#include <QObject>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace ecomops {
namespace {

bool makeFolder(const QString &path, mode_t mode, QString *error)
{
    const QByteArray native = QFile::encodeName(path);
    if (::mkdir(native.constData(), mode) == 0) {
        // mkdir applies the umask; chmod makes the mode exact.
        if (::chmod(native.constData(), mode) == 0)
            return true;
    } else if (errno == EEXIST && QFileInfo(path).isDir()) {
        return true;
    }
    *error = QObject::tr("Cannot create the folder %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    return false;
}

} // namespace

bool createAncestors(const QString &path, QString *error)
{
    const QFileInfo info(path);
    const QString parent = info.absolutePath();
    if (parent == info.absoluteFilePath() || QFileInfo::exists(parent))
        return true;
    return createAncestors(parent, error) && makeFolder(parent, 0755, error);
}

bool createPrivateFolder(const QString &path, QString *error)
{
    if (!createAncestors(path, error) || !makeFolder(path, 0700, error))
        return false;
    const QByteArray native = QFile::encodeName(path);
    struct stat st {
    };
    if (::stat(native.constData(), &st) == 0 && st.st_uid == ::geteuid() && (st.st_mode & 077) != 0 &&
        ::chmod(native.constData(), 0700) != 0) {
        *error = QObject::tr("Cannot make the folder %1 private: %2")
                     .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return true;
}

} // namespace ecomops
