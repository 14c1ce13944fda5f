package io.fenqun.profile.customer;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The customers whose contact details a sender needs, at most {@value #MAX_IDS} per call. */
@Schema(
        example =
                """
        {"ids":["0190a1b2-0000-7000-8000-000000000001","0190a1b2-0000-7000-8000-000000000002"]}""")
public record ContactLookup(@NotNull @Size(min = 1, max = MAX_IDS) List<@NotNull UUID> ids) {

    public static final int MAX_IDS = 1000;
}
