package io.fenqun.campaign.delivery;

import io.fenqun.campaign.campaign.Channel;
import io.fenqun.campaign.contact.Contact;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Hands messages of one channel to its provider over that provider's protocol. */
public interface ChannelAdapter {

    Channel channel();

    /**
     * Whether the provider drops a repeat of a message id it has already taken. Then a message whose
     * sender died after handing it over is sent again with the same id; otherwise it is marked
     * IN_DOUBT rather than risk a duplicate.
     */
    boolean idempotent();

    /** Where this channel reaches the customer, or empty when the profile holds no such address. */
    Optional<String> address(UUID customerId, Contact contact);

    /** One outcome per message, in any order; a failed call as a whole is RETRY for every message. */
    Uni<List<SendOutcome>> send(List<OutgoingMessage> messages);
}
