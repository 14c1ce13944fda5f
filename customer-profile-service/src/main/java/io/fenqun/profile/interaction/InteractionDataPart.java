package io.fenqun.profile.interaction;

import io.fenqun.profile.privacy.CustomerDataPart;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Interactions in export, erasure (free text goes, the contact facts stay) and merge. */
@ApplicationScoped
public class InteractionDataPart implements CustomerDataPart {

    private final InteractionRepository interactions;

    public InteractionDataPart(InteractionRepository interactions) {
        this.interactions = interactions;
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
