#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace oc {

class MapController;
struct EventRecord;

// The selected event, beside the map. Every field is a plain-text label:
// titles, names and addresses are typed by the public, and a QLabel left on
// Qt::AutoText would render "<img src=...>" or a link in them as markup.
class EventDetailsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit EventDetailsPanel(MapController *controller, QWidget *parent = nullptr);

    // For tests: the label texts by field name ("title", "host", ...).
    QString fieldText(const QString &field) const;

    // "Sat, Mar 14, 2026, 11:00 AM EDT" in the event's own time zone.
    static QString formatStart(const EventRecord &e);

private:
    void refresh();
    QLabel *addField(const QString &name, const QString &caption);

    MapController *m_controller;
    QLabel *m_empty = nullptr;
    QWidget *m_body = nullptr;
    QPushButton *m_show = nullptr;
    QHash<QString, QLabel *> m_fields;
};

} // namespace oc
