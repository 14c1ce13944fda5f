package io.fenqun.segment.rule;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * A field rules can test: its name in rules, its type, its allowed values (empty: any), what it
 * means, and the SQL it reads (never shown to clients; see {@link #sql}).
 */
public record Field(
        String name, FieldType type, List<String> allowedValues, String description, @JsonIgnore String column) {

    /** Where a column reads the evaluation instant: fields that age with the calendar are computed when read. */
    public static final String NOW = "{now}";

    public List<Operator> operators() {
        return type.operators();
    }

    /** The SQL that reads this field, {@code now} being the SQL of the evaluation instant. */
    public String sql(String now) {
        return column.replace(NOW, now);
    }

    /** Whether the value changes as days pass without anything happening to the customer. */
    public boolean readsClock() {
        return column.contains(NOW);
    }
}
