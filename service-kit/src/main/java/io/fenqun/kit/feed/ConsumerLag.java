package io.fenqun.kit.feed;

/**
 * How far a consumer trails the feed it reads: events written but not yet applied, and seconds
 * since the oldest of them it has seen happened (0 when caught up).
 */
public record ConsumerLag(
        String consumer,
        long position,
        long head,
        long eventsBehind,
        double secondsBehind,
        boolean running,
        String lastError) {}
