package io.fenqun.profile.consent;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fenqun.kit.problem.Problem;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.profile.consent.ConsentFields.Channel;
import io.fenqun.profile.consent.ConsentFields.Purpose;
import io.fenqun.profile.consent.ConsentFields.Source;
import io.fenqun.profile.consent.ConsentFields.Status;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentRulesTest {

    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    static ConsentChangeInput change(Channel ch, Purpose p, Status s, Source src, OffsetDateTime at, String evidence) {
        return new ConsentChangeInput(ch, p, s, src, at, evidence);
    }

    static List<String> fields(Runnable check) {
        ProblemException e = assertThrows(ProblemException.class, check::run);
        assertEquals(400, e.problem().status());
        return e.problem().errors().stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void marketingAndServiceOfOneChannelAreSeparateDecisions() {
        assertDoesNotThrow(() -> ConsentRules.validate(
                List.of(
                        change(Channel.SMS, Purpose.MARKETING, Status.WITHDRAWN, Source.PHONE, null, null),
                        change(Channel.SMS, Purpose.SERVICE, Status.GRANTED, Source.PHONE, null, null)),
                NOW,
                "changes"));
    }

    @Test
    void aChannelAndPurposeTwiceInOneRequestIsRejected() {
        List<ConsentChangeInput> twice = List.of(
                change(Channel.EMAIL, Purpose.MARKETING, Status.GRANTED, Source.STORE, null, null),
                change(Channel.EMAIL, Purpose.MARKETING, Status.WITHDRAWN, Source.STORE, null, null));
        assertEquals(List.of("changes[1].channel"), fields(() -> ConsentRules.validate(twice, NOW, "changes")));
    }

    @Test
    void decisionsInTheFutureAreRejectedBeyondClockSkew() {
        OffsetDateTime skewed = NOW.plusSeconds(60).atOffset(ZoneOffset.UTC);
        assertDoesNotThrow(() -> ConsentRules.validate(
                List.of(change(Channel.SMS, Purpose.SERVICE, Status.GRANTED, Source.STORE, skewed, null)), NOW, null));
        OffsetDateTime tomorrow = NOW.plusSeconds(86_400).atOffset(ZoneOffset.UTC);
        assertEquals(
                List.of("changedAt"),
                fields(() -> ConsentRules.validate(
                        List.of(change(Channel.SMS, Purpose.SERVICE, Status.GRANTED, Source.STORE, tomorrow, null)),
                        NOW,
                        null)));
    }

    @Test
    void grantsNoStaffWitnessedNeedEvidence() {
        assertEquals(
                List.of("changes[0].evidence"),
                fields(() -> ConsentRules.validate(
                        List.of(change(Channel.EMAIL, Purpose.MARKETING, Status.GRANTED, Source.IMPORT, null, " ")),
                        NOW,
                        "changes")));
        assertEquals(
                List.of("evidence"),
                fields(() -> ConsentRules.validate(
                        List.of(change(Channel.WECHAT, Purpose.MARKETING, Status.GRANTED, Source.API, null, null)),
                        NOW,
                        null)));
        assertDoesNotThrow(() -> ConsentRules.validate(
                List.of(
                        change(Channel.EMAIL, Purpose.MARKETING, Status.GRANTED, Source.API, null, "ip=203.0.113.7"),
                        change(Channel.SMS, Purpose.MARKETING, Status.WITHDRAWN, Source.IMPORT, null, null),
                        change(Channel.PHONE, Purpose.MARKETING, Status.GRANTED, Source.STORE, null, null)),
                NOW,
                "changes"));
    }

    @Test
    void pathNamesAreReadCaseInsensitivelyAndUnknownOnesAreFieldErrors() {
        assertEquals(Channel.APP_PUSH, ConsentRules.channel("app_push"));
        assertEquals(Purpose.SERVICE, ConsentRules.purpose("Service"));
        assertEquals(List.of("channel"), fields(() -> ConsentRules.channel("FAX")));
        assertEquals(List.of("purpose"), fields(() -> ConsentRules.purpose("PROFILING")));
    }
}
