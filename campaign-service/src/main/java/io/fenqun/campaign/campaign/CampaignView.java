package io.fenqun.campaign.campaign;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A campaign as the API shows it. */
public record CampaignView(
        UUID id,
        CampaignStatus status,
        CampaignInput definition,
        OffsetDateTime nextRunAt,
        int runs,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static CampaignView of(Campaign c) {
        return new CampaignView(
                c.id(), c.status(), c.definition(), c.nextRunAt(), c.runs(), c.version(), c.createdAt(), c.updatedAt());
    }
}
