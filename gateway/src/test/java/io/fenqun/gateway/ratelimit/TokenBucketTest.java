package io.fenqun.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsABurstUpToTheLimitThenTheSteadyRate() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(now::get);
        for (int i = 0; i < 60; i++) {
            assertTrue(limiter.take("user:a", 60).allowed());
        }
        RateDecision refused = limiter.take("user:a", 60);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
        now.addAndGet(SECOND);
        assertTrue(limiter.take("user:a", 60).allowed());
        assertFalse(limiter.take("user:a", 60).allowed());
    }

    @Test
    void retryAfterGrowsWithASlowRate() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(now::get);
        assertTrue(limiter.take("key:k", 2).allowed());
        assertTrue(limiter.take("key:k", 2).allowed());
        assertEquals(30, limiter.take("key:k", 2).retryAfterSeconds());
    }

    @Test
    void callersHaveTheirOwnBucketsAndFullOnesAreForgotten() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(now::get);
        assertTrue(limiter.take("user:a", 1).allowed());
        assertTrue(limiter.take("user:b", 1).allowed());
        assertFalse(limiter.take("user:a", 1).allowed());
        now.addAndGet(61 * SECOND);
        limiter.forgetIdle();
        assertEquals(0, limiter.tracked());
    }

    @Test
    void aChangedLimitStartsAFreshBucket() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(now::get);
        assertTrue(limiter.take("key:k", 1).allowed());
        assertFalse(limiter.take("key:k", 1).allowed());
        assertTrue(limiter.take("key:k", 5).allowed());
    }
}
