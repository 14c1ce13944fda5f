package io.fenqun.segment.rule;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/** Reads a rule from JSON against the field catalogue, collecting every error with the path of its node. */
public final class RuleParser {

    static final int MAX_DEPTH = 10;
    static final int MAX_NODES = 200;
    static final long MAX_DAYS = 36_500;

    private final FieldCatalogue catalogue;

    public RuleParser(FieldCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public Rule parse(JsonNode json, String path) {
        List<RuleError> errors = new ArrayList<>();
        int[] nodes = {0};
        Rule rule = node(json, path, 1, nodes, errors);
        if (nodes[0] > MAX_NODES) {
            errors.add(new RuleError(path, "has " + nodes[0] + " nodes; at most " + MAX_NODES + " are allowed"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRuleException(errors);
        }
        return rule;
    }

    private Rule node(JsonNode json, String path, int depth, int[] nodes, List<RuleError> errors) {
        nodes[0]++;
        if (json == null || !json.isObject()) {
            errors.add(new RuleError(path, "must be an object with all, any, not, field or inSegment"));
            return null;
        }
        if (depth > MAX_DEPTH) {
            errors.add(new RuleError(path, "nests deeper than " + MAX_DEPTH + " levels"));
            return null;
        }
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        if (json.has("field")) {
            return condition(json, path, keys, errors);
        }
        if (keys.size() != 1) {
            errors.add(new RuleError(path, "must have exactly one of all, any, not, field or inSegment, not " + keys));
            return null;
        }
        String key = keys.get(0);
        JsonNode value = json.get(key);
        String at = path + "." + key;
        switch (key) {
            case "all", "any" -> {
                if (!value.isArray() || value.isEmpty()) {
                    errors.add(new RuleError(at, "must be a non-empty array of rules"));
                    return null;
                }
                List<Rule> rules = new ArrayList<>();
                Iterator<JsonNode> items = value.elements();
                for (int i = 0; items.hasNext(); i++) {
                    rules.add(node(items.next(), at + "[" + i + "]", depth + 1, nodes, errors));
                }
                return key.equals("all") ? new Rule.All(rules) : new Rule.Any(rules);
            }
            case "not" -> {
                Rule inner = node(value, at, depth + 1, nodes, errors);
                return new Rule.Not(inner);
            }
            case "inSegment" -> {
                try {
                    return new Rule.InSegment(UUID.fromString(value.asText()));
                } catch (IllegalArgumentException e) {
                    errors.add(new RuleError(at, "must be a segment id"));
                    return null;
                }
            }
            default -> {
                errors.add(new RuleError(at, "is not a rule keyword; use all, any, not, field or inSegment"));
                return null;
            }
        }
    }

    private Rule condition(JsonNode json, String path, List<String> keys, List<RuleError> errors) {
        for (String key : keys) {
            if (!List.of("field", "op", "value").contains(key)) {
                errors.add(new RuleError(path + "." + key, "is not allowed in a condition (field, op, value)"));
            }
        }
        String name = json.get("field").asText();
        Field field = catalogue.field(name).orElse(null);
        if (field == null) {
            errors.add(
                    new RuleError(path + ".field", "'" + name + "' is not a field; see GET /api/v1/segments/fields"));
            return null;
        }
        JsonNode opNode = json.get("op");
        Operator op = opNode == null || !opNode.isTextual()
                ? null
                : Operator.of(opNode.asText()).orElse(null);
        if (op == null || !field.operators().contains(op)) {
            errors.add(new RuleError(
                    path + ".op",
                    "must be one of "
                            + field.operators().stream().map(Operator::json).toList() + " for " + name));
            return null;
        }
        String at = path + ".value";
        JsonNode value = json.get("value");
        List<Object> values = new ArrayList<>();
        switch (op.arity) {
            case NONE -> {
                if (value != null) {
                    errors.add(new RuleError(at, "is not used by " + op.json()));
                }
            }
            case ONE -> values.add(scalar(field, value, at, errors));
            case DAYS -> {
                if (value == null
                        || !value.canConvertToExactIntegral()
                        || value.asLong() < 0
                        || value.asLong() > MAX_DAYS) {
                    errors.add(new RuleError(at, "must be a whole number of days from 0 to " + MAX_DAYS));
                } else {
                    values.add(value.asLong());
                }
            }
            case TWO -> {
                if (value == null || !value.isArray() || value.size() != 2) {
                    errors.add(new RuleError(at, "must be [from, to]"));
                } else {
                    Object from = scalar(field, value.get(0), at + "[0]", errors);
                    Object to = scalar(field, value.get(1), at + "[1]", errors);
                    if (from != null && to != null && Values.compare(from, to) > 0) {
                        errors.add(new RuleError(at, "from must not be after to"));
                    }
                    values.add(from);
                    values.add(to);
                }
            }
            case LIST -> {
                if (value == null || !value.isArray() || value.isEmpty() || value.size() > 1000) {
                    errors.add(new RuleError(at, "must be a list of 1 to 1000 values"));
                } else {
                    for (int i = 0; i < value.size(); i++) {
                        values.add(scalar(field, value.get(i), at + "[" + i + "]", errors));
                    }
                }
            }
        }
        return new Rule.Condition(field, op, values);
    }

    /** One value of the field's type, or null with an error. */
    private static Object scalar(Field field, JsonNode value, String at, List<RuleError> errors) {
        if (value == null || value.isNull()) {
            errors.add(new RuleError(at, "is required"));
            return null;
        }
        try {
            Object parsed =
                    switch (field.type()) {
                        case TEXT, ENUM, TEXT_LIST -> value.isTextual()
                                        && !value.asText().isEmpty()
                                        && value.asText().length() <= 200
                                ? value.asText()
                                : null;
                        case INTEGER -> value.isNumber()
                                        && value.canConvertToExactIntegral()
                                        && value.canConvertToLong()
                                ? value.asLong()
                                : null;
                        case DECIMAL -> value.isNumber() ? new BigDecimal(value.asText()) : null;
                        case TIMESTAMP -> value.isTextual()
                                ? Values.micros(
                                        OffsetDateTime.parse(value.asText()).toInstant())
                                : null;
                        case DATE -> value.isTextual() ? LocalDate.parse(value.asText()) : null;
                    };
            if (parsed == null) {
                errors.add(new RuleError(at, "must be " + expected(field.type())));
                return null;
            }
            if (!field.allowedValues().isEmpty() && !field.allowedValues().contains(parsed)) {
                errors.add(new RuleError(at, "must be one of " + field.allowedValues()));
                return null;
            }
            return parsed;
        } catch (DateTimeParseException | NumberFormatException e) {
            errors.add(new RuleError(at, "must be " + expected(field.type())));
            return null;
        }
    }

    private static String expected(FieldType type) {
        return switch (type) {
            case TEXT, ENUM, TEXT_LIST -> "text of 1 to 200 characters";
            case INTEGER -> "a whole number";
            case DECIMAL -> "a number";
            case TIMESTAMP -> "an ISO-8601 instant with offset, e.g. 2026-01-31T00:00:00Z";
            case DATE -> "a date, yyyy-MM-dd";
        };
    }
}
