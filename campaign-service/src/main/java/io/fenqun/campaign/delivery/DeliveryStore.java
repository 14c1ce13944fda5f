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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The sender's SQL, set-based per batch: claim due deliveries, read the policy facts, hold the cap
 * counters, record decisions and outcomes, and take back messages whose sender died.
 */
@ApplicationScoped
public class DeliveryStore {

    /**
     * Claims due messages of running campaigns. SKIP LOCKED lets any number of senders, in any
     * number of replicas, claim disjoint batches without waiting for each other. Both id lists
     * are arrays so that the plan stays a walk along the due index and lookups by primary key even
     * while the table's statistics still describe it before a large audience was planned (joined
     * as sets, the planner then sorted every pending row and scanned the whole table).
     */
    public Uni<List<Claimed>> claim(String worker, int limit, OffsetDateTime now, OffsetDateTime leaseUntil) {
        return NativeSql.of(
                        """
                        UPDATE delivery d SET status = 'SENDING', claimed_by = :worker, lease_until = :leaseUntil,
                               attempts = d.attempts + 1
                         WHERE d.id = ANY(ARRAY(
                               SELECT due.id FROM delivery due
                                WHERE due.status = 'PENDING' AND due.next_attempt_at <= :now
                                  AND due.campaign_id = ANY(ARRAY(SELECT c.id FROM campaign c WHERE c.status = 'RUNNING'))
                                ORDER BY due.next_attempt_at
                                LIMIT :limit
                                  FOR UPDATE OF due SKIP LOCKED))
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
        return NativeSql.of(
                        """
                        INSERT INTO contact_count (customer_id, channel, day, sent)
                        SELECT DISTINCT t.customer, t.channel, CAST(:today AS date), 0
                          FROM unnest(CAST(:customers AS uuid[]), CAST(:channels AS text[])) AS t(customer, channel)
                         ORDER BY 1, 2
                        ON CONFLICT (customer_id, channel, day) DO UPDATE SET sent = contact_count.sent""")
                .bind("customers", customers.toArray(UUID[]::new))
                .bind("channels", channels.stream().map(Channel::name).toArray(String[]::new))
                .bind("today", today)
                .update()
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
                        UPDATE contact_count n SET sent = n.sent + t.messages
                          FROM (SELECT customer, channel, count(*) AS messages
                                  FROM unnest(CAST(:customers AS uuid[]), CAST(:channels AS text[])) AS u(customer, channel)
                                 GROUP BY customer, channel) t
                         WHERE n.customer_id = t.customer AND n.channel = t.channel AND n.day = CAST(:today AS date)""")
                .bind("customers", sending.stream().map(Claimed::customerId).toArray(UUID[]::new))
                .bind("channels", sending.stream().map(c -> c.channel().name()).toArray(String[]::new))
                .bind("today", today)
                .update()
                .replaceWithVoid();
    }

    /**
     * Records that these messages leave the batch: excluded for good, back to PENDING until
     * {@code until} (a deferral, which does not use up an attempt), sent or failed.
     */
    public Uni<Void> settle(String worker, List<Settled> settled, OffsetDateTime now) {
        if (settled.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return settling(worker, settled, now, "").update().replaceWithVoid();
    }

    /**
     * Like {@link #settle}, where messages handed to their channel now keep their claim (status
     * SENDING, {@code handed_at} set); returns the ids this sender still held and so updated.
     */
    public Uni<Set<UUID>> handOver(String worker, List<Settled> settled, OffsetDateTime now) {
        if (settled.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return settling(worker, settled, now, " RETURNING d.id, d.status")
                .rows()
                .map(DeliveryStore::ids);
    }

    /** Only this sender's claims are touched: a message taken back from it after its lease ran out is not. */
    private static NativeSql settling(String worker, List<Settled> settled, OffsetDateTime now, String returning) {
        return NativeSql.of(
                        """
                        UPDATE delivery d
                           SET status = v.status, reason = v.reason,
                               next_attempt_at = coalesce(CAST(v.next_at AS timestamptz), d.next_attempt_at),
                               provider_message_id = coalesce(v.provider_id, d.provider_message_id),
                               sent_at = CASE WHEN v.status = 'SENT' THEN CAST(:now AS timestamptz) ELSE d.sent_at END,
                               attempts = CASE WHEN v.deferred THEN d.attempts - 1 ELSE d.attempts END,
                               handed_at = CASE v.status WHEN 'PENDING' THEN NULL
                                                         WHEN 'SENDING' THEN CAST(:now AS timestamptz)
                                                         ELSE d.handed_at END,
                               cap_counted = d.cap_counted OR v.counted,
                               claimed_by = CASE WHEN v.status = 'SENDING' THEN d.claimed_by END,
                               lease_until = CASE WHEN v.status = 'SENDING' THEN d.lease_until END
                          FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS text[]), CAST(:reasons AS text[]),
                                      CAST(:nextAts AS text[]), CAST(:providerIds AS text[]), CAST(:deferred AS boolean[]),
                                      CAST(:counted AS boolean[]))
                               AS v(id, status, reason, next_at, provider_id, deferred, counted)
                         WHERE d.id = v.id AND d.status = 'SENDING' AND d.claimed_by = :worker"""
                                + returning)
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
                .bind("counted", settled.stream().map(Settled::capCounted).toArray(Boolean[]::new))
                .bind("now", now);
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

    /** Coupons issued to these deliveries on earlier attempts, by delivery id. */
    public Uni<Map<UUID, IssuedCoupon>> coupons(List<UUID> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return NativeSql.of(
                        "SELECT delivery_id, code, valid_until FROM coupon WHERE delivery_id = ANY(CAST(:ids AS uuid[]))")
                .bind("ids", deliveries.toArray(UUID[]::new))
                .rows()
                .map(rows -> {
                    Map<UUID, IssuedCoupon> issued = new HashMap<>();
                    for (Object[] r : rows) {
                        issued.put((UUID) r[0], new IssuedCoupon((UUID) r[0], (String) r[1], Utc.of(r[2])));
                    }
                    return issued;
                });
    }

    /** Issues new coupons; returns the deliveries whose code was free (a collision issues nothing). */
    public Uni<Set<UUID>> issueCoupons(List<CouponRequest> requests) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return NativeSql.of(
                        """
                        INSERT INTO coupon (code, campaign_id, delivery_id, customer_id, valid_from, valid_until)
                        SELECT code, campaign, delivery, customer, CAST(valid_from AS timestamptz),
                               CAST(valid_until AS timestamptz)
                          FROM unnest(CAST(:codes AS text[]), CAST(:campaigns AS uuid[]), CAST(:deliveries AS uuid[]),
                                      CAST(:customers AS uuid[]), CAST(:froms AS text[]), CAST(:untils AS text[]))
                               AS t(code, campaign, delivery, customer, valid_from, valid_until)
                        ON CONFLICT DO NOTHING
                        RETURNING delivery_id, code""")
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
                .rows()
                .map(DeliveryStore::ids);
    }

    /** The delivery ids in the first column of returned rows. */
    private static Set<UUID> ids(List<Object[]> rows) {
        Set<UUID> ids = new HashSet<>();
        for (Object[] r : rows) {
            ids.add((UUID) r[0]);
        }
        return ids;
    }

    /** A delivery leaving the batch: its new status, why, and when to try again if it waits. */
    public record Settled(
            UUID id,
            String status,
            String reason,
            OffsetDateTime nextAttemptAt,
            String providerMessageId,
            boolean deferred,
            boolean capCounted) {

        public Settled(
                UUID id,
                String status,
                String reason,
                OffsetDateTime nextAttemptAt,
                String providerMessageId,
                boolean deferred) {
            this(id, status, reason, nextAttemptAt, providerMessageId, deferred, false);
        }

        /** Handed to its channel now; {@code capCounted}: it has just been counted against the caps. */
        public static Settled handedOver(UUID id, boolean capCounted) {
            return new Settled(id, "SENDING", null, null, null, false, capCounted);
        }
    }

    /** A coupon to issue with a delivery (kept if one was issued on an earlier attempt). */
    public record CouponRequest(
            String code,
            UUID campaignId,
            UUID deliveryId,
            UUID customerId,
            OffsetDateTime validFrom,
            OffsetDateTime validUntil) {}
}
