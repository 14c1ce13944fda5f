package io.fenqun.segment.recompute;

import java.time.OffsetDateTime;

/** What one whole-population recompute did, and where its time went. */
public record RecomputeResult(
        OffsetDateTime startedAt,
        long millis,
        long featuresMillis,
        long segmentsMillis,
        int customers,
        int segments,
        long entered,
        long exited) {}
