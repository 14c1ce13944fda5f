package io.fenqun.campaign.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenqun.kit.feed.FeedEvent;
import io.fenqun.kit.feed.FeedHandler;
import io.fenqun.kit.ids.Ids;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Identifier;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events of the profile and segment feeds, shaped as those services write them, applied through
 * this service's feed handlers in a transaction, as the feed consumers do.
 */
public final class Feeds {

    private static final AtomicLong POSITION = new AtomicLong();
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private Feeds() {}

    public static UUID apply(String feed, String type, UUID subject, Map<String, Object> data) {
        FeedHandler handler = Arc.container()
                .select(FeedHandler.class, Identifier.Literal.of(feed))
                .get();
        UUID id = Ids.newId();
        FeedEvent event =
                new FeedEvent(POSITION.incrementAndGet(), id, type, subject.toString(), now(), JSON.valueToTree(data));
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> handler.apply(event)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    public static UUID customer(String birthDate) {
        UUID id = Ids.newId();
        Map<String, Object> view = new HashMap<>(Map.of("id", id.toString(), "kind", "PERSON", "status", "ACTIVE"));
        if (birthDate != null) {
            view.put("birthDate", birthDate);
        }
        apply("profile", "customer.created", id, view);
        return id;
    }

    public static void consent(UUID customer, String channel, String purpose, boolean granted) {
        apply(
                "profile",
                "consent.changed",
                customer,
                Map.of(
                        "customerId", customer.toString(),
                        "current",
                                Map.of(
                                        "channel",
                                        channel,
                                        "purpose",
                                        purpose,
                                        "status",
                                        granted ? "GRANTED" : "WITHDRAWN",
                                        "changedAt",
                                        now().toString())));
    }

    public static void entered(UUID segment, UUID customer) {
        apply(
                "segment",
                "segment.entered",
                customer,
                Map.of("segmentId", segment.toString(), "segmentName", "At Risk", "at", now().toString()));
    }

    public static void exited(UUID segment, UUID customer) {
        apply(
                "segment",
                "segment.exited",
                customer,
                Map.of("segmentId", segment.toString(), "segmentName", "At Risk", "at", now().toString()));
    }

    public static UUID order(UUID customer, OffsetDateTime at, String total, String couponCode) {
        UUID order = Ids.newId();
        Map<String, Object> data = new HashMap<>(Map.of(
                "id",
                order.toString(),
                "customerId",
                customer.toString(),
                "orderedAt",
                at.toString(),
                "currency",
                "CNY",
                "total",
                new BigDecimal(total),
                "status",
                "PAID"));
        if (couponCode != null) {
            data.put("couponCode", couponCode);
        }
        apply("profile", "order.recorded", customer, data);
        return order;
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
