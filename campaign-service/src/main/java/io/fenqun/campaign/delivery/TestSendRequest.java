package io.fenqun.campaign.delivery;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Staff addresses (emails or phone numbers, by the campaign's channel) to send a test message to. */
@Schema(example = "{\"to\":[\"marketing@shop.example.com\"],\"variant\":\"A\"}")
public record TestSendRequest(
        @NotNull @Size(min = 1, max = 10) List<@NotBlank @Size(max = 320) String> to, @Size(max = 20) String variant) {}
