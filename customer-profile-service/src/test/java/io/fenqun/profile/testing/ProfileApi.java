package io.fenqun.profile.testing;

import static io.restassured.RestAssured.given;

import io.fenqun.kit.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Shortcuts the feature tests share: a customer to work on and the events on the feed. */
public final class ProfileApi {

    private static final AtomicLong PHONES = new AtomicLong(13_600_000_000L + System.nanoTime() % 1_000_000);

    private ProfileApi() {}

    /** Creates an active customer owned by {@code owner} (null: nobody) and returns its id. */
    public static String customer(String name, String owner) {
        String ownerJson = owner == null ? "" : ",\"ownerId\":\"" + owner + "\"";
        return given().header("Authorization", TestTokens.bearer("admin"))
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"PERSON\",\"name\":\"%s\",\"phone\":\"%d\"%s}"
                        .formatted(name, PHONES.incrementAndGet(), ownerJson))
                .post("/api/v1/customers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Every event on the feed of one type about one subject, oldest first. */
    public static List<Map<String, Object>> events(String type, String subject) {
        List<Map<String, Object>> found = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonPath page = given().header("Authorization", TestTokens.bearer("service"))
                    .queryParam("after", after)
                    .queryParam("limit", 500)
                    .get("/api/v1/feed")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> events = page.getList("events");
            for (Map<String, Object> e : events) {
                if (type.equals(e.get("type")) && subject.equals(e.get("subject"))) {
                    found.add(e);
                }
            }
            long next = page.getLong("next");
            if (events.isEmpty() || next == after) {
                return found;
            }
            after = next;
        }
    }
}
