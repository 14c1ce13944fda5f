package io.fenqun.profile.importing;

import java.util.List;

/** What one batch did, and the rows the database turned down (conflicts found only there). */
public record BatchResult(long created, long updated, long unchanged, List<RowError> rejected) {}
