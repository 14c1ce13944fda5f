package io.fenqun.profile.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestTokens;
import io.fenqun.profile.testing.ProfileApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Issue 2, "done means" 5: after erasure no row anywhere holds the person's data; export had it all. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ErasureTest {

    static final String ADMIN = TestTokens.bearer("admin");
    static final String NAME = "欧阳娜娜";
    static final String PHONE_DIGITS = "13311112222";
    static final String EMAIL = "ouyang.nana@example.org";
    static final String ADDRESS_LINE = "青石巷 17 号";

    @Test
    void erasureLeavesNoPersonalDataInAnyRowButExportHadIt() throws Exception {
        String id = given().header("Authorization", ADMIN)
                .header("Idempotency-Key", "erasure-test")
                .contentType(ContentType.JSON)
                .body(
                        """
                        {"kind":"PERSON","name":"%s","phone":"%s","email":"%s","birthDate":"1990-01-02",
                         "address":{"province":"江苏省","city":"苏州市","district":"姑苏区","line":"%s"},
                         "tags":["%s的朋友"],"externalIds":[{"source":"shop","externalId":"S-77"}]}"""
                                .formatted(NAME, PHONE_DIGITS, EMAIL, ADDRESS_LINE, NAME))
                .post("/api/v1/customers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(
                        """
                        {"customerId":"%s","orderedAt":"2026-10-01T12:00:00Z","total":"88.00","couponCode":"C-1",
                         "items":[{"sku":"T1","name":"茶叶","category":"茶","quantity":1,"unitPrice":"88.00"}]}"""
                                .formatted(id))
                .post("/api/v1/orders")
                .then()
                .statusCode(201);
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"type\":\"CALL\",\"summary\":\"%s 说地址改为 %s\",\"nextFollowUpAt\":\"2030-01-01\"}"
                        .formatted(NAME, ADDRESS_LINE))
                .post("/api/v1/customers/" + id + "/interactions")
                .then()
                .statusCode(201);
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"status\":\"GRANTED\",\"source\":\"PHONE\",\"evidence\":\"call from %s\"}"
                        .formatted(PHONE_DIGITS))
                .put("/api/v1/customers/" + id + "/consents/SMS/MARKETING")
                .then()
                .statusCode(200);

        String export = given().header("Authorization", ADMIN)
                .get("/api/v1/customers/" + id + "/export")
                .then()
                .statusCode(200)
                .body("customer.name", equalTo(NAME))
                .body("parts.orders[0].total", equalTo(88.0f))
                .body("parts.interactions", org.hamcrest.Matchers.notNullValue())
                .body("parts.consents", org.hamcrest.Matchers.notNullValue())
                .extract()
                .asString();
        for (String personal : personalData()) {
            assertTrue(export.contains(personal), "the export holds " + personal);
        }
        assertTrue(occurrences().size() > 0, "before erasure the database holds the person's data");

        given().header("Authorization", TestTokens.bearer("marketer"))
                .delete("/api/v1/customers/" + id)
                .then()
                .statusCode(403);
        given().header("Authorization", ADMIN)
                .delete("/api/v1/customers/" + id)
                .then()
                .statusCode(204);
        given().header("Authorization", ADMIN)
                .delete("/api/v1/customers/" + id)
                .then()
                .statusCode(204);

        assertEquals(List.of(), occurrences(), "columns still holding personal data");
        given().header("Authorization", ADMIN)
                .get("/api/v1/customers/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("ERASED"))
                .body("name", nullValue());
        given().header("Authorization", ADMIN)
                .get("/api/v1/customers/" + id + "/orders")
                .then()
                .statusCode(200)
                .body("items[0].total", equalTo(88.0f));
        List<Map<String, Object>> erasedEvents = ProfileApi.events("customer.erased", id);
        assertEquals(1, erasedEvents.size(), "erased once, announced once");

        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"PERSON\",\"name\":\"复活\"}")
                .put("/api/v1/customers/" + id)
                .then()
                .statusCode(409);
    }

    private static List<String> personalData() {
        return List.of(NAME, PHONE_DIGITS, EMAIL, ADDRESS_LINE);
    }

    /** Every (table.column) of the whole database whose text holds any of the person's data. */
    private static List<String> occurrences() throws Exception {
        var config = ConfigProvider.getConfig();
        List<String> found = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class), "postgres", "postgres")) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = c.createStatement()
                    .executeQuery(
                            "SELECT table_name, column_name FROM information_schema.columns"
                                    + " WHERE table_schema = 'public'"
                                    + " AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] column : columns) {
                for (String personal : personalData()) {
                    String sql = "SELECT count(*) FROM \"" + column[0] + "\" WHERE \"" + column[1] + "\"::text LIKE ?";
                    try (PreparedStatement p = c.prepareStatement(sql)) {
                        p.setString(1, "%" + personal + "%");
                        try (ResultSet rs = p.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                found.add(column[0] + "." + column[1] + " holds " + personal);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
