#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace oc {

class MapController;
class NearestEventsModel;

// "Enter a ZIP code or city, find the nearest events": the search box, the
// radius, the filters (approval state, date range, campaign), "fit to
// results" and the results list. All state lives in MapController.
class MapSearchPanel : public QWidget
{
    Q_OBJECT
public:
    explicit MapSearchPanel(MapController *controller, QWidget *parent = nullptr);

    NearestEventsModel *model() const { return m_model; }
    QLineEdit *searchEdit() const { return m_query; }
    QLabel *messageLabel() const { return m_message; }
    QListView *resultsView() const { return m_results; }

public Q_SLOTS:
    void search();

private:
    void syncFromController();
    void applyDates();
    void refillCampaigns();
    void updateSummary();

    MapController *m_controller;
    NearestEventsModel *m_model;
    QLineEdit *m_query;
    QDoubleSpinBox *m_radius;
    QLabel *m_message;
    QLabel *m_summary;
    QCheckBox *m_states[4] = {};
    QCheckBox *m_useFrom;
    QDateEdit *m_from;
    QCheckBox *m_useTo;
    QDateEdit *m_to;
    QComboBox *m_campaign;
    QPushButton *m_fit;
    QListView *m_results;
};

} // namespace oc
