package io.fenqun.segment.membership;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenqun.kit.feed.OutboxWriter;
import io.fenqun.segment.dimension.FactsChange;
import io.fenqun.segment.dimension.FactsUpdater;
import io.fenqun.segment.dimension.ThresholdSettings;
import io.fenqun.segment.rule.ClockBoundary;
import io.fenqun.segment.rule.ClockSweep;
import io.fenqun.segment.rule.CustomerFacts;
import io.fenqun.segment.rule.FactsQuery;
import io.fenqun.segment.rule.Field;
import io.fenqun.segment.rule.FieldCatalogue;
import io.fenqun.segment.rule.Rule;
import io.fenqun.segment.rule.RuleEvaluator;
import io.fenqun.segment.rule.SqlCompiler;
import io.fenqun.segment.rule.SqlCondition;
import io.fenqun.segment.segment.Segment;
import io.fenqun.segment.segment.SegmentOrder;
import io.fenqun.segment.segment.SegmentStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps memberships current. On each event one customer is re-labelled and every active segment's
 * rule is evaluated in memory for them; the recompute evaluates each segment's rule compiled to SQL
 * over everyone. Either way only real changes are written, each with its {@code segment.entered} or
 * {@code segment.exited} event in the same transaction. Every method runs in the caller's transaction.
 */
@ApplicationScoped
public class MembershipEngine {

    /** Counts of one population evaluation. */
    public record Changes(int entered, int exited) {}

    private static final FieldCatalogue CATALOGUE = FieldCatalogue.standard();

    /** Notes the customers a statement's {@code exited} and {@code entered} moved, for the segments referring to these. */
    private static final String MOVED =
            FactsChange.MEMBERSHIP.note("SELECT customer_id FROM exited UNION SELECT customer_id FROM entered");

    private final ThresholdSettings settings;
    private final FactsUpdater facts;
    private final SegmentStore segments;
    private final OutboxWriter outbox;
    private final ObjectMapper json;

    public MembershipEngine(
            ThresholdSettings settings,
            FactsUpdater facts,
            SegmentStore segments,
            OutboxWriter outbox,
            ObjectMapper json) {
        this.settings = settings;
        this.facts = facts;
        this.segments = segments;
        this.outbox = outbox;
        this.json = json;
    }

    /** Re-labels one customer and moves them in or out of every active segment. */
    public Uni<Void> refreshCustomer(UUID customerId, OffsetDateTime now) {
        return settings.current()
                .flatMap(current -> facts.updateCustomer(customerId, current.thresholds(), now))
                .flatMap(updated -> loadFacts(customerId, now))
                .flatMap(customerFacts -> customerFacts == null
                        ? Uni.createFrom().voidItem()
                        : segments.active().flatMap(active -> currentSegments(customerId)
                                .flatMap(current -> apply(customerFacts, active, current, now))));
    }

    /** Ends every membership of a customer who is gone (erased, merged away), then forgets their history. */
    public Uni<Void> removeCustomer(UUID customerId, OffsetDateTime now) {
        return segments.active()
                .flatMap(active -> currentSegments(customerId).flatMap(current -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Segment segment : active) {
                        if (current.contains(segment.id())) {
                            chain = chain.flatMap(ignored -> exit(segment, customerId, now));
                        }
                    }
                    return chain;
                }))
                .flatMap(exited -> Panache.getSession()
                        .flatMap(s -> s.createNativeQuery("DELETE FROM membership WHERE customer_id = :id")
                                .setParameter("id", customerId)
                                .executeUpdate()))
                .replaceWithVoid();
    }

    /** Evaluates one segment over everyone with its rule compiled to SQL (a new or changed segment). */
    public Uni<Changes> refreshSegment(Segment segment, OffsetDateTime now) {
        return refresh(segment, now, false, false);
    }

    /**
     * Starts a recompute: the table its facts statements note the customers they change in, with
     * how (see {@link FactsChange}), which lives until the transaction ends.
     */
    public Uni<Integer> startCandidates() {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(FactsChange.CANDIDATES_TABLE).executeUpdate());
    }

    /**
     * Adds to the candidates the customers for whom a segment's rule may answer differently now
     * than at {@code previous} with nothing about them changed (see {@link ClockSweep}).
     */
    public Uni<Void> addClockCandidates(List<Segment> active, OffsetDateTime previous, OffsetDateTime now) {
        Set<ClockBoundary> boundaries = new HashSet<>();
        active.forEach(segment -> segment.rule().collectClockBoundaries(boundaries));
        return ClockSweep.customers(boundaries, previous.toInstant(), now.toInstant(), 1)
                .map(swept -> Panache.getSession().flatMap(s -> {
                    var query = s.createNativeQuery(FactsChange.CLOCK.note(swept.sql()));
                    for (int i = 0; i < swept.parameters().size(); i++) {
                        query.setParameter(1 + i, swept.parameters().get(i));
                    }
                    return query.executeUpdate().replaceWithVoid();
                }))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    /** How many customers the segments of the running recompute are evaluated for. */
    public Uni<Integer> countCandidates() {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("SELECT count(*) FROM recompute_candidate", Long.class)
                        .getSingleResult())
                .map(Long::intValue);
    }

    /**
     * The changes of a candidate (bits of {@link FactsChange}) that can move them in or out of a
     * segment with this rule: those that write a column it reads, the calendar if it reads the
     * clock, memberships if it refers to segments, and always a change of everything.
     */
    static int changesSeenBy(Rule rule) {
        Set<Field> fields = rule.fields();
        int seen = FactsChange.ALL.bit();
        for (FactsChange change : FactsChange.values()) {
            if (change.columns().stream().anyMatch(column -> fields.stream().anyMatch(f -> f.readsFact(column)))) {
                seen |= change.bit();
            }
        }
        if (rule.readsClock()) {
            seen |= FactsChange.CLOCK.bit();
        }
        if (!rule.referencedSegments().isEmpty()) {
            seen |= FactsChange.MEMBERSHIP.bit();
        }
        return seen;
    }

    /**
     * Evaluates one segment in a recompute, for the candidates only or for everyone. Customers who
     * move join the candidates, so segments that refer to this one look at them again.
     */
    public Uni<Changes> refreshInRecompute(Segment segment, OffsetDateTime now, boolean everyone) {
        return refresh(segment, now, !everyone, true);
    }

    /**
     * Evaluates many segments for the recompute's candidates in one statement: one pass over the
     * candidates' facts and current memberships rather than one per segment. For segments that do
     * not refer to other segments (whose new memberships this statement could not see) and, if they
     * read the clock, only after {@link #addClockCandidates}. Customers who move join the candidates.
     */
    public Uni<Changes> refreshCandidates(List<Segment> batch, OffsetDateTime now) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(new Changes(0, 0));
        }
        List<Object> parameters = new ArrayList<>();
        List<String> tests = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Segment segment : batch) {
            parameters.add(segment.id());
            String id = "CAST(?" + (2 + parameters.size()) + " AS uuid)";
            int changes = changesSeenBy(segment.rule());
            SqlCondition condition = SqlCompiler.compile(segment.rule(), now.toInstant(), 3 + parameters.size());
            parameters.addAll(condition.parameters());
            tests.add("SELECT " + id + " WHERE (k.changes & " + changes + ") <> 0 AND " + condition.sql());
            seen.add("(" + id + ", " + changes + ")");
        }
        String sql =
                """
                WITH base AS (
                    SELECT CAST(e->>'segmentId' AS uuid) AS segment_id, e AS event
                      FROM jsonb_array_elements(CAST(CAST(?2 AS text) AS jsonb)) e),
                -- Each segment looks only at the candidates with a change its rule can see.
                seen (segment_id, changes) AS (VALUES %s),
                now_in AS (
                    SELECT s.segment_id, c.id AS customer_id
                      FROM recompute_candidate k JOIN customer c ON c.id = k.customer_id
                      JOIN customer_facts f ON f.customer_id = c.id
                     CROSS JOIN LATERAL (%s) s(segment_id)),
                -- Each candidate's memberships from the customer index alone (the inner OFFSET 0
                -- keeps it a lateral lookup: joined plainly the planner scanned every membership,
                -- measured 1.8x slower at a million), then matched to the segments in one hash join
                -- (the outer OFFSET 0: otherwise each candidate's few rows were joined on their own;
                -- measured at a million, the whole statement took about 4 s that way, 3.4 s this way).
                was_in AS (
                    SELECT m.segment_id, m.customer_id
                      FROM (SELECT k.changes, m.segment_id, m.customer_id
                              FROM recompute_candidate k
                             CROSS JOIN LATERAL (
                                    SELECT m.segment_id, m.customer_id FROM membership m
                                     WHERE m.customer_id = k.customer_id AND m.exited_at IS NULL OFFSET 0) m
                            OFFSET 0) m
                      JOIN seen s ON s.segment_id = m.segment_id AND (m.changes & s.changes) <> 0),
                -- The rows to end found one by one by key, then updated by their place in the table:
                -- joined on segment and customer the planner would read every membership.
                exited AS (
                    UPDATE membership m SET exited_at = ?1
                     WHERE m.ctid = ANY(ARRAY(
                               SELECT (SELECT c.ctid FROM membership c
                                        WHERE c.segment_id = w.segment_id AND c.customer_id = w.customer_id
                                          AND c.exited_at IS NULL)
                                 FROM was_in w
                                WHERE NOT EXISTS (SELECT 1 FROM now_in n
                                                   WHERE n.segment_id = w.segment_id AND n.customer_id = w.customer_id)))
                       AND m.exited_at IS NULL
                    RETURNING m.segment_id, m.customer_id),
                entered AS (
                    INSERT INTO membership (segment_id, customer_id, entered_at)
                    SELECT n.segment_id, n.customer_id, ?1 FROM now_in n
                     WHERE NOT EXISTS (SELECT 1 FROM was_in w
                                        WHERE w.segment_id = n.segment_id AND w.customer_id = n.customer_id)
                    RETURNING segment_id, customer_id),
                moved AS (%s),
                events AS (
                    INSERT INTO feed_event (id, type, subject, data)
                    SELECT uuid_v7(), 'segment.exited', x.customer_id::text,
                           b.event || jsonb_build_object('customerId', x.customer_id)
                      FROM exited x JOIN base b ON b.segment_id = x.segment_id
                    UNION ALL
                    SELECT uuid_v7(), 'segment.entered', x.customer_id::text,
                           b.event || jsonb_build_object('customerId', x.customer_id)
                      FROM entered x JOIN base b ON b.segment_id = x.segment_id
                    RETURNING type)
                SELECT (count(*) FILTER (WHERE type = 'segment.entered'))::int,
                       (count(*) FILTER (WHERE type = 'segment.exited'))::int
                  FROM events"""
                        .formatted(String.join(", ", seen), String.join(" UNION ALL ", tests), MOVED);
        List<MembershipEvent> bases = batch.stream()
                .map(segment -> MembershipEvent.withoutCustomer(segment, now))
                .toList();
        return Panache.getSession().flatMap(s -> {
            var query = s.createNativeQuery(sql, Object[].class)
                    .setParameter(1, now)
                    .setParameter(2, toJson(bases));
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(3 + i, parameters.get(i));
            }
            return query.getSingleResult()
                    .map(row -> new Changes(((Number) row[0]).intValue(), ((Number) row[1]).intValue()));
        });
    }

    private Uni<Changes> refresh(Segment segment, OffsetDateTime now, boolean candidatesOnly, boolean noteMoves) {
        SqlCondition condition = SqlCompiler.compile(segment.rule(), now.toInstant(), 4);
        String sql =
                """
                WITH target AS (
                    SELECT c.id FROM %s JOIN customer_facts f ON f.customer_id = c.id WHERE %s),
                exited AS (
                    UPDATE membership m SET exited_at = ?2 %s
                     WHERE m.segment_id = ?1 AND m.exited_at IS NULL %s
                       AND NOT EXISTS (SELECT 1 FROM target t WHERE t.id = m.customer_id)
                    RETURNING m.customer_id),
                entered AS (
                    INSERT INTO membership (segment_id, customer_id, entered_at)
                    SELECT ?1, t.id, ?2 FROM target t
                     WHERE NOT EXISTS (SELECT 1 FROM membership m
                                        WHERE m.segment_id = ?1 AND m.customer_id = t.id AND m.exited_at IS NULL)
                    RETURNING customer_id),%s
                events AS (
                    INSERT INTO feed_event (id, type, subject, data)
                    SELECT uuid_v7(), 'segment.exited', customer_id::text,
                           CAST(CAST(?3 AS text) AS jsonb) || jsonb_build_object('customerId', customer_id) FROM exited
                    UNION ALL
                    SELECT uuid_v7(), 'segment.entered', customer_id::text,
                           CAST(CAST(?3 AS text) AS jsonb) || jsonb_build_object('customerId', customer_id) FROM entered
                    RETURNING type)
                SELECT (count(*) FILTER (WHERE type = 'segment.entered'))::int,
                       (count(*) FILTER (WHERE type = 'segment.exited'))::int
                  FROM events"""
                        .formatted(
                                candidatesOnly
                                        ? "recompute_candidate k JOIN customer c ON c.id = k.customer_id"
                                        : "customer c",
                                condition.sql(),
                                candidatesOnly ? "FROM recompute_candidate k" : "",
                                candidatesOnly ? "AND k.customer_id = m.customer_id" : "",
                                noteMoves ? "\nmoved AS (" + MOVED + ")," : "");
        return Panache.getSession().flatMap(s -> {
            var query = s.createNativeQuery(sql, Object[].class)
                    .setParameter(1, segment.id())
                    .setParameter(2, now)
                    .setParameter(3, toJson(MembershipEvent.withoutCustomer(segment, now)));
            List<Object> parameters = condition.parameters();
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(4 + i, parameters.get(i));
            }
            return query.getSingleResult()
                    .map(row -> new Changes(((Number) row[0]).intValue(), ((Number) row[1]).intValue()));
        });
    }

    /** Ends every current membership of an archived segment. */
    public Uni<Changes> closeSegment(Segment segment, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                """
                                WITH exited AS (
                                    UPDATE membership SET exited_at = :now
                                     WHERE segment_id = :segment AND exited_at IS NULL RETURNING customer_id)
                                INSERT INTO feed_event (id, type, subject, data)
                                SELECT uuid_v7(), 'segment.exited', customer_id::text,
                                       CAST(CAST(:base AS text) AS jsonb) || jsonb_build_object('customerId', customer_id)
                                  FROM exited""")
                        .setParameter("now", now)
                        .setParameter("segment", segment.id())
                        .setParameter("base", toJson(MembershipEvent.withoutCustomer(segment, now)))
                        .executeUpdate())
                .map(exited -> new Changes(0, exited));
    }

    private Uni<Void> apply(CustomerFacts customer, List<Segment> active, Set<UUID> current, OffsetDateTime now) {
        Set<UUID> members = new HashSet<>(current);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Segment segment : SegmentOrder.evaluationOrder(active)) {
            boolean matches = RuleEvaluator.matches(segment.rule(), customer, members, now.toInstant());
            boolean was = current.contains(segment.id());
            if (matches) {
                members.add(segment.id());
            } else {
                members.remove(segment.id());
            }
            if (matches && !was) {
                chain = chain.flatMap(ignored -> enter(segment, customer.customerId(), now));
            } else if (!matches && was) {
                chain = chain.flatMap(ignored -> exit(segment, customer.customerId(), now));
            }
        }
        return chain;
    }

    private Uni<Void> enter(Segment segment, UUID customerId, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "INSERT INTO membership (segment_id, customer_id, entered_at) VALUES (:segment, :customer, :now)")
                        .setParameter("segment", segment.id())
                        .setParameter("customer", customerId)
                        .setParameter("now", now)
                        .executeUpdate())
                .flatMap(ignored -> outbox.append(
                        MembershipEvent.ENTERED, customerId, MembershipEvent.of(segment, customerId, now)))
                .replaceWithVoid();
    }

    private Uni<Void> exit(Segment segment, UUID customerId, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("UPDATE membership SET exited_at = :now"
                                + " WHERE segment_id = :segment AND customer_id = :customer AND exited_at IS NULL")
                        .setParameter("segment", segment.id())
                        .setParameter("customer", customerId)
                        .setParameter("now", now)
                        .executeUpdate())
                .flatMap(ignored ->
                        outbox.append(MembershipEvent.EXITED, customerId, MembershipEvent.of(segment, customerId, now)))
                .replaceWithVoid();
    }

    private Uni<CustomerFacts> loadFacts(UUID customerId, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(FactsQuery.ONE_CUSTOMER, Object[].class)
                        .setParameter("id", customerId)
                        .setParameter("now", now)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : FactsQuery.fromRow(CATALOGUE, rows.get(0)));
    }

    private Uni<Set<UUID>> currentSegments(UUID customerId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "SELECT segment_id FROM membership WHERE customer_id = :id AND exited_at IS NULL",
                                UUID.class)
                        .setParameter("id", customerId)
                        .getResultList())
                .map(HashSet::new);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
