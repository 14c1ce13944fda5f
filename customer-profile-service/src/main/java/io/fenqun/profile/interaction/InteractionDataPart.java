package io.fenqun.profile.interaction;

import io.fenqun.profile.privacy.CustomerDataPart;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;

/** Interactions in export, erasure (free text goes, the contact facts stay) and merge. */
@ApplicationScoped
public class InteractionDataPart implements CustomerDataPart {

    private final InteractionRepository interactions;

    public InteractionDataPart(InteractionRepository interactions) {
        this.interactions = interactions;
    }

    /** These payloads carry free text or evidence that may name the person. */
    @Override
    public Set<String> personalEventTypes() {
        return Set.of(InteractionService.LOGGED, InteractionService.FOLLOW_UP_COMPLETED);
    }

    @Override
    public String name() {
        return "interactions";
    }

    @Override
    public Uni<Object> export(UUID customerId) {
        return interactions.allOfCustomer(customerId).map(list ->
                (Object) list.stream().map(InteractionView::of).toList());
    }

    @Override
    public Uni<Void> erase(UUID customerId) {
        return interactions.eraseFreeText(customerId).replaceWithVoid();
    }

    @Override
    public Uni<Void> merge(UUID duplicate, UUID survivor) {
        return interactions.moveToCustomer(duplicate, survivor).replaceWithVoid();
    }
}
