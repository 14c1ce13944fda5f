package io.fenqun.kit.feed;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reads another service's feed and applies it with a durable cursor (DESIGN.md section 3). Each
 * batch is one transaction: every event not yet in the inbox goes to the handler, and the cursor
 * moves to the end of the batch, so an event takes effect exactly once even across crashes. A
 * failure rolls the batch back and the same batch is retried with backoff; nothing is ever skipped.
 *
 * <p>Each consumer polls from its own thread; the transactions run on a safe Vert.x context through
 * {@link VertxContextSupport}.
 */
public final class FeedConsumer {

    private static final Logger LOG = Logger.getLogger(FeedConsumer.class);
    static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String name;
    private final FeedSource source;
    private final FeedHandler handler;
    private final FeedCursors cursors;
    private final ServiceTokens tokens;
    /** Quarkus closes programmatically built clients at shutdown. */
    private final FeedClient client;

    private final Thread thread;

    private volatile boolean running;
    /** Read from the database before the first poll and again after a failure or a lost race. */
    private boolean cursorLoaded;

    private volatile long position;
    private volatile long head;
    private volatile OffsetDateTime oldestPendingAt;
    private volatile String lastError;

    FeedConsumer(String name, FeedSource source, FeedHandler handler, FeedCursors cursors, ServiceTokens tokens) {
        this.name = name;
        this.source = source;
        this.handler = handler;
        this.cursors = cursors;
        this.tokens = tokens;
        this.client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(source.url())
                .connectTimeout(source.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(source.longPoll().plus(source.timeout()).toMillis(), TimeUnit.MILLISECONDS)
                .build(FeedClient.class);
        this.thread = new Thread(this::run, "feed-consumer-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        running = true;
        thread.start();
    }

    /** Stops polling and waits for the thread to end; a batch cut short rolls back or commits whole. */
    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(source.longPoll().plus(source.timeout()).toMillis());
    }

    public ConsumerLag lag() {
        long applied = position;
        long behind = Math.max(head - applied, 0);
        OffsetDateTime pendingSince = oldestPendingAt;
        double seconds = behind == 0 || pendingSince == null
                ? 0
                : Math.max(Duration.between(pendingSince, OffsetDateTime.now()).toMillis(), 0) / 1000.0;
        return new ConsumerLag(name, applied, head, behind, seconds, running, lastError);
    }

    private void run() {
        Duration backoff = MIN_BACKOFF;
        while (running) {
            try {
                pollOnce();
                backoff = MIN_BACKOFF;
                lastError = null;
            } catch (Throwable e) {
                if (!running) {
                    return;
                }
                lastError = String.valueOf(e.getMessage());
                LOG.warnf("feed consumer %s failed at position %d, retrying in %s: %s", name, position, backoff, e);
                // The database may have moved on without us (a replica, a commit we did not see acknowledged).
                cursorLoaded = false;
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void pollOnce() throws Throwable {
        if (!cursorLoaded) {
            position =
                    VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> cursors.position(name)));
            cursorLoaded = true;
        }
        long after = position;
        FeedPage page = client.read(
                tokens.bearer().orElse(null),
                after,
                source.batchSize(),
                source.longPoll().toSeconds());
        head = page.head();
        if (page.events().isEmpty()) {
            return;
        }
        if (oldestPendingAt == null) {
            oldestPendingAt = page.events().get(0).occurredAt();
        }
        boolean advanced = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> cursors.advance(name, after, page.next(), page.head())
                        .flatMap(moved -> moved
                                ? applyAll(page.events()).replaceWith(true)
                                : Uni.createFrom().item(false))));
        if (!advanced) {
            LOG.infof("feed consumer %s: cursor moved elsewhere from %d, reloading it", name, after);
            cursorLoaded = false;
            return;
        }
        position = page.next();
        oldestPendingAt = position >= head
                ? null
                : page.events().get(page.events().size() - 1).occurredAt();
    }

    private Uni<Void> applyAll(List<FeedEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (FeedEvent event : events) {
            chain = chain.chain(() -> cursors.firstDelivery(name, event.id())
                    .flatMap(first ->
                            first ? handler.apply(event) : Uni.createFrom().voidItem()));
        }
        return chain;
    }
}
