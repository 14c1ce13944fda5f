package io.fenqun.segment.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One segment now and over time. Revenue, orders and frequency are over the last 365 days; shares
 * are of all customers and of all their revenue.
 */
public record SegmentReport(
        UUID segmentId,
        String name,
        long members,
        long customers,
        BigDecimal share,
        BigDecimal revenue,
        BigDecimal revenueShare,
        BigDecimal averageOrderValue,
        BigDecimal averageFrequency,
        List<Day> trend) {

    /** A daily snapshot. */
    public record Day(LocalDate day, int members, BigDecimal share, BigDecimal revenueShare) {}
}
