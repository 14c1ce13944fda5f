package io.fenqun.kit.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Positions can commit out of order; the reader must never hand out N+1 while N may still appear. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class FeedReaderTest {

    @Inject
    FeedReader reader;

    @Test
    void laterPositionWaitsUntilTheEarlierTransactionCommits() throws Exception {
        try (Connection early = open();
                Connection late = open()) {
            long before = newestPosition(late);
            long lower = append(early);
            long higher = append(late);
            late.commit();
            assertTrue(higher > lower);

            FeedPage page = read(before, Duration.ZERO);
            assertEquals(List.of(), page.events(), "position " + higher + " must wait for " + lower);
            assertEquals(before, page.next());

            // A long-polling reader is answered once the earlier transaction commits, with both in order.
            CompletableFuture<FeedPage> waiting =
                    reader.read(before, 100, Duration.ofSeconds(10)).subscribeAsCompletionStage();
            Thread.sleep(300);
            assertTrue(!waiting.isDone(), "nothing may be served while " + lower + " is in flight");
            early.commit();
            page = waiting.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(lower, higher), positions(page));
            assertEquals(higher, page.next());
            assertEquals(higher, page.head());
        }
    }

    @Test
    void rolledBackEarlierTransactionReleasesTheLaterPosition() throws Exception {
        try (Connection early = open();
                Connection late = open()) {
            long before = newestPosition(late);
            append(early);
            long higher = append(late);
            late.commit();
            assertEquals(List.of(), read(before, Duration.ZERO).events());

            early.rollback();
            assertEquals(List.of(higher), positions(read(before, Duration.ZERO)));
        }
    }

    private FeedPage read(long after, Duration wait) {
        return reader.read(after, 100, wait).await().atMost(Duration.ofSeconds(15));
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

    private static long append(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "INSERT INTO feed_event (id, type, subject, data) VALUES (gen_random_uuid(), 'test.written',"
                                + " 'reader', '{}') RETURNING position")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long newestPosition(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT coalesce(max(position), 0) FROM feed_event")) {
            rows.next();
            long newest = rows.getLong(1);
            connection.commit();
            return newest;
        }
    }
}
