package io.fenqun.profile.order;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An order as the API and the feed show it. */
public record OrderView(
        UUID id,
        UUID customerId,
        OrderInput.ExternalRef external,
        OffsetDateTime orderedAt,
        String channel,
        String store,
        String currency,
        BigDecimal total,
        CustomerOrder.Status status,
        List<OrderInput.Line> items,
        String couponCode,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static OrderView of(CustomerOrder o) {
        return new OrderView(
                o.id,
                o.customerId,
                o.externalSource == null ? null : new OrderInput.ExternalRef(o.externalSource, o.externalId),
                o.orderedAt,
                o.channel,
                o.store,
                o.currency,
                o.total,
                o.status,
                o.items.stream()
                        .map(i -> new OrderInput.Line(i.sku, i.name, i.category, i.quantity, i.unitPrice))
                        .toList(),
                o.couponCode,
                o.version,
                o.createdAt,
                o.updatedAt);
    }
}
