#include "WallboardWindow.h"

#include "ConsoleSession.h"
#include "DataAgeLabel.h"
#include "IncidentsPanel.h"
#include "LiveSource.h"
#include "TotalsPanel.h"
#include "MapPanel.h"
#include "TrafficChartsPanel.h"

#include <QGridLayout>
#include <QLabel>

namespace oc {

WallboardWindow::WallboardWindow(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("Wallboard"));
    setWindowTitle(tr("Organizer Console — Wallboard"));
    m_grid = new QGridLayout(this);
    auto *title = new QLabel(this);
    title->setTextFormat(Qt::PlainText);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 2.4);
    f.setBold(true);
    title->setFont(f);
    auto updateTitle = [this, title] {
        const LiveSource::Campaign *c = m_session->feed()->currentCampaign();
        title->setText(c ? c->title + QStringLiteral(" — ") + c->status : tr("Waiting for data…"));
    };
    connect(session->feed(), &LiveSource::campaignsChanged, this, updateTitle);
    updateTitle();
    auto *age = new DataAgeLabel(session->feed(), this);
    QFont af = age->font();
    af.setPointSizeF(af.pointSizeF() * 1.6);
    age->setFont(af);
    m_grid->addWidget(title, 0, 0);
    m_grid->addWidget(age, 0, 1, Qt::AlignRight);
    m_totals = new TotalsPanel(session->feed(), this);
    m_totals->setWallboard(true);
    m_grid->addWidget(m_totals, 1, 0);
    // Leadership sees the same cards as every console: who owns what, and
    // whether it is a drill.
    auto *incidents = new IncidentsPanel(session->incidents(), this);
    incidents->setWatchOnly(true);
    incidents->setObjectName(QStringLiteral("wallboardIncidents"));
    m_grid->addWidget(incidents, 2, 0);
    setMap(new MapPanel(session->feed(), this));
    auto *chart = new TrafficChartsPanel(session->feed(), this);
    chart->setCompact(true);
    setChart(chart);
    m_grid->setColumnStretch(0, 2);
    m_grid->setColumnStretch(1, 3);
    m_grid->setRowStretch(1, 3);
    m_grid->setRowStretch(2, 2);
}

void WallboardWindow::setMap(QWidget *map)
{
    m_grid->addWidget(map, 1, 1);
}
void WallboardWindow::setChart(QWidget *chart)
{
    m_grid->addWidget(chart, 2, 1);
}

} // namespace oc
