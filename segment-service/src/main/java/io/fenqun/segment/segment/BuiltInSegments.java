package io.fenqun.segment.segment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fenqun.segment.dimension.RfmSegments;
import java.util.ArrayList;
import java.util.List;

/**
 * Every value of every built-in dimension is a segment too, with a rule on the dimension's field,
 * so memberships, events and reports work alike for "At Risk" and for a custom segment.
 */
public final class BuiltInSegments {

    /** A built-in dimension: its field in the catalogue, its display name and its values in order. */
    public record Dimension(String field, String title, List<String> values) {}

    public record Definition(String dimension, String value, String name, ObjectNode rule) {}

    public static final List<Dimension> DIMENSIONS = List.of(
            new Dimension("frequencyTier", "Frequency", List.of("high", "medium", "low")),
            new Dimension("spendTier", "Spend", List.of("high", "medium", "low")),
            new Dimension("rfmSegment", "RFM", RfmSegments.names()),
            new Dimension("lifecycle", "Lifecycle", List.of("potential", "new", "active", "at_risk", "churned")),
            new Dimension("valueTier", "Value tier", List.of("A", "B", "C")));

    private BuiltInSegments() {}

    public static List<Definition> definitions() {
        List<Definition> all = new ArrayList<>();
        for (Dimension d : DIMENSIONS) {
            for (String value : d.values()) {
                ObjectNode rule = JsonNodeFactory.instance.objectNode();
                rule.put("field", d.field()).put("op", "eq").put("value", value);
                all.add(new Definition(d.field(), value, d.title() + ": " + value.replace('_', ' '), rule));
            }
        }
        return all;
    }

    public static Dimension dimension(String field) {
        return DIMENSIONS.stream()
                .filter(d -> d.field().equals(field))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a built-in dimension: " + field));
    }
}
