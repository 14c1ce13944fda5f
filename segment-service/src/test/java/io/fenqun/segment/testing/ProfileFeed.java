package io.fenqun.segment.testing;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Profile feed events shaped as the profile service writes them, applied through this service's
 * feed handler in a transaction, as the feed consumer does.
 */
public final class ProfileFeed {

    private static final AtomicLong POSITION = new AtomicLong();
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private ProfileFeed() {}

    public static void apply(String type, UUID subject, Map<String, Object> data) {
        FeedHandler handler = Arc.container()
                .select(FeedHandler.class, Identifier.Literal.of("profile"))
                .get();
        FeedEvent event = new FeedEvent(
                POSITION.incrementAndGet(), Ids.newId(), type, subject.toString(), now(), JSON.valueToTree(data));
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> handler.apply(event)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new customer; {@code attributes} override the defaults (a person in 杭州 with no tags). */
    public static UUID customer(Map<String, Object> attributes) {
        UUID id = Ids.newId();
        Map<String, Object> view = new HashMap<>(Map.of(
                "id", id.toString(),
                "kind", "PERSON",
                "name", "张三",
                "phone", "+8613800000000",
                "address", Map.of("province", "浙江", "city", "杭州", "line", "文三路 1 号"),
                "needs", List.of(),
                "tags", List.of(),
                "status", "ACTIVE",
                "createdAt", now().minusYears(2).toString(),
                "updatedAt", now().toString()));
        view.putAll(attributes);
        apply("customer.created", id, view);
        return id;
    }

    public static UUID order(UUID customer, OffsetDateTime at, String total, String category) {
        return order(customer, Ids.newId(), at, total, category, "PAID");
    }

    public static UUID order(
            UUID customer, UUID orderId, OffsetDateTime at, String total, String category, String status) {
        apply(
                status.equals("PAID") ? "order.recorded" : "order.refunded",
                customer,
                Map.of(
                        "id", orderId.toString(),
                        "customerId", customer.toString(),
                        "orderedAt", at.toString(),
                        "currency", "CNY",
                        "total", new BigDecimal(total),
                        "status", status,
                        "items",
                                List.of(Map.of(
                                        "sku",
                                        "SKU-1",
                                        "name",
                                        "商品",
                                        "category",
                                        category,
                                        "quantity",
                                        1,
                                        "unitPrice",
                                        new BigDecimal(total)))));
        return orderId;
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    public static OffsetDateTime daysAgo(int days) {
        return now().minusDays(days);
    }
}
