package io.fenqun.campaign.planning;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenqun.campaign.testing.CampaignTest;
import io.fenqun.campaign.testing.Campaigns;
import io.fenqun.campaign.testing.Feeds;
import io.fenqun.campaign.testing.Stubs;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.testing.TestDatabase;
import io.fenqun.kit.time.Utc;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When campaigns plan messages: on feed events (first purchase, any event type), daily for
 * birthdays, holidays and lapsed buyers, at cron times; with A/B variants and a hold-out group whose
 * conversions give the uplift.
 */
@CampaignTest
class TriggerTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @BeforeEach
    void webhookAccepts() {
        Campaigns.relaxPolicy();
        Stubs.providers()
                .stubFor(post(urlPathEqualTo("/hooks/crm"))
                        .willReturn(aResponse().withStatus(202)));
    }

    static UUID webhookCampaign(String audience, String schedule) {
        UUID id = Campaigns.create(
                """
                {"name":"hook","channel":"WEBHOOK","purpose":"MARKETING","audience":%s,"schedule":%s,
                 "variants":%s,"webhookUrl":"%s/hooks/crm"}"""
                        .formatted(
                                audience,
                                schedule,
                                Campaigns.variant("s", "{customer.name}"),
                                Stubs.providers().baseUrl()));
        Campaigns.schedule(id);
        return id;
    }

    static long planned(UUID campaign) {
        return TestDatabase.count("SELECT count(*) FROM delivery WHERE campaign_id = ?", campaign);
    }

    static void runDailyCheckNow(UUID campaign) throws Throwable {
        TestDatabase.execute("UPDATE campaign SET next_run_at = now() WHERE id = ?", campaign);
        CampaignScheduler scheduler =
                Arc.container().instance(CampaignScheduler.class).get();
        VertxContextSupport.subscribeAndAwait(() -> scheduler.planDue(Utc.now()));
    }

    @Test
    void firstPurchaseFiresOnceAndOnlyForTheFirstOrder() {
        UUID campaign = webhookCampaign("{}", "{\"kind\":\"TRIGGER\",\"trigger\":{\"kind\":\"FIRST_PURCHASE\"}}");
        UUID newcomer = Feeds.customer(null);
        Feeds.order(newcomer, Feeds.now(), "20.00", null);
        Feeds.order(newcomer, Feeds.now(), "30.00", null);
        UUID regular = Feeds.customer(null);
        Feeds.order(regular, Feeds.now().minusDays(400), "20.00", null);
        Feeds.order(regular, Feeds.now(), "20.00", null);
        assertEquals(1, planned(campaign));
        assertEquals(
                1,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE campaign_id = ? AND customer_id = ?", campaign, newcomer));
        Campaigns.send("sender");
        assertEquals(
                1,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE campaign_id = ? AND status = 'SENT'", campaign));
    }

    @Test
    void anyEventTypeOfAFollowedFeedCanTrigger() {
        UUID campaign = webhookCampaign(
                "{}",
                "{\"kind\":\"TRIGGER\",\"trigger\":{\"kind\":\"EVENT\",\"event\":\"interaction.logged\",\"repeat\":\"EVERY_TIME\"}}");
        UUID customer = Feeds.customer(null);
        Feeds.apply(
                "profile", "interaction.logged", customer, Map.of("customerId", customer.toString(), "kind", "CALL"));
        Feeds.apply(
                "profile", "interaction.logged", customer, Map.of("customerId", customer.toString(), "kind", "VISIT"));
        assertEquals(2, planned(campaign), "every time, as asked");
    }

    @Test
    void birthdaysAreGreetedTheGivenDaysAhead() throws Throwable {
        LocalDate inThreeDays = OffsetDateTime.now(SHANGHAI).toLocalDate().plusDays(3);
        // 1992 was a leap year, so even 29 February has a birthday that year
        UUID soon = Feeds.customer(inThreeDays.withYear(1992).toString());
        UUID later = Feeds.customer(inThreeDays.plusDays(40).withYear(1992).toString());
        UUID campaign =
                webhookCampaign("{}", "{\"kind\":\"TRIGGER\",\"trigger\":{\"kind\":\"BIRTHDAY\",\"daysBefore\":3}}");
        assertNotNull(given().header("Authorization", Campaigns.MARKETER)
                .get("/api/v1/campaigns/" + campaign)
                .then()
                .extract()
                .path("nextRunAt"));
        runDailyCheckNow(campaign);
        assertEquals(
                1,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE campaign_id = ? AND customer_id = ?", campaign, soon));
        assertEquals(
                0,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE campaign_id = ? AND customer_id = ?", campaign, later));
        runDailyCheckNow(campaign); // the same day again plans nobody twice
        assertEquals(1, planned(campaign));
        assertTrue(
                TestDatabase.count(
                                "SELECT count(*) FROM campaign WHERE id = ? AND status = 'RUNNING' AND next_run_at > now()",
                                campaign)
                        == 1,
                "checked again tomorrow");
    }

    @Test
    void lapsedBuyersAndHolidaysAreFoundByTheDailyCheck() throws Throwable {
        UUID segment = Ids.newId();
        UUID lapsed = Feeds.customer(null);
        Feeds.order(lapsed, Feeds.now().minusDays(30).minusHours(2), "50.00", null);
        UUID active = Feeds.customer(null);
        Feeds.order(active, Feeds.now().minusDays(3), "50.00", null);
        Feeds.entered(segment, lapsed);
        Feeds.entered(segment, active);
        UUID winBack = webhookCampaign(
                "{\"segments\":[\"" + segment + "\"]}",
                "{\"kind\":\"TRIGGER\",\"trigger\":{\"kind\":\"NO_PURCHASE\",\"days\":30}}");
        runDailyCheckNow(winBack);
        assertEquals(1, planned(winBack));
        assertEquals(
                1,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE campaign_id = ? AND customer_id = ?", winBack, lapsed));

        String today = OffsetDateTime.now(SHANGHAI).toLocalDate().toString();
        UUID holiday = webhookCampaign(
                "{\"segments\":[\"" + segment + "\"]}",
                "{\"kind\":\"TRIGGER\",\"trigger\":{\"kind\":\"HOLIDAY\",\"dates\":[\"" + today
                        + "\",\"2099-02-01\"]}}");
        runDailyCheckNow(holiday);
        assertEquals(2, planned(holiday));
    }

    @Test
    void expiringPointsAreRemindedTheGivenDaysAhead() throws Throwable {
        UUID expiring = Feeds.customer(null);
        UUID later = Feeds.customer(null);
        points(expiring, OffsetDateTime.now(SHANGHAI).plusDays(7));
        points(later, OffsetDateTime.now(SHANGHAI).plusDays(40));
        UUID reminder = webhookCampaign(
                "{}", "{\"kind\":\"TRIGGER\",\"trigger\":{\"kind\":\"POINTS_EXPIRING\",\"daysBefore\":7}}");
        runDailyCheckNow(reminder);
        assertEquals(1, planned(reminder));
        assertEquals(
                1,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE campaign_id = ? AND customer_id = ?", reminder, expiring));
    }

    private static void points(UUID customer, OffsetDateTime nextExpiry) {
        Feeds.apply(
                "profile",
                "points.changed",
                customer,
                Map.of(
                        "customerId",
                        customer.toString(),
                        "balance",
                        500,
                        "tier",
                        "SILVER",
                        "nextExpiry",
                        nextExpiry.toString()));
    }

    @Test
    void cronCampaignsPlanEachTimeAndMoveOn() throws Throwable {
        UUID segment = Ids.newId();
        Feeds.entered(segment, Feeds.customer(null));
        UUID weekly =
                webhookCampaign("{\"segments\":[\"" + segment + "\"]}", "{\"kind\":\"CRON\",\"cron\":\"0 10 * * 1\"}");
        runDailyCheckNow(weekly);
        assertEquals(1, planned(weekly));
        JsonPath view = given().header("Authorization", Campaigns.MARKETER)
                .get("/api/v1/campaigns/" + weekly)
                .then()
                .extract()
                .jsonPath();
        assertEquals("RUNNING", view.getString("status"));
        assertEquals(1, view.getInt("runs"));
        assertEquals(
                java.time.DayOfWeek.MONDAY,
                OffsetDateTime.parse(view.getString("nextRunAt"))
                        .atZoneSameInstant(SHANGHAI)
                        .getDayOfWeek());
    }

    @Test
    void variantsSplitTheAudienceAndTheHoldoutMeasuresUplift() throws Throwable {
        UUID segment = Ids.newId();
        java.util.List<UUID> members = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            members.add(Ids.newId());
        }
        try (var c = TestDatabase.connect();
                var p = c.prepareStatement("INSERT INTO audience_member VALUES (?, ?, now())")) {
            for (UUID m : members) {
                p.setObject(1, segment);
                p.setObject(2, m);
                p.addBatch();
            }
            p.executeBatch();
        }
        UUID campaign = Campaigns.create(
                """
                {"name":"A/B","channel":"WEBHOOK","purpose":"MARKETING","audience":{"segments":["%s"]},
                 "schedule":{"kind":"ONCE"},"holdoutPercent":25,"webhookUrl":"%s/hooks/crm",
                 "variants":[{"name":"A","weight":1,"templates":{"zh-CN":{"body":"a"}}},
                             {"name":"B","weight":3,"templates":{"zh-CN":{"body":"b"}}}]}"""
                        .formatted(segment, Stubs.providers().baseUrl()));
        Campaigns.schedule(campaign);
        runDailyCheckNow(campaign);
        Campaigns.send("sender");
        long held = TestDatabase.count(
                "SELECT count(*) FROM delivery WHERE campaign_id = ? AND status = 'HOLDOUT'", campaign);
        long a = TestDatabase.count(
                "SELECT count(*) FROM delivery WHERE campaign_id = ? AND variant = 'A' AND status <> 'HOLDOUT'",
                campaign);
        long b = TestDatabase.count(
                "SELECT count(*) FROM delivery WHERE campaign_id = ? AND variant = 'B' AND status <> 'HOLDOUT'",
                campaign);
        assertTrue(held > 60 && held < 140, "about a quarter held out: " + held);
        assertTrue(b > 2 * a, "B weighs three times A: " + a + " / " + b);
        // every treated customer buys, nobody held out does
        for (UUID m : members) {
            if (TestDatabase.count("SELECT count(*) FROM delivery WHERE customer_id = ? AND status = 'SENT'", m) == 1) {
                Feeds.order(m, Feeds.now(), "10.00", null);
            }
        }
        JsonPath results = given().header("Authorization", Campaigns.MARKETER)
                .get("/api/v1/campaigns/" + campaign + "/results")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(400 - held, results.getLong("total.converted"));
        assertEquals(held, results.getLong("uplift.control"));
        assertEquals(1.0, results.getDouble("uplift.difference"), 1e-9);
        assertEquals(2, results.getList("byVariant").size());
        assertEquals(
                0,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE campaign_id = ? AND status = 'HOLDOUT'"
                                + " AND sent_at IS NOT NULL",
                        campaign),
                "the control group is never sent anything");
    }
}
