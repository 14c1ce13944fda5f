package io.fenqun.segment.rule;

/**
 * Where a rule's answer for a customer can change with nothing happening to them: when the stored
 * {@code timestamp} (SQL over {@code customer c} and {@code customer_facts f}) is {@code days}
 * days before the evaluation instant.
 */
public record ClockBoundary(String timestamp, long days) {}
