package io.fenqun.campaign.campaign;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored campaign: its definition and where it stands. */
public record Campaign(
        UUID id,
        CampaignStatus status,
        CampaignInput definition,
        OffsetDateTime nextRunAt,
        int runs,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** The feed event type that fires this campaign for one customer, or null. */
    public static String triggerEvent(CampaignInput definition) {
        CampaignInput.Schedule schedule = definition.schedule();
        if (schedule.kind() != CampaignInput.ScheduleKind.TRIGGER) {
            return null;
        }
        return switch (schedule.trigger().kind()) {
            case SEGMENT_ENTERED -> "segment.entered";
            case FIRST_PURCHASE -> "order.recorded";
            case EVENT -> schedule.trigger().event();
            default -> null;
        };
    }
}
