package io.fenqun.profile.consent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Several decisions made at once, e.g. the boxes of one sign-up form; recorded all or none. */
@Schema(
        name = "ConsentChanges",
        example =
                """
        {"changes":[{"channel":"EMAIL","purpose":"MARKETING","status":"GRANTED","source":"WEB_FORM","evidence":"form=signup-2026"},
                    {"channel":"SMS","purpose":"SERVICE","status":"GRANTED","source":"WEB_FORM","evidence":"form=signup-2026"}]}""")
public record ConsentChanges(@NotEmpty @Size(max = 20) List<@Valid @NotNull ConsentChangeInput> changes) {}
