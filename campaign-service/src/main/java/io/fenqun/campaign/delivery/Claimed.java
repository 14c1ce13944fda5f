package io.fenqun.campaign.delivery;

import io.fenqun.campaign.campaign.Channel;
import java.util.UUID;

/** A delivery a sender has claimed: it holds the lease until it records what happened. */
public record Claimed(
        UUID id,
        UUID campaignId,
        UUID customerId,
        UUID segmentId,
        Channel channel,
        String variant,
        int attempts,
        boolean capCounted) {}
