#include "anomalies/RebaselineDialog.h"

#include "anomalies/DetectorSettings.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>
#include <optional>

namespace ecomops::widgets {
namespace {

// Sorting reads this role (the number), the cell shows the formatted text.
constexpr int kSortRole = Qt::UserRole + 1;

QStandardItem *textItem(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setData(text, kSortRole);
    item->setEditable(false);
    return item;
}

// A number, or "—" when that side has no baseline (sorted below every number).
template <typename T> QStandardItem *numberItem(const std::optional<T> &value, int decimals)
{
    const QLocale locale;
    auto *item = new QStandardItem(!value         ? QStringLiteral("—")
                                   : decimals < 0 ? locale.toString(qlonglong(*value))
                                                  : locale.toString(double(*value), 'f', decimals));
    item->setData(value ? QVariant(double(*value)) : QVariant(-std::numeric_limits<double>::infinity()), kSortRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setEditable(false);
    return item;
}

} // namespace

RebaselineDialog::RebaselineDialog(const QString &conninfo, const anomalies::AnomalyOptions &options, QWidget *parent)
    : QDialog(parent), m_conninfo(conninfo), m_options(options), m_summary(new QLabel), m_busy(new QProgressBar),
      m_model(new QStandardItemModel(this)), m_table(new QTableView)
{
    setWindowTitle(tr("Recompute baselines"));
    setObjectName(QStringLiteral("rebaselineDialog"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setObjectName(QStringLiteral("rebaselineSummary"));
    m_busy->setRange(0, 0); // no steps to count: one statement in the database
    m_busy->setTextVisible(false);
    m_model->setHorizontalHeaderLabels({tr("Product"), tr("Threshold before"), tr("Threshold after"), tr("Change"),
                                        tr("Median before"), tr("Median after"), tr("Lines before"),
                                        tr("Lines after")});
    m_model->setSortRole(kSortRole);
    m_table->setObjectName(QStringLiteral("rebaselineTable"));
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_busy);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(980, 460);
    m_summary->setText(tr("Recomputing every product's baseline with the saved detector settings (%1)…")
                           .arg(anomalies::describeSettings(m_options)));
}

void RebaselineDialog::start()
{
    if (m_job.isRunning() || m_model->rowCount() > 0)
        return;
    if (m_conninfo.isEmpty()) {
        m_busy->hide();
        m_summary->setText(tr("Not connected to a database."));
        emit resultShown(false);
        return;
    }
    m_job.run([conninfo = m_conninfo, options = m_options] { return anomalies::rebaseline(conninfo, options); },
              [this](const anomalies::RebaselineReport &report) { showReport(report); },
              [this](const JobFailure &failure) {
                  m_busy->hide();
                  m_summary->setText(tr("The baselines were not recomputed: %1").arg(failure.text()));
                  emit resultShown(false);
              });
}

QString RebaselineDialog::summaryText() const
{
    return m_summary->text();
}

void RebaselineDialog::showReport(const anomalies::RebaselineReport &report)
{
    const QLocale locale;
    m_busy->hide();
    m_summary->setText(tr("%1 products recomputed (%2 with enough history, %3 lines counted) with the saved "
                          "detector settings (%4).\nProducts whose threshold changed: %5.")
                           .arg(locale.toString(report.products), locale.toString(report.productsWithHistory),
                                locale.toString(report.lines), anomalies::describeSettings(report.options),
                                locale.toString(qlonglong(report.changed.size()))));
    for (const anomalies::BaselineChange &c : report.changed) {
        std::optional<double> change;
        if (c.thresholdBefore && c.thresholdAfter)
            change = *c.thresholdAfter - *c.thresholdBefore;
        // Shown signed, sorted by size: a threshold that fell is as much news.
        QStandardItem *changeItem = numberItem(change, 3);
        changeItem->setData(c.absoluteChange(), kSortRole);
        m_model->appendRow({textItem(c.productId), numberItem(c.thresholdBefore, 3), numberItem(c.thresholdAfter, 3),
                            changeItem, numberItem(c.medianBefore, 3), numberItem(c.medianAfter, 3),
                            numberItem(c.linesBefore, -1), numberItem(c.linesAfter, -1)});
    }
    m_table->sortByColumn(3, Qt::DescendingOrder); // largest change first, as the SQL returned them
    m_table->setVisible(!report.changed.empty());
    emit resultShown(true);
}

QAction *RebaselineDialog::makeAction(std::function<QString()> conninfo, QWidget *parent)
{
    auto *action = new QAction(tr("Recompute baselines…"), parent);
    action->setObjectName(QStringLiteral("rebaselineAction"));
    action->setEnabled(false); // until the page knows the role may
    QObject::connect(action, &QAction::triggered, parent, [conninfo = std::move(conninfo), parent] {
        auto *dialog = new RebaselineDialog(conninfo(), detectorsettings::load(), parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        dialog->start();
    });
    return action;
}

} // namespace ecomops::widgets
