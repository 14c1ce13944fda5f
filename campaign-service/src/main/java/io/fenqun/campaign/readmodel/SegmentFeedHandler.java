package io.fenqun.campaign.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenqun.campaign.planning.TriggerPlanner;
import io.fenqun.kit.feed.FeedEvent;
import io.fenqun.kit.feed.FeedHandler;
import io.fenqun.kit.time.Utc;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Follows the segment feed: who is in which segment now, and campaigns fired by entering one. */
@ApplicationScoped
@Identifier("segment")
public class SegmentFeedHandler implements FeedHandler {

    private final ReadModelWriter readModel;
    private final TriggerPlanner triggers;

    public SegmentFeedHandler(ReadModelWriter readModel, TriggerPlanner triggers) {
        this.readModel = readModel;
        this.triggers = triggers;
    }

    @Override
    public Uni<Void> apply(FeedEvent event) {
        JsonNode data = event.data();
        OffsetDateTime now = Utc.now();
        UUID customer = ProfileFeedHandler.customerOf(event);
        return switch (event.type()) {
            case "segment.entered" -> {
                UUID segment = ProfileFeedHandler.uuid(data, "segmentId");
                yield readModel
                        .entered(
                                segment,
                                customer,
                                OffsetDateTime.parse(data.path("at").asText()))
                        .flatMap(ignored -> triggers.fire(event, customer, segment, false, now));
            }
            case "segment.exited" -> readModel.exited(ProfileFeedHandler.uuid(data, "segmentId"), customer);
            default -> customer == null
                    ? Uni.createFrom().voidItem()
                    : triggers.fire(event, customer, null, false, now);
        };
    }
}
