package io.fenqun.profile.consent;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One grant or withdrawal for a channel and purpose. */
@Schema(
        name = "ConsentChangeInput",
        example =
                """
        {"channel":"SMS","purpose":"MARKETING","status":"WITHDRAWN","source":"PHONE",
         "changedAt":"2026-11-23T02:15:00Z","evidence":"呼叫中心录音 CALL-20261123-0042"}""")
public record ConsentChangeInput(
        @NotNull ConsentFields.Channel channel,
        @NotNull ConsentFields.Purpose purpose,
        @NotNull ConsentFields.Status status,
        @NotNull ConsentFields.Source source,
        @Schema(description = "When the customer decided; defaults to now") OffsetDateTime changedAt,
        @Schema(description = "How the consent can be proven: form id, call reference, IP address")
                @Size(max = ConsentChangeInput.MAX_EVIDENCE)
                String evidence) {

    public static final int MAX_EVIDENCE = 1000;
}
