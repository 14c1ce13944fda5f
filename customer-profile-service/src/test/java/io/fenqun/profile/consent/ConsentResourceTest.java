package io.fenqun.profile.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
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
class ConsentResourceTest {

    static ValidatableResponse decide(String token, String customerId, String channelAndPurpose, String body) {
        return given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/customers/" + customerId + "/consents/" + channelAndPurpose)
                .then();
    }

    static ValidatableResponse record(String token, String customerId, String body) {
        return given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/customers/" + customerId + "/consents")
                .then();
    }

    static ValidatableResponse current(String token, String customerId) {
        return given().header("Authorization", token)
                .get("/api/v1/customers/" + customerId + "/consents")
                .then();
    }

    static ValidatableResponse history(String token, String customerId) {
        return given().header("Authorization", token)
                .get("/api/v1/customers/" + customerId + "/consents/history")
                .then();
    }

    @Test
    void withdrawalHoldsAtOnceAndMarketingIsSeparateFromService() {
        String sales = TestTokens.bearer("sales", "sales-li");
        String customer = ProfileApi.customer("张三", "sales-li");
        decide(
                        sales,
                        customer,
                        "EMAIL/MARKETING",
                        """
                        {"status":"GRANTED","source":"WEB_FORM","evidence":"form=signup;ip=203.0.113.7"}""")
                .statusCode(200)
                .body("status", equalTo("GRANTED"));
        decide(sales, customer, "EMAIL/SERVICE", "{\"status\":\"GRANTED\",\"source\":\"STORE\"}")
                .statusCode(200);
        decide(sales, customer, "email/marketing", "{\"status\":\"WITHDRAWN\",\"source\":\"PHONE\"}")
                .statusCode(200)
                .body("channel", equalTo("EMAIL"))
                .body("purpose", equalTo("MARKETING"))
                .body("status", equalTo("WITHDRAWN"))
                .body("source", equalTo("PHONE"));

        current(sales, customer)
                .statusCode(200)
                .body("customerId", equalTo(customer))
                .body("consents", hasSize(2))
                .body("consents.find { it.purpose == 'MARKETING' }.status", equalTo("WITHDRAWN"))
                .body("consents.find { it.purpose == 'SERVICE' }.status", equalTo("GRANTED"));
        history(sales, customer)
                .statusCode(200)
                .body("items.status", equalTo(List.of("WITHDRAWN", "GRANTED", "GRANTED")))
                .body("items[2].evidence", equalTo("form=signup;ip=203.0.113.7"))
                .body("items[2].recordedBy", equalTo("sales-li"));

        List<Map<String, Object>> events = ProfileApi.events(ConsentService.CHANGED, customer);
        assertEquals(3, events.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) events.get(2).get("data");
        assertEquals(customer, last.get("customerId"));
        assertEquals("WITHDRAWN", ((Map<?, ?>) last.get("current")).get("status"));
        assertEquals("PHONE", ((Map<?, ?>) last.get("change")).get("source"));
    }

    @Test
    void anOlderDecisionJoinsTheHistoryWithoutOverridingALaterOne() {
        String admin = TestTokens.bearer("admin");
        String customer = ProfileApi.customer("李四", null);
        decide(
                        admin,
                        customer,
                        "SMS/MARKETING",
                        """
                        {"status":"WITHDRAWN","source":"PHONE","changedAt":"2026-11-10T08:00:00+08:00"}""")
                .statusCode(200);
        record(
                        admin,
                        customer,
                        """
                        {"changes":[
                          {"channel":"SMS","purpose":"MARKETING","status":"GRANTED","source":"IMPORT",
                           "changedAt":"2026-11-01T00:00:00Z","evidence":"legacy-crm row 42"},
                          {"channel":"WECHAT","purpose":"MARKETING","status":"GRANTED","source":"IMPORT",
                           "changedAt":"2026-11-01T00:00:00Z","evidence":"legacy-crm row 42"}]}""")
                .statusCode(200)
                .body("consents.find { it.channel == 'SMS' }.status", equalTo("WITHDRAWN"))
                .body("consents.find { it.channel == 'WECHAT' }.status", equalTo("GRANTED"));
        history(admin, customer).statusCode(200).body("items", hasSize(3));
        @SuppressWarnings("unchecked")
        Map<String, Object> backdated = (Map<String, Object>)
                ProfileApi.events(ConsentService.CHANGED, customer).get(1).get("data");
        assertEquals("GRANTED", ((Map<?, ?>) backdated.get("change")).get("status"));
        assertEquals("WITHDRAWN", ((Map<?, ?>) backdated.get("current")).get("status"));
    }

    @Test
    void idempotencyKeyRecordsOnce() {
        String customer = ProfileApi.customer("王五", null);
        String body = "{\"changes\":[{\"channel\":\"APP_PUSH\",\"purpose\":\"SERVICE\",\"status\":\"GRANTED\","
                + "\"source\":\"API\",\"evidence\":\"app-consent-v3\"}]}";
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", TestTokens.bearer("partner"))
                    .header("Idempotency-Key", "push-1")
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/customers/" + customer + "/consents")
                    .then()
                    .statusCode(200)
                    .body("consents.status", equalTo(List.of("GRANTED")));
        }
        history(TestTokens.bearer("admin"), customer).statusCode(200).body("items", hasSize(1));
    }

    @Test
    void salesSeeOnlyTheirOwnCustomersAndReadersCannotWrite() {
        String customer = ProfileApi.customer("赵六", "sales-li");
        decide(
                        TestTokens.bearer("sales", "sales-li"),
                        customer,
                        "PHONE/MARKETING",
                        """
                        {"status":"GRANTED","source":"STORE","evidence":"门店签字 #88"}""")
                .statusCode(200);
        String other = TestTokens.bearer("sales", "sales-zhao");
        current(other, customer).statusCode(404).contentType("application/problem+json");
        history(other, customer).statusCode(404);
        decide(other, customer, "PHONE/MARKETING", "{\"status\":\"WITHDRAWN\",\"source\":\"PHONE\"}")
                .statusCode(404);
        record(
                        other,
                        customer,
                        "{\"changes\":[{\"channel\":\"SMS\",\"purpose\":\"SERVICE\","
                                + "\"status\":\"GRANTED\",\"source\":\"STORE\"}]}")
                .statusCode(404);

        String marketer = TestTokens.bearer("marketer");
        decide(marketer, customer, "PHONE/MARKETING", "{\"status\":\"WITHDRAWN\",\"source\":\"PHONE\"}")
                .statusCode(403)
                .contentType("application/problem+json");
        current(marketer, customer).statusCode(200).body("consents[0].status", equalTo("GRANTED"));
        history(TestTokens.bearer("analyst"), customer).statusCode(200).body("items[0].evidence", equalTo("***"));
        current(TestTokens.bearer("service"), customer).statusCode(200);
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        String admin = TestTokens.bearer("admin");
        String customer = ProfileApi.customer("孙七", null);
        record(
                        admin,
                        customer,
                        """
                        {"changes":[
                          {"channel":"EMAIL","purpose":"SERVICE","status":"GRANTED","source":"STORE"},
                          {"channel":"EMAIL","purpose":"MARKETING","status":"GRANTED","source":"IMPORT"}]}""")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("changes[1].evidence")));
        record(
                        admin,
                        customer,
                        """
                        {"changes":[
                          {"channel":"SMS","purpose":"SERVICE","status":"GRANTED","source":"STORE"},
                          {"channel":"SMS","purpose":"SERVICE","status":"WITHDRAWN","source":"STORE"}]}""")
                .statusCode(400)
                .body("errors.field", hasItem("changes[1].channel"));
        record(
                        admin,
                        customer,
                        """
                        {"changes":[{"channel":"FAX","purpose":"SERVICE","status":"GRANTED","source":"STORE"}]}""")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("changes[0].channel"));
        record(admin, customer, "{\"changes\":[]}").statusCode(400).body("errors.field", hasItem("changes"));
        record(admin, customer, "{\"changes\":[{\"channel\":\"SMS\"}]}")
                .statusCode(400)
                .body("errors.field", hasItem("changes[0].status"));
        record(admin, customer, "{\"changes\":[").statusCode(400).contentType("application/problem+json");
        decide(admin, customer, "FAX/MARKETING", "{\"status\":\"GRANTED\",\"source\":\"STORE\"}")
                .statusCode(400)
                .body("errors.field", hasItem("channel"));
        decide(admin, customer, "SMS/PROFILING", "{\"status\":\"GRANTED\",\"source\":\"STORE\"}")
                .statusCode(400)
                .body("errors.field", hasItem("purpose"));
        decide(admin, customer, "SMS/MARKETING", "{\"status\":\"MAYBE\",\"source\":\"STORE\"}")
                .statusCode(400)
                .body("errors.field", hasItem("status"));
        decide(
                        admin,
                        customer,
                        "SMS/MARKETING",
                        """
                        {"status":"GRANTED","source":"STORE","changedAt":"2999-01-01T00:00:00Z"}""")
                .statusCode(400)
                .body("errors.field", hasItem("changedAt"));
        decide(
                        admin,
                        customer,
                        "SMS/MARKETING",
                        "{\"status\":\"GRANTED\",\"source\":\"STORE\",\"evidence\":\""
                                + "x".repeat(ConsentChangeInput.MAX_EVIDENCE + 1) + "\"}")
                .statusCode(400)
                .body("errors.field", hasItem("evidence"));
        decide(admin, UUID.randomUUID().toString(), "SMS/MARKETING", "{\"status\":\"GRANTED\",\"source\":\"STORE\"}")
                .statusCode(404)
                .contentType("application/problem+json");
        current(admin, UUID.randomUUID().toString()).statusCode(404);
        given().header("Authorization", admin)
                .queryParam("limit", 501)
                .get("/api/v1/customers/" + customer + "/consents/history")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("limit"));
        given().header("Authorization", admin)
                .queryParam("cursor", "bm9wZQ")
                .get("/api/v1/customers/" + customer + "/consents/history")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("cursor"));

        current(admin, customer).statusCode(200).body("consents", hasSize(0));
        history(admin, customer).statusCode(200).body("items", hasSize(0));
        assertEquals(List.of(), ProfileApi.events(ConsentService.CHANGED, customer));
    }
}
