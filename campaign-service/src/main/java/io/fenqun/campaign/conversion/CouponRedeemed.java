package io.fenqun.campaign.conversion;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The payload of {@code coupon.redeemed}; the subject is the customer. */
public record CouponRedeemed(
        String code, UUID campaignId, UUID deliveryId, UUID customerId, UUID orderId, OffsetDateTime at) {

    public static final String TYPE = "coupon.redeemed";
}
