package io.fenqun.segment.report;

import java.time.LocalDate;
import java.util.List;

/**
 * How customers moved between the values of one dimension from the end of one business day to the
 * end of another ("(none)": not a customer here at that time).
 */
public record MigrationMatrix(String dimension, LocalDate from, LocalDate to, List<String> values, List<Cell> cells) {

    public static final String NONE = "(none)";

    public record Cell(String from, String to, long customers) {}
}
