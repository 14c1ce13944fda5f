package io.fenqun.profile.interaction;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestTokens;
import io.fenqun.profile.testing.ProfileApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class InteractionResourceTest {

    static ValidatableResponse log(String token, String customerId, String body) {
        return given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/customers/" + customerId + "/interactions")
                .then();
    }

    static String logged(String token, String customerId, String body) {
        return log(token, customerId, body).statusCode(201).extract().path("id");
    }

    static ValidatableResponse due(String token, String query) {
        return given().header("Authorization", token)
                .get("/api/v1/follow-ups/due" + query)
                .then();
    }

    @Test
    void logsListsNewestFirstAndAnnouncesOnTheFeed() {
        String sales = TestTokens.bearer("sales", "sales-li");
        String customer = ProfileApi.customer("张三", "sales-li");
        var created = log(
                        sales,
                        customer,
                        """
                        {"type":"CALL","occurredAt":"2026-11-20T02:15:00Z","summary":"想给母亲买翡翠手镯",
                         "outcome":"INTERESTED","nextFollowUpAt":"2026-11-22"}""")
                .statusCode(201)
                .header("ETag", notNullValue())
                .extract();
        String call = created.path("id");
        assertThat(created.header("Location"), endsWith("/api/v1/interactions/" + call));
        String visit = log(
                        sales,
                        customer,
                        """
                        {"type":"VISIT","occurredAt":"2026-11-21T06:00:00Z","summary":"到店试戴"}""")
                .statusCode(201)
                .body("staffId", equalTo("sales-li"))
                .body("followUpStatus", equalTo("NONE"))
                .body("nextFollowUpOn", nullValue())
                .extract()
                .path("id");

        given().header("Authorization", sales)
                .get("/api/v1/customers/" + customer + "/interactions")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(visit, call)))
                .body("items[1].followUpStatus", equalTo("OPEN"))
                .body("items[1].nextFollowUpOn", equalTo("2026-11-22"))
                .body("items[1].summary", equalTo("想给母亲买翡翠手镯"))
                .body("nextCursor", nullValue());
        String cursor = given().header("Authorization", sales)
                .queryParam("limit", 1)
                .get("/api/v1/customers/" + customer + "/interactions")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(visit)))
                .body("nextCursor", notNullValue())
                .extract()
                .path("nextCursor");
        given().header("Authorization", sales)
                .queryParam("limit", 1)
                .queryParam("cursor", cursor)
                .get("/api/v1/customers/" + customer + "/interactions")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(call)))
                .body("nextCursor", nullValue());

        List<Map<String, Object>> events = ProfileApi.events(InteractionService.LOGGED, customer);
        assertEquals(2, events.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) events.get(0).get("data");
        assertEquals(call, first.get("id"));
        assertEquals("CALL", first.get("type"));
        assertEquals("sales-li", first.get("staffId"));
    }

    @Test
    void idempotencyKeyLogsOnce() {
        String customer = ProfileApi.customer("钱七", null);
        String body = "{\"type\":\"SMS\",\"summary\":\"发送了新品目录\"}";
        String first = given().header("Authorization", TestTokens.bearer("support"))
                .header("Idempotency-Key", "sms-1")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/customers/" + customer + "/interactions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", TestTokens.bearer("support"))
                .header("Idempotency-Key", "sms-1")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/customers/" + customer + "/interactions")
                .then()
                .statusCode(201)
                .body("id", equalTo(first));
        assertEquals(1, ProfileApi.events(InteractionService.LOGGED, customer).size());
    }

    @Test
    void dueListUsesBusinessDatesInShanghai() {
        String owner = "sales-tz";
        String sales = TestTokens.bearer("sales", owner);
        String customer = ProfileApi.customer("孙八", owner);
        // 17:30 UTC on 1 Nov is 01:30 on 2 Nov in Shanghai; 15:59 UTC is still 23:59 on 1 Nov.
        String nextDay = logged(
                sales,
                customer,
                """
                {"type":"CALL","occurredAt":"2026-11-01T10:00:00Z","nextFollowUpAt":"2026-11-01T17:30:00Z"}""");
        String sameDay = logged(
                sales,
                customer,
                """
                {"type":"WECHAT","occurredAt":"2026-11-01T10:00:00Z","nextFollowUpAt":"2026-11-01T15:59:00Z"}""");
        logged(sales, customer, "{\"type\":\"NOTE\",\"occurredAt\":\"2026-11-01T10:00:00Z\"}");

        due(sales, "?before=2026-10-31").statusCode(200).body("items", hasSize(0));
        due(sales, "?before=2026-11-01")
                .statusCode(200)
                .body("items.interaction.id", equalTo(List.of(sameDay)))
                .body("items[0].interaction.nextFollowUpOn", equalTo("2026-11-01"))
                .body("items[0].customerName", equalTo("孙八"));
        due(sales, "?before=2026-11-02")
                .statusCode(200)
                .body("items.interaction.id", equalTo(List.of(sameDay, nextDay)))
                .body("items[1].interaction.nextFollowUpOn", equalTo("2026-11-02"))
                .body("items[1].interaction.nextFollowUpAt", equalTo("2026-11-01T17:30:00Z"));
        // Without before: today in Shanghai, which is after these dates.
        due(sales, "").statusCode(200).body("items.interaction.id", equalTo(List.of(sameDay, nextDay)));
        due(TestTokens.bearer("admin"), "?owner=" + owner + "&before=2026-11-02&limit=1")
                .statusCode(200)
                .body("items.interaction.id", equalTo(List.of(sameDay)))
                .body("nextCursor", notNullValue());

        String etag = given().header("Authorization", sales)
                .get("/api/v1/interactions/" + sameDay)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        given().header("Authorization", sales)
                .header("If-Match", "\"99\"")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/follow-ups/" + sameDay + "/complete")
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
        given().header("Authorization", sales)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body("{\"note\":\"客户周末到店\"}")
                .post("/api/v1/follow-ups/" + sameDay + "/complete")
                .then()
                .statusCode(200)
                .body("followUpStatus", equalTo("DONE"))
                .body("completedBy", equalTo(owner))
                .body("completionNote", equalTo("客户周末到店"));
        given().header("Authorization", sales)
                .contentType(ContentType.JSON)
                .post("/api/v1/follow-ups/" + sameDay + "/complete")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        due(sales, "?before=2026-11-02").statusCode(200).body("items.interaction.id", equalTo(List.of(nextDay)));
        assertEquals(
                1,
                ProfileApi.events(InteractionService.FOLLOW_UP_COMPLETED, customer)
                        .size());
    }

    @Test
    void followUpsOfCustomersWithoutOwnerAreDueForWhoLoggedThem() {
        String customer = ProfileApi.customer("周九", null);
        logged(
                TestTokens.bearer("admin"),
                customer,
                """
                {"type":"COMPLAINT","staffId":"support-chen","occurredAt":"2026-11-05T01:00:00Z",
                 "summary":"手镯有裂纹","nextFollowUpAt":"2026-11-06"}""");
        due(TestTokens.bearer("support", "support-chen"), "?before=2026-11-06")
                .statusCode(200)
                .body("items.customerName", equalTo(List.of("周九")))
                .body("items[0].interaction.staffId", equalTo("support-chen"));
    }

    @Test
    void salesSeeOnlyTheirOwnCustomersAndReadersCannotWrite() {
        String customer = ProfileApi.customer("吴十", "sales-li");
        String interaction = logged(
                TestTokens.bearer("sales", "sales-li"),
                customer,
                """
                {"type":"CALL","occurredAt":"2026-11-10T01:00:00Z","summary":"电话 13812345678 回访",
                 "nextFollowUpAt":"2026-11-11"}""");
        String other = TestTokens.bearer("sales", "sales-zhao");
        log(other, customer, "{\"type\":\"NOTE\"}").statusCode(404).contentType("application/problem+json");
        given().header("Authorization", other)
                .get("/api/v1/customers/" + customer + "/interactions")
                .then()
                .statusCode(404);
        given().header("Authorization", other)
                .get("/api/v1/interactions/" + interaction)
                .then()
                .statusCode(404);
        given().header("Authorization", other)
                .contentType(ContentType.JSON)
                .post("/api/v1/follow-ups/" + interaction + "/complete")
                .then()
                .statusCode(404);
        due(other, "?owner=sales-li").statusCode(403).contentType("application/problem+json");
        due(other, "?before=2026-11-30").statusCode(200).body("items", hasSize(0));
        log(TestTokens.bearer("sales", "sales-li"), customer, "{\"type\":\"NOTE\",\"staffId\":\"sales-zhao\"}")
                .statusCode(403);

        log(TestTokens.bearer("marketer"), customer, "{\"type\":\"NOTE\"}").statusCode(403);
        given().header("Authorization", TestTokens.bearer("analyst"))
                .contentType(ContentType.JSON)
                .post("/api/v1/follow-ups/" + interaction + "/complete")
                .then()
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer("marketer"))
                .get("/api/v1/customers/" + customer + "/interactions")
                .then()
                .statusCode(200)
                .body("items[0].id", equalTo(interaction))
                .body("items[0].summary", equalTo("***"))
                .body("items[0].masked", equalTo(true));
        due(TestTokens.bearer("analyst"), "?owner=sales-li&before=2026-11-30")
                .statusCode(200)
                .body("items.interaction.id", hasItem(interaction));
        log(TestTokens.bearer("admin"), customer, "{\"type\":\"VISIT\",\"staffId\":\"sales-li\"}")
                .statusCode(201)
                .body("staffId", equalTo("sales-li"));
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        String admin = TestTokens.bearer("admin");
        String customer = ProfileApi.customer("郑十一", null);
        log(admin, customer, "{\"type\":\"CALL\",").statusCode(400).contentType("application/problem+json");
        log(admin, customer, "{\"type\":\"PIGEON\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("type"));
        log(admin, customer, "{\"summary\":\"x\"}").statusCode(400).body("errors.field", hasItem("type"));
        log(admin, customer, "{\"type\":\"NOTE\",\"summary\":\"" + "长".repeat(InteractionInput.MAX_SUMMARY + 1) + "\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("summary"));
        log(admin, customer, "{\"type\":\"NOTE\",\"nextFollowUpAt\":\"next week\"}")
                .statusCode(400)
                .body("errors.field", hasItem("nextFollowUpAt"));
        log(
                        admin,
                        customer,
                        """
                        {"type":"NOTE","occurredAt":"2026-11-10T01:00:00Z","nextFollowUpAt":"2026-11-09"}""")
                .statusCode(400)
                .body("errors.field", hasItem("nextFollowUpAt"));
        log(admin, customer, "{\"type\":\"NOTE\",\"occurredAt\":\"2999-01-01T00:00:00Z\"}")
                .statusCode(400)
                .body("errors.field", hasItem("occurredAt"));
        log(admin, customer, "{\"type\":\"NOTE\",\"occurredAt\":\"yesterday\"}")
                .statusCode(400)
                .contentType("application/problem+json");
        log(admin, UUID.randomUUID().toString(), "{\"type\":\"NOTE\"}")
                .statusCode(404)
                .contentType("application/problem+json");
        log(admin, "not-an-id", "{\"type\":\"NOTE\"}").statusCode(404);
        given().header("Authorization", admin)
                .queryParam("limit", 501)
                .get("/api/v1/customers/" + customer + "/interactions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("limit"));
        given().header("Authorization", admin)
                .queryParam("cursor", "bm9wZQ")
                .get("/api/v1/customers/" + customer + "/interactions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("cursor"));
        due(admin, "?before=tomorrow").statusCode(400).body("errors.field", hasItem("before"));
        due(admin, "?limit=501").statusCode(400).body("errors.field", hasItem("limit"));
        given().header("Authorization", admin)
                .contentType(ContentType.JSON)
                .post("/api/v1/follow-ups/" + UUID.randomUUID() + "/complete")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        given().header("Authorization", admin)
                .get("/api/v1/customers/" + customer + "/interactions")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
        assertEquals(List.of(), ProfileApi.events(InteractionService.LOGGED, customer));
        due(admin, "?owner=admin-user&before=2026-12-31")
                .statusCode(200)
                .body("items.interaction.customerId", not(hasItem(customer)));
    }
}
