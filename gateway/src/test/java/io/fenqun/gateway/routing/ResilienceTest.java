package io.fenqun.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.fenqun.gateway.testing.GatewayTest;
import io.fenqun.gateway.testing.ServiceStubs;
import io.fenqun.kit.testing.TestTokens;
import org.junit.jupiter.api.Test;

@GatewayTest
class ResilienceTest {

    @Test
    void aDownServiceIs503ForItsRoutesOnlyAndItsBreakerOpens() {
        ServiceStubs.profile()
                .stubFor(get(urlPathEqualTo("/api/v1/orders/o-up"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody("{}")));
        String admin = TestTokens.bearer("admin");
        for (int i = 0; i < 4; i++) {
            given().header("Authorization", admin)
                    .get(ServiceStubs.DOWN_PREFIX + "/c-1")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("The survey service cannot be reached; retry later"));
            given().header("Authorization", admin)
                    .get("/api/v1/orders/o-up")
                    .then()
                    .statusCode(200);
        }
        // four failures in four calls: the breaker is open and answers at once, saying when to retry
        given().header("Authorization", admin)
                .get(ServiceStubs.DOWN_PREFIX)
                .then()
                .statusCode(503)
                .header("Retry-After", "30");
        given().header("Authorization", admin).get("/api/v1/orders/o-up").then().statusCode(200);
    }

    @Test
    void aReadIsRetriedOnceWhenTheConnectionBreaks() {
        String path = "/api/v1/orders/o-flaky";
        ServiceStubs.profile()
                .stubFor(get(urlPathEqualTo(path))
                        .inScenario("flaky")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                        .willSetStateTo("recovered"));
        ServiceStubs.profile()
                .stubFor(get(urlPathEqualTo(path))
                        .inScenario("flaky")
                        .whenScenarioStateIs("recovered")
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"id\":\"o-flaky\"}")));
        given().header("Authorization", TestTokens.bearer("admin"))
                .get(path)
                .then()
                .statusCode(200)
                .body("id", equalTo("o-flaky"));
        ServiceStubs.profile().verify(2, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void oversizeBodyIs413ProblemBeforeAnyServiceSeesIt() {
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        given().header("Authorization", TestTokens.bearer("admin"))
                .contentType("application/json")
                .body(big)
                .post("/api/v1/orders")
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        ServiceStubs.profile()
                .verify(
                        0,
                        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                                urlPathEqualTo("/api/v1/orders")));
    }
}
