package io.fenqun.profile.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestTokens;
import io.fenqun.profile.testing.ProfileApi;
import io.fenqun.profile.testing.TestCustomers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class OrderResourceTest {

    static final String ADMIN = TestTokens.bearer("admin");

    static String order(String customerId, String orderedAt, String total) {
        return """
                {"customerId":"%s","orderedAt":"%s","channel":"STORE","store":"西湖店","total":"%s",
                 "items":[{"sku":"A1","name":"苹果","category":"水果","quantity":2,"unitPrice":"%s"}]}"""
                .formatted(
                        customerId,
                        orderedAt,
                        total,
                        new java.math.BigDecimal(total).divide(java.math.BigDecimal.valueOf(2)));
    }

    static String record(String body) {
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void recordsListsRefundsAndAnnouncesOrders() {
        String customer = TestCustomers.create("周瑜", "13400000001");
        String first = record(order(customer, "2026-11-01T10:00:00+08:00", "20.00"));
        String second = record(order(customer, "2026-11-02T10:00:00+08:00", "30.00"));
        String third = record(order(customer, "2026-11-03T10:00:00+08:00", "40.00"));
        var page = given().header("Authorization", ADMIN)
                .queryParam("limit", 2)
                .get("/api/v1/customers/" + customer + "/orders")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(third, second)))
                .extract();
        given().header("Authorization", ADMIN)
                .queryParam("limit", 2)
                .queryParam("cursor", (String) page.path("nextCursor"))
                .get("/api/v1/customers/" + customer + "/orders")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(first)));
        given().header("Authorization", ADMIN)
                .post("/api/v1/orders/" + first + "/refund")
                .then()
                .statusCode(200)
                .body("status", equalTo("REFUNDED"));
        given().header("Authorization", ADMIN)
                .post("/api/v1/orders/" + first + "/cancel")
                .then()
                .statusCode(409);
        org.junit.jupiter.api.Assertions.assertEquals(
                List.of("customer.created", "order.recorded", "order.recorded", "order.recorded", "order.refunded"),
                ProfileApi.eventTypes(customer));
    }

    @Test
    void externalIdUpsertIsIdempotent() {
        String customer = TestCustomers.create("诸葛亮", "13400000002");
        String body = order(customer, "2026-11-05T09:00:00Z", "10.00");
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/orders/by-external-id/pos/P-1")
                .then()
                .statusCode(201)
                .body("external.id", equalTo("P-1"));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/orders/by-external-id/pos/P-1")
                .then()
                .statusCode(200)
                .body("version", equalTo(0));
        given().header("Authorization", ADMIN)
                .get("/api/v1/customers/" + customer + "/orders")
                .then()
                .body("items", hasSize(1));
    }

    @Test
    void inconsistentOrdersAreRejectedAndNothingIsWritten() {
        String customer = TestCustomers.create("刘备", "13400000003");
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(order(customer, "2026-11-05T09:00:00Z", "10.00")
                        .replace("\"total\":\"10.00\"", "\"total\":\"11.00\""))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("total"));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(order(customer, "2026-11-05T09:00:00Z", "10.00").replace("\"quantity\":2", "\"quantity\":-2"))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("items[0].quantity"));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(order(customer, "2026-11-05T09:00:00Z", "10.00")
                        .replace("\"channel\"", "\"currency\":\"XYZ\",\"channel\""))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("currency"));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(order("01a205ac-8c77-76bc-a6d8-e43ab04112bc", "2026-11-05T09:00:00Z", "10.00"))
                .post("/api/v1/orders")
                .then()
                .statusCode(404);
        given().header("Authorization", ADMIN)
                .get("/api/v1/customers/" + customer + "/orders")
                .then()
                .body("items", hasSize(0));
    }

    @Test
    void salesOnlyTouchTheirOwnCustomersOrders() {
        String customer = TestCustomers.create("关羽", "13400000004");
        String id = record(order(customer, "2026-11-05T09:00:00Z", "10.00"));
        given().header("Authorization", TestTokens.bearer("sales", "sales-zhang"))
                .get("/api/v1/orders/" + id)
                .then()
                .statusCode(404);
        given().header("Authorization", TestTokens.bearer("analyst"))
                .post("/api/v1/orders/" + id + "/refund")
                .then()
                .statusCode(403);
    }
}
