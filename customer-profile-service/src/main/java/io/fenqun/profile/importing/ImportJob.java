package io.fenqun.profile.importing;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An import and its progress, as the API shows it. */
public record ImportJob(
        UUID id,
        ImportKind kind,
        ImportFormat format,
        String source,
        boolean dryRun,
        Status status,
        String fileName,
        long fileBytes,
        String charset,
        long rowsRead,
        long rowsValid,
        long rowsInvalid,
        long created,
        long updated,
        long unchanged,
        String failure,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt) {

    public enum Status {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED
    }
}
