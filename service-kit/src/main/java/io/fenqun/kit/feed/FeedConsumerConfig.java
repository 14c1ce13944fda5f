package io.fenqun.kit.feed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The feeds this service consumes, by consumer name, e.g.
 * {@code fenqun.feed.consumers.profile.url=http://customer-profile-service:8081/api/v1/feeds/profile}.
 */
@ConfigMapping(prefix = "fenqun.feed")
public interface FeedConsumerConfig {

    Map<String, Consumer> consumers();

    interface Consumer {

        /** URL of the feed, on the service that owns it. */
        URI url();

        /** Off in tests that apply events themselves instead of polling a running service. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("100")
        int batchSize();

        @WithDefault("10s")
        Duration longPoll();

        @WithDefault("5s")
        Duration timeout();

        default FeedSource source() {
            return new FeedSource(url(), batchSize(), longPoll(), timeout());
        }
    }
}
