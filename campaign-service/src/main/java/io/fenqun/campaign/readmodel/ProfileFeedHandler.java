package io.fenqun.campaign.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenqun.campaign.conversion.Conversions;
import io.fenqun.campaign.planning.TriggerPlanner;
import io.fenqun.kit.feed.FeedEvent;
import io.fenqun.kit.feed.FeedHandler;
import io.fenqun.kit.time.Utc;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Follows the profile feed: consents (so a withdrawal stops the very next message), birthdays,
 * buying habits, when loyalty points expire, coupon redemptions and conversions, erasure; and
 * fires campaigns triggered by profile events.
 */
@ApplicationScoped
@Identifier("profile")
public class ProfileFeedHandler implements FeedHandler {

    /** A first order older than this is history (an import, a late feed), not a moment to welcome anyone. */
    static final Duration RECENT_ORDER = Duration.ofDays(2);

    private final ReadModelWriter readModel;
    private final Conversions conversions;
    private final TriggerPlanner triggers;

    public ProfileFeedHandler(ReadModelWriter readModel, Conversions conversions, TriggerPlanner triggers) {
        this.readModel = readModel;
        this.conversions = conversions;
        this.triggers = triggers;
    }

    @Override
    public Uni<Void> apply(FeedEvent event) {
        JsonNode data = event.data();
        OffsetDateTime now = Utc.now();
        return switch (event.type()) {
            case "customer.created", "customer.updated" -> "ACTIVE"
                            .equals(data.path("status").asText("ACTIVE"))
                    ? readModel
                            .customer(uuid(data, "id"), birthDate(data))
                            .flatMap(ignored -> triggers.fire(event, uuid(data, "id"), null, false, now))
                    : Uni.createFrom().voidItem();
            case "customer.erased", "customer.merged" -> readModel.forget(uuid(data, "id"));
            case "consent.changed" -> {
                JsonNode current = data.path("current");
                yield readModel.consent(
                        uuid(data, "customerId"),
                        current.path("channel").asText(),
                        current.path("purpose").asText(),
                        "GRANTED".equals(current.path("status").asText()),
                        OffsetDateTime.parse(current.path("changedAt").asText()));
            }
            case "order.recorded" -> "PAID".equals(data.path("status").asText("PAID"))
                    ? paidOrder(event, data, now)
                    : Uni.createFrom().voidItem();
            case "points.changed" -> readModel
                    .pointsExpiry(
                            uuid(data, "customerId"),
                            data.hasNonNull("nextExpiry")
                                    ? OffsetDateTime.parse(
                                            data.get("nextExpiry").asText())
                                    : null)
                    .flatMap(ignored -> triggers.fire(event, uuid(data, "customerId"), null, false, now));
            default -> customerOf(event) == null
                    ? Uni.createFrom().voidItem()
                    : triggers.fire(event, customerOf(event), null, false, now);
        };
    }

    private Uni<Void> paidOrder(FeedEvent event, JsonNode data, OffsetDateTime now) {
        UUID customer = uuid(data, "customerId");
        OffsetDateTime orderedAt = OffsetDateTime.parse(data.path("orderedAt").asText());
        return readModel.paidOrder(customer, orderedAt).flatMap(first -> conversions
                .paidOrder(
                        customer,
                        uuid(data, "id"),
                        orderedAt,
                        new BigDecimal(data.path("total").asText("0")),
                        data.path("couponCode").isTextual()
                                ? data.path("couponCode").asText()
                                : null)
                .flatMap(ignored -> triggers.fire(
                        event, customer, null, first && orderedAt.isAfter(now.minus(RECENT_ORDER)), now)));
    }

    /** The customer an event is about: its customerId, or the subject when that is a customer id. */
    static UUID customerOf(FeedEvent event) {
        if (event.data().hasNonNull("customerId")) {
            return uuid(event.data(), "customerId");
        }
        try {
            return UUID.fromString(event.subject());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static UUID uuid(JsonNode data, String field) {
        return UUID.fromString(data.path(field).asText());
    }

    private static LocalDate birthDate(JsonNode data) {
        String text = data.path("birthDate").asText(null);
        return text == null || text.contains("*") ? null : LocalDate.parse(text);
    }
}
