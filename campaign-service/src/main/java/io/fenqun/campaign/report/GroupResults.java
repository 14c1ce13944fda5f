package io.fenqun.campaign.report;

import java.math.BigDecimal;

/** Counts for a campaign, one of its variants or one of its audience segments. */
public record GroupResults(
        String group,
        long planned,
        long heldOut,
        long pending,
        long sent,
        long delivered,
        long failed,
        long excluded,
        long inDoubt,
        long opened,
        long clicked,
        long unsubscribed,
        long converted,
        BigDecimal revenue) {}
