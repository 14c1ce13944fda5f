package io.fenqun.campaign.delivery;

import io.fenqun.campaign.campaign.Channel;
import io.fenqun.campaign.contact.Contact;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;

/** SMS through the provider configured as {@code fenqun.providers.sms}, to the customer's mobile number. */
// A singleton: no client proxy, so the provider client is built once in the constructor.
@Singleton
public class SmsChannel extends HttpProviderChannel {

    public SmsChannel(ProviderConfig config) {
        super(config.providers().get("sms"));
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Optional<String> address(UUID customerId, Contact contact) {
        return Optional.ofNullable(contact.phone()).filter(phone -> !phone.isBlank());
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 30_000)
    @Fallback(fallbackMethod = "providerDown")
    public Uni<List<SendOutcome>> send(List<OutgoingMessage> messages) {
        return sendInBatches(messages);
    }

    Uni<List<SendOutcome>> providerDown(List<OutgoingMessage> messages) {
        return Uni.createFrom().item(allRetry(messages, "SMS provider circuit open"));
    }
}
