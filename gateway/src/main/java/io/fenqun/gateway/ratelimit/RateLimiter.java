package io.fenqun.gateway.ratelimit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Rate limits per person and per API key, as token buckets in this instance's memory. With several
 * gateway replicas each enforces the limit on its own share of the traffic, so the suite-wide limit
 * is up to replicas x limit; the README says so.
 */
@ApplicationScoped
public class RateLimiter {

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public RateLimiter() {
        this(System::nanoTime);
    }

    RateLimiter(LongSupplier clock) {
        this.clock = clock;
    }

    public RateDecision take(String limitKey, int perMinute) {
        long now = clock.getAsLong();
        TokenBucket bucket = buckets.compute(
                limitKey,
                (key, existing) -> existing == null || existing.perMinute() != perMinute
                        ? new TokenBucket(perMinute, now)
                        : existing);
        return bucket.take(now);
    }

    /** Drops full buckets so memory follows the active callers, not every caller ever seen. */
    @Scheduled(every = "1m", identity = "rate-limit-cleanup")
    void forgetIdle() {
        long now = clock.getAsLong();
        buckets.values().removeIf(bucket -> bucket.full(now));
    }

    int tracked() {
        return buckets.size();
    }
}
