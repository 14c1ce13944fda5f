package io.fenqun.gateway.openapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenqun.gateway.GatewayConfig;
import io.fenqun.gateway.partner.PartnerRoutes;
import io.fenqun.gateway.routing.RouteTable;
import io.fenqun.gateway.testing.GatewayTest;
import io.fenqun.gateway.testing.ServiceStubs;
import io.fenqun.gateway.testing.StreamSink;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The merged document lists exactly the routes the suite serves: every route of every reachable
 * service's own document and of the gateway, each owned by the service the route table sends it
 * to, every configured prefix backed by a documented route, every partner route documented. The
 * profile, segment and campaign documents are snapshots of the real services' /q/openapi, taken from make run
 * (refresh them when their routes change).
 */
@GatewayTest
class OpenApiCompletenessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RouteTable routes;

    @Inject
    PartnerRoutes partnerRoutes;

    @Inject
    GatewayConfig config;

    @BeforeAll
    static void serveDocuments() throws IOException {
        ServiceStubs.profile()
                .stubFor(get(urlPathEqualTo("/q/openapi"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody(resource("profile.json"))));
        ServiceStubs.segment()
                .stubFor(get(urlPathEqualTo("/q/openapi"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody(resource("segment.json"))));
        ServiceStubs.campaign()
                .stubFor(get(urlPathEqualTo("/q/openapi"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody(resource("campaign.json"))));
    }

    @Test
    void mergedDocumentListsExactlyTheRoutesTheSuiteServes() throws IOException {
        JsonNode merged = JSON.readTree(given().get("/api/v1/openapi.json")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        Map<String, String> expected = new TreeMap<>();
        expected.putAll(operations(JSON.readTree(resource("profile.json")), "profile"));
        expected.putAll(operations(JSON.readTree(resource("segment.json")), "segment"));
        expected.putAll(operations(JSON.readTree(resource("campaign.json")), "campaign"));
        expected.put("POST " + StreamSink.PREFIX + "/uploads", "sink");
        expected.put("POST " + StreamSink.PREFIX + "/json", "sink");
        expected.put("GET " + StreamSink.PREFIX + "/downloads", "sink");
        JsonNode own = JSON.readTree(given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        expected.putAll(operations(own, RouteTable.GATEWAY));

        Map<String, String> listed = new TreeMap<>();
        merged.path("paths").fields().forEachRemaining(path -> path.getValue()
                .fields()
                .forEachRemaining(op -> listed.put(
                        op.getKey().toUpperCase() + " " + path.getKey(),
                        op.getValue().path(OpenApiMerger.OWNER).asText())));
        assertEquals(expected, listed, "merged document vs the services' own documents");

        for (Map.Entry<String, String> operation : listed.entrySet()) {
            String path = operation.getKey().substring(operation.getKey().indexOf(' ') + 1);
            assertEquals(
                    operation.getValue(),
                    routes.ownerOf(path).orElse("nobody"),
                    operation.getKey() + " is documented but routed elsewhere");
        }
        assertEquals(List.of("survey"), JSON.convertValue(merged.path(OpenApiMerger.UNAVAILABLE), List.class));
    }

    @Test
    void everyConfiguredPrefixServesADocumentedRoute() throws IOException {
        JsonNode merged = JSON.readTree(given().get("/api/v1/openapi.json").asByteArray());
        Set<String> paths = new HashSet<>();
        merged.path("paths").fieldNames().forEachRemaining(paths::add);
        List<String> empty = new ArrayList<>();
        for (String service : config.services().keySet()) {
            if (service.equals("survey")) {
                continue; // the service that is down in tests has no document to check against
            }
            for (String prefix : routes.prefixesOf(service)) {
                if (paths.stream().noneMatch(p -> p.equals(prefix) || p.startsWith(prefix + "/"))) {
                    empty.add(service + " " + prefix);
                }
            }
        }
        assertEquals(List.of(), empty, "prefixes routed to a service that documents nothing under them");
    }

    @Test
    void everyPartnerRouteIsDocumented() throws IOException {
        JsonNode merged = JSON.readTree(given().get("/api/v1/openapi.json").asByteArray());
        Set<String> documented = new HashSet<>();
        merged.path("paths").fields().forEachRemaining(path -> path.getValue()
                .fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + anyNames(path.getKey()))));
        Set<String> missing = new TreeSet<>();
        for (PartnerRoutes.Route route : partnerRoutes.routes()) {
            String operation = route.method() + " " + anyNames(route.path().template());
            if (!documented.contains(operation)) {
                missing.add(operation);
            }
        }
        assertEquals(Set.of(), missing);
    }

    @Test
    void securitySchemesAndReferencesResolve() throws IOException {
        JsonNode merged = JSON.readTree(given().get("/api/v1/openapi.json").asByteArray());
        JsonNode schemes = merged.path("components").path("securitySchemes");
        assertEquals(
                "X-Api-Key", schemes.path(OpenApiMerger.API_KEY).path("name").asText());
        assertEquals("bearer", schemes.path(OpenApiMerger.BEARER).path("scheme").asText());
        List<String> dangling = new ArrayList<>();
        collectRefs(merged, merged, dangling);
        assertEquals(List.of(), dangling);
        // segment-service's Kind and Status enums differ from the profile's: both kept, renamed
        assertTrue(merged.path("components").path("schemas").has("segment_Kind"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    /** Path variables compared by position, not by name ({id} and {customerId} are the same route). */
    private static String anyNames(String template) {
        return template.replaceAll("\\{[^}]+}", "{}");
    }

    private static void collectRefs(JsonNode root, JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    String ref = field.getValue().asText();
                    if (root.at(ref.substring(1)).isMissingNode()) {
                        dangling.add(ref);
                    }
                } else {
                    collectRefs(root, field.getValue(), dangling);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(root, element, dangling));
        }
    }

    private static Map<String, String> operations(JsonNode document, String owner) {
        Map<String, String> operations = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue()
                .fieldNames()
                .forEachRemaining(method -> operations.put(method.toUpperCase() + " " + path.getKey(), owner)));
        return operations;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OpenApiCompletenessTest.class.getResourceAsStream("/openapi/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
