package io.fenqun.segment.dimension;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
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

    /**
     * When the previous recompute ran, if it used this thresholds version: empty when none has run
     * or the thresholds changed since, and everyone must be aggregated again.
     */
    public Uni<Optional<OffsetDateTime>> previousRecompute(long settingsVersion) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "SELECT computed_at FROM population_cutoffs WHERE settings_version = :version",
                                OffsetDateTime.class)
                        .setParameter("version", settingsVersion)
                        .getResultList())
                .map(rows -> rows.stream().findFirst());
    }

    /**
     * Aggregates the orders of everyone ({@code previous} empty) or only of the customers with an
     * order that left a time window since {@code previous}; notes the customers whose rows changed
     * as candidates of the running recompute (see {@link FactsChange}) and returns how many.
     */
    public Uni<Integer> aggregate(Thresholds thresholds, Optional<OffsetDateTime> previous, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> previous.isPresent()
                        ? bindWindows(s.createNativeQuery(FactsSql.AGED), thresholds, now)
                                .setParameter("previous", previous.get())
                                .executeUpdate()
                        : bind(s.createNativeQuery(FactsSql.EVERYONE), thresholds, now)
                                .executeUpdate());
    }

    /**
     * Fresh RFM and value cut points from everyone's stored features, stored with the thresholds
     * version; relabels the customers whose labels change and returns how many did. After a
     * previous recompute with these thresholds only the customers whose labels may have changed
     * since are looked at (see {@link FactsSql#RESCORE_SINCE_PREVIOUS}). The relabelled customers
     * are noted as candidates of the running recompute.
     */
    public Uni<Integer> rescore(
            Thresholds thresholds, long settingsVersion, Optional<OffsetDateTime> previous, OffsetDateTime now) {
        return Panache.getSession().flatMap(s -> {
            var query = s.createNativeQuery(
                            previous.isPresent() ? FactsSql.RESCORE_SINCE_PREVIOUS : FactsSql.RESCORE_EVERYONE)
                    .setParameter("now", now)
                    .setParameter("newWithinDays", thresholds.newWithinDays())
                    .setParameter("activeWithinDays", thresholds.activeWithinDays())
                    .setParameter("churnedAfterDays", thresholds.churnedAfterDays())
                    .setParameter("valueAShare", thresholds.valueAShare())
                    .setParameter("valueBShare", thresholds.valueBShare())
                    .setParameter("settingsVersion", settingsVersion);
            previous.ifPresent(since -> query.setParameter("previous", since));
            return query.executeUpdate();
        });
    }

    private <R> Mutiny.Query<R> bind(Mutiny.Query<R> query, Thresholds t, OffsetDateTime now) {
        return bindWindows(query, t, now)
                .setParameter("zone", businessZone.getId())
                .setParameter("newWithinDays", t.newWithinDays())
                .setParameter("activeWithinDays", t.activeWithinDays())
                .setParameter("churnedAfterDays", t.churnedAfterDays());
    }

    /** The time windows and the tiers built on them. */
    private static <R> Mutiny.Query<R> bindWindows(Mutiny.Query<R> query, Thresholds t, OffsetDateTime now) {
        return query.setParameter("now", now)
                .setParameter("frequencyWindowDays", t.frequencyWindowDays())
                .setParameter("frequencyHighOrders", t.frequencyHighOrders())
                .setParameter("frequencyMediumOrders", t.frequencyMediumOrders())
                .setParameter("spendWindowDays", t.spendWindowDays())
                .setParameter("spendHighAmount", t.spendHighAmount())
                .setParameter("spendMediumAmount", t.spendMediumAmount());
    }
}
