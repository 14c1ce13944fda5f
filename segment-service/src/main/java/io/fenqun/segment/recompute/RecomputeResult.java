package io.fenqun.segment.recompute;

import java.time.OffsetDateTime;

/** What one whole-population recompute did. */
public record RecomputeResult(
        OffsetDateTime startedAt, long millis, int customers, int segments, long entered, long exited) {}
