package io.fenqun.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the OpenAPI documents of the gateway and the services into one. Paths are unique by the
 * suite's conventions (each service owns its prefixes); components that share a name but differ
 * are renamed {@code <source>_<name>} with their references. Each operation names its owner in
 * {@value #OWNER}, and the suite's two ways in are the only security schemes.
 */
public final class OpenApiMerger {

    public static final String OWNER = "x-fenqun-service";
    public static final String UNAVAILABLE = "x-fenqun-unavailable-services";
    public static final String BEARER = "bearerJwt";
    public static final String API_KEY = "apiKey";

    private static final List<String> SECTIONS =
            List.of("schemas", "responses", "parameters", "examples", "requestBodies", "headers", "links");
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OpenApiMerger() {}

    /**
     * @param documents each source's document by name, the gateway's first
     * @param unavailable services whose document could not be fetched
     */
    public static ObjectNode merge(Map<String, ObjectNode> documents, List<String> unavailable, String version) {
        ObjectNode merged = JSON.objectNode();
        merged.put("openapi", "3.1.0");
        merged.set("info", info(version));
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ArrayNode tags = JSON.arrayNode();
        Set<String> tagNames = new HashSet<>();
        documents.forEach((source, original) -> {
            ObjectNode document = original.deepCopy();
            addComponents(source, document, components);
            document.path("paths").fields().forEachRemaining(path -> {
                ObjectNode item = (ObjectNode) path.getValue();
                markOwner(item, source);
                paths.set(path.getKey(), item);
            });
            for (JsonNode tag : document.path("tags")) {
                if (tagNames.add(tag.path("name").asText())) {
                    tags.add(tag);
                }
            }
        });
        merged.set("tags", tags);
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject(BEARER)
                .put("type", "http")
                .put("scheme", "bearer")
                .put("bearerFormat", "JWT")
                .put("description", "People: a JWT from the suite's identity provider (make token ROLE=... in dev)");
        schemes.putObject(API_KEY)
                .put("type", "apiKey")
                .put("in", "header")
                .put("name", "X-Api-Key")
                .put("description", "Partner systems: a key an admin created; limited to its scopes and rate");
        ArrayNode security = merged.putArray("security");
        security.addObject().putArray(BEARER);
        security.addObject().putArray(API_KEY);
        ArrayNode down = merged.putArray(UNAVAILABLE);
        unavailable.forEach(down::add);
        return merged;
    }

    private static ObjectNode info(String version) {
        ObjectNode info = JSON.objectNode();
        info.put("title", "Fenqun API");
        info.put("version", version);
        info.put(
                "description",
                "Every Fenqun service behind the gateway. People send `Authorization: Bearer <JWT>`; partner systems"
                        + " send `X-Api-Key: <key>` (an admin creates keys at /api/v1/api-keys), which the gateway"
                        + " exchanges for a short-lived partner token. Errors are RFC 9457 problem documents; too"
                        + " many requests answer 429 with Retry-After.");
        return info;
    }

    /** Operations name their owner and take the suite's security instead of their service's. */
    private static void markOwner(ObjectNode item, String source) {
        item.fields().forEachRemaining(entry -> {
            if (METHODS.contains(entry.getKey()) && entry.getValue() instanceof ObjectNode operation) {
                operation.put(OWNER, source);
                operation.remove("security");
            }
        });
    }

    private static void addComponents(String source, ObjectNode document, ObjectNode components) {
        JsonNode own = document.path("components");
        Map<String, String> renamed = new HashMap<>();
        for (String section : SECTIONS) {
            for (Iterator<Map.Entry<String, JsonNode>> it = own.path(section).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode existing = components.path(section).get(entry.getKey());
                if (existing != null && !existing.equals(entry.getValue())) {
                    renamed.put(ref(section, entry.getKey()), ref(section, source + "_" + entry.getKey()));
                }
            }
        }
        if (!renamed.isEmpty()) {
            rewriteRefs(document, renamed);
        }
        JsonNode rewritten = document.path("components");
        for (String section : SECTIONS) {
            rewritten.path(section).fields().forEachRemaining(entry -> {
                String name = renamed.containsKey(ref(section, entry.getKey()))
                        ? source + "_" + entry.getKey()
                        : entry.getKey();
                ((ObjectNode) components.with(section)).set(name, entry.getValue());
            });
        }
    }

    private static String ref(String section, String name) {
        return "#/components/" + section + "/" + name;
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renamed) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if ("$ref".equals(name) && value.isTextual() && renamed.containsKey(value.asText())) {
                    object.set(name, new TextNode(renamed.get(value.asText())));
                } else {
                    rewriteRefs(value, renamed);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> rewriteRefs(element, renamed));
        }
    }
}
