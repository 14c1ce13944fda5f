package io.fenqun.kit.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Transactions commit in any order; a reader that has been given position N must never later find
 * an event below N, or a consumer that stored N loses it. Each test holds one writer open while
 * another commits, then checks that continuing from the served cursor yields every event once.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class FeedReaderTest {

    @Inject
    FeedReader reader;

    @Test
    void eventOfTheTransactionHeldOpenComesAfterEverythingAlreadyServed() throws Exception {
        try (Connection held = open();
                Connection quick = open()) {
            long before = read(0, Duration.ZERO).head();
            UUID heldEvent = append(held);
            UUID quickEvent = append(quick);
            quick.commit();

            FeedPage first = read(before, Duration.ZERO);
            assertEquals(List.of(quickEvent), ids(first));
            assertEquals(before + 1, first.next());

            // A long-polling reader continuing from there is answered when the held transaction commits.
            CompletableFuture<FeedPage> waiting =
                    reader.read(first.next(), 100, Duration.ofSeconds(10)).subscribeAsCompletionStage();
            Thread.sleep(300);
            assertFalse(waiting.isDone(), "nothing new may be served while the transaction is open");
            held.commit();
            FeedPage second = waiting.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(heldEvent), ids(second));
            assertEquals(List.of(first.next() + 1), positions(second));
            assertEquals(second.next(), second.head());
        }
    }

    @Test
    void transactionThatBeganWritingEarlierButAppendsLaterIsNotSkipped() throws Exception {
        try (Connection early = open();
                Connection late = open()) {
            long before = read(0, Duration.ZERO).head();
            // "early" writes something else first, so it has the older transaction id ...
            try (Statement statement = early.createStatement()) {
                statement.execute("SELECT pg_current_xact_id()");
            }
            // ... but "late" appends first and stays open while "early" appends and commits.
            UUID lateEvent = append(late);
            UUID earlyEvent = append(early);
            early.commit();

            FeedPage first = read(before, Duration.ZERO);
            late.commit();
            FeedPage second = read(first.next(), Duration.ZERO);
            assertEquals(List.of(earlyEvent), ids(first));
            assertEquals(List.of(lateEvent), ids(second));
            assertEquals(List.of(before + 1, before + 2), List.of(first.next(), second.next()));
        }
    }

    @Test
    void rolledBackTransactionLeavesNoGap() throws Exception {
        try (Connection rolledBack = open();
                Connection committed = open()) {
            long before = read(0, Duration.ZERO).head();
            append(rolledBack);
            UUID kept = append(committed);
            committed.commit();
            rolledBack.rollback();

            FeedPage page = read(before, Duration.ZERO);
            assertEquals(List.of(kept), ids(page));
            assertEquals(List.of(before + 1), positions(page));
        }
    }

    private FeedPage read(long after, Duration wait) {
        return reader.read(after, 100, wait).await().atMost(Duration.ofSeconds(15));
    }

    private static List<UUID> ids(FeedPage page) {
        return page.events().stream().map(FeedEvent::id).toList();
    }

    private static List<Long> positions(FeedPage page) {
        return page.events().stream().map(FeedEvent::position).toList();
    }

    private static Connection open() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
        connection.setAutoCommit(false);
        return connection;
    }

    private static UUID append(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "INSERT INTO feed_event (id, type, subject, data) VALUES (gen_random_uuid(), 'test.written',"
                                + " 'reader', '{}') RETURNING id")) {
            rows.next();
            return rows.getObject(1, UUID.class);
        }
    }
}
