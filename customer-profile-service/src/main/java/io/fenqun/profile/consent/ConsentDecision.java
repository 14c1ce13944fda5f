package io.fenqun.profile.consent;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A grant or withdrawal for the channel and purpose named by the path. */
@Schema(
        name = "ConsentDecision",
        example =
                """
        {"status":"GRANTED","source":"WEB_FORM","changedAt":"2026-11-23T02:15:00Z","evidence":"form=signup-2026;ip=203.0.113.7"}""")
public record ConsentDecision(
        @NotNull ConsentFields.Status status,
        @NotNull ConsentFields.Source source,
        @Schema(description = "When the customer decided; defaults to now") OffsetDateTime changedAt,
        @Size(max = ConsentChangeInput.MAX_EVIDENCE) String evidence) {

    public ConsentChangeInput forChannel(ConsentFields.Channel channel, ConsentFields.Purpose purpose) {
        return new ConsentChangeInput(channel, purpose, status, source, changedAt, evidence);
    }
}
