package io.fenqun.campaign.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** SMS and push providers ({@code fenqun.providers.sms.url=...}, {@code fenqun.providers.push.url=...}). */
@ConfigMapping(prefix = "fenqun.providers")
public interface ProviderConfig {

    @WithParentName
    Map<String, Provider> providers();

    interface Provider {

        URI url();

        /** Sent as {@code Authorization: Bearer <key>}. */
        Optional<String> apiKey();

        /** Shared with the provider; its delivery callbacks must carry it in {@code X-Callback-Token}. */
        Optional<String> callbackToken();

        @WithDefault("10s")
        Duration timeout();
    }
}
