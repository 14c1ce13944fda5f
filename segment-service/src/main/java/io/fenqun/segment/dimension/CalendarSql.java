package io.fenqun.segment.dimension;

/** SQL for values that grow with the calendar, computed when read rather than stored. */
public final class CalendarSql {

    private CalendarSql() {}

    /** Whole days from {@code timestamp} to {@code now} (both SQL), never negative; NULL when there is no timestamp. */
    public static String daysSince(String timestamp, String now) {
        return "greatest(0, floor(extract(epoch FROM (" + now + " - " + timestamp + ")) / 86400))::int";
    }
}
