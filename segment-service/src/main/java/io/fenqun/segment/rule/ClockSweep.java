package io.fenqun.segment.rule;

import static io.fenqun.segment.dimension.CalendarSql.BOUNDARY_MARGIN;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The customers for whom rules that read the clock may answer differently now than at an earlier
 * evaluation although nothing about them changed: those with a tested timestamp that one of the
 * rules' boundaries passed over in between, widened by {@link
 * io.fenqun.segment.dimension.CalendarSql#BOUNDARY_MARGIN}. Evaluating such rules for them, rather
 * than for everyone, is what keeps a nightly recompute proportional to what changed.
 */
public final class ClockSweep {

    /** No stored purchase or record date lies more than a thousand years back; day counts beyond look there. */
    private static final long MAX_DAYS = 365_000;

    private ClockSweep() {}

    /**
     * A query of the ids of the customers whose timestamps a boundary passed over between {@code
     * previous} and {@code now}, parameters numbered from {@code firstParameter}; empty when the
     * rules have no boundary.
     */
    public static Optional<SqlCondition> customers(
            Collection<ClockBoundary> boundaries, Instant previous, Instant now, int firstParameter) {
        Map<String, List<Range>> byTimestamp = ranges(boundaries, previous, now);
        if (byTimestamp.isEmpty()) {
            return Optional.empty();
        }
        List<Object> parameters = new ArrayList<>();
        List<String> selects = new ArrayList<>();
        byTimestamp.forEach((timestamp, ranges) ->
                selects.add("SELECT c.id FROM customer c JOIN customer_facts f ON f.customer_id = c.id WHERE "
                        + ranges.stream()
                                .map(range -> {
                                    parameters.add(OffsetDateTime.ofInstant(range.after(), ZoneOffset.UTC));
                                    String after = "?" + (firstParameter + parameters.size() - 1);
                                    parameters.add(OffsetDateTime.ofInstant(range.upTo(), ZoneOffset.UTC));
                                    String upTo = "?" + (firstParameter + parameters.size() - 1);
                                    return "(" + timestamp + " > " + after + " AND " + timestamp + " <= " + upTo + ")";
                                })
                                .collect(Collectors.joining(" OR "))));
        return Optional.of(new SqlCondition(String.join(" UNION ", selects), List.copyOf(parameters)));
    }

    /** Per tested timestamp, the ranges the boundaries swept between {@code previous} and {@code now}. */
    static Map<String, List<Range>> ranges(Collection<ClockBoundary> boundaries, Instant previous, Instant now) {
        Map<String, List<Range>> byTimestamp = new TreeMap<>();
        for (ClockBoundary boundary : boundaries) {
            Duration back = Duration.ofDays(Math.max(0, Math.min(boundary.days(), MAX_DAYS)));
            byTimestamp
                    .computeIfAbsent(boundary.timestamp(), t -> new ArrayList<>())
                    .add(new Range(
                            previous.minus(back).minus(BOUNDARY_MARGIN),
                            now.minus(back).plus(BOUNDARY_MARGIN)));
        }
        byTimestamp.replaceAll((timestamp, ranges) -> merged(ranges));
        return byTimestamp;
    }

    /** Overlapping ranges as one, so a rule testing many neighbouring day counts reads each row once. */
    private static List<Range> merged(List<Range> ranges) {
        List<Range> sorted =
                ranges.stream().sorted(Comparator.comparing(Range::after)).toList();
        List<Range> merged = new ArrayList<>();
        for (Range range : sorted) {
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !range.after().isAfter(last.upTo())) {
                merged.set(merged.size() - 1, new Range(last.after(), max(last.upTo(), range.upTo())));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The instants after {@code after} and up to {@code upTo}. */
    record Range(Instant after, Instant upTo) {}
}
