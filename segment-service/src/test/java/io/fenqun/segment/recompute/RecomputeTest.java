package io.fenqun.segment.recompute;

import static io.fenqun.segment.testing.ProfileFeed.daysAgo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.fenqun.kit.security.Roles;
import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestDatabase;
import io.fenqun.kit.testing.TestTokens;
import io.fenqun.segment.testing.ProfileFeed;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The nightly recompute touches only what changed, and agrees with a full one: after time passes,
 * customers whose orders left a window or whose recency crossed a threshold move, and a full
 * recompute right after finds nothing left to change.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RecomputeTest {

    static final String ANALYST = TestTokens.bearer(Roles.ANALYST);
    static final String MARKETER = TestTokens.bearer(Roles.MARKETER);

    @Test
    void aWeekLaterTheRecomputeMovesWhatAgedAndAFullOneFindsNothingMore() {
        String recent = segment("recent buyer", "{\"field\":\"orders30d\",\"op\":\"gte\",\"value\":1}");
        String lapsing = segment("lapsing", "{\"field\":\"recencyDays\",\"op\":\"gt\",\"value\":45}");
        String settled = segment("settled", "{\"field\":\"firstPurchaseAt\",\"op\":\"moreThanDaysAgo\",\"value\":30}");
        UUID leaving = ProfileFeed.customer(Map.of());
        ProfileFeed.order(leaving, daysAgo(25), "88.00", "水果");
        UUID steady = ProfileFeed.customer(Map.of());
        ProfileFeed.order(steady, daysAgo(2), "40.00", "水果");
        UUID lapsingTomorrow = ProfileFeed.customer(Map.of());
        ProfileFeed.order(lapsingTomorrow, daysAgo(40), "300.00", "黄金");
        // Nothing happens to this one but the calendar (no order leaves a time window): a week on
        // they count as churned, which only the relabelling can notice.
        int churnedAfterDays = given().header("Authorization", ANALYST)
                .get("/api/v1/segment-settings")
                .then()
                .extract()
                .path("churnedAfterDays");
        UUID goingQuiet = ProfileFeed.customer(Map.of());
        ProfileFeed.order(goingQuiet, daysAgo(churnedAfterDays - 3), "60.00", "水果");
        recompute("");
        segments(goingQuiet).body("dimensions.lifecycle", equalTo("at_risk"));
        segments(leaving).body("segments.name", hasItem("recent buyer"));
        segments(steady).body("segments.name", hasItem("recent buyer"));
        segments(lapsingTomorrow).body("segments.name", not(hasItem("lapsing")));
        segments(leaving).body("segments.name", not(hasItem("settled")));

        aWeekPassesFor(leaving, steady, lapsingTomorrow, goingQuiet);
        recompute("")
                .body("everyone", equalTo(false))
                .body("factsChanged", greaterThanOrEqualTo(1))
                .body("exited", greaterThanOrEqualTo(1))
                .body("entered", greaterThanOrEqualTo(1));
        segments(leaving).body("segments.name", not(hasItem("recent buyer")));
        segments(steady).body("segments.name", hasItem("recent buyer"));
        segments(lapsingTomorrow).body("segments.name", hasItem("lapsing"));
        segments(leaving).body("segments.name", hasItem("settled"));
        segments(goingQuiet).body("dimensions.lifecycle", equalTo("churned"));

        recompute("?full=true")
                .body("everyone", equalTo(true))
                .body("factsChanged", equalTo(0))
                .body("labelsChanged", equalTo(0))
                .body("entered", equalTo(0))
                .body("exited", equalTo(0));

        // Other test classes count the segments everyone is in.
        archive(recent);
        archive(lapsing);
        archive(settled);
    }

    /**
     * A customer whose memberships another transaction rewrote while the recompute's statement ran
     * (an event moved them meanwhile) keeps what that transaction wrote: the move has one event,
     * not one from each.
     */
    @Test
    void aMoveAConcurrentTransactionMadeIsNotMadeAgain() throws Exception {
        String monthly = segment("bought this month", "{\"field\":\"orders30d\",\"op\":\"gte\",\"value\":1}");
        UUID customer = ProfileFeed.customer(Map.of());
        ProfileFeed.order(customer, daysAgo(25), "88.00", "水果");
        recompute("");
        segments(customer).body("segments.name", hasItem("bought this month"));
        aWeekPassesFor(customer);

        try (Connection concurrent = TestDatabase.connect()) {
            concurrent.setAutoCommit(false);
            // What the event path writes when it moves the customer out: their row without the
            // segment, and the event.
            try (PreparedStatement exit = concurrent.prepareStatement(
                    """
                    WITH moved AS (
                        UPDATE customer_segments
                           SET segment_ids = array_remove(segment_ids, CAST(? AS uuid)),
                               entered_at = entered_at[:array_position(segment_ids, CAST(? AS uuid)) - 1]
                                         || entered_at[array_position(segment_ids, CAST(? AS uuid)) + 1:]
                         WHERE customer_id = ? RETURNING customer_id)
                    INSERT INTO feed_event (id, type, subject, data)
                    SELECT gen_random_uuid(), 'segment.exited', customer_id::text,
                           jsonb_build_object('segmentId', CAST(? AS uuid), 'customerId', customer_id)
                      FROM moved""")) {
                for (int i = 1; i <= 3; i++) {
                    exit.setObject(i, UUID.fromString(monthly));
                }
                exit.setObject(4, customer);
                exit.setObject(5, UUID.fromString(monthly));
                exit.executeUpdate();
            }
            CompletableFuture<ValidatableResponse> running = CompletableFuture.supplyAsync(() -> recompute(""));
            awaitAStatementWaitingForALock();
            concurrent.commit();
            running.get(60, TimeUnit.SECONDS);
        }
        assertEquals(
                1,
                TestDatabase.count(
                        "SELECT count(*) FROM feed_event WHERE type = 'segment.exited' AND subject = ?"
                                + " AND data->>'segmentId' = ?",
                        customer.toString(),
                        monthly));
        segments(customer).body("segments.name", not(hasItem("bought this month")));
        archive(monthly);
    }

    private static void awaitAStatementWaitingForALock() throws InterruptedException {
        for (int attempt = 0; attempt < 300; attempt++) {
            if (TestDatabase.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") > 0) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the recompute never waited for the concurrent transaction");
    }

    /**
     * The nightly relabels exactly the customers a lifecycle threshold passed since the previous
     * recompute, with no margin to hide behind: minutes over the line are enough.
     */
    @Test
    void minutesOverALifecycleThresholdAreNoticed() {
        ValidatableResponse settings = given().header("Authorization", ANALYST)
                .get("/api/v1/segment-settings")
                .then();
        int newWithinDays = settings.extract().path("newWithinDays");
        int churnedAfterDays = settings.extract().path("churnedAfterDays");
        UUID almostChurned = ProfileFeed.customer(Map.of());
        ProfileFeed.order(
                almostChurned, ProfileFeed.daysAgo(churnedAfterDays + 1).plusMinutes(5), "60.00", "水果");
        UUID almostSettled = ProfileFeed.customer(Map.of());
        ProfileFeed.order(almostSettled, ProfileFeed.daysAgo(newWithinDays).plusMinutes(5), "60.00", "水果");
        recompute("");
        segments(almostChurned).body("dimensions.lifecycle", equalTo("at_risk"));
        segments(almostSettled).body("dimensions.lifecycle", equalTo("new"));

        timePassesFor(Duration.ofMinutes(10), almostChurned, almostSettled);
        recompute("").body("everyone", equalTo(false));
        segments(almostChurned).body("dimensions.lifecycle", equalTo("churned"));
        segments(almostSettled).body("dimensions.lifecycle", equalTo("active"));
    }

    @Test
    void changedThresholdsAggregateEveryoneAgain() {
        recompute("");
        String etag = given().header("Authorization", ANALYST)
                .get("/api/v1/segment-settings")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        String current = given().header("Authorization", ANALYST)
                .get("/api/v1/segment-settings")
                .then()
                .extract()
                .asString();
        given().header("Authorization", ANALYST)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(current)
                .put("/api/v1/segment-settings")
                .then()
                .statusCode(200);
        recompute("").body("everyone", equalTo(true));
        recompute("").body("everyone", equalTo(false));
    }

    /**
     * Moves these customers' timestamps and the previous recompute a week into the past: a whole week,
     * so every order keeps its weekday and hour.
     */
    private static void aWeekPassesFor(UUID... customers) {
        timePassesFor(Duration.ofDays(7), customers);
    }

    /** Moves these customers' timestamps and the previous recompute {@code time} into the past. */
    private static void timePassesFor(Duration time, UUID... customers) {
        String interval = "make_interval(secs => " + time.toSeconds() + ")";
        for (UUID customer : customers) {
            TestDatabase.execute(
                    "UPDATE customer_order SET ordered_at = ordered_at - " + interval + " WHERE customer_id = ?",
                    customer);
            TestDatabase.execute(
                    "UPDATE customer SET created_at = created_at - " + interval + " WHERE id = ?", customer);
            TestDatabase.execute(
                    "UPDATE customer_facts SET first_purchase_at = first_purchase_at - " + interval + ","
                            + " last_purchase_at = last_purchase_at - " + interval + " WHERE customer_id = ?",
                    customer);
        }
        TestDatabase.execute("UPDATE population_cutoffs SET computed_at = computed_at - " + interval);
    }

    private static ValidatableResponse recompute(String query) {
        return given().header("Authorization", ANALYST)
                .post("/api/v1/recomputes" + query)
                .then()
                .statusCode(200);
    }

    private static void archive(String segment) {
        given().header("Authorization", MARKETER)
                .post("/api/v1/segments/" + segment + "/archive")
                .then()
                .statusCode(200);
    }

    private static String segment(String name, String rule) {
        return given().header("Authorization", MARKETER)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"rule\":" + rule + "}")
                .post("/api/v1/segments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static ValidatableResponse segments(UUID customer) {
        return given().header("Authorization", ANALYST)
                .get("/api/v1/classifications/" + customer)
                .then()
                .statusCode(200);
    }
}
