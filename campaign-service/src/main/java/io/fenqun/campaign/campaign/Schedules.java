package io.fenqun.campaign.campaign;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a campaign next plans messages: once at its time, at each cron time (five Unix fields, in
 * the business time zone), daily for calendar triggers; never for event triggers, which plan as
 * events arrive.
 */
public final class Schedules {

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ZoneId zone;
    private final LocalTime dailyCheckAt;

    public Schedules(ZoneId zone, LocalTime dailyCheckAt) {
        this.zone = zone;
        this.dailyCheckAt = dailyCheckAt;
    }

    public static Optional<String> cronProblem(String cron) {
        try {
            CRON.parse(cron).validate();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a five-field cron expression: " + e.getMessage());
        }
    }

    /** The next planning time strictly after {@code after}, or null when there is none. */
    public OffsetDateTime nextRun(CampaignInput.Schedule schedule, int runsSoFar, OffsetDateTime after) {
        OffsetDateTime next =
                switch (schedule.kind()) {
                    case ONCE -> runsSoFar > 0 ? null : schedule.at() == null ? after : schedule.at();
                    case CRON -> ExecutionTime.forCron(CRON.parse(schedule.cron()))
                            .nextExecution(after.atZoneSameInstant(zone))
                            .map(t -> t.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
                            .orElse(null);
                    case TRIGGER -> dailyTrigger(schedule.trigger()) ? nextDailyCheck(after) : null;
                };
        if (next != null && schedule.until() != null && next.isAfter(schedule.until())) {
            return null;
        }
        return next;
    }

    /** Calendar triggers are checked once a day; the others fire on feed events. */
    public static boolean dailyTrigger(CampaignInput.Trigger trigger) {
        return switch (trigger.kind()) {
            case BIRTHDAY, HOLIDAY, NO_PURCHASE, POINTS_EXPIRING -> true;
            default -> false;
        };
    }

    private OffsetDateTime nextDailyCheck(OffsetDateTime after) {
        ZonedDateTime local = after.atZoneSameInstant(zone);
        ZonedDateTime today = local.toLocalDate().atTime(dailyCheckAt).atZone(zone);
        ZonedDateTime next = today.isAfter(local) ? today : today.plusDays(1);
        return next.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }
}
