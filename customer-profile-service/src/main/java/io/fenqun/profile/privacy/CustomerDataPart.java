package io.fenqun.profile.privacy;

import io.smallrye.mutiny.Uni;
import java.util.Set;
import java.util.UUID;

/**
 * What one feature holds about a customer. Export, erasure and merge of duplicates ask every part,
 * so a new feature that stores customer data implements this and is covered by all three.
 * All methods run inside the caller's transaction.
 */
public interface CustomerDataPart {

    /** The key of this part in an export document, e.g. "orders". */
    String name();

    /** Everything this part holds on the customer, as a JSON-serialisable value. */
    Uni<Object> export(UUID customerId);

    /**
     * Removes the personal data this part holds (names, contacts, addresses, free text); anonymous
     * facts needed for statistics (order totals and dates) stay.
     */
    Uni<Void> erase(UUID customerId);

    /**
     * The feed event types of this part whose payloads carry personal data; erasure redacts them.
     * Events of other types stay readable, so anonymous facts still reach other services.
     */
    default Set<String> personalEventTypes() {
        return Set.of();
    }

    /** Moves this part's records from a duplicate customer to the one that survives the merge. */
    Uni<Void> merge(UUID duplicate, UUID survivor);
}
