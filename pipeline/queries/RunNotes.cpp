#include "queries/RunNotes.h"

#include <pqxx/pqxx>

#include <stdexcept>

namespace ecomops::queries {
namespace {

// clang-format off
const char *const kNoteColumns =
    "note_id, run_id, note, author, os_user, (extract(epoch FROM created_at) * 1000)::bigint ";
// clang-format on

RunNote readNote(const pqxx::row &r)
{
    RunNote note;
    note.noteId = r[0].as<qint64>();
    note.runId = r[1].as<qint64>();
    note.text = QString::fromStdString(r[2].as<std::string>());
    note.author = QString::fromStdString(r[3].as<std::string>());
    note.osUser = QString::fromStdString(r[4].as<std::string>());
    note.createdAt = QDateTime::fromMSecsSinceEpoch(r[5].as<qint64>());
    return note;
}

} // namespace

std::vector<RunNote> runNotes(pqxx::transaction_base &tx, qint64 runId)
{
    const pqxx::result rows = tx.exec_params(std::string("SELECT ") + kNoteColumns +
                                                 "FROM ops.run_note WHERE run_id = $1 ORDER BY created_at, note_id",
                                             runId);
    std::vector<RunNote> notes;
    for (const pqxx::row &r : rows)
        notes.push_back(readNote(r));
    return notes;
}

std::vector<RunNote> runNotes(const QString &conninfo, qint64 runId)
{
    pqxx::connection c{conninfo.toStdString()};
    pqxx::read_transaction tx{c};
    return runNotes(tx, runId);
}

RunNote addRunNote(const QString &conninfo, qint64 runId, const QString &text, const QString &osUser)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        throw std::invalid_argument("a note needs some text");
    pqxx::connection c{conninfo.toStdString()};
    pqxx::work tx{c};
    const qint64 id =
        tx.exec_params1("SELECT ops.add_run_note($1, $2, $3)", runId, trimmed.toStdString(), osUser.toStdString())[0]
            .as<qint64>();
    const RunNote note =
        readNote(tx.exec_params1(std::string("SELECT ") + kNoteColumns + "FROM ops.run_note WHERE note_id = $1", id));
    tx.commit();
    return note;
}

QString currentOsUser()
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

QString noteLine(const RunNote &note)
{
    const QString who = note.osUser.isEmpty() || note.osUser == note.author
                            ? note.author
                            : QStringLiteral("%1 (OS user %2)").arg(note.author, note.osUser);
    return QStringLiteral("%1 by %2: %3")
        .arg(note.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), who, note.text);
}

} // namespace ecomops::queries
