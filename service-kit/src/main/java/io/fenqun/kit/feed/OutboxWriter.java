package io.fenqun.kit.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.time.Utc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Appends events to this service's feed. Call it inside the transaction that makes the change, so
 * the event exists if and only if the change does.
 */
@ApplicationScoped
public class OutboxWriter {

    private final ObjectMapper json;

    public OutboxWriter(ObjectMapper json) {
        this.json = json;
    }

    public Uni<UUID> append(String type, Object subject, Object data) {
        UUID id = Ids.newId();
        String payload = toJson(data);
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "INSERT INTO feed_event (id, type, subject, data) VALUES (:id, :type, :subject, CAST(CAST(:data AS text) AS jsonb))")
                        .setParameter("id", id)
                        .setParameter("type", type)
                        .setParameter("subject", subject.toString())
                        .setParameter("data", payload)
                        .executeUpdate())
                .replaceWith(id);
    }

    /**
     * Appends one event per subject in a single statement, for changes made in bulk; {@code data}
     * holds each subject's payload at the same index.
     */
    public Uni<Integer> appendAll(String type, List<?> subjects, List<?> data) {
        if (subjects.size() != data.size()) {
            throw new IllegalArgumentException("one payload per subject");
        }
        if (subjects.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        UUID[] ids = new UUID[subjects.size()];
        String[] subjectTexts = new String[subjects.size()];
        String[] payloads = new String[subjects.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Ids.newId();
            subjectTexts[i] = subjects.get(i).toString();
            payloads[i] = toJson(data.get(i));
        }
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("INSERT INTO feed_event (id, type, subject, data)"
                                + " SELECT e.id, :type, e.subject, e.data::jsonb FROM unnest(CAST(:ids AS uuid[]),"
                                + " CAST(:subjects AS text[]), CAST(:data AS text[])) WITH ORDINALITY"
                                + " AS e(id, subject, data, n) ORDER BY e.n")
                        .setParameter("type", type)
                        .setParameter("ids", ids)
                        .setParameter("subjects", subjectTexts)
                        .setParameter("data", payloads)
                        .executeUpdate());
    }

    /**
     * Replaces the payload of earlier events of the given types about a subject, for erasure: the
     * feed must not keep personal data that the owner has deleted.
     */
    public Uni<Integer> redactSubject(Object subject, Collection<String> types, Object redactedData) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "UPDATE feed_event SET data = CAST(CAST(:data AS text) AS jsonb)"
                                + " WHERE subject = :subject AND type = ANY(:types)")
                .setParameter("data", toJson(redactedData))
                .setParameter("subject", subject.toString())
                .setParameter("types", types.toArray(String[]::new))
                .executeUpdate());
    }

    /** Every event about a subject, oldest first, for a data subject's export; 0 = not yet served. */
    public Uni<List<FeedEvent>> eventsAbout(Object subject) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "SELECT coalesce(position, 0), id, type, occurred_at, data::text FROM feed_event"
                                        + " WHERE subject = :subject ORDER BY written",
                                Object[].class)
                        .setParameter("subject", subject.toString())
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new FeedEvent(
                                ((Number) r[0]).longValue(),
                                (UUID) r[1],
                                (String) r[2],
                                subject.toString(),
                                Utc.of(r[3]),
                                readTree((String) r[4])))
                        .toList());
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("feed event data is not JSON", e);
        }
    }

    private String toJson(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (Exception e) {
            throw new IllegalArgumentException("event data is not serialisable", e);
        }
    }
}
