#include "CampaignStatus.h"

namespace oc {

CampaignStatus parseCampaignStatus(QStringView text)
{
    if (text == u"draft")
        return CampaignStatus::Draft;
    if (text == u"live")
        return CampaignStatus::Live;
    if (text == u"paused")
        return CampaignStatus::Paused;
    if (text == u"ended")
        return CampaignStatus::Ended;
    return CampaignStatus::Unknown;
}

QString campaignStatusName(CampaignStatus status)
{
    switch (status) {
    case CampaignStatus::Draft: return QStringLiteral("draft");
    case CampaignStatus::Live: return QStringLiteral("live");
    case CampaignStatus::Paused: return QStringLiteral("paused");
    case CampaignStatus::Ended: return QStringLiteral("ended");
    case CampaignStatus::Unknown: break;
    }
    return {};
}

bool isLaunchable(CampaignStatus status)
{
    return status == CampaignStatus::Draft || status == CampaignStatus::Paused;
}

SiteMode parseSiteMode(QStringView text)
{
    if (text == u"dynamic")
        return SiteMode::Dynamic;
    if (text == u"static")
        return SiteMode::Static;
    return SiteMode::Unknown;
}

QString siteModeName(SiteMode mode)
{
    switch (mode) {
    case SiteMode::Dynamic: return QStringLiteral("dynamic");
    case SiteMode::Static: return QStringLiteral("static");
    case SiteMode::Unknown: break;
    }
    return {};
}

} // namespace oc
