package io.fenqun.segment.rule;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fenqun.segment.dimension.CalendarSql;
import java.util.List;

/**
 * A field rules can test: its name in rules, its type, its allowed values (empty: any), what it
 * means, and the SQL it reads (never shown to clients; see {@link #sql}).
 *
 * <p>A day count ({@code countedFrom} not empty) is the whole days from the first of those stored
 * timestamps that is set to the evaluation instant: it ages with the calendar, so it is computed
 * when read rather than stored.
 */
public record Field(
        String name,
        FieldType type,
        List<String> allowedValues,
        String description,
        @JsonIgnore String column,
        @JsonIgnore List<String> countedFrom) {

    /** A field read from a stored column. */
    static Field stored(String name, FieldType type, List<String> allowedValues, String description, String column) {
        return new Field(name, type, allowedValues, description, column, List.of());
    }

    /** A whole number of days from the first set of {@code timestamps} to the evaluation instant. */
    static Field daysSince(String name, String description, String... timestamps) {
        String from = timestamps.length == 1 ? timestamps[0] : "coalesce(" + String.join(", ", timestamps) + ")";
        return new Field(name, FieldType.INTEGER, List.of(), description, from, List.of(timestamps));
    }

    public List<Operator> operators() {
        return type.operators();
    }

    /** The SQL that reads this field, {@code now} being the SQL of the evaluation instant. */
    public String sql(String now) {
        return readsClock() ? CalendarSql.daysSince(column, now) : column;
    }

    /** Whether this field reads the {@code customer_facts} column {@code column}. */
    public boolean readsFact(String column) {
        String qualified = "f." + column;
        return this.column.equals(qualified) || countedFrom.contains(qualified);
    }

    /** Whether this field reads the customer's own row ({@code customer c}) rather than only their facts. */
    public boolean readsCustomer() {
        return column.startsWith("c.") || countedFrom.stream().anyMatch(timestamp -> timestamp.startsWith("c."));
    }

    /** Whether the value changes as days pass without anything happening to the customer. */
    public boolean readsClock() {
        return !countedFrom.isEmpty();
    }
}
