package io.fenqun.kit.feed;

import java.util.List;

/**
 * A batch of events; {@code next} is the cursor to send as {@code after} next time, {@code head} the
 * newest position written so far (lets consumers report lag).
 */
public record FeedPage(List<FeedEvent> events, long next, long head) {}
