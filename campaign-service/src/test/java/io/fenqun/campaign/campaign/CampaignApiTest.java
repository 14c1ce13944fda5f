package io.fenqun.campaign.campaign;

import static io.fenqun.campaign.testing.Campaigns.MARKETER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fenqun.campaign.testing.CampaignTest;
import io.fenqun.campaign.testing.Campaigns;
import io.fenqun.campaign.testing.Feeds;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.security.Roles;
import io.fenqun.kit.testing.TestDatabase;
import io.fenqun.kit.testing.TestTokens;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Campaigns through the API: validation, changes, lifecycle, roles, the dry run and the contact policy. */
@CampaignTest
class CampaignApiTest {

    static String newsletter(UUID segment) {
        return """
                {"name":"Autumn tea","channel":"EMAIL","purpose":"MARKETING",
                 "audience":{"segments":["%s"]},
                 "schedule":{"kind":"ONCE"},
                 "variants":%s}"""
                .formatted(segment, Campaigns.variant("{customer.name}，秋茶上新", "<p>新茶到店</p>"));
    }

    @Test
    void everyMistakeIsNamed() {
        given().header("Authorization", MARKETER)
                .contentType(ContentType.JSON)
                .body(
                        """
                        {"name":"broken","channel":"EMAIL","purpose":"MARKETING","locale":"en",
                         "audience":{"segments":[]},
                         "schedule":{"kind":"CRON","cron":"every monday"},
                         "variants":[{"name":"A","weight":1,"templates":{"zh-CN":{"body":"{customer.nmae"}}},
                                     {"name":"A","weight":1,"templates":{"en":{"subject":"Hi","body":"{customer.shoeSize}"}}}],
                         "landingUrl":"javascript:alert(1)"}""")
                .post("/api/v1/campaigns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        hasItems(
                                "audience.segments",
                                "schedule.cron",
                                "variants[0].templates",
                                "variants[0].templates.zh-CN.subject",
                                "variants[0].templates.zh-CN.body",
                                "variants[1].name",
                                "variants[1].templates.en.body",
                                "landingUrl"));
        given().header("Authorization", MARKETER)
                .contentType(ContentType.JSON)
                .body(newsletter(Ids.newId()).replace("\"purpose\"", "\"holdoutPercent\":80,\"purpose\""))
                .post("/api/v1/campaigns")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("holdoutPercent"));
        given().header("Authorization", MARKETER)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"channel\":\"FAX\"}")
                .post("/api/v1/campaigns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", MARKETER)
                .contentType(ContentType.JSON)
                .body(newsletter(Ids.newId()).replace("\"purpose\"", "\"colour\":\"red\",\"purpose\""))
                .post("/api/v1/campaigns")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("colour"));
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM campaign WHERE name IN ('broken', 'x')"));
    }

    @Test
    void createReadChangeWithETagsAndIdempotency() {
        String body = newsletter(Ids.newId());
        String key = UUID.randomUUID().toString();
        String id = given().header("Authorization", MARKETER)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/campaigns")
                .then()
                .statusCode(201)
                .header("ETag", notNullValue())
                .body("status", equalTo("DRAFT"))
                .extract()
                .path("id");
        given().header("Authorization", MARKETER)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/campaigns")
                .then()
                .statusCode(201)
                .body("id", equalTo(id));
        String etag = given().header("Authorization", TestTokens.bearer(Roles.ANALYST))
                .get("/api/v1/campaigns/" + id)
                .then()
                .statusCode(200)
                .body("definition.name", equalTo("Autumn tea"))
                .extract()
                .header("ETag");
        given().header("Authorization", MARKETER)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(body.replace("Autumn tea", "Autumn oolong"))
                .put("/api/v1/campaigns/" + id)
                .then()
                .statusCode(200)
                .body("definition.name", equalTo("Autumn oolong"));
        given().header("Authorization", MARKETER)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/campaigns/" + id)
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
    }

    @Test
    void lifecycleAllowsOnlyItsTransitions() {
        UUID id = Campaigns.create(newsletter(Ids.newId())
                .replace("{\"kind\":\"ONCE\"}", "{\"kind\":\"ONCE\",\"at\":\"2099-01-01T00:00:00Z\"}"));
        String path = "/api/v1/campaigns/" + id;
        given().header("Authorization", MARKETER).post(path + "/resume").then().statusCode(409);
        given().header("Authorization", MARKETER)
                .post(path + "/schedule")
                .then()
                .statusCode(200)
                .body("status", equalTo("SCHEDULED"))
                .body("nextRunAt", equalTo("2099-01-01T00:00:00Z"));
        given().header("Authorization", MARKETER).post(path + "/pause").then().body("status", equalTo("PAUSED"));
        given().header("Authorization", MARKETER).post(path + "/resume").then().body("status", equalTo("RUNNING"));
        given().header("Authorization", MARKETER)
                .contentType(ContentType.JSON)
                .body(newsletter(Ids.newId()))
                .put(path)
                .then()
                .statusCode(409);
        given().header("Authorization", MARKETER).post(path + "/finish").then().body("status", equalTo("FINISHED"));
        given().header("Authorization", MARKETER)
                .post(path + "/schedule")
                .then()
                .statusCode(409);
    }

    @Test
    void rolesAndTokens() {
        given().get("/api/v1/campaigns").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(Roles.SALES))
                .get("/api/v1/campaigns")
                .then()
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer(Roles.ANALYST))
                .contentType(ContentType.JSON)
                .body(newsletter(Ids.newId()))
                .post("/api/v1/campaigns")
                .then()
                .statusCode(403);
        given().header("Authorization", MARKETER)
                .get("/api/v1/campaigns/not-an-id")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", MARKETER)
                .get("/api/v1/campaigns/" + Ids.newId())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", MARKETER)
                .get("/api/v1/campaigns?limit=501")
                .then()
                .statusCode(400);
    }

    @Test
    void dryRunCountsWhoWouldReceiveItAndWhyOthersWouldNot() {
        Campaigns.relaxPolicy();
        UUID segment = Ids.newId();
        UUID granted = member(segment, true);
        member(segment, true);
        member(segment, false); // withdrew
        UUID neverAsked = Feeds.customer(null);
        Feeds.entered(segment, neverAsked);
        UUID blocked = member(segment, true);
        given().header("Authorization", TestTokens.bearer(Roles.SUPPORT))
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"complained by phone\"}")
                .put("/api/v1/do-not-contact/" + blocked)
                .then()
                .statusCode(204);
        UUID capped = member(segment, true);
        TestDatabase.execute(
                "INSERT INTO contact_count (customer_id, channel, day, sent) VALUES (?, 'EMAIL', CAST(now() AT TIME ZONE 'Asia/Shanghai' AS date), 100)",
                capped);
        UUID id = Campaigns.create(newsletter(segment));
        given().header("Authorization", TestTokens.bearer(Roles.ANALYST))
                .post("/api/v1/campaigns/" + id + "/dry-run")
                .then()
                .statusCode(200)
                .body("audience", equalTo(6))
                .body("wouldReceive", equalTo(2))
                .body("excluded.NO_CONSENT", equalTo(2))
                .body("excluded.DO_NOT_CONTACT", equalTo(1))
                .body("excluded.CAPPED", equalTo(1))
                .body("addressesChecked", equalTo(2))
                .body("withoutAddressInSample", equalTo(0));
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM delivery WHERE campaign_id = ?", id), "nothing kept");
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM do_not_contact WHERE customer_id = ?", blocked));
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM delivery WHERE customer_id = ?", granted));
    }

    @Test
    void contactPolicyChangesWithOptimisticLocking() {
        String etag = given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .get("/api/v1/contact-policy")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        String settings =
                """
                {"quietHours":{"start":"22:00","end":"09:00"},"caps":{"SMS":{"perDay":1,"perWeek":2}}}""";
        given().header("Authorization", TestTokens.bearer(Roles.MARKETER))
                .contentType(ContentType.JSON)
                .body(settings)
                .put("/api/v1/contact-policy")
                .then()
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(settings)
                .put("/api/v1/contact-policy")
                .then()
                .statusCode(200)
                .body("quietHours.start", equalTo("22:00:00"));
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(settings)
                .put("/api/v1/contact-policy")
                .then()
                .statusCode(412);
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .contentType(ContentType.JSON)
                .body("{\"caps\":{\"SMS\":{\"perDay\":-1}}}")
                .put("/api/v1/contact-policy")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        Campaigns.relaxPolicy();
    }

    private static UUID member(UUID segment, boolean emailConsent) {
        UUID customer = Feeds.customer(null);
        Feeds.consent(customer, "EMAIL", "MARKETING", emailConsent);
        Feeds.entered(segment, customer);
        return customer;
    }
}
