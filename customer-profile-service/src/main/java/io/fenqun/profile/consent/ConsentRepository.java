package io.fenqun.profile.consent;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The consent history (entities) and the current-state table beside it. The current consent of a
 * channel and purpose is the change with the latest changed_at; on a tie a withdrawal wins, so a
 * customer who said no is never contacted on a clock's technicality.
 */
@ApplicationScoped
@WithSession
public class ConsentRepository implements PanacheRepositoryBase<ConsentChange, UUID> {

    private static final String CURRENT_COLUMNS =
            "customer_id, channel, purpose, status, source, changed_at, change_id";

    /** Makes a recorded (and flushed) change current unless a later decision already stands. */
    public Uni<Void> applyToCurrent(UUID changeId) {
        return getSession()
                .flatMap(s -> s.createNativeQuery("INSERT INTO consent (" + CURRENT_COLUMNS + ")"
                                + " SELECT customer_id, channel, purpose, status, source, changed_at, id"
                                + " FROM consent_change WHERE id = :id"
                                + " ON CONFLICT (customer_id, channel, purpose) DO UPDATE SET status = excluded.status,"
                                + " source = excluded.source, changed_at = excluded.changed_at, change_id = excluded.change_id"
                                + " WHERE (excluded.changed_at, excluded.status = 'WITHDRAWN')"
                                + " >= (consent.changed_at, consent.status = 'WITHDRAWN')")
                        .setParameter("id", changeId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The changes that are current for a customer, in channel and purpose order. */
    public Uni<List<ConsentChange>> current(UUID customerId) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT h.* FROM consent c JOIN consent_change h ON h.id = c.change_id"
                                + " WHERE c.customer_id = :id ORDER BY c.channel, c.purpose",
                        ConsentChange.class)
                .setParameter("id", customerId)
                .getResultList());
    }

    /** The history, latest recorded first (ids are time-ordered), after the previous page's last id. */
    public Uni<List<ConsentChange>> history(UUID customerId, UUID beforeId, int fetch) {
        return beforeId == null
                ? find("customerId = ?1 order by id desc", customerId)
                        .page(0, fetch)
                        .list()
                : find("customerId = ?1 and id < ?2 order by id desc", customerId, beforeId)
                        .page(0, fetch)
                        .list();
    }

    public Uni<List<ConsentChange>> allOfCustomer(UUID customerId) {
        return list("customerId = ?1 order by id", customerId);
    }

    /** Clears the evidence (personal data); the decisions themselves stay as the legal record. */
    public Uni<Integer> eraseEvidence(UUID customerId) {
        return update("evidence = null where customerId = ?1 and evidence is not null", customerId);
    }

    /** Moves a duplicate's history to the survivor and recomputes the survivor's current consents. */
    public Uni<Void> merge(UUID duplicate, UUID survivor) {
        return getSession()
                .flatMap(s -> s.createNativeQuery("DELETE FROM consent WHERE customer_id IN (:duplicate, :survivor)")
                        .setParameter("duplicate", duplicate)
                        .setParameter("survivor", survivor)
                        .executeUpdate()
                        .flatMap(ignored -> s.createNativeQuery(
                                        "UPDATE consent_change SET customer_id = :survivor WHERE customer_id = :duplicate")
                                .setParameter("duplicate", duplicate)
                                .setParameter("survivor", survivor)
                                .executeUpdate())
                        .flatMap(ignored -> s.createNativeQuery(
                                        "INSERT INTO consent (" + CURRENT_COLUMNS + ")"
                                                + " SELECT DISTINCT ON (channel, purpose)"
                                                + " customer_id, channel, purpose, status, source, changed_at, id"
                                                + " FROM consent_change WHERE customer_id = :survivor"
                                                + " ORDER BY channel, purpose, changed_at DESC, (status = 'WITHDRAWN') DESC, id DESC")
                                .setParameter("survivor", survivor)
                                .executeUpdate()))
                .replaceWithVoid();
    }
}
