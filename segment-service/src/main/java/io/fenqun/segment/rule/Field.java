package io.fenqun.segment.rule;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * A field rules can test: its name in rules, its type, its allowed values (empty: any), what it
 * means, and the SQL column it reads (never shown to clients).
 */
public record Field(
        String name, FieldType type, List<String> allowedValues, String description, @JsonIgnore String column) {

    public List<Operator> operators() {
        return type.operators();
    }
}
