package io.fenqun.kit.feed;

import static io.fenqun.kit.feed.FeedTestSupport.lagOf;
import static io.fenqun.kit.feed.FeedTestSupport.waitUntil;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A consumer named in configuration starts with the application and keeps retrying an unreachable feed. */
@QuarkusTest
@TestProfile(ConfiguredConsumerTest.UnreachableFeed.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ConfiguredConsumerTest {

    public static class UnreachableFeed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "fenqun.feed.consumers.unreachable.url", "http://localhost:1",
                    "fenqun.feed.consumers.unreachable.long-poll", "1s",
                    "fenqun.feed.consumers.unreachable.timeout", "1s");
        }
    }

    @ApplicationScoped
    @Identifier("unreachable")
    static class UnreachableFeedHandler implements FeedHandler {
        @Override
        public Uni<Void> apply(FeedEvent event) {
            return ReceivedEvent.recorder("unreachable").apply(event);
        }
    }

    @Inject
    FeedConsumers consumers;

    @Test
    void startsWithTheApplicationAndBacksOffWhileTheFeedIsUnreachable() throws InterruptedException {
        waitUntil(
                () -> lagOf(consumers, "unreachable").lastError() != null,
                Duration.ofSeconds(30),
                "the consumer reports its failure");
        ConsumerLag lag = lagOf(consumers, "unreachable");
        assertTrue(lag.running());
        assertEquals(0, lag.position(), "nothing read, nothing skipped");

        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'database-and-feeds' }.data.'feed.unreachable.running'", equalTo(true))
                .body(
                        "checks.find { it.name == 'database-and-feeds' }.data.'feed.unreachable.lastError'",
                        notNullValue());
    }
}
