package io.fenqun.segment.segment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Makes sure a segment exists for every built-in dimension value. Replicas may race at start: the
 * unique (dimension, value) constraint lets only one insert win.
 */
@ApplicationScoped
public class BuiltInSegmentSeeder {

    private final SegmentStore store;

    public BuiltInSegmentSeeder(SegmentStore store) {
        this.store = store;
    }

    void seed(@Observes StartupEvent ignored) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (BuiltInSegments.Definition d : BuiltInSegments.definitions()) {
                chain = chain.flatMap(
                        done -> store.insert(d.name(), null, Segment.Kind.BUILT_IN, d.dimension(), d.value(), d.rule())
                                .replaceWithVoid());
            }
            return chain;
        }));
    }
}
