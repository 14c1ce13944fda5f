package io.fenqun.campaign.delivery;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The sender threads of this instance. Each claims batches until nothing is due, then pauses; all
 * coordination with other senders, here or in other replicas, happens in the database.
 */
@ApplicationScoped
public class DeliverySenders {

    private static final Logger LOG = Logger.getLogger(DeliverySenders.class);

    private final DeliveryProcessor processor;
    private final DeliveryConfig config;
    /** Names this instance's claims, so an operator can tell replicas apart. */
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public DeliverySenders(DeliveryProcessor processor, DeliveryConfig config) {
        this.processor = processor;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        running = true;
        for (int i = 0; i < config.senders(); i++) {
            String name = instance + "#" + i;
            Thread thread = new Thread(() -> loop(name), "delivery-sender-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join(config.lease().toMillis());
        }
    }

    /** Sends batches as {@code sender} until nothing is due; returns how many messages it claimed. */
    public int drain(String sender) {
        int total = 0;
        int claimed;
        do {
            claimed = await(() -> processor.processBatch(sender, config.batchSize()));
            total += claimed;
        } while (claimed > 0);
        return total;
    }

    @Scheduled(every = "${fenqun.delivery.recover-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> recoverExpired() {
        return processor
                .recoverExpired()
                .invoke(count -> {
                    if (count > 0) {
                        LOG.warnf("took back %d messages from senders whose lease ran out", count);
                    }
                })
                .replaceWithVoid();
    }

    private void loop(String sender) {
        while (running) {
            try {
                if (drain(sender) == 0) {
                    Thread.sleep(config.idlePause().toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("sender %s failed a batch, pausing: %s", sender, e);
                try {
                    Thread.sleep(config.idlePause().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
