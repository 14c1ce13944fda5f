package io.fenqun.profile.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestTokens;
import io.fenqun.profile.testing.TestCustomers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The HTTP contract of DESIGN.md section 2 on the customer API: versions, upserts, errors, auth. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class CustomerContractTest {

    static final String ADMIN = TestTokens.bearer("admin");

    @Test
    void ifMatchGuardsAgainstLostUpdates() {
        var created = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(TestCustomers.body("孙悟空", "13500000011"))
                .post("/api/v1/customers")
                .then()
                .statusCode(201)
                .extract();
        String id = created.path("id");
        String etag = created.header("ETag");
        given().header("Authorization", ADMIN)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(TestCustomers.body("孙行者", "13500000011"))
                .put("/api/v1/customers/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("孙行者"))
                .body("version", equalTo(1));
        given().header("Authorization", ADMIN)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(TestCustomers.body("美猴王", "13500000011"))
                .put("/api/v1/customers/" + id)
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
        given().header("Authorization", ADMIN)
                .get("/api/v1/customers/" + id)
                .then()
                .body("name", equalTo("孙行者"));
    }

    @Test
    void upsertByExternalIdCreatesThenUpdatesAndMatchesByPhone() {
        String partner = "Bearer "
                + Jwt.issuer(TestTokens.ISSUER)
                        .upn("crm-youzan")
                        .groups(Set.of("partner"))
                        .claim("partner_source", "youzan")
                        .expiresAt(Instant.now().plusSeconds(600))
                        .sign(privateKeyOfTests());
        given().header("Authorization", partner)
                .contentType(ContentType.JSON)
                .body(TestCustomers.body("猪八戒", "13500000012"))
                .put("/api/v1/customers/by-external-id/youzan/YZ-1")
                .then()
                .statusCode(201)
                .body("externalIds.externalId", hasItem("YZ-1"));
        given().header("Authorization", partner)
                .contentType(ContentType.JSON)
                .body(TestCustomers.body("猪悟能", "13500000012"))
                .put("/api/v1/customers/by-external-id/youzan/YZ-1")
                .then()
                .statusCode(200)
                .body("name", equalTo("猪悟能"));
        // an unknown external id with a known phone joins the existing customer
        given().header("Authorization", partner)
                .contentType(ContentType.JSON)
                .body(TestCustomers.body("猪悟能", "135 0000 0012"))
                .put("/api/v1/customers/by-external-id/youzan/YZ-2")
                .then()
                .statusCode(200)
                .body("externalIds.externalId", hasItem("YZ-1"))
                .body("externalIds.externalId", hasItem("YZ-2"));
        // re-sending the same record changes nothing: same version
        given().header("Authorization", partner)
                .contentType(ContentType.JSON)
                .body(TestCustomers.body("猪悟能", "13500000012"))
                .put("/api/v1/customers/by-external-id/youzan/YZ-1")
                .then()
                .statusCode(200)
                .body("version", equalTo(2));
        given().header("Authorization", partner)
                .contentType(ContentType.JSON)
                .body(TestCustomers.body("沙僧", "13500000013"))
                .put("/api/v1/customers/by-external-id/weidian/WD-1")
                .then()
                .statusCode(403);
    }

    @Test
    void duplicatePhoneIsConflictNotServerError() {
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(TestCustomers.body("唐三藏", "13500000014"))
                .post("/api/v1/customers")
                .then()
                .statusCode(201);
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(TestCustomers.body("唐僧", "13500000014"))
                .post("/api/v1/customers")
                .then()
                .statusCode(409)
                .body("errors.field", hasItem("phone"));
    }

    @Test
    void badInputIsAlwaysAProblem() {
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"PERSON\",\"name\":\"x\",\"birthDate\":\"yesterday\"}")
                .post("/api/v1/customers")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("birthDate"));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"PERSON\",\"name\":\"x\",\"tags\":\"vip\"}")
                .post("/api/v1/customers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"PERSON\",\"name\":\"\"}")
                .post("/api/v1/customers")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("name"));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("[]")
                .post("/api/v1/customers")
                .then()
                .statusCode(400);
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"PERSON\",\"name\":\"" + "x".repeat(2_000_000) + "\"}")
                .post("/api/v1/customers")
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        given().header("Authorization", ADMIN)
                .get("/api/v1/customers/not-a-uuid")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", ADMIN)
                .get("/api/v1/customers/01a205ac-8c77-76bc-a6d8-e43ab04112bc")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", ADMIN)
                .queryParam("cursor", "%%%")
                .get("/api/v1/customers")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("cursor"));
    }

    @Test
    void rolesAndTokensAreChecked() throws Exception {
        given().header("Authorization", TestTokens.bearer("analyst"))
                .contentType(ContentType.JSON)
                .body(TestCustomers.body("白骨精", "13500000015"))
                .post("/api/v1/customers")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        String expired = TestTokens.token(
                "admin-user", Set.of("admin"), TestTokens.ISSUER, Instant.now().minusSeconds(3600));
        given().header("Authorization", "Bearer " + expired)
                .get("/api/v1/customers")
                .then()
                .statusCode(401);
        String otherIssuer = TestTokens.token(
                "admin-user",
                Set.of("admin"),
                "https://evil.example",
                Instant.now().plusSeconds(600));
        given().header("Authorization", "Bearer " + otherIssuer)
                .get("/api/v1/customers")
                .then()
                .statusCode(401);
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer(TestTokens.ISSUER)
                .upn("admin-user")
                .groups(Set.of("admin"))
                .expiresAt(Instant.now().plusSeconds(600))
                .sign(generator.generateKeyPair().getPrivate());
        given().header("Authorization", "Bearer " + forged)
                .get("/api/v1/customers")
                .then()
                .statusCode(401);
    }

    @Test
    void healthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/api/v1/customers"))
                .body("paths", hasKey("/api/v1/customers/{id}"))
                .body("paths", hasKey("/api/v1/feeds/profile"))
                .body("paths.'/api/v1/customers'.post.responses", hasKey("409"))
                .body("components.schemas", hasKey("Problem"));
    }

    private static java.security.PrivateKey privateKeyOfTests() {
        try {
            return io.smallrye.jwt.util.KeyUtils.readPrivateKey("dev-keys/private.pem");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
