#pragma once
// The SQL of the set rules. Each rule is one SELECT over the run's rows of a
// table — the view pg_temp.dq_<table>: its staged rows plus the rows the
// loader quarantined (at_load), so that a rejected row still counts as a
// copy of a key or as the parent a child refers to — yielding
// (source_line, at_load, ok, reason, value) for every row it checks. The
// validate stage wraps it to count the checks and keep the failures.
#include "quality/QualityOptions.h"
#include "quality/RuleCatalog.h"
#include "staging/Catalog.h"

#include <QtGlobal>

#include <set>
#include <string>

namespace ecomops::quality::sql {

// The view a table's rules read (created by viewSql).
std::string viewName(const std::string &table);

// CREATE TEMP VIEW pg_temp.dq_<table>: the run's staged rows of the table and
// the rows of pg_temp.dq_loaded (table_name, source_line, fields text[]) that
// belong to it.
std::string viewSql(const staging::TableSpec &table, qint64 runId);

// The record rebuilt as one CSV line from the columns of `alias` (NULL as an
// empty field, the empty string as ""), for quarantine.raw_record.
std::string recordExpression(const staging::TableSpec &table, const std::string &alias);

// The rule's SELECT, or an empty string when it does not apply (a column the
// table no longer has). `warehouse` lists the dw tables that exist.
std::string ruleSelect(const Rule &rule, const RuleSettings &settings, const std::set<std::string> &warehouse);

// Runs a rule's SELECT, keeps its failures in pg_temp.dq_fail and returns
// (checked, failed): parameters $1 table, $2 rule id, $3 rejects.
std::string countAndKeepFailures(const std::string &select);

} // namespace ecomops::quality::sql
