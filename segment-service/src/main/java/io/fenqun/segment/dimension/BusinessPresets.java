package io.fenqun.segment.dimension;

import io.fenqun.segment.dimension.Thresholds.BusinessType;
import java.math.BigDecimal;
import java.util.List;

/**
 * Starting thresholds per kind of business: a grocer's customers buy weekly, a jeweller's a few
 * times a year, a B2B buyer on contract cycles.
 */
public final class BusinessPresets {

    private static final BigDecimal PARETO_A = new BigDecimal("0.70");
    private static final BigDecimal PARETO_B = new BigDecimal("0.90");

    public static final List<Thresholds> ALL = List.of(
            new Thresholds(
                    BusinessType.FRESH_PRODUCE,
                    30,
                    4,
                    2,
                    30,
                    new BigDecimal("800"),
                    new BigDecimal("200"),
                    14,
                    30,
                    90,
                    PARETO_A,
                    PARETO_B),
            new Thresholds(
                    BusinessType.JEWELLERY,
                    365,
                    3,
                    2,
                    365,
                    new BigDecimal("50000"),
                    new BigDecimal("10000"),
                    90,
                    365,
                    730,
                    PARETO_A,
                    PARETO_B),
            new Thresholds(
                    BusinessType.RETAIL_SHOP,
                    90,
                    6,
                    2,
                    90,
                    new BigDecimal("2000"),
                    new BigDecimal("500"),
                    30,
                    90,
                    180,
                    PARETO_A,
                    PARETO_B),
            new Thresholds(
                    BusinessType.B2B,
                    365,
                    12,
                    4,
                    365,
                    new BigDecimal("1000000"),
                    new BigDecimal("100000"),
                    90,
                    180,
                    365,
                    PARETO_A,
                    PARETO_B));

    /** Used until someone chooses: the neighbourhood shop sits between the extremes. */
    public static final Thresholds DEFAULT = of(BusinessType.RETAIL_SHOP);

    private BusinessPresets() {}

    public static Thresholds of(BusinessType type) {
        return ALL.stream()
                .filter(t -> t.businessType() == type)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no preset for " + type));
    }
}
