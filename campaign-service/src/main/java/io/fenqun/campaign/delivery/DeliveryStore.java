package io.fenqun.campaign.delivery;

import io.fenqun.campaign.campaign.Channel;
import io.fenqun.campaign.campaign.Purpose;
import io.fenqun.campaign.db.NativeSql;
import io.fenqun.campaign.policy.ContactFacts;
import io.fenqun.kit.time.Utc;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sender's SQL, set-based per batch: claim due deliveries, read the policy facts, hold the cap
 * counters, record decisions and outcomes, and take back messages whose sender died.
 */
@ApplicationScoped
public class DeliveryStore {

    /**
     * Claims due messages of running campaigns. SKIP LOCKED lets any number of senders, in any
     * number of replicas, claim disjoint batches without waiting for each other.
     */
    public Uni<List<Claimed>> claim(String worker, int limit, OffsetDateTime now, OffsetDateTime leaseUntil) {
        return NativeSql.of(
                        """
                        WITH due AS (
                            SELECT d.id FROM delivery d
                             WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                               AND EXISTS (SELECT 1 FROM campaign c WHERE c.id = d.campaign_id AND c.status = 'RUNNING')
                             ORDER BY d.next_attempt_at
                             LIMIT :limit
                               FOR UPDATE OF d SKIP LOCKED)
                        UPDATE delivery d SET status = 'SENDING', claimed_by = :worker, lease_until = :leaseUntil,
                               attempts = d.attempts + 1
                          FROM due WHERE d.id = due.id
                        RETURNING d.id, d.campaign_id, d.customer_id, d.segment_id, d.channel, d.variant, d.attempts,
                                  d.cap_counted""")
                .bind("worker", worker)
                .bind("limit", limit)
                .bind("now", now)
                .bind("leaseUntil", leaseUntil)
                .rows()
                .map(rows -> rows.stream()
                        .map(r -> new Claimed(
                                (UUID) r[0],
                                (UUID) r[1],
                                (UUID) r[2],
                                (UUID) r[3],
                                Channel.valueOf((String) r[4]),
                                (String) r[5],
                                ((Number) r[6]).intValue(),
                                (Boolean) r[7]))
                        .toList());
    }

    /**
     * Locks today's cap counters of these customers and channels (creating them at zero), in one
     * order, so that two senders with a customer in common take turns: the second reads what the
     * first counted.
     */
    public Uni<Void> lockCaps(List<UUID> customers, List<Channel> channels, LocalDate today) {
        if (customers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = customers.toArray(UUID[]::new);
        String[] names = channels.stream().map(Channel::name).toArray(String[]::new);
        return NativeSql.of(
                        """
                        INSERT INTO contact_count (customer_id, channel, day, sent)
                        SELECT DISTINCT t.customer, t.channel, CAST(:today AS date), 0
                          FROM unnest(CAST(:customers AS uuid[]), CAST(:channels AS text[])) AS t(customer, channel)
                         ORDER BY 1, 2
                        ON CONFLICT DO NOTHING""")
                .bind("customers", ids)
                .bind("channels", names)
                .bind("today", today)
                .update()
                .flatMap(ignored -> NativeSql.of(
                                """
                                SELECT 1 FROM contact_count n
                                 WHERE n.day = CAST(:today AS date)
                                   AND (n.customer_id, n.channel) IN (
                                       SELECT * FROM unnest(CAST(:customers AS uuid[]), CAST(:channels AS text[])))
                                 ORDER BY n.customer_id, n.channel
                                   FOR UPDATE""")
                        .bind("customers", ids)
                        .bind("channels", names)
                        .bind("today", today)
                        .rows())
                .replaceWithVoid();
    }

    /** What the contact policy needs for each claimed message, in one query. */
    public Uni<List<ContactFacts>> facts(
            List<Claimed> claimed, Map<UUID, Purpose> purposes, LocalDate today, LocalDate weekStart) {
        UUID[] ids = claimed.stream().map(Claimed::id).toArray(UUID[]::new);
        UUID[] customers = claimed.stream().map(Claimed::customerId).toArray(UUID[]::new);
        String[] channels = claimed.stream().map(c -> c.channel().name()).toArray(String[]::new);
        String[] purposeNames =
                claimed.stream().map(c -> purposes.get(c.campaignId()).name()).toArray(String[]::new);
        Map<UUID, Claimed> byId = new HashMap<>();
        claimed.forEach(c -> byId.put(c.id(), c));
        return NativeSql.of(
                        """
                        SELECT t.id, cc.granted, dnc.customer_id IS NOT NULL, u.customer_id IS NOT NULL,
                               coalesce(n.today, 0), coalesce(n.week, 0), coalesce(n.month, 0),
                               coalesce(s.weekend_orders, 0), coalesce(s.weekday_orders, 0)
                          FROM unnest(CAST(:ids AS uuid[]), CAST(:customers AS uuid[]), CAST(:channels AS text[]),
                                      CAST(:purposes AS text[])) AS t(id, customer, channel, purpose)
                          LEFT JOIN customer_consent cc
                                 ON cc.customer_id = t.customer AND cc.channel = t.channel AND cc.purpose = t.purpose
                          LEFT JOIN do_not_contact dnc ON dnc.customer_id = t.customer
                          LEFT JOIN unsubscription u ON u.customer_id = t.customer AND u.channel = t.channel
                          LEFT JOIN customer_signal s ON s.customer_id = t.customer
                          LEFT JOIN LATERAL (
                               SELECT sum(c.sent) FILTER (WHERE c.day = CAST(:today AS date)) AS today,
                                      sum(c.sent) FILTER (WHERE c.day >= CAST(:weekStart AS date)) AS week,
                                      sum(c.sent) AS month
                                 FROM contact_count c
                                WHERE c.customer_id = t.customer AND c.channel = t.channel
                                  AND c.day > CAST(:today AS date) - 30) n ON true""")
                .bind("ids", ids)
                .bind("customers", customers)
                .bind("channels", channels)
                .bind("purposes", purposeNames)
                .bind("today", today)
                .bind("weekStart", weekStart)
                .rows()
                .map(rows -> rows.stream()
                        .map(r -> {
                            Claimed c = byId.get((UUID) r[0]);
                            return new ContactFacts(
                                    c.id(),
                                    c.customerId(),
                                    c.channel(),
                                    purposes.get(c.campaignId()),
                                    (Boolean) r[1],
                                    (Boolean) r[2],
                                    (Boolean) r[3],
                                    c.capCounted(),
                                    ((Number) r[4]).intValue(),
                                    ((Number) r[5]).intValue(),
                                    ((Number) r[6]).intValue(),
                                    ((Number) r[7]).intValue(),
                                    ((Number) r[8]).intValue());
                        })
                        .toList());
    }

    /** Counts messages against today's caps (the rows are locked by {@link #lockCaps}). */
    public Uni<Void> countAgainstCaps(List<Claimed> sending, LocalDate today) {
        if (sending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return NativeSql.of(
                        """
                        WITH counted AS (
                            UPDATE delivery SET cap_counted = true WHERE id = ANY(CAST(:ids AS uuid[])) RETURNING id)
                        UPDATE contact_count n SET sent = n.sent + t.messages
                          FROM (SELECT customer, channel, count(*) AS messages
                                  FROM unnest(CAST(:customers AS uuid[]), CAST(:channels AS text[])) AS u(customer, channel)
                                 GROUP BY customer, channel) t
                         WHERE n.customer_id = t.customer AND n.channel = t.channel AND n.day = CAST(:today AS date)""")
                .bind("ids", sending.stream().map(Claimed::id).toArray(UUID[]::new))
                .bind("customers", sending.stream().map(Claimed::customerId).toArray(UUID[]::new))
                .bind("channels", sending.stream().map(c -> c.channel().name()).toArray(String[]::new))
                .bind("today", today)
                .update()
                .replaceWithVoid();
    }

    /**
     * Writes the messages that leave the batch now: excluded for good, or back to PENDING until
     * {@code until} (a deferral, which does not use up an attempt), or sent. Only this sender's
     * claims are touched: a message taken back from it after its lease ran out is not.
     */
    public Uni<Void> settle(String worker, List<Settled> settled, OffsetDateTime now) {
        if (settled.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return NativeSql.of(
                        """
                        UPDATE delivery d
                           SET status = v.status, reason = v.reason,
                               next_attempt_at = coalesce(CAST(v.next_at AS timestamptz), d.next_attempt_at),
                               provider_message_id = coalesce(v.provider_id, d.provider_message_id),
                               sent_at = CASE WHEN v.status = 'SENT' THEN CAST(:now AS timestamptz) ELSE d.sent_at END,
                               attempts = CASE WHEN v.deferred THEN d.attempts - 1 ELSE d.attempts END,
                               handed_at = CASE WHEN v.status = 'PENDING' THEN NULL ELSE d.handed_at END,
                               claimed_by = NULL, lease_until = NULL
                          FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS text[]), CAST(:reasons AS text[]),
                                      CAST(:nextAts AS text[]), CAST(:providerIds AS text[]), CAST(:deferred AS boolean[]))
                               AS v(id, status, reason, next_at, provider_id, deferred)
                         WHERE d.id = v.id AND d.status = 'SENDING' AND d.claimed_by = :worker""")
                .bind("worker", worker)
                .bind("ids", settled.stream().map(Settled::id).toArray(UUID[]::new))
                .bind("statuses", settled.stream().map(Settled::status).toArray(String[]::new))
                .bind("reasons", settled.stream().map(Settled::reason).toArray(String[]::new))
                .bind(
                        "nextAts",
                        settled.stream()
                                .map(s -> s.nextAttemptAt() == null
                                        ? null
                                        : s.nextAttemptAt().toString())
                                .toArray(String[]::new))
                .bind(
                        "providerIds",
                        settled.stream().map(Settled::providerMessageId).toArray(String[]::new))
                .bind("deferred", settled.stream().map(Settled::deferred).toArray(Boolean[]::new))
                .bind("now", now)
                .update()
                .replaceWithVoid();
    }

    /** Marks the moment messages go to their provider: after this a dead sender leaves them in doubt. */
    public Uni<Void> handOver(List<UUID> ids, OffsetDateTime now) {
        return NativeSql.of("UPDATE delivery SET handed_at = :now WHERE id = ANY(CAST(:ids AS uuid[]))")
                .bind("ids", ids.toArray(UUID[]::new))
                .bind("now", now)
                .update()
                .replaceWithVoid();
    }

    /**
     * Takes back messages whose sender's lease ran out: not yet handed over, or on a channel whose
     * provider drops repeats, they are simply due again; otherwise (SMTP) they may have gone out, so
     * they are marked IN_DOUBT rather than risk sending them twice.
     */
    public Uni<Integer> recoverExpired(List<Channel> idempotentChannels, OffsetDateTime now) {
        return NativeSql.of(
                        """
                        UPDATE delivery
                           SET status = CASE WHEN handed_at IS NULL OR channel = ANY(CAST(:idempotent AS text[]))
                                             THEN 'PENDING' ELSE 'IN_DOUBT' END,
                               reason = CASE WHEN handed_at IS NULL OR channel = ANY(CAST(:idempotent AS text[]))
                                             THEN reason ELSE 'sender stopped after handing it to the provider' END,
                               handed_at = NULL, claimed_by = NULL, lease_until = NULL, next_attempt_at = :now
                         WHERE status = 'SENDING' AND lease_until < :now""")
                .bind(
                        "idempotent",
                        idempotentChannels.stream().map(Channel::name).toArray(String[]::new))
                .bind("now", now)
                .update();
    }

    /** Coupons for these deliveries, issuing new codes where none exists yet. */
    public Uni<Map<UUID, IssuedCoupon>> coupons(List<CouponRequest> requests) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return NativeSql.of(
                        """
                        INSERT INTO coupon (code, campaign_id, delivery_id, customer_id, valid_from, valid_until)
                        SELECT code, campaign, delivery, customer, CAST(valid_from AS timestamptz),
                               CAST(valid_until AS timestamptz)
                          FROM unnest(CAST(:codes AS text[]), CAST(:campaigns AS uuid[]), CAST(:deliveries AS uuid[]),
                                      CAST(:customers AS uuid[]), CAST(:froms AS text[]), CAST(:untils AS text[]))
                               AS t(code, campaign, delivery, customer, valid_from, valid_until)
                        ON CONFLICT DO NOTHING""")
                .bind("codes", requests.stream().map(CouponRequest::code).toArray(String[]::new))
                .bind(
                        "campaigns",
                        requests.stream().map(CouponRequest::campaignId).toArray(UUID[]::new))
                .bind(
                        "deliveries",
                        requests.stream().map(CouponRequest::deliveryId).toArray(UUID[]::new))
                .bind(
                        "customers",
                        requests.stream().map(CouponRequest::customerId).toArray(UUID[]::new))
                .bind(
                        "froms",
                        requests.stream().map(r -> r.validFrom().toString()).toArray(String[]::new))
                .bind(
                        "untils",
                        requests.stream().map(r -> r.validUntil().toString()).toArray(String[]::new))
                .update()
                .flatMap(ignored -> NativeSql.of(
                                "SELECT delivery_id, code, valid_until FROM coupon WHERE delivery_id = ANY(CAST(:ids AS uuid[]))")
                        .bind(
                                "ids",
                                requests.stream().map(CouponRequest::deliveryId).toArray(UUID[]::new))
                        .rows())
                .map(rows -> {
                    Map<UUID, IssuedCoupon> issued = new HashMap<>();
                    for (Object[] r : rows) {
                        issued.put((UUID) r[0], new IssuedCoupon((UUID) r[0], (String) r[1], Utc.of(r[2])));
                    }
                    return issued;
                });
    }

    /** A delivery leaving the batch: its new status, why, and when to try again if it waits. */
    public record Settled(
            UUID id,
            String status,
            String reason,
            OffsetDateTime nextAttemptAt,
            String providerMessageId,
            boolean deferred) {}

    /** A coupon to issue with a delivery (kept if one was issued on an earlier attempt). */
    public record CouponRequest(
            String code,
            UUID campaignId,
            UUID deliveryId,
            UUID customerId,
            OffsetDateTime validFrom,
            OffsetDateTime validUntil) {}
}
