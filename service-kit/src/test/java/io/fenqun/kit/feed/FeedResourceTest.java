package io.fenqun.kit.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import io.fenqun.kit.problem.Problem;
import io.fenqun.kit.security.Roles;
import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class FeedResourceTest {

    @Test
    void withoutTokenIsUnauthorizedProblem() {
        given().when()
                .get(TestFeedResource.PATH)
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(401));
    }

    @ParameterizedTest
    @ValueSource(strings = {Roles.MARKETER, Roles.SALES, Roles.ANALYST})
    void rolesWithoutFeedAccessAreForbidden(String role) {
        given().header("Authorization", TestTokens.bearer(role))
                .when()
                .get(TestFeedResource.PATH)
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
    }

    @ParameterizedTest
    @CsvSource({"limit, 0", "limit, 1001", "wait, 31", "wait, -1", "after, -1"})
    void outOfRangeParameterIsBadRequestProblem(String parameter, String value) {
        given().header("Authorization", TestTokens.bearer(Roles.SERVICE))
                .queryParam(parameter, value)
                .when()
                .get(TestFeedResource.PATH)
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo(parameter));
    }

    @Test
    void serviceTokenReadsEventsAndHead() {
        given().header("Authorization", TestTokens.bearer(Roles.SERVICE))
                .queryParam("limit", 1000)
                .when()
                .get(TestFeedResource.PATH)
                .then()
                .statusCode(200)
                .body("events", notNullValue())
                .body("next", greaterThanOrEqualTo(0))
                .body("head", greaterThanOrEqualTo(0));
    }
}
