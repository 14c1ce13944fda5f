package io.fenqun.segment.dimension;

import java.time.Duration;

/** SQL for values that grow with the calendar, computed when read rather than stored. */
public final class CalendarSql {

    /**
     * How far to widen a range of timestamps a day-count boundary moved across: day counts round
     * down to whole days and a date has no time of day, so a boundary is only known to within a
     * day. Extra customers in a range cost a little work; a missing one would keep a wrong label or
     * membership.
     */
    public static final Duration BOUNDARY_MARGIN = Duration.ofDays(2);

    private CalendarSql() {}

    /** Whole days from {@code timestamp} to {@code now} (both SQL), never negative; NULL when there is no timestamp. */
    public static String daysSince(String timestamp, String now) {
        return "greatest(0, floor(extract(epoch FROM (" + now + " - " + timestamp + ")) / 86400))::int";
    }

    /**
     * The time (SQL) after which {@link #daysSince} a timestamp to {@code now} is at most {@code
     * days} (both SQL): its exact inverse, in seconds, so in any time zone.
     */
    public static String afterWhichDaysSinceAtMost(String days, String now) {
        return "(" + now + " - make_interval(secs => (" + days + " + 1) * 86400))";
    }
}
