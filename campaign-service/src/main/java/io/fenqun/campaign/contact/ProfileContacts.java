package io.fenqun.campaign.contact;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Contact details from the profile service, fetched in batches of up to 1000 at send time, so this
 * service keeps no copy of names, phones or emails.
 */
@ApplicationScoped
public class ProfileContacts {

    static final int BATCH = 1000;

    private final ProfileContactsClient client;

    public ProfileContacts(ProfileContactsClient client) {
        this.client = client;
    }

    /** Contacts by customer id; customers the profile no longer has (erased, merged) are missing. */
    public Uni<Map<UUID, Contact>> lookup(List<UUID> customers) {
        List<UUID> distinct = customers.stream().distinct().toList();
        List<List<UUID>> batches = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i += BATCH) {
            batches.add(distinct.subList(i, Math.min(i + BATCH, distinct.size())));
        }
        return Multi.createFrom()
                .iterable(batches)
                .onItem()
                .transformToUniAndConcatenate(client::lookup)
                .collect()
                .in(HashMap::new, (all, found) -> found.forEach(c -> all.put(c.id(), c)));
    }
}
