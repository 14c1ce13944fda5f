package io.fenqun.kit.feed;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how a consumer reads a feed: the feed's URL on the owning service, events per batch, how long
 * a poll may wait for new events and how much longer the HTTP call may take beyond that wait.
 */
public record FeedSource(URI url, int batchSize, Duration longPoll, Duration timeout) {

    public FeedSource {
        if (batchSize < 1 || batchSize > FeedResource.MAX_LIMIT) {
            throw new IllegalArgumentException("batch size must be between 1 and " + FeedResource.MAX_LIMIT);
        }
        if (longPoll.isNegative() || longPoll.toSeconds() > FeedResource.MAX_WAIT_SECONDS) {
            throw new IllegalArgumentException(
                    "long poll must be between 0 and " + FeedResource.MAX_WAIT_SECONDS + "s");
        }
    }
}
