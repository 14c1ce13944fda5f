package io.fenqun.segment.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Applies profile facts to this service's tables, in the caller's transaction. Payloads are the
 * profile service's views; fields this service does not need (names, contact details) are never read.
 */
@ApplicationScoped
public class ReadModelWriter {

    /** Stores the customer's current state; false when the payload no longer carries it (redacted after erasure). */
    public Uni<Boolean> upsertCustomer(JsonNode c) {
        if (!c.hasNonNull("kind") || !c.hasNonNull("createdAt")) {
            return Uni.createFrom().item(false);
        }
        JsonNode address = c.path("address");
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                """
                                INSERT INTO customer (id, kind, gender, birth_date, province, city, area_type, locality,
                                       industry, company_size, needs, preferred_categories, preferred_channels, tags,
                                       owner_id, membership_tier, created_at, updated_at)
                                VALUES (:id, :kind, :gender, :birthDate, :province, :city, :areaType, :locality,
                                       :industry, :companySize, :needs, :categories, :channels, :tags,
                                       :owner, :tier, :createdAt, :updatedAt)
                                ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, gender = EXCLUDED.gender,
                                       birth_date = EXCLUDED.birth_date, province = EXCLUDED.province,
                                       city = EXCLUDED.city, area_type = EXCLUDED.area_type,
                                       locality = EXCLUDED.locality, industry = EXCLUDED.industry,
                                       company_size = EXCLUDED.company_size, needs = EXCLUDED.needs,
                                       preferred_categories = EXCLUDED.preferred_categories,
                                       preferred_channels = EXCLUDED.preferred_channels, tags = EXCLUDED.tags,
                                       owner_id = EXCLUDED.owner_id, membership_tier = EXCLUDED.membership_tier,
                                       updated_at = EXCLUDED.updated_at""")
                        .setParameter("id", uuid(c, "id"))
                        .setParameter("kind", text(c, "kind"))
                        .setParameter("gender", text(c, "gender"))
                        .setParameter("birthDate", date(c, "birthDate"))
                        .setParameter("province", text(address, "province"))
                        .setParameter("city", text(address, "city"))
                        .setParameter("areaType", text(c, "areaType"))
                        .setParameter("locality", text(c, "locality"))
                        .setParameter("industry", text(c, "industry"))
                        .setParameter("companySize", text(c, "companySize"))
                        .setParameter("needs", texts(c, "needs"))
                        .setParameter("categories", texts(c, "preferredCategories"))
                        .setParameter("channels", texts(c, "preferredChannels"))
                        .setParameter("tags", texts(c, "tags"))
                        .setParameter("owner", text(c, "ownerId"))
                        .setParameter("tier", text(c, "membershipTier"))
                        .setParameter(
                                "createdAt",
                                OffsetDateTime.parse(c.get("createdAt").asText()))
                        .setParameter("updatedAt", timestamp(c, "updatedAt", c.get("createdAt")))
                        .executeUpdate())
                .replaceWith(true);
    }

    public Uni<Void> deleteCustomer(UUID id) {
        return execute("DELETE FROM customer WHERE id = :id", id);
    }

    /** Orders of an erased customer stay as anonymous facts for totals. */
    public Uni<Void> anonymiseOrders(UUID customerId) {
        return execute("UPDATE customer_order SET customer_id = NULL WHERE customer_id = :id", customerId);
    }

    public Uni<Void> moveOrders(UUID from, UUID to) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "UPDATE customer_order SET customer_id = :to WHERE customer_id = :from")
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Stores the order and its lines as they are now; returns the customer it belongs to here (null if unknown). */
    public Uni<UUID> upsertOrder(JsonNode o) {
        UUID orderId = uuid(o, "id");
        UUID customerId = uuid(o, "customerId");
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                """
                                INSERT INTO customer_order (id, customer_id, ordered_at, channel, store, currency, total,
                                       status, coupon_code)
                                SELECT :id, (SELECT id FROM customer WHERE id = :customer), :orderedAt, :channel, :store,
                                       :currency, :total, :status, :coupon
                                ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id,
                                       ordered_at = EXCLUDED.ordered_at, channel = EXCLUDED.channel,
                                       store = EXCLUDED.store, currency = EXCLUDED.currency, total = EXCLUDED.total,
                                       status = EXCLUDED.status, coupon_code = EXCLUDED.coupon_code
                                RETURNING customer_id""",
                                UUID.class)
                        .setParameter("id", orderId)
                        .setParameter("customer", customerId)
                        .setParameter(
                                "orderedAt",
                                OffsetDateTime.parse(o.get("orderedAt").asText()))
                        .setParameter("channel", text(o, "channel"))
                        .setParameter("store", text(o, "store"))
                        .setParameter("currency", text(o, "currency"))
                        .setParameter("total", new BigDecimal(o.get("total").asText()))
                        .setParameter("status", text(o, "status"))
                        .setParameter("coupon", text(o, "couponCode"))
                        .getResultList()
                        .call(ignored -> s.createNativeQuery("DELETE FROM order_item WHERE order_id = :id")
                                .setParameter("id", orderId)
                                .executeUpdate())
                        .call(ignored -> insertItems(s, orderId, o.path("items"))))
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Uni<Void> upsertConsent(UUID customerId, JsonNode current) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                """
                                INSERT INTO consent (customer_id, channel, purpose, status, changed_at)
                                SELECT id, :channel, :purpose, :status, :changedAt FROM customer WHERE id = :customer
                                ON CONFLICT (customer_id, channel, purpose) DO UPDATE SET status = EXCLUDED.status,
                                       changed_at = EXCLUDED.changed_at""")
                        .setParameter("customer", customerId)
                        .setParameter("channel", text(current, "channel"))
                        .setParameter("purpose", text(current, "purpose"))
                        .setParameter("status", text(current, "status"))
                        .setParameter(
                                "changedAt",
                                OffsetDateTime.parse(current.get("changedAt").asText()))
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> updatePoints(UUID customerId, long balance, String tier) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("UPDATE customer SET points_balance = :balance,"
                                + " membership_tier = coalesce(:tier, membership_tier) WHERE id = :id")
                        .setParameter("balance", balance)
                        .setParameter("tier", tier)
                        .setParameter("id", customerId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Integer> insertItems(org.hibernate.reactive.mutiny.Mutiny.Session s, UUID orderId, JsonNode items) {
        if (!items.isArray() || items.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<String> skus = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        List<BigDecimal> prices = new ArrayList<>();
        for (JsonNode item : items) {
            skus.add(text(item, "sku"));
            names.add(text(item, "name"));
            categories.add(text(item, "category"));
            quantities.add(item.path("quantity").asInt());
            prices.add(new BigDecimal(item.path("unitPrice").asText("0")));
        }
        return s.createNativeQuery(
                        """
                        INSERT INTO order_item (order_id, line, sku, name, category, quantity, unit_price)
                        SELECT :order, ordinality, sku, name, category, quantity, unit_price
                          FROM unnest(CAST(:skus AS text[]), CAST(:names AS text[]), CAST(:categories AS text[]),
                                      CAST(:quantities AS int[]), CAST(:prices AS numeric[]))
                               WITH ORDINALITY AS i(sku, name, category, quantity, unit_price, ordinality)""")
                .setParameter("order", orderId)
                .setParameter("skus", skus.toArray(String[]::new))
                .setParameter("names", names.toArray(String[]::new))
                .setParameter("categories", categories.toArray(String[]::new))
                .setParameter("quantities", quantities.toArray(Integer[]::new))
                .setParameter("prices", prices.toArray(BigDecimal[]::new))
                .executeUpdate();
    }

    private Uni<Void> execute(String sql, UUID id) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(sql).setParameter("id", id).executeUpdate())
                .replaceWithVoid();
    }

    static UUID uuid(JsonNode node, String field) {
        return node.hasNonNull(field) ? UUID.fromString(node.get(field).asText()) : null;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** A birth date that is not a full date (a masked one) is as good as none for classification. */
    private static LocalDate date(JsonNode node, String field) {
        try {
            return node.hasNonNull(field) ? LocalDate.parse(node.get(field).asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static OffsetDateTime timestamp(JsonNode node, String field, JsonNode fallback) {
        return OffsetDateTime.parse(node.hasNonNull(field) ? node.get(field).asText() : fallback.asText());
    }

    private static String[] texts(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        node.path(field).forEach(v -> values.add(v.asText()));
        return values.toArray(String[]::new);
    }
}
