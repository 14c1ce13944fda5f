package io.fenqun.segment.dimension;

import java.util.List;

/**
 * The named RFM segments. The commonly published score ranges overlap and leave gaps, so this is an
 * ordered list: a customer gets the first segment whose ranges hold their (R, F, M) scores, and
 * the ranges are chosen so that every one of the 125 combinations lands somewhere and every name is
 * reachable (RfmSegmentsTest checks both).
 */
public final class RfmSegments {

    record Band(String name, int rFrom, int rTo, int fFrom, int fTo, int mFrom, int mTo) {
        boolean holds(int r, int f, int m) {
            return r >= rFrom && r <= rTo && f >= fFrom && f <= fTo && m >= mFrom && m <= mTo;
        }
    }

    /** Most specific and most valuable first; the last bands of each recency score catch the rest. */
    static final List<Band> PRIORITY = List.of(
            new Band("Champions", 4, 5, 4, 5, 4, 5),
            new Band("Can't Lose Them", 1, 1, 4, 5, 4, 5),
            new Band("At Risk", 1, 2, 3, 5, 3, 5),
            new Band("Loyal", 3, 5, 3, 5, 1, 5),
            new Band("New", 5, 5, 1, 1, 1, 5),
            new Band("Promising", 4, 4, 1, 1, 1, 5),
            new Band("Potential Loyalist", 4, 5, 1, 3, 1, 5),
            new Band("Need Attention", 3, 3, 1, 5, 1, 5),
            new Band("Hibernating", 2, 2, 1, 2, 1, 2),
            new Band("About to Sleep", 2, 2, 1, 5, 1, 5),
            new Band("Lost", 1, 1, 1, 5, 1, 5));

    private RfmSegments() {}

    public static List<String> names() {
        return PRIORITY.stream().map(Band::name).toList();
    }

    /** The segment of scores 1-5. */
    public static String of(int r, int f, int m) {
        return PRIORITY.stream()
                .filter(band -> band.holds(r, f, m))
                .findFirst()
                .map(Band::name)
                .orElseThrow(() -> new IllegalArgumentException("RFM scores must be 1-5: " + r + f + m));
    }

    /**
     * The same mapping as a SQL CASE over three score expressions, for the set-based recompute. Only
     * constants of this class go into the text.
     */
    static String sqlCase(String r, String f, String m) {
        StringBuilder sql = new StringBuilder("CASE");
        for (Band band : PRIORITY) {
            sql.append(" WHEN ")
                    .append(r)
                    .append(" BETWEEN ")
                    .append(band.rFrom())
                    .append(" AND ")
                    .append(band.rTo())
                    .append(" AND ")
                    .append(f)
                    .append(" BETWEEN ")
                    .append(band.fFrom())
                    .append(" AND ")
                    .append(band.fTo())
                    .append(" AND ")
                    .append(m)
                    .append(" BETWEEN ")
                    .append(band.mFrom())
                    .append(" AND ")
                    .append(band.mTo())
                    .append(" THEN '")
                    .append(band.name().replace("'", "''"))
                    .append('\'');
        }
        return sql.append(" END").toString();
    }
}
