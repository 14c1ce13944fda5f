package io.fenqun.gateway.ratelimit;

/**
 * A token bucket holding up to {@code perMinute} requests, refilled evenly over a minute: bursts up
 * to the limit, then a steady rate. Time comes in as nanoseconds so tests control the clock.
 */
final class TokenBucket {

    private static final double NANOS_PER_MINUTE = 60e9;

    private final int perMinute;
    private final double refillPerNano;
    private double tokens;
    private long last;

    TokenBucket(int perMinute, long now) {
        this.perMinute = perMinute;
        this.refillPerNano = perMinute / NANOS_PER_MINUTE;
        this.tokens = perMinute;
        this.last = now;
    }

    int perMinute() {
        return perMinute;
    }

    synchronized RateDecision take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return new RateDecision(true, 0, (int) Math.floor(tokens));
        }
        long waitNanos = (long) Math.ceil((1 - tokens) / refillPerNano);
        return new RateDecision(false, Math.max(1, (long) Math.ceil(waitNanos / 1e9)), 0);
    }

    /** True when the bucket is full again, so forgetting it changes nothing. */
    synchronized boolean full(long now) {
        refill(now);
        return tokens >= perMinute;
    }

    private void refill(long now) {
        if (now > last) {
            tokens = Math.min(perMinute, tokens + (now - last) * refillPerNano);
            last = now;
        }
    }
}
