package io.fenqun.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two campaign-service processes, as built, on one database: a 20,000-recipient SMS campaign
 * reaches every recipient exactly once with both sending; a process killed with SIGKILL in the
 * middle of a campaign and started again loses no message and sends none to a person twice (its
 * messages already in the provider's hands go again under the same id, which the provider drops).
 */
class CampaignReplicasTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    // Below Linux's range for outgoing connections' local ports (32768 up), apart from the
    // end-to-end test's ports.
    static final int PORT_OFFSET = 11_000;
    static final int RECIPIENTS = 20_000;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;

    static Suite suite;
    static SuiteSettings settings;
    static HttpServer providers;
    static String token;
    /** How often the SMS provider was handed each delivery id. */
    static final Map<String, AtomicInteger> handed = new ConcurrentHashMap<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        providers = HttpServer.create(new InetSocketAddress("localhost", 0), 64);
        providers.setExecutor(Executors.newFixedThreadPool(4));
        providers.createContext("/api/v1/customers/contacts", CampaignReplicasTest::contacts);
        providers.createContext("/sms/v1/messages:batch", CampaignReplicasTest::sms);
        providers.start();
        String stub = "http://localhost:" + providers.getAddress().getPort();
        SuiteSettings.Service campaign = SuiteSettings.SERVICES.stream()
                .filter(s -> s.name().equals("campaign-service"))
                .findFirst()
                .orElseThrow();
        settings = new SuiteSettings(
                        SuiteSettings.DEFAULT_POSTGRES_PORT,
                        List.of(
                                new SuiteSettings.Service("campaign-a", campaign.module(), 8083, "campaign"),
                                new SuiteSettings.Service("campaign-b", campaign.module(), 8084, "campaign")))
                .onPortsShiftedBy(PORT_OFFSET);
        suite = new Suite(
                REPO,
                work,
                settings,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Map.of(
                        "PROFILE_URL", stub,
                        "SMS_PROVIDER_URL", stub + "/sms",
                        "FENQUN_PLANNER_EVERY", "1s",
                        "FENQUN_DELIVERY_BATCH_SIZE", "500",
                        "FENQUN_DELIVERY_IDLE_PAUSE", "200ms",
                        "FENQUN_DELIVERY_LEASE", "5s",
                        "FENQUN_DELIVERY_RECOVER_EVERY", "1s"));
        suite.start();
        token = DevTokens.fromArgs(List.of("admin"), REPO);
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.stop();
        }
        if (providers != null) {
            providers.stop(0);
        }
    }

    @Test
    void twoInstancesSendEveryRecipientExactlyOneMessage() throws Exception {
        UUID segment = seedAudience();
        String campaign = startCampaign(segment);
        Set<String> senders = new HashSet<>();
        await(Duration.ofMinutes(3), () -> {
            senders.addAll(activeInstances(campaign));
            return count("SELECT count(*) FROM delivery WHERE campaign_id = '" + campaign + "' AND status = 'SENT'")
                    == RECIPIENTS;
        });

        assertEquals(2, senders.size(), "both instances sent part of the campaign: " + senders);
        assertEquals(RECIPIENTS, deliveredTo(campaign), "every recipient has one delivery");
        assertEquals(RECIPIENTS, handedIds(campaign).size(), "the provider got every message");
        assertTrue(handedIds(campaign).stream().allMatch(id -> handed.get(id).get() == 1), "and each exactly once");
    }

    @Test
    void anInstanceKilledMidCampaignAndStartedAgainNeitherLosesNorRepeatsAMessage() throws Exception {
        UUID segment = seedAudience();
        suite.kill("campaign-b"); // one sender, so that the kill certainly interrupts it
        try {
            String campaign = startCampaign(segment);
            await(Duration.ofMinutes(2), () -> handedIds(campaign).size() >= RECIPIENTS / 4);
            suite.kill("campaign-a");
            int sentBeforeTheKill = (int)
                    count("SELECT count(*) FROM delivery WHERE campaign_id = '" + campaign + "' AND status = 'SENT'");
            assertTrue(sentBeforeTheKill < RECIPIENTS, "killed mid-campaign");

            suite.restart("campaign-a");
            await(
                    Duration.ofMinutes(3),
                    () -> count("SELECT count(*) FROM delivery WHERE campaign_id = '" + campaign
                                    + "' AND status = 'SENT'")
                            == RECIPIENTS);

            assertEquals(RECIPIENTS, deliveredTo(campaign), "nobody lost, nobody planned twice");
            Set<String> ids = handedIds(campaign);
            assertEquals(RECIPIENTS, ids.size(), "the provider got every message");
            long repeated = ids.stream().filter(id -> handed.get(id).get() > 1).count();
            // Only messages in the provider's hands when the process died go again, under the same
            // id, which the provider takes as a repeat: the person gets one message.
            assertTrue(repeated <= 4 * 500, "repeats are at most what the senders held: " + repeated);
        } finally {
            suite.restart("campaign-b");
        }
    }

    /** A fresh segment of 20,000 members in the campaign read model, as segment-service would fill it. */
    private static UUID seedAudience() throws SQLException {
        UUID segment = UUID.randomUUID();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO audience_member (segment_id, customer_id, entered_at) SELECT '" + segment
                    + "', gen_random_uuid(), now() FROM generate_series(1, " + RECIPIENTS + ")");
        }
        return segment;
    }

    private static String startCampaign(UUID segment) throws Exception {
        JsonObject created = call(
                "POST",
                "/api/v1/campaigns",
                """
                {"name":"replicas","channel":"SMS","purpose":"SERVICE","audience":{"segments":["%s"]},
                 "schedule":{"kind":"ONCE"},
                 "variants":[{"name":"A","weight":1,"templates":{"zh-CN":{"body":"您的订单已发货"}}}]}"""
                        .formatted(segment));
        String id = created.getString("id");
        call("POST", "/api/v1/campaigns/" + id + "/schedule", "");
        return id;
    }

    private static JsonObject call(String method, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + settings.services().get(0).port() + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, path + " answered " + response.statusCode() + response.body());
        return Json.createReader(new java.io.StringReader(response.body())).readObject();
    }

    private static Set<String> activeInstances(String campaign) throws SQLException {
        Set<String> instances = new HashSet<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT DISTINCT split_part(claimed_by, '#', 1) FROM delivery"
                        + " WHERE campaign_id = '" + campaign + "' AND status = 'SENDING'")) {
            while (r.next()) {
                instances.add(r.getString(1));
            }
        }
        return instances;
    }

    private static long deliveredTo(String campaign) throws SQLException {
        return count("SELECT count(DISTINCT customer_id) FROM delivery WHERE campaign_id = '" + campaign
                + "' AND status = 'SENT'");
    }

    private static Set<String> handedIds(String campaign) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id FROM delivery WHERE campaign_id = '" + campaign + "'")) {
            while (r.next()) {
                if (handed.containsKey(r.getString(1))) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + settings.postgresPort() + "/campaign", "campaign", "campaign");
    }

    private static void await(Duration limit, CheckedCondition condition) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.holds()) {
            assertTrue(Instant.now().isBefore(deadline), "not within " + limit);
            Thread.sleep(200);
        }
    }

    interface CheckedCondition {
        boolean holds() throws Exception;
    }

    /** The profile service's contact lookup: every customer has a mobile number. */
    private static void contacts(HttpExchange exchange) throws IOException {
        JsonArray ids =
                Json.createReader(exchange.getRequestBody()).readObject().getJsonArray("ids");
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (JsonValue id : ids) {
            list.add(Json.createObjectBuilder()
                    .add("id", ((jakarta.json.JsonString) id).getString())
                    .add("kind", "PERSON")
                    .add("name", "顾客")
                    .add("phone", "+8613800000000"));
        }
        answer(exchange, Json.createObjectBuilder().add("contacts", list).build());
    }

    /** An SMS provider that remembers every delivery id it was handed and takes each batch. */
    private static void sms(HttpExchange exchange) throws IOException {
        JsonArray messages =
                Json.createReader(exchange.getRequestBody()).readObject().getJsonArray("messages");
        JsonArrayBuilder results = Json.createArrayBuilder();
        for (JsonValue message : messages) {
            String id = message.asJsonObject().getString("id");
            handed.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            results.add(Json.createObjectBuilder().add("id", id).add("status", "ACCEPTED"));
        }
        answer(exchange, Json.createObjectBuilder().add("results", results).build());
    }

    private static void answer(HttpExchange exchange, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
