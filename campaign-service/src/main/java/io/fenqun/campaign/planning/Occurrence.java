package io.fenqun.campaign.planning;

import io.fenqun.campaign.campaign.CampaignInput;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The key that makes planning idempotent: a customer gets one message per campaign and occurrence,
 * however often the run or the triggering event is repeated.
 */
public final class Occurrence {

    private Occurrence() {}

    public static String run(OffsetDateTime scheduledFor) {
        return "run:" + scheduledFor.toInstant();
    }

    /** Once per customer for the whole campaign, or once per triggering moment ({@code instance}). */
    public static String trigger(CampaignInput.Trigger trigger, String instance) {
        return trigger.repeatOrDefault() == CampaignInput.Repeat.ONCE_PER_CUSTOMER ? "trigger" : "trigger:" + instance;
    }

    public static String day(CampaignInput.Trigger trigger, LocalDate day) {
        return trigger(trigger, day.toString());
    }
}
