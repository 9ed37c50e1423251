#pragma once
// Anomalies: stewards triage order lines with outsized quantities. A lazily
// fetched table of flags with filters and counts per status, the chosen
// flag's detail, triage actions (with a note, on one flag or many) that ask
// the database and show a conflict in words, and live updates from other
// consoles through LISTEN/NOTIFY. After an action the selection moves on to
// the next flag, so a steward can triage key after key.
#include "anomalies/Status.h"
#include "common/JobTracker.h"
#include "common/WorkspacePage.h"

#include <QPair>
#include <QSet>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QSplitter;
class QTableView;

namespace ecomops::anomalies {
struct AnomalyChange;
struct TriageResult;
struct VerifiedChanges;
} // namespace ecomops::anomalies

namespace ecomops::widgets {

class FlagDetailPanel;
class FlagFilterBar;
class FlagListView;
class FlagTableModel;
class LiveFlagFeed;
class TriageBar;

class AnomaliesPage : public WorkspacePage
{
    Q_OBJECT
public:
    explicit AnomaliesPage(ConnectionController *connection, QWidget *parent = nullptr);
    ~AnomaliesPage() override;

    FlagTableModel *model() const { return m_model; }
    QTableView *table() const;
    FlagFilterBar *filterBar() const { return m_filters; }
    FlagDetailPanel *detailPanel() const { return m_detail; }
    TriageBar *triageBar() const { return m_triage; }
    QLineEdit *noteEdit() const;
    QAction *triageAction(anomalies::FlagStatus status) const;
    // Every triage action with its shortcut, also under the header's Triage button.
    QMenu *triageMenu() const;
    LiveFlagFeed *liveFeed() const { return m_listener; }
    // The message line above the table: results, conflicts, live changes.
    QString noticeText() const;
    bool canTriage() const { return m_canTriage; }
    // "Recompute baselines…" (RebaselineDialog): enabled for stewards and operators.
    QAction *rebaselineAction() const { return m_rebaseline; }
    bool isListening() const;

public slots:
    void exportCsv(const QString &path);
    void triageSelection(anomalies::FlagStatus status);

signals:
    void rolesKnown(bool canTriage);

private:
    enum class Notice { Info, Success, Warning, Error };
    void setNotice(Notice kind, const QString &text, const QString &detail = {});
    void onConnectionChanged();
    void onTriageFinished(const anomalies::TriageResult &result);
    void onLiveChanges(const anomalies::VerifiedChanges &changes);
    void updateActions();
    void updateCounts();
    void setRebaselineAllowed(bool allowed, const QString &whyNot);
    QList<int> selectedRows() const;
    void saveState() const;
    void restoreState();

    FlagTableModel *m_model;
    FlagFilterBar *m_filters;
    FlagListView *m_table;
    FlagDetailPanel *m_detail;
    QSplitter *m_splitter;
    QLabel *m_notice;
    QLabel *m_permission;
    TriageBar *m_triage;
    QAction *m_refresh;
    QAction *m_export;
    QAction *m_rebaseline = nullptr;
    LiveFlagFeed *m_listener = nullptr;
    bool m_canTriage = false;
    QString m_whyNot;
    JobTracker m_roleJob{this};
    // Our own changes, to tell their NOTIFY from other consoles'; and the
    // change a conflict has told of already, whose NOTIFY adds nothing.
    QSet<qint64> m_pendingFlags;
    QSet<QPair<qint64, int>> m_toldVersions;
};

} // namespace ecomops::widgets
