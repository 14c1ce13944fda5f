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

    static final String COLUMNS = "m.customer_id, m.entered_at, f.rfm_segment, f.lifecycle, f.value_tier,"
            + " f.orders_total, f.spend_total, f.last_purchase_at";

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
