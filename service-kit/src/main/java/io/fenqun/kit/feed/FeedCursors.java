package io.fenqun.kit.feed;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A consumer's durable cursor ({@code feed_cursor}) and the ids of the events it has applied
 * ({@code feed_inbox}). Every method runs in the caller's Hibernate Reactive transaction.
 */
@ApplicationScoped
public class FeedCursors {

    /** The stored position, creating the cursor at 0 the first time. */
    public Uni<Long> position(String consumer) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "INSERT INTO feed_cursor (consumer) VALUES (:consumer) ON CONFLICT DO NOTHING")
                .setParameter("consumer", consumer)
                .executeUpdate()
                .chain(() -> session.createNativeQuery(
                                "SELECT position FROM feed_cursor WHERE consumer = :consumer", Long.class)
                        .setParameter("consumer", consumer)
                        .getSingleResult()));
    }

    /**
     * Moves the cursor from {@code after} to {@code next}. False when it no longer stands at
     * {@code after} (another replica moved it); the row stays locked until the transaction ends, so
     * two replicas never apply the same batch at once.
     */
    public Uni<Boolean> advance(String consumer, long after, long next, long head) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                """
                                UPDATE feed_cursor
                                   SET position = :next, applied_at = now(), head = :head, head_at = now()
                                 WHERE consumer = :consumer AND position = :after""")
                        .setParameter("next", next)
                        .setParameter("head", head)
                        .setParameter("consumer", consumer)
                        .setParameter("after", after)
                        .executeUpdate())
                .map(updated -> updated == 1);
    }

    /** Records the event as applied; false when it already was. */
    public Uni<Boolean> firstDelivery(String consumer, UUID eventId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "INSERT INTO feed_inbox (consumer, event_id) VALUES (:consumer, :id) ON CONFLICT DO NOTHING")
                        .setParameter("consumer", consumer)
                        .setParameter("id", eventId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
