package io.fenqun.gateway.partner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.fenqun.gateway.testing.GatewayTest;
import io.fenqun.gateway.testing.ServiceStubs;
import io.fenqun.gateway.testing.TestApiKeys;
import io.fenqun.kit.testing.TestTokens;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@GatewayTest
class PartnerRulesTest {

    @BeforeEach
    void stub() {
        ServiceStubs.profile()
                .stubFor(get(urlPathEqualTo("/api/v1/customers"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"items\":[]}")));
        ServiceStubs.profile()
                .stubFor(get(urlPathEqualTo("/api/v1/feeds/profile"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"events\":[],\"next\":0}")));
    }

    @Test
    void unknownQueryParametersAreRejectedForPartners() {
        TestApiKeys.Key key = TestApiKeys.create("crm-x", List.of("read"), 100);
        given().header("X-Api-Key", key.secret())
                .get("/api/v1/customers?q=张&limit=10")
                .then()
                .statusCode(200);
        given().header("X-Api-Key", key.secret())
                .get("/api/v1/customers?q=张&colour=red&pageSize=3")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("colour", "pageSize"));
        given().header("Authorization", TestTokens.bearer("partner"))
                .get("/api/v1/feeds/profile?after=0&since=yesterday")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("since"));
        // staff are not held to the partner rules
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/customers?colour=red")
                .then()
                .statusCode(200);
    }

    @Test
    void feedsAreReadableWithTheFeedScopeOfThatService() {
        TestApiKeys.Key key = TestApiKeys.create("crm-y", List.of("feed:profile"), 100);
        given().header("X-Api-Key", key.secret())
                .get("/api/v1/feeds/profile?after=0&limit=100&wait=5")
                .then()
                .statusCode(200)
                .body("next", equalTo(0));
        given().header("X-Api-Key", key.secret())
                .get("/api/v1/feeds/segment?after=0")
                .then()
                .statusCode(403)
                .body("detail", equalTo("This API key lacks the scope feed:segment"));
    }

    @Test
    void unknownScopesAreRefusedWhenAKeyIsMade() {
        given().header("Authorization", TestTokens.bearer("admin"))
                .contentType("application/json")
                .body("{\"name\":\"x\",\"partnerSource\":\"x\",\"scopes\":[\"read\",\"everything\"]}")
                .post("/api/v1/api-keys")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("scopes[1]"));
    }
}
