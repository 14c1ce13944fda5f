package io.fenqun.profile.loyalty;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestDatabase;
import io.fenqun.kit.testing.TestTokens;
import io.fenqun.profile.testing.ProfileApi;
import io.fenqun.profile.testing.TestCustomers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class LoyaltyResourceTest {

    static final String ADMIN = TestTokens.bearer("admin");

    static String order(String customer, String total) {
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"customerId\":\"%s\",\"orderedAt\":\"%s\",\"total\":\"%s\"}"
                        .formatted(customer, java.time.OffsetDateTime.now().minusDays(1), total))
                .post("/api/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static void reconcile() {
        given().header("Authorization", ADMIN)
                .post("/api/v1/loyalty/reconciliation")
                .then()
                .statusCode(200);
    }

    @Test
    void purchasesEarnRefundsReverseAndTiersFollow() {
        String customer = TestCustomers.create("花木兰", "13200000001");
        order(customer, "800.50");
        String refunded = order(customer, "300.00");
        reconcile();
        given().header("Authorization", ADMIN)
                .get("/api/v1/customers/" + customer + "/points")
                .then()
                .statusCode(200)
                .body("balance", equalTo(1100))
                .body("tier", equalTo("SILVER"))
                .body("nextTier", equalTo("GOLD"))
                .body("pointsToNextTier", equalTo(3900));
        given().header("Authorization", ADMIN)
                .get("/api/v1/customers/" + customer)
                .then()
                .body("membershipTier", equalTo("SILVER"));

        given().header("Authorization", ADMIN)
                .post("/api/v1/orders/" + refunded + "/refund")
                .then()
                .statusCode(200);
        reconcile();
        reconcile();
        given().header("Authorization", ADMIN)
                .get("/api/v1/customers/" + customer + "/points")
                .then()
                .body("balance", equalTo(800))
                .body("tier", equalTo("STANDARD"));
        Assertions.assertEquals(
                1,
                TestDatabase.count(
                        "SELECT count(*) FROM points_entry WHERE kind = 'REVERSE' AND customer_id = ?::uuid", customer),
                "a refund is reversed once however often reconciliation runs");
        List<Map<String, Object>> changes = ProfileApi.events("points.changed", customer);
        Assertions.assertFalse(changes.isEmpty());
        @SuppressWarnings("unchecked")
        Map<String, Object> latest =
                (Map<String, Object>) changes.get(changes.size() - 1).get("data");
        Assertions.assertNotNull(latest.get("nextExpiry"), "when the oldest open points expire, for reminders");
    }

    @Test
    void redemptionSpendsOldestLotsAndNeverOverdraws() {
        String customer = TestCustomers.create("穆桂英", "13200000002");
        order(customer, "100.00");
        reconcile();
        for (int attempt = 0; attempt < 2; attempt++) {
            given().header("Authorization", ADMIN)
                    .header("Idempotency-Key", "goodwill-" + customer)
                    .contentType(ContentType.JSON)
                    .body("{\"points\":50,\"reason\":\"goodwill\"}")
                    .post("/api/v1/customers/" + customer + "/points/adjustments")
                    .then()
                    .statusCode(201);
        }
        given().header("Authorization", ADMIN)
                .header("Idempotency-Key", "redeem-1")
                .contentType(ContentType.JSON)
                .body("{\"points\":120,\"reason\":\"coupon\"}")
                .post("/api/v1/customers/" + customer + "/points/redemptions")
                .then()
                .statusCode(201)
                .body("points", equalTo(-120));
        given().header("Authorization", ADMIN)
                .header("Idempotency-Key", "redeem-1")
                .contentType(ContentType.JSON)
                .body("{\"points\":120,\"reason\":\"coupon\"}")
                .post("/api/v1/customers/" + customer + "/points/redemptions")
                .then()
                .statusCode(201);
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"points\":31,\"reason\":\"too much\"}")
                .post("/api/v1/customers/" + customer + "/points/redemptions")
                .then()
                .statusCode(409);
        given().header("Authorization", ADMIN)
                .get("/api/v1/customers/" + customer + "/points/ledger")
                .then()
                .statusCode(200)
                .body("items.kind", hasItem("REDEEM"));
        Assertions.assertEquals(
                30,
                TestDatabase.count(
                        "SELECT coalesce(sum(remaining), 0) FROM points_entry WHERE customer_id = ?::uuid", customer),
                "the earned lot (older) was spent first; 30 of the adjustment remain");
        Assertions.assertEquals(
                30, TestDatabase.count("SELECT sum(points) FROM points_entry WHERE customer_id = ?::uuid", customer));
    }

    @Test
    void badInputAndRoles() {
        String customer = TestCustomers.create("梁红玉", "13200000003");
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"points\":0,\"reason\":\"x\"}")
                .post("/api/v1/customers/" + customer + "/points/redemptions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("points"));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"points\":5}")
                .post("/api/v1/customers/" + customer + "/points/adjustments")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reason"));
        given().header("Authorization", TestTokens.bearer("marketer"))
                .contentType(ContentType.JSON)
                .body("{\"points\":5,\"reason\":\"x\"}")
                .post("/api/v1/customers/" + customer + "/points/adjustments")
                .then()
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer("sales", "someone-else"))
                .get("/api/v1/customers/" + customer + "/points")
                .then()
                .statusCode(404);
    }
}
