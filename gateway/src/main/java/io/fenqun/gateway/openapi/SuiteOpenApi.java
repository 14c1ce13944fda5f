package io.fenqun.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fenqun.gateway.GatewayConfig;
import io.fenqun.gateway.calls.ServiceCalls;
import io.fenqun.gateway.routing.RouteTable;
import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.mutiny.Uni;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The suite's OpenAPI document: the gateway's own operations and every service's document, fetched
 * from the services and merged, kept for a while so Swagger UI does not refetch on every view. A
 * service that cannot be reached is listed as unavailable and fetched again next time.
 */
@ApplicationScoped
public class SuiteOpenApi {

    private static final Logger LOG = Logger.getLogger(SuiteOpenApi.class);
    static final Duration KEEP = Duration.ofSeconds(60);

    private record Cached(ObjectNode document, Instant until) {}

    private final ServiceCalls calls;
    private final GatewayConfig config;
    private final OpenApiDocumentService ownDocument;
    private final ObjectMapper json;
    private final String version;
    private volatile Cached cached;

    public SuiteOpenApi(
            ServiceCalls calls,
            GatewayConfig config,
            OpenApiDocumentService ownDocument,
            ObjectMapper json,
            @ConfigProperty(name = "quarkus.smallrye-openapi.info-version") Optional<String> version) {
        this.calls = calls;
        this.config = config;
        this.ownDocument = ownDocument;
        this.json = json;
        this.version = version.orElse("1.0.0");
    }

    public Uni<ObjectNode> document() {
        Cached current = cached;
        if (current != null && Instant.now().isBefore(current.until())) {
            return Uni.createFrom().item(current.document());
        }
        List<String> services = new ArrayList<>(new TreeSet<>(config.services().keySet()));
        List<Uni<Optional<ObjectNode>>> fetches =
                services.stream().map(this::fetch).toList();
        return Uni.combine().all().unis(fetches).with(results -> {
            Map<String, ObjectNode> documents = new LinkedHashMap<>();
            documents.put(RouteTable.GATEWAY, own());
            List<String> unavailable = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                @SuppressWarnings("unchecked")
                Optional<ObjectNode> document = (Optional<ObjectNode>) results.get(i);
                if (document.isPresent()) {
                    documents.put(services.get(i), document.get());
                } else {
                    unavailable.add(services.get(i));
                }
            }
            ObjectNode merged = OpenApiMerger.merge(documents, unavailable, version);
            // Keep a complete document for the full time, an incomplete one only briefly.
            cached = new Cached(merged, Instant.now().plus(unavailable.isEmpty() ? KEEP : KEEP.dividedBy(12)));
            return merged;
        });
    }

    private Uni<Optional<ObjectNode>> fetch(String service) {
        return calls.get(service, config.services().get(service).openapiPath(), null, null)
                .map(reply -> {
                    if (!reply.ok()) {
                        LOG.warnf("OpenAPI of %s answered %d", service, reply.status());
                        return Optional.<ObjectNode>empty();
                    }
                    return Optional.of(parse(reply.body().getBytes()));
                })
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("OpenAPI of %s unavailable: %s", service, failure.getMessage());
                    return Optional.empty();
                });
    }

    private ObjectNode own() {
        return parse(ownDocument.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, Format.JSON));
    }

    private ObjectNode parse(byte[] document) {
        try {
            JsonNode node = json.readTree(document);
            if (!node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable OpenAPI document", e);
        }
    }
}
