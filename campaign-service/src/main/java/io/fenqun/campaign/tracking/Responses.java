package io.fenqun.campaign.tracking;

import io.fenqun.campaign.db.NativeSql;
import io.fenqun.campaign.delivery.DeliveryEvent;
import io.fenqun.kit.feed.OutboxWriter;
import io.fenqun.kit.time.Utc;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What recipients and providers report about a sent message: delivered or failed (provider
 * callbacks), opened, clicked, unsubscribed (tracking links). Each is recorded once, the first
 * time, and announced as {@code delivery.responded}.
 */
@ApplicationScoped
public class Responses {

    public enum Kind {
        DELIVERED,
        FAILED,
        OPENED,
        CLICKED,
        UNSUBSCRIBED
    }

    private static final String RETURNING = " RETURNING id, campaign_id, customer_id, channel, variant, segment_id";

    private final OutboxWriter outbox;

    public Responses(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** Records a response; false when it was already recorded or the message was never sent. */
    @WithTransaction
    public Uni<Boolean> record(UUID delivery, Kind kind, String detail) {
        OffsetDateTime now = Utc.now();
        String sent = " AND status IN ('SENT', 'DELIVERED')";
        String sql =
                switch (kind) {
                    case DELIVERED -> "UPDATE delivery SET status = 'DELIVERED', delivered_at = :now"
                            + " WHERE id = :id AND status = 'SENT'";
                    case FAILED -> "UPDATE delivery SET status = 'FAILED', reason = :detail"
                            + " WHERE id = :id AND status IN ('SENT', 'DELIVERED')";
                    case OPENED -> "UPDATE delivery SET opened_at = :now WHERE id = :id AND opened_at IS NULL" + sent;
                    case CLICKED -> "UPDATE delivery SET clicked_at = :now, opened_at = coalesce(opened_at, :now)"
                            + " WHERE id = :id AND clicked_at IS NULL" + sent;
                    case UNSUBSCRIBED -> "UPDATE delivery SET unsubscribed_at = :now"
                            + " WHERE id = :id AND unsubscribed_at IS NULL" + sent;
                };
        return NativeSql.of(sql + RETURNING)
                .bind("id", delivery)
                .bind("now", now)
                .bind("detail", detail)
                .rows()
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    Object[] r = rows.get(0);
                    UUID customer = (UUID) r[2];
                    DeliveryEvent event = new DeliveryEvent(
                            (UUID) r[0],
                            (UUID) r[1],
                            customer,
                            (String) r[3],
                            (String) r[4],
                            (UUID) r[5],
                            kind.name(),
                            null,
                            now);
                    Uni<Void> unsubscribe = kind == Kind.UNSUBSCRIBED
                            ? NativeSql.of(
                                            """
                                            INSERT INTO unsubscription (customer_id, channel, campaign_id, at)
                                            VALUES (:customer, :channel, :campaign, :now) ON CONFLICT DO NOTHING""")
                                    .bind("customer", customer)
                                    .bind("channel", r[3])
                                    .bind("campaign", r[1])
                                    .bind("now", now)
                                    .update()
                                    .replaceWithVoid()
                            : Uni.createFrom().voidItem();
                    return unsubscribe
                            .flatMap(ignored ->
                                    outbox.appendAll(DeliveryEvent.RESPONDED, List.of(customer), List.of(event)))
                            .replaceWith(true);
                });
    }

    /** Where a click goes: the landing page of the message's campaign. */
    @WithTransaction
    public Uni<String> landingPage(UUID delivery) {
        return NativeSql.of(
                        "SELECT c.definition ->> 'landingUrl' FROM delivery d JOIN campaign c ON c.id = d.campaign_id"
                                + " WHERE d.id = :id")
                .bind("id", delivery)
                .value()
                .map(url -> (String) url);
    }

    /** The delivery a provider's message id belongs to. */
    @WithTransaction
    public Uni<UUID> byProviderMessage(String providerMessageId) {
        return NativeSql.of("SELECT id FROM delivery WHERE provider_message_id = :pid")
                .bind("pid", providerMessageId)
                .value()
                .map(id -> (UUID) id);
    }
}
