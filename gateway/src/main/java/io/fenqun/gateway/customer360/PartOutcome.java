package io.fenqun.gateway.customer360;

import com.fasterxml.jackson.databind.JsonNode;

/** What one part of the 360 view came back with. */
public sealed interface PartOutcome {

    /** The part's JSON, as the owning service answered it. */
    record Found(JsonNode body) implements PartOutcome {}

    /** The service answered a 4xx: nothing to show, or not for this caller. */
    record Refused(int status, JsonNode problem) implements PartOutcome {}

    /** The service was slow, down or broken. */
    record Unavailable(String reason) implements PartOutcome {}
}
