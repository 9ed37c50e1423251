#pragma once
// The rows that failed the chosen rule, a page at a time: a heading that
// says how many of the failures are shown ("5 examples of 1,182"), the rows,
// a button that loads the next page, and the chosen row's record and
// reasons. The view holds at most kMaxRows; Export writes every row.
#include "queries/QualityQueries.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class QTableView;
class QTextBrowser;

namespace ecomops::widgets {

class FailingRowModel;

class FailingRowsPane : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kPageSize = 500;
    static constexpr int kMaxRows = 5000;

    explicit FailingRowsPane(QWidget *parent = nullptr);

    FailingRowModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QSplitter *splitter() const { return m_splitter; }
    QPushButton *loadMoreButton() const { return m_more; }
    QString heading() const;
    QString recordText() const;
    // Where the next page starts (quarantined rows already shown).
    qint64 nextOffset() const { return m_quarantinedShown; }

    // A rule was chosen: clears the rows until its first page arrives.
    void showRule(const queries::RuleResult *rule);
    void showMessage(const QString &heading);
    // A page arrived: the first replaces the rows, the next ones add to them.
    void addPage(const queries::FailingRowPage &page, bool first);

signals:
    void moreRequested(qint64 offset);

private:
    void showRow(int row);
    void updateHeading();

    FailingRowModel *m_model;
    QLabel *m_heading;
    QTableView *m_view;
    QPushButton *m_more;
    QTextBrowser *m_record;
    QSplitter *m_splitter;
    QString m_ruleId;
    qint64 m_failed = 0;
    qint64 m_quarantinedTotal = 0;
    qint64 m_quarantinedShown = 0;
    qint64 m_examplesShown = 0;
};

} // namespace ecomops::widgets
