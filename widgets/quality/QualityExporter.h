#pragma once
// The Data Quality workspace's Export button: asks where, writes on a worker
// thread (qualityexport), and says in the workspace's notice how it went.
#include "common/JobTracker.h"
#include "queries/QualityQueries.h"

#include <QObject>

#include <functional>

class QToolButton;
class QWidget;

namespace ecomops::widgets {

class InlineMessage;

class QualityExporter : public QObject
{
    Q_OBJECT
public:
    // What is shown when the user asks: the scorecard, and the chosen rule
    // (nullptr without one) with the run and connection to read its rows from.
    struct Source {
        std::function<queries::RunScorecard()> scorecard;
        std::function<const queries::RuleResult *()> rule;
        std::function<qint64()> runId;
        std::function<QString()> conninfo;
    };
    QualityExporter(QWidget *page, InlineMessage *notice, Source source);

    QToolButton *makeButton();
    void exportScorecard(const QString &path);
    void exportFailingRows(const QString &path);

signals:
    void exported(const QString &path, const QString &error);

private:
    void report(const QString &path, const QString &error);

    QWidget *m_page;
    InlineMessage *m_notice;
    Source m_source;
    JobTracker m_exportJob{this, JobTracker::Keep::Every};
};

} // namespace ecomops::widgets
