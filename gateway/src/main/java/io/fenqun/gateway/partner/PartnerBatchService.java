package io.fenqun.gateway.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenqun.gateway.calls.Reply;
import io.fenqun.gateway.calls.ServiceCalls;
import io.fenqun.gateway.routing.ProblemReplies;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs a partner batch as single upserts on the profile service, a bounded number at a time, so a
 * batch of 500 neither waits for 500 round trips in a row nor floods the service. Each record gets
 * the answer its single upsert gave; a record the service could not be asked about gets 503.
 */
@ApplicationScoped
public class PartnerBatchService {

    /** The two kinds of batch and where their single upsert lives. */
    public enum Kind {
        CUSTOMERS("/api/v1/customers/by-external-id/"),
        ORDERS("/api/v1/orders/by-external-id/");

        final String upsertPath;

        Kind(String upsertPath) {
            this.upsertPath = upsertPath;
        }
    }

    static final String PROFILE = "profile";

    private final ServiceCalls calls;
    private final BatchResultStore results;
    private final ObjectMapper json;
    private final int concurrency;

    public PartnerBatchService(
            ServiceCalls calls,
            BatchResultStore results,
            ObjectMapper json,
            @ConfigProperty(name = "fenqun.gateway.partner.batch-concurrency", defaultValue = "8") int concurrency) {
        this.calls = calls;
        this.results = results;
        this.json = json;
        this.concurrency = concurrency;
    }

    public Uni<BatchResponse> upsert(
            Kind kind,
            BatchRequest request,
            String caller,
            String idempotencyKey,
            String authorization,
            String requestId) {
        return results.once(
                caller, kind.name(), idempotencyKey, request, () -> run(kind, request, authorization, requestId));
    }

    private Uni<BatchResponse> run(Kind kind, BatchRequest request, String authorization, String requestId) {
        return Multi.createFrom()
                .items(IntStream.range(0, request.records().size()).boxed())
                .onItem()
                .transformToUni(index -> one(kind, request, index, authorization, requestId))
                .merge(concurrency)
                .collect()
                .asList()
                .map(list -> BatchResponse.of(list.stream()
                        .sorted(Comparator.comparingInt(BatchResponse.RecordResult::index))
                        .toList()));
    }

    private Uni<BatchResponse.RecordResult> one(
            Kind kind, BatchRequest request, int index, String authorization, String requestId) {
        BatchRequest.BatchRecord record = request.records().get(index);
        String path = kind.upsertPath + segment(request.source()) + "/" + segment(record.externalId());
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(record.data()));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return calls.put(PROFILE, path, authorization, requestId == null ? null : requestId + "." + index, body)
                .map(reply -> new BatchResponse.RecordResult(index, record.externalId(), reply.status(), read(reply)))
                .onFailure()
                .recoverWithItem(failure -> new BatchResponse.RecordResult(
                        index,
                        record.externalId(),
                        503,
                        json.valueToTree(ProblemReplies.unavailable("customer-profile"))));
    }

    private JsonNode read(Reply reply) {
        try {
            return reply.body().length() == 0
                    ? null
                    : json.readTree(reply.body().getBytes());
        } catch (IOException e) {
            return json.getNodeFactory().textNode(reply.body().toString());
        }
    }

    /** One path segment: an external id may hold characters that mean something in a path. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
