package io.fenqun.profile.loyalty;

import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.time.Utc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Reads and appends ledger entries. */
@ApplicationScoped
@WithSession
public class PointsLedger {

    private static final String COLUMNS =
            "id, kind, points, remaining, order_id, reason, expires_at, created_by, created_at";

    /** Newest first, after the entry with id {@code after} (ids are time-ordered). */
    public Uni<List<PointsEntry>> list(UUID customerId, UUID after, int fetch) {
        return Panache.getSession()
                .flatMap(s -> {
                    var query = s.createNativeQuery(
                                    "SELECT " + COLUMNS + " FROM points_entry WHERE customer_id = :id"
                                            + (after == null ? "" : " AND id < :after")
                                            + " ORDER BY id DESC LIMIT " + fetch,
                                    Object[].class)
                            .setParameter("id", customerId);
                    if (after != null) {
                        query.setParameter("after", after);
                    }
                    return query.getResultList();
                })
                .map(rows -> rows.stream().map(PointsLedger::entry).toList());
    }

    public Uni<List<PointsEntry>> all(UUID customerId) {
        return list(customerId, null, Integer.MAX_VALUE);
    }

    public Uni<PointsEntry> record(
            UUID customerId, String kind, long points, String reason, String createdBy, Duration lifetime) {
        UUID id = Ids.newId();
        OffsetDateTime now = Utc.now();
        // A positive correction is a new lot that lasts like earned points.
        OffsetDateTime expires = points > 0 ? now.plus(lifetime) : null;
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("INSERT INTO points_entry (id, customer_id, kind, points, remaining,"
                                + " reason, expires_at, created_by, created_at) VALUES (:id, :customer, :kind, :points,"
                                + " :remaining, :reason, :expires, :by, :at)")
                        .setParameter("id", id)
                        .setParameter("customer", customerId)
                        .setParameter("kind", kind)
                        .setParameter("points", points)
                        .setParameter("remaining", Math.max(points, 0))
                        .setParameter("reason", reason)
                        .setParameter("expires", expires)
                        .setParameter("by", createdBy)
                        .setParameter("at", now)
                        .executeUpdate())
                .replaceWith(
                        new PointsEntry(id, kind, points, Math.max(points, 0), null, reason, expires, createdBy, now));
    }

    public Uni<Integer> moveToCustomer(UUID from, UUID to) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("UPDATE points_entry SET customer_id = :to WHERE customer_id = :from")
                        .setParameter("to", to)
                        .setParameter("from", from)
                        .executeUpdate());
    }

    private static PointsEntry entry(Object[] r) {
        return new PointsEntry(
                (UUID) r[0],
                (String) r[1],
                ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(),
                (UUID) r[4],
                (String) r[5],
                Utc.of(r[6]),
                (String) r[7],
                Utc.of(r[8]));
    }
}
