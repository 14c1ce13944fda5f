package io.fenqun.gateway.partner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.fenqun.gateway.testing.GatewayTest;
import io.fenqun.gateway.testing.ServiceStubs;
import io.fenqun.gateway.testing.TestApiKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@GatewayTest
class PartnerBatchTest {

    private static Map<String, Object> batch(String source, String... externalIds) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String id : externalIds) {
            records.add(Map.of("externalId", id, "data", Map.of("kind", "PERSON", "name", "客户 " + id)));
        }
        return Map.of("source", source, "records", records);
    }

    @Test
    void eachRecordGetsTheAnswerOfItsSingleUpsert() {
        String base = "/api/v1/customers/by-external-id/shop-a/";
        ServiceStubs.profile()
                .stubFor(put(urlPathEqualTo(base + "new-1"))
                        .willReturn(aResponse()
                                .withStatus(201)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"id\":\"c-new\"}")));
        ServiceStubs.profile()
                .stubFor(put(urlPathEqualTo(base + "old-2"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"id\":\"c-old\"}")));
        ServiceStubs.profile()
                .stubFor(put(urlPathEqualTo(base + "bad%2F3"))
                        .willReturn(aResponse()
                                .withStatus(400)
                                .withHeader("Content-Type", "application/problem+json")
                                .withBody("{\"status\":400,\"errors\":[{\"field\":\"phone\"}]}")));
        TestApiKeys.Key key = TestApiKeys.create("shop-a", List.of("sync"), 100);
        given().urlEncodingEnabled(false)
                .header("X-Api-Key", key.secret())
                .contentType("application/json")
                .body(batch("shop-a", "new-1", "old-2", "bad/3"))
                .post("/api/v1/partner/customers:batch")
                .then()
                .statusCode(200)
                .body("succeeded", equalTo(2))
                .body("failed", equalTo(1))
                .body("results.status", equalTo(List.of(201, 200, 400)))
                .body("results[0].body.id", equalTo("c-new"))
                .body("results[2].externalId", equalTo("bad/3"))
                .body("results[2].body.errors.field", hasItem("phone"));
        // the single upserts carry the partner token, not the key
        ServiceStubs.profile()
                .verify(putRequestedFor(urlPathEqualTo(base + "new-1"))
                        .withHeader("Authorization", WireMock.matching("Bearer .+"))
                        .withoutHeader("X-Api-Key"));
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheFirstResult() {
        ServiceStubs.profile()
                .stubFor(put(urlPathMatching("/api/v1/orders/by-external-id/shop-b/.*"))
                        .willReturn(aResponse()
                                .withStatus(201)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"id\":\"o\"}")));
        TestApiKeys.Key key = TestApiKeys.create("shop-b", List.of("sync"), 100);
        for (int attempt = 0; attempt < 2; attempt++) {
            given().urlEncodingEnabled(false)
                    .header("X-Api-Key", key.secret())
                    .header("Idempotency-Key", "nightly-2026-11-23")
                    .contentType("application/json")
                    .body(batch("shop-b", "o-1", "o-2"))
                    .post("/api/v1/partner/orders:batch")
                    .then()
                    .statusCode(200)
                    .body("succeeded", equalTo(2));
        }
        ServiceStubs.profile().verify(1, putRequestedFor(urlPathEqualTo("/api/v1/orders/by-external-id/shop-b/o-1")));
        given().urlEncodingEnabled(false)
                .header("X-Api-Key", key.secret())
                .header("Idempotency-Key", "nightly-2026-11-23")
                .contentType("application/json")
                .body(batch("shop-b", "o-9"))
                .post("/api/v1/partner/orders:batch")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void tooManyOrNoRecordsAre400() {
        TestApiKeys.Key key = TestApiKeys.create("shop-c", List.of("sync"), 100);
        String[] ids = new String[BatchRequest.MAX_RECORDS + 1];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "x" + i;
        }
        given().urlEncodingEnabled(false)
                .header("X-Api-Key", key.secret())
                .contentType("application/json")
                .body(batch("shop-c", ids))
                .post("/api/v1/partner/customers:batch")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("records"));
        given().urlEncodingEnabled(false)
                .header("X-Api-Key", key.secret())
                .contentType("application/json")
                .body(Map.of("source", "shop-c", "records", List.of()))
                .post("/api/v1/partner/customers:batch")
                .then()
                .statusCode(400);
    }
}
