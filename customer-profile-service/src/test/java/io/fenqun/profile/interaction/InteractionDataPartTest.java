package io.fenqun.profile.interaction;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class InteractionDataPartTest {

    @Inject
    InteractionDataPart part;

    static <T> T inTransaction(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    }

    static String log(String customer, String body) {
        return given().header("Authorization", TestTokens.bearer("admin"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/customers/" + customer + "/interactions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void exportHoldsEverythingAndEraseRemovesTheFreeText() throws Throwable {
        String customer = ProfileApi.customer("冯一", null);
        String id = log(
                customer,
                """
                {"type":"COMPLAINT","occurredAt":"2026-11-02T03:00:00Z","summary":"住址 杭州市西湖区文三路 90 号",
                 "outcome":"REFUND_ASKED","nextFollowUpAt":"2026-11-03"}""");

        List<?> exported = (List<?>) inTransaction(() -> part.export(UUID.fromString(customer)));
        assertEquals(1, exported.size());
        InteractionView view = (InteractionView) exported.get(0);
        assertEquals("住址 杭州市西湖区文三路 90 号", view.summary());
        assertEquals("interactions", part.name());

        inTransaction(() -> part.erase(UUID.fromString(customer)));
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/interactions/" + id)
                .then()
                .statusCode(200)
                .body("type", equalTo("COMPLAINT"))
                .body("occurredAt", equalTo("2026-11-02T03:00:00Z"))
                .body("nextFollowUpOn", equalTo("2026-11-03"))
                .body("summary", nullValue())
                .body("outcome", nullValue());
    }

    @Test
    void mergeMovesInteractionsToTheSurvivor() throws Throwable {
        String duplicate = ProfileApi.customer("陈二", null);
        String survivor = ProfileApi.customer("陈二", null);
        String moved = log(duplicate, "{\"type\":\"CALL\",\"summary\":\"重复档案里的记录\"}");
        log(survivor, "{\"type\":\"VISIT\"}");

        inTransaction(() -> part.merge(UUID.fromString(duplicate), UUID.fromString(survivor)));
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/customers/" + survivor + "/interactions")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items.find { it.id == '%s' }.summary".formatted(moved), equalTo("重复档案里的记录"));
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/v1/customers/" + duplicate + "/interactions")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
    }
}
