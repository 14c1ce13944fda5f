package io.fenqun.profile.duplicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestTokens;
import io.fenqun.profile.testing.ProfileApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DuplicateResourceTest {

    static final String ADMIN = TestTokens.bearer("admin");

    static String customer(String body) {
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/customers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void findsLikelyDuplicatesAndMergesEverythingIntoTheSurvivor() {
        String survivor =
                customer("{\"kind\":\"PERSON\",\"name\":\"诸葛孔明\",\"address\":{\"city\":\"成都市\"},\"tags\":[\"vip\"]}");
        String duplicate = customer(
                """
                {"kind":"PERSON","name":"诸葛孔明","phone":"13100000009","email":"kongming@example.com",
                 "address":{"city":"成都市"},"tags":["老客户"],"externalIds":[{"source":"pos","externalId":"K-9"}]}""");
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"customerId\":\"%s\",\"orderedAt\":\"2026-10-01T10:00:00Z\",\"total\":\"12.00\"}"
                        .formatted(duplicate))
                .post("/api/v1/orders")
                .then()
                .statusCode(201);

        List<Map<String, Object>> pairs = given().header("Authorization", ADMIN)
                .queryParam("limit", 500)
                .get("/api/v1/customers/duplicates")
                .then()
                .statusCode(200)
                .extract()
                .path("items.findAll { it.first == '%s' && it.second == '%s' }".formatted(survivor, duplicate));
        assertEquals(1, pairs.size());
        assertTrue(((List<?>) pairs.get(0).get("reasons")).contains("same name and city"));

        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"duplicateId\":\"%s\"}".formatted(duplicate))
                .post("/api/v1/customers/" + survivor + "/merge")
                .then()
                .statusCode(200)
                .body("phone", equalTo("+8613100000009"))
                .body("email", equalTo("kongming@example.com"))
                .body("tags", equalTo(List.of("vip", "老客户")))
                .body("externalIds.externalId", hasItem("K-9"));
        given().header("Authorization", ADMIN)
                .get("/api/v1/customers/" + duplicate)
                .then()
                .body("status", equalTo("MERGED"))
                .body("mergedInto", equalTo(survivor));
        given().header("Authorization", ADMIN)
                .get("/api/v1/customers/" + survivor + "/orders")
                .then()
                .body("items.total", hasItem(12.0f));
        assertEquals(1, ProfileApi.events(DuplicateService.MERGED, duplicate).size());

        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"duplicateId\":\"%s\"}".formatted(duplicate))
                .post("/api/v1/customers/" + survivor + "/merge")
                .then()
                .statusCode(409);
    }

    @Test
    void badMergesAreProblems() {
        String one = customer("{\"kind\":\"PERSON\",\"name\":\"司马懿\"}");
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"duplicateId\":\"%s\"}".formatted(one))
                .post("/api/v1/customers/" + one + "/merge")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("duplicateId"));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"duplicateId\":\"01a205ac-8c77-76bc-a6d8-e43ab04112bc\"}")
                .post("/api/v1/customers/" + one + "/merge")
                .then()
                .statusCode(400);
        String erased = customer("{\"kind\":\"PERSON\",\"name\":\"曹丕\"}");
        given().header("Authorization", ADMIN)
                .delete("/api/v1/customers/" + erased)
                .then()
                .statusCode(204);
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"duplicateId\":\"%s\"}".formatted(erased))
                .post("/api/v1/customers/" + one + "/merge")
                .then()
                .statusCode(409);
        given().header("Authorization", TestTokens.bearer("marketer"))
                .get("/api/v1/customers/duplicates")
                .then()
                .statusCode(403);
    }
}
