package io.fenqun.segment.segment;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        name = "PreviewRequest",
        example = "{\"rule\":{\"field\":\"rfmSegment\",\"op\":\"in\",\"value\":[\"At Risk\",\"Can't Lose Them\"]}}")
public record PreviewRequest(@NotNull JsonNode rule) {}
