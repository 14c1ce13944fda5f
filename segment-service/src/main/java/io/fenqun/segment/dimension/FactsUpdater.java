package io.fenqun.segment.dimension;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

/** Computes features and built-in dimension labels into {@code customer_facts}, in the caller's transaction. */
@ApplicationScoped
public class FactsUpdater {

    private final ZoneId businessZone;

    public FactsUpdater(@ConfigProperty(name = "fenqun.business-zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.businessZone = zone;
    }

    /** One customer, scored against the population's cut points from the latest recompute. */
    public Uni<Void> updateCustomer(UUID customerId, Thresholds thresholds, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> bind(s.createNativeQuery(FactsSql.ONE_CUSTOMER), thresholds, now)
                        .setParameter("customer", customerId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Everyone, with fresh cut points; returns the number of customers. */
    public Uni<Integer> updatePopulation(Thresholds thresholds, OffsetDateTime now) {
        return Panache.getSession().flatMap(s -> bind(s.createNativeQuery(FactsSql.POPULATION), thresholds, now)
                .setParameter("valueAShare", thresholds.valueAShare())
                .setParameter("valueBShare", thresholds.valueBShare())
                .executeUpdate());
    }

    private <R> Mutiny.Query<R> bind(Mutiny.Query<R> query, Thresholds t, OffsetDateTime now) {
        return query.setParameter("now", now)
                .setParameter("zone", businessZone.getId())
                .setParameter("frequencyWindowDays", t.frequencyWindowDays())
                .setParameter("frequencyHighOrders", t.frequencyHighOrders())
                .setParameter("frequencyMediumOrders", t.frequencyMediumOrders())
                .setParameter("spendWindowDays", t.spendWindowDays())
                .setParameter("spendHighAmount", t.spendHighAmount())
                .setParameter("spendMediumAmount", t.spendMediumAmount())
                .setParameter("newWithinDays", t.newWithinDays())
                .setParameter("activeWithinDays", t.activeWithinDays())
                .setParameter("churnedAfterDays", t.churnedAfterDays());
    }
}
