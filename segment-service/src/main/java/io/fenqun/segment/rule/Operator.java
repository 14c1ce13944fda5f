package io.fenqun.segment.rule;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Comparison operators of a condition, by the name rules use in JSON. */
public enum Operator {
    EQ("eq", Arity.ONE),
    NE("ne", Arity.ONE),
    LT("lt", Arity.ONE),
    LTE("lte", Arity.ONE),
    GT("gt", Arity.ONE),
    GTE("gte", Arity.ONE),
    BETWEEN("between", Arity.TWO),
    IN("in", Arity.LIST),
    NOT_IN("notIn", Arity.LIST),
    CONTAINS("contains", Arity.ONE),
    BEFORE("before", Arity.ONE),
    AFTER("after", Arity.ONE),
    WITHIN_LAST_DAYS("withinLastDays", Arity.DAYS),
    MORE_THAN_DAYS_AGO("moreThanDaysAgo", Arity.DAYS),
    CONTAINS_ANY("containsAny", Arity.LIST),
    CONTAINS_ALL("containsAll", Arity.LIST),
    IS_SET("isSet", Arity.NONE),
    IS_NOT_SET("isNotSet", Arity.NONE),
    IS_EMPTY("isEmpty", Arity.NONE),
    IS_NOT_EMPTY("isNotEmpty", Arity.NONE);

    /** What the {@code value} of a condition holds. */
    enum Arity {
        NONE,
        ONE,
        TWO,
        LIST,
        DAYS
    }

    private final String json;
    final Arity arity;

    Operator(String json, Arity arity) {
        this.json = json;
        this.arity = arity;
    }

    @JsonValue
    public String json() {
        return json;
    }

    static Optional<Operator> of(String json) {
        return Arrays.stream(values()).filter(o -> o.json.equals(json)).findFirst();
    }
}
