package io.fenqun.profile.loyalty;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of a customer's points ledger; {@code remaining} is what is left of a positive lot. */
public record PointsEntry(
        UUID id,
        String kind,
        long points,
        long remaining,
        UUID orderId,
        String reason,
        OffsetDateTime expiresAt,
        String createdBy,
        OffsetDateTime createdAt) {}
