package io.fenqun.campaign.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The payload of {@code delivery.sent} and {@code delivery.responded} (response: DELIVERED, FAILED,
 * OPENED, CLICKED, UNSUBSCRIBED, CONVERTED); the subject is the customer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryEvent(
        UUID deliveryId,
        UUID campaignId,
        UUID customerId,
        String channel,
        String variant,
        UUID segmentId,
        String response,
        BigDecimal revenue,
        OffsetDateTime at) {

    public static final String SENT = "delivery.sent";
    public static final String RESPONDED = "delivery.responded";
}
