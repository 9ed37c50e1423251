#pragma once
// Notes on past runs (ops.run_note): read with the run, added through
// ops.add_run_note, which records the session's login role as the author.
// Blocking: each call opens its own connection, so call it from a worker
// thread. Failures throw std::exception with the server's words in what().
#include <QDateTime>
#include <QString>

#include <vector>

namespace pqxx {
class transaction_base;
}

namespace ecomops::queries {

struct RunNote {
    qint64 noteId = 0;
    qint64 runId = 0;
    QString text;
    QString author; // the database role that logged in
    QString osUser; // the operating-system user the client named
    QDateTime createdAt;
};

// Oldest first.
std::vector<RunNote> runNotes(const QString &conninfo, qint64 runId);
std::vector<RunNote> runNotes(pqxx::transaction_base &tx, qint64 runId); // inside a read of the run

// Adds `text` (trimmed; must not be empty) to run `runId` and returns the
// note as stored. Throws std::invalid_argument for an empty text, and the
// server's error for a run that does not exist or a role that may not.
RunNote addRunNote(const QString &conninfo, qint64 runId, const QString &text, const QString &osUser);

// The OS user a note is written by: $USER, else "unknown".
QString currentOsUser();

// "2026-12-07 22:40 by alice (OS user alice): text" — one line, as the CLI and tooltips show it.
QString noteLine(const RunNote &note);

} // namespace ecomops::queries
