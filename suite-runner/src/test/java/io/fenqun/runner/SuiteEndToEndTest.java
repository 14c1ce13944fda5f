package io.fenqun.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built services as `make run` starts them (on shifted ports, with a fresh database and a real
 * SMTP server): what is written to the profile service reaches segment-service over the feed,
 * classified, and an erasure there removes the customer here; a customer entering a segment gets
 * one win-back email from campaign-service whose coupon, redeemed in an order, is a conversion.
 */
class SuiteEndToEndTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    // Every port stays below 32768, where Linux hands out outgoing connections' local ports: a
    // port up there can be briefly taken by some client socket (a suite-runner run failed so).
    static final int PORT_OFFSET = 10_000;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;

    static Suite suite;
    static String profile;
    static String segment;
    static String campaign;
    static String token;
    static GreenMail smtp;

    @BeforeAll
    static void startSuite() throws Exception {
        SuiteSettings settings = SuiteSettings.fromEnvironment(Map.of()).onPortsShiftedBy(PORT_OFFSET);
        smtp = new GreenMail(new ServerSetup(0, null, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        suite = new Suite(
                REPO,
                work,
                settings,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Map.of(
                        "SMTP_MOCK",
                        "false",
                        "SMTP_HOST",
                        "localhost",
                        "SMTP_PORT",
                        Integer.toString(smtp.getSmtp().getPort()),
                        // Marketing email waits through quiet hours (21:00-08:00 business time): a
                        // business zone where it is midday now keeps the test independent of the hour.
                        "FENQUN_CAMPAIGNS_TIME_ZONE",
                        middayZoneNow()));
        suite.start();
        profile = "http://localhost:" + port(settings, "customer-profile-service");
        segment = "http://localhost:" + port(settings, "segment-service");
        campaign = "http://localhost:" + port(settings, "campaign-service");
        token = DevTokens.fromArgs(List.of("admin"), REPO);
    }

    private static String middayZoneNow() {
        int offset = 12 - ZonedDateTime.now(ZoneOffset.UTC).getHour();
        return ZoneOffset.ofHours(offset < -12 ? offset + 24 : offset).getId();
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void enteringASegmentSendsOneWinBackEmailWhoseCouponConverts() throws Exception {
        String returning = send(
                        "POST",
                        segment + "/api/v1/segments",
                        """
                        {"name":"回头客关怀","rule":{"field":"tags","op":"containsAny","value":["lapsed"]}}""",
                        201)
                .getString("id");
        String winBack = send(
                        "POST",
                        campaign + "/api/v1/campaigns",
                        """
                        {"name":"win-back","channel":"EMAIL","purpose":"MARKETING","audience":{"segments":["%s"]},
                         "schedule":{"kind":"TRIGGER","trigger":{"kind":"SEGMENT_ENTERED"}},
                         "variants":[{"name":"A","weight":1,"templates":{"zh-CN":{"subject":"{customer.name}，好久不见",
                           "body":"<p>券码 {coupon.code}</p><a href=\\"{links.unsubscribe}\\">退订</a>"}}}],
                         "coupon":{"prefix":"WB","validDays":14}}"""
                                .formatted(returning),
                        201)
                .getString("id");
        send("POST", campaign + "/api/v1/campaigns/" + winBack + "/schedule", null, 200);

        JsonObject customer = send(
                "POST",
                profile + "/api/v1/customers",
                """
                {"kind":"PERSON","name":"赵六","email":"zhaoliu@example.com"}""",
                201);
        String id = customer.getString("id");
        send(
                "POST",
                profile + "/api/v1/customers/" + id + "/consents",
                """
                {"changes":[{"channel":"EMAIL","purpose":"MARKETING","status":"GRANTED","source":"WEB_FORM"}]}""",
                200);
        long consentPosition = send("GET", profile + "/api/v1/feeds/profile?after=0&limit=1", null, 200)
                .getJsonNumber("head")
                .longValue();
        await(
                campaign + "/q/health/ready",
                ready -> ready.getJsonArray("checks").stream()
                        .map(check -> check.asJsonObject())
                        .filter(check -> check.getString("name").equals("database-and-feeds"))
                        .anyMatch(check -> check.getJsonObject("data")
                                        .getJsonNumber("feed.profile.position")
                                        .longValue()
                                >= consentPosition),
                "campaign-service has the consent");
        send(
                "PUT",
                profile + "/api/v1/customers/" + id,
                """
                {"kind":"PERSON","name":"赵六","email":"zhaoliu@example.com","tags":["lapsed"]}""",
                200);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (smtp.getReceivedMessages().length == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        Thread.sleep(2000); // time for a second email, if one were (wrongly) coming
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length, "exactly one win-back email");
        assertEquals("zhaoliu@example.com", received[0].getAllRecipients()[0].toString());
        Matcher code = Pattern.compile("券码 (WB-[0-9A-Z]{10})").matcher(String.valueOf(received[0].getContent()));
        assertTrue(code.find(), "the email carries a coupon");

        send(
                "POST",
                profile + "/api/v1/orders",
                """
                {"customerId":"%s","orderedAt":"%s","currency":"CNY","total":120,"couponCode":"%s",
                 "items":[{"sku":"T-1","name":"龙井","category":"茶叶","quantity":1,"unitPrice":120}]}"""
                        .formatted(id, Instant.now(), code.group(1)),
                201);
        JsonObject results = await(
                campaign + "/api/v1/campaigns/" + winBack + "/results",
                r -> r.getJsonObject("total").getInt("converted") == 1,
                "the redeemed coupon counts as a conversion");
        assertEquals(1, results.getInt("couponsRedeemed"));
        assertEquals(1, results.getJsonObject("total").getInt("sent"));
    }

    @Test
    void profileWritesAreClassifiedInSegmentServiceAndErasureRemovesThem() throws Exception {
        JsonObject customer = send(
                "POST",
                profile + "/api/v1/customers",
                """
                {"kind":"PERSON","name":"王五","phone":"137 0000 2222","address":{"province":"浙江省","city":"宁波市"}}""",
                201);
        String id = customer.getString("id");
        send(
                "POST",
                profile + "/api/v1/orders",
                """
                {"customerId":"%s","orderedAt":"%s","currency":"CNY","total":88.8,
                 "items":[{"sku":"F-1","name":"橙子","category":"水果","quantity":2,"unitPrice":44.4}]}"""
                        .formatted(id, Instant.now().minus(Duration.ofDays(1))),
                201);

        JsonObject classified = await(
                segment + "/api/v1/classifications/" + id,
                c -> c.getJsonObject("features").getInt("ordersTotal", 0) == 1,
                "the order reaches segment-service");
        assertEquals("new", classified.getJsonObject("dimensions").getString("lifecycle"));
        assertEquals("宁波市", classified.getJsonObject("features").getString("city"));
        assertEquals("水果", classified.getJsonObject("features").getString("topCategory"));
        assertTrue(classified.getJsonArray("segments").stream()
                .map(s -> s.asJsonObject().getString("name"))
                .anyMatch("Lifecycle: new"::equals));

        JsonObject feed = send("GET", segment + "/api/v1/feeds/segment?after=0&limit=1000", null, 200);
        assertTrue(
                feed.getJsonArray("events").stream()
                        .map(e -> e.asJsonObject())
                        .anyMatch(e -> e.getString("type").equals("segment.entered")
                                && e.getString("subject").equals(id)),
                "segment.entered is on the segment feed");

        send("DELETE", profile + "/api/v1/customers/" + id, null, 204);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status;
        do {
            Thread.sleep(200);
            status = request("GET", segment + "/api/v1/classifications/" + id, null)
                    .statusCode();
        } while (status == 200 && Instant.now().isBefore(deadline));
        assertEquals(404, status, "the erased customer is gone from segment-service");
    }

    private static JsonObject await(String url, Predicate<JsonObject> done, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = request("GET", url, null);
            if (response.statusCode() == 200) {
                JsonObject body =
                        Json.createReader(new StringReader(response.body())).readObject();
                if (done.test(body)) {
                    return body;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + " within 30 s: " + url);
    }

    private static JsonObject send(String method, String url, String body, int expected) throws Exception {
        HttpResponse<String> response = request(method, url, body);
        assertEquals(expected, response.statusCode(), method + " " + url + ": " + response.body());
        return response.body().isEmpty()
                ? Json.createObjectBuilder().build()
                : Json.createReader(new StringReader(response.body())).readObject();
    }

    private static HttpResponse<String> request(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static int port(SuiteSettings settings, String service) {
        return settings.services().stream()
                .filter(s -> s.name().equals(service))
                .findFirst()
                .orElseThrow()
                .port();
    }
}
