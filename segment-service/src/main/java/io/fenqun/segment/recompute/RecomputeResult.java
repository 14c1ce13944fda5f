package io.fenqun.segment.recompute;

import java.time.OffsetDateTime;

/**
 * What one whole-population recompute did, and where its time went. {@code everyone}: every
 * customer's orders were aggregated again (a first recompute, changed thresholds, or asked for).
 * {@code factsChanged}: customers whose aggregated features changed; {@code labelsChanged}: whose
 * labels moved with the fresh cut points or the calendar; {@code candidates}: customers evaluated
 * against every segment (everyone for segments whose rules read the clock, or when asked for).
 */
public record RecomputeResult(
        OffsetDateTime startedAt,
        boolean everyone,
        long millis,
        long featuresMillis,
        long segmentsMillis,
        long snapshotMillis,
        int factsChanged,
        int labelsChanged,
        int candidates,
        int segments,
        long entered,
        long exited) {}
