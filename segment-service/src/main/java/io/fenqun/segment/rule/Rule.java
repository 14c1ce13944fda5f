package io.fenqun.segment.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A parsed, validated segment rule. Build one with {@link RuleParser}. */
public sealed interface Rule {

    /** The segments this rule refers to, at any depth. */
    default Set<UUID> referencedSegments() {
        Set<UUID> ids = new HashSet<>();
        collectReferences(ids);
        return ids;
    }

    void collectReferences(Set<UUID> ids);

    /** The fields this rule tests, at any depth. */
    default Set<Field> fields() {
        Set<Field> fields = new HashSet<>();
        collectFields(fields);
        return fields;
    }

    void collectFields(Set<Field> fields);

    /**
     * Where the outcome can change as days pass with nothing happening to the customer: the stored
     * timestamps that relative dates and day counts test, and the day counts at which they flip.
     */
    default Set<ClockBoundary> clockBoundaries() {
        Set<ClockBoundary> boundaries = new HashSet<>();
        collectClockBoundaries(boundaries);
        return boundaries;
    }

    void collectClockBoundaries(Set<ClockBoundary> boundaries);

    /** Whether the outcome can change as days pass with nothing happening to the customer. */
    default boolean readsClock() {
        return !clockBoundaries().isEmpty();
    }

    /** The rule in the JSON shape clients write. */
    JsonNode toJson();

    record All(List<Rule> rules) implements Rule {
        @Override
        public void collectReferences(Set<UUID> ids) {
            rules.forEach(r -> r.collectReferences(ids));
        }

        @Override
        public void collectFields(Set<Field> fields) {
            rules.forEach(r -> r.collectFields(fields));
        }

        @Override
        public void collectClockBoundaries(Set<ClockBoundary> boundaries) {
            rules.forEach(r -> r.collectClockBoundaries(boundaries));
        }

        @Override
        public JsonNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            rules.forEach(r -> node.withArray("all").add(r.toJson()));
            return node;
        }
    }

    record Any(List<Rule> rules) implements Rule {
        @Override
        public void collectReferences(Set<UUID> ids) {
            rules.forEach(r -> r.collectReferences(ids));
        }

        @Override
        public void collectFields(Set<Field> fields) {
            rules.forEach(r -> r.collectFields(fields));
        }

        @Override
        public void collectClockBoundaries(Set<ClockBoundary> boundaries) {
            rules.forEach(r -> r.collectClockBoundaries(boundaries));
        }

        @Override
        public JsonNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            rules.forEach(r -> node.withArray("any").add(r.toJson()));
            return node;
        }
    }

    record Not(Rule rule) implements Rule {
        @Override
        public void collectReferences(Set<UUID> ids) {
            rule.collectReferences(ids);
        }

        @Override
        public void collectFields(Set<Field> fields) {
            rule.collectFields(fields);
        }

        @Override
        public void collectClockBoundaries(Set<ClockBoundary> boundaries) {
            rule.collectClockBoundaries(boundaries);
        }

        @Override
        public JsonNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.set("not", rule.toJson());
            return node;
        }
    }

    /**
     * A test of one field. {@code values} are normalised: String, Long, BigDecimal, Instant or
     * LocalDate by the field's type; day counts are Long.
     */
    record Condition(Field field, Operator op, List<Object> values) implements Rule {
        @Override
        public void collectReferences(Set<UUID> ids) {}

        @Override
        public void collectFields(Set<Field> fields) {
            fields.add(field);
        }

        /**
         * A relative date flips where its timestamp is the given days before now; a day count where
         * one of the timestamps it counts from is each compared number of days before now. Whether
         * a value is set does not change with time.
         */
        @Override
        public void collectClockBoundaries(Set<ClockBoundary> boundaries) {
            if (op.arity == Operator.Arity.DAYS) {
                boundaries.add(new ClockBoundary(field.column(), (Long) values.get(0)));
            } else if (field.readsClock() && op != Operator.IS_SET && op != Operator.IS_NOT_SET) {
                for (String timestamp : field.countedFrom()) {
                    values.forEach(days -> boundaries.add(new ClockBoundary(timestamp, (Long) days)));
                }
            }
        }

        @Override
        public JsonNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("field", field.name()).put("op", op.json());
            switch (op.arity) {
                case NONE -> {}
                case ONE, DAYS -> node.set("value", json(values.get(0)));
                case TWO, LIST -> {
                    ArrayNode array = node.putArray("value");
                    values.forEach(v -> array.add(json(v)));
                }
            }
            return node;
        }

        private static JsonNode json(Object value) {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            if (value instanceof Long l) {
                return nodes.numberNode(l);
            }
            if (value instanceof BigDecimal d) {
                return nodes.numberNode(d);
            }
            return nodes.textNode(value.toString());
        }
    }

    record InSegment(UUID segmentId) implements Rule {
        @Override
        public void collectReferences(Set<UUID> ids) {
            ids.add(segmentId);
        }

        @Override
        public void collectFields(Set<Field> fields) {}

        /** The referenced segment's own changes in a recompute are evaluated again here. */
        @Override
        public void collectClockBoundaries(Set<ClockBoundary> boundaries) {}

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.objectNode().put("inSegment", segmentId.toString());
        }
    }
}
