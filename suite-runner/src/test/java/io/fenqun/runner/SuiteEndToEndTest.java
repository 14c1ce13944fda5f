package io.fenqun.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
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
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built services as `make run` starts them (on shifted ports, with a fresh database): what is
 * written to the profile service reaches segment-service over the feed, classified, and an erasure
 * there removes the customer here.
 */
class SuiteEndToEndTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final int PORT_OFFSET = 20_000;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;

    static Suite suite;
    static String profile;
    static String segment;
    static String token;

    @BeforeAll
    static void startSuite() throws Exception {
        SuiteSettings settings = SuiteSettings.fromEnvironment(Map.of()).onPortsShiftedBy(PORT_OFFSET);
        suite = new Suite(
                REPO, work, settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        suite.start();
        profile = "http://localhost:" + port(settings, "customer-profile-service");
        segment = "http://localhost:" + port(settings, "segment-service");
        token = DevTokens.fromArgs(List.of("admin"), REPO);
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.stop();
        }
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
