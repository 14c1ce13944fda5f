package io.fenqun.campaign.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Waits between attempts at a message: doubling from 30 s, capped at an hour, with jitter. */
final class Backoff {

    static final int MAX_ATTEMPTS = 6;
    private static final Duration FIRST = Duration.ofSeconds(30);
    private static final Duration LONGEST = Duration.ofHours(1);

    private Backoff() {}

    static Duration after(int attempts) {
        Duration wait = FIRST.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 10));
        if (wait.compareTo(LONGEST) > 0) {
            wait = LONGEST;
        }
        // Up to a fifth either way, so messages that failed together do not all come back together.
        long jitter =
                (long) (wait.toMillis() * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        return wait.plusMillis(jitter);
    }
}
