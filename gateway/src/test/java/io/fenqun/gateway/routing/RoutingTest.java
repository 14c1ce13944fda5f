package io.fenqun.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.fenqun.gateway.testing.GatewayTest;
import io.fenqun.gateway.testing.ServiceStubs;
import io.fenqun.kit.testing.TestTokens;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

@GatewayTest
class RoutingTest {

    @Test
    void routesByPrefixAndPassesEverythingBack() {
        String admin = TestTokens.bearer("admin");
        ServiceStubs.profile()
                .stubFor(get(urlPathEqualTo("/api/v1/customers/c-1"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withHeader("ETag", "\"7\"")
                                .withBody("{\"id\":\"c-1\",\"name\":\"张三\"}")));
        given().header("Authorization", admin)
                .get("/api/v1/customers/c-1?fields=all")
                .then()
                .statusCode(200)
                .header("ETag", "\"7\"")
                .header("X-Request-Id", notNullValue())
                .body("name", equalTo("张三"));
        ServiceStubs.profile()
                .verify(getRequestedFor(urlEqualTo("/api/v1/customers/c-1?fields=all"))
                        .withHeader("Authorization", WireMock.equalTo(admin))
                        .withHeader("X-Request-Id", WireMock.matching(".+")));
    }

    @Test
    void passesTheCallersRequestIdOnAndBodiesBothWays() {
        ServiceStubs.profile()
                .stubFor(post(urlEqualTo("/api/v1/orders"))
                        .willReturn(aResponse()
                                .withStatus(201)
                                .withHeader("Content-Type", "application/json")
                                .withHeader("Location", "/api/v1/orders/o-1")
                                .withHeader("X-Request-Id", "trace-42")
                                .withBody("{\"id\":\"o-1\"}")));
        Response response = given().header("Authorization", TestTokens.bearer("sales"))
                .header("X-Request-Id", "trace-42")
                .contentType("application/json")
                .body("{\"total\":\"12.50\"}")
                .post("/api/v1/orders");
        assertEquals(List.of("trace-42"), response.headers().getValues("X-Request-Id"));
        response.then().statusCode(201).header("Location", "/api/v1/orders/o-1").body("id", equalTo("o-1"));
        ServiceStubs.profile()
                .verify(postRequestedFor(urlEqualTo("/api/v1/orders"))
                        .withHeader("X-Request-Id", WireMock.equalTo("trace-42"))
                        .withRequestBody(WireMock.equalToJson("{\"total\":\"12.50\"}")));
    }

    @Test
    void segmentPrefixesGoToTheSegmentService() {
        ServiceStubs.segment()
                .stubFor(get(urlPathEqualTo("/api/v1/segments"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"items\":[]}")));
        given().header("Authorization", TestTokens.bearer("marketer"))
                .get("/api/v1/segments")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void unknownApiRouteIs404Problem() {
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/no-such-thing/1")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        // a prefix only matches whole segments: /api/v1/customersX is nobody's
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/customersX")
                .then()
                .statusCode(404);
    }

    @Test
    void serviceErrorsPassThroughUnchanged() {
        ServiceStubs.profile()
                .stubFor(get(urlPathEqualTo("/api/v1/customers/someone-elses"))
                        .willReturn(aResponse()
                                .withStatus(404)
                                .withHeader("Content-Type", "application/problem+json")
                                .withBody("{\"status\":404,\"title\":\"Not found\"}")));
        given().header("Authorization", TestTokens.bearer("sales", "sales-li"))
                .get("/api/v1/customers/someone-elses")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not found"));
    }
}
