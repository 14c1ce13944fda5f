package io.fenqun.segment.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenqun.segment.rule.Rule;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored segment: a built-in dimension value or a custom rule, with its parsed rule. */
public record Segment(
        UUID id,
        String name,
        String description,
        Kind kind,
        String dimension,
        String dimensionValue,
        JsonNode ruleJson,
        Rule rule,
        Status status,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public enum Kind {
        BUILT_IN,
        CUSTOM
    }

    public enum Status {
        ACTIVE,
        ARCHIVED
    }
}
