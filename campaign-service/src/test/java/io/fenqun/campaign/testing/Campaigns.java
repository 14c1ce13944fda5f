package io.fenqun.campaign.testing;

import static io.restassured.RestAssured.given;

import io.fenqun.campaign.delivery.DeliverySenders;
import io.fenqun.kit.security.Roles;
import io.fenqun.kit.testing.TestDatabase;
import io.fenqun.kit.testing.TestTokens;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import java.util.UUID;

/** Campaigns through the API, and the sender run on demand. */
public final class Campaigns {

    public static final String MARKETER = TestTokens.bearer(Roles.MARKETER);

    private Campaigns() {}

    /** Creates a campaign from JSON and returns its id. */
    public static UUID create(String json) {
        String id = given().header("Authorization", MARKETER)
                .contentType(ContentType.JSON)
                .body(json)
                .post("/api/v1/campaigns")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return UUID.fromString(id);
    }

    public static void schedule(UUID campaign) {
        given().header("Authorization", MARKETER)
                .post("/api/v1/campaigns/" + campaign + "/schedule")
                .then()
                .statusCode(200);
    }

    /** Runs a sender until nothing is due; returns how many messages it claimed. */
    public static int send(String sender) {
        return Arc.container().instance(DeliverySenders.class).get().drain(sender);
    }

    /**
     * A policy that lets tests send at any hour of a real clock: no quiet hours, high caps. Tests of
     * quiet hours and caps set their own.
     */
    public static void relaxPolicy() {
        setPolicy(
                """
                {"caps":{"EMAIL":{"perDay":100},"SMS":{"perDay":100},"APP_PUSH":{"perDay":100}}}""");
    }

    public static void setPolicy(String json) {
        TestDatabase.execute(
                """
                INSERT INTO contact_policy (id, settings) VALUES (1, CAST(? AS jsonb))
                ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, version = contact_policy.version + 1""",
                json);
    }

    /** A one-template variant list for a channel: subject and body in zh-CN. */
    public static String variant(String subject, String body) {
        return """
                [{"name":"A","weight":1,"templates":{"zh-CN":{"subject":"%s","body":"%s"}}}]"""
                .formatted(subject, body);
    }
}
