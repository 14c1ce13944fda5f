package io.fenqun.campaign.planning;

import io.fenqun.campaign.campaign.Campaign;
import io.fenqun.campaign.campaign.CampaignInput;
import io.fenqun.campaign.campaign.CampaignStore;
import io.fenqun.kit.feed.FeedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Plans a message for one customer when an event of another service's feed fires a running
 * campaign: entering a segment, a first purchase, or any event type a campaign names. Runs in the
 * feed consumer's transaction, so the plan exists exactly when the event has been applied.
 */
@ApplicationScoped
public class TriggerPlanner {

    private final CampaignStore campaigns;
    private final AudiencePlanner planner;

    public TriggerPlanner(CampaignStore campaigns, AudiencePlanner planner) {
        this.campaigns = campaigns;
        this.planner = planner;
    }

    /**
     * @param segment the segment entered, for segment.entered; null otherwise
     * @param firstPurchase whether this order.recorded is the customer's first paid order
     */
    public Uni<Void> fire(FeedEvent event, UUID customer, UUID segment, boolean firstPurchase, OffsetDateTime now) {
        return campaigns
                .runningOn(event.type())
                .flatMap(running -> Multi.createFrom()
                        .iterable(running)
                        .filter(campaign -> applies(campaign, segment, firstPurchase, now))
                        .onItem()
                        .transformToUniAndConcatenate(campaign -> planner.planOne(
                                campaign,
                                customer,
                                segment,
                                Occurrence.trigger(
                                        campaign.definition().schedule().trigger(),
                                        event.id().toString()),
                                now))
                        .collect()
                        .asList())
                .replaceWithVoid();
    }

    private static boolean applies(Campaign campaign, UUID segment, boolean firstPurchase, OffsetDateTime now) {
        CampaignInput.Schedule schedule = campaign.definition().schedule();
        if (schedule.until() != null && now.isAfter(schedule.until())) {
            return false;
        }
        return switch (schedule.trigger().kind()) {
            case SEGMENT_ENTERED -> segment != null
                    && campaign.definition().audience().segmentsOrEmpty().contains(segment);
            case FIRST_PURCHASE -> firstPurchase;
            default -> true;
        };
    }
}
