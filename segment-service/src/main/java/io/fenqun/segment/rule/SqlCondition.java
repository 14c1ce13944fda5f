package io.fenqun.segment.rule;

import java.util.List;

/**
 * A rule as a SQL condition over {@code customer c JOIN customer_facts f}, with every value bound
 * as a parameter: {@code ?1, ?2 ...} placeholders (Hibernate native queries), numbered from the
 * compiler's first parameter in the order of {@code parameters}.
 */
public record SqlCondition(String sql, List<Object> parameters) {

    /** The same condition with plain {@code ?} placeholders, for JDBC. */
    public String jdbcSql() {
        return sql.replaceAll("\\?\\d+", "?");
    }
}
