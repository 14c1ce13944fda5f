package io.fenqun.campaign.delivery;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One message of a campaign and what became of it. */
public record DeliveryView(
        UUID id,
        UUID campaignId,
        UUID customerId,
        UUID segmentId,
        String channel,
        String variant,
        String status,
        String reason,
        int attempts,
        OffsetDateTime plannedAt,
        OffsetDateTime sentAt,
        OffsetDateTime deliveredAt,
        OffsetDateTime openedAt,
        OffsetDateTime clickedAt,
        OffsetDateTime unsubscribedAt,
        OffsetDateTime convertedAt,
        BigDecimal conversionRevenue) {}
