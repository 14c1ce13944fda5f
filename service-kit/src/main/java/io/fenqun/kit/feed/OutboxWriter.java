package io.fenqun.kit.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenqun.kit.ids.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
     * Replaces the payload of every earlier event about a subject, for erasure: the feed must not
     * keep personal data that the owner has deleted.
     */
    public Uni<Integer> redactSubject(Object subject, Object redactedData) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "UPDATE feed_event SET data = CAST(CAST(:data AS text) AS jsonb) WHERE subject = :subject")
                .setParameter("data", toJson(redactedData))
                .setParameter("subject", subject.toString())
                .executeUpdate());
    }

    private String toJson(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (Exception e) {
            throw new IllegalArgumentException("event data is not serialisable", e);
        }
    }
}
