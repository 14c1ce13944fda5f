package io.fenqun.kit.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One event of a change feed, as served to readers. */
public record FeedEvent(
        long position, UUID id, String type, String subject, OffsetDateTime occurredAt, JsonNode data) {}
