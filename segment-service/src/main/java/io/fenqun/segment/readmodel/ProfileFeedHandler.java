package io.fenqun.segment.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenqun.kit.feed.FeedEvent;
import io.fenqun.kit.feed.FeedHandler;
import io.fenqun.kit.time.Utc;
import io.fenqun.segment.membership.MembershipEngine;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Follows the profile feed: applies each fact to the read model, then re-labels the customer it
 * concerns and moves them between segments, all in the consumer's transaction.
 */
@ApplicationScoped
@Identifier("profile")
public class ProfileFeedHandler implements FeedHandler {

    private final ReadModelWriter readModel;
    private final MembershipEngine memberships;

    public ProfileFeedHandler(ReadModelWriter readModel, MembershipEngine memberships) {
        this.readModel = readModel;
        this.memberships = memberships;
    }

    @Override
    public Uni<Void> apply(FeedEvent event) {
        JsonNode data = event.data();
        OffsetDateTime now = Utc.now();
        return switch (event.type()) {
            case "customer.created", "customer.updated" -> "ACTIVE"
                            .equals(data.path("status").asText("ACTIVE"))
                    ? readModel
                            .upsertCustomer(data)
                            .flatMap(stored -> stored
                                    ? memberships.refreshCustomer(ReadModelWriter.uuid(data, "id"), now)
                                    : Uni.createFrom().voidItem())
                    : Uni.createFrom().voidItem();
            case "customer.merged" -> {
                UUID duplicate = ReadModelWriter.uuid(data, "id");
                UUID survivor = ReadModelWriter.uuid(data, "mergedInto");
                yield memberships
                        .removeCustomer(duplicate, now)
                        .flatMap(ignored -> readModel.moveOrders(duplicate, survivor))
                        .flatMap(ignored -> readModel.deleteCustomer(duplicate))
                        .flatMap(ignored -> memberships.refreshCustomer(survivor, now));
            }
            case "customer.erased" -> {
                UUID erased = ReadModelWriter.uuid(data, "id");
                yield memberships
                        .removeCustomer(erased, now)
                        .flatMap(ignored -> readModel.anonymiseOrders(erased))
                        .flatMap(ignored -> readModel.deleteCustomer(erased));
            }
            case "order.recorded", "order.updated", "order.refunded", "order.cancelled" -> readModel
                    .upsertOrder(data)
                    .flatMap(customer -> customer == null
                            ? Uni.createFrom().voidItem()
                            : memberships.refreshCustomer(customer, now));
            case "consent.changed" -> readModel.upsertConsent(
                    ReadModelWriter.uuid(data, "customerId"), data.path("current"));
            case "points.changed" -> {
                UUID customer = ReadModelWriter.uuid(data, "customerId");
                yield readModel
                        .updatePoints(
                                customer,
                                data.path("balance").asLong(),
                                data.path("tier").asText(null))
                        .flatMap(ignored -> memberships.refreshCustomer(customer, now));
            }
                // Interactions and follow-ups carry nothing this service classifies by (yet).
            default -> Uni.createFrom().voidItem();
        };
    }
}
