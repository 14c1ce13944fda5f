package io.fenqun.campaign.conversion;

import io.fenqun.campaign.coupon.CouponCodes;
import io.fenqun.campaign.db.NativeSql;
import io.fenqun.campaign.delivery.DeliveryEvent;
import io.fenqun.kit.feed.OutboxWriter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Attributes a paid order to the campaigns that reached the customer: the coupon it carries is
 * redeemed, and every message sent (or held out, for the control group) within its campaign's
 * conversion window converts once. Runs in the feed consumer's transaction.
 */
@ApplicationScoped
public class Conversions {

    private final OutboxWriter outbox;

    public Conversions(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> paidOrder(UUID customer, UUID order, OffsetDateTime at, BigDecimal total, String couponCode) {
        return redeem(customer, order, at, CouponCodes.normalise(couponCode))
                .flatMap(couponDelivery -> convert(customer, order, at, total, couponDelivery));
    }

    /** The delivery whose coupon this order redeemed, or null. */
    private Uni<UUID> redeem(UUID customer, UUID order, OffsetDateTime at, String code) {
        if (code == null || code.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return NativeSql.of(
                        """
                        UPDATE coupon SET redeemed_at = :at, order_id = :order
                         WHERE code = :code AND customer_id = :customer AND redeemed_at IS NULL
                           AND valid_from <= :at AND :at <= valid_until
                        RETURNING delivery_id, campaign_id""")
                .bind("at", at)
                .bind("order", order)
                .bind("code", code)
                .bind("customer", customer)
                .rows()
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    UUID delivery = (UUID) rows.get(0)[0];
                    UUID campaign = (UUID) rows.get(0)[1];
                    return outbox.append(
                                    CouponRedeemed.TYPE,
                                    customer,
                                    new CouponRedeemed(code, campaign, delivery, customer, order, at))
                            .replaceWith(delivery);
                });
    }

    private Uni<Void> convert(UUID customer, UUID order, OffsetDateTime at, BigDecimal total, UUID couponDelivery) {
        return NativeSql.of(
                        """
                        UPDATE delivery d SET converted_at = :at, conversion_order_id = :order, conversion_revenue = :total
                          FROM campaign c
                         WHERE c.id = d.campaign_id AND d.customer_id = :customer AND d.converted_at IS NULL
                           AND d.status IN ('SENT', 'DELIVERED', 'HOLDOUT')
                           AND (d.id = CAST(:couponDelivery AS uuid)
                                OR (coalesce(d.sent_at, d.planned_at) <= :at
                                    AND :at < coalesce(d.sent_at, d.planned_at) + make_interval(
                                        days => coalesce(CAST(c.definition ->> 'conversionWindowDays' AS int), 7))))
                        RETURNING d.id, d.campaign_id, d.channel, d.variant, d.segment_id, d.status""")
                .bind("at", at)
                .bind("order", order)
                .bind("total", total)
                .bind("customer", customer)
                .bind("couponDelivery", couponDelivery)
                .rows()
                .flatMap(rows -> {
                    List<UUID> subjects = new ArrayList<>();
                    List<DeliveryEvent> events = new ArrayList<>();
                    for (Object[] r : rows) {
                        if ("HOLDOUT".equals(r[5])) {
                            continue; // the control group converts silently: nothing was sent to respond to
                        }
                        subjects.add(customer);
                        events.add(new DeliveryEvent(
                                (UUID) r[0],
                                (UUID) r[1],
                                customer,
                                (String) r[2],
                                (String) r[3],
                                (UUID) r[4],
                                "CONVERTED",
                                total,
                                at));
                    }
                    return outbox.appendAll(DeliveryEvent.RESPONDED, subjects, events);
                })
                .replaceWithVoid();
    }
}
