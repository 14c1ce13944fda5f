package io.fenqun.segment.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A segment as the API shows it, with its current number of members. */
public record SegmentView(
        UUID id,
        String name,
        String description,
        Segment.Kind kind,
        String dimension,
        String dimensionValue,
        JsonNode rule,
        Segment.Status status,
        long members,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static SegmentView of(Segment s, long members) {
        return new SegmentView(
                s.id(),
                s.name(),
                s.description(),
                s.kind(),
                s.dimension(),
                s.dimensionValue(),
                s.ruleJson(),
                s.status(),
                members,
                s.version(),
                s.createdAt(),
                s.updatedAt());
    }
}
