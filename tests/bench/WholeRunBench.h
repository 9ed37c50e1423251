#pragma once
// ecomops-bench --whole-run: the whole pipeline (generate, stage, load,
// validate, transform, detect, marts) of the synthetic shop, seed 7, into a
// fresh database per scale, through the same RunExecution the console and the
// CLI use. Per stage it prints the rows the run recorded, the seconds between
// the stage row's start and end in ops.stage_result, rows/s, and this
// process's peak resident memory while the stage ran; then the whole run's
// wall time beside psql's \copy of the very same staged files into the same
// kind of staging tables, measured right after on the same server. Then the
// incremental run (without --explain): the last days of the shop's window
// added to a warehouse that holds the rest, its time beside the full run's.
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace ecomops::bench {

struct WholeRunOptions {
    QStringList scales;
    QString explainFile; // with --explain: the plans, per scale (ExplainCapture.h)
    QString serverLog;   // the private cluster's, which --explain reads
};

int wholeRunBench(const QString &server, const QTemporaryDir &work, const WholeRunOptions &options);

} // namespace ecomops::bench
