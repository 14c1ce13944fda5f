package io.fenqun.profile.interaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fenqun.kit.problem.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FollowUpDateTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aDateIsTakenAsTheBusinessDate() {
        FollowUpDate parsed = FollowUpDate.parse("2026-11-30", SHANGHAI, "nextFollowUpAt");
        assertEquals(LocalDate.of(2026, 11, 30), parsed.date());
        assertNull(parsed.instant());
    }

    @Test
    void anInstantFallsOnItsDayInTheBusinessZone() {
        FollowUpDate lateUtcEvening = FollowUpDate.parse("2026-11-24T17:30:00Z", SHANGHAI, "nextFollowUpAt");
        assertEquals(LocalDate.of(2026, 11, 25), lateUtcEvening.date());
        assertEquals(Instant.parse("2026-11-24T17:30:00Z"), lateUtcEvening.instant());
        assertEquals(
                LocalDate.of(2026, 11, 24),
                FollowUpDate.parse("2026-11-24T15:59:59Z", SHANGHAI, "f").date());
        assertEquals(
                LocalDate.of(2026, 11, 24),
                FollowUpDate.parse("2026-11-24T23:30:00+08:00", SHANGHAI, "f").date());
    }

    @Test
    void blankIsNoFollowUp() {
        assertNull(FollowUpDate.parse(null, SHANGHAI, "f"));
        assertNull(FollowUpDate.parse("  ", SHANGHAI, "f"));
    }

    @Test
    void garbageAndInstantsWithoutOffsetAreFieldErrors() {
        for (String bad : new String[] {"tomorrow", "2026-13-01", "2026-11-24T10:00:00", "30/11/2026"}) {
            ProblemException e = assertThrows(
                    ProblemException.class, () -> FollowUpDate.parse(bad, SHANGHAI, "nextFollowUpAt"), bad);
            assertEquals(400, e.problem().status());
            assertEquals("nextFollowUpAt", e.problem().errors().get(0).field());
        }
    }

    @Test
    void aFollowUpBeforeTheDayOfTheContactIsRejected() {
        Instant contact = Instant.parse("2026-11-24T17:00:00Z"); // 25 Nov in Shanghai
        FollowUpDate sameDay = new FollowUpDate(LocalDate.of(2026, 11, 25), null);
        sameDay.requireNotBefore(contact, SHANGHAI, "f");
        FollowUpDate dayBefore = new FollowUpDate(LocalDate.of(2026, 11, 24), null);
        assertThrows(ProblemException.class, () -> dayBefore.requireNotBefore(contact, SHANGHAI, "f"));
    }
}
