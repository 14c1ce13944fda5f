package io.fenqun.segment.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * A rule that reads the clock can answer differently for a customer at two instants with nothing
 * about them changed only if the sweep between the instants finds them.
 */
class ClockSweepTest {

    static final FieldCatalogue CATALOGUE = FieldCatalogue.standard();
    static final Instant NOW = Instant.parse("2026-11-20T08:30:00.123456Z");
    static final Map<String, String> FIELD_OF_TIMESTAMP = Map.of(
            "f.last_purchase_at", "lastPurchaseAt",
            "f.first_purchase_at", "firstPurchaseAt",
            "c.created_at", "createdAt");

    @Property(tries = 3000)
    void everyCustomerWhoseAnswerChangesIsSwept(
            @ForAll("clockConditions") Rule.Condition condition,
            @ForAll @IntRange(min = -96, max = 96) int hoursFromBoundary,
            @ForAll @IntRange(min = 1, max = 96) int hoursSincePrevious,
            @ForAll boolean firstPurchaseKnown) {
        Instant previous = NOW.minus(Duration.ofHours(hoursSincePrevious));
        long boundaryDays =
                condition.values().isEmpty() ? 0 : (Long) condition.values().get(0);
        Instant tested =
                NOW.minus(Duration.ofDays(Math.max(0, boundaryDays))).plus(Duration.ofHours(hoursFromBoundary));
        Map<String, Instant> timestamps = new HashMap<>();
        timestamps.put("lastPurchaseAt", tested);
        timestamps.put("firstPurchaseAt", firstPurchaseKnown ? tested.minus(Duration.ofDays(3)) : null);
        timestamps.put("createdAt", firstPurchaseKnown ? tested.minus(Duration.ofDays(400)) : tested);

        boolean changed = RuleEvaluator.matches(condition, facts(timestamps, previous), Set.of(), previous)
                != RuleEvaluator.matches(condition, facts(timestamps, NOW), Set.of(), NOW);
        Statistics.label("answer changed").collect(changed);
        // Timestamps sit near the boundary, so many answers change and the property is not vacuous.
        Statistics.label("answer changed")
                .coverage(coverage -> coverage.check(true).percentage(p -> p > 10));
        if (changed) {
            boolean swept = ClockSweep.ranges(condition.clockBoundaries(), previous, NOW).entrySet().stream()
                    .anyMatch(entry -> {
                        Instant value = timestamps.get(FIELD_OF_TIMESTAMP.get(entry.getKey()));
                        return value != null && entry.getValue().stream().anyMatch(range -> holds(range, value));
                    });
            assertTrue(swept, () -> condition.toJson() + " changed for " + timestamps + " but was not swept");
        }
    }

    @Test
    void neighbouringDayCountsOnOneTimestampAreOneRange() {
        Rule rule = condition("recencyDays", Operator.IN, List.of(30L, 31L, 32L, 90L));
        var ranges = ClockSweep.ranges(rule.clockBoundaries(), NOW.minus(Duration.ofDays(1)), NOW);
        assertEquals(Set.of("f.last_purchase_at"), ranges.keySet());
        assertEquals(2, ranges.get("f.last_purchase_at").size());
    }

    @Test
    void whetherADayCountIsSetDoesNotAge() {
        Rule rule = new Rule.All(List.of(
                condition("recencyDays", Operator.IS_SET, List.of()),
                condition("spendTotal", Operator.GT, List.of(new java.math.BigDecimal("10")))));
        assertEquals(Set.of(), rule.clockBoundaries());
        assertTrue(ClockSweep.customers(rule.clockBoundaries(), NOW.minus(Duration.ofDays(1)), NOW, 1)
                .isEmpty());
    }

    @Test
    void eachTimestampIsOneSelectWithItsRangesAsParameters() {
        Rule rule = new Rule.Any(List.of(
                condition("tenureDays", Operator.GT, List.of(365L)),
                condition("lastPurchaseAt", Operator.MORE_THAN_DAYS_AGO, List.of(90L))));
        SqlCondition query = ClockSweep.customers(rule.clockBoundaries(), NOW.minus(Duration.ofDays(1)), NOW, 3)
                .orElseThrow();
        assertEquals(3, query.sql().split(" UNION ").length);
        assertEquals(6, query.parameters().size());
        assertTrue(query.sql().contains("c.created_at > ?3 AND c.created_at <= ?4"), query.sql());
    }

    @Provide
    Arbitrary<Rule.Condition> clockConditions() {
        Arbitrary<Long> days = Arbitraries.longs().between(-1, 800);
        Arbitrary<Rule.Condition> dayCounts = Combinators.combine(
                        Arbitraries.of("recencyDays", "tenureDays"),
                        Arbitraries.of(Operator.EQ, Operator.NE, Operator.LT, Operator.LTE, Operator.GT, Operator.GTE),
                        days)
                .as((field, op, value) -> condition(field, op, List.of(value)));
        Arbitrary<Rule.Condition> ranges = Combinators.combine(
                        Arbitraries.of("recencyDays", "tenureDays"),
                        days,
                        Arbitraries.longs().between(0, 60))
                .as((field, from, width) -> condition(field, Operator.BETWEEN, List.of(from, from + width)));
        Arbitrary<Rule.Condition> relativeDates = Combinators.combine(
                        Arbitraries.of("lastPurchaseAt", "firstPurchaseAt", "createdAt"),
                        Arbitraries.of(Operator.WITHIN_LAST_DAYS, Operator.MORE_THAN_DAYS_AGO),
                        Arbitraries.longs().between(0, 800))
                .as((field, op, value) -> condition(field, op, List.of(value)));
        return Arbitraries.oneOf(dayCounts, ranges, relativeDates);
    }

    private static Rule.Condition condition(String field, Operator op, List<Object> values) {
        return new Rule.Condition(CATALOGUE.field(field).orElseThrow(), op, values);
    }

    /** The customer's fields as read at {@code at}: day counts are whole days, never negative. */
    private static CustomerFacts facts(Map<String, Instant> timestamps, Instant at) {
        Map<String, Object> values = new HashMap<>(timestamps);
        values.put("recencyDays", daysSince(timestamps.get("lastPurchaseAt"), at));
        Instant tenureFrom = timestamps.get("firstPurchaseAt") != null
                ? timestamps.get("firstPurchaseAt")
                : timestamps.get("createdAt");
        values.put("tenureDays", daysSince(tenureFrom, at));
        return new CustomerFacts(UUID.randomUUID(), values);
    }

    private static Long daysSince(Instant from, Instant at) {
        return Math.max(0, Math.floorDiv(Duration.between(from, at).toSeconds(), 86_400L));
    }

    /** As the sweep's SQL reads a range: after its start, up to and including its end. */
    private static boolean holds(ClockSweep.Range range, Instant instant) {
        return instant.isAfter(range.after()) && !instant.isAfter(range.upTo());
    }
}
