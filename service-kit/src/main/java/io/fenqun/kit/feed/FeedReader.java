package io.fenqun.kit.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves this service's feed without ever skipping an event. An event gets its position only after
 * its transaction has committed: before each read, the committed events without one are numbered
 * after the highest position so far, by one reader at a time. A position once served can therefore
 * never be followed by a lower one.
 */
@ApplicationScoped
public class FeedReader {

    static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private static final String READ =
            """
            SELECT position, id, type, subject, occurred_at, data::text AS data
              FROM feed_event
             WHERE position > $1
             ORDER BY position
             LIMIT $2""";

    private static final String HEAD = "SELECT coalesce(max(position), 0) AS head FROM feed_event";

    private static final String UNPOSITIONED = "SELECT EXISTS (SELECT 1 FROM feed_event WHERE position IS NULL)";

    /**
     * Serialises numbering across readers and replicas until the numbering transaction ends. Taken in
     * a statement of its own, so the numbering statement's snapshot includes what the previous holder
     * committed.
     */
    private static final String NUMBERING_LOCK = "SELECT pg_advisory_xact_lock(hashtext('feed_event.position'))";

    /** Committed events only: a writer's rows are invisible here until it commits. */
    private static final String NUMBER =
            """
            UPDATE feed_event e
               SET position = n.position
              FROM (SELECT written,
                           (SELECT coalesce(max(position), 0) FROM feed_event)
                               + row_number() OVER (ORDER BY written) AS position
                      FROM feed_event
                     WHERE position IS NULL) n
             WHERE e.written = n.written""";

    private final Pool pool;
    private final ObjectMapper json;

    public FeedReader(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Reads up to {@code limit} events after {@code after}, waiting up to {@code wait} for the first. */
    public Uni<FeedPage> read(long after, int limit, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        return readUntil(after, limit, deadline);
    }

    private Uni<FeedPage> readUntil(long after, int limit, long deadline) {
        return readOnce(after, limit).flatMap(page -> {
            if (!page.events().isEmpty() || System.nanoTime() >= deadline) {
                return Uni.createFrom().item(page);
            }
            return Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(POLL_INTERVAL)
                    .flatMap(ignored -> readUntil(after, limit, deadline));
        });
    }

    private Uni<FeedPage> readOnce(long after, int limit) {
        return numberCommittedEvents().chain(() -> readNumbered(after, limit));
    }

    private Uni<Void> numberCommittedEvents() {
        return pool.query(UNPOSITIONED)
                .execute()
                .map(rows -> rows.iterator().next().getBoolean(0))
                .chain(pending -> pending
                        ? pool.withTransaction(connection -> connection
                                        .query(NUMBERING_LOCK)
                                        .execute()
                                        .chain(() -> connection.query(NUMBER).execute()))
                                .replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    private Uni<FeedPage> readNumbered(long after, int limit) {
        Uni<List<FeedEvent>> events = pool.preparedQuery(READ)
                .execute(Tuple.of(after, limit))
                .map(rows -> {
                    List<FeedEvent> list = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        list.add(toEvent(row));
                    }
                    return list;
                });
        Uni<Long> head =
                pool.query(HEAD).execute().map(rows -> rows.iterator().next().getLong("head"));
        return Uni.combine().all().unis(events, head).asTuple().map(t -> {
            List<FeedEvent> list = t.getItem1();
            long next = list.isEmpty() ? after : list.get(list.size() - 1).position();
            return new FeedPage(list, next, Math.max(t.getItem2(), next));
        });
    }

    private FeedEvent toEvent(Row row) {
        try {
            return new FeedEvent(
                    row.getLong("position"),
                    row.getUUID("id"),
                    row.getString("type"),
                    row.getString("subject"),
                    row.getOffsetDateTime("occurred_at"),
                    json.readTree(row.getString("data")));
        } catch (Exception e) {
            throw new IllegalStateException("feed event " + row.getLong("position") + " is not valid JSON", e);
        }
    }
}
