package io.fenqun.profile.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

/**
 * How points are earned, how long they last and which tier they buy. Tiers go by points earned in
 * the last twelve months (less refunds), so a tier must be kept up, not bought once.
 *
 * @param pointsPerUnit points per whole unit of currency paid
 * @param lifetime how long earned points stay valid
 * @param tiers tiers from the lowest, each with the points earned in twelve months it needs
 */
public record LoyaltyRules(BigDecimal pointsPerUnit, Duration lifetime, List<Tier> tiers) {

    public record Tier(String name, long threshold) {}

    public LoyaltyRules {
        if (tiers.stream().anyMatch(t -> !t.name().matches("[A-Z][A-Z_]{0,29}"))) {
            throw new IllegalArgumentException("tier names are upper-case words such as GOLD");
        }
        if (tiers.isEmpty() || tiers.get(0).threshold() != 0) {
            throw new IllegalArgumentException("the lowest tier must start at 0 points");
        }
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).threshold() <= tiers.get(i - 1).threshold()) {
                throw new IllegalArgumentException("tier thresholds must rise");
            }
        }
    }

    /** Tiers written as {@code STANDARD:0,SILVER:1000,GOLD:5000}. */
    public static List<Tier> parseTiers(String text) {
        return java.util.Arrays.stream(text.split(","))
                .map(String::trim)
                .map(part -> {
                    String[] nameAndThreshold = part.split(":");
                    if (nameAndThreshold.length != 2) {
                        throw new IllegalArgumentException("tiers look like STANDARD:0,SILVER:1000, not " + part);
                    }
                    return new Tier(nameAndThreshold[0].trim(), Long.parseLong(nameAndThreshold[1].trim()));
                })
                .toList();
    }

    public long pointsFor(BigDecimal paid) {
        return paid.multiply(pointsPerUnit).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    public Tier tierFor(long earnedInTwelveMonths) {
        Tier tier = tiers.get(0);
        for (Tier candidate : tiers) {
            if (earnedInTwelveMonths >= candidate.threshold()) {
                tier = candidate;
            }
        }
        return tier;
    }

    /** The next tier up, or null at the top. */
    public Tier nextTier(Tier tier) {
        int index = tiers.indexOf(tier);
        return index + 1 < tiers.size() ? tiers.get(index + 1) : null;
    }

    /** The same rule as {@link #tierFor}, as SQL over a column of points earned, for set-based updates. */
    String tierSql(String earnedColumn) {
        StringBuilder sql = new StringBuilder("CASE");
        for (int i = tiers.size() - 1; i > 0; i--) {
            sql.append(" WHEN ")
                    .append(earnedColumn)
                    .append(" >= ")
                    .append(tiers.get(i).threshold())
                    .append(" THEN '")
                    .append(tiers.get(i).name())
                    .append('\'');
        }
        return sql.append(" ELSE '").append(tiers.get(0).name()).append("' END").toString();
    }
}
