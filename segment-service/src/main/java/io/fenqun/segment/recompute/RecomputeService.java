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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole-population recompute: features and built-in dimensions for everyone in one set-based
 * statement (with fresh RFM and value cut points), then every active segment's rule as SQL, then
 * today's snapshot. One transaction, one at a time across replicas.
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

    @WithTransaction
    public Uni<RecomputeResult> recompute() {
        OffsetDateTime started = Utc.now();
        long startNanos = System.nanoTime();
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
                .flatMap(current -> facts.updatePopulation(current.thresholds(), started))
                .flatMap(customers -> segments.active().flatMap(active -> {
                    long featuresDone = System.nanoTime();
                    List<Segment> ordered = SegmentOrder.evaluationOrder(active);
                    AtomicLong entered = new AtomicLong();
                    AtomicLong exited = new AtomicLong();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Segment segment : ordered) {
                        chain = chain.flatMap(done -> memberships
                                .refreshSegment(segment, started)
                                .invoke(changes -> {
                                    entered.addAndGet(changes.entered());
                                    exited.addAndGet(changes.exited());
                                })
                                .replaceWithVoid());
                    }
                    return chain.map(done -> System.nanoTime()).flatMap(segmentsDone -> snapshots
                            .take(started)
                            .map(done -> new RecomputeResult(
                                    started,
                                    Duration.ofNanos(System.nanoTime() - startNanos)
                                            .toMillis(),
                                    Duration.ofNanos(featuresDone - startNanos).toMillis(),
                                    Duration.ofNanos(segmentsDone - featuresDone)
                                            .toMillis(),
                                    customers,
                                    ordered.size(),
                                    entered.get(),
                                    exited.get())));
                }));
    }
}
