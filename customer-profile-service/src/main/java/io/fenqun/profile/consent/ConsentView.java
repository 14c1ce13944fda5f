package io.fenqun.profile.consent;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The current consent for one channel and purpose: the latest decision, and where it came from. */
public record ConsentView(
        ConsentFields.Channel channel,
        ConsentFields.Purpose purpose,
        ConsentFields.Status status,
        ConsentFields.Source source,
        OffsetDateTime changedAt,
        UUID changeId) {

    public static ConsentView of(ConsentChange change) {
        return new ConsentView(
                change.channel, change.purpose, change.status, change.source, change.changedAt, change.id);
    }
}
