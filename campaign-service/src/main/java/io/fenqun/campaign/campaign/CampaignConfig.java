package io.fenqun.campaign.campaign;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.LocalTime;
import java.time.ZoneId;

/** Settings of campaign-service ({@code fenqun.campaigns.*}). */
@ConfigMapping(prefix = "fenqun.campaigns")
public interface CampaignConfig {

    /** Business time zone: quiet hours, weekend, birthdays and daily checks. */
    @WithDefault("Asia/Shanghai")
    ZoneId timeZone();

    /** When calendar triggers (birthday, holiday, no purchase) are checked each day. */
    @WithDefault("09:00")
    LocalTime dailyCheckAt();

    /** The address customers reach tracking and unsubscribe links at (the gateway in a suite). */
    String publicUrl();

    /** Signs tracking links so nobody can forge opens, clicks or unsubscribes for others. */
    String linkSecret();
}
