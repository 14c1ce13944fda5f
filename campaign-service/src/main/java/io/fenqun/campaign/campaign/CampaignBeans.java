package io.fenqun.campaign.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.ZoneId;

/** Plain-Java collaborators built from configuration. */
@ApplicationScoped
public class CampaignBeans {

    @Produces
    ZoneId businessZone(CampaignConfig config) {
        return config.timeZone();
    }

    @Produces
    @ApplicationScoped
    Schedules schedules(CampaignConfig config) {
        return new Schedules(config.timeZone(), config.dailyCheckAt());
    }
}
