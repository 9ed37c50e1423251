#pragma once
// A test-only fault hook for every SQL statement the engine sends: this file
// defines libpq's PQexec, PQexecParams, PQexecPrepared and PQprepare in the
// test executable, which take precedence over libpq's (for the pipeline
// library linked in statically and for libpqxx), count the statements, and
// send a statement that fails instead of the k-th. Only the executables that
// link it have it; the product is not slowed by a single branch. A failed
// COMMIT ends its transaction first, as a real failing COMMIT does.
//
// Counting starts at the statement that creates the run (INSERT INTO
// ops.pipeline_run). Not counted, because the engine tolerates their failure
// by design: run log lines (INSERT INTO ops.run_log and its COMMIT, a
// warning when lost), ROLLBACK (libpqxx ignores its failure) and BEGIN (the
// log line's BEGIN cannot be told apart; a data transaction's first real
// statement is counted instead).
#include <string>
#include <vector>

namespace ecomops::test::faults {

void arm(long failAt);                 // 0: count only; k: fail the k-th counted statement
void disarm();                         // stop counting
long counted();                        // statements counted since arm()
bool injected();                       // the k-th was reached and failed
std::vector<std::string> statements(); // what was counted since arm(), first 200 characters each

// The other fault: a run-record write whose answer is lost. The k-th COMMIT
// of a transaction that wrote only the run record (ops.pipeline_run,
// ops.stage_result, ops.run_log) is made, then its connection is cut before
// the answer is read, as when the server restarts at that moment: the
// client cannot know whether it committed (pqxx::in_doubt_error). While
// armed this way no statement fails.
void armLostRecordCommit(long k); // 0: count only
long recordCommits();             // record COMMITs seen since armLostRecordCommit()
// The same loss for the first COMMIT of a transaction that sent a statement
// containing `marker` (a data transaction: a table's COPY, the publish).
void armLostCommitAfter(const std::string &marker);

} // namespace ecomops::test::faults
