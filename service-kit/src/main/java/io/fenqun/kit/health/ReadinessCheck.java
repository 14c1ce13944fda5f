package io.fenqun.kit.health;

import io.fenqun.kit.feed.ConsumerLag;
import io.fenqun.kit.feed.FeedConsumers;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers; the lag of each feed consumer is reported alongside. Lag does
 * not make the service unready: it still serves its own data while it catches up.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements AsyncHealthCheck {

    static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(3);

    private final Pool pool;
    private final FeedConsumers consumers;

    public ReadinessCheck(Pool pool, FeedConsumers consumers) {
        this.pool = pool;
        this.consumers = consumers;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT 1")
                .execute()
                .ifNoItem()
                .after(DATABASE_TIMEOUT)
                .fail()
                .map(rows -> withLags(HealthCheckResponse.named("database-and-feeds")
                                .up()
                                .withData("database", "reachable"))
                        .build())
                .onFailure()
                .recoverWithItem(e -> withLags(HealthCheckResponse.named("database-and-feeds")
                                .down()
                                .withData("database", "unreachable: " + e.getMessage()))
                        .build());
    }

    private HealthCheckResponseBuilder withLags(HealthCheckResponseBuilder response) {
        for (ConsumerLag lag : consumers.lags()) {
            String prefix = "feed." + lag.consumer() + ".";
            response.withData(prefix + "position", lag.position())
                    .withData(prefix + "eventsBehind", lag.eventsBehind())
                    .withData(prefix + "secondsBehind", String.valueOf(lag.secondsBehind()))
                    .withData(prefix + "running", lag.running());
            if (lag.lastError() != null) {
                response.withData(prefix + "lastError", lag.lastError());
            }
        }
        return response;
    }
}
