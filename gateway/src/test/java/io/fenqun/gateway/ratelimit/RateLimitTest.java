package io.fenqun.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenqun.gateway.testing.GatewayTest;
import io.fenqun.gateway.testing.ServiceStubs;
import io.fenqun.gateway.testing.TestApiKeys;
import io.fenqun.kit.testing.TestTokens;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@GatewayTest
class RateLimitTest {

    private static final String ORDER = "/api/v1/orders/0190a1b2-0000-7000-8000-00000000000a";

    @BeforeEach
    void stub() {
        ServiceStubs.profile()
                .stubFor(get(urlPathEqualTo(ORDER))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody("{}")));
    }

    @Test
    void apiKeyOverItsLimitGets429WithRetryAfter() {
        TestApiKeys.Key key = TestApiKeys.create("limited", List.of("read"), 3);
        for (int i = 0; i < 3; i++) {
            given().header("X-Api-Key", key.secret()).get(ORDER).then().statusCode(200);
        }
        given().header("X-Api-Key", key.secret())
                .get(ORDER)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429));
        // another key is not affected
        TestApiKeys.Key other = TestApiKeys.create("unlimited", List.of("read"), 100);
        given().header("X-Api-Key", other.secret()).get(ORDER).then().statusCode(200);
    }

    @Test
    void personOverTheUserLimitGets429() {
        // The test profile allows 200 requests a minute per person; the bucket refills while the
        // loop runs (200 a minute), so the first refusal comes after 200 and a few more.
        String hasty = TestTokens.bearer("analyst", "hasty-user");
        long started = System.nanoTime();
        int passed = 0;
        // The refusal is checked on the response that ended the loop: a request sent afterwards may
        // already find the token that refilled in the meantime (one every 0.3 s) on a slow machine.
        Response response;
        while ((response = given().header("Authorization", hasty).get(ORDER)).statusCode() == 200) {
            passed++;
            assertTrue(passed < 400, "never limited");
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        assertTrue(passed >= 200 && passed <= 200 + Math.ceil(200 * minutes) + 1, "passed " + passed);
        response.then().statusCode(429).header("Retry-After", equalTo("1"));
        given().header("Authorization", TestTokens.bearer("analyst", "calm-user"))
                .get(ORDER)
                .then()
                .statusCode(200);
    }
}
