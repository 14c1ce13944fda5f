package io.fenqun.profile.consent;

import io.fenqun.kit.feed.OutboxWriter;
import io.fenqun.profile.privacy.CustomerDataPart;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Consent in export (history and current state), erasure (the decisions stay as the legal record,
 * their evidence goes) and merge.
 */
@ApplicationScoped
public class ConsentDataPart implements CustomerDataPart {

    private final ConsentRepository consents;
    private final OutboxWriter outbox;

    public ConsentDataPart(ConsentRepository consents, OutboxWriter outbox) {
        this.consents = consents;
        this.outbox = outbox;
    }

    /** These payloads carry free text or evidence that may name the person. */
    @Override
    public Set<String> personalEventTypes() {
        return Set.of(ConsentService.CHANGED);
    }

    @Override
    public String name() {
        return "consents";
    }

    @Override
    public Uni<Object> export(UUID customerId) {
        return consents.current(customerId).flatMap(current -> consents.allOfCustomer(customerId)
                .map(history -> Map.of(
                        "current", current.stream().map(ConsentView::of).toList(),
                        "history", history.stream().map(ConsentChangeView::of).toList())));
    }

    @Override
    public Uni<Void> erase(UUID customerId) {
        return consents.eraseEvidence(customerId).replaceWithVoid();
    }

    /**
     * Moves the history and announces every consent of the survivor that the duplicate's history
     * changed, so consumers learn at once of a withdrawal the duplicate held.
     */
    @Override
    public Uni<Void> merge(UUID duplicate, UUID survivor) {
        return consents.current(survivor)
                .map(before -> before.stream().map(c -> c.id).collect(Collectors.toSet()))
                .flatMap(before -> consents.merge(duplicate, survivor)
                        .flatMap(ignored -> consents.current(survivor))
                        .flatMap(after -> announceChanged(survivor, before, after)));
    }

    private Uni<Void> announceChanged(UUID survivor, Set<UUID> before, List<ConsentChange> after) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ConsentChange change : after) {
            if (!before.contains(change.id)) {
                ConsentChangedEvent event =
                        new ConsentChangedEvent(survivor, ConsentChangeView.of(change), ConsentView.of(change));
                chain = chain.flatMap(ignored ->
                        outbox.append(ConsentService.CHANGED, survivor, event).replaceWithVoid());
            }
        }
        return chain;
    }
}
