package io.fenqun.campaign.report;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything measured about one campaign. */
public record CampaignResults(
        UUID campaignId,
        GroupResults total,
        Map<String, Long> excludedBy,
        long couponsIssued,
        long couponsRedeemed,
        List<GroupResults> byVariant,
        List<GroupResults> bySegment,
        Uplift uplift) {}
