package io.fenqun.profile.consent;

import io.fenqun.profile.customer.PersonalDataMask;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of the consent history. */
public record ConsentChangeView(
        UUID id,
        UUID customerId,
        ConsentFields.Channel channel,
        ConsentFields.Purpose purpose,
        ConsentFields.Status status,
        ConsentFields.Source source,
        OffsetDateTime changedAt,
        OffsetDateTime recordedAt,
        String recordedBy,
        String evidence) {

    public static ConsentChangeView of(ConsentChange c) {
        return new ConsentChangeView(
                c.id,
                c.customerId,
                c.channel,
                c.purpose,
                c.status,
                c.source,
                c.changedAt,
                c.recordedAt,
                c.recordedBy,
                c.evidence);
    }

    /** Evidence (IP addresses, call references) is personal data. */
    public ConsentChangeView toMasked() {
        return new ConsentChangeView(
                id,
                customerId,
                channel,
                purpose,
                status,
                source,
                changedAt,
                recordedAt,
                recordedBy,
                PersonalDataMask.text(evidence));
    }
}
