package io.fenqun.segment.report;

import java.math.BigDecimal;
import java.util.List;

/** Every dimension's distribution in one answer, for dashboards. */
public record DimensionOverview(long customers, BigDecimal revenue, List<Dimension> dimensions) {

    public record Dimension(String field, String title, boolean builtIn, List<Value> values) {}

    /** Customers (and their last-365-days revenue) with this value; list fields count a customer once per value. */
    public record Value(String value, long customers, BigDecimal share, BigDecimal revenueShare) {}
}
