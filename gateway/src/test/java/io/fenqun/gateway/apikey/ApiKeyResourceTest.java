package io.fenqun.gateway.apikey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.fenqun.gateway.testing.GatewayTest;
import io.fenqun.gateway.testing.TestApiKeys;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.testing.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;

@GatewayTest
class ApiKeyResourceTest {

    private static final String ADMIN = TestTokens.bearer("admin", "admin-zhou");

    @Test
    void keysAreListedNewestFirstWithoutTheirSecrets() {
        TestApiKeys.Key older = TestApiKeys.create("list-a", List.of("read"), 10);
        TestApiKeys.Key newer = TestApiKeys.create("list-b", List.of("sync", "feed:profile"), 20);
        String cursor = given().header("Authorization", ADMIN)
                .get("/api/v1/api-keys?limit=1")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(newer.id()))
                .body("items[0].scopes", equalTo(List.of("feed:profile", "sync")))
                .body("items[0].secret", nullValue())
                .body("items[0].keyPrefix", startsWith("fq_"))
                .body("nextCursor", notNullValue())
                .extract()
                .path("nextCursor");
        given().header("Authorization", ADMIN)
                .get("/api/v1/api-keys?limit=1&cursor=" + cursor)
                .then()
                .statusCode(200)
                .body("items[0].id", equalTo(older.id()));
        given().header("Authorization", ADMIN)
                .get("/api/v1/api-keys/" + older.id())
                .then()
                .statusCode(200)
                .body("partnerSource", equalTo("list-a"))
                .body("rateLimitPerMinute", equalTo(10));
    }

    @Test
    void revokingRecordsWhoAndWhenOnce() {
        TestApiKeys.Key key = TestApiKeys.create("revoke-me", List.of("read"), 10);
        String revokedAt = given().header("Authorization", ADMIN)
                .delete("/api/v1/api-keys/" + key.id())
                .then()
                .statusCode(200)
                .body("revokedBy", equalTo("admin-zhou"))
                .extract()
                .path("revokedAt");
        given().header("Authorization", TestTokens.bearer("admin", "admin-qian"))
                .delete("/api/v1/api-keys/" + key.id())
                .then()
                .statusCode(200)
                .body("revokedAt", equalTo(revokedAt))
                .body("revokedBy", equalTo("admin-zhou"));
    }

    @Test
    void badInputIs4xxProblem() {
        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body("{\"name\":\"\",\"partnerSource\":\"Not Valid\",\"scopes\":[],\"rateLimitPerMinute\":0}")
                .post("/api/v1/api-keys")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("partnerSource"))
                .body("errors.field", hasItem("scopes"))
                .body("errors.field", hasItem("rateLimitPerMinute"));
        given().header("Authorization", ADMIN)
                .get("/api/v1/api-keys/0190a1b2-0000-7000-8000-0000000000ff")
                .then()
                .statusCode(404);
        given().header("Authorization", ADMIN)
                .get("/api/v1/api-keys/nonsense")
                .then()
                .statusCode(404);
        for (String cursor : List.of("%%%", PageRequest.encode("not-an-id"))) {
            given().header("Authorization", ADMIN)
                    .queryParam("cursor", cursor)
                    .get("/api/v1/api-keys")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("cursor"));
        }
    }
}
