package io.fenqun.campaign.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fenqun.campaign.planning.CampaignScheduler;
import io.fenqun.campaign.testing.CampaignTest;
import io.fenqun.campaign.testing.Campaigns;
import io.fenqun.campaign.testing.Stubs;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.testing.TestDatabase;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.subscription.Cancellable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SMS through a provider API: several senders on one database send each message exactly once; a
 * sender that dies after handing a batch to the provider neither loses nor repeats a message;
 * passing provider failures are retried with backoff; delivery reports come back by callback.
 */
@CampaignTest
class SmsDeliveryTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void reset() {
        Campaigns.relaxPolicy();
        Stubs.resetProviders();
    }

    @AfterEach
    void resetProviders() {
        Stubs.resetProviders();
    }

    @Test
    void twoSendersOnOneDatabaseSendEachOfTwentyThousandMessagesOnce() throws Throwable {
        UUID segment = Ids.newId();
        List<UUID> members = seedAudience(segment, 20_000);
        UUID campaign = smsCampaign(segment, "SERVICE");
        Campaigns.schedule(campaign);
        plan();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Integer> first = pool.submit(() -> Campaigns.send("replica-1"));
        Future<Integer> second = pool.submit(() -> Campaigns.send("replica-2"));
        int claimed = first.get() + second.get();
        pool.shutdown();

        assertEquals(20_000, claimed, "each message claimed once");
        Map<String, Integer> perRecipient = messagesPerRecipient();
        assertEquals(20_000, perRecipient.size(), "every recipient got a message");
        assertTrue(perRecipient.values().stream().allMatch(n -> n == 1), "nobody got two");
        assertEquals(
                20_000,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE campaign_id = ? AND status = 'SENT'", campaign));
        assertEquals(
                0,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE campaign_id = ? AND claimed_by IS NOT NULL", campaign),
                "claims are released once recorded");
        assertEquals(
                members.size(),
                TestDatabase.count(
                        "SELECT count(*) FROM feed_event WHERE type = 'delivery.sent' AND data ->> 'campaignId' = ?",
                        campaign.toString()));
    }

    @Test
    void aSenderThatDiesAfterTheHandOverNeitherLosesNorRepeatsAMessage() throws Throwable {
        UUID segment = Ids.newId();
        seedAudience(segment, 3_000);
        UUID campaign = smsCampaign(segment, "SERVICE");
        Campaigns.schedule(campaign);
        plan();
        // The provider takes the doomed sender's batch (four calls at once) but answers only after it has died.
        StubMapping slow = Stubs.providers()
                .stubFor(post(urlPathEqualTo("/sms/v1/messages:batch"))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withFixedDelay(5_000)
                                .withStatus(200)
                                .withBody("{\"results\":[]}")));
        DeliveryProcessor processor =
                Arc.container().instance(DeliveryProcessor.class).get();
        AtomicReference<Cancellable> doomed = new AtomicReference<>();
        VertxContextSupport.subscribe(
                () -> processor.processBatch("doomed", 400).toMulti(),
                subscribe -> doomed.set(subscribe.with(ignored -> {}, failure -> {}, () -> {})));
        awaitCount("SELECT count(*) FROM delivery WHERE claimed_by = 'doomed' AND handed_at IS NOT NULL", 400);
        awaitProviderCalls(4);
        doomed.get().cancel(); // the sender is gone: nothing it would record gets recorded
        Stubs.providers().removeStub(slow);
        assertEquals(
                400,
                TestDatabase.count("SELECT count(*) FROM delivery WHERE claimed_by = 'doomed' AND status = 'SENDING'"),
                "the doomed sender's messages are in the provider's hands, unrecorded");
        // Its lease runs out; the messages are taken back and the survivor sends the rest and these.
        TestDatabase.execute(
                "UPDATE delivery SET lease_until = now() - interval '1 second' WHERE claimed_by = 'doomed'");
        VertxContextSupport.subscribeAndAwait(processor::recoverExpired);
        Campaigns.send("survivor");

        Map<String, Integer> perRecipient = messagesPerRecipient();
        Map<String, Integer> idsPerRecipient = distinctIdsPerRecipient();
        assertEquals(3_000, idsPerRecipient.size(), "nobody lost");
        assertTrue(
                idsPerRecipient.values().stream().allMatch(n -> n == 1),
                "every recipient's message carries one id, so the provider drops the repeat of a handed-over one");
        assertTrue(perRecipient.values().stream().anyMatch(n -> n == 2), "the in-doubt batch really was sent again");
        assertEquals(
                3_000,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE campaign_id = ? AND status = 'SENT'", campaign));
        assertEquals(
                3_000,
                TestDatabase.count(
                        "SELECT count(*) FROM feed_event WHERE type = 'delivery.sent' AND data ->> 'campaignId' = ?",
                        campaign.toString()),
                "delivery.sent exactly once each");
    }

    @Test
    void passingProviderFailuresAreRetriedWithBackoffAndRefusalsFail() throws Throwable {
        UUID segment = Ids.newId();
        seedAudience(segment, 3);
        UUID campaign = smsCampaign(segment, "SERVICE");
        Campaigns.schedule(campaign);
        plan();
        Stubs.providers()
                .stubFor(post(urlPathEqualTo("/sms/v1/messages:batch"))
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(503)));
        Campaigns.send("sender");
        assertEquals(
                3,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE campaign_id = ? AND status = 'PENDING' AND attempts = 1"
                                + " AND next_attempt_at > now() + interval '20 seconds'",
                        campaign),
                "waiting about 30 s for the next attempt");
        Stubs.resetProviders();
        TestDatabase.execute("UPDATE delivery SET next_attempt_at = now() WHERE campaign_id = ?", campaign);
        Campaigns.send("sender");
        assertEquals(
                3,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE campaign_id = ? AND status = 'SENT' AND attempts = 2",
                        campaign));

        UUID refused = Ids.newId();
        seedAudience(refused, 2);
        UUID second = smsCampaign(refused, "SERVICE");
        Campaigns.schedule(second);
        plan();
        Stubs.providers()
                .stubFor(post(urlPathEqualTo("/sms/v1/messages:batch"))
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(400)));
        Campaigns.send("sender");
        assertEquals(
                2,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE campaign_id = ? AND status = 'FAILED'", second));
    }

    @Test
    void providerCallbacksReportDeliveryWithTheirToken() throws Throwable {
        UUID segment = Ids.newId();
        seedAudience(segment, 2);
        UUID campaign = smsCampaign(segment, "SERVICE");
        Campaigns.schedule(campaign);
        plan();
        Campaigns.send("sender");
        List<String> ids = new java.util.ArrayList<>();
        try (Connection c = TestDatabase.connect();
                PreparedStatement p = c.prepareStatement(
                        "SELECT id, provider_message_id FROM delivery WHERE campaign_id = ? ORDER BY id")) {
            p.setObject(1, campaign);
            var rs = p.executeQuery();
            while (rs.next()) {
                ids.add(rs.getString(1));
                ids.add(rs.getString(2));
            }
        }
        String report =
                """
                {"events":[{"id":"%s","status":"DELIVERED"},{"providerMessageId":"%s","status":"FAILED","error":"handset off"}]}"""
                        .formatted(ids.get(0), ids.get(3));
        given().contentType(ContentType.JSON)
                .body(report)
                .post("/api/v1/delivery-callbacks/sms")
                .then()
                .statusCode(401);
        given().header("X-Callback-Token", "guess")
                .contentType(ContentType.JSON)
                .body(report)
                .post("/api/v1/delivery-callbacks/sms")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().header("X-Callback-Token", Stubs.SMS_CALLBACK_TOKEN)
                .contentType(ContentType.JSON)
                .body(report)
                .post("/api/v1/delivery-callbacks/sms")
                .then()
                .statusCode(200)
                .body("recorded", equalTo(2));
        given().header("X-Callback-Token", Stubs.SMS_CALLBACK_TOKEN)
                .contentType(ContentType.JSON)
                .body(report)
                .post("/api/v1/delivery-callbacks/sms")
                .then()
                .statusCode(200)
                .body("recorded", equalTo(0));
        given().header("Authorization", Campaigns.MARKETER)
                .get("/api/v1/campaigns/" + campaign + "/results")
                .then()
                .body("total.delivered", equalTo(1))
                .body("total.failed", equalTo(1));
        given().header("Authorization", Campaigns.MARKETER)
                .get("/api/v1/campaigns/" + campaign + "/deliveries?status=FAILED")
                .then()
                .statusCode(200)
                .body("items[0].reason", equalTo("handset off"));
    }

    @Test
    void expiredClaimsComeBackUnlessAnEmailMayAlreadyHaveGone() throws Throwable {
        UUID campaign = smsCampaign(Ids.newId(), "SERVICE");
        UUID smsHanded = Ids.newId();
        UUID emailHanded = Ids.newId();
        UUID emailNotHanded = Ids.newId();
        String insert = "INSERT INTO delivery (id, campaign_id, occurrence, customer_id, channel, variant, status,"
                + " next_attempt_at, planned_at, claimed_by, lease_until, handed_at)"
                + " VALUES (?, ?, 'run:x', ?, ?, 'A', 'SENDING', now(), now(), 'dead', now() - interval '1 minute', ?)";
        java.sql.Timestamp handed = new java.sql.Timestamp(System.currentTimeMillis());
        TestDatabase.execute(insert, smsHanded, campaign, Ids.newId(), "SMS", handed);
        TestDatabase.execute(insert, emailHanded, campaign, Ids.newId(), "EMAIL", handed);
        TestDatabase.execute(insert, emailNotHanded, campaign, Ids.newId(), "EMAIL", null);
        DeliveryProcessor processor =
                Arc.container().instance(DeliveryProcessor.class).get();
        assertEquals(3, VertxContextSupport.<Integer>subscribeAndAwait(processor::recoverExpired));
        assertEquals(
                1,
                TestDatabase.count("SELECT count(*) FROM delivery WHERE id = ? AND status = 'PENDING'", smsHanded),
                "the SMS provider drops a repeated id: send again");
        assertEquals(
                1,
                TestDatabase.count("SELECT count(*) FROM delivery WHERE id = ? AND status = 'IN_DOUBT'", emailHanded),
                "SMTP cannot: never risk a second email");
        assertEquals(
                1,
                TestDatabase.count("SELECT count(*) FROM delivery WHERE id = ? AND status = 'PENDING'", emailNotHanded),
                "never handed over: simply due again");
    }

    /** Members of a segment with SMS consent for both purposes, written in bulk. */
    static List<UUID> seedAudience(UUID segment, int size) throws Throwable {
        List<UUID> members = new java.util.ArrayList<>();
        try (Connection c = TestDatabase.connect();
                PreparedStatement member = c.prepareStatement(
                        "INSERT INTO audience_member (segment_id, customer_id, entered_at) VALUES (?, ?, now())");
                PreparedStatement consent = c.prepareStatement(
                        "INSERT INTO customer_consent (customer_id, channel, purpose, granted, changed_at)"
                                + " VALUES (?, 'SMS', 'SERVICE', true, now())")) {
            for (int i = 0; i < size; i++) {
                UUID customer = Ids.newId();
                members.add(customer);
                member.setObject(1, segment);
                member.setObject(2, customer);
                member.addBatch();
                consent.setObject(1, customer);
                consent.addBatch();
            }
            member.executeBatch();
            consent.executeBatch();
        }
        return members;
    }

    static UUID smsCampaign(UUID segment, String purpose) {
        return Campaigns.create(
                """
                {"name":"Order ready","channel":"SMS","purpose":"%s","audience":{"segments":["%s"]},
                 "schedule":{"kind":"ONCE"},
                 "variants":[{"name":"A","weight":1,"templates":{"zh-CN":{"body":"{customer.name}，您的订单已备好"}}}]}"""
                        .formatted(purpose, segment));
    }

    static void plan() throws Throwable {
        CampaignScheduler scheduler =
                Arc.container().instance(CampaignScheduler.class).get();
        VertxContextSupport.subscribeAndAwait(() -> scheduler.planDue(io.fenqun.kit.time.Utc.now()));
    }

    /** Messages the SMS provider was handed, per recipient (by the id our customer has). */
    static Map<String, Integer> messagesPerRecipient() throws Throwable {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode m : handed()) {
            counts.merge(m.path("customer").asText(), 1, Integer::sum);
        }
        return counts;
    }

    static Map<String, Integer> distinctIdsPerRecipient() throws Throwable {
        Map<String, java.util.Set<String>> ids = new HashMap<>();
        for (JsonNode m : handed()) {
            ids.computeIfAbsent(m.path("customer").asText(), k -> new java.util.HashSet<>())
                    .add(m.path("id").asText());
        }
        Map<String, Integer> counts = new HashMap<>();
        ids.forEach((k, v) -> counts.put(k, v.size()));
        return counts;
    }

    /** Every message in every call to the SMS provider, with the customer its delivery is for. */
    static List<JsonNode> handed() throws Throwable {
        Map<String, String> customerOf = new HashMap<>();
        try (Connection c = TestDatabase.connect();
                PreparedStatement p =
                        c.prepareStatement("SELECT id, customer_id FROM delivery WHERE channel = 'SMS'")) {
            var rs = p.executeQuery();
            while (rs.next()) {
                customerOf.put(rs.getString(1), rs.getString(2));
            }
        }
        List<JsonNode> messages = new java.util.ArrayList<>();
        for (LoggedRequest request :
                Stubs.providers().findAll(postRequestedFor(urlPathEqualTo("/sms/v1/messages:batch")))) {
            for (JsonNode m : JSON.readTree(request.getBodyAsString()).path("messages")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) m)
                        .put("customer", customerOf.get(m.path("id").asText()));
                messages.add(m);
            }
        }
        return messages;
    }

    static void awaitCount(String sql, long expected) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (TestDatabase.count(sql) >= expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never reached " + expected + ": " + sql);
    }

    static void awaitProviderCalls(int calls) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (Stubs.providers()
                            .findAll(postRequestedFor(urlPathEqualTo("/sms/v1/messages:batch")))
                            .size()
                    >= calls) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the provider was never called");
    }
}
