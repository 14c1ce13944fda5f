package io.fenqun.segment.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.time.Utc;
import io.fenqun.segment.rule.FieldCatalogue;
import io.fenqun.segment.rule.Rule;
import io.fenqun.segment.rule.RuleParser;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Segment rows; every method runs in the caller's session or transaction. */
@ApplicationScoped
public class SegmentStore {

    private static final String COLUMNS =
            "id, name, description, kind, dimension, dimension_value, rule::text, status, version, created_at, updated_at";

    private final ObjectMapper json;
    private final RuleParser parser = new RuleParser(FieldCatalogue.standard());
    /** Parsed rules by segment id and version: parsing happens once, not on every event. */
    private final Map<String, Rule> parsed = new ConcurrentHashMap<>();

    public SegmentStore(ObjectMapper json) {
        this.json = json;
    }

    public Uni<List<Segment>> active() {
        return query(
                "SELECT " + COLUMNS + " FROM segment WHERE status = 'ACTIVE' ORDER BY kind, created_at, id", Map.of());
    }

    public Uni<Segment> find(UUID id) {
        return query("SELECT " + COLUMNS + " FROM segment WHERE id = :id", Map.of("id", id))
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** A page of segments after the given id, newest last; archived ones only when asked. */
    public Uni<List<Segment>> list(boolean includeArchived, UUID after, int fetch) {
        String sql = "SELECT " + COLUMNS + " FROM segment WHERE (:archived OR status = 'ACTIVE') AND id > :after"
                + " ORDER BY id LIMIT " + fetch;
        return query(sql, Map.of("archived", includeArchived, "after", after == null ? new UUID(0, 0) : after));
    }

    public Uni<Segment> insert(
            String name, String description, Segment.Kind kind, String dimension, String value, JsonNode rule) {
        UUID id = Ids.newId();
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "INSERT INTO segment (id, name, description, kind, dimension, dimension_value, rule)"
                                        + " VALUES (:id, :name, :description, :kind, :dimension, :value,"
                                        + " CAST(CAST(:rule AS text) AS jsonb)) ON CONFLICT DO NOTHING")
                        .setParameter("id", id)
                        .setParameter("name", name)
                        .setParameter("description", description)
                        .setParameter("kind", kind.name())
                        .setParameter("dimension", dimension)
                        .setParameter("value", value)
                        .setParameter("rule", rule.toString())
                        .executeUpdate())
                .flatMap(inserted -> find(id));
    }

    /** Writes new fields and bumps the version if it is still {@code expectedVersion}; null when it was not. */
    public Uni<Segment> update(UUID id, long expectedVersion, String name, String description, JsonNode rule) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("UPDATE segment SET name = :name, description = :description,"
                                + " rule = CAST(CAST(:rule AS text) AS jsonb), version = version + 1,"
                                + " updated_at = :now WHERE id = :id AND version = :version")
                        .setParameter("name", name)
                        .setParameter("description", description)
                        .setParameter("rule", rule.toString())
                        .setParameter("now", Utc.now())
                        .setParameter("id", id)
                        .setParameter("version", expectedVersion)
                        .executeUpdate())
                .flatMap(updated -> updated == 1 ? find(id) : Uni.createFrom().nullItem());
    }

    public Uni<Segment> archive(UUID id) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("UPDATE segment SET status = 'ARCHIVED', version = version + 1,"
                                + " updated_at = :now WHERE id = :id AND status = 'ACTIVE'")
                        .setParameter("now", Utc.now())
                        .setParameter("id", id)
                        .executeUpdate())
                .flatMap(updated -> find(id));
    }

    private Uni<List<Segment>> query(String sql, Map<String, Object> params) {
        return Panache.getSession().flatMap(s -> {
            var query = s.createNativeQuery(sql, Object[].class);
            params.forEach(query::setParameter);
            return query.getResultList()
                    .map(rows -> rows.stream().map(this::toSegment).toList());
        });
    }

    private Segment toSegment(Object[] row) {
        UUID id = (UUID) row[0];
        long version = ((Number) row[8]).longValue();
        JsonNode ruleJson = readJson((String) row[6]);
        Rule rule = parsed.computeIfAbsent(id + "@" + version, key -> parser.parse(ruleJson, "rule"));
        return new Segment(
                id,
                (String) row[1],
                (String) row[2],
                Segment.Kind.valueOf((String) row[3]),
                (String) row[4],
                (String) row[5],
                ruleJson,
                rule,
                Segment.Status.valueOf((String) row[7]),
                version,
                Utc.of(row[9]),
                Utc.of(row[10]));
    }

    private JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule is not JSON", e);
        }
    }
}
