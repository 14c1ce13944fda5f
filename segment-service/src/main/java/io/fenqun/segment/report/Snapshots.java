package io.fenqun.segment.report;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Each segment's size and revenue for one business day, kept for trends; a later run the same day replaces it. */
@ApplicationScoped
public class Snapshots {

    private final ZoneId businessZone;

    public Snapshots(@ConfigProperty(name = "fenqun.business-zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.businessZone = zone;
    }

    /** Runs in the caller's transaction. */
    public Uni<Void> take(OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                """
                                WITH everyone AS (SELECT count(*)::int AS customers, coalesce(sum(spend_365d), 0) AS revenue
                                                    FROM customer_facts)
                                INSERT INTO segment_snapshot (day, segment_id, members, customers, revenue, all_revenue, orders)
                                SELECT :day, s.id, count(m.customer_id), e.customers, coalesce(sum(f.spend_365d), 0),
                                       e.revenue, coalesce(sum(f.orders_365d), 0)
                                  FROM segment s CROSS JOIN everyone e
                                  LEFT JOIN current_membership m ON m.segment_id = s.id
                                  LEFT JOIN customer_facts f ON f.customer_id = m.customer_id
                                 WHERE s.status = 'ACTIVE'
                                 GROUP BY s.id, e.customers, e.revenue
                                ON CONFLICT (day, segment_id) DO UPDATE SET members = EXCLUDED.members,
                                       customers = EXCLUDED.customers, revenue = EXCLUDED.revenue,
                                       all_revenue = EXCLUDED.all_revenue, orders = EXCLUDED.orders""")
                        .setParameter("day", now.atZoneSameInstant(businessZone).toLocalDate())
                        .executeUpdate())
                .replaceWithVoid();
    }
}
