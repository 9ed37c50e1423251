#pragma once
// The left-hand navigation: the console's name, then one row per workspace
// with its icon, title and shortcut.
#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QListView;

namespace ecomops::widgets {

class GlyphBadge;

class NavigationSidebar : public QWidget
{
    Q_OBJECT
public:
    explicit NavigationSidebar(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    QListView *view() const { return m_view; }

    int currentRow() const;
    void setCurrentRow(int row);

signals:
    void currentRowChanged(int row);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    QLabel *m_logo;
    QLabel *m_name;
    QLabel *m_tagline;
    QLabel *m_section;
    QListView *m_view;
    QLabel *m_version;
};

} // namespace ecomops::widgets
