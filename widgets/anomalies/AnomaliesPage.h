#pragma once
// Anomalies: stewards triage order lines with outsized quantities. A lazily
// fetched table of flags with filters and counts per status, the chosen
// flag's detail, triage actions (with a note, on one flag or many) that ask
// the database and show a conflict in words, and live updates from other
// consoles through LISTEN/NOTIFY.
#include "anomalies/Status.h"
#include "common/WorkspacePage.h"

#include <QMap>
#include <QPair>
#include <QSet>

class QAction;
class QLabel;
class QLineEdit;
class QToolButton;
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
class FlagTableModel;
class LiveFlagFeed;

class AnomaliesPage : public WorkspacePage
{
    Q_OBJECT
public:
    explicit AnomaliesPage(ConnectionController *connection, QWidget *parent = nullptr);
    ~AnomaliesPage() override;

    FlagTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    FlagFilterBar *filterBar() const { return m_filters; }
    FlagDetailPanel *detailPanel() const { return m_detail; }
    QLineEdit *noteEdit() const { return m_note; }
    QAction *triageAction(anomalies::FlagStatus status) const { return m_actions.value(status); }
    // The message line above the table: results, conflicts, live changes.
    QString noticeText() const;
    bool canTriage() const { return m_canTriage; }
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
    void announce(const anomalies::AnomalyChange &change);
    void updateActions();
    void updateCounts();
    QList<int> selectedRows() const;
    void saveState() const;
    void restoreState();

    FlagTableModel *m_model;
    FlagFilterBar *m_filters;
    QTableView *m_table;
    FlagDetailPanel *m_detail;
    QSplitter *m_splitter;
    QLabel *m_notice;
    QLabel *m_permission;
    QLabel *m_selection;
    QLineEdit *m_note;
    QMap<anomalies::FlagStatus, QAction *> m_actions;
    QMap<anomalies::FlagStatus, QToolButton *> m_buttons;
    QAction *m_refresh;
    QAction *m_export;
    LiveFlagFeed *m_listener = nullptr;
    bool m_canTriage = false;
    QString m_whyNot;
    quint64 m_roleGeneration = 0;
    // Our own changes, to tell their NOTIFY from other consoles'.
    QSet<qint64> m_pendingFlags;
    QSet<QPair<qint64, int>> m_ownVersions;
};

} // namespace ecomops::widgets
