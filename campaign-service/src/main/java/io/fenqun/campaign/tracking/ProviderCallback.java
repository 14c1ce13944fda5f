package io.fenqun.campaign.tracking;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Delivery reports from a provider, by our delivery id or the provider's message id. */
@Schema(example = "{\"events\":[{\"id\":\"0190a1b2-0000-7000-8000-000000000301\",\"status\":\"DELIVERED\"}]}")
public record ProviderCallback(@NotNull @Size(min = 1, max = 1000) List<@NotNull @Valid Report> events) {

    public record Report(
            UUID id,
            @Size(max = 200) String providerMessageId,
            @NotNull @Pattern(regexp = "DELIVERED|FAILED", message = "must be DELIVERED or FAILED") String status,
            @Size(max = 500) String error) {}
}
