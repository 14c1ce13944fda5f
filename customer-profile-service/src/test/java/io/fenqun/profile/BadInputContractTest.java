package io.fenqun.profile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md section 2 on every operation of this service, read from its own OpenAPI document so
 * a new endpoint is covered without editing this test: malformed or mistyped bodies, oversize
 * bodies, unknown ids and limits above the maximum get a 4xx problem response, never a 500.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class BadInputContractTest {

    static final String ADMIN = TestTokens.bearer("admin");
    static final String UNKNOWN_ID = "01a205ac-8c77-76bc-a6d8-e43ab04112bc";

    @TestHTTPResource
    URL base;

    record Operation(String method, String path, boolean jsonBody, boolean hasLimit) {}

    @Test
    void everyOperationAnswersBadInputWithAProblem() {
        List<Operation> operations = operations();
        assertTrue(operations.size() > 3, "the OpenAPI document lists this service's operations");
        List<String> failures = new ArrayList<>();
        for (Operation op : operations) {
            String path = concrete(op.path());
            if (op.jsonBody()) {
                expectProblem(failures, op, "malformed JSON", send(op.method(), path, "{\"a\":"), 400, 499);
                expectProblem(failures, op, "wrong shape", send(op.method(), path, "[1,2,3]"), 400, 499);
                expectProblem(
                        failures, op, "wrong types", send(op.method(), path, "{\"kind\":42,\"name\":[]}"), 400, 499);
            }
            if (op.hasLimit()) {
                Response r = given().header("Authorization", ADMIN)
                        .queryParam("limit", 100_000)
                        .request(op.method(), path);
                expectProblem(failures, op, "limit above maximum", r, 400, 499);
                Response word = given().header("Authorization", ADMIN)
                        .queryParam("limit", "ten")
                        .request(op.method(), path);
                expectProblem(failures, op, "limit not a number", word, 400, 400);
            }
            if (op.path().contains("{")) {
                Response r = given().header("Authorization", ADMIN)
                        .contentType("application/json")
                        .body("{}")
                        .request(op.method(), path);
                if (r.statusCode() >= 500) {
                    failures.add(op + " unknown id: " + r.statusCode() + " " + r.asString());
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void oversizeBodiesAreRefusedBeforeTheyAreRead() throws Exception {
        for (Operation op : operations()) {
            if (op.method().equals("GET") || op.method().equals("DELETE")) {
                continue;
            }
            String status = rawRequestWithLength(op.method(), concrete(op.path()), 1L << 40);
            assertTrue(status.contains(" 413 "), op + " answered " + status);
        }
    }

    private static Response send(String method, String path, String body) {
        return given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(body)
                .request(method, path);
    }

    private static void expectProblem(List<String> failures, Operation op, String what, Response r, int min, int max) {
        int status = r.statusCode();
        String type = r.contentType();
        if (status < min || status > max || type == null || !type.startsWith("application/problem+json")) {
            failures.add(op + " " + what + ": " + status + " " + type + " " + r.asString());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations() {
        Map<String, Map<String, Map<String, Object>>> paths = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .path("paths");
        List<Operation> result = new ArrayList<>();
        paths.forEach((path, methods) -> methods.forEach((method, spec) -> {
            if (!List.of("get", "post", "put", "patch", "delete").contains(method)) {
                return;
            }
            Map<String, Object> body = (Map<String, Object>) spec.get("requestBody");
            boolean json = body != null && ((Map<String, Object>) body.get("content")).containsKey("application/json");
            List<Map<String, Object>> params = (List<Map<String, Object>>) spec.getOrDefault("parameters", List.of());
            boolean limit = params.stream().anyMatch(p -> "limit".equals(p.get("name")));
            result.add(new Operation(method.toUpperCase(), path, json, limit));
        }));
        return result;
    }

    private static String concrete(String template) {
        return template.replaceAll("\\{[^}]*}", UNKNOWN_ID);
    }

    /** Announces a huge body without sending it: the service must refuse from the headers alone. */
    private String rawRequestWithLength(String method, String path, long length) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + ADMIN
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
