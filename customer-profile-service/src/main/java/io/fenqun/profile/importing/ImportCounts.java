package io.fenqun.profile.importing;

/** Running totals of one import, written to its job row after each batch. */
final class ImportCounts {
    long read;
    long valid;
    long invalid;
    long created;
    long updated;
    long unchanged;
    long bytesRead;

    void add(BatchResult result) {
        created += result.created();
        updated += result.updated();
        unchanged += result.unchanged();
        valid -= result.rejected().size();
        invalid += result.rejected().size();
    }
}
