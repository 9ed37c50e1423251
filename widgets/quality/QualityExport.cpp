#include "quality/QualityExport.h"

#include "common/CsvExport.h"
#include "common/ScoreText.h"
#include "csv/Writer.h"
#include "quality/FailingRowText.h"

#include <QFile>
#include <QLocale>

#include <algorithm>
#include <exception>

namespace ecomops::widgets::qualityexport {
namespace {

constexpr int kExportPage = 2000;

// Numbers as a spreadsheet reads them: no grouping, a dot, empty when unknown.
QString plain(double score)
{
    return score < 0 ? QString() : QString::number(score, 'f', 3);
}

} // namespace

std::vector<QStringList> scorecardRecords(const queries::RunScorecard &card)
{
    std::vector<QStringList> records;
    QStringList header{QStringLiteral("run_id"),
                       QStringLiteral("table"),
                       QStringLiteral("overall"),
                       QStringLiteral("overall_shown"),
                       QStringLiteral("overall_threshold"),
                       QStringLiteral("verdict"),
                       QStringLiteral("checked"),
                       QStringLiteral("failed")};
    for (const QString &d : queries::qualityDimensions())
        header << d << d + QStringLiteral("_threshold");
    records.push_back(header);
    for (const queries::TableScorecard &t : card.tables) {
        QStringList r{QString::number(card.runId),
                      t.table.isEmpty() ? QStringLiteral("(all tables)") : t.table,
                      plain(t.overall),
                      t.overall < 0 ? QString() : scoreText(t.overall),
                      plain(t.overallThreshold),
                      t.verdict,
                      QString::number(t.checked),
                      QString::number(t.failed)};
        for (const QString &d : queries::qualityDimensions()) {
            const auto it = std::find_if(t.dimensions.begin(), t.dimensions.end(),
                                         [&](const queries::DimensionScore &s) { return s.dimension == d; });
            r << (it == t.dimensions.end() ? QString() : plain(it->score))
              << (it == t.dimensions.end() ? QString() : plain(it->threshold));
        }
        records.push_back(r);
    }
    return records;
}

QString writeFailingRows(const QString &path, const QString &conninfo, qint64 runId, const QString &table,
                         const QString &ruleId)
{
    try {
        csv::Writer writer(QFile::encodeName(path).toStdString());
        writeCsvRecord(writer, {QStringLiteral("rule_id"), QStringLiteral("table"), QStringLiteral("source_line"),
                                QStringLiteral("outcome"), QStringLiteral("value"), QStringLiteral("reasons"),
                                QStringLiteral("raw_record")});
        qint64 offset = 0;
        for (;;) {
            const queries::FailingRowPage page =
                queries::failingRowPage(conninfo, runId, table, ruleId, kExportPage, offset);
            for (const queries::FailingRow &row : page.rows)
                writeCsvRecord(writer, {ruleId, table, QString::number(row.sourceLine),
                                        row.quarantined ? QStringLiteral("quarantined at ") + row.stage
                                                        : QStringLiteral("loaded, counted"),
                                        failingrowtext::failingValue(row, ruleId),
                                        row.reasons.join(QStringLiteral("; ")), row.rawRecord});
            offset += page.quarantinedInPage;
            if (page.quarantinedInPage == 0 || offset >= page.quarantinedTotal)
                break;
        }
        writer.close();
        return {};
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
}

} // namespace ecomops::widgets::qualityexport
