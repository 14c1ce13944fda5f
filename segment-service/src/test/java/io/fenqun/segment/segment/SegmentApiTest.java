package io.fenqun.segment.segment;

import static io.fenqun.segment.testing.ProfileFeed.daysAgo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenqun.kit.security.Roles;
import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestDatabase;
import io.fenqun.kit.testing.TestTokens;
import io.fenqun.segment.testing.ProfileFeed;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Custom segments through the API: validation, preview, saving, members, export, change, archive; and reports. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class SegmentApiTest {

    static final String MARKETER = TestTokens.bearer(Roles.MARKETER);
    static final String ANALYST = TestTokens.bearer(Roles.ANALYST);

    @Test
    void aRuleWithMistakesNamesEveryBadNode() {
        given().header("Authorization", MARKETER)
                .contentType(ContentType.JSON)
                .body(
                        """
                        {"name":"broken","rule":{"all":[
                          {"field":"spendTotal","op":"gte","value":"lots"},
                          {"any":[{"field":"nope","op":"eq","value":1}]},
                          {"field":"lifecycle","op":"eq","value":"sleepy"},
                          {"field":"tags","op":"gt","value":["x"]}]}}""")
                .post("/api/v1/segments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        hasItems(
                                "rule.all[0].value",
                                "rule.all[1].any[0].field",
                                "rule.all[2].value",
                                "rule.all[3].op"));
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM segment WHERE name = 'broken'"), "nothing saved");
    }

    @Test
    void previewThenSaveThenFollowTheMembers() {
        String tag = "vip-" + UUID.randomUUID();
        UUID big = ProfileFeed.customer(Map.of("tags", List.of(tag), "address", Map.of("city", "上海")));
        ProfileFeed.order(big, daysAgo(120), "6000.00", "翡翠");
        UUID recent = ProfileFeed.customer(Map.of("tags", List.of(tag)));
        ProfileFeed.order(recent, daysAgo(2), "7000.00", "翡翠");
        UUID other = ProfileFeed.customer(Map.of());
        ProfileFeed.order(other, daysAgo(200), "9000.00", "翡翠");

        String rule =
                """
                {"all":[{"field":"tags","op":"containsAny","value":["%s"]},
                        {"field":"spendTotal","op":"gte","value":5000},
                        {"field":"lastPurchaseAt","op":"moreThanDaysAgo","value":90}]}"""
                        .formatted(tag);
        given().header("Authorization", ANALYST)
                .contentType(ContentType.JSON)
                .body("{\"rule\":" + rule + "}")
                .post("/api/v1/segments/preview")
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("sample[0].customerId", equalTo(big.toString()));

        String name = "沉睡大客户 " + tag;
        String id = given().header("Authorization", MARKETER)
                .header("Idempotency-Key", tag)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"rule\":" + rule + "}")
                .post("/api/v1/segments")
                .then()
                .statusCode(201)
                .header("ETag", notNullValue())
                .body("members", equalTo(1))
                .extract()
                .path("id");
        // The same key and body again: the first answer, nothing new.
        given().header("Authorization", MARKETER)
                .header("Idempotency-Key", tag)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"rule\":" + rule + "}")
                .post("/api/v1/segments")
                .then()
                .statusCode(201)
                .body("id", equalTo(id));
        // Another segment of that name is a conflict.
        given().header("Authorization", MARKETER)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"rule\":" + rule + "}")
                .post("/api/v1/segments")
                .then()
                .statusCode(409);

        given().header("Authorization", ANALYST)
                .get("/api/v1/segments/" + id + "/members")
                .then()
                .statusCode(200)
                .body("items.customerId", equalTo(List.of(big.toString())));

        // The recent buyer lapses? No: the big one buys again and leaves at once, on the event.
        ProfileFeed.order(big, daysAgo(1), "10.00", "翡翠");
        given().header("Authorization", ANALYST)
                .get("/api/v1/segments/" + id + "/members")
                .then()
                .body("items", equalTo(List.of()));
        assertEquals(
                1,
                TestDatabase.count(
                        "SELECT count(*) FROM feed_event WHERE type = 'segment.exited' AND subject = ?"
                                + " AND data->>'segmentId' = ?",
                        big.toString(),
                        id));

        // Widen the rule with If-Match: the recent buyer and the big one are both in.
        String etag = given().header("Authorization", ANALYST)
                .get("/api/v1/segments/" + id)
                .then()
                .extract()
                .header("ETag");
        String wider = "{\"field\":\"tags\",\"op\":\"containsAny\",\"value\":[\"%s\"]}".formatted(tag);
        given().header("Authorization", MARKETER)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"rule\":" + wider + "}")
                .put("/api/v1/segments/" + id)
                .then()
                .statusCode(200)
                .body("members", equalTo(2));
        given().header("Authorization", MARKETER)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"rule\":" + wider + "}")
                .put("/api/v1/segments/" + id)
                .then()
                .statusCode(412);

        String csv = given().header("Authorization", ANALYST)
                .get("/api/v1/segments/" + id + "/members.csv")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract()
                .asString();
        assertTrue(csv.startsWith("customer_id,entered_at,"), "CSV was [" + csv + "]");
        assertEquals(3, csv.lines().count(), csv);
        assertTrue(csv.contains(recent.toString()) && csv.contains(big.toString()), csv);

        // A segment built on this one, then archiving is refused while it is referenced.
        String nested = given().header("Authorization", MARKETER)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"上海 " + tag + "\",\"rule\":{\"all\":[{\"inSegment\":\"" + id
                        + "\"},{\"field\":\"city\",\"op\":\"eq\",\"value\":\"上海\"}]}}")
                .post("/api/v1/segments")
                .then()
                .statusCode(201)
                .body("members", equalTo(1))
                .extract()
                .path("id");
        given().header("Authorization", MARKETER)
                .post("/api/v1/segments/" + id + "/archive")
                .then()
                .statusCode(409);
        given().header("Authorization", MARKETER)
                .post("/api/v1/segments/" + nested + "/archive")
                .then()
                .statusCode(200)
                .body("status", equalTo("ARCHIVED"));
        given().header("Authorization", MARKETER)
                .post("/api/v1/segments/" + id + "/archive")
                .then()
                .statusCode(200);
        given().header("Authorization", ANALYST).get("/api/v1/segments").then().body("items.id", not(hasItem(id)));
    }

    @Test
    void builtInSegmentsCannotBeChangedAndRolesAreChecked() {
        String builtIn = given().header("Authorization", ANALYST)
                .get("/api/v1/segments?limit=500")
                .then()
                .statusCode(200)
                .body("items.size()", greaterThanOrEqualTo(25))
                .extract()
                .path("items.find { it.dimensionValue == 'At Risk' }.id");
        given().header("Authorization", MARKETER)
                .post("/api/v1/segments/" + builtIn + "/archive")
                .then()
                .statusCode(409);
        given().header("Authorization", ANALYST)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"rule\":{\"field\":\"city\",\"op\":\"isSet\"}}")
                .post("/api/v1/segments")
                .then()
                .statusCode(403);
        given().header("Authorization", ANALYST)
                .get("/api/v1/segments?limit=501")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", ANALYST)
                .get("/api/v1/segments/fields")
                .then()
                .statusCode(200)
                .body("name", hasItems("rfmSegment", "lastPurchaseAt", "tags"))
                .body("find { it.name == 'rfmSegment' }.allowedValues", hasItem("Can't Lose Them"));
    }

    @Test
    void thresholdsChangeWithPresetsAndOptimisticLocking() {
        String etag = given().header("Authorization", ANALYST)
                .get("/api/v1/segment-settings")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        String jewellery = given().header("Authorization", ANALYST)
                .get("/api/v1/segment-settings/presets")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .prettyPrint();
        String preset = given().header("Authorization", ANALYST)
                .get("/api/v1/segment-settings/presets")
                .then()
                .extract()
                .response()
                .jsonPath()
                .getMap("find { it.businessType == 'JEWELLERY' }")
                .toString();
        assertTrue(jewellery.contains("JEWELLERY") && preset.contains("365"), preset);
        String body = given().header("Authorization", ANALYST)
                .get("/api/v1/segment-settings/presets")
                .then()
                .extract()
                .asString();
        String jewelleryJson = body.substring(body.indexOf("{\"businessType\":\"JEWELLERY\""));
        jewelleryJson = jewelleryJson.substring(0, jewelleryJson.indexOf('}') + 1);
        given().header("Authorization", ANALYST)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(jewelleryJson)
                .put("/api/v1/segment-settings")
                .then()
                .statusCode(200)
                .body("businessType", equalTo("JEWELLERY"));
        given().header("Authorization", ANALYST)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(jewelleryJson)
                .put("/api/v1/segment-settings")
                .then()
                .statusCode(412);
        given().header("Authorization", ANALYST)
                .contentType(ContentType.JSON)
                .body(jewelleryJson.replace("\"activeWithinDays\":365", "\"activeWithinDays\":900"))
                .put("/api/v1/segment-settings")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("activeWithinDays"));
        // Back to the default so other tests classify with it.
        String shop = body.substring(body.indexOf("{\"businessType\":\"RETAIL_SHOP\""));
        given().header("Authorization", ANALYST)
                .contentType(ContentType.JSON)
                .body(shop.substring(0, shop.indexOf('}') + 1))
                .put("/api/v1/segment-settings")
                .then()
                .statusCode(200);
    }

    @Test
    void reportsShowSizeShareTrendMigrationAndTheOverview() {
        UUID customer = ProfileFeed.customer(Map.of("needs", List.of("GIFT")));
        ProfileFeed.order(customer, daysAgo(10), "300.00", "黄金");
        given().header("Authorization", ANALYST)
                .post("/api/v1/recomputes")
                .then()
                .statusCode(200);

        String active = given().header("Authorization", ANALYST)
                .get("/api/v1/segments?limit=500")
                .then()
                .extract()
                .path("items.find { it.dimension == 'lifecycle' && it.dimensionValue == 'new' }.id");
        given().header("Authorization", ANALYST)
                .get("/api/v1/segment-reports/segments/" + active + "?days=7")
                .then()
                .statusCode(200)
                .body("members", greaterThanOrEqualTo(1))
                .body("share", notNullValue())
                .body("revenueShare", notNullValue())
                .body("averageOrderValue", notNullValue())
                .body("trend.size()", equalTo(1));

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        given().header("Authorization", ANALYST)
                .get("/api/v1/segment-reports/migration?dimension=lifecycle&from=" + today.minusDays(30) + "&to="
                        + today)
                .then()
                .statusCode(200)
                .body("values", hasItems("potential", "new", "(none)"))
                .body("cells.find { it.from == '(none)' && it.to == 'new' }.customers", greaterThanOrEqualTo(1));
        given().header("Authorization", ANALYST)
                .get("/api/v1/segment-reports/migration?dimension=shoeSize&from=2026-01-01&to=2026-02-01")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("dimension"));
        given().header("Authorization", ANALYST)
                .get("/api/v1/segment-reports/migration?dimension=lifecycle&from=yesterday&to=2026-02-01")
                .then()
                .statusCode(400);

        given().header("Authorization", ANALYST)
                .get("/api/v1/dimensions")
                .then()
                .statusCode(200)
                .body("dimensions.field", hasItems("rfmSegment", "lifecycle", "valueTier", "province", "needs"))
                .body("dimensions.find { it.field == 'needs' }.values.value", hasItem("GIFT"));
    }
}
