package io.fenqun.profile.loyalty;

import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Caller;
import io.fenqun.kit.time.Utc;
import io.fenqun.profile.customer.Customer;
import io.fenqun.profile.customer.CustomerAccess;
import io.fenqun.profile.customer.CustomerRepository;
import io.fenqun.profile.customer.CustomerService;
import io.fenqun.profile.customer.CustomerSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The points ledger. Earning, refund reversals and expiry are reconciled set-based from the
 * orders table, so orders recorded through the API and through imports earn the same way; each
 * customer whose balance or tier changes is announced ({@code points.changed}, and
 * {@code customer.updated} for a new tier).
 */
@ApplicationScoped
public class LoyaltyService {

    public static final String POINTS_CHANGED = "points.changed";
    private static final long LOYALTY_LOCK = 0x4c4f59414cL; // "LOYAL": one reconciliation at a time

    private final LoyaltyRules rules;
    private final CustomerRepository customers;
    private final PointsLedger ledger;

    public LoyaltyService(
            CustomerRepository customers,
            PointsLedger ledger,
            @ConfigProperty(name = "fenqun.loyalty.points-per-unit", defaultValue = "1") BigDecimal pointsPerUnit,
            @ConfigProperty(name = "fenqun.loyalty.lifetime", defaultValue = "P365D") Duration lifetime,
            @ConfigProperty(
                            name = "fenqun.loyalty.tiers",
                            defaultValue = "STANDARD:0,SILVER:1000,GOLD:5000,PLATINUM:20000")
                    String tiers) {
        this.customers = customers;
        this.ledger = ledger;
        this.rules = new LoyaltyRules(pointsPerUnit, lifetime, LoyaltyRules.parseTiers(tiers));
    }

    public LoyaltyRules rules() {
        return rules;
    }

    @Scheduled(
            every = "${fenqun.loyalty.reconcile-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledReconcile() {
        return reconcile().replaceWithVoid();
    }

    /** Earns points for paid orders, reverses refunded ones, expires old lots; returns customers touched. */
    @WithTransaction
    public Uni<Integer> reconcile() {
        return session().flatMap(s -> s.createNativeQuery("SELECT pg_advisory_xact_lock(" + LOYALTY_LOCK + ")")
                .getSingleResult()
                .flatMap(ignored -> s.createNativeQuery("CREATE TEMP TABLE IF NOT EXISTS points_touched"
                                + " (customer_id uuid PRIMARY KEY) ON COMMIT DROP")
                        .executeUpdate())
                .flatMap(ignored -> s.createNativeQuery(
                                """
                                WITH earned AS (
                                    INSERT INTO points_entry (id, customer_id, kind, points, remaining, order_id, reason, expires_at)
                                    SELECT uuid_v7(), o.customer_id, 'EARN', floor(o.total * :rate)::bigint,
                                           floor(o.total * :rate)::bigint, o.id, 'order', o.ordered_at + make_interval(secs => :lifetimeSeconds)
                                      FROM customer_order o JOIN customer c ON c.id = o.customer_id AND c.status = 'ACTIVE'
                                     WHERE o.status = 'PAID' AND floor(o.total * :rate) > 0
                                       AND NOT EXISTS (SELECT 1 FROM points_entry p WHERE p.order_id = o.id AND p.kind = 'EARN')
                                    RETURNING customer_id)
                                INSERT INTO points_touched SELECT DISTINCT customer_id FROM earned ON CONFLICT DO NOTHING""")
                        .setParameter("rate", rules.pointsPerUnit())
                        .setParameter(
                                "lifetimeSeconds", (double) rules.lifetime().toSeconds())
                        .executeUpdate())
                .flatMap(ignored -> s.createNativeQuery(
                                """
                                WITH reversed AS (
                                    INSERT INTO points_entry (id, customer_id, kind, points, order_id, reason)
                                    SELECT uuid_v7(), e.customer_id, 'REVERSE', -e.points, e.order_id, 'order ' || lower(o.status)
                                      FROM points_entry e JOIN customer_order o ON o.id = e.order_id
                                     WHERE e.kind = 'EARN' AND o.status <> 'PAID'
                                       AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.order_id = e.order_id AND r.kind = 'REVERSE')
                                    RETURNING customer_id, order_id),
                                closed AS (UPDATE points_entry e SET remaining = 0 FROM reversed r
                                            WHERE e.order_id = r.order_id AND e.kind = 'EARN')
                                INSERT INTO points_touched SELECT DISTINCT customer_id FROM reversed ON CONFLICT DO NOTHING""")
                        .executeUpdate())
                .flatMap(ignored -> s.createNativeQuery(
                                """
                                WITH due AS (SELECT id, customer_id, remaining FROM points_entry
                                              WHERE remaining > 0 AND expires_at <= now() FOR UPDATE),
                                cleared AS (UPDATE points_entry p SET remaining = 0 FROM due WHERE p.id = due.id),
                                expired AS (INSERT INTO points_entry (id, customer_id, kind, points, reason)
                                            SELECT uuid_v7(), customer_id, 'EXPIRE', -sum(remaining), 'expired'
                                              FROM due GROUP BY customer_id RETURNING customer_id)
                                INSERT INTO points_touched SELECT customer_id FROM expired ON CONFLICT DO NOTHING""")
                        .executeUpdate())
                .flatMap(ignored -> announceTouched(s)));
    }

    /** New tiers and events for every customer in points_touched; returns how many. */
    private Uni<Integer> announceTouched(Mutiny.Session s) {
        return s.createNativeQuery("WITH retiered AS (UPDATE customer c SET membership_tier = t.tier,"
                        + " version = c.version + 1, updated_at = now() FROM (SELECT pt.customer_id, "
                        + rules.tierSql("coalesce(e.earned, 0)") + " AS tier FROM points_touched pt LEFT JOIN"
                        + " (SELECT customer_id, sum(points) AS earned FROM points_entry WHERE kind IN ('EARN', 'REVERSE')"
                        + " AND created_at > now() - interval '365 days' GROUP BY customer_id) e"
                        + " ON e.customer_id = pt.customer_id) t WHERE c.id = t.customer_id"
                        + " AND c.membership_tier IS DISTINCT FROM t.tier RETURNING c.*)"
                        + " INSERT INTO feed_event (id, type, subject, data) SELECT uuid_v7(), 'customer.updated',"
                        + " c.id::text, " + CustomerSql.JSON + " FROM retiered c")
                .executeUpdate()
                .flatMap(ignored -> s.createNativeQuery(
                                """
                                INSERT INTO feed_event (id, type, subject, data)
                                SELECT uuid_v7(), 'points.changed', pt.customer_id::text,
                                       jsonb_build_object('customerId', pt.customer_id, 'balance',
                                           (SELECT coalesce(sum(points), 0) FROM points_entry p WHERE p.customer_id = pt.customer_id),
                                           'tier', c.membership_tier,
                                           'nextExpiry', (SELECT min(p.expires_at) FROM points_entry p
                                                           WHERE p.customer_id = pt.customer_id AND p.remaining > 0))
                                  FROM points_touched pt JOIN customer c ON c.id = pt.customer_id""")
                        .executeUpdate());
    }

    @WithSession
    public Uni<PointsSummary> summary(UUID customerId, Caller caller) {
        return visible(customerId, caller).flatMap(c -> session()
                .flatMap(s -> s.createNativeQuery(
                                "SELECT coalesce(sum(points), 0), coalesce(sum(points) FILTER (WHERE kind IN ('EARN', 'REVERSE')"
                                        + " AND created_at > now() - interval '365 days'), 0),"
                                        + " min(expires_at) FILTER (WHERE remaining > 0),"
                                        + " coalesce(sum(remaining) FILTER (WHERE expires_at <= now() + interval '30 days'), 0)"
                                        + " FROM points_entry WHERE customer_id = :id",
                                Object[].class)
                        .setParameter("id", customerId)
                        .getSingleResult())
                .map(row -> PointsSummary.of(
                        customerId,
                        ((Number) row[0]).longValue(),
                        ((Number) row[1]).longValue(),
                        Utc.of(row[2]),
                        ((Number) row[3]).longValue(),
                        rules)));
    }

    @WithSession
    public Uni<Page<PointsEntry>> ledger(UUID customerId, PageRequest page, Caller caller) {
        UUID after = page.after() == null ? null : io.fenqun.kit.ids.Ids.parse(page.after(), "Cursor");
        return visible(customerId, caller)
                .flatMap(c -> ledger.list(customerId, after, page.fetchSize()))
                .map(list -> page.page(list, e -> e.id().toString()));
    }

    /** Spends points, oldest lots first; more than the balance is a conflict. */
    @WithTransaction
    public Uni<PointsEntry> redeem(UUID customerId, PointsChange change, Caller caller) {
        if (change.points() < 1) {
            throw ProblemException.invalidField("points", "must be at least 1 to redeem");
        }
        return change(customerId, -change.points(), "REDEEM", change.reason(), caller);
    }

    /** A correction by staff, up (a new lot) or down (spent like a redemption). */
    @WithTransaction
    public Uni<PointsEntry> adjust(UUID customerId, PointsChange change, Caller caller) {
        if (change.points() == 0) {
            throw ProblemException.invalidField("points", "must not be 0");
        }
        return change(customerId, change.points(), "ADJUST", change.reason(), caller);
    }

    private Uni<PointsEntry> change(UUID customerId, long points, String kind, String reason, Caller caller) {
        return visible(customerId, caller).flatMap(customer -> {
            CustomerService.requireActive(customer);
            return session()
                    .flatMap(s -> s.createNativeQuery("SELECT id FROM customer WHERE id = :id FOR UPDATE", Object.class)
                            .setParameter("id", customerId)
                            .getSingleResult()
                            .flatMap(locked -> s.createNativeQuery(
                                            "SELECT coalesce(sum(points), 0) FROM points_entry WHERE customer_id = :id",
                                            Long.class)
                                    .setParameter("id", customerId)
                                    .getSingleResult())
                            .flatMap(balance -> {
                                if (points < 0 && balance + points < 0) {
                                    throw ProblemException.conflict(
                                            "The balance is " + balance + " points, fewer than " + -points);
                                }
                                return points < 0
                                        ? spend(s, customerId, -points)
                                        : Uni.createFrom().voidItem();
                            })
                            .flatMap(ignored ->
                                    ledger.record(customerId, kind, points, reason, caller.userId(), rules.lifetime()))
                            .call(entry -> s.createNativeQuery(
                                            "CREATE TEMP TABLE IF NOT EXISTS points_touched (customer_id uuid PRIMARY KEY)"
                                                    + " ON COMMIT DROP")
                                    .executeUpdate()
                                    .flatMap(ignored -> s.createNativeQuery(
                                                    "INSERT INTO points_touched VALUES (:id) ON CONFLICT DO NOTHING")
                                            .setParameter("id", customerId)
                                            .executeUpdate())
                                    .flatMap(ignored -> announceTouched(s))));
        });
    }

    /** Takes points from the open lots that expire first. */
    private static Uni<Void> spend(Mutiny.Session s, UUID customerId, long points) {
        return s.createNativeQuery(
                        """
                        WITH lots AS (SELECT id, remaining, sum(remaining) OVER (ORDER BY expires_at, created_at, id) AS running
                                        FROM points_entry WHERE customer_id = :id AND remaining > 0)
                        UPDATE points_entry p SET remaining = least(l.remaining, greatest(0, l.running - :points))
                          FROM lots l WHERE p.id = l.id AND l.running - l.remaining < :points""")
                .setParameter("id", customerId)
                .setParameter("points", points)
                .executeUpdate()
                .replaceWithVoid();
    }

    private Uni<Customer> visible(UUID customerId, Caller caller) {
        return customers.findById(customerId).map(c -> CustomerAccess.requireVisible(caller, c, customerId));
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
