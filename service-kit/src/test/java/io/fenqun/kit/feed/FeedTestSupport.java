package io.fenqun.kit.feed;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.hibernate.reactive.mutiny.Mutiny;

/** Writes test events through the real OutboxWriter and reads back what consumers received. */
public final class FeedTestSupport {

    private FeedTestSupport() {}

    /** One transaction appending {@code pauses.length} events, pausing in the database after each. */
    public static void writeTransaction(OutboxWriter outbox, double[] pauseSeconds, boolean rollBack) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < pauseSeconds.length; i++) {
                double pause = pauseSeconds[i];
                int n = i;
                chain = chain.chain(() -> outbox.append("test.written", "writer", Map.of("n", n)))
                        .chain(() -> Panache.getSession()
                                .flatMap(session -> session.createNativeQuery("SELECT 1 FROM pg_sleep(:seconds)")
                                        .setParameter("seconds", pause)
                                        .getSingleResult()))
                        .replaceWithVoid();
            }
            return rollBack
                    ? chain.chain(() -> Panache.currentTransaction().invoke(Mutiny.Transaction::markForRollback))
                            .replaceWithVoid()
                    : chain;
        }));
    }

    /** Commits {@code events} events in transactions of ten, without pauses. */
    public static void writeCommitted(OutboxWriter outbox, int events) throws Throwable {
        for (int written = 0; written < events; written += 10) {
            writeTransaction(outbox, new double[Math.min(10, events - written)], false);
        }
    }

    public static long count(Pool pool, String sql, Object... params) {
        return pool.preparedQuery(sql)
                .execute(io.vertx.mutiny.sqlclient.Tuple.from(params))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    public static long newestPosition(Pool pool) {
        return count(pool, "SELECT coalesce(max(position), 0) FROM feed_event");
    }

    /** Events of the whole feed the consumer has not received, received twice, or received out of order. */
    public static Map<String, Long> receivedAnomalies(Pool pool, String consumer) {
        return Map.of(
                "missing",
                count(
                        pool,
                        "SELECT count(*) FROM feed_event f WHERE NOT EXISTS"
                                + " (SELECT 1 FROM received_event r WHERE r.consumer = $1 AND r.event_id = f.id)",
                        consumer),
                "duplicated",
                count(
                        pool,
                        "SELECT count(*) - count(DISTINCT event_id) FROM received_event WHERE consumer = $1",
                        consumer),
                "unknown",
                count(
                        pool,
                        "SELECT count(*) FROM received_event r WHERE r.consumer = $1 AND NOT EXISTS"
                                + " (SELECT 1 FROM feed_event f WHERE f.id = r.event_id AND f.position = r.position)",
                        consumer),
                "outOfOrder",
                count(
                        pool,
                        "SELECT count(*) FROM (SELECT position, lag(position) OVER (ORDER BY received) AS previous"
                                + " FROM received_event WHERE consumer = $1) t WHERE previous >= position",
                        consumer));
    }

    public static void waitUntil(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Waits until the consumer has applied every event committed so far. */
    public static void waitUntilCaughtUp(FeedConsumers consumers, String name, Pool pool, Duration timeout)
            throws InterruptedException {
        // Events get positions when read, so the newest position only counts once none are waiting for one.
        waitUntil(
                () -> count(pool, "SELECT count(*) FROM feed_event WHERE position IS NULL") == 0
                        && lagOf(consumers, name).position() >= newestPosition(pool),
                timeout,
                name + " applied every committed event");
    }

    public static ConsumerLag lagOf(FeedConsumers consumers, String name) {
        return consumers.lags().stream()
                .filter(lag -> lag.consumer().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
