package io.fenqun.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.fenqun.gateway.testing.GatewayTest;
import io.fenqun.gateway.testing.ServiceStubs;
import io.fenqun.gateway.testing.TestApiKeys;
import io.fenqun.kit.testing.TestTokens;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way in: people's tokens good and bad, partner keys good, out of scope and revoked. */
@GatewayTest
class AuthenticationTest {

    private static final String CUSTOMER = "/api/v1/customers/0190a1b2-0000-7000-8000-000000000001";

    @BeforeEach
    void stubProfile() {
        ServiceStubs.profile()
                .stubFor(get(urlPathEqualTo(CUSTOMER))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"id\":\"c\"}")));
        ServiceStubs.profile()
                .stubFor(put(urlPathMatching("/api/v1/customers/by-external-id/.*"))
                        .willReturn(aResponse()
                                .withStatus(201)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"id\":\"c\"}")));
    }

    @Test
    void aValidTokenPasses() {
        given().header("Authorization", TestTokens.bearer("analyst"))
                .get(CUSTOMER)
                .then()
                .statusCode(200);
    }

    @Test
    void noTokenIs401() {
        given().get(CUSTOMER)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void expiredTokenIs401() {
        String expired = TestTokens.token(
                "late-user", Set.of("admin"), TestTokens.ISSUER, Instant.now().minusSeconds(600));
        given().header("Authorization", "Bearer " + expired)
                .get(CUSTOMER)
                .then()
                .statusCode(401);
    }

    @Test
    void wrongSignatureIs401() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer(TestTokens.ISSUER)
                .upn("forger")
                .groups("admin")
                .expiresAt(Instant.now().plusSeconds(600))
                .sign(generator.generateKeyPair().getPrivate());
        given().header("Authorization", "Bearer " + forged).get(CUSTOMER).then().statusCode(401);
    }

    @Test
    void wrongIssuerIs401() {
        String foreign = TestTokens.token(
                "someone",
                Set.of("admin"),
                "https://idp.example.com",
                Instant.now().plusSeconds(600));
        given().header("Authorization", "Bearer " + foreign)
                .get(CUSTOMER)
                .then()
                .statusCode(401);
    }

    @Test
    void wrongRoleIs403() {
        given().header("Authorization", TestTokens.bearer("marketer"))
                .get("/api/v1/api-keys")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void apiKeyIsExchangedForAPartnerTokenTheServicesTrust() {
        TestApiKeys.Key key = TestApiKeys.create("youzan", List.of("sync"), 100);
        given().header("X-Api-Key", key.secret())
                .contentType("application/json")
                .body("{\"kind\":\"PERSON\",\"name\":\"王五\"}")
                .put("/api/v1/customers/by-external-id/youzan/u-1")
                .then()
                .statusCode(201);
        String forwarded = ServiceStubs.profile()
                .findAll(putRequestedFor(urlPathEqualTo("/api/v1/customers/by-external-id/youzan/u-1")))
                .get(0)
                .getHeader("Authorization");
        JsonPath claims = TestApiKeys.claims(forwarded);
        assertThat(claims.getList("groups"), contains("partner"));
        assertThat(claims.getString("partner_source"), equalTo("youzan"));
        assertThat(claims.getString("iss"), equalTo(TestTokens.ISSUER));
        assertThat(
                claims.getLong("exp"),
                lessThanOrEqualTo(Instant.now().plusSeconds(300).getEpochSecond()));
    }

    @Test
    void revokedKeyIs401() {
        TestApiKeys.Key key = TestApiKeys.create("jd", List.of("read"), 100);
        given().header("X-Api-Key", key.secret()).get(CUSTOMER).then().statusCode(200);
        TestApiKeys.revoke(key.id());
        given().header("X-Api-Key", key.secret())
                .get(CUSTOMER)
                .then()
                .statusCode(401)
                .body("detail", equalTo("The API key is unknown or revoked"));
    }

    @Test
    void unknownKeyIs401() {
        given().header("X-Api-Key", "fq_not-a-key").get(CUSTOMER).then().statusCode(401);
    }

    @Test
    void keyOutsideItsScopeOrRoutesIs403() {
        TestApiKeys.Key reader = TestApiKeys.create("tmall", List.of("read"), 100);
        given().header("X-Api-Key", reader.secret())
                .contentType("application/json")
                .body("{}")
                .put("/api/v1/customers/by-external-id/tmall/x")
                .then()
                .statusCode(403)
                .body("detail", equalTo("This API key lacks the scope sync"));
        given().header("X-Api-Key", reader.secret())
                .get("/api/v1/follow-ups/due")
                .then()
                .statusCode(403);
    }
}
