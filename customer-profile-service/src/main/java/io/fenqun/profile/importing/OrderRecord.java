package io.fenqun.profile.importing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One valid order row: an order line. Rows sharing an order id form one order; the order total is
 * the row's total when given, else the sum of its lines.
 */
public record OrderRecord(
        long row,
        String source,
        String orderId,
        String customerExternalId,
        String customerPhone,
        OffsetDateTime orderedAt,
        BigDecimal total,
        String currency,
        String channel,
        String store,
        String status,
        String sku,
        String itemName,
        String category,
        BigDecimal quantity,
        BigDecimal unitPrice,
        String couponCode) {}
