package io.fenqun.segment.segment;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A custom segment as clients write it; the rule is checked against the field catalogue. */
@Schema(
        name = "SegmentInput",
        example =
                """
                {"name":"沉睡的高价值客户","description":"Spent over 5000 but nothing for 90 days",\
                "rule":{"all":[{"field":"spendTotal","op":"gte","value":5000},\
                {"field":"lastPurchaseAt","op":"moreThanDaysAgo","value":90}]}}""")
public record SegmentInput(
        @NotBlank @Size(max = 100) String name,
        @Size(max = 1000) String description,
        @NotNull @Schema(description = "all/any/not, field conditions and inSegment references") JsonNode rule) {}
