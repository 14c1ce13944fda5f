package io.fenqun.kit.feed;

import io.smallrye.mutiny.Uni;

/**
 * Applies one event of another service's feed to this service's own data. Implement it as a bean
 * qualified {@code @Identifier("<consumer name>")}; it runs inside the transaction that also
 * advances the consumer's cursor, so it must use the current Hibernate Reactive session and must
 * not commit anything itself.
 */
public interface FeedHandler {

    Uni<Void> apply(FeedEvent event);
}
