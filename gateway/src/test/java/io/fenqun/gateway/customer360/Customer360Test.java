package io.fenqun.gateway.customer360;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.fenqun.gateway.testing.GatewayTest;
import io.fenqun.gateway.testing.ServiceStubs;
import io.fenqun.kit.testing.TestTokens;
import org.junit.jupiter.api.Test;

@GatewayTest
class Customer360Test {

    private static final String CLASSIFICATION =
            """
            {"customerId":"%s","dimensions":{"frequencyTier":"high","rfm":{"r":5,"f":4,"m":3,"segment":"Champions"},
             "lifecycle":"active","valueTier":"A"},"segments":[{"id":"s1","name":"VIP","enteredAt":"2026-01-01T00:00:00Z"}]}
            """;

    private static void profileAnswers(String id, int status, String body) {
        ServiceStubs.profile()
                .stubFor(get(urlPathEqualTo("/api/v1/customers/" + id))
                        .willReturn(aResponse()
                                .withStatus(status)
                                .withHeader("Content-Type", "application/json")
                                .withBody(body)));
    }

    private static void segmentAnswers(String id, int status, String body, int delayMillis) {
        ServiceStubs.segment()
                .stubFor(get(urlPathEqualTo("/api/v1/classifications/" + id))
                        .willReturn(aResponse()
                                .withStatus(status)
                                .withFixedDelay(delayMillis)
                                .withHeader("Content-Type", "application/json")
                                .withBody(body)));
    }

    @Test
    void gathersProfileSegmentsAndCampaignsWithTheCallersToken() {
        String id = "0190a1b2-0000-7000-8000-000000000360";
        profileAnswers(id, 200, "{\"id\":\"" + id + "\",\"name\":\"张三\",\"phone\":\"+86138****5678\"}");
        segmentAnswers(id, 200, CLASSIFICATION.formatted(id), 0);
        ServiceStubs.campaign()
                .stubFor(get(urlPathEqualTo("/api/v1/deliveries"))
                        .withQueryParam("customerId", WireMock.equalTo(id))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"items\":[{\"campaignId\":\"c1\",\"status\":\"SENT\"}]}")));
        String marketer = TestTokens.bearer("marketer");
        given().header("Authorization", marketer)
                .get("/api/v1/customers/" + id + "/360")
                .then()
                .statusCode(200)
                .body("customerId", equalTo(id))
                .body("profile.phone", equalTo("+86138****5678"))
                .body("segments.dimensions.rfm.segment", equalTo("Champions"))
                .body("segments.segments[0].name", equalTo("VIP"))
                .body("campaigns.items[0].status", equalTo("SENT"));
        ServiceStubs.profile()
                .verify(getRequestedFor(urlPathEqualTo("/api/v1/customers/" + id))
                        .withHeader("Authorization", WireMock.equalTo(marketer)));
        ServiceStubs.segment()
                .verify(getRequestedFor(urlPathEqualTo("/api/v1/classifications/" + id))
                        .withHeader("Authorization", WireMock.equalTo(marketer)));
    }

    @Test
    void aSlowPartIsMarkedUnavailable() {
        String id = "0190a1b2-0000-7000-8000-000000000361";
        profileAnswers(id, 200, "{\"id\":\"" + id + "\"}");
        segmentAnswers(id, 200, CLASSIFICATION.formatted(id), 5000); // the part timeout is 2 s in tests
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/customers/" + id + "/360")
                .then()
                .statusCode(200)
                .body("profile.id", equalTo(id))
                .body("segments.status", equalTo("unavailable"))
                .body("segments.reason", equalTo("timeout"));
    }

    @Test
    void aCustomerNotYetClassifiedHasNoSegmentsPart() {
        String id = "0190a1b2-0000-7000-8000-000000000362";
        profileAnswers(id, 200, "{\"id\":\"" + id + "\"}");
        segmentAnswers(id, 404, "{\"status\":404}", 0);
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/customers/" + id + "/360")
                .then()
                .statusCode(200)
                .body("segments.status", equalTo("none"));
    }

    @Test
    void anotherSalesOwnersCustomerIs404AndShowsNoPart() {
        String id = "0190a1b2-0000-7000-8000-000000000363";
        profileAnswers(id, 404, "{\"status\":404,\"title\":\"Not found\"}");
        segmentAnswers(id, 200, CLASSIFICATION.formatted(id), 0);
        given().header("Authorization", TestTokens.bearer("sales", "sales-wang"))
                .get("/api/v1/customers/" + id + "/360")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("segments", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void notAnIdIs404AndNoTokenIs401() {
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/customers/not-an-id/360")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/customers/0190a1b2-0000-7000-8000-000000000360/360")
                .then()
                .statusCode(401);
    }
}
