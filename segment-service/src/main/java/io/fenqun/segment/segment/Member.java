package io.fenqun.segment.segment;

import io.fenqun.kit.time.Utc;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A current member with the labels a list or an export needs; no personal data lives here. */
public record Member(
        UUID customerId,
        OffsetDateTime enteredAt,
        String rfmSegment,
        String lifecycle,
        String valueTier,
        int ordersTotal,
        BigDecimal spendTotal,
        OffsetDateTime lastPurchaseAt) {

    /** The columns after the customer id and entry time, from {@code customer_facts f}. */
    static final String LABELS =
            "f.rfm_segment, f.lifecycle, f.value_tier, f.orders_total, f.spend_total, f.last_purchase_at";

    /**
     * One page of a segment's current members after a customer id, in id order, for lists and the
     * CSV export: the placeholders (named or positional) for the segment and the last id are given.
     */
    static String pageQuery(String segment, String after, int limit) {
        String segmentId = "CAST(" + segment + " AS uuid)";
        return "SELECT m.customer_id, entry_time(m.segment_ids, m.entered_at, " + segmentId + "), " + LABELS
                + " FROM customer_segments m JOIN customer_facts f ON f.customer_id = m.customer_id"
                + " WHERE m.segment_ids @> ARRAY[" + segmentId + "] AND m.customer_id > " + after
                + " ORDER BY m.customer_id LIMIT " + limit;
    }

    static Member of(Object[] row) {
        return new Member(
                (UUID) row[0],
                Utc.of(row[1]),
                (String) row[2],
                (String) row[3],
                (String) row[4],
                ((Number) row[5]).intValue(),
                (BigDecimal) row[6],
                Utc.of(row[7]));
    }
}
