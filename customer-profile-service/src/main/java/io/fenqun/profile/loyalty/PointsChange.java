package io.fenqun.profile.loyalty;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Points to redeem (positive) or to adjust by (signed), and why. */
@Schema(name = "PointsChange", example = "{\"points\":500,\"reason\":\"兑换 50 元代金券\"}")
public record PointsChange(@Min(-10_000_000) @Max(10_000_000) long points, @NotBlank @Size(max = 200) String reason) {}
