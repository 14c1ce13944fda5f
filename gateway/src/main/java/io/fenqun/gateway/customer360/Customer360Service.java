package io.fenqun.gateway.customer360;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fenqun.gateway.GatewayConfig;
import io.fenqun.gateway.calls.Reply;
import io.fenqun.gateway.calls.ServiceCalls;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** Gathers the configured parts of a customer's 360 view in parallel, with the caller's token. */
@ApplicationScoped
public class Customer360Service {

    private final ServiceCalls calls;
    private final ObjectMapper json;
    private final Map<String, GatewayConfig.PartConfig> parts;
    private final Set<String> required;

    public Customer360Service(ServiceCalls calls, ObjectMapper json, GatewayConfig config) {
        this.calls = calls;
        this.json = json;
        this.parts = new TreeMap<>(config.customer360().parts());
        this.parts.forEach((name, part) -> {
            if (!calls.knows(part.service())) {
                throw new IllegalStateException(
                        "360 part " + name + " names service " + part.service() + ", which is not configured");
            }
        });
        this.required = parts.entrySet().stream()
                .filter(e -> e.getValue().required())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    public Uni<ObjectNode> gather(String customerId, String authorization, String requestId) {
        List<String> names = new ArrayList<>(parts.keySet());
        List<Uni<PartOutcome>> calls = names.stream()
                .map(name -> part(parts.get(name), customerId, authorization, requestId))
                .toList();
        return Uni.combine().all().unis(calls).with(outcomes -> {
            Map<String, PartOutcome> byName = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                byName.put(names.get(i), (PartOutcome) outcomes.get(i));
            }
            return Customer360Assembler.assemble(customerId, byName, required);
        });
    }

    private Uni<PartOutcome> part(
            GatewayConfig.PartConfig part, String customerId, String authorization, String requestId) {
        String path = part.path().replace("{id}", customerId);
        return calls.get(part.service(), path, authorization, requestId)
                .map(this::outcome)
                .onFailure()
                .recoverWithItem(failure -> new PartOutcome.Unavailable(reason(failure)));
    }

    private PartOutcome outcome(Reply reply) {
        JsonNode body = read(reply);
        if (reply.ok() && body != null && body.isObject()) {
            return new PartOutcome.Found(body);
        }
        if (reply.status() >= 400 && reply.status() < 500) {
            return new PartOutcome.Refused(reply.status(), body);
        }
        return new PartOutcome.Unavailable("unexpected answer " + reply.status());
    }

    private JsonNode read(Reply reply) {
        try {
            return reply.body().length() == 0
                    ? null
                    : json.readTree(reply.body().getBytes());
        } catch (IOException e) {
            return null;
        }
    }

    private static String reason(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "timeout";
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "circuit open";
        }
        return "unreachable";
    }
}
