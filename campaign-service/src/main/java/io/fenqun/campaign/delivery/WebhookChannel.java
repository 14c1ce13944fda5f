package io.fenqun.campaign.delivery;

import io.fenqun.campaign.campaign.Channel;
import io.fenqun.campaign.contact.Contact;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Posts each message as JSON to the campaign's webhook (the business's own system, a WeChat
 * bridge, a partner CRM) with the delivery id as {@code Idempotency-Key}, so a receiver can drop a
 * repeat after a sender restart.
 */
@Singleton
public class WebhookChannel implements ChannelAdapter {

    private static final long TIMEOUT_MILLIS = 10_000;
    private static final int CONCURRENT_CALLS = 8;

    private final WebClient client;

    public WebhookChannel(Vertx vertx) {
        this.client = WebClient.create(vertx);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public Optional<String> address(UUID customerId, Contact contact) {
        return Optional.of(customerId.toString());
    }

    @Override
    public Uni<List<SendOutcome>> send(List<OutgoingMessage> messages) {
        return Multi.createFrom()
                .iterable(messages)
                .onItem()
                .transformToUni(this::post)
                .merge(CONCURRENT_CALLS)
                .collect()
                .asList();
    }

    private Uni<SendOutcome> post(OutgoingMessage message) {
        JsonObject body = new JsonObject()
                .put("deliveryId", message.deliveryId().toString())
                .put("campaignId", message.campaignId().toString())
                .put("customerId", message.customerId().toString())
                .put("subject", message.subject())
                .put("body", message.body());
        return client.postAbs(message.webhookUrl())
                .putHeader("Idempotency-Key", message.deliveryId().toString())
                .timeout(TIMEOUT_MILLIS)
                .sendJsonObject(body)
                .map(response -> {
                    int status = response.statusCode();
                    if (status >= 200 && status < 300) {
                        return SendOutcome.accepted(message.deliveryId(), null);
                    }
                    boolean passing = status >= 500 || status == 408 || status == 429;
                    return passing
                            ? SendOutcome.retry(message.deliveryId(), "webhook answered HTTP " + status)
                            : SendOutcome.rejected(message.deliveryId(), "webhook answered HTTP " + status);
                })
                .onFailure()
                .recoverWithItem(
                        e -> SendOutcome.retry(message.deliveryId(), "webhook unreachable: " + e.getMessage()));
    }
}
