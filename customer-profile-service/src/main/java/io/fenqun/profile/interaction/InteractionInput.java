package io.fenqun.profile.interaction;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a client sends to log an interaction with a customer. */
@Schema(
        name = "InteractionInput",
        example =
                """
        {"type":"CALL","occurredAt":"2026-11-23T02:15:00Z","summary":"客户想给母亲买翡翠手镯，预算两万左右",
         "outcome":"INTERESTED","nextFollowUpAt":"2026-11-30"}""")
public record InteractionInput(
        @NotNull Interaction.Type type,
        @Schema(description = "The staff user who had the contact; only admins may name someone other than themselves")
                @Size(max = 100)
                String staffId,
        @Schema(description = "Defaults to now") @PastOrPresent OffsetDateTime occurredAt,
        @Size(max = InteractionInput.MAX_SUMMARY) String summary,
        @Size(max = 200) String outcome,
        @Schema(description = "A business date (2026-11-30) or an instant (2026-11-30T09:30:00+08:00)") @Size(max = 40)
                String nextFollowUpAt) {

    public static final int MAX_SUMMARY = 4000;
}
