package io.fenqun.profile.importing;

import com.fasterxml.jackson.annotation.JsonProperty;
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
        long bytesRead,
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

    /** How far the import has read its file, 0 to 100. */
    @JsonProperty("percent")
    public int percent() {
        if (status == Status.SUCCEEDED) {
            return 100;
        }
        return fileBytes == 0 ? 0 : (int) Math.min(99, bytesRead * 100 / fileBytes);
    }

    public enum Status {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED
    }
}
