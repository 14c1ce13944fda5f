package io.fenqun.campaign.delivery;

import io.fenqun.campaign.campaign.Channel;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;

/**
 * App push through the provider configured as {@code fenqun.providers.push}; the app registers its
 * devices there under the customer id, so the customer id is the address.
 */
// A singleton: no client proxy, so the provider client is built once in the constructor.
@Singleton
public class PushChannel extends HttpProviderChannel {

    public PushChannel(ProviderConfig config) {
        super(config.providers().get("push"));
    }

    @Override
    public Channel channel() {
        return Channel.APP_PUSH;
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 30_000)
    @Fallback(fallbackMethod = "providerDown")
    public Uni<List<SendOutcome>> send(List<OutgoingMessage> messages) {
        return sendInBatches(messages);
    }

    Uni<List<SendOutcome>> providerDown(List<OutgoingMessage> messages) {
        return Uni.createFrom().item(allRetry(messages, "push provider circuit open"));
    }
}
