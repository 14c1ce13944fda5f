package io.fenqun.campaign.delivery;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The coupon issued with one delivery. */
public record IssuedCoupon(UUID deliveryId, String code, OffsetDateTime validUntil) {}
