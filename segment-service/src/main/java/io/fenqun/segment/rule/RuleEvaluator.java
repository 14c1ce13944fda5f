package io.fenqun.segment.rule;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Evaluates a rule for one customer in memory, with the semantics of the SQL that
 * {@link SqlCompiler} makes: a test of a missing value is false, {@code not} negates that.
 */
public final class RuleEvaluator {

    private RuleEvaluator() {}

    public static boolean matches(Rule rule, CustomerFacts facts, Set<UUID> currentSegments, Instant now) {
        Instant at = Values.micros(now);
        if (rule instanceof Rule.All all) {
            return all.rules().stream().allMatch(r -> matches(r, facts, currentSegments, at));
        }
        if (rule instanceof Rule.Any any) {
            return any.rules().stream().anyMatch(r -> matches(r, facts, currentSegments, at));
        }
        if (rule instanceof Rule.Not not) {
            return !matches(not.rule(), facts, currentSegments, at);
        }
        if (rule instanceof Rule.InSegment in) {
            return currentSegments.contains(in.segmentId());
        }
        Rule.Condition c = (Rule.Condition) rule;
        return condition(c, facts.values().get(c.field().name()), at);
    }

    @SuppressWarnings("unchecked")
    private static boolean condition(Rule.Condition c, Object value, Instant now) {
        List<Object> v = c.values();
        switch (c.op()) {
            case IS_SET:
                return value != null;
            case IS_NOT_SET:
                return value == null;
            case IS_EMPTY:
                return value == null || ((List<String>) value).isEmpty();
            case IS_NOT_EMPTY:
                return value != null && !((List<String>) value).isEmpty();
            default:
                if (value == null) {
                    return false;
                }
        }
        return switch (c.op()) {
            case EQ -> Values.compare(value, v.get(0)) == 0;
            case NE -> Values.compare(value, v.get(0)) != 0;
            case LT, BEFORE -> Values.compare(value, v.get(0)) < 0;
            case LTE -> Values.compare(value, v.get(0)) <= 0;
            case GT, AFTER -> Values.compare(value, v.get(0)) > 0;
            case GTE -> Values.compare(value, v.get(0)) >= 0;
            case BETWEEN -> Values.compare(value, v.get(0)) >= 0 && Values.compare(value, v.get(1)) <= 0;
            case IN -> v.stream().anyMatch(x -> Values.compare(value, x) == 0);
            case NOT_IN -> v.stream().noneMatch(x -> Values.compare(value, x) == 0);
            case CONTAINS -> ((String) value).contains((String) v.get(0));
            case WITHIN_LAST_DAYS -> !((Instant) value).isBefore(now.minus((Long) v.get(0), ChronoUnit.DAYS));
            case MORE_THAN_DAYS_AGO -> ((Instant) value).isBefore(now.minus((Long) v.get(0), ChronoUnit.DAYS));
            case CONTAINS_ANY -> ((List<String>) value).stream().anyMatch(v::contains);
            case CONTAINS_ALL -> ((List<String>) value).containsAll(v);
            case IS_SET, IS_NOT_SET, IS_EMPTY, IS_NOT_EMPTY -> throw new IllegalStateException("handled above");
        };
    }
}
