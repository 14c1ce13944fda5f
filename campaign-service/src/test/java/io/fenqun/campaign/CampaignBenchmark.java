package io.fenqun.campaign;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fenqun.campaign.delivery.DeliverySenders;
import io.fenqun.campaign.planning.CampaignScheduler;
import io.fenqun.campaign.testing.Campaigns;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestDatabase;
import io.fenqun.kit.time.Utc;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-campaign}: fans a campaign out to a 1,000,000-member segment, with the consent,
 * do-not-contact and frequency-cap checks of every message, contact details fetched in batches and
 * each message rendered and handed to an SMS provider stub on this machine; prints messages/s next
 * to a baseline of plain inserts of the same delivery rows. Not a test: it prints numbers. Size
 * with {@code -Dbench.members=}.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
// Restricted: otherwise Quarkus applies a test resource to every test of the module.
@QuarkusTestResource(value = CampaignBenchmark.LocalProviders.class, restrictToAnnotatedClass = true)
class CampaignBenchmark {

    static final int MEMBERS = Integer.getInteger("bench.members", 1_000_000);
    static final int SENDERS = Integer.getInteger("bench.senders", 4);

    @Test
    void fanOutAgainstPlainInserts() throws Throwable {
        UUID segment = Ids.newId();
        seed(segment);
        Campaigns.setPolicy("""
                {"caps":{"SMS":{"perDay":3,"perWeek":5,"perMonth":10}}}""");
        UUID campaign = Campaigns.create(
                """
                {"name":"bench","channel":"SMS","purpose":"MARKETING","audience":{"segments":["%s"]},
                 "schedule":{"kind":"ONCE"},
                 "variants":[{"name":"A","weight":1,"templates":{"zh-CN":{"body":"{customer.name}，会员日全场八折"}}}]}"""
                        .formatted(segment));
        Campaigns.schedule(campaign);

        long started = System.nanoTime();
        CampaignScheduler scheduler =
                Arc.container().instance(CampaignScheduler.class).get();
        VertxContextSupport.subscribeAndAwait(() -> scheduler.planDue(Utc.now()));
        long planned = System.nanoTime();
        var pool = Executors.newFixedThreadPool(SENDERS);
        List<Future<Integer>> senders = new ArrayList<>();
        DeliverySenders drain = Arc.container().instance(DeliverySenders.class).get();
        for (int i = 0; i < SENDERS; i++) {
            String name = "bench-" + i;
            senders.add(pool.submit(() -> drain.drain(name)));
        }
        for (Future<Integer> sender : senders) {
            sender.get();
        }
        pool.shutdown();
        long finished = System.nanoTime();

        long sent =
                TestDatabase.count("SELECT count(*) FROM delivery WHERE campaign_id = ? AND status = 'SENT'", campaign);
        long excluded = TestDatabase.count(
                "SELECT count(*) FROM delivery WHERE campaign_id = ? AND status = 'EXCLUDED'", campaign);
        double seconds = (finished - started) / 1e9;
        double messagesPerSecond = sent / seconds;
        double baselinePerSecond = plainInserts(segment);

        System.out.printf(
                """

                campaign fan-out, %,d members (%d senders, consent, do-not-contact and cap checks per message):
                  planned in %,.1f s, sent in %,.1f s: %,d handed to the SMS provider stub (%,d the provider took), %,d excluded
                  fan-out:                   %,10.0f messages/s (target >= 10,000)
                  plain inserts of the rows: %,10.0f rows/s
                  ratio: %.2fx of plain inserts
                """,
                MEMBERS,
                SENDERS,
                (planned - started) / 1e9,
                (finished - planned) / 1e9,
                sent,
                LocalProviders.messages.get(),
                excluded,
                messagesPerSecond,
                baselinePerSecond,
                messagesPerSecond / baselinePerSecond);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /**
     * The segment's members with SMS consent for marketing, except 2% who never gave it, 1% on the
     * do-not-contact list and 1% already at their daily cap.
     */
    private static void seed(UUID segment) throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO audience_member (segment_id, customer_id, entered_at)" + " SELECT '" + segment
                    + "', uuid_v7(), now() FROM generate_series(1, " + MEMBERS + ")");
            s.execute("INSERT INTO customer_consent (customer_id, channel, purpose, granted, changed_at)"
                    + " SELECT customer_id, 'SMS', 'MARKETING', true, now() FROM audience_member"
                    + " WHERE segment_id = '" + segment + "' AND abs(hashtext(customer_id::text)) % 100 >= 2");
            s.execute("INSERT INTO do_not_contact (customer_id, reason, added_by, added_at)"
                    + " SELECT customer_id, 'bench', 'bench', now() FROM audience_member"
                    + " WHERE segment_id = '" + segment + "' AND abs(hashtext(customer_id::text)) % 100 = 2");
            s.execute("INSERT INTO contact_count (customer_id, channel, day, sent)"
                    + " SELECT customer_id, 'SMS', CAST(now() AT TIME ZONE 'Asia/Shanghai' AS date), 3 FROM audience_member"
                    + " WHERE segment_id = '" + segment + "' AND abs(hashtext(customer_id::text)) % 100 = 3");
            s.execute("VACUUM ANALYZE");
        }
    }

    /** The same delivery rows written by one INSERT ... SELECT into a bare copy of the table. */
    private static double plainInserts(UUID segment) throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE delivery_baseline (LIKE delivery INCLUDING DEFAULTS)");
            long started = System.nanoTime();
            s.execute("INSERT INTO delivery_baseline (id, campaign_id, occurrence, customer_id, segment_id, channel,"
                    + " variant, status, next_attempt_at, planned_at, sent_at)"
                    + " SELECT uuid_v7(), campaign_id, occurrence, customer_id, segment_id, channel, variant, 'SENT',"
                    + " now(), now(), now() FROM delivery");
            return MEMBERS / ((System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * The profile service's contact lookup and an SMS provider, as one small HTTP server on this
     * machine, so the benchmark measures the service and not a mock framework.
     */
    public static class LocalProviders implements QuarkusTestResourceLifecycleManager {

        static final JsonFactory JSON = new JsonFactory();
        static final AtomicLong messages = new AtomicLong();
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("localhost", 0), 128);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/api/v1/customers/contacts", exchange -> answer(exchange, contacts(exchange)));
            server.createContext("/sms/v1/messages:batch", exchange -> answer(exchange, accepted(exchange)));
            server.start();
            String base = "http://localhost:" + server.getAddress().getPort();
            return Map.of(
                    "quarkus.rest-client.profile.url",
                    base,
                    "fenqun.providers.sms.url",
                    base + "/sms",
                    "fenqun.delivery.batch-size",
                    System.getProperty("bench.batch", "2000"),
                    "quarkus.log.category.\"io.fenqun.campaign.planning\".level",
                    "WARN");
        }

        private static byte[] contacts(HttpExchange exchange) throws IOException {
            return respond(exchange, "contacts", (out, id) -> {
                out.writeStringField("id", id);
                out.writeStringField("kind", "PERSON");
                out.writeStringField("name", "顾客");
                out.writeStringField("phone", "+8613800000000");
            });
        }

        private static byte[] accepted(HttpExchange exchange) throws IOException {
            return respond(exchange, "results", (out, id) -> {
                out.writeStringField("id", id);
                out.writeStringField("status", "ACCEPTED");
                messages.incrementAndGet();
            });
        }

        /**
         * Answers one object per id in the request ({@code ids} or {@code messages[].id}), read and
         * written with Jackson's streaming API: the stubs stand in for other machines, so they
         * should take as little of this one as they can.
         */
        private static byte[] respond(HttpExchange exchange, String listName, Entry entry) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
            try (JsonParser in = JSON.createParser(exchange.getRequestBody());
                    JsonGenerator out = JSON.createGenerator(body)) {
                out.writeStartObject();
                out.writeArrayFieldStart(listName);
                boolean inMessage = false;
                for (JsonToken token = in.nextToken(); token != null; token = in.nextToken()) {
                    if (token == JsonToken.START_OBJECT
                            && in.getParsingContext().getParent().inArray()) {
                        inMessage = true;
                    } else if (token == JsonToken.VALUE_STRING
                            && (in.getParsingContext().inArray() || inMessage && "id".equals(in.currentName()))) {
                        out.writeStartObject();
                        entry.write(out, in.getText());
                        out.writeEndObject();
                    }
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            return body.toByteArray();
        }

        interface Entry {
            void write(JsonGenerator out, String id) throws IOException;
        }

        private static void answer(HttpExchange exchange, byte[] body) throws IOException {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void stop() {
            server.stop(0);
        }
    }
}
