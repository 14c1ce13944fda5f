package io.fenqun.campaign.campaign;

import java.util.Map;
import java.util.Set;

/** A campaign's lifecycle: which transitions the API allows. */
public enum CampaignStatus {
    DRAFT,
    SCHEDULED,
    RUNNING,
    PAUSED,
    FINISHED;

    private static final Map<CampaignStatus, Set<CampaignStatus>> NEXT = Map.of(
            DRAFT, Set.of(SCHEDULED, FINISHED),
            SCHEDULED, Set.of(DRAFT, RUNNING, PAUSED, FINISHED),
            RUNNING, Set.of(PAUSED, FINISHED),
            PAUSED, Set.of(RUNNING, FINISHED),
            FINISHED, Set.of());

    public boolean canBecome(CampaignStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Messages go out (and triggers fire) only while a campaign runs. */
    public boolean sends() {
        return this == RUNNING;
    }
}
