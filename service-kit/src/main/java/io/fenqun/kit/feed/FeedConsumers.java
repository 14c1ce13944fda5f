package io.fenqun.kit.feed;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Starts one {@link FeedConsumer} per entry of {@code fenqun.feed.consumers}, with the
 * {@link FeedHandler} bean qualified {@code @Identifier} by the same name, and reports their lag as
 * metrics ({@code fenqun.feed.consumer.lag.events}, {@code fenqun.feed.consumer.lag.seconds}).
 */
@ApplicationScoped
public class FeedConsumers {

    private final FeedConsumerConfig config;
    private final Instance<FeedHandler> handlers;
    private final FeedCursors cursors;
    private final ServiceTokens tokens;
    private final MeterRegistry metrics;
    /** The latest consumer started under each name, running or stopped. */
    private final Map<String, FeedConsumer> consumers = new ConcurrentHashMap<>();

    public FeedConsumers(
            FeedConsumerConfig config,
            @Any Instance<FeedHandler> handlers,
            FeedCursors cursors,
            ServiceTokens tokens,
            MeterRegistry metrics) {
        this.config = config;
        this.handlers = handlers;
        this.cursors = cursors;
        this.tokens = tokens;
        this.metrics = metrics;
    }

    void startConfigured(@Observes StartupEvent ignored) {
        config.consumers().forEach((name, consumer) -> {
            if (!consumer.enabled()) {
                return;
            }
            Instance<FeedHandler> handler = handlers.select(Identifier.Literal.of(name));
            if (!handler.isResolvable()) {
                throw new IllegalStateException("feed consumer " + name
                        + " is configured but there is no single FeedHandler bean with @Identifier(\"" + name + "\")");
            }
            start(name, consumer.source(), handler.get());
        });
    }

    void stopAll(@Observes ShutdownEvent ignored) throws InterruptedException {
        for (String name : consumers.keySet()) {
            stop(name);
        }
    }

    /** Starts a consumer that continues from the cursor stored under {@code name}. */
    public synchronized void start(String name, FeedSource source, FeedHandler handler) {
        FeedConsumer previous = consumers.get(name);
        if (previous != null && previous.lag().running()) {
            throw new IllegalStateException("feed consumer " + name + " is already running");
        }
        if (previous == null) {
            gauge(
                    "fenqun.feed.consumer.lag.events",
                    "Events written to the feed and not yet applied",
                    name,
                    lag -> lag.eventsBehind());
            gauge(
                    "fenqun.feed.consumer.lag.seconds",
                    "Age of the oldest event not yet applied",
                    name,
                    lag -> lag.secondsBehind());
        }
        FeedConsumer consumer = new FeedConsumer(name, source, handler, cursors, tokens);
        consumers.put(name, consumer);
        consumer.start();
    }

    /** Stops the named consumer and waits until its thread has ended. */
    public void stop(String name) throws InterruptedException {
        FeedConsumer consumer = consumers.get(name);
        if (consumer != null) {
            consumer.stop();
        }
    }

    public List<ConsumerLag> lags() {
        return consumers.values().stream()
                .map(FeedConsumer::lag)
                .sorted(Comparator.comparing(ConsumerLag::consumer))
                .toList();
    }

    private void gauge(String metric, String description, String name, ToDoubleFunction<ConsumerLag> value) {
        Gauge.builder(metric, () -> value.applyAsDouble(consumers.get(name).lag()))
                .description(description)
                .tag("consumer", name)
                .register(metrics);
    }
}
