#pragma once

#include <QString>
#include <QStringView>

namespace oc {

// A campaign's lifecycle (the hub's `campaign_status` enum) and the one rule
// both the console and the simulator's ops API apply: only a draft or a
// paused campaign can be launched; an ended one never again.
enum class CampaignStatus { Unknown, Draft, Live, Paused, Ended };

CampaignStatus parseCampaignStatus(QStringView text);
QString campaignStatusName(CampaignStatus status);
bool isLaunchable(CampaignStatus status);

// What the public site serves: the live event finder or the static fallback.
enum class SiteMode { Unknown, Dynamic, Static };

SiteMode parseSiteMode(QStringView text);
QString siteModeName(SiteMode mode);

} // namespace oc
