package io.fenqun.gateway.testing;

import static io.restassured.RestAssured.given;

import io.fenqun.kit.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Partner keys made through the admin API, as an admin would. */
public final class TestApiKeys {

    private TestApiKeys() {}

    /** A new key's id and secret. */
    public record Key(String id, String secret) {}

    public static Key create(String source, List<String> scopes, int perMinute) {
        JsonPath created = given().header("Authorization", TestTokens.bearer("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "test " + source,
                        "partnerSource",
                        source,
                        "scopes",
                        scopes,
                        "rateLimitPerMinute",
                        perMinute))
                .post("/api/v1/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        return new Key(created.getString("key.id"), created.getString("secret"));
    }

    public static void revoke(String id) {
        given().header("Authorization", TestTokens.bearer("admin"))
                .delete("/api/v1/api-keys/" + id)
                .then()
                .statusCode(200);
    }

    /** The claims of a bearer token a service received, read without checking (the test only looks). */
    public static JsonPath claims(String authorization) {
        String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(payload)));
    }
}
