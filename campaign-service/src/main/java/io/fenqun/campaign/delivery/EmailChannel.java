package io.fenqun.campaign.delivery;

import io.fenqun.campaign.campaign.Channel;
import io.fenqun.campaign.contact.Contact;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Email over SMTP through the Quarkus mailer. SMTP cannot drop a repeated message, so a message
 * whose sender died after handing it over is not sent again (IN_DOUBT). Every message carries a
 * one-click unsubscribe (RFC 8058).
 */
@ApplicationScoped
public class EmailChannel implements ChannelAdapter {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int CONNECTIONS = 4;

    private final ReactiveMailer mailer;

    public EmailChannel(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    public Optional<String> address(UUID customerId, Contact contact) {
        return Optional.ofNullable(contact.email()).filter(email -> !email.isBlank());
    }

    @Override
    public Uni<List<SendOutcome>> send(List<OutgoingMessage> messages) {
        return Multi.createFrom()
                .iterable(messages)
                .onItem()
                .transformToUni(this::sendOne)
                .merge(CONNECTIONS)
                .collect()
                .asList();
    }

    private Uni<SendOutcome> sendOne(OutgoingMessage message) {
        Mail mail = Mail.withHtml(message.address(), message.subject(), message.body())
                .addHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .addHeader("X-Fenqun-Delivery", message.deliveryId().toString());
        return mailer.send(mail)
                .ifNoItem()
                .after(TIMEOUT)
                .fail()
                .map(ignored -> SendOutcome.accepted(
                        message.deliveryId(), message.deliveryId().toString()))
                .onFailure()
                .recoverWithItem(e -> SendOutcome.retry(message.deliveryId(), "SMTP: " + e.getMessage()));
    }
}
