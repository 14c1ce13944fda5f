package io.fenqun.campaign.delivery;

import io.fenqun.campaign.contact.Contact;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A channel whose provider takes batches over HTTP ({@link ProviderApi}). Our delivery id travels
 * as the provider's idempotency key, so a message handed over by a sender that then died is sent
 * again safely. 4xx rejects a whole batch for good; timeouts and 5xx are retried later.
 */
abstract class HttpProviderChannel implements ChannelAdapter {

    static final int BATCH = 100;
    private static final int CONCURRENT_CALLS = 4;

    private final ProviderApi api;
    private final String authorization;
    private final long timeoutMillis;

    HttpProviderChannel(ProviderConfig.Provider provider) {
        this.timeoutMillis = provider.timeout().toMillis();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(provider.url())
                .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .build(ProviderApi.class);
        this.authorization = provider.apiKey().map(key -> "Bearer " + key).orElse(null);
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    Uni<List<SendOutcome>> sendInBatches(List<OutgoingMessage> messages) {
        List<List<OutgoingMessage>> batches = new ArrayList<>();
        for (int i = 0; i < messages.size(); i += BATCH) {
            batches.add(messages.subList(i, Math.min(i + BATCH, messages.size())));
        }
        return Multi.createFrom()
                .iterable(batches)
                .onItem()
                .transformToUni(this::sendBatch)
                .merge(CONCURRENT_CALLS)
                .collect()
                .in(ArrayList::new, List::addAll);
    }

    /** Every message of a call that failed as a whole (open circuit, provider down) waits for a retry. */
    static List<SendOutcome> allRetry(List<OutgoingMessage> messages, String why) {
        return messages.stream()
                .map(m -> SendOutcome.retry(m.deliveryId(), why))
                .toList();
    }

    private Uni<List<SendOutcome>> sendBatch(List<OutgoingMessage> batch) {
        List<ProviderApi.ProviderMessage> wire = batch.stream()
                .map(m -> new ProviderApi.ProviderMessage(m.deliveryId(), m.address(), m.subject(), m.body()))
                .toList();
        return api.send(authorization, new ProviderApi.Batch(wire))
                .ifNoItem()
                .after(java.time.Duration.ofMillis(timeoutMillis))
                .fail()
                .map(results -> outcomes(batch, results))
                .onFailure(WebApplicationException.class)
                .recoverWithItem(e -> rejectedOrRetried(batch, (WebApplicationException) e))
                .onFailure()
                .recoverWithItem(e -> allRetry(batch, "provider unreachable: " + e.getMessage()));
    }

    private static List<SendOutcome> outcomes(List<OutgoingMessage> batch, ProviderApi.Results results) {
        Map<UUID, ProviderApi.Result> byId = new HashMap<>();
        if (results != null && results.results() != null) {
            results.results().forEach(r -> byId.put(r.id(), r));
        }
        return batch.stream()
                .map(m -> {
                    ProviderApi.Result r = byId.get(m.deliveryId());
                    if (r == null) {
                        return SendOutcome.retry(m.deliveryId(), "provider did not answer for this message");
                    }
                    return switch (r.status()) {
                        case "ACCEPTED" -> SendOutcome.accepted(m.deliveryId(), r.providerMessageId());
                        case "REJECTED" -> SendOutcome.rejected(m.deliveryId(), r.error());
                        default -> SendOutcome.retry(m.deliveryId(), r.error());
                    };
                })
                .toList();
    }

    private static List<SendOutcome> rejectedOrRetried(List<OutgoingMessage> batch, WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return batch.stream()
                    .map(m -> SendOutcome.rejected(m.deliveryId(), "provider refused the batch: HTTP " + status))
                    .toList();
        }
        return allRetry(batch, "provider answered HTTP " + status);
    }

    @Override
    public Optional<String> address(UUID customerId, Contact contact) {
        return Optional.of(customerId.toString());
    }
}
