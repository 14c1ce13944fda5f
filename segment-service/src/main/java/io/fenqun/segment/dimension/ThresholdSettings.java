package io.fenqun.segment.dimension;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The thresholds in force, stored in {@code segment_settings}; the default preset until someone saves. */
@ApplicationScoped
public class ThresholdSettings {

    /** What is in force and its version, for ETags. */
    public record Current(Thresholds thresholds, long version) {}

    private final ObjectMapper json;

    public ThresholdSettings(ObjectMapper json) {
        this.json = json;
    }

    /** Runs in the caller's session. */
    public Uni<Current> current() {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "SELECT thresholds::text, version FROM segment_settings", Object[].class)
                        .getResultList())
                .map(this::fromRows);
    }

    /** Saves new thresholds if the stored version is still {@code expectedVersion} (null: any); null if not. */
    public Uni<Current> save(Thresholds thresholds, Long expectedVersion) {
        String text = toJson(thresholds);
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        """
                        INSERT INTO segment_settings AS s (thresholds) VALUES (CAST(CAST(:t AS text) AS jsonb))
                        ON CONFLICT (singleton) DO UPDATE SET thresholds = EXCLUDED.thresholds,
                               version = s.version + 1, updated_at = now()
                         WHERE CAST(:expected AS bigint) IS NULL OR s.version = CAST(:expected AS bigint)
                        RETURNING thresholds::text, version""",
                        Object[].class)
                .setParameter("t", text)
                .setParameter("expected", expectedVersion)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : fromRows(rows)));
    }

    private Current fromRows(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new Current(BusinessPresets.DEFAULT, 0);
        }
        try {
            return new Current(
                    json.readValue((String) rows.get(0)[0], Thresholds.class), ((Number) rows.get(0)[1]).longValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored thresholds are unreadable", e);
        }
    }

    private String toJson(Thresholds thresholds) {
        try {
            return json.writeValueAsString(thresholds);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
