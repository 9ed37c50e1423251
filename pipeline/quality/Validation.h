#pragma once
// Private to the quality stage: one validate stage in its transaction, as
// steps run in order by run(). Its parts live in files by purpose:
//   Validation.cpp           the step list, counting, work tables, views
//   ValidationRowRules.cpp   rows the loader rejected, rows checked again here
//   ValidationSetRules.cpp   the table-wide rules in SQL, their examples,
//                            the loader's and the snapshot's rules
//   ValidationOutcome.cpp    the quarantine the rules wrote, the scores
#include "quality/QualityStage.h"

#include <pqxx/pqxx>

#include <QLoggingCategory>

#include <map>
#include <set>
#include <string>
#include <vector>

Q_DECLARE_LOGGING_CATEGORY(lcQuality)

namespace ecomops::quality {

class QualityStage::Validation
{
public:
    Validation(QualityStage &stage, pqxx::work &tx, StageObserver &observer)
        : m_stage(stage), m_tx(tx), m_observer(observer), m_run(std::to_string(stage.m_runId))
    {
    }

    QualityReport run();

private:
    void checkCancel() const;

    TableCounts counts(const std::string &table, qint64 quarantined);

    void countRows();

    void clearEarlierResults();

    void findWarehouseTables();

    void createWorkTables();

    void createViews();

    void dropViews();

    void persist();

    qint64 runId() const { return m_stage.m_runId; }
    void publish() { publishCatalogue(m_tx); }

    // ValidationRowRules.cpp
    // The rows the loader quarantined for row rules, parsed back into their
    // fields: set rules see them too (a rejected row is still a copy of a
    // key, still the parent its children name).
    void collectLoadRejects();

    // Tables whose loader used this stage's checker were checked in the
    // streaming pass; any other is checked here, row by row.
    void runRowRules();

    void recheckRows(const staging::TableSpec &table, RowRules &rules);

    // ValidationSetRules.cpp
    void runSetRules();

    void setRuleExamples();

    // Malformed CSV and text that is not UTF-8: the loader's own rules.
    void loadRuleResults();

    void snapshotResults();

    // ValidationOutcome.cpp
    void writeQuarantine();

    void score();

    QualityStage &m_stage;
    pqxx::work &m_tx;
    StageObserver &m_observer;
    std::string m_run;
    std::map<std::string, qint64> m_staged;          // rows in staging
    std::map<std::string, qint64> m_loadQuarantined; // rows the loader quarantined (any reason)
    std::map<std::string, qint64> m_atLoad;          // of those, rows parsed back for the set rules
    std::set<std::string> m_warehouse;
    std::vector<RuleResult> m_setResults;
    std::vector<RuleResult> m_loadResults;
    QualityReport m_report;
};

} // namespace ecomops::quality
