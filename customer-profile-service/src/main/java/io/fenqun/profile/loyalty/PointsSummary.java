package io.fenqun.profile.loyalty;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A customer's points at a glance: balance, tier and what it takes to reach the next one. */
public record PointsSummary(
        UUID customerId,
        long balance,
        String tier,
        long earnedLast12Months,
        String nextTier,
        Long pointsToNextTier,
        OffsetDateTime nextExpiry,
        long expiringWithin30Days) {

    static PointsSummary of(
            UUID customerId,
            long balance,
            long earned,
            OffsetDateTime nextExpiry,
            long expiringSoon,
            LoyaltyRules rules) {
        LoyaltyRules.Tier tier = rules.tierFor(earned);
        LoyaltyRules.Tier next = rules.nextTier(tier);
        return new PointsSummary(
                customerId,
                balance,
                tier.name(),
                earned,
                next == null ? null : next.name(),
                next == null ? null : next.threshold() - earned,
                nextExpiry,
                expiringSoon);
    }
}
