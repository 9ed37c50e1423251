#include "kpis/ChartPanel.h"

#include "common/CsvExport.h"
#include "common/Theme.h"
#include "kpis/KpiTableModel.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <exception>

namespace ecomops::widgets {
namespace {

const QString kExportDirKey = QStringLiteral("kpis/exportDirectory");

} // namespace

ChartPanel::ChartPanel(const QString &title, const QString &fileStem, QWidget *visual, KpiTableModel *model,
                       QWidget *parent)
    : KpiCardFrame(parent), m_fileStem(fileStem), m_title(new QLabel(title, this)), m_subtitle(new QLabel(this)),
      m_headerWidgets(new QHBoxLayout), m_stack(new QStackedWidget(this)), m_visual(visual), m_model(model)
{
    setObjectName(fileStem);
    m_title->setFont(theme::scaledFont(font(), 1.08, QFont::DemiBold));
    m_subtitle->setFont(theme::scaledFont(font(), 0.88));
    theme::setMutedText(m_subtitle, palette(), QPalette::Base);
    m_subtitle->setWordWrap(true);
    m_subtitle->hide();

    auto *exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setToolTip(tr("Save this chart as a picture or its data as CSV"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    exportButton->setAutoRaise(true);
    auto *menu = new QMenu(exportButton);
    menu->addAction(tr("Save chart as PNG…"), this, &ChartPanel::choosePngFile);
    menu->addAction(tr("Export data as CSV…"), this, &ChartPanel::chooseCsvFile);
    exportButton->setMenu(menu);

    m_stack->addWidget(visual);
    if (!qobject_cast<QTableView *>(visual)) {
        m_table = new QTableView(this);
        auto *proxy = new QSortFilterProxyModel(m_table);
        proxy->setSourceModel(model);
        proxy->setSortRole(KpiTableModel::SortRole);
        m_table->setModel(proxy);
        m_table->setSortingEnabled(true);
        m_table->sortByColumn(-1, Qt::AscendingOrder);
        m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
        m_table->setAlternatingRowColors(true);
        m_table->setFrameShape(QFrame::NoFrame);
        m_table->verticalHeader()->hide();
        m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
        m_table->horizontalHeader()->setStretchLastSection(true);
        m_table->setAccessibleName(tr("%1 data").arg(title));
        connect(model, &QAbstractItemModel::modelReset, m_table, [this] { m_table->resizeColumnsToContents(); });
        m_stack->addWidget(m_table);

        m_tableToggle = new QToolButton(this);
        m_tableToggle->setText(tr("Table"));
        m_tableToggle->setToolTip(tr("Show the numbers behind the chart"));
        m_tableToggle->setCheckable(true);
        m_tableToggle->setAutoRaise(true);
        connect(m_tableToggle, &QToolButton::toggled, this, [this](bool on) { m_stack->setCurrentIndex(on ? 1 : 0); });
    }

    auto *header = new QHBoxLayout;
    header->setSpacing(6);
    header->addWidget(m_title);
    header->addStretch(1);
    header->addLayout(m_headerWidgets);
    if (m_tableToggle)
        header->addWidget(m_tableToggle);
    header->addWidget(exportButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 12, 12);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_stack, 1);
}

QString ChartPanel::title() const
{
    return m_title->text();
}

void ChartPanel::setSubtitle(const QString &text)
{
    m_subtitle->setText(text);
    m_subtitle->setVisible(!text.isEmpty());
}

QString ChartPanel::subtitle() const
{
    return m_subtitle->text();
}

void ChartPanel::addHeaderWidget(QWidget *widget)
{
    m_headerWidgets->addWidget(widget);
}

bool ChartPanel::isShowingTable() const
{
    return m_stack->currentIndex() == 1;
}

void ChartPanel::setShowingTable(bool show)
{
    if (m_tableToggle)
        m_tableToggle->setChecked(show);
}

bool ChartPanel::exportPng(const QString &path)
{
    const QImage image = m_stack->currentWidget()->grab().toImage();
    if (image.isNull())
        return false;
    m_exportJob.run(
        [path, image] {
            return image.save(path, "PNG") ? QString() : ChartPanel::tr("The picture could not be written.");
        },
        [this, path](const QString &error) { emit exported(path, error); },
        [this, path](const JobFailure &failure) { emit exported(path, failure.text()); });
    return true;
}

bool ChartPanel::exportCsv(const QString &path)
{
    std::vector<QStringList> records = m_model->toRecords();
    m_exportJob.run([path, records = std::move(records)] { return writeCsvRecords(path, records); },
                    [this, path](const QString &error) { emit exported(path, error); },
                    [this, path](const JobFailure &failure) { emit exported(path, failure.text()); });
    return true;
}

QString ChartPanel::askForFile(const QString &suffix, const QString &filter)
{
    QSettings settings;
    const QString dir =
        settings.value(kExportDirKey, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).toString();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export %1").arg(title()),
                                                      QDir(dir).filePath(m_fileStem + suffix), filter);
    if (!path.isEmpty())
        settings.setValue(kExportDirKey, QFileInfo(path).absolutePath());
    return path;
}

void ChartPanel::choosePngFile()
{
    const QString path = askForFile(QStringLiteral(".png"), tr("PNG pictures (*.png)"));
    if (!path.isEmpty())
        exportPng(path);
}

void ChartPanel::chooseCsvFile()
{
    const QString path = askForFile(QStringLiteral(".csv"), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

} // namespace ecomops::widgets
