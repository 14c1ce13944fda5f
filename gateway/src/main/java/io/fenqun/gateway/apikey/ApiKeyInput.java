package io.fenqun.gateway.apikey;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an admin says about a new partner key. */
public record ApiKeyInput(
        @NotBlank @Size(max = 100) @Schema(examples = "Youzan shop sync") String name,
        @NotBlank
                @Size(max = 50)
                @Pattern(regexp = "[a-z0-9][a-z0-9_-]*", message = "lower-case letters, digits, - and _")
                @Schema(description = "The external-id source this partner writes and reads", examples = "youzan")
                String partnerSource,
        @NotEmpty @Schema(examples = "[\"sync\", \"read\", \"feed:profile\"]") List<@NotBlank String> scopes,
        @Min(1) @Max(100000) @Schema(description = "Requests a minute; a default when absent")
                Integer rateLimitPerMinute) {}
