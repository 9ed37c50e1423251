#include "quality/Validation.h"

#include "core/Cancellation.h"
#include "quality/SetRules.h"
#include "staging/Catalog.h"

#include <QElapsedTimer>

namespace ecomops::quality {

QualityReport QualityStage::Validation::run()
{
    countRows();
    m_report.enabled = m_stage.m_options.enabled;
    if (!m_report.enabled) {
        for (const staging::TableSpec &t : staging::catalog())
            m_report.counts.push_back(counts(t.name, 0));
        return std::move(m_report);
    }
    const std::pair<const char *, void (Validation::*)()> steps[] = {
        {"catalogue", &Validation::publish},
        {"clear earlier results", &Validation::clearEarlierResults},
        {"find warehouse tables", &Validation::findWarehouseTables},
        {"work tables", &Validation::createWorkTables},
        {"rows the loader rejected", &Validation::collectLoadRejects},
        {"views", &Validation::createViews},
        {"row rules", &Validation::runRowRules},
        {"set rules", &Validation::runSetRules},
        {"set rule examples", &Validation::setRuleExamples},
        {"load rules", &Validation::loadRuleResults},
        {"snapshot rule", &Validation::snapshotResults},
        {"quarantine", &Validation::writeQuarantine},
        {"scores", &Validation::score},
        {"persist", &Validation::persist},
        {"drop views", &Validation::dropViews},
    };
    for (const auto &[name, step] : steps) {
        QElapsedTimer timer;
        timer.start();
        (this->*step)();
        qCDebug(lcQuality) << "validate:" << name << timer.elapsed() << "ms";
    }
    return std::move(m_report);
}

void QualityStage::Validation::checkCancel() const
{
    if (m_observer.cancelRequested())
        throw CancelledError();
}

TableCounts QualityStage::Validation::counts(const std::string &table, qint64 quarantined)
{
    TableCounts c;
    c.stage = QStringLiteral("validate");
    c.table = QString::fromStdString(table);
    c.read = m_staged[table];
    c.quarantined = quarantined;
    c.loaded = c.read - quarantined;
    return c;
}

void QualityStage::Validation::countRows()
{
    for (const staging::TableSpec &t : staging::catalog()) {
        checkCancel();
        m_staged[t.name] =
            m_tx.exec1("SELECT count(*) FROM staging." + m_tx.quote_name(t.name) + " WHERE run_id = " + m_run)[0]
                .as<qint64>();
    }
    for (const auto &row : m_tx.exec_params("SELECT table_name, count(*) FROM quarantine.rejected_row "
                                            "WHERE run_id = $1 AND stage = 'load' GROUP BY table_name",
                                            runId()))
        m_loadQuarantined[row[0].as<std::string>()] = row[1].as<qint64>();
}

void QualityStage::Validation::clearEarlierResults()
{
    // The owner's function (0065): the operator has no DELETE on results.
    m_tx.exec_params("SELECT ops.discard_run_rows($1, 'validate')", runId());
}

void QualityStage::Validation::findWarehouseTables()
{
    std::set<std::string> wanted;
    for (const Rule &r : ruleCatalog()) {
        if (!r.warehouseTable.empty())
            wanted.insert(r.warehouseTable);
    }
    for (const std::string &name : wanted) {
        if (!m_tx.exec_params1("SELECT to_regclass($1) IS NOT NULL", name)[0].as<bool>())
            qCInfo(lcQuality) << "no" << name.c_str() << "yet: references resolve within the run only";
        else
            m_warehouse.insert(name);
    }
}

void QualityStage::Validation::createWorkTables()
{
    dropViews();
    m_tx.exec0("DROP TABLE IF EXISTS pg_temp.dq_loaded, pg_temp.dq_fail");
    m_tx.exec0("CREATE TEMP TABLE dq_loaded (table_name text NOT NULL, source_line bigint NOT NULL, "
               "fields text[] NOT NULL) ON COMMIT DROP");
    m_tx.exec0("CREATE TEMP TABLE dq_fail (seq bigserial, table_name text NOT NULL, source_line bigint NOT NULL, "
               "rule_id text NOT NULL, reason text NOT NULL, value text, at_load boolean NOT NULL, "
               "rejects boolean NOT NULL, row_rule boolean NOT NULL DEFAULT false) ON COMMIT DROP");
}

void QualityStage::Validation::createViews()
{
    for (const staging::TableSpec &t : staging::catalog())
        m_tx.exec0(sql::viewSql(t, runId()));
}

void QualityStage::Validation::dropViews()
{
    for (const staging::TableSpec &t : staging::catalog())
        m_tx.exec0("DROP VIEW IF EXISTS " + sql::viewName(t.name));
}

void QualityStage::Validation::persist()
{
    checkCancel();
    m_stage.recordScores(m_tx, m_report);
}

} // namespace ecomops::quality
