package io.fenqun.kit.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants as the API shows them: UTC offsets (DESIGN.md section 2). */
public final class Utc {

    private Utc() {}

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** A timestamp column from a native query, which arrives as an Instant or an OffsetDateTime. */
    public static OffsetDateTime of(Object column) {
        if (column == null) {
            return null;
        }
        return column instanceof OffsetDateTime o ? o : ((Instant) column).atOffset(ZoneOffset.UTC);
    }
}
