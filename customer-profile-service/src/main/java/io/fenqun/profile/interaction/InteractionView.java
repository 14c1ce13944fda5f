package io.fenqun.profile.interaction;

import io.fenqun.profile.customer.PersonalDataMask;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An interaction as the API and the feed show it. */
public record InteractionView(
        UUID id,
        UUID customerId,
        Interaction.Type type,
        String staffId,
        OffsetDateTime occurredAt,
        String summary,
        String outcome,
        LocalDate nextFollowUpOn,
        OffsetDateTime nextFollowUpAt,
        Interaction.FollowUpStatus followUpStatus,
        OffsetDateTime completedAt,
        String completedBy,
        String completionNote,
        boolean masked,
        long version,
        OffsetDateTime createdAt) {

    public static InteractionView of(Interaction i) {
        return new InteractionView(
                i.id,
                i.customerId,
                i.type,
                i.staffId,
                i.occurredAt,
                i.summary,
                i.outcome,
                i.followUpOn,
                i.followUpAt,
                i.followUpStatus,
                i.completedAt,
                i.completedBy,
                i.completionNote,
                false,
                i.version,
                i.createdAt);
    }

    /** Free text can hold personal data: hidden from roles that do not see it. */
    public InteractionView toMasked() {
        return new InteractionView(
                id,
                customerId,
                type,
                staffId,
                occurredAt,
                PersonalDataMask.text(summary),
                PersonalDataMask.text(outcome),
                nextFollowUpOn,
                nextFollowUpAt,
                followUpStatus,
                completedAt,
                completedBy,
                PersonalDataMask.text(completionNote),
                true,
                version,
                createdAt);
    }
}
