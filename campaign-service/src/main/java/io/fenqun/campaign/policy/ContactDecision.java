package io.fenqun.campaign.policy;

import java.time.OffsetDateTime;

/** What happens to one planned message now: send it, drop it for a reason, or hold it until later. */
public sealed interface ContactDecision {

    record Send() implements ContactDecision {}

    record Exclude(Exclusion reason) implements ContactDecision {}

    /** Quiet hours or the preferred day: the message waits; {@code why} is QUIET_HOURS or PREFERRED_DAY. */
    record Defer(OffsetDateTime until, String why) implements ContactDecision {}

    ContactDecision SEND = new Send();
}
