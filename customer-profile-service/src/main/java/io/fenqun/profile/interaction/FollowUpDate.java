package io.fenqun.profile.interaction;

import io.fenqun.kit.problem.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * When a follow-up is due: a business date, and the instant when the client named one. Due lists
 * work on business dates in the business time zone, so an instant late in the UTC evening belongs
 * to the next day in Shanghai.
 */
public record FollowUpDate(LocalDate date, Instant instant) {

    /**
     * Reads "2026-11-25" as a business date, or an ISO-8601 instant with offset
     * ("2026-11-24T17:30:00Z") as the business date it falls on in {@code zone}.
     */
    public static FollowUpDate parse(String text, ZoneId zone, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        try {
            if (value.length() == 10) {
                return new FollowUpDate(LocalDate.parse(value), null);
            }
            Instant instant = OffsetDateTime.parse(value).toInstant();
            return new FollowUpDate(instant.atZone(zone).toLocalDate(), instant);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(
                    field, "must be a date (2026-11-25) or an instant with offset (2026-11-25T09:30:00+08:00)");
        }
    }

    /** A follow-up cannot be due before the business day of the contact that scheduled it. */
    public void requireNotBefore(Instant occurredAt, ZoneId zone, String field) {
        if (date.isBefore(occurredAt.atZone(zone).toLocalDate())) {
            throw ProblemException.invalidField(field, "must not be before the day of the interaction");
        }
    }
}
