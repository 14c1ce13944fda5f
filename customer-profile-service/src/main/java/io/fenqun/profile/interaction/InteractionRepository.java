package io.fenqun.profile.interaction;

import io.fenqun.kit.time.Utc;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class InteractionRepository implements PanacheRepositoryBase<Interaction, UUID> {

    /** A customer's interactions, newest first, after the (occurredAt, id) of the previous page's last. */
    public Uni<List<Interaction>> ofCustomer(UUID customerId, OffsetDateTime beforeAt, UUID beforeId, int fetch) {
        if (beforeAt == null) {
            return find("customerId = ?1 order by occurredAt desc, id desc", customerId)
                    .page(0, fetch)
                    .list();
        }
        return find(
                        "customerId = ?1 and (occurredAt < ?2 or (occurredAt = ?2 and id < ?3))"
                                + " order by occurredAt desc, id desc",
                        customerId,
                        beforeAt,
                        beforeId)
                .page(0, fetch)
                .list();
    }

    /** Every interaction of a customer, oldest first, for export. */
    public Uni<List<Interaction>> allOfCustomer(UUID customerId) {
        return list("customerId = ?1 order by occurredAt, id", customerId);
    }

    /**
     * Open follow-ups due on or before {@code before} for one owner: the customer's sales owner, or
     * the staff member who logged the contact when the customer has none. Oldest due date first.
     */
    public Uni<List<Interaction>> due(
            String owner, String restrictedToOwner, LocalDate before, LocalDate afterOn, UUID afterId, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT i.* FROM interaction i JOIN customer c ON c.id = i.customer_id"
                + " WHERE i.follow_up_status = 'OPEN' AND i.follow_up_on <= :before AND c.status = 'ACTIVE'"
                + " AND COALESCE(c.owner_id, i.staff_id) = :owner");
        Map<String, Object> params = new HashMap<>();
        params.put("before", before);
        params.put("owner", owner);
        if (restrictedToOwner != null) {
            sql.append(" AND c.owner_id = :restricted");
            params.put("restricted", restrictedToOwner);
        }
        if (afterOn != null) {
            sql.append(" AND (i.follow_up_on, i.id) > (:afterOn, :afterId)");
            params.put("afterOn", afterOn);
            params.put("afterId", afterId);
        }
        sql.append(" ORDER BY i.follow_up_on, i.id LIMIT ").append(fetch);
        return getSession().flatMap(s -> {
            var query = s.createNativeQuery(sql.toString(), Interaction.class);
            params.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    /** Clears the free text of a customer's interactions; the facts (type, when, who) stay. */
    public Uni<Integer> eraseFreeText(UUID customerId) {
        return update(
                "summary = null, outcome = null, completionNote = null, erasedAt = ?2, version = version + 1"
                        + " where customerId = ?1",
                customerId,
                Utc.now());
    }

    public Uni<Integer> moveToCustomer(UUID from, UUID to) {
        return update("customerId = ?2, version = version + 1 where customerId = ?1", from, to);
    }
}
