package io.fenqun.segment.membership;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /** Notes the customers a statement moved, for the segments referring to these. */
    private static final String MOVED =
            FactsChange.MEMBERSHIP.note("SELECT customer_id FROM updated UNION ALL SELECT customer_id FROM created");

    private final ThresholdSettings settings;
    private final FactsUpdater facts;
    private final SegmentStore segments;
    private final ObjectMapper json;

    public MembershipEngine(ThresholdSettings settings, FactsUpdater facts, SegmentStore segments, ObjectMapper json) {
        this.settings = settings;
        this.facts = facts;
        this.segments = segments;
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
                .flatMap(active -> currentSegments(customerId)
                        .flatMap(current -> moveCustomer(customerId, active, current, Set.of(), now)))
                .flatMap(exited -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "WITH ended AS (DELETE FROM ended_membership WHERE customer_id = :id)"
                                        + " DELETE FROM customer_segments WHERE customer_id = :id")
                        .setParameter("id", customerId)
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** Evaluates one segment over everyone with its rule compiled to SQL (a new or changed segment). */
    public Uni<Changes> refreshSegment(Segment segment, OffsetDateTime now) {
        return refresh(segment, ruleCondition(segment, now), now, false, false);
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
        return refresh(segment, ruleCondition(segment, now), now, !everyone, true);
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
        int customerChanges = 0;
        for (Segment segment : batch) {
            parameters.add(segment.id());
            String id = "CAST(?" + (2 + parameters.size()) + " AS uuid)";
            int changes = changesSeenBy(segment.rule());
            if (segment.rule().fields().stream().anyMatch(Field::readsCustomer)) {
                customerChanges |= changes;
            }
            SqlCondition condition = SqlCompiler.compile(segment.rule(), now.toInstant(), 3 + parameters.size());
            parameters.addAll(condition.parameters());
            tests.add("SELECT " + id + " WHERE (k.changes & " + changes + ") <> 0 AND " + condition.sql());
            seen.add("(" + id + ", " + changes + ")");
        }
        String sql = moveStatement(
                """
                -- Each segment looks only at the candidates with a change its rule can see.
                seen (segment_id, changes) AS (VALUES %s),
                -- The customer's own row is read only for candidates with a change that a rule
                -- reading it can see (the OFFSET 0 keeps that test before the lookup).
                now_in AS (
                    SELECT k.customer_id, s.segment_id
                      FROM recompute_candidate k JOIN customer_facts f ON f.customer_id = k.customer_id
                      LEFT JOIN LATERAL (SELECT * FROM customer c
                                          WHERE c.id = k.customer_id AND (k.changes & %d) <> 0 OFFSET 0) c ON true
                     CROSS JOIN LATERAL (%s) s(segment_id)),
                was_in AS (
                    SELECT k.customer_id, m.segment_id, m.entered_at
                      FROM recompute_candidate k JOIN customer_segments cs ON cs.customer_id = k.customer_id
                     CROSS JOIN LATERAL unnest(cs.segment_ids, cs.entered_at) m(segment_id, entered_at)
                      JOIN seen s ON s.segment_id = m.segment_id AND (k.changes & s.changes) <> 0)"""
                        .formatted(String.join(", ", seen), customerChanges, String.join(" UNION ALL ", tests)),
                true);
        return execute(sql, now, batch, parameters);
    }

    /** Ends every current membership of an archived segment. */
    public Uni<Changes> closeSegment(Segment segment, OffsetDateTime now) {
        return refresh(segment, new SqlCondition("false", List.of()), now, false, false);
    }

    /** A segment's rule as the condition of {@link #refresh}, whose own parameters take ?1 to ?3. */
    private static SqlCondition ruleCondition(Segment segment, OffsetDateTime now) {
        return SqlCompiler.compile(segment.rule(), now.toInstant(), 4);
    }

    /** Evaluates one segment's condition (parameters from ?4) for everyone or for the recompute's candidates. */
    private Uni<Changes> refresh(
            Segment segment, SqlCondition condition, OffsetDateTime now, boolean candidatesOnly, boolean noteMoves) {
        String sql = moveStatement(
                """
                now_in AS (
                    SELECT c.id AS customer_id, CAST(?3 AS uuid) AS segment_id
                      FROM %s JOIN customer_facts f ON f.customer_id = c.id WHERE %s),
                was_in AS (
                    SELECT cs.customer_id, CAST(?3 AS uuid) AS segment_id,
                           entry_time(cs.segment_ids, cs.entered_at, CAST(?3 AS uuid)) AS entered_at
                      FROM customer_segments cs %s
                     WHERE cs.segment_ids @> ARRAY[CAST(?3 AS uuid)])"""
                        .formatted(
                                candidatesOnly
                                        ? "recompute_candidate k JOIN customer c ON c.id = k.customer_id"
                                        : "customer c",
                                condition.sql(),
                                candidatesOnly ? "JOIN recompute_candidate k ON k.customer_id = cs.customer_id" : ""),
                noteMoves);
        List<Object> parameters = new ArrayList<>();
        parameters.add(segment.id());
        parameters.addAll(condition.parameters());
        return execute(sql, now, List.of(segment), parameters);
    }

    /**
     * Moves one customer, evaluated in memory, from the {@code current} segments to the
     * {@code matched} ones among the {@code active}.
     */
    private Uni<Changes> moveCustomer(
            UUID customerId, List<Segment> active, Set<UUID> current, Set<UUID> matched, OffsetDateTime now) {
        List<Segment> moving = active.stream()
                .filter(segment -> current.contains(segment.id()) != matched.contains(segment.id()))
                .toList();
        if (moving.isEmpty()) {
            return Uni.createFrom().item(new Changes(0, 0));
        }
        String sql = moveStatement(
                """
                now_in AS (
                    SELECT CAST(?3 AS uuid) AS customer_id, s AS segment_id FROM unnest(CAST(?4 AS uuid[])) s),
                was_in AS (
                    SELECT cs.customer_id, m.segment_id, m.entered_at
                      FROM customer_segments cs
                     CROSS JOIN LATERAL unnest(cs.segment_ids, cs.entered_at) m(segment_id, entered_at)
                     WHERE cs.customer_id = CAST(?3 AS uuid) AND m.segment_id = ANY(CAST(?5 AS uuid[])))""",
                false);
        UUID[] evaluated = active.stream().map(Segment::id).toArray(UUID[]::new);
        return execute(sql, now, moving, List.of(customerId, matched.toArray(UUID[]::new), evaluated));
    }

    /**
     * The one statement every change of memberships goes through. The given CTEs name where the
     * customers looked at belong now, {@code now_in (customer_id, segment_id)}, and where they were
     * among the same segments, {@code was_in (customer_id, segment_id, entered_at)}; {@code ?1} is
     * the time of the change and {@code ?2} the event payloads of the segments that may move. Each
     * changed customer's row of current memberships is rewritten once, every ended stay is kept,
     * and every move gets its event. A row that a concurrent transaction rewrote after this
     * statement began is left as that transaction wrote it: it looked at the customer later.
     */
    private static String moveStatement(String nowInAndWasIn, boolean noteMoves) {
        return """
                WITH base AS (
                    SELECT CAST(e->>'segmentId' AS uuid) AS segment_id, e AS event
                      FROM jsonb_array_elements(CAST(CAST(?2 AS text) AS jsonb)) e),
                %s,
                moves AS (
                    SELECT coalesce(w.customer_id, n.customer_id) AS customer_id,
                           coalesce(w.segment_id, n.segment_id) AS segment_id,
                           w.entered_at, n.customer_id IS NOT NULL AS entering
                      FROM was_in w FULL JOIN now_in n ON n.customer_id = w.customer_id AND n.segment_id = w.segment_id
                     WHERE w.customer_id IS NULL OR n.customer_id IS NULL),
                changed AS (
                    SELECT customer_id,
                           coalesce(array_agg(segment_id) FILTER (WHERE entering), '{}') AS entering,
                           coalesce(array_agg(segment_id) FILTER (WHERE NOT entering), '{}') AS exiting
                      FROM moves GROUP BY customer_id),
                updated AS (
                    UPDATE customer_segments cs
                       SET (segment_ids, entered_at) = (
                               SELECT coalesce(array_agg(m.segment_id), '{}'), coalesce(array_agg(m.entered_at), '{}')
                                 FROM (SELECT u.segment_id, u.entered_at
                                         FROM unnest(cs.segment_ids, cs.entered_at) u(segment_id, entered_at)
                                        WHERE u.segment_id <> ALL (x.exiting)
                                       UNION ALL
                                       SELECT e, CAST(?1 AS timestamptz) FROM unnest(x.entering) e) m)
                      FROM changed x JOIN customer_segments r ON r.customer_id = x.customer_id
                     WHERE cs.customer_id = x.customer_id AND cs.segment_ids = r.segment_ids
                    RETURNING cs.customer_id),
                -- A first row for a customer who has none; one who has (and is updated above) conflicts.
                created AS (
                    INSERT INTO customer_segments (customer_id, segment_ids, entered_at)
                    SELECT x.customer_id, x.entering,
                           array_fill(CAST(?1 AS timestamptz), ARRAY[cardinality(x.entering)])
                      FROM changed x
                    ON CONFLICT (customer_id) DO NOTHING
                    RETURNING customer_id),
                moved AS (
                    SELECT m.* FROM moves m
                     WHERE m.customer_id IN (SELECT customer_id FROM updated UNION ALL SELECT customer_id FROM created)),
                ended AS (
                    INSERT INTO ended_membership (segment_id, customer_id, entered_at, exited_at)
                    SELECT segment_id, customer_id, entered_at, CAST(?1 AS timestamptz) FROM moved WHERE NOT entering),%s
                events AS (
                    INSERT INTO feed_event (id, type, subject, data)
                    SELECT uuid_v7(), CASE WHEN x.entering THEN '%s' ELSE '%s' END, x.customer_id::text,
                           b.event || jsonb_build_object('customerId', x.customer_id)
                      FROM moved x JOIN base b ON b.segment_id = x.segment_id
                    RETURNING type)
                SELECT (count(*) FILTER (WHERE type = '%s'))::int,
                       (count(*) FILTER (WHERE type = '%s'))::int
                  FROM events"""
                .formatted(
                        nowInAndWasIn,
                        noteMoves ? "\nmoved_noted AS (" + MOVED + ")," : "",
                        MembershipEvent.ENTERED,
                        MembershipEvent.EXITED,
                        MembershipEvent.ENTERED,
                        MembershipEvent.EXITED);
    }

    /** Runs a {@link #moveStatement} with its parameters from ?3. */
    private Uni<Changes> execute(String sql, OffsetDateTime now, List<Segment> moving, List<Object> parameters) {
        List<MembershipEvent> bases =
                moving.stream().map(segment -> MembershipEvent.of(segment, now)).toList();
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

    private Uni<Void> apply(CustomerFacts customer, List<Segment> active, Set<UUID> current, OffsetDateTime now) {
        Set<UUID> members = new HashSet<>(current);
        for (Segment segment : SegmentOrder.evaluationOrder(active)) {
            if (RuleEvaluator.matches(segment.rule(), customer, members, now.toInstant())) {
                members.add(segment.id());
            } else {
                members.remove(segment.id());
            }
        }
        return moveCustomer(customer.customerId(), active, current, members, now)
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

    /**
     * The customer's current segments, their row locked until the transaction ends: a recompute
     * rewriting it meanwhile is waited for, and this customer is then evaluated on what it wrote.
     */
    private Uni<Set<UUID>> currentSegments(UUID customerId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                """
                                SELECT m.segment_id FROM customer_segments cs
                                  LEFT JOIN LATERAL unnest(cs.segment_ids) m(segment_id) ON true
                                 WHERE cs.customer_id = :id FOR UPDATE OF cs""",
                                UUID.class)
                        .setParameter("id", customerId)
                        .getResultList())
                .map(ids -> {
                    Set<UUID> current = new HashSet<>(ids);
                    current.remove(null);
                    return current;
                });
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
