package io.fenqun.kit.health;

import static io.fenqun.kit.feed.FeedTestSupport.waitUntilCaughtUp;
import static io.fenqun.kit.feed.FeedTestSupport.writeCommitted;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.fenqun.kit.feed.FeedConsumers;
import io.fenqun.kit.feed.FeedSource;
import io.fenqun.kit.feed.OutboxWriter;
import io.fenqun.kit.feed.ReceivedEvent;
import io.fenqun.kit.feed.TestFeedResource;
import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ReadinessCheckTest {

    @TestHTTPResource
    URL self;

    @Inject
    FeedConsumers consumers;

    @Inject
    OutboxWriter outbox;

    @Inject
    Pool pool;

    @Test
    void readyReportsTheDatabaseAndEachConsumersLag() throws Throwable {
        writeCommitted(outbox, 5);
        consumers.start(
                "ready",
                new FeedSource(
                        self.toURI().resolve(TestFeedResource.PATH), 100, Duration.ofSeconds(1), Duration.ofSeconds(5)),
                ReceivedEvent.recorder("ready"));
        try {
            waitUntilCaughtUp(consumers, "ready", pool, Duration.ofSeconds(30));

            given().when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.name", hasItem("database-and-feeds"))
                    .body("checks.find { it.name == 'database-and-feeds' }.data.database", equalTo("reachable"))
                    .body("checks.find { it.name == 'database-and-feeds' }.data.'feed.ready.eventsBehind'", equalTo(0))
                    .body("checks.find { it.name == 'database-and-feeds' }.data.'feed.ready.running'", equalTo(true));

            given().when()
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(containsString("fenqun_feed_consumer_lag_events{consumer=\"ready\"} 0.0"))
                    .body(containsString("fenqun_feed_consumer_lag_seconds{consumer=\"ready\"} 0.0"));
        } finally {
            consumers.stop("ready");
        }
    }
}
