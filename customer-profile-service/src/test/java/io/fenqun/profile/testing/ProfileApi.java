package io.fenqun.profile.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenqun.kit.testing.TestDatabase;
import io.fenqun.kit.testing.TestTokens;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Shortcuts the feature tests share: a customer to work on and the events on the feed. */
public final class ProfileApi {

    private static final AtomicLong PHONES = new AtomicLong(13_600_000_000L + System.nanoTime() % 1_000_000);

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * Every event of one type about one subject, oldest first, read from the outbox table: the test
     * database is shared by all test classes and the feed grows long, so scanning it over HTTP
     * would cost more than the tests it serves. The feed endpoint itself is tested in service-kit.
     */
    public static List<Map<String, Object>> events(String type, String subject) {
        List<Map<String, Object>> found = new ArrayList<>();
        try (Connection c = TestDatabase.connect();
                PreparedStatement p = c.prepareStatement("SELECT type, subject, data::text FROM feed_event"
                        + " WHERE type = ? AND subject = ? ORDER BY written")) {
            p.setString(1, type);
            p.setString(2, subject);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    found.add(Map.of(
                            "type", rs.getString(1),
                            "subject", rs.getString(2),
                            "data", JSON.readValue(rs.getString(3), new TypeReference<Map<String, Object>>() {})));
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** The types of every event about one subject, oldest first. */
    public static List<String> eventTypes(String subject) {
        List<String> types = new ArrayList<>();
        try (Connection c = TestDatabase.connect();
                PreparedStatement p =
                        c.prepareStatement("SELECT type FROM feed_event WHERE subject = ? ORDER BY written")) {
            p.setString(1, subject);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return types;
    }
}
