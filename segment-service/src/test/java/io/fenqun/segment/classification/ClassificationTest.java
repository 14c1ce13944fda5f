package io.fenqun.segment.classification;

import static io.fenqun.segment.testing.ProfileFeed.daysAgo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenqun.kit.security.Roles;
import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestDatabase;
import io.fenqun.kit.testing.TestTokens;
import io.fenqun.segment.testing.ProfileFeed;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Profile events in, classification and membership events out, per event and by the recompute. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ClassificationTest {

    static final String ANALYST = TestTokens.bearer(Roles.ANALYST);
    static final String ADMIN = TestTokens.bearer(Roles.ADMIN);

    @Test
    void lifecycleFollowsEachEventAndAChurnedBuyerBecomesActiveAgain() {
        UUID potential = ProfileFeed.customer(Map.of());
        classification(potential).body("dimensions.lifecycle", equalTo("potential"));

        UUID fresh = ProfileFeed.customer(Map.of());
        ProfileFeed.order(fresh, daysAgo(3), "120.00", "水果");
        classification(fresh)
                .body("dimensions.lifecycle", equalTo("new"))
                .body("features.ordersTotal", equalTo(1))
                .body("features.topCategory", equalTo("水果"))
                .body("segments.name", hasItem("Lifecycle: new"));

        UUID lapsed = ProfileFeed.customer(Map.of());
        ProfileFeed.order(lapsed, daysAgo(400), "80.00", "蔬菜");
        classification(lapsed).body("dimensions.lifecycle", equalTo("churned"));

        ProfileFeed.order(lapsed, daysAgo(0), "95.50", "蔬菜");
        classification(lapsed)
                .body("dimensions.lifecycle", equalTo("active"))
                .body("segments.name", hasItem("Lifecycle: active"))
                .body("segments.name", not(hasItem("Lifecycle: churned")))
                .body("history.name", hasItem("Lifecycle: churned"));

        assertEquals(1, events("segment.exited", lapsed, "churned"), "left churned once");
        assertEquals(1, events("segment.entered", lapsed, "active"), "entered active once");
    }

    @Test
    void theRecomputeScoresRfmAndValueTiersAgainstEveryone() {
        UUID champion = ProfileFeed.customer(Map.of());
        for (int i = 0; i < 12; i++) {
            ProfileFeed.order(champion, daysAgo(1 + i * 5), "900.00", "翡翠");
        }
        UUID small = ProfileFeed.customer(Map.of());
        ProfileFeed.order(small, daysAgo(200), "10.00", "蔬菜");

        given().header("Authorization", ANALYST)
                .post("/api/v1/recomputes")
                .then()
                .statusCode(200)
                .body("segments", equalTo(25));

        classification(champion)
                .body("dimensions.rfmSegment", equalTo("Champions"))
                .body("dimensions.valueTier", equalTo("A"))
                .body("dimensions.frequencyTier", equalTo("high"));
        classification(small).body("dimensions.valueTier", equalTo("C"));

        // A repeat with nothing changed moves nobody.
        given().header("Authorization", ANALYST)
                .post("/api/v1/recomputes")
                .then()
                .statusCode(200)
                .body("entered", equalTo(0))
                .body("exited", equalTo(0));
    }

    @Test
    void aRefundTakesTheOrderOutOfTheFeatures() {
        UUID customer = ProfileFeed.customer(Map.of());
        UUID order = ProfileFeed.order(customer, daysAgo(2), "300.00", "黄金");
        ProfileFeed.order(customer, daysAgo(1), "50.00", "黄金");
        classification(customer).body("features.spendTotal", equalTo(350.0f));
        ProfileFeed.order(customer, order, daysAgo(2), "300.00", "黄金", "REFUNDED");
        classification(customer).body("features.spendTotal", equalTo(50.0f)).body("features.ordersTotal", equalTo(1));
    }

    @Test
    void anErasedCustomerIsGoneButTheirOrdersStayAnonymous() {
        UUID customer = ProfileFeed.customer(Map.of());
        ProfileFeed.order(customer, daysAgo(5), "66.00", "水果");
        // Four built-in dimensions, and whatever custom segments other test classes left active.
        int segments = classification(customer).extract().path("segments.size()");
        assertTrue(segments >= 4, "in " + segments + " segments");
        long exitedBefore = events("segment.exited", customer, null);

        ProfileFeed.apply("customer.erased", customer, Map.of("id", customer.toString()));

        given().header("Authorization", ANALYST)
                .get("/api/v1/classifications/" + customer)
                .then()
                .statusCode(404);
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM customer WHERE id = ?", customer));
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM membership WHERE customer_id = ?", customer));
        assertEquals(
                1,
                TestDatabase.count("SELECT count(*) FROM customer_order WHERE customer_id IS NULL AND total = 66.00"));
        assertEquals(
                exitedBefore + segments,
                events("segment.exited", customer, null),
                "every membership ended on the feed");
    }

    @Test
    void aMergedDuplicateHandsItsOrdersToTheSurvivor() {
        UUID survivor = ProfileFeed.customer(Map.of());
        UUID duplicate = ProfileFeed.customer(Map.of());
        ProfileFeed.order(duplicate, daysAgo(10), "500.00", "翡翠");
        ProfileFeed.apply(
                "customer.merged", duplicate, Map.of("id", duplicate.toString(), "mergedInto", survivor.toString()));
        classification(survivor).body("features.ordersTotal", equalTo(1));
        given().header("Authorization", ANALYST)
                .get("/api/v1/classifications/" + duplicate)
                .then()
                .statusCode(404);
    }

    @Test
    void rolesAndBadIds() {
        given().get("/api/v1/classifications/" + UUID.randomUUID()).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.PARTNER))
                .get("/api/v1/classifications/" + UUID.randomUUID())
                .then()
                .statusCode(403);
        given().header("Authorization", ANALYST)
                .get("/api/v1/classifications/not-an-id")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    static ValidatableResponse classification(UUID customer) {
        return given().header("Authorization", ANALYST)
                .get("/api/v1/classifications/" + customer)
                .then()
                .statusCode(200);
    }

    /** Events of a type about a customer, optionally for one lifecycle value. */
    static long events(String type, UUID customer, String lifecycle) {
        return lifecycle == null
                ? TestDatabase.count(
                        "SELECT count(*) FROM feed_event WHERE type = ? AND subject = ?", type, customer.toString())
                : TestDatabase.count(
                        "SELECT count(*) FROM feed_event WHERE type = ? AND subject = ?"
                                + " AND data->>'dimension' = 'lifecycle' AND data->>'dimensionValue' = ?",
                        type,
                        customer.toString(),
                        lifecycle);
    }
}
