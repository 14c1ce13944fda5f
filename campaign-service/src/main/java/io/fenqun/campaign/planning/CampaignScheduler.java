package io.fenqun.campaign.planning;

import io.fenqun.campaign.campaign.Campaign;
import io.fenqun.campaign.campaign.CampaignInput;
import io.fenqun.campaign.campaign.CampaignStore;
import io.fenqun.campaign.campaign.Schedules;
import io.fenqun.kit.time.Utc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.jboss.logging.Logger;

/**
 * Plans the runs that are due: one-off and cron campaigns for their whole audience, calendar
 * triggers (birthdays, holidays, lapsed buyers, expiring points) once a day. Each due campaign is locked while it is
 * planned, so several replicas never plan the same run twice (and the unique occurrence key would
 * stop it anyway).
 */
@ApplicationScoped
public class CampaignScheduler {

    private static final Logger LOG = Logger.getLogger(CampaignScheduler.class);

    private final CampaignStore campaigns;
    private final AudiencePlanner planner;
    private final Schedules schedules;
    private final ZoneId zone;

    public CampaignScheduler(CampaignStore campaigns, AudiencePlanner planner, Schedules schedules, ZoneId zone) {
        this.campaigns = campaigns;
        this.planner = planner;
        this.schedules = schedules;
        this.zone = zone;
    }

    @Scheduled(
            every = "${fenqun.planner.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return planDue(Utc.now()).onFailure().invoke(e -> LOG.warn("planning due campaigns failed", e));
    }

    /** Plans every run due at {@code now}, then finishes campaigns that have nothing left to do. */
    public Uni<Void> planDue(OffsetDateTime now) {
        return Panache.withTransaction(() -> campaigns.claimDue(now, 20).flatMap(due -> Multi.createFrom()
                        .iterable(due)
                        .onItem()
                        .transformToUniAndConcatenate(campaign -> run(campaign, now))
                        .collect()
                        .asList()))
                .flatMap(ignored -> Panache.withTransaction(() -> campaigns.finishCompleted(now)))
                .replaceWithVoid();
    }

    private Uni<Void> run(Campaign campaign, OffsetDateTime now) {
        CampaignInput.Schedule schedule = campaign.definition().schedule();
        OffsetDateTime scheduledFor = campaign.nextRunAt();
        Uni<Integer> planned =
                switch (schedule.kind()) {
                    case ONCE, CRON -> planner.planAudience(campaign, Occurrence.run(scheduledFor), now);
                    case TRIGGER -> daily(campaign, schedule.trigger(), scheduledFor, now);
                };
        return planned.invoke(count -> LOG.infof("campaign %s planned %d deliveries", campaign.id(), count))
                .flatMap(count -> campaigns.ran(campaign.id(), schedules.nextRun(schedule, campaign.runs() + 1, now)));
    }

    private Uni<Integer> daily(
            Campaign campaign, CampaignInput.Trigger trigger, OffsetDateTime scheduledFor, OffsetDateTime now) {
        LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
        String occurrence = Occurrence.day(trigger, today);
        return switch (trigger.kind()) {
            case BIRTHDAY -> planner.planBirthdays(
                    campaign, occurrence, today.plusDays(trigger.daysBefore() == null ? 0 : trigger.daysBefore()), now);
            case HOLIDAY -> trigger.dates().contains(today)
                    ? planner.planAudience(campaign, occurrence, now)
                    : Uni.createFrom().item(0);
                // Everyone whose last order is now just over N days old, since the previous daily check.
            case NO_PURCHASE -> planner.planLapsed(
                    campaign,
                    occurrence,
                    scheduledFor.minusDays(1L + trigger.days()),
                    now.minusDays(trigger.days()),
                    now);
            case POINTS_EXPIRING -> planner.planPointsExpiring(
                    campaign, occurrence, today.plusDays(trigger.daysBefore() == null ? 0 : trigger.daysBefore()), now);
            default -> Uni.createFrom().item(0);
        };
    }
}
