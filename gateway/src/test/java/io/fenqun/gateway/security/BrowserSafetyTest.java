package io.fenqun.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.fenqun.gateway.testing.GatewayTest;
import io.fenqun.gateway.testing.ServiceStubs;
import io.fenqun.kit.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CORS for the configured origins only, and the security headers on every kind of response. */
@GatewayTest
class BrowserSafetyTest {

    private static final String WEB_APP = "http://localhost:3000";

    @BeforeEach
    void stub() {
        ServiceStubs.profile()
                .stubFor(get(urlPathEqualTo("/api/v1/interactions/i-1"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withHeader("X-Frame-Options", "SAMEORIGIN")
                                .withBody("{}")));
    }

    @Test
    void preflightFromTheWebAppIsAllowed() {
        given().header("Origin", WEB_APP)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "Authorization,If-Match")
                .options("/api/v1/customers/c-1")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", WEB_APP);
        given().header("Origin", WEB_APP)
                .header("Authorization", TestTokens.bearer("support"))
                .get("/api/v1/interactions/i-1")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", WEB_APP);
    }

    @Test
    void otherOriginsGetNoCorsHeaders() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .options("/api/v1/customers/c-1")
                .then()
                .statusCode(not(equalTo(200)))
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "http://localhost:3000.evil.example")
                .header("Authorization", TestTokens.bearer("support"))
                .get("/api/v1/interactions/i-1")
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void securityHeadersOnProxiedOwnAndErrorResponses() {
        for (var response : new io.restassured.response.Response[] {
            given().header("Authorization", TestTokens.bearer("support")).get("/api/v1/interactions/i-1"),
            given().header("Authorization", TestTokens.bearer("admin")).get("/api/v1/api-keys"),
            given().get("/api/v1/nowhere")
        }) {
            response.then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Content-Security-Policy", "frame-ancestors 'none'")
                    .header("Strict-Transport-Security", nullValue());
        }
    }

    @Test
    void hstsBehindAnHttpsLoadBalancer() {
        given().header("X-Forwarded-Proto", "https")
                .get("/q/health/live")
                .then()
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
}
