package io.fenqun.kit.feed;

import static io.fenqun.kit.feed.FeedTestSupport.count;
import static io.fenqun.kit.feed.FeedTestSupport.lagOf;
import static io.fenqun.kit.feed.FeedTestSupport.receivedAnomalies;
import static io.fenqun.kit.feed.FeedTestSupport.waitUntilCaughtUp;
import static io.fenqun.kit.feed.FeedTestSupport.writeCommitted;
import static io.fenqun.kit.feed.FeedTestSupport.writeTransaction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** DESIGN.md section 3: a consumer polling over HTTP gets every committed event exactly once, in order. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class FeedConsumerTest {

    static final int WRITERS = 16;
    static final int EVENTS = 8_000;
    static final Map<String, Long> NO_ANOMALIES =
            Map.of("missing", 0L, "duplicated", 0L, "unknown", 0L, "outOfOrder", 0L);

    @TestHTTPResource
    URL self;

    @Inject
    FeedConsumers consumers;

    @Inject
    OutboxWriter outbox;

    @Inject
    Pool pool;

    @Test
    void consumerGetsEveryCommittedEventOnceInOrderWhileSixteenWritersRace() throws Exception {
        long before = count(pool, "SELECT count(*) FROM feed_event");
        consumers.start("race", source(100), ReceivedEvent.recorder("race"));
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<Integer>> rolledBack = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                long seed = w;
                rolledBack.add(writers.submit(() -> writeRandomly(EVENTS / WRITERS, new Random(seed))));
            }
            int discarded = 0;
            for (Future<Integer> writer : rolledBack) {
                discarded += writer.get();
            }
            assertTrue(discarded > 0, "some transactions must have rolled back");
            waitUntilCaughtUp(consumers, "race", pool, Duration.ofMinutes(2));
        } finally {
            writers.shutdownNow();
            consumers.stop("race");
        }

        assertEquals(EVENTS, count(pool, "SELECT count(*) FROM feed_event") - before);
        assertEquals(
                count(pool, "SELECT count(*) FROM feed_event"),
                count(pool, "SELECT count(*) FROM received_event WHERE consumer = 'race'"));
        assertEquals(NO_ANOMALIES, receivedAnomalies(pool, "race"));
        assertEquals(0, lagOf(consumers, "race").eventsBehind());
    }

    @Test
    void restartedConsumerContinuesFromItsStoredCursorWithoutDuplicates() throws Throwable {
        writeCommitted(outbox, 100);
        consumers.start("restart", source(10), ReceivedEvent.recorder("restart"));
        waitUntilCaughtUp(consumers, "restart", pool, Duration.ofSeconds(30));
        consumers.stop("restart");

        long stored = count(pool, "SELECT position FROM feed_cursor WHERE consumer = 'restart'");
        assertEquals(
                count(pool, "SELECT count(*) FROM feed_event WHERE position <= $1", stored),
                count(pool, "SELECT count(*) FROM received_event WHERE consumer = 'restart'"),
                "the cursor and the handler's effects are committed together");

        writeCommitted(outbox, 55);
        consumers.start("restart", source(10), ReceivedEvent.recorder("restart"));
        waitUntilCaughtUp(consumers, "restart", pool, Duration.ofSeconds(30));
        consumers.stop("restart");

        assertEquals(
                55,
                count(
                        pool,
                        "SELECT count(*) FROM received_event WHERE consumer = 'restart' AND position > $1",
                        stored));
        assertEquals(NO_ANOMALIES, receivedAnomalies(pool, "restart"));
    }

    @Test
    void rewoundCursorDoesNotApplyAnEventTwice() throws Throwable {
        writeCommitted(outbox, 20);
        consumers.start("rewind", source(50), ReceivedEvent.recorder("rewind"));
        waitUntilCaughtUp(consumers, "rewind", pool, Duration.ofSeconds(30));
        consumers.stop("rewind");

        pool.query("UPDATE feed_cursor SET position = 0 WHERE consumer = 'rewind'")
                .execute()
                .await()
                .indefinitely();
        consumers.start("rewind", source(50), ReceivedEvent.recorder("rewind"));
        waitUntilCaughtUp(consumers, "rewind", pool, Duration.ofSeconds(30));
        consumers.stop("rewind");

        assertEquals(NO_ANOMALIES, receivedAnomalies(pool, "rewind"));
    }

    @Test
    void failedBatchRollsBackAndIsRetriedWithoutSkipping() throws Throwable {
        writeCommitted(outbox, 30);
        AtomicInteger failuresLeft = new AtomicInteger(2);
        FeedHandler recorder = ReceivedEvent.recorder("retry");
        // Fails in the middle of a batch, after earlier events of the batch were applied.
        FeedHandler failingTwice = event -> event.data().path("n").asInt() == 5 && failuresLeft.getAndDecrement() > 0
                ? Uni.createFrom().failure(new IllegalStateException("handler unavailable"))
                : recorder.apply(event);
        consumers.start("retry", source(100), failingTwice);
        waitUntilCaughtUp(consumers, "retry", pool, Duration.ofSeconds(30));
        consumers.stop("retry");

        assertTrue(failuresLeft.get() < 0, "the handler failed twice, then went on");
        assertEquals(NO_ANOMALIES, receivedAnomalies(pool, "retry"));
    }

    private FeedSource source(int batchSize) throws Exception {
        return new FeedSource(
                self.toURI().resolve(TestFeedResource.PATH), batchSize, Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    /**
     * Commits {@code events} events in transactions of 1-10 events with pauses inside, so positions
     * commit out of order; one transaction in ten rolls back. Returns the events rolled back.
     */
    private int writeRandomly(int events, Random random) throws Exception {
        int committed = 0;
        int rolledBack = 0;
        while (committed < events) {
            int size = random.nextBoolean() ? 1 + random.nextInt(10) : 1;
            size = Math.min(size, events - committed);
            double[] pauses = new double[size];
            for (int i = 0; i < size; i++) {
                pauses[i] = random.nextInt(4) / 1000.0;
            }
            pauses[size - 1] = random.nextInt(20) / 1000.0;
            boolean rollBack = random.nextInt(10) == 0;
            try {
                writeTransaction(outbox, pauses, rollBack);
            } catch (Throwable e) {
                throw new IllegalStateException("writer failed", e);
            }
            if (rollBack) {
                rolledBack += size;
            } else {
                committed += size;
            }
        }
        return rolledBack;
    }
}
