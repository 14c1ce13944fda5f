package io.fenqun.segment.rule;

import static io.fenqun.segment.rule.Operator.AFTER;
import static io.fenqun.segment.rule.Operator.BEFORE;
import static io.fenqun.segment.rule.Operator.BETWEEN;
import static io.fenqun.segment.rule.Operator.CONTAINS;
import static io.fenqun.segment.rule.Operator.CONTAINS_ALL;
import static io.fenqun.segment.rule.Operator.CONTAINS_ANY;
import static io.fenqun.segment.rule.Operator.EQ;
import static io.fenqun.segment.rule.Operator.GT;
import static io.fenqun.segment.rule.Operator.GTE;
import static io.fenqun.segment.rule.Operator.IN;
import static io.fenqun.segment.rule.Operator.IS_EMPTY;
import static io.fenqun.segment.rule.Operator.IS_NOT_EMPTY;
import static io.fenqun.segment.rule.Operator.IS_NOT_SET;
import static io.fenqun.segment.rule.Operator.IS_SET;
import static io.fenqun.segment.rule.Operator.LT;
import static io.fenqun.segment.rule.Operator.LTE;
import static io.fenqun.segment.rule.Operator.MORE_THAN_DAYS_AGO;
import static io.fenqun.segment.rule.Operator.NE;
import static io.fenqun.segment.rule.Operator.NOT_IN;
import static io.fenqun.segment.rule.Operator.WITHIN_LAST_DAYS;

import java.util.List;

/** The kinds of value a field holds, and the operators each allows. */
public enum FieldType {
    TEXT(List.of(EQ, NE, IN, NOT_IN, CONTAINS, IS_SET, IS_NOT_SET)),
    ENUM(List.of(EQ, NE, IN, NOT_IN, IS_SET, IS_NOT_SET)),
    INTEGER(List.of(EQ, NE, LT, LTE, GT, GTE, BETWEEN, IN, NOT_IN, IS_SET, IS_NOT_SET)),
    DECIMAL(List.of(EQ, NE, LT, LTE, GT, GTE, BETWEEN, IN, NOT_IN, IS_SET, IS_NOT_SET)),
    TIMESTAMP(List.of(BEFORE, AFTER, BETWEEN, WITHIN_LAST_DAYS, MORE_THAN_DAYS_AGO, IS_SET, IS_NOT_SET)),
    DATE(List.of(EQ, BEFORE, AFTER, BETWEEN, IS_SET, IS_NOT_SET)),
    TEXT_LIST(List.of(CONTAINS_ANY, CONTAINS_ALL, IS_EMPTY, IS_NOT_EMPTY));

    private final List<Operator> operators;

    FieldType(List<Operator> operators) {
        this.operators = operators;
    }

    public List<Operator> operators() {
        return operators;
    }
}
