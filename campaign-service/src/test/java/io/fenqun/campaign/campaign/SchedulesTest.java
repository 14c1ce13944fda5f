package io.fenqun.campaign.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SchedulesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Schedules SCHEDULES = new Schedules(SHANGHAI, LocalTime.of(9, 0));
    static final OffsetDateTime NOW =
            LocalDate.of(2026, 11, 18).atTime(14, 0).atZone(SHANGHAI).toOffsetDateTime();

    static CampaignInput.Schedule schedule(
            CampaignInput.ScheduleKind kind, String cron, CampaignInput.Trigger trigger) {
        return new CampaignInput.Schedule(kind, null, cron, trigger, null);
    }

    @Test
    void onceRunsAtItsTimeOrNowAndThenNever() {
        OffsetDateTime at = NOW.plusDays(2);
        assertEquals(
                at,
                SCHEDULES.nextRun(
                        new CampaignInput.Schedule(CampaignInput.ScheduleKind.ONCE, at, null, null, null), 0, NOW));
        assertEquals(NOW, SCHEDULES.nextRun(schedule(CampaignInput.ScheduleKind.ONCE, null, null), 0, NOW));
        assertNull(SCHEDULES.nextRun(schedule(CampaignInput.ScheduleKind.ONCE, null, null), 1, NOW));
    }

    @Test
    void cronComesRoundInTheBusinessTimeZone() {
        // Every Monday at 10:00 Shanghai time
        OffsetDateTime next = SCHEDULES.nextRun(schedule(CampaignInput.ScheduleKind.CRON, "0 10 * * 1", null), 3, NOW);
        assertEquals(
                LocalDate.of(2026, 11, 23).atTime(10, 0),
                next.atZoneSameInstant(SHANGHAI).toLocalDateTime());
    }

    @Test
    void nothingAfterUntil() {
        CampaignInput.Schedule schedule =
                new CampaignInput.Schedule(CampaignInput.ScheduleKind.CRON, null, "0 10 * * *", null, NOW.plusHours(1));
        assertNull(SCHEDULES.nextRun(schedule, 0, NOW));
    }

    @Test
    void calendarTriggersAreCheckedDailyEventTriggersNever() {
        CampaignInput.Trigger birthday =
                new CampaignInput.Trigger(CampaignInput.TriggerKind.BIRTHDAY, null, 3, null, null, null);
        OffsetDateTime next = SCHEDULES.nextRun(schedule(CampaignInput.ScheduleKind.TRIGGER, null, birthday), 0, NOW);
        assertEquals(
                LocalDate.of(2026, 11, 19).atTime(9, 0),
                next.atZoneSameInstant(SHANGHAI).toLocalDateTime());
        CampaignInput.Trigger entered =
                new CampaignInput.Trigger(CampaignInput.TriggerKind.SEGMENT_ENTERED, null, null, null, null, null);
        assertNull(SCHEDULES.nextRun(schedule(CampaignInput.ScheduleKind.TRIGGER, null, entered), 0, NOW));
    }

    @Test
    void badCronIsExplained() {
        assertTrue(Schedules.cronProblem("every monday").isPresent());
        assertTrue(Schedules.cronProblem("0 10 * * 1").isEmpty());
    }
}
