package io.fenqun.segment.classification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything this service knows about one customer: features, dimension labels, segments now and before. */
public record Classification(
        UUID customerId,
        Map<String, Object> features,
        Map<String, Object> dimensions,
        List<Stay> segments,
        List<Stay> history) {

    /** A stay in a segment; {@code exitedAt} is null while it lasts. */
    public record Stay(
            UUID segmentId,
            String name,
            String kind,
            String dimension,
            String dimensionValue,
            OffsetDateTime enteredAt,
            OffsetDateTime exitedAt) {}
}
