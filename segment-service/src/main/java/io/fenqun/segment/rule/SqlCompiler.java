package io.fenqun.segment.rule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Compiles a rule to a parameterised SQL condition. Each condition is wrapped in
 * {@code coalesce(..., false)} so a missing value makes it false rather than unknown, exactly as
 * {@link RuleEvaluator} treats it, and {@code NOT} stays two-valued.
 */
public final class SqlCompiler {

    private final List<Object> parameters = new ArrayList<>();
    private final int first;
    private final Instant now;

    private SqlCompiler(Instant now, int first) {
        this.now = Values.micros(now);
        this.first = first;
    }

    public static SqlCondition compile(Rule rule, Instant now, int firstParameter) {
        SqlCompiler compiler = new SqlCompiler(now, firstParameter);
        String sql = compiler.sql(rule);
        return new SqlCondition(sql, List.copyOf(compiler.parameters));
    }

    private String sql(Rule rule) {
        if (rule instanceof Rule.All all) {
            return all.rules().stream().map(this::sql).collect(Collectors.joining(" AND ", "(", ")"));
        }
        if (rule instanceof Rule.Any any) {
            return any.rules().stream().map(this::sql).collect(Collectors.joining(" OR ", "(", ")"));
        }
        if (rule instanceof Rule.Not not) {
            return "(NOT " + sql(not.rule()) + ")";
        }
        if (rule instanceof Rule.InSegment in) {
            return "EXISTS (SELECT 1 FROM customer_segments m WHERE m.customer_id = c.id"
                    + " AND m.segment_ids @> ARRAY[CAST(" + bind(in.segmentId()) + " AS uuid)])";
        }
        return "coalesce(" + condition((Rule.Condition) rule) + ", false)";
    }

    private String condition(Rule.Condition c) {
        Supplier<String> column = () -> column(c.field());
        List<Object> v = c.values();
        return switch (c.op()) {
            case EQ -> column.get() + " = " + bind(v.get(0));
            case NE -> column.get() + " <> " + bind(v.get(0));
            case LT, BEFORE -> column.get() + " < " + bind(v.get(0));
            case LTE -> column.get() + " <= " + bind(v.get(0));
            case GT, AFTER -> column.get() + " > " + bind(v.get(0));
            case GTE -> column.get() + " >= " + bind(v.get(0));
            case BETWEEN -> "(" + column.get() + " >= " + bind(v.get(0)) + " AND " + column.get() + " <= "
                    + bind(v.get(1)) + ")";
            case IN -> column.get() + " IN " + list(v);
            case NOT_IN -> column.get() + " NOT IN " + list(v);
            case CONTAINS -> "strpos(" + column.get() + ", " + bind(v.get(0)) + ") > 0";
            case WITHIN_LAST_DAYS -> column.get() + " >= " + bind(daysAgo(v.get(0)));
            case MORE_THAN_DAYS_AGO -> column.get() + " < " + bind(daysAgo(v.get(0)));
            case IS_SET -> column.get() + " IS NOT NULL";
            case IS_NOT_SET -> column.get() + " IS NULL";
            case CONTAINS_ANY -> column.get() + " && CAST(ARRAY"
                    + list(v).replace('(', '[').replace(')', ']') + " AS text[])";
            case CONTAINS_ALL -> column.get() + " @> CAST(ARRAY"
                    + list(v).replace('(', '[').replace(')', ']') + " AS text[])";
            case IS_EMPTY -> "coalesce(cardinality(" + column.get() + "), 0) = 0";
            case IS_NOT_EMPTY -> "coalesce(cardinality(" + column.get() + "), 0) > 0";
        };
    }

    /** A field that reads the clock binds now at each place it appears, so parameters stay in text order. */
    private String column(Field field) {
        return field.readsClock() ? field.sql("CAST(" + bind(now) + " AS timestamptz)") : field.sql("");
    }

    /** The instant N days before now, the same boundary {@link RuleEvaluator} uses. */
    private Instant daysAgo(Object days) {
        return now.minus((Long) days, ChronoUnit.DAYS);
    }

    private String list(List<Object> values) {
        return values.stream().map(this::bind).collect(Collectors.joining(", ", "(", ")"));
    }

    private String bind(Object value) {
        parameters.add(value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value);
        return "?" + (first + parameters.size() - 1);
    }
}
