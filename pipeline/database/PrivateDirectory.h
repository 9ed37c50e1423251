#pragma once
// Folders only one account may write: the embedded server's socket folder,
// above all. Whoever can write the folder a client looks in for the server's
// socket can put their own server there, so a folder someone else owns, one
// others may enter or write, or a symbolic link, is refused rather than used.
#include <QString>

#include <sys/types.h>

namespace ecomops::db {

// Empty when `path` is a real folder (not a symbolic link) owned by `owner`
// with no access for group or others (0700); otherwise a sentence naming
// the folder, its owner and its mode. Checked with lstat.
QString privateDirectoryProblem(const QString &path, uid_t owner);

// Creates `path` with mode 0700 (its parent must exist), given to
// owner/group when they differ from us (we are root), or accepts it when it
// already exists and passes privateDirectoryProblem. Throws ClusterError
// with that sentence otherwise.
void ensurePrivateDirectory(const QString &path, uid_t owner, gid_t group);

// Throws ClusterError when privateDirectoryProblem() finds one.
void requirePrivateDirectory(const QString &path, uid_t owner);

QString accountName(uid_t uid); // "nobody", or the number when unknown

} // namespace ecomops::db
