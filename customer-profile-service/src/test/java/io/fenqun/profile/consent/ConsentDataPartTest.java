package io.fenqun.profile.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestTokens;
import io.fenqun.profile.testing.ProfileApi;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ConsentDataPartTest {

    @Inject
    ConsentDataPart part;

    static <T> T inTransaction(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    }

    static void decide(String customer, String channelAndPurpose, String body) {
        given().header("Authorization", TestTokens.bearer("admin"))
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/customers/" + customer + "/consents/" + channelAndPurpose)
                .then()
                .statusCode(200);
    }

    @Test
    void exportHoldsHistoryAndCurrentAndEraseKeepsTheDecisionsWithoutEvidence() throws Throwable {
        String customer = ProfileApi.customer("褚三", null);
        decide(
                customer,
                "EMAIL/MARKETING",
                """
                {"status":"GRANTED","source":"API","evidence":"ip=203.0.113.7","changedAt":"2026-11-01T00:00:00Z"}""");
        decide(customer, "EMAIL/MARKETING", "{\"status\":\"WITHDRAWN\",\"source\":\"PHONE\"}");

        Map<?, ?> exported = (Map<?, ?>) inTransaction(() -> part.export(UUID.fromString(customer)));
        assertEquals(2, ((List<?>) exported.get("history")).size());
        ConsentView current = (ConsentView) ((List<?>) exported.get("current")).get(0);
        assertEquals(ConsentFields.Status.WITHDRAWN, current.status());

        inTransaction(() -> part.erase(UUID.fromString(customer)));
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/customers/" + customer + "/consents/history")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items[1].status", equalTo("GRANTED"))
                .body("items[1].source", equalTo("API"))
                .body("items[1].evidence", nullValue());
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/customers/" + customer + "/consents")
                .then()
                .body("consents[0].status", equalTo("WITHDRAWN"));
    }

    @Test
    void mergeKeepsTheLatestDecisionOfEitherRecord() throws Throwable {
        String duplicate = ProfileApi.customer("卫四", null);
        String survivor = ProfileApi.customer("卫四", null);
        decide(
                survivor,
                "SMS/MARKETING",
                """
                {"status":"GRANTED","source":"STORE","changedAt":"2026-11-01T00:00:00Z"}""");
        decide(
                duplicate,
                "SMS/MARKETING",
                """
                {"status":"WITHDRAWN","source":"PHONE","changedAt":"2026-11-05T00:00:00Z"}""");
        decide(
                duplicate,
                "WECHAT/SERVICE",
                """
                {"status":"GRANTED","source":"STORE","changedAt":"2026-11-02T00:00:00Z"}""");
        decide(
                survivor,
                "WECHAT/SERVICE",
                """
                {"status":"WITHDRAWN","source":"STORE","changedAt":"2026-11-03T00:00:00Z"}""");

        inTransaction(() -> part.merge(UUID.fromString(duplicate), UUID.fromString(survivor)));
        // Only SMS changed for the survivor: the duplicate's later withdrawal now stands.
        List<Map<String, Object>> events = ProfileApi.events(ConsentService.CHANGED, survivor);
        assertEquals(3, events.size());
        assertEquals("SMS", ((Map<?, ?>) ((Map<?, ?>) events.get(2).get("data")).get("current")).get("channel"));
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/customers/" + survivor + "/consents")
                .then()
                .statusCode(200)
                .body("consents", hasSize(2))
                .body("consents.find { it.channel == 'SMS' }.status", equalTo("WITHDRAWN"))
                .body("consents.find { it.channel == 'WECHAT' }.status", equalTo("WITHDRAWN"));
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/customers/" + survivor + "/consents/history")
                .then()
                .body("items", hasSize(4));
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/customers/" + duplicate + "/consents")
                .then()
                .body("consents", hasSize(0));
    }

    @Test
    void theHistoryCannotBeRewritten() throws Throwable {
        String customer = ProfileApi.customer("蒋五", null);
        decide(customer, "PHONE/SERVICE", "{\"status\":\"WITHDRAWN\",\"source\":\"PHONE\"}");
        UUID id = UUID.fromString(customer);
        for (String sql : List.of(
                "UPDATE consent_change SET status = 'GRANTED' WHERE customer_id = :id",
                "UPDATE consent_change SET evidence = 'forged' WHERE customer_id = :id",
                "DELETE FROM consent_change WHERE customer_id = :id")) {
            assertThrows(
                    Exception.class,
                    () -> inTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(sql)
                            .setParameter("id", id)
                            .executeUpdate())),
                    sql);
        }
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/customers/" + customer + "/consents/history")
                .then()
                .body("items", hasSize(1))
                .body("items[0].status", equalTo("WITHDRAWN"));
    }
}
