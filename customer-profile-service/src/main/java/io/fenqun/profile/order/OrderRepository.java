package io.fenqun.profile.order;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class OrderRepository implements PanacheRepositoryBase<CustomerOrder, UUID> {

    public Uni<CustomerOrder> findByExternalId(String source, String externalId) {
        return find("externalSource = ?1 and externalId = ?2", source, externalId)
                .firstResult();
    }

    /** A customer's orders, newest first; after = the (orderedAt, id) of the last row already seen. */
    public Uni<List<CustomerOrder>> forCustomer(UUID customerId, OffsetDateTime afterTime, UUID afterId, int fetch) {
        if (afterTime == null) {
            return find("customerId = ?1 order by orderedAt desc, id desc", customerId)
                    .page(0, fetch)
                    .list();
        }
        return find(
                        "customerId = ?1 and (orderedAt < ?2 or (orderedAt = ?2 and id < ?3))"
                                + " order by orderedAt desc, id desc",
                        customerId,
                        afterTime,
                        afterId)
                .page(0, fetch)
                .list();
    }

    public Uni<List<CustomerOrder>> allForCustomer(UUID customerId) {
        return find("customerId = ?1 order by orderedAt, id", customerId).list();
    }

    public Uni<Integer> moveToCustomer(UUID from, UUID to) {
        return update("customerId = ?1 where customerId = ?2", to, from);
    }
}
