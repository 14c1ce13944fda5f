package io.fenqun.campaign.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The senders of this instance ({@code fenqun.delivery.*}). */
@ConfigMapping(prefix = "fenqun.delivery")
public interface DeliveryConfig {

    /**
     * Sender threads in this instance; 0 sends nothing (tests drive the sender themselves). A
     * sender mostly waits for the database and the providers, so a few per core keep both busy.
     */
    @WithDefault("4")
    int senders();

    /** Messages claimed at once. */
    @WithDefault("1000")
    int batchSize();

    /** How long a claim holds; a sender that has not finished by then is taken to have died. */
    @WithDefault("5m")
    Duration lease();

    /** How long an idle sender waits before looking again. */
    @WithDefault("1s")
    Duration idlePause();
}
