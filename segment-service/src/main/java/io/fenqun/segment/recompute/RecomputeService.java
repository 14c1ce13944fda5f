package io.fenqun.segment.recompute;

import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.time.Utc;
import io.fenqun.segment.dimension.FactsUpdater;
import io.fenqun.segment.dimension.ThresholdSettings;
import io.fenqun.segment.membership.MembershipEngine;
import io.fenqun.segment.report.Snapshots;
import io.fenqun.segment.segment.Segment;
import io.fenqun.segment.segment.SegmentOrder;
import io.fenqun.segment.segment.SegmentStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The whole-population recompute, set-based in PostgreSQL, in one transaction, one at a time
 * across replicas. Events keep each customer's aggregates current, so a recompute aggregates again
 * only the customers whose orders left a time window since the previous one (everyone on a first
 * run, after the thresholds change, or when asked), then takes fresh cut points from everyone and
 * relabels the customers they or the calendar moved (everyone on a first run), then evaluates each
 * segment for the customers whose facts changed in a way its rule can see and those a rule that
 * reads the clock may now answer differently for, then takes today's snapshot.
 */
@ApplicationScoped
public class RecomputeService {

    private static final long RECOMPUTE_LOCK = 0x5345474d454e54L; // "SEGMENT"

    private final ThresholdSettings settings;
    private final FactsUpdater facts;
    private final SegmentStore segments;
    private final MembershipEngine memberships;
    private final Snapshots snapshots;

    public RecomputeService(
            ThresholdSettings settings,
            FactsUpdater facts,
            SegmentStore segments,
            MembershipEngine memberships,
            Snapshots snapshots) {
        this.settings = settings;
        this.facts = facts;
        this.segments = segments;
        this.memberships = memberships;
        this.snapshots = snapshots;
    }

    /** {@code everyone}: aggregate every customer again and evaluate every segment for everyone. */
    @WithTransaction
    public Uni<RecomputeResult> recompute(boolean everyone) {
        OffsetDateTime started = Utc.now();
        Stopwatch clock = new Stopwatch();
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("SELECT pg_try_advisory_xact_lock(:lock)", Boolean.class)
                        .setParameter("lock", RECOMPUTE_LOCK)
                        .getSingleResult())
                .flatMap(locked -> {
                    if (!locked) {
                        throw ProblemException.conflict("A recompute is already running; try again when it ends");
                    }
                    return settings.current();
                })
                .flatMap(current -> (everyone
                                ? Uni.createFrom().item(Optional.<OffsetDateTime>empty())
                                : facts.previousRecompute(current.version()))
                        .call(previous -> tuneSession(previous.isPresent()))
                        .call(memberships::startCandidates)
                        .flatMap(previous -> facts.aggregate(current.thresholds(), previous, started)
                                .flatMap(factsChanged -> facts.rescore(
                                                current.thresholds(), current.version(), previous, started)
                                        .flatMap(labelsChanged -> segments.active()
                                                .flatMap(active -> candidates(active, previous, started)
                                                        .flatMap(candidates -> {
                                                            long featuresMillis = clock.lap();
                                                            return refreshSegments(active, everyone, previous, started)
                                                                    .flatMap(changes -> {
                                                                        long segmentsMillis = clock.lap();
                                                                        return snapshots
                                                                                .take(started)
                                                                                .map(done -> new RecomputeResult(
                                                                                        started,
                                                                                        previous.isEmpty(),
                                                                                        clock.total(),
                                                                                        featuresMillis,
                                                                                        segmentsMillis,
                                                                                        clock.lap(),
                                                                                        factsChanged,
                                                                                        labelsChanged,
                                                                                        candidates,
                                                                                        changes.segments(),
                                                                                        changes.entered(),
                                                                                        changes.exited()));
                                                                    });
                                                        }))))));
    }

    /**
     * How many customers segments are evaluated for: those whose stored facts this recompute
     * changed and, after a previous recompute, those for whom a rule reading the clock may answer
     * differently since.
     */
    private Uni<Integer> candidates(List<Segment> active, Optional<OffsetDateTime> previous, OffsetDateTime now) {
        return previous.map(since -> memberships.addClockCandidates(active, since, now))
                .orElseGet(() -> Uni.createFrom().voidItem())
                .flatMap(done -> memberships.countCandidates());
    }

    /**
     * For this transaction only: no JIT (compiling the large label expressions took longer than
     * running them, measured) and memory for the sorts of quintiles and windows. When only some
     * customers are looked at, index lookups are priced for data in memory so they are found by
     * index rather than by scanning every order (measured: 1.5x faster; slower for everyone).
     */
    private static Uni<Object> tuneSession(boolean someCustomers) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true),"
                                + " set_config('random_page_cost', :randomPageCost, true)",
                        Object[].class)
                .setParameter("randomPageCost", someCustomers ? "1.1" : "4")
                .getSingleResult());
    }

    private record SegmentChanges(int segments, long entered, long exited) {}

    /**
     * Every active segment, referenced ones first, for the candidates; for everyone when asked, and
     * the rules that read the clock for everyone when there is no previous recompute to sweep from.
     * The segments evaluated for the candidates that do not refer to others go first, together in
     * one pass; the rest follow one by one in reference order.
     */
    private Uni<SegmentChanges> refreshSegments(
            List<Segment> active, boolean everyone, Optional<OffsetDateTime> previous, OffsetDateTime now) {
        List<Segment> ordered = SegmentOrder.evaluationOrder(active);
        Predicate<Segment> forEveryone =
                segment -> everyone || (previous.isEmpty() && segment.rule().readsClock());
        Predicate<Segment> batched = segment -> !forEveryone.test(segment)
                && segment.rule().referencedSegments().isEmpty();
        List<Segment> batch = ordered.stream().filter(batched).toList();
        AtomicLong entered = new AtomicLong();
        AtomicLong exited = new AtomicLong();
        Consumer<MembershipEngine.Changes> count = changes -> {
            entered.addAndGet(changes.entered());
            exited.addAndGet(changes.exited());
        };
        Uni<Void> chain =
                memberships.refreshCandidates(batch, now).invoke(count).replaceWithVoid();
        for (Segment segment : ordered) {
            if (!batched.test(segment)) {
                chain = chain.flatMap(done -> memberships
                        .refreshInRecompute(segment, now, forEveryone.test(segment))
                        .invoke(count)
                        .replaceWithVoid());
            }
        }
        return chain.map(done -> new SegmentChanges(ordered.size(), entered.get(), exited.get()));
    }

    /** Milliseconds since the start and since the previous lap. */
    private static final class Stopwatch {
        private final long start = System.nanoTime();
        private long lapStart = start;

        long lap() {
            long now = System.nanoTime();
            long millis = Duration.ofNanos(now - lapStart).toMillis();
            lapStart = now;
            return millis;
        }

        long total() {
            return Duration.ofNanos(System.nanoTime() - start).toMillis();
        }
    }
}
