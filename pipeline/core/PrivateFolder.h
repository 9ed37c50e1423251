#pragma once
// Folders for what the program writes about people (snapshots, staging,
// exports): 0700 whatever the process umask, so no other local account can
// read inside. Their missing ancestors are made 0755, as any program's
// ~/.local/share would be, so that a private folder deeper down (the
// embedded server's data, reached by the postgres account when we are root)
// stays reachable.
#include <QString>

namespace ecomops {

// Creates the missing ancestors of `path` with mode 0755. False on failure,
// with the reason in *error.
bool createAncestors(const QString &path, QString *error);

// Creates `path` (and its missing ancestors) with mode 0700; an existing
// folder we own that others may enter is narrowed to 0700. False on failure,
// with the reason in *error.
bool createPrivateFolder(const QString &path, QString *error);

} // namespace ecomops
